// The terms panel, paired with core/search/terms: the most frequent and the most distinctive
// words of the results and of the selected document, and a strip showing where a chosen word
// occurs across the corpus's documents. A word chosen can be searched; a cell of the strip opens
// its document.
#pragma once

#include <vector>

#include "core/explorer.h"
#include "ui/explorer_window.h"

namespace loupe::ui {

void draw_terms_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
