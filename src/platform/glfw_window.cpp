// The GLFW window and the Dear ImGui backends, shared by the desktop and the page
// (see platform.h; the per-platform parts are in platform_desktop.cpp and platform_web.cpp).
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdio>

#include "platform/glfw_window_internal.h"
#include "platform/platform.h"

namespace loupe::platform {
namespace {

GLFWwindow* window = nullptr;

// Idle cost: frames are drawn only for a few frames after an input or a change (hover states and
// popups take a frame or two to settle), so an explorer left alone draws nothing.
constexpr int kFramesAfterInput = 4;
int frames_to_draw = kFramesAfterInput;
bool always_draw = false;

// Input callbacks installed before ImGui's backend, which calls them after its own.
void install_wake_callbacks(GLFWwindow* target) {
  glfwSetCursorPosCallback(target, [](GLFWwindow*, double, double) { wake(); });
  glfwSetMouseButtonCallback(target, [](GLFWwindow*, int, int, int) { wake(); });
  glfwSetScrollCallback(target, [](GLFWwindow*, double, double) { wake(); });
  glfwSetKeyCallback(target, [](GLFWwindow*, int, int, int, int) { wake(); });
  glfwSetCharCallback(target, [](GLFWwindow*, unsigned int) { wake(); });
  glfwSetWindowFocusCallback(target, [](GLFWwindow*, int) { wake(); });
  glfwSetCursorEnterCallback(target, [](GLFWwindow*, int) { wake(); });
  glfwSetFramebufferSizeCallback(target, [](GLFWwindow*, int, int) { wake(); });
  glfwSetWindowRefreshCallback(target, [](GLFWwindow*) { wake(); });
}

void report_glfw_error(int code, const char* description) {
  std::fprintf(stderr, "GLFW error %d: %s\n", code, description);
}

}  // namespace

GLFWwindow* glfw_window() { return window; }

std::string open_window(const char* title, int width, int height) {
  glfwSetErrorCallback(report_glfw_error);
  if (!glfwInit()) return "GLFW could not start (no display?)";
  set_context_hints();
  window = glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return "could not create a window with an OpenGL 3 / WebGL 2 context";
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  install_wake_callbacks(window);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; nothing to save
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would keep an idle window drawing
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init(glsl_version());
  return {};
}

void close_window() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  window = nullptr;
}

void wake() { frames_to_draw = std::max(frames_to_draw, kFramesAfterInput); }
void set_always_draw(bool on) { always_draw = on; }

bool begin_frame() {
  if (glfwWindowShouldClose(window)) return false;
  before_frame();
  if (frames_to_draw > 0 || always_draw) {
    glfwPollEvents();
  } else {
    wait_for_events(0.5);
  }
  if (frames_to_draw <= 0 && !always_draw) return false;
  if (frames_to_draw > 0) --frames_to_draw;
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  return true;
}

void end_frame() {
  ImGui::Render();
  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(window, &width, &height);
  glViewport(0, 0, width, height);
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(window);
}

void request_close() { glfwSetWindowShouldClose(window, GLFW_TRUE); }

void reload_fonts_texture() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace loupe::platform
