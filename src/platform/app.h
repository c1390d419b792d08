// The one explorer the app runs and its status line, reachable from the page's API (page_api.cpp) and main.cpp.
#pragma once

#include <deque>
#include <string>

#include "core/explorer.h"

namespace loupe::app {

Explorer& explorer();
// Shows a line in the status bar (what a reader's files gave, for instance).
void set_status_message(const std::string& message);
const std::string& status_message();
// What keeping the notebook (or the reader's corpus) last gave: shown in the notebook panel, and
// in the status bar when it failed.
void set_storage_status(bool succeeded, const std::string& message);
// Whether the page keeps a corpus the reader opened (the notebook panel offers to forget it).
void set_own_corpus_kept(bool kept);
// Frames drawn since the start (none while idle).
long frames_drawn();
// The time of each of the last frames drawn, for the frame benchmark (milliseconds): the
// interface's (events, the panels' layout and drawing into ImGui's lists, the actions that
// follow) and the rendering's (the draw lists to OpenGL / WebGL, and presenting).
struct FrameTime {
  double interface_ms = 0.0;
  double render_ms = 0.0;
};
const std::deque<FrameTime>& frame_times();

}  // namespace loupe::app
