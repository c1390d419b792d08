// The entities panel, paired with core/extract/entities: a sortable table of the entities in the
// current results (name, type, mentions, documents, aliases) beside the selected entity's card:
// its mentions in context, the quotes by it, the amounts tied to it and the entities it appears
// with. A name opens its card; the card's buttons filter the results by the entity or open a
// mention, a quote or an amount in the reader.
#pragma once

#include <vector>

#include "core/explorer.h"
#include "ui/explorer_window.h"

namespace loupe::ui {

void draw_entities_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
