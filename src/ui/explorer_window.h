// The explorer's one window, filling the display: a top bar with the corpus's counts, the search
// box and filter chips, and the views as tabs: Documents (facets, results, reader), Entities,
// Quotes, Money, Network, Concordance, Terms. Panels read the Explorer's state and append Actions; the caller
// applies them after the frame, so drawing never changes state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/explorer.h"
#include "core/network.h"

namespace loupe::ui {

// The network panel's view: its layout (started again for new results), pan, zoom and drag.
struct NetworkWidgets {
  std::optional<network::ForceLayout> layout;
  std::size_t layout_of_search = SIZE_MAX;  // Explorer::search_count() the layout was made for
  float zoom = 1.0f;
  float pan_x = 0.0f, pan_y = 0.0f;           // pixels
  float fit_x = 0.0f, fit_y = 0.0f, fit_extent = 1.0f;  // the layout's centre and half size, fitted to the panel
  int pressed_node = -1;                      // the node under the mouse button, or -1
  bool dragged = false;                       // whether the press has moved (a drag, not a click)
  int menu_node = -1;                         // the node whose context menu is open
};

// The reader's selection, made with the mouse: byte offsets into the shown document's text.
struct ReaderSelection {
  std::size_t document = SIZE_MAX;  // the document it belongs to; another one clears it
  std::uint32_t anchor = 0;         // where the press was
  std::uint32_t focus = 0;          // where the mouse is, or was at the release
  bool dragging = false;            // the button is still down
  std::uint32_t start() const { return anchor < focus ? anchor : focus; }
  std::uint32_t end() const { return anchor < focus ? focus : anchor; }
  bool empty() const { return anchor == focus; }
};

// The reader's own state: the selection, and which search hit Previous and Next are at.
struct ReaderWidgets {
  ReaderSelection selection;
  std::size_t shown_document = SIZE_MAX;  // another document starts at the top
  std::size_t hits_document = SIZE_MAX;  // the document and search the current hit belongs to
  std::size_t hits_search = SIZE_MAX;
  std::size_t current_hit = 0;
  bool scroll_to_hit = false;            // Previous or Next was pressed: bring the hit into view
  // The height each paragraph of the shown document took when last drawn, at this wrap width
  // and font size (0: not drawn yet): paragraphs out of view are passed over with their height,
  // so that a long document's frame costs what shows.
  std::vector<float> paragraph_heights;
  const char* heights_text = nullptr;  // the text they are of, with its size, wrap width and font size
  std::size_t heights_text_size = 0;
  float heights_wrap_width = 0.0f;
  float heights_font_size = 0.0f;
};

// The notebook's widgets: the note editor (a popup over any panel: set `editing` and the target,
// whose text is the draft), the tag and search-name boxes, and what storage last said.
struct NotebookWidgets {
  bool open_editor = false;      // open the note editor on the next frame
  SetNote editing;               // the note being written: where it goes, and the draft
  std::string new_tag;           // the reader's "add a tag" box
  std::string search_name;       // the notebook's "save this search" box
  std::string storage_status;    // "Saved in this browser" or why saving failed (set by the platform)
  bool storage_failed = false;
  bool own_corpus_stored = false;  // the page keeps a corpus the reader opened (set by the platform)
};

// What the interface asks of the platform in a frame (a button pressed); main.cpp carries it
// out after drawing, through platform.h, and shows what happened in the status bar.
struct PlatformRequests {
  std::optional<std::string> copy_text;       // to the system clipboard
  bool copy_link = false;                     // Share link: the view's address to the clipboard
  bool choose_files = false;                  // Open files: the page's file chooser
  std::vector<std::string> open_paths;        // Open files on the desktop: typed paths
  std::optional<std::pair<std::string, std::string>> save_file;  // an export: file name, contents
  bool open_in_loupe = false;                 // from an embedded view: the full explorer, in a new tab
  bool toggle_theme = false;
  bool forget_own_corpus = false;             // the page: drop the stored corpus, back to the shipped one
};

// Widget state that only the interface needs (text being typed), kept between frames.
struct WidgetState {
  std::string search_text;
  std::string synced_query;  // the query the search box last showed, to notice outside changes
  std::string shown_view;    // the tab last shown, to follow a view changed elsewhere
  std::string speaker_filter;  // the quotes panel's filter
  int concordance_order = 0;   // search::ConcordanceOrder: document, left, right
  std::string chosen_term;     // the terms panel's word shown in the strip
  NetworkWidgets network;
  ReaderWidgets reader;
  NotebookWidgets notebook;
  bool embedded = false;       // ?embed=1: one view, no chrome (the page sets it)
  std::string page_address;    // where the page is served ("https://example.org/loupe/"), empty on the desktop
  std::string status_message;  // what the last request did ("Link copied"), shown in the status bar
  std::string typed_paths;     // the desktop's Open files box
  bool open_paths_requested = false;  // open that box on the next frame (Import a notebook)
  PlatformRequests requests;   // filled while drawing, emptied by the caller
};

void draw_explorer(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

// Copying what was just drawn (a table row, a paragraph, a title): a right click on it offers
// "Copy", and Ctrl+C copies it while the mouse is over it. Call right after the item or group.
// With a non-empty `selection` (text selected in the reader), Ctrl+C copies that instead and the
// menu offers both.
void offer_copy(const std::string& text, WidgetState& widgets, std::string_view selection = {});

// Whether something on screen still moves (the network's layout settling) and needs frames
// though nothing else happens.
bool wants_more_frames(const WidgetState& widgets);

// The height an embedded view would like (pixels), so that the host page can size its iframe.
float embedded_content_height(const Explorer& explorer, const WidgetState& widgets);

}  // namespace loupe::ui
