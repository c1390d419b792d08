// The notebook panel, paired with core/notebook: the reader's saved searches, tags and notes,
// with exporting and importing the notebook; plus the pieces other panels use: the note editor
// (a popup over any panel) and the reader's tag row.
#pragma once

#include <vector>

#include "core/explorer.h"
#include "ui/explorer_window.h"

namespace loupe::ui {

void draw_notebook_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions);

// Opens the note editor on a document (start == end == 0) or a quote's span, with its note.
void edit_note(const Explorer& explorer, WidgetState& widgets, const SetNote& target);

// The note editor, drawn once per frame by the window; Save sends the edit.
void draw_note_editor(WidgetState& widgets, std::vector<Action>& actions);

// A document's tags as chips with a remove button, an "add a tag" box, and its note with an
// edit button: the reader draws it under the title.
void draw_document_notebook_row(const Explorer& explorer, std::size_t document, WidgetState& widgets, std::vector<Action>& actions);

}  // namespace loupe::ui
