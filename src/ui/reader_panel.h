// The reader panel, paired with core/corpus: the selected document's title and text, wrapped
// to a readable line length, with the current search's hits highlighted.
#pragma once

#include <vector>

#include "core/explorer.h"
#include "ui/explorer_window.h"

namespace loupe::ui {

void draw_reader_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
