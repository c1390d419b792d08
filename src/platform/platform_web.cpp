// The web platform: Emscripten's GLFW on the page's canvas with a WebGL 2 context, driven by the
// browser's animation frames. The canvas's backing store follows its CSS size times the
// devicePixelRatio, so the interface is drawn at the display's full resolution.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cmath>

#include "platform/glfw_window_internal.h"
#include "platform/platform.h"

namespace loupe::platform {

void set_context_hints() {
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
}

const char* glsl_version() { return "#version 300 es"; }

void before_frame() {
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
    glfwSetWindowSize(glfw_window(), width, height);
  }
}

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
