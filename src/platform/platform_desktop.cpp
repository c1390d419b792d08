// The desktop platform: a GLFW window with an OpenGL 3.3 core context, driven by a while loop.
#include <GLFW/glfw3.h>

#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>

#include "core/explorer.h"
#include "core/notebook.h"
#include "core/parallel.h"
#include "core/extract/annotate.h"
#include "platform/app.h"
#include "platform/files.h"

#include "platform/glfw_window_internal.h"
#include "platform/platform.h"

namespace loupe::platform {
namespace {

std::vector<std::string> opened_paths;   // what the corpus was read from, for Share link and exports
std::vector<std::string> dropped_paths;  // dropped on the window, not yet opened

void remember_drop(GLFWwindow*, int count, const char** paths) {
  for (int i = 0; i < count; ++i) dropped_paths.emplace_back(paths[i]);
  wake();
}

// A path quoted for a POSIX shell.
std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Reads files, folders or a bundle into the explorer, extracting entities, quotes and amounts
// where the corpus has none (as loupe build does). Returns an error, or "".
std::string load_paths(const std::vector<std::string>& paths, Explorer& explorer, const std::string& name) {
  files::OpenedCorpus opened = files::open_corpus(paths);
  if (!opened.corpus) return opened.error;
  if (!name.empty()) opened.corpus->name = name;
  if (opened.corpus->entities.empty() && opened.corpus->quotes.empty() && opened.corpus->amounts.empty()) {
    const files::Extractors extractors = files::load_extractors(LOUPE_ENTITY_MODEL, LOUPE_EXCHANGE_RATES);
    if (extractors.error.empty()) {
      extract::annotate_corpus(*opened.corpus, *extractors.tagger, extractors.rates, loupe::available_threads());
    } else {
      std::fprintf(stderr, "loupe-desktop: entities, quotes and amounts are not extracted: %s\n", extractors.error.c_str());
    }
  }
  explorer.load(std::move(*opened.corpus));
  opened_paths = paths;
  return {};
}

}  // namespace

void set_context_hints() {
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
}

const char* glsl_version() { return "#version 330 core"; }

void before_frame() {
  static bool drop_callback_set = false;
  if (!drop_callback_set) glfwSetDropCallback(glfw_window(), remember_drop);
  drop_callback_set = true;
}

void wait_for_events(double seconds) { glfwWaitEventsTimeout(seconds); }

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
bool loading_is_covered() { return false; }

void announce_failure(const std::string& message) { std::fprintf(stderr, "loupe: %s\n", message.c_str()); }

void publish_location(const std::string&) {}

bool load_startup_corpus(const std::vector<std::string>& arguments, Explorer& explorer) {
  const std::vector<std::string> paths = arguments.empty() ? std::vector<std::string>{LOUPE_SEEDS_DIR} : arguments;
  const std::string error = load_paths(paths, explorer, arguments.empty() ? "Seed articles" : "");
  if (!error.empty()) std::fprintf(stderr, "loupe-desktop: %s\n", error.c_str());
  if (arguments.empty()) opened_paths.clear();  // the built-in seeds: exports go to the current folder
  return error.empty();
}

// Where the notebook is kept: $XDG_DATA_HOME/loupe, else ~/.local/share/loupe, else here.
std::string kept_notebook_path() {
  const char* data_home = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path folder = data_home && *data_home ? std::filesystem::path(data_home)
                                 : home && *home         ? std::filesystem::path(home) / ".local" / "share"
                                                         : std::filesystem::current_path();
  return (folder / "loupe" / "notebook.json").string();
}

std::string load_kept_notebook() {
  const files::ReadResult read = files::read_file(kept_notebook_path());
  return read.ok ? read.bytes : std::string();
}

void keep_notebook(const std::string& notebook_text) {
  const std::string path = kept_notebook_path();
  // A kept file this Loupe can't read (damaged, or from a newer one) is set aside, not
  // overwritten: looked at before the session's first write, after which the file is ours.
  static bool kept_file_checked = false;
  if (!kept_file_checked) {
    kept_file_checked = true;
    const files::ReadResult before = files::read_file(path);
    if (before.ok && !read_notebook(before.bytes).notebook) {
      std::error_code ignored;
      std::filesystem::rename(path, path + ".unreadable", ignored);
    }
  }
  const std::string error = files::write_file_atomically(path, notebook_text);
  if (!error.empty()) {
    app::set_storage_status(false, "Could not keep your notebook (" + error + "); the one kept before is unchanged");
  } else {
    app::set_storage_status(true, "Your notebook is kept in " + path);
  }
}

void forget_own_corpus() {}  // the desktop reopens what its command line names

std::string open_paths(const std::vector<std::string>& paths, Explorer& explorer) {
  if (paths.empty()) return "No path given";
  // A notebook file among them is imported (it replaces the notebook); the rest are opened.
  std::vector<std::string> corpus_paths;
  std::string imported;
  for (const std::string& path : paths) {
    const files::ReadResult read = std::filesystem::is_regular_file(path) ? files::read_file(path) : files::ReadResult{};
    if (!read.ok || !looks_like_notebook(read.bytes)) {
      corpus_paths.push_back(path);
      continue;
    }
    const std::string error = explorer.load_notebook(read.bytes, Explorer::NotebookSource::Imported);
    if (!error.empty()) return "Nothing imported from " + path + ": " + error;
    imported = "Imported the notebook " + path;
  }
  if (corpus_paths.empty()) return imported;
  const std::vector<std::string>& paths_to_open = corpus_paths;
  const std::string error = load_paths(paths_to_open, explorer, "");
  if (!error.empty()) return "Nothing opened: " + error;
  return "Opened " + std::to_string(explorer.corpus().documents.size()) + " documents";
}

std::vector<std::string> take_dropped_paths() { return std::exchange(dropped_paths, {}); }

std::string copy_to_clipboard(const std::string& text) {
  ImGui::SetClipboardText(text.c_str());
  return "Copied to the clipboard";
}

std::string copy_view_link(const std::string& fragment) {
  std::string command = "loupe-desktop --location " + shell_quoted(fragment);
  for (const std::string& path : opened_paths) command += " " + shell_quoted(std::filesystem::absolute(path).string());
  ImGui::SetClipboardText(command.c_str());
  return "Copied a command that reopens this view";
}

std::string save_file(const std::string& name, const std::string& contents) {
  // Next to the corpus: in the folder opened, or beside the file opened.
  std::filesystem::path folder = std::filesystem::current_path();
  if (!opened_paths.empty()) {
    const std::filesystem::path first = std::filesystem::absolute(opened_paths.front());
    folder = std::filesystem::is_directory(first) ? first : first.parent_path();
  }
  const std::filesystem::path target = folder / name;
  std::ofstream stream(target, std::ios::binary);
  stream << contents;
  stream.close();
  if (!stream) return "Could not write " + target.string();
  return "Saved " + target.string();
}

void choose_files() {}
void open_in_new_tab(const std::string&) {}
std::string page_address() { return {}; }
bool embedded() { return false; }
bool prefers_dark_theme() { return false; }
void publish_content_height(float) {}

}  // namespace loupe::platform
