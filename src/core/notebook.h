// The reader's notebook: their own work on a corpus, kept apart from the corpus itself. Notes on
// a document or on a quote, tags on documents (a search filters by them: tag:NAME), and saved
// searches (a name and the view's URL fragment). The page keeps it in IndexedDB, the desktop in a
// file; both write it with write_notebook, whose output is canonical: exporting, importing and
// exporting again gives the same bytes.
//
// {"format": "loupe-notebook", "version": 1,
//  "tags": {"<document id>": ["tag", ...]},
//  "notes": [{"doc": "<document id>", "start": 0, "end": 0, "quote": "...", "text": "..."}],
//  "searches": [{"name": "...", "location": "q=...&view=..."}]}
// A note with start == end is on the whole document; otherwise on the quote spanning
// [start, end) of the document's text, whose words it keeps in "quote" (for a reader's eyes, and
// to show it when the corpus is rebuilt).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace loupe {

inline constexpr std::string_view kNotebookFormat = "loupe-notebook";
inline constexpr int kNotebookVersion = 1;

struct Note {
  std::string document;     // document id
  std::uint32_t start = 0;  // the quote's span in the document's text; both 0 for the document
  std::uint32_t end = 0;
  std::string quote;        // the quote's words ("" for a document's note)
  std::string text;
};

struct SavedSearch {
  std::string name;
  std::string location;  // the URL fragment of the view (core/location.h)
};

struct Notebook {
  std::map<std::string, std::set<std::string>> tags;  // document id -> its tags
  std::vector<Note> notes;                            // sorted by document, then start, then end
  std::vector<SavedSearch> saved_searches;            // in the order saved

  bool empty() const { return tags.empty() && notes.empty() && saved_searches.empty(); }
  // The note on a document (start == end == 0) or on a quote's span, if any.
  const Note* find_note(std::string_view document, std::uint32_t start, std::uint32_t end) const;
  // The documents carrying a tag, and every tag with how many documents carry it.
  std::vector<std::string> documents_tagged(std::string_view tag) const;
  std::map<std::string, std::size_t> tag_counts() const;
};

// Edits, sent by the panels like the explorer's actions. An empty note text removes the note;
// tags are trimmed and may not be empty; saving a search under an existing name replaces it.
struct SetNote {
  std::string document;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::string quote;
  std::string text;
};
struct AddTag {
  std::string document;
  std::string tag;
};
struct RemoveTag {
  std::string document;
  std::string tag;
};
struct SaveSearch {
  std::string name;
  std::string location;
};
struct RemoveSavedSearch {
  std::size_t index = 0;
};
using NotebookEdit = std::variant<SetNote, AddTag, RemoveTag, SaveSearch, RemoveSavedSearch>;

// Applies an edit; returns what is wrong with it (an empty tag), or "".
std::string apply_edit(Notebook& notebook, const NotebookEdit& edit);

// The notebook's canonical JSON text (two-space indented, keys and tags sorted, a final newline).
std::string write_notebook(const Notebook& notebook);

struct NotebookReadResult {
  std::optional<Notebook> notebook;  // set on success
  std::string error;                 // on failure: what is wrong and where
};
NotebookReadResult read_notebook(std::string_view json_text);

// Whether bytes look like a notebook file (so that opening one imports it rather than reading it
// as a document).
bool looks_like_notebook(std::string_view bytes);

}  // namespace loupe
