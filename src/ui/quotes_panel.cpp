// The quotes panel (see quotes_panel.h).
#include "ui/quotes_panel.h"

#include "core/export.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>
#include <string_view>

#include "ui/fonts.h"
#include "ui/notebook_panel.h"

namespace loupe::ui {

namespace {

// Wrapped text cut to a number of lines (the rows all have one height, so that the list is
// virtualised); the whole text shows on hover when it was cut.
void draw_wrapped_lines(std::string_view text, int lines, ImU32 color) {
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetTextLineHeight() * static_cast<float>(lines);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec4 clip(at.x, at.y, at.x + width, at.y + height);
  ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, color, text.data(), text.data() + text.size(), width, &clip);
  ImGui::Dummy(ImVec2(width, height));
  const float full_height = ImGui::CalcTextSize(text.data(), text.data() + text.size(), false, width).y;
  if (full_height > height + 1.0f && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

}  // namespace

void draw_quotes_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  const Corpus& corpus = explorer.corpus();
  if (corpus.quotes.empty()) {
    ImGui::TextDisabled("This corpus has no quotes: it was built without extraction (loupe build --model).");
    return;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  ImGui::InputTextWithHint("##speaker", "Filter by speaker", &widgets.speaker_filter);
  const std::vector<std::size_t>& quotes = explorer.quotes_in_results(widgets.speaker_filter);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu quotes in %zu documents", quotes.size(), explorer.state().results.size());

  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("quotes", 4, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Speaker", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Quote", ImGuiTableColumnFlags_WidthStretch, 3.2f);
  ImGui::TableSetupColumn("Document", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Your note", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableHeadersRow();
  // Every row three lines high: only the rows in view are drawn, however many quotes there are.
  constexpr int kLines = 3;
  const float row_height = ImGui::GetTextLineHeight() * kLines + ImGui::GetStyle().CellPadding.y * 2;
  const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 muted_color = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(quotes.size()), row_height);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const std::size_t position = quotes[static_cast<std::size_t>(row)];
      const QuoteRecord& quote = corpus.quotes[position];
      const std::string speaker = explorer.speaker_of(quote);
      const Document& document = corpus.documents[quote.span.document];
      ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
      ImGui::PushID(static_cast<int>(position));
      ImGui::TableNextColumn();
      // The speaker's name opens the quote's document in the reader.
      ImGui::PushFont(fonts().strong);
      if (ImGui::Selectable(speaker.empty() ? "(unknown)" : speaker.c_str(), false, ImGuiSelectableFlags_SpanAllColumns,
                            ImVec2(0, row_height - ImGui::GetStyle().CellPadding.y * 2))) {
        actions.push_back(SelectDocument{document.id});
        actions.push_back(ShowView{"documents"});
      }
      ImGui::PopFont();
      offer_copy(quote_as_text(explorer, position), widgets);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open \"%s\" in the reader", document.title.c_str());
      if (!quote.role.empty()) {  // under the name, inside the selectable row
        const ImVec2 top = ImGui::GetItemRectMin();
        const float width = ImGui::GetColumnWidth();
        const ImVec2 at(top.x, top.y + ImGui::GetTextLineHeight());
        const ImVec4 clip(at.x, at.y, at.x + width, top.y + row_height - ImGui::GetStyle().CellPadding.y * 2);
        ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, muted_color, quote.role.c_str(),
                                            quote.role.c_str() + quote.role.size(), width, &clip);
      }
      ImGui::TableNextColumn();
      const std::string_view words = std::string_view(document.text).substr(quote.span.start, quote.span.end - quote.span.start);
      draw_wrapped_lines("\xE2\x80\x9C" + std::string(words) + "\xE2\x80\x9D", kLines, text_color);
      ImGui::TableNextColumn();
      draw_wrapped_lines(document.title, kLines, muted_color);
      ImGui::TableNextColumn();
      // The reader's note on the quote, two lines of it, and a button to write or edit it.
      const Note* note = explorer.notebook().find_note(document.id, quote.span.start, quote.span.end);
      if (note) draw_wrapped_lines(note->text, kLines - 1, text_color);
      if (ImGui::SmallButton(note ? "Edit" : "Add a note")) {
        edit_note(explorer, widgets, {document.id, quote.span.start, quote.span.end, std::string(words), ""});
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace loupe::ui
