// Colours and spacing of the interface, scaled for the display.
#pragma once

#include <imgui.h>

#include <string_view>

namespace loupe::ui {

// The colour of an entity type ("person", "organization", ...) in the reader and the tables.
ImU32 entity_type_color(std::string_view type);
// Backgrounds of quotes and amounts of money in the reader.
ImU32 quote_background_color();
ImU32 amount_background_color();
ImU32 current_hit_color();  // the search hit that Previous and Next are at, under its highlight

// Applies the light (or dark) reading theme to the current context, with sizes multiplied by `scale`.
void apply_theme(float scale, bool dark = false);
bool is_dark_theme();

}  // namespace loupe::ui
