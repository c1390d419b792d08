// The explorer's one window (see explorer_window.h).
#include "ui/explorer_window.h"

#include <imgui.h>

#include <algorithm>

#include "ui/documents_panel.h"
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

  const float available_width = ImGui::GetContentRegionAvail().x;
  const float list_width =
      std::min(std::max(available_width * 0.34f, 260.0f * ImGui::GetFontSize() / kBodyFontSize), available_width * 0.5f);
  ImGui::BeginChild("documents", ImVec2(list_width, 0), true);
  draw_documents_panel(explorer, widgets, actions);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("reader", ImVec2(0, 0), true);
  draw_reader_panel(explorer);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace loupe::ui
