// The explorer's one window (see explorer_window.h).
#include "ui/explorer_window.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/concordance_panel.h"
#include "ui/entities_panel.h"
#include "ui/facets_panel.h"
#include "ui/fonts.h"
#include "ui/money_panel.h"
#include "ui/network_panel.h"
#include "ui/quotes_panel.h"
#include "ui/reader_panel.h"
#include "ui/results_panel.h"
#include "ui/terms_panel.h"

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
  ImGui::TextDisabled("%s  \xC2\xB7  %zu documents  \xC2\xB7  %zu words  \xC2\xB7  %zu entities  \xC2\xB7  %zu quotes  \xC2\xB7  %zu amounts",
                      corpus.name.c_str(), corpus.documents.size(), corpus.total_words(), corpus.entities.size(),
                      corpus.quotes.size(), corpus.amounts.size());
}

// The documents view: the results list and the reader, side by side on a wide window; on a
// narrow one (a phone, a blog column) the list sits above the reader.
void draw_documents_view(const Explorer& explorer, std::vector<Action>& actions) {
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const float font_size = ImGui::GetFontSize();
  const bool narrow = available.x < font_size * 44.0f;
  // The facets: a column on the left when there is room for three, else folded above the list.
  if (available.x >= font_size * 64.0f) {
    ImGui::BeginChild("facets", ImVec2(font_size * 14.0f, 0), true);
    draw_facets_panel(explorer, actions);
    ImGui::EndChild();
    ImGui::SameLine();
  } else if (ImGui::CollapsingHeader("Filters")) {
    ImGui::BeginChild("facets", ImVec2(0, std::min(available.y * 0.4f, font_size * 16.0f)), true);
    draw_facets_panel(explorer, actions);
    ImGui::EndChild();
  }
  const ImVec2 remaining = ImGui::GetContentRegionAvail();
  const ImVec2 list_size = narrow ? ImVec2(0, std::max(remaining.y * 0.38f, font_size * 10.0f))
                                  : ImVec2(std::min(std::max(remaining.x * 0.4f, font_size * 16.0f), remaining.x * 0.5f), 0);
  ImGui::BeginChild("documents", list_size, true);
  draw_results_panel(explorer, actions);
  ImGui::EndChild();
  if (!narrow) ImGui::SameLine();
  ImGui::BeginChild("reader", ImVec2(0, 0), true);
  draw_reader_panel(explorer, actions);
  ImGui::EndChild();
}

// One tab; follows the state's view when it changed elsewhere, and asks for its view when clicked.
bool begin_view_tab(const std::string& label, const char* view, const ExplorerState& state, bool follow_state,
                    std::vector<Action>& actions) {
  const ImGuiTabItemFlags flags = follow_state && state.view == view ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
  const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
  if (open && !follow_state && state.view != view) actions.push_back(ShowView{view});
  return open;
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

  const ExplorerState& state = explorer.state();
  draw_search_box(state, widgets, actions);
  draw_filter_chips(explorer, actions);
  ImGui::Spacing();
  const bool follow_state = widgets.shown_view != state.view;
  widgets.shown_view = state.view;
  const Corpus& corpus = explorer.corpus();
  if (ImGui::BeginTabBar("views", ImGuiTabBarFlags_FittingPolicyScroll)) {
    if (begin_view_tab("Documents###documents", "documents", state, follow_state, actions)) {
      draw_documents_view(explorer, actions);
      ImGui::EndTabItem();
    }
    if (begin_view_tab("Entities (" + std::to_string(corpus.entities.size()) + ")###entities", "entities", state, follow_state, actions)) {
      draw_entities_panel(explorer, actions);
      ImGui::EndTabItem();
    }
    if (begin_view_tab("Quotes (" + std::to_string(corpus.quotes.size()) + ")###quotes", "quotes", state, follow_state, actions)) {
      draw_quotes_panel(explorer, widgets, actions);
      ImGui::EndTabItem();
    }
    if (begin_view_tab("Money (" + std::to_string(corpus.amounts.size()) + ")###money", "money", state, follow_state, actions)) {
      draw_money_panel(explorer, actions);
      ImGui::EndTabItem();
    }
    if (begin_view_tab("Network###network", "network", state, follow_state, actions)) {
      draw_network_panel(explorer, widgets, actions);
      ImGui::EndTabItem();
    }
    if (begin_view_tab("Concordance###concordance", "concordance", state, follow_state, actions)) {
      draw_concordance_panel(explorer, widgets, actions);
      ImGui::EndTabItem();
    }
    if (begin_view_tab("Terms###terms", "terms", state, follow_state, actions)) {
      draw_terms_panel(explorer, widgets, actions);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace loupe::ui
