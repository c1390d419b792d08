// Wrapped text with highlighted stretches (search hits), drawn at the cursor. Dear ImGui's own
// wrapped text can't colour part of a line; this lays out lines with ImGui's word wrapping and
// paints a background behind each highlighted range, and behind a selection made with the mouse.
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
  std::uint32_t selection_start = 0;  // a selected stretch [selection_start, selection_end),
  std::uint32_t selection_end = 0;    // relative to the text; empty when equal
};

// A stretch of the text marked in a colour: an entity mention (underlined), a quote or an amount
// of money (a background). Offsets are relative to the start of the text drawn.
struct TextMark {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  ImU32 color = 0;
  bool underline = false;
  int id = -1;  // what draw_highlighted_text returns when the mouse is over the mark
};

// `highlights` are byte offsets relative to the start of `text`, sorted and not overlapping.
// What a caller may ask of the laid-out text: where the mouse points, where an offset lies.
struct TextProbe {
  int locate_offset = -1;        // in: an offset whose line to find (-1: none)
  float located_y = -1.0f;       // out: the screen y of that line's top, or -1
  int offset_under_mouse = -1;   // out: the character boundary nearest the mouse when the mouse
                                 // is on one of the text's lines (inside the window), or -1
};

// Returns the id of the mark under the mouse (the last one drawn there), or -1.
int draw_highlighted_text(std::string_view text, const std::vector<search::Highlight>& highlights,
                          const HighlightedTextStyle& style = {}, const std::vector<TextMark>& marks = {},
                          TextProbe* probe = nullptr);

// The highlights of a document that fall inside [start, end), made relative to start.
std::vector<search::Highlight> highlights_within(const std::vector<search::Highlight>& highlights, std::uint32_t start,
                                                 std::uint32_t end);

// The background colour of a search hit in the current theme.
ImU32 hit_background_color();

}  // namespace loupe::ui
