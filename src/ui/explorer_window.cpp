// The explorer's one window (see explorer_window.h).
#include "ui/explorer_window.h"

#include <imgui.h>

#include <algorithm>

#include "ui/results_panel.h"
#include "ui/fonts.h"
#include "ui/reader_panel.h"

namespace loupe::ui {
namespace {

void draw_top_bar(const Explorer& explorer) {
  const Corpus& corpus = explorer.corpus();
  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted("Loupe");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  if (!explorer.loaded()) {
    ImGui::TextDisabled("Loading the corpus\xE2\x80\xA6");
    return;
  }
  ImGui::TextDisabled("%s  \xC2\xB7  %zu documents  \xC2\xB7  %zu words", corpus.name.c_str(), corpus.documents.size(),
                      corpus.total_words());
}

}  // namespace

void draw_explorer(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Loupe", nullptr, kFlags);
  draw_top_bar(explorer);
  ImGui::Spacing();

  // Side by side on a wide window; on a narrow one (a phone, a blog column) the list sits above
  // the reader.
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const float font_size = ImGui::GetFontSize();
  const bool narrow = available.x < font_size * 44.0f;
  const ImVec2 list_size = narrow ? ImVec2(0, std::max(available.y * 0.38f, font_size * 10.0f))
                                  : ImVec2(std::min(std::max(available.x * 0.34f, font_size * 16.0f), available.x * 0.5f), 0);
  ImGui::BeginChild("documents", list_size, true);
  draw_results_panel(explorer, widgets, actions);
  ImGui::EndChild();
  if (!narrow) ImGui::SameLine();
  ImGui::BeginChild("reader", ImVec2(0, 0), true);
  draw_reader_panel(explorer);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace loupe::ui
