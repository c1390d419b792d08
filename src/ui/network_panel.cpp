// The network panel (see network_panel.h).
#include "ui/network_panel.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImRect

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/fonts.h"
#include "ui/theme.h"

namespace loupe::ui {
namespace {

constexpr int kStepsPerFrame = 4;       // the layout settles in well under a second
constexpr std::size_t kLabelledNodes = 40;  // the most mentioned are named (where they fit); the rest on hover

ImU32 with_alpha(ImU32 color, float alpha) {
  const auto a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * static_cast<float>((color >> IM_COL32_A_SHIFT) & 0xFF));
  return (color & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

// Maps layout coordinates to the panel's pixels and back.
struct Transform {
  ImVec2 origin;  // where the layout's fitted centre lands
  float scale = 1.0f;
  float fit_x = 0.0f, fit_y = 0.0f;
  ImVec2 to_screen(network::Point point) const { return ImVec2(origin.x + (point.x - fit_x) * scale, origin.y + (point.y - fit_y) * scale); }
  network::Point to_layout(ImVec2 screen) const { return {(screen.x - origin.x) / scale + fit_x, (screen.y - origin.y) / scale + fit_y}; }
};

// Fits the view around the nodes, except while a node is held (the view would slide under it).
void fit_to_nodes(NetworkWidgets& view) {
  const auto& positions = view.layout->positions();
  if (positions.empty() || view.pressed_node >= 0) return;
  float left = positions[0].x, right = left, top = positions[0].y, bottom = top;
  for (const network::Point& point : positions) {
    left = std::min(left, point.x), right = std::max(right, point.x);
    top = std::min(top, point.y), bottom = std::max(bottom, point.y);
  }
  view.fit_x = (left + right) / 2, view.fit_y = (top + bottom) / 2;
  view.fit_extent = std::max({(right - left) / 2, (bottom - top) / 2, 0.05f});
}

void draw_legend(const Explorer& explorer, const network::Graph& graph) {
  std::vector<std::string> types;
  for (const network::Node& node : graph.nodes) {
    const std::string& type = explorer.corpus().entities[node.entity].type;
    if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
  }
  std::sort(types.begin(), types.end());
  for (const std::string& type : types) {
    ImGui::SameLine();
    const float radius = ImGui::GetFontSize() * 0.3f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(radius * 2, ImGui::GetTextLineHeight()));
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + radius, at.y + ImGui::GetTextLineHeight() / 2), radius, entity_type_color(type));
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextDisabled("%s", type.c_str());
  }
}

void draw_node_tooltip(const Explorer& explorer, const network::Graph& graph, std::size_t node) {
  const EntityRecord& entity = explorer.corpus().entities[graph.nodes[node].entity];
  ImGui::BeginTooltip();
  ImGui::PushFont(fonts().strong);
  ImGui::TextUnformatted(entity.name.c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("%s \xC2\xB7 %zu mentions in the results", entity.type.c_str(), graph.nodes[node].mentions);
  std::vector<std::pair<std::size_t, std::size_t>> shared;  // (node, sentences)
  for (const network::Edge& edge : graph.edges) {
    if (edge.from == node) shared.emplace_back(edge.to, edge.sentences);
    if (edge.to == node) shared.emplace_back(edge.from, edge.sentences);
  }
  if (shared.empty()) ImGui::TextUnformatted("Shares no sentence with the others shown.");
  for (std::size_t i = 0; i < shared.size() && i < 8; ++i) {
    ImGui::BulletText("%s  (%zu sentence%s)", explorer.corpus().entities[graph.nodes[shared[i].first].entity].name.c_str(),
                      shared[i].second, shared[i].second == 1 ? "" : "s");
  }
  if (shared.size() > 8) ImGui::TextDisabled("and %zu more", shared.size() - 8);
  ImGui::TextDisabled("Click: filter by it \xC2\xB7 right click: its card");
  ImGui::EndTooltip();
}

}  // namespace

void draw_network_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  double progress = 0.0;
  const network::Graph* counted = explorer.network_of_results_if_ready(&progress);
  if (!counted) {
    // Counted between frames (Explorer::do_pending_work), so that the window stays responsive.
    ImGui::TextDisabled("Counting who appears with whom in %zu documents\xE2\x80\xA6", explorer.state().results.size());
    ImGui::ProgressBar(static_cast<float>(progress), ImVec2(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 20), 0));
    return;
  }
  const network::Graph& graph = *counted;
  NetworkWidgets& view = widgets.network;
  if (!view.layout || view.layout_of_search != explorer.search_count()) {
    view.layout.emplace(graph);
    view.layout_of_search = explorer.search_count();
    view.pressed_node = view.menu_node = -1;
    view.zoom = 1.0f, view.pan_x = view.pan_y = 0.0f;
  }
  if (graph.nodes.empty()) {
    ImGui::TextDisabled(explorer.corpus().entities.empty()
                            ? "This corpus has no entities: build it with the entity model (loupe build --model) to see who appears with whom."
                            : "No entities are mentioned in the current results.");
    return;
  }

  // [SECTION] Toolbar: counts, legend, fit and lay out again
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%zu entities \xC2\xB7 %zu links", graph.nodes.size(), graph.edges.size());
  if (graph.entities_left_out > 0) {
    ImGui::SameLine();
    ImGui::TextDisabled("(the most mentioned; %zu more left out)", graph.entities_left_out);
  }
  draw_legend(explorer, graph);
  ImGui::SameLine();
  if (ImGui::SmallButton("Fit")) view.zoom = 1.0f, view.pan_x = view.pan_y = 0.0f;
  ImGui::SameLine();
  if (ImGui::SmallButton("Lay out again")) view.layout.emplace(graph);

  // [SECTION] Canvas: simulation, input, drawing
  for (int i = 0; i < kStepsPerFrame && view.layout->step(); ++i) {
  }
  fit_to_nodes(view);
  const ImVec2 canvas_min = ImGui::GetCursorScreenPos();
  const ImVec2 canvas_size(std::max(ImGui::GetContentRegionAvail().x, 50.0f), std::max(ImGui::GetContentRegionAvail().y, 50.0f));
  const ImVec2 canvas_max(canvas_min.x + canvas_size.x, canvas_min.y + canvas_size.y);
  ImGui::InvisibleButton("network canvas", canvas_size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const bool canvas_hovered = ImGui::IsItemHovered();
  const float font_size = ImGui::GetFontSize();
  const float margin = font_size * 2.5f;
  Transform transform;
  transform.origin = ImVec2((canvas_min.x + canvas_max.x) / 2 + view.pan_x, (canvas_min.y + canvas_max.y) / 2 + view.pan_y);
  transform.scale = std::max(1.0f, (std::min(canvas_size.x, canvas_size.y) / 2 - margin)) / view.fit_extent * view.zoom;
  transform.fit_x = view.fit_x, transform.fit_y = view.fit_y;

  std::size_t most_mentions = 1;
  for (const network::Node& node : graph.nodes) most_mentions = std::max(most_mentions, node.mentions);
  const auto radius_of = [&](std::size_t node) {
    return font_size * (0.3f + 0.7f * std::sqrt(static_cast<float>(graph.nodes[node].mentions) / static_cast<float>(most_mentions)));
  };
  const auto& positions = view.layout->positions();
  const ImGuiIO& io = ImGui::GetIO();
  int hovered = -1;
  if (canvas_hovered || view.pressed_node >= 0) {
    float nearest = font_size * 0.4f;
    for (std::size_t n = 0; n < positions.size(); ++n) {
      const ImVec2 at = transform.to_screen(positions[n]);
      const float distance = std::hypot(at.x - io.MousePos.x, at.y - io.MousePos.y) - radius_of(n);
      if (distance < nearest) nearest = distance, hovered = static_cast<int>(n);
    }
  }
  if (view.pressed_node >= 0) hovered = view.pressed_node;

  if (ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    view.pressed_node = hovered;
    view.dragged = false;
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, io.MouseDragThreshold)) view.dragged = true;
    if (view.pressed_node >= 0 && view.dragged) {
      view.layout->place(static_cast<std::size_t>(view.pressed_node), transform.to_layout(io.MousePos));
    } else if (view.pressed_node < 0) {
      view.pan_x += io.MouseDelta.x, view.pan_y += io.MouseDelta.y;
    }
  }
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && view.pressed_node >= 0) {
    if (!view.dragged) {
      const EntityRecord& entity = explorer.corpus().entities[graph.nodes[static_cast<std::size_t>(view.pressed_node)].entity];
      actions.push_back(AddFilter{facet_filter(entity.type, entity.name)});
    }
    view.pressed_node = -1;
  }
  if (canvas_hovered && hovered >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
    view.menu_node = hovered;
    ImGui::OpenPopup("network node");
  }
  if (canvas_hovered && io.MouseWheel != 0.0f) {
    // Zooms about the mouse: the point under it stays put.
    const float factor = std::pow(1.15f, io.MouseWheel);
    const float new_zoom = std::clamp(view.zoom * factor, 0.2f, 12.0f);
    const float applied = new_zoom / view.zoom;
    view.pan_x = (view.pan_x + (canvas_min.x + canvas_max.x) / 2 - io.MousePos.x) * applied + io.MousePos.x - (canvas_min.x + canvas_max.x) / 2;
    view.pan_y = (view.pan_y + (canvas_min.y + canvas_max.y) / 2 - io.MousePos.y) * applied + io.MousePos.y - (canvas_min.y + canvas_max.y) / 2;
    view.zoom = new_zoom;
  }

  std::vector<bool> highlighted(graph.nodes.size(), hovered < 0);
  if (hovered >= 0) {
    highlighted[static_cast<std::size_t>(hovered)] = true;
    for (const std::size_t neighbour : graph.neighbours(static_cast<std::size_t>(hovered))) highlighted[neighbour] = true;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(canvas_min, canvas_max, true);
  draw->AddRectFilled(canvas_min, canvas_max, ImGui::GetColorU32(ImGuiCol_ChildBg), ImGui::GetStyle().ChildRounding);
  const std::size_t heaviest = graph.edges.empty() ? 1 : graph.edges.front().sentences;
  const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
  for (const network::Edge& edge : graph.edges) {
    const float weight = static_cast<float>(edge.sentences) / static_cast<float>(heaviest);
    const bool touches = hovered >= 0 && (edge.from == static_cast<std::size_t>(hovered) || edge.to == static_cast<std::size_t>(hovered));
    const float alpha = hovered < 0 ? 0.12f + 0.4f * weight : (touches ? 0.75f : 0.04f);
    draw->AddLine(transform.to_screen(positions[edge.from]), transform.to_screen(positions[edge.to]), with_alpha(ink, alpha),
                  std::max(1.0f, font_size * (0.06f + 0.22f * weight)));
  }
  for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
    const ImVec2 at = transform.to_screen(positions[n]);
    const float radius = radius_of(n);
    const ImU32 color = entity_type_color(explorer.corpus().entities[graph.nodes[n].entity].type);
    draw->AddCircleFilled(at, radius, with_alpha(color, highlighted[n] ? 0.9f : 0.2f));
    draw->AddCircle(at, radius, with_alpha(IM_COL32_WHITE, highlighted[n] ? 1.0f : 0.3f), 0, std::max(1.0f, font_size * 0.08f));
  }
  // Labels over the edges and nodes: the most mentioned, or the hovered node's neighbourhood;
  // the hovered node's first, then by mentions, each skipped where it would cover one already drawn.
  std::vector<std::size_t> label_order;
  if (hovered >= 0) label_order.push_back(static_cast<std::size_t>(hovered));
  for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
    const bool labelled = hovered >= 0 ? highlighted[n] : n < kLabelledNodes;
    if (labelled && static_cast<int>(n) != hovered) label_order.push_back(n);
  }
  std::vector<ImRect> drawn_labels;
  for (const std::size_t n : label_order) {
    const std::string& name = explorer.corpus().entities[graph.nodes[n].entity].name;
    const ImVec2 at = transform.to_screen(positions[n]);
    const ImVec2 size = ImGui::CalcTextSize(name.c_str());
    const ImVec2 text_at(at.x - size.x / 2, at.y + radius_of(n) + font_size * 0.1f);
    const ImRect box(ImVec2(text_at.x - 3, text_at.y), ImVec2(text_at.x + size.x + 3, text_at.y + size.y));
    if (std::any_of(drawn_labels.begin(), drawn_labels.end(), [&](const ImRect& other) { return other.Overlaps(box); })) continue;
    drawn_labels.push_back(box);
    draw->AddRectFilled(ImVec2(text_at.x - 3, text_at.y), ImVec2(text_at.x + size.x + 3, text_at.y + size.y),
                        with_alpha(ImGui::GetColorU32(ImGuiCol_ChildBg), 0.75f), 3.0f);
    draw->AddText(text_at, with_alpha(ink, static_cast<int>(n) == hovered || hovered < 0 ? 1.0f : 0.8f), name.c_str());
  }
  draw->PopClipRect();
  if (hovered >= 0 && view.pressed_node < 0 && canvas_hovered) draw_node_tooltip(explorer, graph, static_cast<std::size_t>(hovered));

  if (ImGui::BeginPopup("network node")) {
    if (view.menu_node >= 0 && static_cast<std::size_t>(view.menu_node) < graph.nodes.size()) {
      const EntityRecord& entity = explorer.corpus().entities[graph.nodes[static_cast<std::size_t>(view.menu_node)].entity];
      ImGui::TextDisabled("%s", entity.name.c_str());
      if (ImGui::MenuItem("Filter the results by it")) actions.push_back(AddFilter{facet_filter(entity.type, entity.name)});
      if (ImGui::MenuItem("Open its card")) actions.push_back(SelectEntity{entity.id});
      if (ImGui::MenuItem("Search for its name")) actions.push_back(SetQuery{"\"" + entity.name + "\""});
    }
    ImGui::EndPopup();
  }
}

}  // namespace loupe::ui
