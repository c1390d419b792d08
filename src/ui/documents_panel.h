// The documents panel, paired with core/search: the search box and the list of matching
// documents (title and word count); clicking one selects it.
#pragma once

#include <vector>

#include "core/explorer.h"
#include "ui/explorer_window.h"

namespace loupe::ui {

void draw_documents_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
