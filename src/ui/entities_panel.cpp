// The entities panel (see entities_panel.h).
#include "ui/entities_panel.h"

#include "core/export.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "core/extract/money.h"
#include "ui/fonts.h"
#include "ui/highlighted_text.h"
#include "ui/theme.h"

namespace loupe::ui {
namespace {

// An action that opens a document in the reader.
void open_document(const Corpus& corpus, std::size_t document, std::vector<Action>& actions) {
  actions.push_back(SelectDocument{corpus.documents[document].id});
  actions.push_back(ShowView{"documents"});
}

// The query that keeps the documents mentioning an entity.
std::string entity_query(const EntityRecord& entity) { return "entity:\"" + entity.name + "\""; }

void draw_table(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  const Corpus& corpus = explorer.corpus();
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("entities", 5, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Mentions", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort |
                                          ImGuiTableColumnFlags_PreferSortDescending, 0.8f);
  ImGui::TableSetupColumn("Documents", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_PreferSortDescending, 0.8f);
  ImGui::TableSetupColumn("Also called", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoSort, 1.6f);
  ImGui::TableHeadersRow();

  EntityColumn column = EntityColumn::Mentions;
  bool ascending = false;
  if (const ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsCount > 0) {
    constexpr EntityColumn kColumns[] = {EntityColumn::Name, EntityColumn::Type, EntityColumn::Mentions, EntityColumn::Documents};
    column = kColumns[std::min<int>(specs->Specs[0].ColumnIndex, 3)];
    ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
  }
  double progress = 0.0;
  const std::vector<EntityRow>* counted = explorer.entity_rows_if_ready(column, ascending, &progress);
  if (!counted) {
    // Counted between frames (Explorer::do_pending_work), so that the window stays responsive.
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("Counting the entities of %zu documents\xE2\x80\xA6", explorer.state().results.size());
    ImGui::TableNextColumn();
    ImGui::ProgressBar(static_cast<float>(progress), ImVec2(-1, 0));
    ImGui::EndTable();
    return;
  }
  const std::vector<EntityRow>& rows = *counted;
  const std::optional<std::size_t> selected = explorer.state().selected_entity;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int row_number = clipper.DisplayStart; row_number < clipper.DisplayEnd; ++row_number) {
      const EntityRow& row = rows[static_cast<std::size_t>(row_number)];
      const EntityRecord& entity = corpus.entities[row.entity];
      ImGui::TableNextRow();
      ImGui::PushID(static_cast<int>(row.entity));
      ImGui::TableNextColumn();
      if (ImGui::Selectable(entity.name.c_str(), selected == row.entity, ImGuiSelectableFlags_SpanAllColumns)) {
        actions.push_back(SelectEntity{entity.id});
      }
      offer_copy(entity_as_text(explorer, row.entity), widgets);
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, entity_type_color(entity.type));
      ImGui::TextUnformatted(entity.type.c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::Text("%zu", row.mentions);
      ImGui::TableNextColumn();
      ImGui::Text("%zu", row.documents);
      ImGui::TableNextColumn();
      std::string aliases;
      for (std::size_t i = 0; i < entity.aliases.size(); ++i) aliases += (i ? ", " : "") + entity.aliases[i];
      ImGui::TextDisabled("%s", aliases.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

// The sentence around a stretch of a document, the stretch highlighted; a click opens the
// document in the reader.
void draw_context_line(const Explorer& explorer, const TextSpan& span, int id, std::vector<Action>& actions) {
  const Corpus& corpus = explorer.corpus();
  const std::string& text = corpus.documents[span.document].text;
  const auto [sentence_start, sentence_end] = explorer.sentence_around(span.document, span.start);
  const std::string_view line = std::string_view(text).substr(sentence_start, sentence_end - sentence_start);
  const std::vector<search::Highlight> marked = highlights_within({{span.start, span.end}}, sentence_start, sentence_end);
  ImGui::PushID(id);
  draw_highlighted_text(line, marked, {ImGui::GetContentRegionAvail().x, 0, 0});
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("Open \"%s\" in the reader", corpus.documents[span.document].title.c_str());
  }
  if (ImGui::IsItemClicked()) open_document(corpus, span.document, actions);
  ImGui::Spacing();
  ImGui::PopID();
}

void draw_card(const Explorer& explorer, const EntityCard& card, std::vector<Action>& actions) {
  const Corpus& corpus = explorer.corpus();
  const EntityRecord& entity = corpus.entities[card.entity];
  ImGui::PushStyleColor(ImGuiCol_Text, entity_type_color(entity.type));
  ImGui::TextUnformatted(entity.type.c_str());
  ImGui::PopStyleColor();
  ImGui::PushFont(fonts().heading);
  ImGui::TextWrapped("%s", entity.name.c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("%zu mentions  \xC2\xB7  %zu quotes  \xC2\xB7  %zu amounts", card.mentions.size(), card.quotes.size(), card.amounts.size());
  if (ImGui::Button("Filter the results by it")) actions.push_back(SetQuery{entity_query(entity)});
  ImGui::Separator();

  if (!card.appears_with.empty() && ImGui::CollapsingHeader("Appears with", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < card.appears_with.size() && i < 12; ++i) {
      const auto [other, sentences] = card.appears_with[i];
      ImGui::PushID(static_cast<int>(i));
      const std::string label = corpus.entities[other].name + "  (" + std::to_string(sentences) + ")";
      if (ImGui::SmallButton(label.c_str())) actions.push_back(SelectEntity{corpus.entities[other].id});
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("In %zu sentences together", sentences);
      ImGui::PopID();
      if (i + 1 < card.appears_with.size() && i < 11) ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 8) ImGui::NewLine();
    }
  }
  if (!card.quotes.empty() && ImGui::CollapsingHeader("Quotes", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < card.quotes.size(); ++i) draw_context_line(explorer, corpus.quotes[card.quotes[i]].span, 1000 + static_cast<int>(i), actions);
  }
  if (!card.amounts.empty() && ImGui::CollapsingHeader("Money", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < card.amounts.size(); ++i) {
      const AmountRecord& amount = corpus.amounts[card.amounts[i]];
      if (amount.usd_maximum) ImGui::TextDisabled("%s", extract::format_dollars(*amount.usd_maximum).c_str());
      draw_context_line(explorer, amount.span, 2000 + static_cast<int>(i), actions);
    }
  }
  if (ImGui::CollapsingHeader("Mentions in context", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < card.mentions.size() && i < 200; ++i) draw_context_line(explorer, card.mentions[i], 3000 + static_cast<int>(i), actions);
    if (card.mentions.size() > 200) ImGui::TextDisabled("and %zu more", card.mentions.size() - 200);
  }
}

}  // namespace

void draw_entities_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  if (explorer.corpus().entities.empty()) {
    ImGui::TextDisabled("This corpus has no entities: it was built without extraction (loupe build --model).");
    return;
  }
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const bool narrow = available.x < ImGui::GetFontSize() * 44.0f;
  const ImVec2 table_size = narrow ? ImVec2(0, available.y * 0.45f) : ImVec2(available.x * 0.55f, 0);
  ImGui::BeginChild("entity table", table_size, false);
  draw_table(explorer, widgets, actions);
  ImGui::EndChild();
  if (!narrow) ImGui::SameLine();
  ImGui::BeginChild("entity card", ImVec2(0, 0), true);
  if (explorer.entity_card()) {
    draw_card(explorer, *explorer.entity_card(), actions);
  } else {
    ImGui::TextDisabled("Choose an entity to see its mentions, quotes, money and the entities it appears with.");
  }
  ImGui::EndChild();
}

}  // namespace loupe::ui
