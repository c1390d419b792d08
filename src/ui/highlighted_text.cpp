// Wrapped text with highlighted stretches (see highlighted_text.h).
#include "ui/highlighted_text.h"

#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <cfloat>

namespace loupe::ui {

ImU32 hit_background_color() { return IM_COL32(255, 214, 10, 110); }

std::vector<search::Highlight> highlights_within(const std::vector<search::Highlight>& highlights, std::uint32_t start,
                                                 std::uint32_t end) {
  std::vector<search::Highlight> inside;
  for (const search::Highlight& highlight : highlights) {
    if (highlight.end <= start || highlight.start >= end) continue;
    inside.push_back({std::max(highlight.start, start) - start, std::min(highlight.end, end) - start});
  }
  return inside;
}

namespace {

// The character boundary in [from, to) nearest to `x` pixels from `from`, as a pointer.
const char* boundary_nearest(ImFont* font, float font_size, const char* from, const char* to, float x) {
  float width = 0.0f;
  const char* c = from;
  while (c < to) {
    unsigned int codepoint = 0;
    const int length = ImTextCharFromUtf8(&codepoint, c, to);
    const float advance = font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, c, c + std::max(length, 1)).x;
    if (x < width + advance * 0.5f) return c;
    width += advance;
    c += std::max(length, 1);
  }
  return to;
}

}  // namespace

int draw_highlighted_text(std::string_view text, const std::vector<search::Highlight>& highlights,
                          const HighlightedTextStyle& style, const std::vector<TextMark>& marks, TextProbe* probe) {
  int hovered_mark = -1;
  if (probe) probe->offset_under_mouse = -1, probe->located_y = -1.0f;
  const ImVec2 mouse = ImGui::GetMousePos();
  const bool mouse_in_window = ImGui::IsMouseHoveringRect(ImGui::GetWindowPos(),
      ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y), false);
  ImFont* font = ImGui::GetFont();
  const float font_size = ImGui::GetFontSize();
  const float line_height = ImGui::GetTextLineHeightWithSpacing();
  const float wrap_width = style.wrap_width > 0.0f ? style.wrap_width : ImGui::GetContentRegionAvail().x;
  const ImU32 text_color = style.text_color ? style.text_color : ImGui::GetColorU32(ImGuiCol_Text);
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float visible_top = draw_list->GetClipRectMin().y - line_height;
  const float visible_bottom = draw_list->GetClipRectMax().y;

  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* line_start = begin;
  int line = 0;
  float y = origin.y;
  auto width_of = [&](const char* from, const char* to) { return font->CalcTextSizeA(font_size, FLT_MAX, 0.0f, from, to).x; };
  while (line_start < end) {
    const char* line_end = font->CalcWordWrapPositionA(font_size / font->FontSize, line_start, end, wrap_width);
    if (line_end <= line_start) line_end = line_start + 1;
    for (const char* c = line_start; c < line_end; ++c) {
      if (*c == '\n') {
        line_end = c;
        break;
      }
    }
    const bool last_allowed = style.max_lines > 0 && line + 1 == style.max_lines;
    const bool truncated = last_allowed && line_end < end;
    if (y >= visible_top && y <= visible_bottom) {
      const auto line_offset = static_cast<std::uint32_t>(line_start - begin);
      const auto line_end_offset = static_cast<std::uint32_t>(line_end - begin);
      if (style.selection_end > style.selection_start && style.selection_end > line_offset && style.selection_start <= line_end_offset) {
        const float x0 = origin.x + width_of(line_start, begin + std::max(style.selection_start, line_offset));
        float x1 = origin.x + width_of(line_start, begin + std::min(style.selection_end, line_end_offset));
        if (style.selection_end > line_end_offset) x1 += font_size * 0.3f;  // the space the line wraps at
        draw_list->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + line_height), ImGui::GetColorU32(ImGuiCol_TextSelectedBg));
      }
      if (probe && mouse_in_window && mouse.y >= y && mouse.y < y + line_height) {
        probe->offset_under_mouse = static_cast<int>(boundary_nearest(font, font_size, line_start, line_end, mouse.x - origin.x) - begin);
      }
      for (const TextMark& mark : marks) {
        if (mark.end <= line_offset || mark.start >= line_end_offset) continue;
        const float x0 = origin.x + width_of(line_start, begin + std::max(mark.start, line_offset));
        const float x1 = origin.x + width_of(line_start, begin + std::min(mark.end, line_end_offset));
        if (mark.underline) {
          draw_list->AddRectFilled(ImVec2(x0, y + font_size + 1), ImVec2(x1, y + font_size + 3), mark.color);
        } else {
          draw_list->AddRectFilled(ImVec2(x0 - 1, y), ImVec2(x1 + 1, y + font_size + 1), mark.color, 2.0f);
        }
        if (mark.id >= 0 && ImGui::IsMouseHoveringRect(ImVec2(x0, y), ImVec2(x1, y + line_height)) && ImGui::IsWindowHovered()) hovered_mark = mark.id;
      }
      for (const search::Highlight& highlight : highlights) {
        if (highlight.end <= line_offset || highlight.start >= line_end_offset) continue;
        const char* from = begin + std::max(highlight.start, line_offset);
        const char* to = begin + std::min(highlight.end, line_end_offset);
        const float x0 = origin.x + width_of(line_start, from);
        const float x1 = origin.x + width_of(line_start, to);
        draw_list->AddRectFilled(ImVec2(x0 - 1, y), ImVec2(x1 + 1, y + font_size + 1), hit_background_color(), 2.0f);
      }
      draw_list->AddText(font, font_size, ImVec2(origin.x, y), text_color, line_start, line_end);
      if (truncated) draw_list->AddText(font, font_size, ImVec2(origin.x + width_of(line_start, line_end), y), text_color, " \xE2\x80\xA6");
    }
    if (probe && probe->locate_offset >= line_start - begin && probe->locate_offset <= line_end - begin && probe->located_y < 0) {
      probe->located_y = y;
    }
    y += line_height;
    ++line;
    if (last_allowed) break;
    // Skip the space or line break the line was wrapped at.
    line_start = line_end;
    while (line_start < end && (*line_start == ' ' || *line_start == '\n')) {
      const bool newline = *line_start == '\n';
      ++line_start;
      if (newline) break;
    }
  }
  ImGui::Dummy(ImVec2(wrap_width, std::max(y - origin.y, line_height) - ImGui::GetStyle().ItemSpacing.y));
  return hovered_mark;
}

}  // namespace loupe::ui
