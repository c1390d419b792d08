// The explorer app, desktop and page alike: one frame() function, driven by the desktop's
// while loop or by the browser's animation frames (platform.h).
//   loupe-desktop [--frames N] [--query QUERY] [--view documents|entities|quotes|money|network|concordance|terms]
//                 [--select DOC_ID] [--entity ENTITY_ID] [--location FRAGMENT] [corpus.json | PATH...]
// (the page gets its corpus from web/page.js). --frames N closes the window after N frames (the
// desktop smoke test in scripts/test); --query opens with a search; --location opens the view a
// page's URL fragment describes (what the desktop's Share link copies).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "core/explorer.h"
#include "core/location.h"
#include "platform/app.h"
#include "platform/platform.h"
#include "ui/explorer_window.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace loupe::app {
namespace {

Explorer the_explorer;
ui::WidgetState widgets;
float fonts_scale = 0.0f;
bool ready_announced = false;
bool dark_theme = false;
long frames_drawn_so_far = 0;
std::deque<app::FrameTime> frame_milliseconds;  // of the last kFramesTimed frames drawn
constexpr std::size_t kFramesTimed = 1000;
long frame_limit = 0;  // 0: run until the window is closed
std::size_t kept_notebook_revision = 0;  // the explorer's notebook revision last kept

// Keeps the notebook after an edit or an import (platform.h says where).
void keep_notebook_when_changed() {
  if (the_explorer.notebook_revision() == kept_notebook_revision) return;
  kept_notebook_revision = the_explorer.notebook_revision();
  platform::keep_notebook(write_notebook(the_explorer.notebook()));
}

// Carries out what the interface's buttons asked for this frame (ui::PlatformRequests).
void carry_out_requests() {
  ui::PlatformRequests requests = std::exchange(widgets.requests, {});
  std::vector<std::string> paths = platform::take_dropped_paths();
  paths.insert(paths.end(), requests.open_paths.begin(), requests.open_paths.end());
  if (!paths.empty()) widgets.status_message = platform::open_paths(paths, the_explorer);
  if (requests.copy_text) widgets.status_message = platform::copy_to_clipboard(*requests.copy_text);
  if (requests.copy_link) widgets.status_message = platform::copy_view_link(location_of(the_explorer));
  if (requests.save_file) widgets.status_message = platform::save_file(requests.save_file->first, requests.save_file->second);
  if (requests.choose_files) platform::choose_files();
  if (requests.open_in_loupe) platform::open_in_new_tab(location_of(the_explorer));
  if (requests.forget_own_corpus) platform::forget_own_corpus();
  if (requests.toggle_theme) {
    dark_theme = !dark_theme;
    ui::apply_theme(fonts_scale, dark_theme);
  }
}

void frame() {
  const float scale = platform::display_scale();
  if (scale != fonts_scale) {
    ui::build_fonts(scale);
    ui::apply_theme(scale, dark_theme);
    platform::reload_fonts_texture();
    fonts_scale = scale;
  }
  if (!the_explorer.loaded() && platform::loading_is_covered()) return;  // nothing to see yet
  const auto started = std::chrono::steady_clock::now();
  if (!platform::begin_frame()) return;
  std::vector<Action> actions;
  ui::draw_explorer(the_explorer, widgets, actions);
  if (widgets.embedded) platform::publish_content_height(ui::embedded_content_height(the_explorer, widgets) / scale);
  const auto rendering = std::chrono::steady_clock::now();
  platform::end_frame();
  const auto rendered = std::chrono::steady_clock::now();
  for (const Action& action : actions) {
    const std::string problem = the_explorer.apply(action);
    if (!problem.empty()) widgets.status_message = problem;
  }
  // What a panel waits for (a large corpus's network, its terms) is carried on for what is left of
  // the interface's budget (the rendering, which may wait on the GPU, is not counted against it).
  const auto now = std::chrono::steady_clock::now();
  const auto interface_time = (rendering - started) + (now - rendered);
  const bool work_left = the_explorer.do_pending_work(now + std::max<std::chrono::steady_clock::duration>(kPendingWorkUntil - interface_time, {}));
  if (!actions.empty() || work_left || ui::wants_more_frames(widgets)) platform::wake();
  carry_out_requests();
  keep_notebook_when_changed();
  ++frames_drawn_so_far;
  if (frame_milliseconds.size() >= kFramesTimed) frame_milliseconds.pop_front();
  using Milliseconds = std::chrono::duration<double, std::milli>;
  frame_milliseconds.push_back({Milliseconds(rendering - started + (std::chrono::steady_clock::now() - rendered)).count(),
                                Milliseconds(rendered - rendering).count()});
  if (frame_limit > 0 && frames_drawn_so_far >= frame_limit) platform::request_close();
  if (the_explorer.loaded()) platform::publish_location(location_of(the_explorer));
  if (the_explorer.loaded() && !ready_announced) {
    ready_announced = true;
    platform::announce_ready();
  }
}

}  // namespace

Explorer& explorer() { return the_explorer; }
void set_status_message(const std::string& message) { widgets.status_message = message; }
const std::string& status_message() { return widgets.status_message; }
void set_storage_status(bool succeeded, const std::string& message) {
  widgets.notebook.storage_status = message;
  widgets.notebook.storage_failed = !succeeded;
  if (!succeeded) widgets.status_message = message;
  platform::wake();
}
void set_own_corpus_kept(bool kept) { widgets.notebook.own_corpus_stored = kept; }
long frames_drawn() { return frames_drawn_so_far; }
const std::deque<FrameTime>& frame_times() { return frame_milliseconds; }

}  // namespace loupe::app

int main(int argc, char** argv) {
  std::vector<std::string> arguments(argv + 1, argv + argc);
  std::vector<loupe::Action> initial_actions;
  while (arguments.size() >= 2 && (arguments[0] == "--frames" || arguments[0] == "--query" || arguments[0] == "--view" ||
                                   arguments[0] == "--select" || arguments[0] == "--entity" || arguments[0] == "--location")) {
    if (arguments[0] == "--frames") loupe::app::frame_limit = std::atol(arguments[1].c_str());
    if (arguments[0] == "--query") initial_actions.push_back(loupe::SetQuery{arguments[1]});
    if (arguments[0] == "--view") initial_actions.push_back(loupe::ShowView{arguments[1]});
    if (arguments[0] == "--select") initial_actions.push_back(loupe::SelectDocument{arguments[1]});
    if (arguments[0] == "--entity") initial_actions.push_back(loupe::SelectEntity{arguments[1]});
    if (arguments[0] == "--location") {
      for (const loupe::Action& action : loupe::actions_for_location(arguments[1])) initial_actions.push_back(action);
    }
    arguments.erase(arguments.begin(), arguments.begin() + 2);
  }
  const std::string error = loupe::platform::open_window("Loupe", 1280, 800);
  if (!error.empty()) {
    loupe::platform::announce_failure(error);
    return 1;
  }
  if (loupe::app::frame_limit > 0) loupe::platform::set_always_draw(true);
  loupe::app::widgets.embedded = loupe::platform::embedded();
  loupe::app::widgets.page_address = loupe::platform::page_address();
  loupe::app::dark_theme = loupe::platform::prefers_dark_theme();
  if (!loupe::platform::load_startup_corpus(arguments, loupe::app::explorer())) {
    loupe::platform::close_window();
    return 1;
  }
  // The notebook an earlier session kept (the desktop's; the page's arrives from page.js).
  if (const std::string kept = loupe::platform::load_kept_notebook(); !kept.empty()) {
    const std::string problem = loupe::app::explorer().load_notebook(kept, loupe::Explorer::NotebookSource::Kept);
    if (!problem.empty()) loupe::app::set_storage_status(false, "Your kept notebook could not be read (" + problem + "); it is left as it was");
  }
  for (const loupe::Action& action : initial_actions) {
    const std::string problem = loupe::app::explorer().apply(action);
    if (!problem.empty()) std::fprintf(stderr, "loupe: %s\n", problem.c_str());
  }
  loupe::platform::run(loupe::app::frame);
  loupe::platform::close_window();
  std::printf("desktop: drew %ld frames of %zu documents\n", loupe::app::frames_drawn_so_far,
              loupe::app::explorer().corpus().documents.size());
  return 0;
}
