// The money panel (see money_panel.h).
#include "ui/money_panel.h"

#include "core/export.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "core/extract/money.h"
#include "ui/fonts.h"

namespace loupe::ui {
namespace {

// Where a dollar value falls on the bar column's log scale, from 0 to 1.
struct LogScale {
  double low = 1.0;
  double high = 10.0;
  float position(double dollars) const {
    if (dollars <= low) return 0.0f;
    return static_cast<float>(std::clamp((std::log10(dollars) - std::log10(low)) / (std::log10(high) - std::log10(low)), 0.0, 1.0));
  }
};

void draw_bar(const AmountRecord& amount, const LogScale& scale) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ImGui::GetTextLineHeight();
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  draw_list->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), IM_COL32(0, 0, 0, 12), 3.0f);
  if (amount.usd_minimum && amount.usd_maximum) {
    const float x_low = origin.x + width * scale.position(*amount.usd_minimum);
    const float x_high = origin.x + std::max(width * scale.position(*amount.usd_maximum), 3.0f);
    const bool range = *amount.usd_maximum > *amount.usd_minimum;
    if (range) {
      // A range: a pale bar up to the low end, a strong one across the range.
      draw_list->AddRectFilled(origin, ImVec2(x_low, origin.y + height), IM_COL32(46, 125, 50, 60), 3.0f);
      draw_list->AddRectFilled(ImVec2(x_low, origin.y), ImVec2(std::max(x_high, x_low + 3.0f), origin.y + height), IM_COL32(46, 125, 50, 200), 3.0f);
    } else {
      draw_list->AddRectFilled(origin, ImVec2(x_high, origin.y + height), IM_COL32(46, 125, 50, 200), 3.0f);
    }
  }
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace

void draw_money_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  const Corpus& corpus = explorer.corpus();
  if (corpus.amounts.empty()) {
    ImGui::TextDisabled("This corpus has no amounts of money: it was built without extraction (loupe build --rates).");
    return;
  }
  const std::vector<std::size_t>& amounts = explorer.amounts_in_results();
  ImGui::TextDisabled("%zu amounts in %zu documents  \xC2\xB7  US dollars at the reference rates of %s  \xC2\xB7  log scale",
                      amounts.size(), explorer.state().results.size(), corpus.rates_date.empty() ? "(no date)" : corpus.rates_date.c_str());
  if (ImGui::IsItemHovered() && !corpus.rates_source.empty()) ImGui::SetTooltip("%s", corpus.rates_source.c_str());

  LogScale scale;
  // The amounts come largest in dollars first (those with no dollar value last).
  if (!amounts.empty() && corpus.amounts[amounts.front()].usd_maximum) scale.high = std::max(scale.high, *corpus.amounts[amounts.front()].usd_maximum);
  scale.low = std::max(1.0, scale.high / 1e7);  // seven decades: from a thousand to ten billion, say

  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                     ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("money", 5, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("As written", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn("In US dollars", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableSetupColumn("Subject", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Document", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(amounts.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const std::size_t position = amounts[static_cast<std::size_t>(row)];
      const AmountRecord& amount = corpus.amounts[position];
      const Document& document = corpus.documents[amount.span.document];
      ImGui::TableNextRow();
      ImGui::PushID(static_cast<int>(position));
      ImGui::TableNextColumn();
      const std::string written(std::string_view(document.text).substr(amount.span.start, amount.span.end - amount.span.start));
      ImGui::PushFont(fonts().strong);
      if (ImGui::Selectable(written.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
        actions.push_back(SelectDocument{document.id});
        actions.push_back(ShowView{"documents"});
      }
      ImGui::PopFont();
      offer_copy(amount_as_text(explorer, position), widgets);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s %.6g \xE2\x80\x93 %.6g, in %s", amount.currency.c_str(), amount.minimum, amount.maximum, document.title.c_str());
      ImGui::TableNextColumn();
      draw_bar(amount, scale);
      ImGui::TableNextColumn();
      if (!amount.usd_maximum) {
        ImGui::TextDisabled("%s (no rate)", amount.currency.c_str());
      } else if (*amount.usd_maximum > *amount.usd_minimum) {
        const std::string low = *amount.usd_minimum > 0 ? extract::format_dollars(*amount.usd_minimum) : std::string("up to");
        ImGui::Text("%s%s%s", low.c_str(), *amount.usd_minimum > 0 ? " \xE2\x80\x93 " : " ", extract::format_dollars(*amount.usd_maximum).c_str());
      } else {
        ImGui::TextUnformatted(extract::format_dollars(*amount.usd_maximum).c_str());
      }
      ImGui::TableNextColumn();
      const std::string subject = explorer.entity_name(amount.subject);
      if (subject.empty()) {
        ImGui::TextDisabled("\xE2\x80\x94");
      } else {
        ImGui::TextUnformatted(subject.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", document.title.c_str());
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace loupe::ui
