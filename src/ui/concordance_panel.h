// The concordance panel, paired with core/search/concordance: keyword-in-context lines for the
// current query, aligned on the keyword in a monospaced font, sortable by the left or right
// context; a line opens its document in the reader.
#pragma once

#include <vector>

#include "core/explorer.h"
#include "ui/explorer_window.h"

namespace loupe::ui {

void draw_concordance_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
