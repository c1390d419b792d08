// The network panel, paired with core/network: the entities of the results as nodes (sized by
// mentions, coloured by type) joined where they share a sentence (thicker for more sentences),
// placed by the force layout, which moves a few steps per frame until it settles. Drag the
// background to pan, the wheel to zoom, a node to move it; hovering a node highlights its
// neighbours, a click filters the results by it, a right click offers its card.
#pragma once

#include <vector>

#include "core/explorer.h"
#include "ui/explorer_window.h"

namespace loupe::ui {

void draw_network_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
