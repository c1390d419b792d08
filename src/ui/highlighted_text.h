// Wrapped text with highlighted stretches (search hits), drawn at the cursor. Dear ImGui's own
// wrapped text can't colour part of a line; this lays out lines with ImGui's word wrapping and
// paints a background behind each highlighted range.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/search/searcher.h"

namespace loupe::ui {

struct HighlightedTextStyle {
  float wrap_width = 0.0f;  // 0: to the right edge of the content region
  int max_lines = 0;        // 0: all; otherwise the last line shown ends with "…"
  ImU32 text_color = 0;     // 0: the style's text colour
};

// `highlights` are byte offsets relative to the start of `text`, sorted and not overlapping.
void draw_highlighted_text(std::string_view text, const std::vector<search::Highlight>& highlights,
                           const HighlightedTextStyle& style = {});

// The highlights of a document that fall inside [start, end), made relative to start.
std::vector<search::Highlight> highlights_within(const std::vector<search::Highlight>& highlights, std::uint32_t start,
                                                 std::uint32_t end);

// The background colour of a search hit in the current theme.
ImU32 hit_background_color();

}  // namespace loupe::ui
