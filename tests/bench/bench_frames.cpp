// loupe_frames_bench: the interface's time per frame for each panel, natively and headless (Dear
// ImGui with no renderer), as numbers, never as a pass/fail test.
//
//   loupe_frames_bench BUNDLE [--frames N] [--json]
//
// Loads a bundle (binary or JSON) into the explorer as the app does, then for each panel of
// kViews with the empty query (every document in the results, the heaviest case): shows it, times
// its first frames (the slowest of three: one of them computes what the panel shows, once per
// search) and then N frames
// (default 240) with the mouse moving over the window, as tests/bench/scale.mjs does in Chromium.
// A frame is ImGui::NewFrame, ui::draw_explorer, ImGui::Render, the actions applied and the
// explorer's pending work carried on, the part of the app's frame() that is the interface's own. Each frame is timed twice: by the wall clock,
// and by this thread's CPU time, which leaves out the time the thread waited for a core (on a
// loaded 2-core machine, most of a frame's spikes). With --json the last line is one JSON object.
#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/bundle_binary.h"
#include "core/explorer.h"
#include "platform/files.h"
#include "ui/explorer_window.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace {

constexpr int kFirstFrames = 3;  // a panel's first frames, whose slowest is reported apart

double thread_cpu_milliseconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct FrameTime {
  double wall = 0;
  double cpu = 0;
};

// One frame of the interface, timed: draw, render ImGui's lists, apply what the panels asked for.
FrameTime draw_frame(loupe::Explorer& explorer, loupe::ui::WidgetState& widgets) {
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_milliseconds();
  ImGui::NewFrame();
  std::vector<loupe::Action> actions;
  loupe::ui::draw_explorer(explorer, widgets, actions);
  ImGui::Render();
  for (const loupe::Action& action : actions) explorer.apply(action);
  explorer.do_pending_work(wall_start + loupe::kPendingWorkUntil);  // as the app's frame() does
  return {std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start).count(),
          thread_cpu_milliseconds() - cpu_start};
}

double percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(fraction * static_cast<double>(values.size())))];
}

int usage() {
  std::fprintf(stderr, "usage: loupe_frames_bench BUNDLE [--frames N] [--json]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string bundle_path;
  int frames = 240;
  bool as_json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--json") {
      as_json = true;
    } else if (argument == "--frames" && i + 1 < argc) {
      frames = std::atoi(argv[++i]);
      if (frames <= 0) return usage();
    } else if (bundle_path.empty() && argument.rfind("-", 0) != 0) {
      bundle_path = argument;
    } else {
      return usage();
    }
  }
  if (bundle_path.empty()) return usage();

  const loupe::files::ReadResult read = loupe::files::read_file(bundle_path);
  if (!read.ok) {
    std::fprintf(stderr, "loupe_frames_bench: %s: %s\n", bundle_path.c_str(), read.error.c_str());
    return 1;
  }
  loupe::BundleReadResult bundle = loupe::read_any_bundle(read.bytes);
  if (!bundle.corpus) {
    std::fprintf(stderr, "loupe_frames_bench: %s: %s\n", bundle_path.c_str(), bundle.error.c_str());
    return 1;
  }
  const std::size_t document_count = bundle.corpus->documents.size();
  loupe::Explorer explorer;
  explorer.load(std::move(*bundle.corpus));

  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280, 800);
  io.DeltaTime = 1.0f / 60.0f;
  loupe::ui::build_fonts(1.0f);
  loupe::ui::apply_theme(1.0f);
  unsigned char* pixels = nullptr;
  int atlas_width = 0;
  int atlas_height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &atlas_width, &atlas_height);  // what a renderer would upload

  loupe::ui::WidgetState widgets;
  for (int i = 0; i < 3; ++i) draw_frame(explorer, widgets);  // the window's first layout

  nlohmann::json panels = nlohmann::json::object();
  if (!as_json) {
    std::printf("%zu documents; %d frames per panel after its first, the mouse moving\n", document_count, frames);
    std::printf("panel          first frames ms (wall / cpu)   wall median / p99 / max ms   cpu median / p99 / max ms\n");
  }
  for (const char* view : loupe::kViews) {
    explorer.apply(loupe::ShowView{view});
    // The first frames after showing it: the tab changes, then the panel computes what it shows.
    FrameTime first;
    for (int frame = 0; frame < kFirstFrames; ++frame) {
      const FrameTime time = draw_frame(explorer, widgets);
      first.wall = std::max(first.wall, time.wall);
      first.cpu = std::max(first.cpu, time.cpu);
    }
    std::vector<double> wall;
    std::vector<double> cpu;
    for (int frame = 0; frame < frames; ++frame) {
      // The browser benchmark's path: 40 places over the window, one every few frames.
      const int step = frame / 6;
      io.MousePos = ImVec2(static_cast<float>(200 + (step * 23) % 900), static_cast<float>(200 + (step * 37) % 500));
      const FrameTime time = draw_frame(explorer, widgets);
      wall.push_back(time.wall);
      cpu.push_back(time.cpu);
    }
    const nlohmann::json panel = {{"first_wall", first.wall},         {"first_cpu", first.cpu},
                                  {"wall_median", percentile(wall, 0.5)}, {"wall_p99", percentile(wall, 0.99)},
                                  {"wall_max", percentile(wall, 1.0)},    {"cpu_median", percentile(cpu, 0.5)},
                                  {"cpu_p99", percentile(cpu, 0.99)},     {"cpu_max", percentile(cpu, 1.0)}};
    panels[view] = panel;
    if (!as_json) {
      std::printf("%-14s %12.1f / %-12.1f %9.2f / %5.2f / %6.2f   %9.2f / %5.2f / %6.2f\n", view, first.wall, first.cpu,
                  panel["wall_median"].get<double>(), panel["wall_p99"].get<double>(), panel["wall_max"].get<double>(),
                  panel["cpu_median"].get<double>(), panel["cpu_p99"].get<double>(), panel["cpu_max"].get<double>());
    }
  }
  ImGui::DestroyContext();
  if (as_json) std::printf("%s\n", nlohmann::json{{"documents", document_count}, {"frames", frames}, {"panels", panels}}.dump().c_str());
  return 0;
}
