// The quotes panel, paired with core/extract/quotes: every quotation in the current results with
// its speaker, the speaker's role and the document; a speaker filter; a click opens the quote's
// document in the reader.
#pragma once

#include <vector>

#include "core/explorer.h"
#include "ui/explorer_window.h"

namespace loupe::ui {

void draw_quotes_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
