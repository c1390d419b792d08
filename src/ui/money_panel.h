// The money panel, paired with core/extract/money: every amount in the current results, largest
// first, as a table with a horizontal bar on a log scale of US dollars (a range drawn as a range),
// labelled with the amount as written and its subject; the rate table's date is shown. A click
// opens the amount's document in the reader.
#pragma once

#include <vector>

#include "core/explorer.h"
#include "ui/explorer_window.h"

namespace loupe::ui {

void draw_money_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
