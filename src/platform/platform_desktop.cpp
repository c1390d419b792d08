// The desktop platform: a GLFW window with an OpenGL 3.3 core context, driven by a while loop.
#include <GLFW/glfw3.h>

#include <cstdio>

#include "core/explorer.h"
#include "core/extract/annotate.h"
#include "platform/files.h"

#include "platform/glfw_window_internal.h"
#include "platform/platform.h"

namespace loupe::platform {

void set_context_hints() {
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
}

const char* glsl_version() { return "#version 330 core"; }

void before_frame() {}

void run(void (*frame)()) {
  while (!glfwWindowShouldClose(glfw_window())) frame();
}

float display_scale() {
  // Window coordinates are pixels on X11 and Windows; where the framebuffer is larger than the
  // window (macOS), ImGui's framebuffer scale already accounts for the difference.
  float x_scale = 1.0f;
  float y_scale = 1.0f;
  glfwGetWindowContentScale(glfw_window(), &x_scale, &y_scale);
  int window_width = 0;
  int window_height = 0;
  int framebuffer_width = 0;
  int framebuffer_height = 0;
  glfwGetWindowSize(glfw_window(), &window_width, &window_height);
  glfwGetFramebufferSize(glfw_window(), &framebuffer_width, &framebuffer_height);
  const float framebuffer_ratio =
      window_width > 0 && framebuffer_width > 0 ? static_cast<float>(framebuffer_width) / static_cast<float>(window_width) : 1.0f;
  const float scale = x_scale / framebuffer_ratio;
  return scale > 0.5f ? scale : 1.0f;
}

void announce_ready() {}

void publish_location(const std::string&) {}

bool load_startup_corpus(const std::vector<std::string>& arguments, Explorer& explorer) {
  const std::vector<std::string> paths = arguments.empty() ? std::vector<std::string>{LOUPE_SEEDS_DIR} : arguments;
  files::OpenedCorpus opened = files::open_corpus(paths);
  if (!opened.corpus) {
    std::fprintf(stderr, "loupe-desktop: %s\n", opened.error.c_str());
    return false;
  }
  if (arguments.empty()) opened.corpus->name = "Seed articles";
  if (opened.corpus->entities.empty() && opened.corpus->quotes.empty() && opened.corpus->amounts.empty()) {
    // Articles read from files (or a bundle built without extraction): extract as loupe build does.
    const files::Extractors extractors = files::load_extractors(LOUPE_ENTITY_MODEL, LOUPE_EXCHANGE_RATES);
    if (extractors.error.empty()) {
      extract::annotate_corpus(*opened.corpus, *extractors.tagger, extractors.rates);
    } else {
      std::fprintf(stderr, "loupe-desktop: entities, quotes and amounts are not extracted: %s\n", extractors.error.c_str());
    }
  }
  explorer.load(std::move(*opened.corpus));
  return true;
}

}  // namespace loupe::platform
