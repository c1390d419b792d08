// The terms panel (see terms_panel.h).
#include "ui/terms_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/fonts.h"
#include "ui/highlighted_text.h"

namespace loupe::ui {
namespace {

// A list of words with their counts (and G² for distinctive ones); a click chooses the word.
void draw_term_list(const char* heading, const std::vector<search::TermScore>& terms, bool keyness,
                    WidgetState& widgets) {
  ImGui::PushFont(fonts().strong);
  ImGui::TextUnformatted(heading);
  ImGui::PopFont();
  if (terms.empty()) {
    ImGui::PushTextWrapPos(0.0f);  // the column is narrow: the sentence wraps
    ImGui::TextDisabled(keyness ? "(nothing stands out against the rest of the corpus)" : "(no words)");
    ImGui::PopTextWrapPos();
    return;
  }
  ImGui::PushID(heading);
  for (const search::TermScore& term : terms) {
    const std::string& word = term.word;
    ImGui::PushID(word.c_str());
    const std::string count = keyness ? std::to_string(term.count) + "  G\xC2\xB2 " + std::to_string(static_cast<int>(term.score)) : std::to_string(term.count);
    const float count_width = ImGui::CalcTextSize(count.c_str()).x;
    if (ImGui::Selectable(word.c_str(), widgets.chosen_term == word, ImGuiSelectableFlags_None,
                          ImVec2(ImGui::GetContentRegionAvail().x - count_width - ImGui::GetStyle().ItemSpacing.x, 0))) {
      widgets.chosen_term = word;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", count.c_str());
    ImGui::PopID();
  }
  ImGui::PopID();
}

// Where the chosen word occurs: one cell per document (in corpus order), darker where it is
// used more; a cell opens its document.
void draw_strip(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  if (widgets.chosen_term.empty()) {
    ImGui::TextDisabled("Choose a word below to see where it occurs across the documents.");
    return;
  }
  const std::vector<std::uint32_t> counts = search::occurrences_by_document(explorer.index(), widgets.chosen_term);
  if (counts.empty()) return;
  const std::uint32_t most = std::max<std::uint32_t>(1, *std::max_element(counts.begin(), counts.end()));
  std::size_t documents_with = 0;
  for (const std::uint32_t count : counts) documents_with += count > 0 ? 1 : 0;
  ImGui::Text("\xE2\x80\x9C%s\xE2\x80\x9D occurs in %zu of %zu documents", widgets.chosen_term.c_str(), documents_with, counts.size());
  ImGui::SameLine();
  if (ImGui::SmallButton("Search for it")) actions.push_back(SetQuery{widgets.chosen_term});
  // Many documents share a cell when they don't fit one pixel column each.
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetFrameHeight() * 1.2f;
  const std::size_t cells = std::max<std::size_t>(1, std::min<std::size_t>(counts.size(), static_cast<std::size_t>(width / 3.0f)));
  const float cell_width = width / static_cast<float>(cells);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  ImGui::InvisibleButton("strip", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  for (std::size_t cell = 0; cell < cells; ++cell) {
    const std::size_t first = cell * counts.size() / cells;
    const std::size_t last = std::max(first + 1, (cell + 1) * counts.size() / cells);
    std::uint32_t count = 0;
    for (std::size_t d = first; d < last; ++d) count = std::max(count, counts[d]);
    const float x = origin.x + cell_width * static_cast<float>(cell);
    const int alpha = count == 0 ? 18 : 70 + static_cast<int>(185.0f * static_cast<float>(count) / static_cast<float>(most));
    draw_list->AddRectFilled(ImVec2(x, origin.y), ImVec2(x + std::max(cell_width - 1.0f, 1.0f), origin.y + height), IM_COL32(33, 102, 172, alpha));
    if (hovered && ImGui::GetIO().MousePos.x >= x && ImGui::GetIO().MousePos.x < x + cell_width) {
      const Document& document = explorer.corpus().documents[first];
      ImGui::SetTooltip("%s%s: %u", document.title.c_str(), last - first > 1 ? " and the next ones" : "", count);
      if (ImGui::IsItemClicked()) {
        actions.push_back(SelectDocument{document.id});
        actions.push_back(ShowView{"documents"});
      }
    }
  }
}

}  // namespace

void draw_terms_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  draw_strip(explorer, widgets, actions);
  ImGui::Spacing();
  const ExplorerState& state = explorer.state();
  const bool narrow = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 44.0f;
  const int columns = narrow ? 1 : 4;
  double progress = 0.0;
  const TermsOverview* counted = explorer.terms_of_results_if_ready(&progress);
  if (!counted) {
    // Counted between frames (Explorer::do_pending_work), so that the window stays responsive.
    ImGui::TextDisabled("Counting the words of %zu documents\xE2\x80\xA6", state.results.size());
    ImGui::ProgressBar(static_cast<float>(progress), ImVec2(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 20), 0));
    return;
  }
  const TermsOverview& results = *counted;
  if (!ImGui::BeginTable("terms", columns, ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV)) return;
  const std::string results_heading = "In the " + std::to_string(state.results.size()) + " results";
  ImGui::TableNextColumn();
  draw_term_list((results_heading + ": most frequent").c_str(), results.frequent, false, widgets);
  ImGui::TableNextColumn();
  draw_term_list((results_heading + ": distinctive").c_str(), results.distinctive, true, widgets);
  if (state.selected) {
    const TermsOverview& document = explorer.terms_of_document(*state.selected);
    ImGui::TableNextColumn();
    draw_term_list("In the document read: most frequent", document.frequent, false, widgets);
    ImGui::TableNextColumn();
    draw_term_list("In the document read: distinctive", document.distinctive, true, widgets);
  }
  ImGui::EndTable();
}

}  // namespace loupe::ui
