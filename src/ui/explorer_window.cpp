// The explorer's one window (see explorer_window.h).
//   [SECTION] Top bar: name, counts and the buttons (Open files, Export, Share link, Embed, theme)
//   [SECTION] Status bar: result count, query time, what the last button did
//   [SECTION] The window: top bar, search, tabs and status bar, or one view when embedded
#include "ui/explorer_window.h"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "core/export.h"
#include "core/location.h"

#include "ui/concordance_panel.h"
#include "ui/entities_panel.h"
#include "ui/facets_panel.h"
#include "ui/fonts.h"
#include "ui/money_panel.h"
#include "ui/network_panel.h"
#include "ui/notebook_panel.h"
#include "ui/quotes_panel.h"
#include "ui/reader_panel.h"
#include "ui/results_panel.h"
#include "ui/terms_panel.h"
#include "ui/theme.h"

namespace loupe::ui {
namespace {

// [SECTION] Top bar: name, counts and the buttons (Open files, Export, Share link, Embed, theme)

void draw_export_menu(const Explorer& explorer, WidgetState& widgets) {
  if (!ImGui::BeginPopup("export")) return;
  ImGui::TextDisabled("Export what the current results hold");
  for (const ExportTable table : {ExportTable::Results, ExportTable::Entities, ExportTable::Quotes, ExportTable::Amounts}) {
    for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::Json}) {
      const std::string label = std::string(export_table_name(table)) + (format == ExportFormat::Csv ? " as CSV" : " as JSON");
      if (ImGui::MenuItem(label.c_str())) {
        widgets.requests.save_file.emplace(export_file_name(explorer, table, format), export_table(explorer, table, format));
      }
    }
  }
  ImGui::EndPopup();
}

void draw_embed_popup(const Explorer& explorer, WidgetState& widgets) {
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34.0f, 0));
  if (!ImGui::BeginPopupModal("Embed this view", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  const bool hosted = !widgets.page_address.empty();
  ImGui::TextWrapped("Paste this line into a blog post or any web page: it shows the current view (%s) of this corpus, "
                     "sized to its content, with a link to open it in Loupe.", explorer.state().view.c_str());
  if (!hosted) {
    ImGui::TextWrapped("The desktop app is not served from a web address: replace https://YOUR-SITE/loupe/ with where the page is hosted.");
  }
  std::string snippet = embed_snippet(hosted ? widgets.page_address : "https://YOUR-SITE/loupe/", location_of(explorer));
  ImGui::InputTextMultiline("##snippet", snippet.data(), snippet.size() + 1, ImVec2(-1, ImGui::GetTextLineHeight() * 4),
                            ImGuiInputTextFlags_ReadOnly);
  if (ImGui::Button("Copy")) {
    widgets.requests.copy_text = snippet;
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// The desktop's Open files: paths of files or folders, one per line or separated by ";".
void draw_open_paths_popup(WidgetState& widgets) {
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30.0f, 0));
  if (!ImGui::BeginPopupModal("Open files", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  ImGui::TextWrapped("Paths of .txt, .md, .html, .json or .jsonl files, folders of them, or a bundle; one per line. "
                     "You can also drop files on the window.");
  char buffer[4096];
  const std::size_t length = std::min(widgets.typed_paths.size(), sizeof buffer - 1);
  widgets.typed_paths.copy(buffer, length);
  buffer[length] = '\0';
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  if (ImGui::InputTextMultiline("##paths", buffer, sizeof buffer, ImVec2(-1, ImGui::GetTextLineHeight() * 4))) widgets.typed_paths = buffer;
  if (ImGui::Button("Open")) {
    std::string path;
    for (const char c : widgets.typed_paths + "\n") {
      if (c == '\n' || c == ';') {
        if (!path.empty()) widgets.requests.open_paths.push_back(path);
        path.clear();
      } else if (c != '\r') {
        path += c;
      }
    }
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void draw_top_bar(const Explorer& explorer, WidgetState& widgets) {
  const Corpus& corpus = explorer.corpus();
  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted("Loupe");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  const float font_size = ImGui::GetFontSize();
  const bool narrow = ImGui::GetContentRegionAvail().x < font_size * 60.0f;
  if (!explorer.loaded()) {
    ImGui::TextDisabled("Loading the corpus\xE2\x80\xA6");
  } else if (narrow) {
    ImGui::TextDisabled("%s \xC2\xB7 %zu docs \xC2\xB7 %zu entities", corpus.name.c_str(), corpus.documents.size(), corpus.entities.size());
  } else {
    ImGui::TextDisabled("%s  \xC2\xB7  %zu documents  \xC2\xB7  %zu words  \xC2\xB7  %zu entities  \xC2\xB7  %zu quotes  \xC2\xB7  %zu amounts",
                        corpus.name.c_str(), corpus.documents.size(), corpus.total_words(), corpus.entities.size(),
                        corpus.quotes.size(), corpus.amounts.size());
  }
  // The buttons, at the right end of the bar, or on a line of their own (with shorter names)
  // when the window is narrow.
  const bool dark = is_dark_theme();
  const char* const labels[] = {narrow ? "Open###open" : "Open files###open", "Export###export",
                                narrow ? "Share###share" : "Share link###share", "Embed###embed",
                                dark ? (narrow ? "Light###theme" : "Light theme###theme") : (narrow ? "Dark###theme" : "Dark theme###theme")};
  const ImGuiStyle& style = ImGui::GetStyle();
  float width = 0.0f;
  for (const char* label : labels) width += ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  width -= style.ItemSpacing.x;
  if (narrow) {
    ImGui::SetCursorPosX(style.WindowPadding.x);
  } else {
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - width);
  }
  if (ImGui::Button(labels[0]) || widgets.open_paths_requested) {
    widgets.open_paths_requested = false;
    if (widgets.page_address.empty()) ImGui::OpenPopup("Open files");
    else widgets.requests.choose_files = true;
  }
  ImGui::SameLine();
  if (ImGui::Button(labels[1])) ImGui::OpenPopup("export");
  ImGui::SameLine();
  if (ImGui::Button(labels[2])) widgets.requests.copy_link = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy a link to this view: the query, filters, tab and selection");
  ImGui::SameLine();
  if (ImGui::Button(labels[3])) ImGui::OpenPopup("Embed this view");
  ImGui::SameLine();
  if (ImGui::Button(labels[4])) widgets.requests.toggle_theme = true;
  draw_export_menu(explorer, widgets);
  draw_embed_popup(explorer, widgets);
  draw_open_paths_popup(widgets);
}

// [SECTION] Status bar: result count, query time, what the last button did

void draw_status_bar(const Explorer& explorer, const WidgetState& widgets) {
  const search::SearchResult& result = explorer.search_result();
  ImGui::Separator();
  ImGui::AlignTextToFramePadding();
  if (explorer.loaded()) {
    ImGui::TextDisabled("%zu result%s of %zu documents \xC2\xB7 %.2f ms", result.hits.size(), result.hits.size() == 1 ? "" : "s",
                        explorer.corpus().documents.size(), result.took_ms);
  }
  if (!widgets.status_message.empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted("\xC2\xB7");
    ImGui::SameLine();
    // Cut to the room left (the page's "Text view" link sits at the right end), whole on hover.
    const float room = ImGui::GetContentRegionAvail().x - (widgets.page_address.empty() ? 0.0f : ImGui::GetFontSize() * 6.0f);
    std::string shown = widgets.status_message;
    const bool cut = ImGui::CalcTextSize(shown.c_str()).x > room;
    if (cut) {
      const char* const ellipsis = "\xE2\x80\xA6";
      while (!shown.empty() && ImGui::CalcTextSize((shown + ellipsis).c_str()).x > room) {
        shown.pop_back();
        while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();  // a whole character
        if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
      }
      shown += ellipsis;
    }
    ImGui::TextUnformatted(shown.c_str());
    if (cut && ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
      ImGui::TextUnformatted(widgets.status_message.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
}

// The documents view: the results list and the reader, side by side on a wide window; on a
// narrow one (a phone, a blog column) the list sits above the reader.
void draw_documents_view(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const float font_size = ImGui::GetFontSize();
  const bool narrow = available.x < font_size * 44.0f;
  // The facets: a column on the left when there is room for three, else folded above the list.
  if (available.x >= font_size * 64.0f) {
    ImGui::BeginChild("facets", ImVec2(font_size * 14.0f, 0), true);
    draw_facets_panel(explorer, actions);
    ImGui::EndChild();
    ImGui::SameLine();
  } else if (ImGui::CollapsingHeader("Filters")) {
    ImGui::BeginChild("facets", ImVec2(0, std::min(available.y * 0.4f, font_size * 16.0f)), true);
    draw_facets_panel(explorer, actions);
    ImGui::EndChild();
  }
  const ImVec2 remaining = ImGui::GetContentRegionAvail();
  const ImVec2 list_size = narrow ? ImVec2(0, std::max(remaining.y * 0.38f, font_size * 10.0f))
                                  : ImVec2(std::min(std::max(remaining.x * 0.4f, font_size * 16.0f), remaining.x * 0.5f), 0);
  ImGui::BeginChild("documents", list_size, true);
  draw_results_panel(explorer, actions);
  ImGui::EndChild();
  if (!narrow) ImGui::SameLine();
  ImGui::BeginChild("reader", ImVec2(0, 0), true);
  draw_reader_panel(explorer, widgets, actions);
  ImGui::EndChild();
}

// One tab; follows the state's view when it changed elsewhere, and asks for its view when clicked.
bool begin_view_tab(const std::string& label, const char* view, const ExplorerState& state, bool follow_state,
                    std::vector<Action>& actions) {
  const ImGuiTabItemFlags flags = follow_state && state.view == view ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
  const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
  if (open && !follow_state && state.view != view) actions.push_back(ShowView{view});
  return open;
}

// [SECTION] The window: top bar, search, tabs and status bar, or one view when embedded

// Draws the panel of one view.
void draw_view(const std::string& view, const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  if (view == "entities") draw_entities_panel(explorer, widgets, actions);
  else if (view == "quotes") draw_quotes_panel(explorer, widgets, actions);
  else if (view == "money") draw_money_panel(explorer, widgets, actions);
  else if (view == "network") draw_network_panel(explorer, widgets, actions);
  else if (view == "concordance") draw_concordance_panel(explorer, widgets, actions);
  else if (view == "terms") draw_terms_panel(explorer, widgets, actions);
  else if (view == "notebook") draw_notebook_panel(explorer, widgets, actions);
  else draw_documents_view(explorer, widgets, actions);
}

// An embedded view: a line naming the corpus and the query with an "Open in Loupe" link, then
// the view's panel.
void draw_embedded(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  const ExplorerState& state = explorer.state();
  ImGui::AlignTextToFramePadding();
  std::string about = explorer.corpus().name;
  for (const std::string& filter : state.filters) about += "  \xC2\xB7  " + filter;
  if (!state.query.empty()) about += "  \xC2\xB7  \xE2\x80\x9C" + state.query + "\xE2\x80\x9D";
  ImGui::TextDisabled("%s", about.c_str());
  const char* link = "Open in Loupe \xE2\x86\x97";
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(link).x - ImGui::GetStyle().FramePadding.x * 2));
  if (ImGui::SmallButton(link)) widgets.requests.open_in_loupe = true;
  draw_view(state.view, explorer, widgets, actions);
}

}  // namespace

void offer_copy(const std::string& text, WidgetState& widgets, std::string_view selection) {
  const bool hovered = ImGui::IsItemHovered();
  if (hovered && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_C))) {
    widgets.requests.copy_text = selection.empty() ? text : std::string(selection);
  }
  if (ImGui::BeginPopupContextItem("copy row")) {
    if (!selection.empty() && ImGui::MenuItem("Copy selection")) widgets.requests.copy_text = std::string(selection);
    if (ImGui::MenuItem(selection.empty() ? "Copy" : "Copy paragraph")) widgets.requests.copy_text = text;
    ImGui::EndPopup();
  }
}

bool wants_more_frames(const WidgetState& widgets) {
  if (widgets.reader.selection.dragging) return true;  // the reader scrolls while a selection is dragged past its edge
  return widgets.shown_view == "network" && widgets.network.layout && !widgets.network.layout->settled();
}

float embedded_content_height(const Explorer& explorer, const WidgetState& widgets) {
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ExplorerState& state = explorer.state();
  const float chrome = line * 3.0f;
  if (state.view == "money") return chrome + line * 4.0f + static_cast<float>(explorer.amounts_in_results().size()) * line * 1.4f;
  if (state.view == "quotes") return chrome + line * 3.0f + static_cast<float>(explorer.quotes_in_results(widgets.speaker_filter).size()) * line * 3.2f;
  return line * 28.0f;
}

void draw_explorer(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Loupe", nullptr, kFlags);
  if (widgets.embedded) {
    draw_embedded(explorer, widgets, actions);
    ImGui::End();
    return;
  }
  draw_top_bar(explorer, widgets);
  ImGui::Spacing();

  const ExplorerState& state = explorer.state();
  draw_search_box(state, widgets, actions);
  draw_filter_chips(explorer, actions);
  ImGui::Spacing();
  const bool follow_state = widgets.shown_view != state.view;
  widgets.shown_view = state.view;
  const Corpus& corpus = explorer.corpus();
  // The views take the height left above the status bar.
  const float status_height = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
  ImGui::BeginChild("views area", ImVec2(0, -status_height), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
  if (ImGui::BeginTabBar("views", ImGuiTabBarFlags_FittingPolicyScroll)) {
    const std::pair<std::string, const char*> tabs[] = {
        {"Documents###documents", "documents"},
        {"Entities (" + std::to_string(corpus.entities.size()) + ")###entities", "entities"},
        {"Quotes (" + std::to_string(corpus.quotes.size()) + ")###quotes", "quotes"},
        {"Money (" + std::to_string(corpus.amounts.size()) + ")###money", "money"},
        {"Network###network", "network"},
        {"Concordance###concordance", "concordance"},
        {"Terms###terms", "terms"},
        {"Notebook###notebook", "notebook"},
    };
    for (const auto& [label, view] : tabs) {
      if (begin_view_tab(label, view, state, follow_state, actions)) {
        draw_view(view, explorer, widgets, actions);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  draw_status_bar(explorer, widgets);
  draw_note_editor(widgets, actions);
  ImGui::End();
}

}  // namespace loupe::ui
