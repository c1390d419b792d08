// The reader panel (see reader_panel.h).
#include "ui/reader_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/extract/money.h"
#include "ui/fonts.h"
#include "ui/highlighted_text.h"
#include "ui/notebook_panel.h"
#include "ui/theme.h"

namespace loupe::ui {
namespace {

// Mark ids say what a mark is: entities, quotes and amounts, by their position in the corpus.
constexpr int kQuoteMarks = 1 << 28;
constexpr int kAmountMarks = 2 << 28;
constexpr int kMarkKinds = 3 << 28;

// The marks of one document: quotes and amounts as backgrounds, entity mentions underlined in
// their type's colour.
std::vector<TextMark> marks_of_document(const Explorer& explorer, std::size_t document) {
  const Corpus& corpus = explorer.corpus();
  std::vector<TextMark> marks;
  for (std::size_t q : explorer.quotes_of_document(document)) {
    marks.push_back({corpus.quotes[q].span.start, corpus.quotes[q].span.end, quote_background_color(), false, kQuoteMarks | static_cast<int>(q)});
  }
  for (std::size_t a : explorer.amounts_of_document(document)) {
    marks.push_back({corpus.amounts[a].span.start, corpus.amounts[a].span.end, amount_background_color(), false, kAmountMarks | static_cast<int>(a)});
  }
  for (const MentionInDocument& mention : explorer.mentions_of_document(document)) {
    marks.push_back({mention.start, mention.end, entity_type_color(corpus.entities[mention.entity].type), true, static_cast<int>(mention.entity)});
  }
  return marks;
}

// The marks inside [start, end), made relative to start.
std::vector<TextMark> marks_within(const std::vector<TextMark>& marks, std::uint32_t start, std::uint32_t end) {
  std::vector<TextMark> inside;
  for (TextMark mark : marks) {
    if (mark.end <= start || mark.start >= end) continue;
    mark.start = std::max(mark.start, start) - start;
    mark.end = std::min(mark.end, end) - start;
    inside.push_back(mark);
  }
  return inside;
}

// What the mouse is over: an entity's card, a quote's speaker, an amount's value.
void draw_mark_tooltip(const Explorer& explorer, int id) {
  const Corpus& corpus = explorer.corpus();
  const auto position = static_cast<std::size_t>(id & ~kMarkKinds);
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
  if ((id & kMarkKinds) == kQuoteMarks) {
    const QuoteRecord& quote = corpus.quotes[position];
    const std::string entity = explorer.entity_name(quote.speaker);
    ImGui::TextDisabled("Quote");
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(entity.empty() ? (quote.speaker_name.empty() ? "Speaker unknown" : quote.speaker_name.c_str()) : entity.c_str());
    ImGui::PopFont();
    if (!quote.role.empty()) ImGui::TextUnformatted(quote.role.c_str());
  } else if ((id & kMarkKinds) == kAmountMarks) {
    const AmountRecord& amount = corpus.amounts[position];
    ImGui::TextDisabled("Amount of money");
    ImGui::PushFont(fonts().strong);
    if (amount.maximum > amount.minimum) {
      ImGui::Text("%s %.6g \xE2\x80\x93 %.6g", amount.currency.c_str(), amount.minimum, amount.maximum);
    } else {
      ImGui::Text("%s %.6g", amount.currency.c_str(), amount.maximum);
    }
    ImGui::PopFont();
    if (amount.usd_maximum) {
      ImGui::Text("about %s at the rates of %s", extract::format_dollars(*amount.usd_maximum).c_str(), corpus.rates_date.c_str());
    }
    const std::string subject = explorer.entity_name(amount.subject);
    if (!subject.empty()) ImGui::Text("Subject: %s", subject.c_str());
  } else {
    const EntityRecord& entity = corpus.entities[position];
    ImGui::PushStyleColor(ImGuiCol_Text, entity_type_color(entity.type));
    ImGui::TextUnformatted(entity.type.c_str());
    ImGui::PopStyleColor();
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(entity.name.c_str());
    ImGui::PopFont();
    ImGui::Text("%zu mentions", entity.mentions.size());
    if (!entity.aliases.empty()) {
      std::string aliases = "Also: ";
      for (std::size_t i = 0; i < entity.aliases.size(); ++i) aliases += (i ? ", " : "") + entity.aliases[i];
      ImGui::TextUnformatted(aliases.c_str());
    }
    ImGui::TextDisabled("Click: filter by it \xC2\xB7 Ctrl+click: its card");
  }
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// A line naming the colours, with the document's counts.
void draw_legend(const Explorer& explorer, std::size_t document, float width) {
  const std::size_t quotes = explorer.quotes_of_document(document).size();
  const std::size_t amounts = explorer.amounts_of_document(document).size();
  const std::size_t mentions = explorer.mentions_of_document(document).size();
  if (quotes + amounts + mentions == 0) return;
  const float swatch = ImGui::GetFontSize() * 0.7f;
  const float right_edge = ImGui::GetCursorScreenPos().x + width;
  const float line_start = ImGui::GetCursorScreenPos().x;
  bool first = true;
  auto item = [&](ImU32 color, const char* label, bool underline) {
    // Wrap before an item that would pass the right edge.
    const float item_width = swatch * 1.4f + ImGui::CalcTextSize(label).x;
    if (!first) {
      ImGui::SameLine(0, swatch * 1.4f);
      if (ImGui::GetCursorScreenPos().x + item_width > right_edge) {
        ImGui::NewLine();
        ImGui::SetCursorScreenPos(ImVec2(line_start, ImGui::GetCursorScreenPos().y));
      }
    }
    first = false;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float middle = at.y + ImGui::GetTextLineHeight() * 0.5f;
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    if (underline) {
      draw_list->AddRectFilled(ImVec2(at.x, middle + swatch * 0.3f), ImVec2(at.x + swatch, middle + swatch * 0.3f + 2), color);
    } else {
      draw_list->AddRectFilled(ImVec2(at.x, middle - swatch * 0.5f), ImVec2(at.x + swatch, middle + swatch * 0.5f), color, 2.0f);
    }
    ImGui::Dummy(ImVec2(swatch, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0, swatch * 0.4f);
    ImGui::TextDisabled("%s", label);
  };
  const std::string quote_label = std::to_string(quotes) + (quotes == 1 ? " quote" : " quotes");
  const std::string amount_label = std::to_string(amounts) + (amounts == 1 ? " amount" : " amounts");
  item(quote_background_color(), quote_label.c_str(), false);
  item(amount_background_color(), amount_label.c_str(), false);
  for (const char* type : {"person", "organization", "place", "product", "event", "law"}) item(entity_type_color(type), type, true);
}

// Whether a byte belongs to a word, for a double click's selection: letters, digits, and every
// byte of a multi-byte UTF-8 character.
bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || (byte >= '0' && byte <= '9') || (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || c == '\'' || c == '-';
}

// The selection after a press at `offset`: a double click selects the word there, a single
// click starts a drag.
void press_selection(ReaderSelection& selection, std::string_view text, std::uint32_t offset, bool double_click) {
  selection.anchor = selection.focus = offset;
  selection.dragging = !double_click;
  if (!double_click) return;
  std::uint32_t start = offset;
  std::uint32_t end = offset;
  while (start > 0 && is_word_byte(text[start - 1])) --start;
  while (end < text.size() && is_word_byte(text[end])) ++end;
  selection.anchor = start;
  selection.focus = end;
}

// While the button is down past the panel's top or bottom edge, the panel scrolls towards it.
void scroll_toward_mouse() {
  const float mouse_y = ImGui::GetMousePos().y;
  const float top = ImGui::GetWindowPos().y;
  const float bottom = top + ImGui::GetWindowSize().y;
  const float step = ImGui::GetTextLineHeightWithSpacing() * 0.5f;
  if (mouse_y < top + step) ImGui::SetScrollY(ImGui::GetScrollY() - step);
  if (mouse_y > bottom - step) ImGui::SetScrollY(ImGui::GetScrollY() + step);
}

// "‹ Previous" and "Next ›" through the search's hits in the document, with "3 of 12"; Enter and
// Shift+Enter do the same while the reader has the focus. A new document or search starts again at
// the first hit.
void draw_hit_stepper(ReaderWidgets& reader, std::size_t hit_count, std::size_t document, std::size_t search) {
  if (reader.hits_document != document || reader.hits_search != search || reader.current_hit >= hit_count) {
    reader.hits_document = document;
    reader.hits_search = search;
    reader.current_hit = 0;
  }
  if (hit_count == 0) return;
  const bool focused = ImGui::IsWindowFocused() && !ImGui::GetIO().WantTextInput;
  const bool enter = focused && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
  ImGui::SameLine();
  if (ImGui::SmallButton("\xE2\x80\xB9 Previous") || (enter && ImGui::GetIO().KeyShift)) {
    reader.current_hit = (reader.current_hit + hit_count - 1) % hit_count;
    reader.scroll_to_hit = true;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%zu of %zu", reader.current_hit + 1, hit_count);
  ImGui::SameLine();
  if (ImGui::SmallButton("Next \xE2\x80\xBA") || (enter && !ImGui::GetIO().KeyShift)) {
    reader.current_hit = (reader.current_hit + 1) % hit_count;
    reader.scroll_to_hit = true;
  }
}

}  // namespace

void draw_reader_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  const ExplorerState& state = explorer.state();
  if (!state.selected) {
    ImGui::TextDisabled(explorer.loaded() ? "Select a document to read it." : "Loading\xE2\x80\xA6");
    return;
  }
  const Document& document = explorer.corpus().documents[*state.selected];
  if (widgets.reader.shown_document != *state.selected) {
    widgets.reader.shown_document = *state.selected;
    ImGui::SetScrollY(0.0f);
  }
  ReaderSelection& selection = widgets.reader.selection;
  if (selection.document != *state.selected || selection.end() > document.text.size()) selection = {*state.selected};
  const std::string_view selected_text = std::string_view(document.text).substr(selection.start(), selection.end() - selection.start());

  // A readable measure: about 75 characters a line, centred when the panel is wider.
  const float measure = ImGui::GetFontSize() * 38.0f;
  const float available = ImGui::GetContentRegionAvail().x;
  const float indent = available > measure ? (available - measure) * 0.5f : 0.0f;
  const float wrap_width = available > measure ? measure : available;
  if (indent > 0) ImGui::Indent(indent);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap_width);

  // A right click on the title copies the whole article; on a paragraph, that paragraph.
  ImGui::BeginGroup();
  ImGui::PushFont(fonts().heading);
  draw_highlighted_text(document.title, explorer.title_highlights(*state.selected), {wrap_width, 0, 0});
  ImGui::PopFont();
  ImGui::EndGroup();
  offer_copy(document.title + "\n\n" + document.text, widgets);
  const std::vector<search::Highlight> highlights =
      state.query.empty() ? std::vector<search::Highlight>{} : explorer.text_highlights(*state.selected);
  ImGui::TextDisabled("%s  \xC2\xB7  %zu words  \xC2\xB7  %zu matches", document.id.c_str(), document.word_count, highlights.size());
  draw_hit_stepper(widgets.reader, highlights.size(), *state.selected, explorer.search_count());
  draw_legend(explorer, *state.selected, wrap_width);
  draw_document_notebook_row(explorer, *state.selected, widgets, actions);
  ImGui::Spacing();

  // One wrapped block per paragraph (non-empty line), search hits highlighted, extracted
  // entities, quotes and amounts marked; hovering a mark explains it. Dragging the mouse over the
  // text selects it (a double click selects a word); Ctrl+C or a right click copies it.
  std::vector<TextMark> marks = marks_of_document(explorer, *state.selected);
  const search::Highlight* current_hit = highlights.empty() ? nullptr : &highlights[widgets.reader.current_hit];
  if (current_hit) marks.push_back({current_hit->start, current_hit->end, current_hit_color(), false, -1});
  float current_hit_y = -1.0f;
  int hovered_mark = -1;
  int pointed_offset = -1;  // the text's offset under the mouse, when over a paragraph
  const std::string_view text = document.text;
  ReaderWidgets& reader = widgets.reader;
  if (reader.heights_text != text.data() || reader.heights_text_size != text.size() || reader.heights_wrap_width != wrap_width ||
      reader.heights_font_size != ImGui::GetFontSize()) {
    reader.paragraph_heights.clear();
    reader.heights_text = text.data();
    reader.heights_text_size = text.size();
    reader.heights_wrap_width = wrap_width;
    reader.heights_font_size = ImGui::GetFontSize();
  }
  const float visible_top = ImGui::GetWindowDrawList()->GetClipRectMin().y;
  const float visible_bottom = ImGui::GetWindowDrawList()->GetClipRectMax().y;
  std::size_t paragraph = 0;  // among the non-empty ones
  std::size_t paragraph_start = 0;
  while (paragraph_start < text.size()) {
    std::size_t paragraph_end = text.find('\n', paragraph_start);
    if (paragraph_end == std::string_view::npos) paragraph_end = text.size();
    const std::string_view paragraph_text = text.substr(paragraph_start, paragraph_end - paragraph_start);
    if (paragraph_text.find_first_not_of(" \t") != std::string_view::npos) {
      const auto start = static_cast<std::uint32_t>(paragraph_start);
      const auto end = static_cast<std::uint32_t>(paragraph_end);
      if (reader.paragraph_heights.size() <= paragraph) reader.paragraph_heights.resize(paragraph + 1, 0.0f);
      float& height = reader.paragraph_heights[paragraph++];
      const float top = ImGui::GetCursorScreenPos().y;
      const bool hit_to_find = current_hit && reader.scroll_to_hit && current_hit->start >= start && current_hit->start < end;
      if (height > 0.0f && (top + height < visible_top || top > visible_bottom) && !hit_to_find) {
        ImGui::Dummy(ImVec2(wrap_width, height - ImGui::GetStyle().ItemSpacing.y));  // out of view
        paragraph_start = paragraph_end + 1;
        continue;
      }
      ImGui::PushID(static_cast<int>(paragraph_start));
      HighlightedTextStyle style{wrap_width, 0, 0};
      if (!selection.empty() && selection.end() > start && selection.start() < end) {
        style.selection_start = std::max(selection.start(), start) - start;
        style.selection_end = std::min(selection.end(), end) - start;
      }
      TextProbe probe;
      if (current_hit && current_hit->start >= start && current_hit->start < end) probe.locate_offset = static_cast<int>(current_hit->start - start);
      ImGui::BeginGroup();
      const int hovered = draw_highlighted_text(paragraph_text, highlights_within(highlights, start, end), style,
                                                marks_within(marks, start, end), &probe);
      ImGui::EndGroup();
      offer_copy(std::string(paragraph_text), widgets, selected_text);
      ImGui::PopID();
      if (hovered >= 0) hovered_mark = hovered;
      if (probe.offset_under_mouse >= 0) pointed_offset = static_cast<int>(start) + probe.offset_under_mouse;
      if (probe.located_y >= 0) current_hit_y = probe.located_y;
      ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight() * 0.5f));
      height = ImGui::GetCursorScreenPos().y - top;
    }
    paragraph_start = paragraph_end + 1;
  }

  // What cleaning took out of the source (reading-time lines, link lists, copyright), on request.
  if (!document.removed.empty()) {
    const std::string heading = "Removed from the source (" + std::to_string(document.removed.size()) + ")###removed";
    if (ImGui::CollapsingHeader(heading.c_str())) {
      for (const RemovedText& removed : document.removed) {
        ImGui::TextDisabled("%s", removed.reason.c_str());
        ImGui::Indent();
        ImGui::TextUnformatted(removed.text.c_str());
        ImGui::Unindent();
      }
    }
  }

  // Previous or Next brings the current hit to a third of the panel's height.
  if (widgets.reader.scroll_to_hit && current_hit_y >= 0) {
    ImGui::SetScrollY(ImGui::GetScrollY() + current_hit_y - ImGui::GetWindowPos().y - ImGui::GetWindowHeight() / 3.0f);
  }
  widgets.reader.scroll_to_hit = false;

  // Selecting: a press on the text starts a selection, dragging extends it, and a release that
  // selected nothing is a click (on an entity's mention, it opens the entity's card).
  bool clicked = false;
  if (pointed_offset >= 0 && ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    press_selection(selection, text, static_cast<std::uint32_t>(pointed_offset), ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left));
  } else if (selection.dragging) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      if (pointed_offset >= 0) selection.focus = static_cast<std::uint32_t>(pointed_offset);
      scroll_toward_mouse();
    } else {
      selection.dragging = false;
      clicked = selection.empty();
    }
  }
  if (!selected_text.empty() && ImGui::IsWindowFocused() && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_C))) {
    widgets.requests.copy_text = std::string(selected_text);
  }
  if (pointed_offset >= 0 && hovered_mark < 0) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);

  if (hovered_mark >= 0) {
    draw_mark_tooltip(explorer, hovered_mark);
    // A click on an entity's mention filters the results by it; Ctrl+click opens its card.
    if ((hovered_mark & kMarkKinds) == 0 && clicked) {
      const EntityRecord& entity = explorer.corpus().entities[static_cast<std::size_t>(hovered_mark)];
      if (ImGui::GetIO().KeyCtrl) {
        actions.push_back(SelectEntity{entity.id});
      } else {
        actions.push_back(AddFilter{facet_filter(entity.type, entity.name)});
      }
    }
  }

  ImGui::PopTextWrapPos();
  if (indent > 0) ImGui::Unindent(indent);
}

}  // namespace loupe::ui
