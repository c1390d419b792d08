// What differs between the desktop and the page, behind one interface: the window and its
// OpenGL context, the main loop, the display's pixel ratio, and telling the host we are ready.
// glfw_window.cpp holds what both share (GLFW + the Dear ImGui backends); platform_desktop.cpp
// and platform_web.cpp hold the rest, one per platform. __EMSCRIPTEN__ appears only in src/platform.
#pragma once

#include <string>
#include <vector>

namespace loupe {
class Explorer;
}

namespace loupe::platform {

// Gives the explorer its first corpus. Desktop: the bundle or text files and folders named on
// the command line (the seed articles when none are); false after printing why none could be
// read. Web: nothing to do here, the page fetches the bundle and hands it over (page_api.cpp).
bool load_startup_corpus(const std::vector<std::string>& arguments, Explorer& explorer);

// Opens the window (desktop) or binds the page's canvas (web) with an OpenGL context and the
// ImGui backends. Returns an error message, or an empty string.
std::string open_window(const char* title, int width, int height);
void close_window();

// Calls `frame` until the window closes (desktop), or once per animation frame (web; never returns).
void run(void (*frame)());

// Asks the loop to stop after this frame (desktop); the page runs as long as it is open.
void request_close();

// Display pixels per interface unit now (the devicePixelRatio on the web).
float display_scale();

// Starts an ImGui frame; false once the window has been asked to close.
bool begin_frame();
// Renders the ImGui frame and presents it.
void end_frame();
// Uploads the font atlas again after it was rebuilt.
void reload_fonts_texture();

// Tells the host that the corpus is loaded and its first frame drawn (web: resolves loupe.ready).
void announce_ready();

// Tells the host where the reader is (core/location.h), each frame; the page puts it in the URL
// and its history when it changed. The desktop has no address bar: nothing to do.
void publish_location(const std::string& fragment);

}  // namespace loupe::platform
