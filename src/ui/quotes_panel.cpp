// The quotes panel (see quotes_panel.h).
#include "ui/quotes_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>
#include <string_view>

#include "core/text/unicode.h"
#include "ui/fonts.h"

namespace loupe::ui {

void draw_quotes_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  const Corpus& corpus = explorer.corpus();
  const std::vector<std::size_t> quotes = explorer.quotes_in_results();
  if (corpus.quotes.empty()) {
    ImGui::TextDisabled("This corpus has no quotes: it was built without extraction (loupe build --model).");
    return;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  ImGui::InputTextWithHint("##speaker", "Filter by speaker", &widgets.speaker_filter);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu quotes in %zu documents", quotes.size(), explorer.state().results.size());

  const std::string filter = text::fold_for_matching(widgets.speaker_filter);
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("quotes", 3, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Speaker", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Quote", ImGuiTableColumnFlags_WidthStretch, 3.2f);
  ImGui::TableSetupColumn("Document", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  for (const std::size_t position : quotes) {
    const QuoteRecord& quote = corpus.quotes[position];
    const std::string entity = explorer.entity_name(quote.speaker);
    const std::string speaker = entity.empty() ? quote.speaker_name : entity;
    if (!filter.empty() && text::fold_for_matching(speaker).find(filter) == std::string::npos &&
        text::fold_for_matching(quote.speaker_name).find(filter) == std::string::npos) {
      continue;
    }
    const Document& document = corpus.documents[quote.span.document];
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(position));
    ImGui::TableNextColumn();
    // The speaker's name opens the quote's document in the reader.
    ImGui::PushFont(fonts().strong);
    if (ImGui::Selectable(speaker.empty() ? "(unknown)" : speaker.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
      actions.push_back(SelectDocument{document.id});
      actions.push_back(ShowView{"documents"});
    }
    ImGui::PopFont();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open \"%s\" in the reader", document.title.c_str());
    if (!quote.role.empty()) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", quote.role.c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::TableNextColumn();
    const std::string_view words = std::string_view(document.text).substr(quote.span.start, quote.span.end - quote.span.start);
    const std::string shown = "\xE2\x80\x9C" + std::string(words) + "\xE2\x80\x9D";
    ImGui::TextWrapped("%s", shown.c_str());
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", document.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace loupe::ui
