// Headless ImGui smoke test: draws the whole explorer for many frames with no backend, on the
// seed corpus, while a scripted user types a query and clicks through the documents.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>  // GetActiveID: which widget has the keyboard

#include <chrono>
#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>

#include "core/explorer.h"
#include "core/extract/annotate.h"
#include "platform/files.h"
#include "ui/explorer_window.h"
#include "ui/fonts.h"
#include "ui/theme.h"

using namespace loupe;

namespace {

struct HeadlessContext {
  HeadlessContext(float width, float height, float scale) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    ui::build_fonts(scale);
    ui::apply_theme(scale);
    unsigned char* pixels = nullptr;
    int atlas_width = 0;
    int atlas_height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &atlas_width, &atlas_height);  // what a renderer would upload
  }
  ~HeadlessContext() { ImGui::DestroyContext(); }
};

Explorer seed_explorer() {
  files::OpenedCorpus opened = files::open_corpus({std::string(LOUPE_SOURCE_DIR) + "/seeds"});
  REQUIRE(opened.corpus.has_value());
  Explorer explorer;
  explorer.load(std::move(*opened.corpus));
  return explorer;
}

// A folder's articles with entities, quotes and amounts extracted by the build's model, or
// nothing without the model.
std::optional<Explorer> annotated_explorer(const std::string& folder) {
  const files::Extractors extractors =
      files::load_extractors(LOUPE_ENTITY_MODEL, std::string(LOUPE_SOURCE_DIR) + "/assets/exchange_rates.json");
  if (!extractors.error.empty()) return std::nullopt;
  files::OpenedCorpus opened = files::open_corpus({folder});
  REQUIRE(opened.corpus.has_value());
  extract::annotate_corpus(*opened.corpus, *extractors.tagger, extractors.rates);
  Explorer explorer;
  explorer.load(std::move(*opened.corpus));
  return explorer;
}

// One frame: draw, then apply what the panels asked for, as the app's frame() does, and finish
// the work a panel waits for (the app spreads it over the next frames; a sanitizer build is too
// slow for a frame's budget, and the test is about drawing, not timing).
std::vector<Action> draw_frame(Explorer& explorer, ui::WidgetState& widgets) {
  ImGui::NewFrame();
  std::vector<Action> actions;
  ui::draw_explorer(explorer, widgets, actions);
  ImGui::Render();
  for (const Action& action : actions) explorer.apply(action);
  explorer.do_pending_work(std::chrono::steady_clock::time_point::max());
  return actions;
}

}  // namespace

TEST_CASE("the explorer draws the seed corpus for many frames at several sizes and pixel ratios") {
  struct Display {
    float width, height, scale;
  };
  for (const Display display : {Display{1280, 800, 1}, Display{1170, 2532, 3}, Display{320, 240, 1}}) {
    const auto [width, height, scale] = display;
    HeadlessContext context(width, height, scale);
    Explorer explorer = seed_explorer();
    ui::WidgetState widgets;
    for (int frame = 0; frame < 120; ++frame) {
      explorer.apply(SelectDocument{explorer.corpus().documents[static_cast<std::size_t>(frame / 30)].id});
      draw_frame(explorer, widgets);
      CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
    }
  }
}

TEST_CASE("typing in the search box and clicking a document go through actions") {
  HeadlessContext context(1280, 800, 1.0f);
  Explorer explorer = seed_explorer();
  ui::WidgetState widgets;
  ImGuiIO& io = ImGui::GetIO();
  draw_frame(explorer, widgets);

  // Click into the search box (it sits under the top bar, at the left), then type.
  ImGuiID search_id = 0;
  for (int frame = 0; frame < 6; ++frame) {
    io.MousePos = ImVec2(100, 70);
    io.MouseDown[0] = frame == 1;
    draw_frame(explorer, widgets);
    if (ImGui::GetActiveID() != 0) search_id = ImGui::GetActiveID();
  }
  REQUIRE(search_id != 0);
  io.AddInputCharactersUTF8("LeCun");
  draw_frame(explorer, widgets);
  draw_frame(explorer, widgets);
  CHECK(explorer.state().query == "LeCun");
  CHECK(explorer.state().results == std::vector<std::size_t>{1});

  // A query set from outside (the page's API) shows in the box.
  explorer.apply(SetQuery{"Qlik"});
  draw_frame(explorer, widgets);
  CHECK(widgets.search_text == "Qlik");
}

TEST_CASE("every view draws the extracted records at several sizes, and a tab click shows its view") {
  std::optional<Explorer> explorer = annotated_explorer(std::string(LOUPE_SOURCE_DIR) + "/seeds");
  if (!explorer) {
    MESSAGE("skipped: no entity model was built");
    return;
  }
  REQUIRE(!explorer->corpus().quotes.empty());
  for (const auto& [width, height, scale] : {std::tuple{1280.0f, 800.0f, 1.0f}, std::tuple{390.0f, 844.0f, 3.0f}}) {
    HeadlessContext context(width, height, scale);
    ui::WidgetState widgets;
    explorer->apply(SelectEntity{explorer->corpus().entities.front().id});
    explorer->apply(SetQuery{"AI"});
    for (int frame = 0; frame < static_cast<int>(std::size(kViews)) * 30; ++frame) {
      explorer->apply(ShowView{kViews[frame / 30]});
      if (frame % 30 == 0) explorer->apply(SelectDocument{explorer->corpus().documents[static_cast<std::size_t>(frame / 30) % explorer->corpus().documents.size()].id});
      ImGui::GetIO().MousePos = ImVec2(width * 0.6f, height * 0.5f);  // over the reader's marks: tooltips draw too
      draw_frame(*explorer, widgets);
      CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
    }
  }
  // Click the fourth tab ("Money"), right of the other three under the search box.
  explorer->apply(SetQuery{""});
  HeadlessContext context(1280, 800, 1.0f);
  ui::WidgetState widgets;
  explorer->apply(ShowView{"documents"});
  ImGuiIO& io = ImGui::GetIO();
  draw_frame(*explorer, widgets);
  for (int frame = 0; frame < 4; ++frame) {
    io.MousePos = ImVec2(360, 114);
    io.MouseDown[0] = frame == 1;
    draw_frame(*explorer, widgets);
  }
  CHECK(explorer->state().view == "money");
}

TEST_CASE("every view draws the BBC News corpus with its extracted records, in both themes") {
  const std::string bbc = std::string(LOUPE_DATA_DIR) + "/bbc";
  if (!std::ifstream(bbc + "/sport/199.txt")) {
    MESSAGE("skipped: the BBC News corpus is not in the shared data");
    return;
  }
  std::optional<Explorer> explorer = annotated_explorer(bbc);
  if (!explorer) {
    MESSAGE("skipped: no entity model was built");
    return;
  }
  REQUIRE(explorer->corpus().documents.size() > 2000);
  CHECK(explorer->corpus().quotes.size() > 500);
  HeadlessContext context(1280, 800, 1.0f);
  ui::WidgetState widgets;
  for (const bool dark : {false, true}) {
    ui::apply_theme(1.0f, dark);
    for (const char* query : {"", "election"}) {
      explorer->apply(SetQuery{query});
      for (int frame = 0; frame < static_cast<int>(std::size(kViews)) * 10; ++frame) {
        explorer->apply(ShowView{kViews[frame / 10]});
        ImGui::GetIO().MousePos = ImVec2(300.0f + static_cast<float>(frame % 7) * 90.0f, 400.0f);
        draw_frame(*explorer, widgets);
        CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
      }
    }
  }
  CHECK(widgets.network.layout.has_value());
}

TEST_CASE("typing / outside a text box puts the cursor in the search box") {
  HeadlessContext context(1280, 800, 1.0f);
  Explorer explorer = seed_explorer();
  ui::WidgetState widgets;
  draw_frame(explorer, widgets);
  CHECK(ImGui::GetActiveID() == 0);
  ImGui::GetIO().AddInputCharacter('/');
  draw_frame(explorer, widgets);
  draw_frame(explorer, widgets);
  REQUIRE(ImGui::GetActiveID() != 0);
  ImGui::GetIO().AddInputCharactersUTF8("summit");
  draw_frame(explorer, widgets);
  draw_frame(explorer, widgets);
  CHECK(explorer.state().query == "summit");  // the slash itself is not typed into the box
}

namespace {

// The reader's child window, after a frame.
ImGuiWindow* reader_window() {
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
    if (std::string_view(window->Name).find("/reader_") != std::string_view::npos) return window;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a long document passes over the paragraphs out of view, keeping its height, and Next still finds a hit far below") {
  // The seeds' paragraphs, repeated into one document of some 2,000 paragraphs; the word
  // "zeppelin" in the 10th and in the last.
  const Explorer seeds = seed_explorer();
  std::vector<std::string> paragraphs;
  for (const Document& seed : seeds.corpus().documents) {
    std::istringstream lines(seed.text);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) paragraphs.push_back(line);
    }
  }
  REQUIRE(paragraphs.size() > 20);
  Document long_document;
  long_document.id = "long";
  long_document.title = "A long document";
  for (std::size_t p = 0; p < 2000; ++p) {
    long_document.text += paragraphs[p % paragraphs.size()];
    if (p == 9 || p == 1999) long_document.text += " A zeppelin passed.";
    long_document.text += "\n";
  }
  Corpus corpus;
  corpus.documents.push_back(long_document);
  Explorer explorer;
  explorer.load(std::move(corpus));

  HeadlessContext context(1280, 800, 1.0f);
  ui::WidgetState widgets;
  for (int frame = 0; frame < 3; ++frame) draw_frame(explorer, widgets);
  ImGuiWindow* reader = reader_window();
  REQUIRE(reader != nullptr);
  const float full_height = reader->ScrollMax.y;
  REQUIRE(full_height > 20000.0f);
  // Scrolled to the middle and to the end: the height stays what drawing every paragraph gave.
  for (const float scroll : {full_height / 2, full_height, 0.0f}) {
    ImGui::SetScrollY(reader, scroll);
    for (int frame = 0; frame < 3; ++frame) draw_frame(explorer, widgets);
    CHECK(reader_window()->ScrollMax.y == doctest::Approx(full_height));
    CHECK(reader_window()->Scroll.y == doctest::Approx(scroll));
  }
  // Another window width wraps the lines anew (a narrow window stacks the panels: the reader is
  // wider); back to the first width, the same height as before.
  ImGui::GetIO().DisplaySize = ImVec2(700, 800);
  for (int frame = 0; frame < 3; ++frame) draw_frame(explorer, widgets);
  CHECK(std::abs(reader_window()->ScrollMax.y - full_height) > 1000.0f);
  ImGui::GetIO().DisplaySize = ImVec2(1280, 800);
  for (int frame = 0; frame < 3; ++frame) draw_frame(explorer, widgets);
  CHECK(reader_window()->ScrollMax.y == doctest::Approx(full_height));

  // Searching "zeppelin" and stepping to the second hit (as Next does) scrolls to the end.
  explorer.apply(SetQuery{"zeppelin"});
  for (int frame = 0; frame < 3; ++frame) draw_frame(explorer, widgets);
  REQUIRE(explorer.text_highlights(0).size() == 2);
  CHECK(reader_window()->Scroll.y < full_height / 10);
  widgets.reader.current_hit = 1;
  widgets.reader.scroll_to_hit = true;
  for (int frame = 0; frame < 3; ++frame) draw_frame(explorer, widgets);
  CHECK(reader_window()->Scroll.y > full_height * 0.9f);
}
