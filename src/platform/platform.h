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

// Starts an ImGui frame; false once the window has been asked to close, or when nothing has
// happened since the last frames were drawn (the explorer is idle: nothing to draw; the desktop
// sleeps until an event here).
bool begin_frame();
// Asks for frames to be drawn: after an input (done here), a change from the page's API, or while
// something moves (the network's layout).
void wake();
// Draws every frame, idle or not (the desktop's --frames test mode).
void set_always_draw(bool on);
// Renders the ImGui frame and presents it.
void end_frame();
// Uploads the font atlas again after it was rebuilt.
void reload_fonts_texture();

// Tells the host that the corpus is loaded and its first frame drawn (web: resolves loupe.ready).
void announce_ready();
// Whether the host covers the window with a loading indicator of its own until announce_ready
// (web: the page's, over the canvas). No frame is then drawn before the corpus is loaded: no one
// would see it, and each kept a software renderer busy for 0.1-0.25 s while the corpus was read.
bool loading_is_covered();
// Tells the reader that the explorer cannot start, and why (desktop: on stderr; web: page.js
// shows it, saying so when the browser cannot draw with WebGL 2).
void announce_failure(const std::string& message);

// [SECTION] What the interface's buttons ask for (ui::PlatformRequests), each returning a line
// for the status bar.

// Puts text on the system clipboard (web: navigator.clipboard).
std::string copy_to_clipboard(const std::string& text);
// Share link: copies the address of the view a fragment describes (web: the page's URL with it;
// desktop: the command line that reopens this corpus at this view).
std::string copy_view_link(const std::string& fragment);
// Saves an export: a download on the web, a file next to the corpus on the desktop.
std::string save_file(const std::string& name, const std::string& contents);
// Open files on the web: the page's file chooser (its files arrive through loupe.openFiles).
void choose_files();
// Open files on the desktop, and files dropped on its window: reads them in place of the corpus,
// with extraction; the message says what was read or why nothing could be.
std::string open_paths(const std::vector<std::string>& paths, Explorer& explorer);
// Paths dropped on the desktop window since the last call (none on the web: page.js reads drops).
std::vector<std::string> take_dropped_paths();
// Opens the full explorer at a fragment in a new tab (from an embedded view).
void open_in_new_tab(const std::string& fragment);

// [SECTION] The reader's notebook and own corpus, kept between sessions

// The notebook kept by an earlier session, as its file's text ("" when there is none). Desktop:
// notebook.json in the user's data folder ($XDG_DATA_HOME/loupe, else ~/.local/share/loupe).
// Web: "" here; page.js reads IndexedDB and hands it over (loupe_notebook_load).
std::string load_kept_notebook();
// Keeps the notebook's text, and reports how it went through app::set_storage_status. Desktop:
// written to a temporary file renamed over the old one, so a failed write leaves the last
// notebook whole; reported at once. Web: page.js writes it to IndexedDB and reports when the
// write ends (loupe_storage_result).
void keep_notebook(const std::string& notebook_text);
// Web: forgets the corpus the page kept from the reader's files and loads the shipped one.
void forget_own_corpus();

// [SECTION] Where and how the page runs

// The page's address without query or fragment ("https://example.org/loupe/"), "" on the desktop.
std::string page_address();
// Whether the page runs embedded in another (?embed=1): one view, no chrome.
bool embedded();
// Whether the system asks for dark colours (prefers-color-scheme on the web).
bool prefers_dark_theme();
// Tells the host page how tall the embedded view would like to be, in CSS pixels (web/embed.js).
void publish_content_height(float css_pixels);

// Tells the host where the reader is (core/location.h), each frame; the page puts it in the URL
// and its history when it changed. The desktop has no address bar: nothing to do.
void publish_location(const std::string& fragment);

}  // namespace loupe::platform
