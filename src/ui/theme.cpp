// Colours and spacing of the interface (see theme.h).
#include "ui/theme.h"

#include <imgui.h>

namespace loupe::ui {

void apply_theme(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(12, 12);
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 8);
  style.ScrollbarSize = 12;
  style.FrameRounding = 6;
  style.ChildRounding = 6;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 6;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;

  ImVec4* colors = style.Colors;
  colors[ImGuiCol_WindowBg] = ImVec4(0.965f, 0.965f, 0.955f, 1.0f);
  colors[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  colors[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.10f);
  colors[ImGuiCol_Text] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
  colors[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.44f, 0.48f, 1.0f);
  colors[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  colors[ImGuiCol_FrameBgHovered] = ImVec4(0.96f, 0.97f, 1.0f, 1.0f);
  colors[ImGuiCol_FrameBgActive] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  colors[ImGuiCol_Header] = ImVec4(0.18f, 0.38f, 0.80f, 0.14f);
  colors[ImGuiCol_HeaderHovered] = ImVec4(0.18f, 0.38f, 0.80f, 0.08f);
  colors[ImGuiCol_HeaderActive] = ImVec4(0.18f, 0.38f, 0.80f, 0.20f);
  style.FrameBorderSize = 1;

  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

ImU32 entity_type_color(std::string_view type) {
  if (type == "person") return IM_COL32(33, 102, 172, 255);
  if (type == "organization") return IM_COL32(118, 42, 131, 255);
  if (type == "place") return IM_COL32(27, 120, 55, 255);
  if (type == "product") return IM_COL32(230, 97, 1, 255);
  if (type == "event") return IM_COL32(202, 0, 32, 255);
  if (type == "law") return IM_COL32(140, 81, 10, 255);
  return IM_COL32(120, 120, 120, 255);
}

ImU32 quote_background_color() { return IM_COL32(66, 133, 244, 34); }
ImU32 amount_background_color() { return IM_COL32(46, 160, 67, 60); }

}  // namespace loupe::ui
