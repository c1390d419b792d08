// The results panel, paired with core/search: the count and time of the last search with its
// notes, and the ranked documents with their best passages, hits highlighted. Clicking a result
// selects it. The search box (the query language) is drawn above every view.
#pragma once

#include <vector>

#include "core/explorer.h"
#include "ui/explorer_window.h"

namespace loupe::ui {

void draw_search_box(const ExplorerState& state, WidgetState& widgets, std::vector<Action>& actions);
void draw_results_panel(const Explorer& explorer, std::vector<Action>& actions);

}  // namespace loupe::ui
