// The facets panel, paired with core/search's facets: for the current results, the people,
// organizations, places, products, events, laws and folders they mention, with how many of the
// results mention each, and toggles for "has quote" / "has money". Clicking a value adds a
// filter chip; the chips (drawn under the search box) combine with the query and each has a
// remove button, plus Clear all.
#pragma once

#include <vector>

#include "core/explorer.h"

namespace loupe::ui {

void draw_facets_panel(const Explorer& explorer, std::vector<Action>& actions);
// The filter chips of the current state, on one wrapping row; nothing when there are none.
void draw_filter_chips(const Explorer& explorer, std::vector<Action>& actions);

}  // namespace loupe::ui
