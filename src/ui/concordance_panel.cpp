// The concordance panel (see concordance_panel.h).
#include "ui/concordance_panel.h"

#include <imgui.h>

#include <string>
#include <string_view>

#include "ui/fonts.h"
#include "ui/highlighted_text.h"

namespace loupe::ui {
namespace {

// The end of a text that fits a width: whole UTF-8 characters dropped from the front.
std::string_view tail_that_fits(std::string_view text, float width) {
  std::size_t start = 0;
  while (start < text.size() && ImGui::CalcTextSize(text.data() + start, text.data() + text.size()).x > width) {
    ++start;
    while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) ++start;
  }
  return text.substr(start);
}

}  // namespace

void draw_concordance_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  if (explorer.state().query.empty() && explorer.state().filters.empty()) {
    ImGui::TextDisabled("Search for a word or a phrase to see every place it occurs, in its context.");
    return;
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Sort by");
  constexpr const char* kOrders[] = {"document order", "left context", "right context"};
  for (int i = 0; i < 3; ++i) {
    ImGui::SameLine();
    ImGui::RadioButton(kOrders[i], &widgets.concordance_order, i);
  }
  const auto order = static_cast<search::ConcordanceOrder>(widgets.concordance_order);
  const std::vector<search::ConcordanceLine>& lines = explorer.concordance_lines(order);
  ImGui::SameLine();
  ImGui::TextDisabled("  %zu lines%s", lines.size(), lines.size() >= kConcordanceLimit ? " (the first ones)" : "");
  if (lines.empty()) {
    ImGui::TextDisabled("No words of the query occur in the text (filters alone, or matches in titles only).");
    return;
  }

  const Corpus& corpus = explorer.corpus();
  ImGui::PushFont(fonts().mono);
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("concordance", 4, kFlags)) {
    ImGui::TableSetupScrollFreeze(0, 0);
    ImGui::TableSetupColumn("left", ImGuiTableColumnFlags_WidthStretch, 4.0f);
    ImGui::TableSetupColumn("keyword", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("right", ImGuiTableColumnFlags_WidthStretch, 4.0f);
    ImGui::TableSetupColumn("document", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(lines.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const search::ConcordanceLine& line = lines[static_cast<std::size_t>(row)];
        ImGui::TableNextRow();
        ImGui::PushID(row);
        // Left context, right-aligned against the keyword.
        ImGui::TableNextColumn();
        const float width = ImGui::GetContentRegionAvail().x;
        const std::string_view left = tail_that_fits(line.left, width);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + width - ImGui::CalcTextSize(left.data(), left.data() + left.size()).x);
        ImGui::TextUnformatted(left.data(), left.data() + left.size());
        ImGui::TableNextColumn();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImVec2 size = ImGui::CalcTextSize(line.keyword.c_str());
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x - 1, at.y), ImVec2(at.x + size.x + 1, at.y + size.y), hit_background_color(), 2.0f);
        if (ImGui::Selectable(line.keyword.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
          actions.push_back(SelectDocument{corpus.documents[line.document].id});
          actions.push_back(ShowView{"documents"});
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open \"%s\" in the reader", corpus.documents[line.document].title.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(line.right.c_str());
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", corpus.documents[line.document].id.c_str());
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopFont();
}

}  // namespace loupe::ui
