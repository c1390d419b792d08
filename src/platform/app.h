// The one explorer the app runs and its status line, reachable from the page's API (page_api.cpp) and main.cpp.
#pragma once

#include <string>

#include "core/explorer.h"

namespace loupe::app {

Explorer& explorer();
// Shows a line in the status bar (what a reader's files gave, for instance).
void set_status_message(const std::string& message);
// Frames drawn since the start (none while idle).
long frames_drawn();

}  // namespace loupe::app
