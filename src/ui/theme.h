// Colours and spacing of the interface, scaled for the display.
#pragma once

namespace loupe::ui {

// Applies the light reading theme to the current context, with sizes multiplied by `scale`.
void apply_theme(float scale);

}  // namespace loupe::ui
