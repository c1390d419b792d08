// The results panel (see results_panel.h).
#include "ui/results_panel.h"

#include <imgui.h>
#include <imgui_internal.h>  // RenderTextEllipsis
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/fonts.h"
#include "ui/highlighted_text.h"

namespace loupe::ui {

void draw_search_box(const ExplorerState& state, WidgetState& widgets, std::vector<Action>& actions) {
  // The box follows the state when the query changed elsewhere (the page's API, a link), even
  // while it is being edited: ImGui keeps its own copy of an active box's text, so the new text
  // is put in through the callback.
  const bool changed_elsewhere = state.query != widgets.synced_query;
  if (changed_elsewhere) {
    widgets.search_text = state.query;
    widgets.synced_query = state.query;
  }
  auto replace_text = [](ImGuiInputTextCallbackData* data) {
    const auto* text = static_cast<const std::string*>(data->UserData);
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, text->c_str(), text->c_str() + text->size());
    return 0;
  };
  // "/" or Ctrl+K, typed anywhere but in a text box, puts the cursor in the search box (GLFW's
  // key codes for letters are their upper-case ASCII codes).
  const ImGuiIO& io = ImGui::GetIO();
  const bool slash_typed = !io.WantTextInput && std::find(io.InputQueueCharacters.begin(), io.InputQueueCharacters.end(), '/') !=
                                                     io.InputQueueCharacters.end();
  if (slash_typed || (io.KeyCtrl && ImGui::IsKeyPressed('K', false))) ImGui::SetKeyboardFocusHere();
  const float help_width = ImGui::GetFrameHeight();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - help_width - ImGui::GetStyle().ItemSpacing.x);
  const ImGuiInputTextFlags flags = changed_elsewhere ? ImGuiInputTextFlags_CallbackAlways : ImGuiInputTextFlags_None;
  const std::string replacement = widgets.search_text;
  if (ImGui::InputTextWithHint("##search", "Search: words, \"phrases\", prefix*, -word, OR", &widgets.search_text, flags,
                               changed_elsewhere ? +replace_text : nullptr, const_cast<std::string*>(&replacement)) &&
      widgets.search_text != widgets.synced_query) {
    widgets.synced_query = widgets.search_text;
    actions.push_back(SetQuery{widgets.search_text});
  }
  ImGui::SameLine();
  if (ImGui::Button("?", ImVec2(help_width, 0))) ImGui::OpenPopup("query language");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The query language (/ or Ctrl+K to search)");
  if (ImGui::BeginPopup("query language")) {
    constexpr const char* kExamples[][2] = {
        {"mistral meta", "both words (any form: invest finds investing, investment)"},
        {"=investing", "this exact form only"},
        {"\"open source\"", "the words in this order"},
        {"hassab*", "words starting with hassab"},
        {"mistral -openai", "with mistral, without openai"},
        {"lecun OR qlik", "either word; ( ) group"},
        {"entity:\"Mike Capone\"", "documents that mention an entity (by any of its names)"},
        {"type:person", "documents that mention a person (organization, place, product, event, law)"},
        {"has:quote  has:money", "documents with a quotation, with an amount of money"},
        {"doc:sport", "a document, or a folder of documents"},
    };
    ImGui::TextDisabled("Search with words and these forms; a word with no match falls back to close spellings.");
    if (ImGui::BeginTable("examples", 2, ImGuiTableFlags_RowBg)) {
      for (const auto& [query, meaning] : kExamples) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushFont(fonts().mono);
        ImGui::TextUnformatted(query);
        ImGui::PopFont();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(meaning);
      }
      ImGui::EndTable();
    }
    ImGui::EndPopup();
  }
}

namespace {

void draw_status(const Explorer& explorer, std::vector<Action>& actions) {
  const search::SearchResult& result = explorer.search_result();
  const ExplorerState& state = explorer.state();
  ImGui::TextDisabled("%zu of %zu documents  \xC2\xB7  %.2f ms", result.hits.size(), explorer.corpus().documents.size(),
                      result.took_ms);
  const bool by_relevance = state.sort == search::SortOrder::Relevance;
  const char* sort_label = by_relevance ? "By relevance" : "In document order";
  ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::CalcTextSize(sort_label).x - ImGui::GetStyle().FramePadding.x * 2);
  if (ImGui::SmallButton(sort_label)) {
    actions.push_back(SetSort{by_relevance ? search::SortOrder::DocumentOrder : search::SortOrder::Relevance});
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to sort %s", by_relevance ? "in document order" : "by relevance");
  for (const std::string& note : result.notes) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(150, 90, 0, 255));
    ImGui::TextWrapped("%s", note.c_str());
    ImGui::PopStyleColor();
  }
}

// One result: title (hits highlighted), word count and id, and two lines of its best passages.
void draw_result_row(const Explorer& explorer, std::size_t hit_number, std::vector<Action>& actions) {
  const ExplorerState& state = explorer.state();
  const std::size_t position = state.results[hit_number];
  const Document& document = explorer.corpus().documents[position];
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 padding(style.FramePadding.x, style.FramePadding.y);
  const float row_height = line * 4 + padding.y * 2;

  const ImVec2 row_start = ImGui::GetCursorScreenPos();
  if (ImGui::Selectable("##result", state.selected == position, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(0, row_height))) {
    actions.push_back(SelectDocument{document.id});
  }
  const float width = ImGui::GetItemRectMax().x - row_start.x - padding.x * 2;
  ImGui::SetCursorScreenPos(ImVec2(row_start.x + padding.x, row_start.y + padding.y));
  ImGui::PushClipRect(ImVec2(row_start.x, row_start.y), ImVec2(row_start.x + padding.x + width, row_start.y + row_height), true);
  draw_highlighted_text(document.title, explorer.title_highlights(position), {width, 1, 0});
  ImGui::SetCursorScreenPos(ImVec2(row_start.x + padding.x, row_start.y + padding.y + line));
  char detail[200];
  std::snprintf(detail, sizeof detail, "%s  \xC2\xB7  %zu words", document.id.c_str(), document.word_count);
  ImGui::TextDisabled("%s", detail);

  // The passages, joined with an ellipsis, on two lines.
  std::string snippet;
  std::vector<search::Highlight> highlights;
  for (const search::Passage& passage : explorer.passages_of_hit(hit_number)) {
    if (!snippet.empty() || passage.cut_before) snippet += snippet.empty() ? "\xE2\x80\xA6 " : " \xE2\x80\xA6 ";
    const auto base = static_cast<std::uint32_t>(snippet.size());
    snippet += document.text.substr(passage.start, passage.end - passage.start);
    for (const search::Highlight& highlight : passage.highlights) {
      highlights.push_back({base + highlight.start - passage.start, base + highlight.end - passage.start});
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(row_start.x + padding.x, row_start.y + padding.y + line * 2));
  draw_highlighted_text(snippet, highlights, {width, 2, ImGui::GetColorU32(ImGuiCol_Text, 0.8f)});
  ImGui::PopClipRect();
  ImGui::SetCursorScreenPos(ImVec2(row_start.x, row_start.y + row_height + style.ItemSpacing.y));
  ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace

void draw_results_panel(const Explorer& explorer, std::vector<Action>& actions) {
  draw_status(explorer, actions);
  ImGui::Separator();

  // Up and down move through the results while the list has the keyboard.
  if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !ImGui::GetIO().WantTextInput) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) actions.push_back(MoveSelection{1});
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) actions.push_back(MoveSelection{-1});
  }
  ImGui::BeginChild("result list");
  ImGuiListClipper clipper;
  const float row_height = ImGui::GetTextLineHeightWithSpacing() * 4 + ImGui::GetStyle().FramePadding.y * 2 +
                           ImGui::GetStyle().ItemSpacing.y;
  clipper.Begin(static_cast<int>(explorer.state().results.size()), row_height);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      ImGui::PushID(row);
      draw_result_row(explorer, static_cast<std::size_t>(row), actions);
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

}  // namespace loupe::ui
