// The explorer's one window, filling the display: a top bar with the corpus's counts, the search
// box and filter chips, and the views as tabs: Documents (facets, results, reader), Entities,
// Quotes, Money, Concordance. Panels read the Explorer's state and append Actions; the caller
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
  std::string shown_view;    // the tab last shown, to follow a view changed elsewhere
  std::string speaker_filter;  // the quotes panel's filter
  int concordance_order = 0;   // search::ConcordanceOrder: document, left, right
};

void draw_explorer(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
