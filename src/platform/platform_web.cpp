// The web platform: Emscripten's GLFW on the page's canvas with a WebGL 2 context, driven by the
// browser's animation frames. The canvas's backing store follows its CSS size times the
// devicePixelRatio, so the interface is drawn at the display's full resolution.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <imgui.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "platform/glfw_window_internal.h"
#include "platform/platform.h"

namespace loupe::platform {

void set_context_hints() {
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
}

const char* glsl_version() { return "#version 300 es"; }

namespace {

// Strings from the page (malloc'ed by allocateUTF8), taken over and freed.
std::string take_page_string(char* text) {
  std::string value = text ? text : "";
  std::free(text);
  return value;
}

// ImGui's clipboard on the page: copies go to navigator.clipboard; a paste reads what the
// page's paste event stored (page.js), as the browser lets a page read the clipboard only then.
void set_page_clipboard(void*, const char* text) {
  EM_ASM({ if (Module.onLoupeCopy) Module.onLoupeCopy(UTF8ToString($0)); }, text);
}

const char* get_page_clipboard(void*) {
  static std::string pasted;
  pasted = take_page_string(reinterpret_cast<char*>(static_cast<std::intptr_t>(EM_ASM_INT({ return allocateUTF8(Module.loupePastedText || ""); }))));
  return pasted.c_str();
}

// The phone keyboard's bridge (page.js): a key it presses is held for one frame, then released.
int key_held = -1;
int frames_to_hold = 0;

// Tells the page when a text field gains or loses the keyboard, so that on a touch screen it
// can focus its hidden input and the on-screen keyboard comes up.
void publish_text_input(bool wanted) {
  static bool published = false;
  if (wanted == published) return;
  published = wanted;
  EM_ASM({ if (Module.onLoupeTextInput) Module.onLoupeTextInput($0 !== 0); }, wanted ? 1 : 0);
}

}  // namespace

void before_frame() {
  ImGuiIO& io = ImGui::GetIO();
  publish_text_input(io.WantTextInput);
  if (key_held >= 0 && frames_to_hold-- <= 0) {
    io.KeysDown[key_held] = false;
    key_held = -1;
  }
  io.SetClipboardTextFn = set_page_clipboard;
  io.GetClipboardTextFn = get_page_clipboard;
  // Emscripten's GLFW turns cursor modes into pointer-lock calls, which fail in mobile browsers:
  // the page keeps the browser's own cursor.
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;

  double css_width = 0;
  double css_height = 0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  const double ratio = emscripten_get_device_pixel_ratio();
  const int width = static_cast<int>(std::lround(css_width * ratio));
  const int height = static_cast<int>(std::lround(css_height * ratio));
  int current_width = 0;
  int current_height = 0;
  glfwGetWindowSize(glfw_window(), &current_width, &current_height);
  if (width > 0 && height > 0 && (width != current_width || height != current_height)) {
    // Not glfwSetWindowSize: Emscripten's GLFW asks for fullscreen with pointer lock when the size
    // equals the screen's (a maximised window at a pixel ratio of 1). Resizing the canvas through
    // Browser tells GLFW (and so ImGui) the new size the same way, without that.
    EM_ASM({ Browser.setCanvasSize($0, $1); }, width, height);
    wake();
  }
}

void wait_for_events(double) {}

}  // namespace loupe::platform

// Called by page.js's keyboard bridge: text typed on the on-screen keyboard, and a key it can
// only report through its input events (Backspace: GLFW_KEY_BACKSPACE).
extern "C" {
EMSCRIPTEN_KEEPALIVE void loupe_type_text(const char* text) {
  ImGui::GetIO().AddInputCharactersUTF8(text);
  loupe::platform::wake();
}
// The wheel and touch drags, from page.js: a distance in CSS pixels (positive: down / right, as the
// browser's wheel events give it), turned into ImGui's wheel steps (one step scrolls five lines).
// Emscripten's GLFW passes the browser's raw deltas, a hundred times too large and upside down.
EMSCRIPTEN_KEEPALIVE void loupe_scroll(double right, double down) {
  ImGuiIO& io = ImGui::GetIO();
  const double pixels_per_step = 5.0 * (io.Fonts->Fonts.empty() ? 16.0 : io.Fonts->Fonts[0]->FontSize);
  const double ratio = emscripten_get_device_pixel_ratio();
  io.MouseWheel -= static_cast<float>(down * ratio / pixels_per_step);
  io.MouseWheelH -= static_cast<float>(right * ratio / pixels_per_step);
  loupe::platform::wake();
}

EMSCRIPTEN_KEEPALIVE void loupe_press_key(int key) {
  if (key < 0 || key >= static_cast<int>(IM_ARRAYSIZE(ImGui::GetIO().KeysDown))) return;
  ImGui::GetIO().KeysDown[key] = true;
  loupe::platform::key_held = key;
  loupe::platform::frames_to_hold = 1;
  loupe::platform::wake();
}
}

namespace loupe::platform {

void run(void (*frame)()) { emscripten_set_main_loop(frame, 0, true); }

float display_scale() {
  const double ratio = emscripten_get_device_pixel_ratio();
  return ratio > 0.25 ? static_cast<float>(ratio) : 1.0f;
}

bool load_startup_corpus(const std::vector<std::string>&, Explorer&) { return true; }

void announce_ready() {
  EM_ASM({
    if (Module.onLoupeReady) Module.onLoupeReady();
  });
}

bool loading_is_covered() { return true; }

void announce_failure(const std::string& message) {
  std::fprintf(stderr, "loupe: %s\n", message.c_str());
  EM_ASM({ if (Module.onLoupeFailed) Module.onLoupeFailed(UTF8ToString($0)); }, message.c_str());
}

std::string copy_to_clipboard(const std::string& text) {
  set_page_clipboard(nullptr, text.c_str());
  return "Copied to the clipboard";
}

std::string copy_view_link(const std::string& fragment) {
  const std::string address = page_address() + (fragment.empty() ? "" : "#" + fragment);
  set_page_clipboard(nullptr, address.c_str());
  return "Link copied: " + address;
}

std::string save_file(const std::string& name, const std::string& contents) {
  EM_ASM({
    if (Module.onLoupeDownload) Module.onLoupeDownload(UTF8ToString($0), HEAPU8.slice($1, $1 + $2));
  }, name.c_str(), contents.data(), contents.size());
  return "Downloaded " + name;
}

void choose_files() {
  EM_ASM({ if (Module.onLoupeChooseFiles) Module.onLoupeChooseFiles(); });
}

std::string open_paths(const std::vector<std::string>&, Explorer&) { return "The page opens files through its file chooser"; }

// The page keeps the notebook and the reader's corpus in IndexedDB (page.js: keeper).
std::string load_kept_notebook() { return {}; }

void keep_notebook(const std::string& notebook_text) {
  EM_ASM({ if (Module.onLoupeKeepNotebook) Module.onLoupeKeepNotebook(UTF8ToString($0)); }, notebook_text.c_str());
}

void forget_own_corpus() {
  EM_ASM({ if (Module.onLoupeForgetCorpus) Module.onLoupeForgetCorpus(); });
}
std::vector<std::string> take_dropped_paths() { return {}; }

void open_in_new_tab(const std::string& fragment) {
  EM_ASM({ if (Module.onLoupeOpenInNewTab) Module.onLoupeOpenInNewTab(UTF8ToString($0)); }, fragment.c_str());
}

std::string page_address() {
  return take_page_string(reinterpret_cast<char*>(static_cast<std::intptr_t>(EM_ASM_INT({
    var path = location.pathname;
    if (path.endsWith("index.html")) path = path.slice(0, path.length - 10);
    return allocateUTF8(location.origin + path);
  }))));
}

bool embedded() {
  return EM_ASM_INT({ return new URLSearchParams(location.search).get("embed") === "1" ? 1 : 0; }) != 0;
}

bool prefers_dark_theme() {
  return EM_ASM_INT({ return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? 1 : 0; }) != 0;
}

void publish_content_height(float css_pixels) {
  static float published = -1.0f;
  if (std::fabs(css_pixels - published) < 1.0f) return;
  published = css_pixels;
  EM_ASM({ if (Module.onLoupeContentHeight) Module.onLoupeContentHeight($0); }, css_pixels);
}

void publish_location(const std::string& fragment) {
  static std::string published;
  static bool first = true;
  if (!first && fragment == published) return;
  first = false;
  published = fragment;
  EM_ASM({
    if (Module.onLoupeLocation) Module.onLoupeLocation(UTF8ToString($0));
  }, fragment.c_str());
}

}  // namespace loupe::platform
