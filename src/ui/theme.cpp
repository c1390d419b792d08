// Colours and spacing of the interface (see theme.h).
#include "ui/theme.h"

#include <imgui.h>

namespace loupe::ui {
namespace {

bool dark_theme = false;

// The dark theme's colours: dark grey surfaces, light text, the same blue accents brightened.
void set_dark_colors(ImVec4* colors) {
  colors[ImGuiCol_WindowBg] = ImVec4(0.090f, 0.095f, 0.105f, 1.0f);
  colors[ImGuiCol_ChildBg] = ImVec4(0.125f, 0.130f, 0.145f, 1.0f);
  colors[ImGuiCol_PopupBg] = ImVec4(0.150f, 0.155f, 0.170f, 0.98f);
  colors[ImGuiCol_Border] = ImVec4(1.0f, 1.0f, 1.0f, 0.10f);
  colors[ImGuiCol_Text] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
  colors[ImGuiCol_TextDisabled] = ImVec4(0.60f, 0.62f, 0.66f, 1.0f);
  colors[ImGuiCol_FrameBg] = ImVec4(0.16f, 0.17f, 0.19f, 1.0f);
  colors[ImGuiCol_FrameBgHovered] = ImVec4(0.20f, 0.22f, 0.26f, 1.0f);
  colors[ImGuiCol_FrameBgActive] = ImVec4(0.18f, 0.19f, 0.22f, 1.0f);
  colors[ImGuiCol_Header] = ImVec4(0.35f, 0.55f, 0.95f, 0.28f);
  colors[ImGuiCol_HeaderHovered] = ImVec4(0.35f, 0.55f, 0.95f, 0.18f);
  colors[ImGuiCol_HeaderActive] = ImVec4(0.35f, 0.55f, 0.95f, 0.36f);
}

}  // namespace

bool is_dark_theme() { return dark_theme; }

void apply_theme(float scale, bool dark) {
  dark_theme = dark;
  ImGuiStyle style;
  if (dark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
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
  if (dark) set_dark_colors(colors);
  style.FrameBorderSize = 1;

  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

ImU32 entity_type_color(std::string_view type) {
  if (dark_theme) {  // lighter tones of the same hues, readable on dark grey
    if (type == "person") return IM_COL32(110, 168, 240, 255);
    if (type == "organization") return IM_COL32(196, 130, 220, 255);
    if (type == "place") return IM_COL32(102, 196, 120, 255);
    if (type == "product") return IM_COL32(250, 150, 70, 255);
    if (type == "event") return IM_COL32(245, 100, 110, 255);
    if (type == "law") return IM_COL32(210, 165, 95, 255);
    return IM_COL32(165, 165, 170, 255);
  }
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
ImU32 current_hit_color() { return IM_COL32(255, 140, 0, 200); }

}  // namespace loupe::ui
