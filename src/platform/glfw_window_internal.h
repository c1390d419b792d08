// Shared between glfw_window.cpp and the per-platform files: the window, and the context hints
// and shader version that each platform chooses.
#pragma once

struct GLFWwindow;

namespace loupe::platform {

GLFWwindow* glfw_window();

// Per platform: ask GLFW for the right OpenGL (desktop 3.3 core, web WebGL 2 / ES 3).
void set_context_hints();
const char* glsl_version();
// Per platform: work before polling events (the page sizes its canvas to the display here).
void before_frame();
// Per platform: sleep until an event arrives or the time passes (desktop); the page has nothing
// to wait for, as the browser calls it back on each animation frame.
void wait_for_events(double seconds);

}  // namespace loupe::platform
