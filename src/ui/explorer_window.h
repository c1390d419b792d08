// The explorer's one window: a top bar, the documents panel on the left and the reader on the
// right, filling the display. Panels read the Explorer's state and append Actions; the caller
// applies them after the frame, so drawing never changes state.
#pragma once

#include <string>
#include <vector>

#include "core/explorer.h"

namespace loupe::ui {

// Widget state that only the interface needs (text being typed), kept between frames.
struct WidgetState {
  std::string search_text;
  std::string synced_query;  // the query the search box last showed, to notice outside changes
};

void draw_explorer(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
