// The reader's notebook (see notebook.h).
#include "core/notebook.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <tuple>

namespace loupe {
namespace {

using json = nlohmann::ordered_json;

std::string trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

bool note_before(const Note& a, const Note& b) {
  return std::tie(a.document, a.start, a.end) < std::tie(b.document, b.start, b.end);
}

}  // namespace

const Note* Notebook::find_note(std::string_view document, std::uint32_t start, std::uint32_t end) const {
  for (const Note& note : notes) {
    if (note.document == document && note.start == start && note.end == end) return &note;
  }
  return nullptr;
}

std::vector<std::string> Notebook::documents_tagged(std::string_view tag) const {
  std::vector<std::string> documents;
  for (const auto& [document, document_tags] : tags) {
    if (document_tags.count(std::string(tag))) documents.push_back(document);
  }
  return documents;
}

std::map<std::string, std::size_t> Notebook::tag_counts() const {
  std::map<std::string, std::size_t> counts;
  for (const auto& [document, document_tags] : tags) {
    for (const std::string& tag : document_tags) ++counts[tag];
  }
  return counts;
}

std::string apply_edit(Notebook& notebook, const NotebookEdit& edit) {
  if (const auto* set_note = std::get_if<SetNote>(&edit)) {
    if (set_note->document.empty()) return "a note needs a document";
    if (set_note->end < set_note->start) return "a note's span ends before it starts";
    const std::string text = trimmed(set_note->text);
    auto existing = std::find_if(notebook.notes.begin(), notebook.notes.end(), [&](const Note& note) {
      return note.document == set_note->document && note.start == set_note->start && note.end == set_note->end;
    });
    if (text.empty()) {
      if (existing != notebook.notes.end()) notebook.notes.erase(existing);
      return {};
    }
    if (existing != notebook.notes.end()) {
      existing->text = set_note->text;
      return {};
    }
    Note note{set_note->document, set_note->start, set_note->end, set_note->quote, set_note->text};
    notebook.notes.insert(std::upper_bound(notebook.notes.begin(), notebook.notes.end(), note, note_before), note);
    return {};
  }
  if (const auto* add = std::get_if<AddTag>(&edit)) {
    const std::string tag = trimmed(add->tag);
    if (tag.empty()) return "a tag can't be empty";
    if (add->document.empty()) return "a tag needs a document";
    notebook.tags[add->document].insert(tag);
    return {};
  }
  if (const auto* remove = std::get_if<RemoveTag>(&edit)) {
    auto found = notebook.tags.find(remove->document);
    if (found == notebook.tags.end() || !found->second.erase(remove->tag)) return "no tag \"" + remove->tag + "\" on that document";
    if (found->second.empty()) notebook.tags.erase(found);
    return {};
  }
  if (const auto* save = std::get_if<SaveSearch>(&edit)) {
    const std::string name = trimmed(save->name);
    if (name.empty()) return "a saved search needs a name";
    for (SavedSearch& saved : notebook.saved_searches) {
      if (saved.name == name) {
        saved.location = save->location;
        return {};
      }
    }
    notebook.saved_searches.push_back({name, save->location});
    return {};
  }
  const auto& remove_search = std::get<RemoveSavedSearch>(edit);
  if (remove_search.index >= notebook.saved_searches.size()) return "no saved search number " + std::to_string(remove_search.index);
  notebook.saved_searches.erase(notebook.saved_searches.begin() + static_cast<std::ptrdiff_t>(remove_search.index));
  return {};
}

std::string write_notebook(const Notebook& notebook) {
  json tags = json::object();
  for (const auto& [document, document_tags] : notebook.tags) {
    tags[document] = std::vector<std::string>(document_tags.begin(), document_tags.end());
  }
  json notes = json::array();
  for (const Note& note : notebook.notes) {
    notes.push_back({{"doc", note.document}, {"start", note.start}, {"end", note.end}, {"quote", note.quote}, {"text", note.text}});
  }
  json searches = json::array();
  for (const SavedSearch& saved : notebook.saved_searches) searches.push_back({{"name", saved.name}, {"location", saved.location}});
  const json document = {{"format", kNotebookFormat}, {"version", kNotebookVersion}, {"tags", tags}, {"notes", notes}, {"searches", searches}};
  // Invalid UTF-8 (which the editors never produce) is replaced rather than thrown on.
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

NotebookReadResult read_notebook(std::string_view json_text) {
  const json document = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (document.is_discarded() || !document.is_object()) return {std::nullopt, "not a JSON object"};
  if (document.value("format", "") != kNotebookFormat) return {std::nullopt, "not a Loupe notebook (\"format\" is not \"loupe-notebook\")"};
  if (!document.contains("version") || !document["version"].is_number_integer() || document["version"].get<int>() != kNotebookVersion) {
    return {std::nullopt, "a notebook of another version (this Loupe reads version " + std::to_string(kNotebookVersion) + ")"};
  }
  Notebook notebook;
  const auto string_at = [](const json& object, const char* key, std::string& out) {
    if (!object.contains(key) || !object[key].is_string()) return false;
    out = object[key].get<std::string>();
    return true;
  };
  const auto offset_at = [](const json& object, const char* key, std::uint32_t& out) {
    if (!object.contains(key) || !object[key].is_number_unsigned() || object[key].get<std::uint64_t>() > UINT32_MAX) return false;
    out = object[key].get<std::uint32_t>();
    return true;
  };
  if (document.contains("tags")) {
    if (!document["tags"].is_object()) return {std::nullopt, "tags: not an object"};
    for (const auto& [id, list] : document["tags"].items()) {
      if (!list.is_array()) return {std::nullopt, "tags." + id + ": not a list"};
      for (const json& tag : list) {
        if (!tag.is_string() || trimmed(tag.get<std::string>()).empty()) return {std::nullopt, "tags." + id + ": a tag that is not a non-empty string"};
        notebook.tags[id].insert(tag.get<std::string>());
      }
    }
  }
  if (document.contains("notes")) {
    if (!document["notes"].is_array()) return {std::nullopt, "notes: not a list"};
    for (std::size_t i = 0; i < document["notes"].size(); ++i) {
      const json& entry = document["notes"][i];
      Note note;
      const std::string where = "notes[" + std::to_string(i) + "]";
      if (!entry.is_object() || !string_at(entry, "doc", note.document) || !string_at(entry, "text", note.text) ||
          !offset_at(entry, "start", note.start) || !offset_at(entry, "end", note.end) || note.end < note.start) {
        return {std::nullopt, where + ": needs \"doc\" and \"text\" strings and offsets \"start\" <= \"end\""};
      }
      string_at(entry, "quote", note.quote);
      if (notebook.find_note(note.document, note.start, note.end)) return {std::nullopt, where + ": a second note on the same place"};
      notebook.notes.push_back(std::move(note));
    }
    std::sort(notebook.notes.begin(), notebook.notes.end(), note_before);
  }
  if (document.contains("searches")) {
    if (!document["searches"].is_array()) return {std::nullopt, "searches: not a list"};
    for (std::size_t i = 0; i < document["searches"].size(); ++i) {
      const json& entry = document["searches"][i];
      SavedSearch saved;
      if (!entry.is_object() || !string_at(entry, "name", saved.name) || !string_at(entry, "location", saved.location)) {
        return {std::nullopt, "searches[" + std::to_string(i) + "]: needs \"name\" and \"location\" strings"};
      }
      notebook.saved_searches.push_back(std::move(saved));
    }
  }
  return {std::move(notebook), {}};
}

bool looks_like_notebook(std::string_view bytes) {
  const std::size_t head = std::min<std::size_t>(bytes.size(), 200);
  return bytes.substr(0, head).find("\"loupe-notebook\"") != std::string_view::npos;
}

}  // namespace loupe
