// The notebook panel and the note editor (see notebook_panel.h).
#include "ui/notebook_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "core/location.h"
#include "ui/fonts.h"

namespace loupe::ui {
namespace {

constexpr const char* kNoteEditor = "Note###note-editor";

// A heading over one part of the panel.
void section(const char* title) {
  ImGui::Spacing();
  ImGui::PushFont(fonts().strong);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  ImGui::Separator();
}

void draw_saved_searches(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  section("Saved searches");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  const bool entered = ImGui::InputTextWithHint("##search-name", "Name this view", &widgets.notebook.search_name,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Save this search") || entered) && !widgets.notebook.search_name.empty()) {
    actions.push_back(EditNotebook{SaveSearch{widgets.notebook.search_name, location_of(explorer)}});
    widgets.notebook.search_name.clear();
  }
  const auto& searches = explorer.notebook().saved_searches;
  if (searches.empty()) ImGui::TextDisabled("None yet: a saved search keeps the query, the filters and the view.");
  for (std::size_t i = 0; i < searches.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::SmallButton("\xC3\x97")) actions.push_back(EditNotebook{RemoveSavedSearch{i}});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Forget this search");
    ImGui::SameLine();
    if (ImGui::Selectable(searches[i].name.c_str())) {
      for (const Action& action : actions_for_location(searches[i].location)) actions.push_back(action);
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", searches[i].location.c_str());
    ImGui::PopID();
  }
}

void draw_tags(const Explorer& explorer, std::vector<Action>& actions) {
  section("Tags");
  const auto counts = explorer.notebook().tag_counts();
  if (counts.empty()) ImGui::TextDisabled("None yet: tag a document in the reader; tag:NAME then finds it.");
  bool first = true;
  for (const auto& [tag, documents] : counts) {
    const std::string label = tag + " (" + std::to_string(documents) + ")";
    if (!first) ImGui::SameLine();
    if (!first && ImGui::GetCursorPosX() + ImGui::CalcTextSize(label.c_str()).x > ImGui::GetContentRegionMax().x) ImGui::NewLine();
    first = false;
    if (ImGui::SmallButton(label.c_str())) actions.push_back(AddFilter{facet_filter("tag", tag)});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Filter the results by this tag");
  }
}

void draw_notes(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  section("Notes");
  const Notebook& notebook = explorer.notebook();
  if (notebook.notes.empty()) ImGui::TextDisabled("None yet: add a note to a document in the reader, or to a quote in Quotes.");
  for (std::size_t i = 0; i < notebook.notes.size(); ++i) {
    const Note& note = notebook.notes[i];
    const std::optional<std::size_t> document = explorer.corpus().find(note.document);
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushFont(fonts().strong);
    const std::string title = document ? explorer.corpus().documents[*document].title : note.document + " (not in this corpus)";
    if (ImGui::Selectable(title.c_str()) && document) {
      actions.push_back(SelectDocument{note.document});
      actions.push_back(ShowView{"documents"});
    }
    ImGui::PopFont();
    if (!note.quote.empty()) ImGui::TextDisabled("On the quote \xE2\x80\x9C%s\xE2\x80\x9D", note.quote.c_str());
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(note.text.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::SmallButton("Edit")) edit_note(explorer, widgets, {note.document, note.start, note.end, note.quote, note.text});
    ImGui::PopID();
    ImGui::Spacing();
  }
}

void draw_keeping(const Explorer& explorer, WidgetState& widgets) {
  section(widgets.page_address.empty() ? "Kept on this computer" : "Kept in this browser");
  if (!widgets.notebook.storage_status.empty()) {
    if (widgets.notebook.storage_failed) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(200, 40, 40, 255));
    ImGui::TextWrapped("%s", widgets.notebook.storage_status.c_str());
    if (widgets.notebook.storage_failed) ImGui::PopStyleColor();
  }
  if (ImGui::Button("Export the notebook")) widgets.requests.save_file.emplace("loupe-notebook.json", write_notebook(explorer.notebook()));
  ImGui::SameLine();
  if (ImGui::Button("Import a notebook")) {
    if (widgets.page_address.empty()) {
      widgets.open_paths_requested = true;  // the desktop's path box; a notebook file is told apart by its contents
    } else {
      widgets.requests.choose_files = true;
    }
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A notebook file exported before (loupe-notebook.json) replaces this one");
  if (widgets.notebook.own_corpus_stored) {
    ImGui::SameLine();
    if (ImGui::Button("Forget my corpus")) widgets.requests.forget_own_corpus = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Go back to the shipped corpus; your notes stay");
  }
}

}  // namespace

void draw_notebook_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  ImGui::BeginChild("notebook");
  draw_keeping(explorer, widgets);
  draw_saved_searches(explorer, widgets, actions);
  draw_tags(explorer, actions);
  draw_notes(explorer, widgets, actions);
  ImGui::EndChild();
}

void edit_note(const Explorer& explorer, WidgetState& widgets, const SetNote& target) {
  widgets.notebook.editing = target;
  const Note* existing = explorer.notebook().find_note(target.document, target.start, target.end);
  widgets.notebook.editing.text = existing ? existing->text : target.text;
  widgets.notebook.open_editor = true;
}

void draw_note_editor(WidgetState& widgets, std::vector<Action>& actions) {
  if (widgets.notebook.open_editor) {
    ImGui::OpenPopup(kNoteEditor);
    widgets.notebook.open_editor = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 28.0f, 0));
  if (!ImGui::BeginPopupModal(kNoteEditor, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  SetNote& editing = widgets.notebook.editing;
  if (!editing.quote.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("On the quote \xE2\x80\x9C%s\xE2\x80\x9D", editing.quote.c_str());
    ImGui::PopTextWrapPos();
  }
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::InputTextMultiline("##note", &editing.text, ImVec2(-1, ImGui::GetTextLineHeight() * 6));
  if (ImGui::Button("Save")) {
    actions.push_back(EditNotebook{editing});
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Remove the note")) {
    SetNote removal = editing;
    removal.text.clear();
    actions.push_back(EditNotebook{removal});
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void draw_document_notebook_row(const Explorer& explorer, std::size_t document, WidgetState& widgets, std::vector<Action>& actions) {
  const std::string& id = explorer.corpus().documents[document].id;
  const Notebook& notebook = explorer.notebook();
  const auto tags = notebook.tags.find(id);
  if (tags != notebook.tags.end()) {
    for (const std::string& tag : tags->second) {
      ImGui::PushID(tag.c_str());
      if (ImGui::SmallButton((tag + "  \xC3\x97").c_str())) actions.push_back(EditNotebook{RemoveTag{id, tag}});
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove the tag \"%s\"", tag.c_str());
      ImGui::PopID();
      ImGui::SameLine();
    }
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  if (ImGui::InputTextWithHint("##new-tag", "Add a tag", &widgets.notebook.new_tag, ImGuiInputTextFlags_EnterReturnsTrue) &&
      !widgets.notebook.new_tag.empty()) {
    actions.push_back(EditNotebook{AddTag{id, widgets.notebook.new_tag}});
    widgets.notebook.new_tag.clear();
  }
  ImGui::SameLine();
  const Note* note = notebook.find_note(id, 0, 0);
  if (ImGui::SmallButton(note ? "Edit the note" : "Add a note")) edit_note(explorer, widgets, {id, 0, 0, "", ""});
  if (note) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(("Note: " + note->text).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
}

}  // namespace loupe::ui
