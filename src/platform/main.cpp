// The explorer app, desktop and page alike: one frame() function, driven by the desktop's
// while loop or by the browser's animation frames (platform.h).
//   loupe-desktop [--frames N] [--query QUERY] [--view documents|entities|quotes|money|concordance|terms|network] [--select DOC_ID] [--entity ENTITY_ID] [corpus.json | PATH...]
// (the page gets its corpus from web/page.js). --frames N closes the window after N frames (the
// desktop smoke test in scripts/test); --query opens with a search.
#include <cstdio>
#include <cstdlib>
#include <string>
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
long frames_drawn = 0;
long frame_limit = 0;  // 0: run until the window is closed

void frame() {
  const float scale = platform::display_scale();
  if (scale != fonts_scale) {
    ui::build_fonts(scale);
    ui::apply_theme(scale);
    platform::reload_fonts_texture();
    fonts_scale = scale;
  }
  if (!platform::begin_frame()) return;
  std::vector<Action> actions;
  ui::draw_explorer(the_explorer, widgets, actions);
  platform::end_frame();
  for (const Action& action : actions) the_explorer.apply(action);
  ++frames_drawn;
  if (frame_limit > 0 && frames_drawn >= frame_limit) platform::request_close();
  if (the_explorer.loaded()) platform::publish_location(location_of(the_explorer));
  if (the_explorer.loaded() && !ready_announced) {
    ready_announced = true;
    platform::announce_ready();
  }
}

}  // namespace

Explorer& explorer() { return the_explorer; }

}  // namespace loupe::app

int main(int argc, char** argv) {
  std::vector<std::string> arguments(argv + 1, argv + argc);
  std::vector<loupe::Action> initial_actions;
  while (arguments.size() >= 2 && (arguments[0] == "--frames" || arguments[0] == "--query" || arguments[0] == "--view" ||
                                   arguments[0] == "--select" || arguments[0] == "--entity")) {
    if (arguments[0] == "--frames") loupe::app::frame_limit = std::atol(arguments[1].c_str());
    if (arguments[0] == "--query") initial_actions.push_back(loupe::SetQuery{arguments[1]});
    if (arguments[0] == "--view") initial_actions.push_back(loupe::ShowView{arguments[1]});
    if (arguments[0] == "--select") initial_actions.push_back(loupe::SelectDocument{arguments[1]});
    if (arguments[0] == "--entity") initial_actions.push_back(loupe::SelectEntity{arguments[1]});
    arguments.erase(arguments.begin(), arguments.begin() + 2);
  }
  const std::string error = loupe::platform::open_window("Loupe", 1280, 800);
  if (!error.empty()) {
    std::fprintf(stderr, "loupe: %s\n", error.c_str());
    return 1;
  }
  if (!loupe::platform::load_startup_corpus(arguments, loupe::app::explorer())) {
    loupe::platform::close_window();
    return 1;
  }
  for (const loupe::Action& action : initial_actions) {
    const std::string problem = loupe::app::explorer().apply(action);
    if (!problem.empty()) std::fprintf(stderr, "loupe: %s\n", problem.c_str());
  }
  loupe::platform::run(loupe::app::frame);
  loupe::platform::close_window();
  std::printf("desktop: drew %ld frames of %zu documents\n", loupe::app::frames_drawn,
              loupe::app::explorer().corpus().documents.size());
  return 0;
}
