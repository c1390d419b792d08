// The one explorer the app runs, reachable from the page's API (page_api.cpp) and main.cpp.
#pragma once

#include "core/explorer.h"

namespace loupe::app {

Explorer& explorer();

}  // namespace loupe::app
