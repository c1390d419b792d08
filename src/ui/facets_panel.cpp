// The facets panel and the filter chips (see facets_panel.h).
#include "ui/facets_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/fonts.h"
#include "ui/theme.h"

namespace loupe::ui {
namespace {

struct FacetHeading {
  const char* facet;
  const char* heading;
};
constexpr FacetHeading kHeadings[] = {{"person", "People"},   {"organization", "Organizations"}, {"place", "Places"},
                                      {"product", "Products"}, {"event", "Events"},               {"law", "Laws"},
                                      {"other", "Other"},      {"folder", "Documents by folder"}};
constexpr std::size_t kValuesShown = 8;

bool is_active(const ExplorerState& state, const std::string& term) {
  return std::find(state.filters.begin(), state.filters.end(), term) != state.filters.end();
}

}  // namespace

void draw_facets_panel(const Explorer& explorer, std::vector<Action>& actions) {
  const ExplorerState& state = explorer.state();
  const std::vector<search::Facet>& facets = explorer.search_result().facets;
  // "has quote" and "has money" first, as toggles.
  for (const search::Facet& facet : facets) {
    if (facet.name != "has") continue;
    for (const search::FacetValue& value : facet.values) {
      const std::string term = facet_filter(facet.name, value.value);
      bool on = is_active(state, term);
      const std::string label = "has " + value.value + " (" + std::to_string(value.count) + ")";
      if (ImGui::Checkbox(label.c_str(), &on)) {
        if (on) {
          actions.push_back(AddFilter{term});
        } else {
          const auto position = std::find(state.filters.begin(), state.filters.end(), term) - state.filters.begin();
          actions.emplace_back(std::in_place_type<RemoveFilter>, RemoveFilter{static_cast<std::size_t>(position)});
        }
      }
    }
  }
  ImGui::Spacing();
  for (const FacetHeading& heading : kHeadings) {
    const auto facet = std::find_if(facets.begin(), facets.end(), [&](const search::Facet& f) { return f.name == heading.facet; });
    if (facet == facets.end() || facet->values.empty()) continue;
    if (!ImGui::CollapsingHeader(heading.heading, ImGuiTreeNodeFlags_DefaultOpen)) continue;
    ImGui::PushID(heading.facet);
    for (std::size_t i = 0; i < facet->values.size() && i < kValuesShown; ++i) {
      const search::FacetValue& value = facet->values[i];
      const std::string term = facet_filter(facet->name, value.value);
      ImGui::PushID(static_cast<int>(i));
      const bool active = is_active(state, term);
      // The count on the right, the name (coloured by type) taking the rest of the line.
      const std::string count = std::to_string(value.count);
      const float count_width = ImGui::CalcTextSize(count.c_str()).x;
      if (heading.facet != std::string("folder")) ImGui::PushStyleColor(ImGuiCol_Text, entity_type_color(heading.facet));
      if (ImGui::Selectable(value.value.c_str(), active, ImGuiSelectableFlags_None,
                            ImVec2(ImGui::GetContentRegionAvail().x - count_width - ImGui::GetStyle().ItemSpacing.x, 0)) &&
          !active && !term.empty()) {
        actions.push_back(AddFilter{term});
      }
      if (heading.facet != std::string("folder")) ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%zu of the results; click to keep only those", value.count);
      ImGui::SameLine();
      ImGui::TextDisabled("%s", count.c_str());
      ImGui::PopID();
    }
    if (facet->values.size() > kValuesShown) ImGui::TextDisabled("and %zu more", facet->values.size() - kValuesShown);
    ImGui::PopID();
  }
}

void draw_filter_chips(const Explorer& explorer, std::vector<Action>& actions) {
  const ExplorerState& state = explorer.state();
  if (state.filters.empty()) return;
  const float right_edge = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  for (std::size_t i = 0; i < state.filters.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const std::string label = state.filters[i] + "  \xC3\x97";  // ×
    const float width = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + width > right_edge) ImGui::NewLine();
    }
    if (ImGui::SmallButton(label.c_str())) actions.emplace_back(std::in_place_type<RemoveFilter>, RemoveFilter{i});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this filter");
    ImGui::PopID();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear all")) actions.emplace_back(std::in_place_type<ClearFilters>);
}

}  // namespace loupe::ui
