// The reader panel (see reader_panel.h).
#include "ui/reader_panel.h"

#include <imgui.h>

#include <string_view>

#include "ui/fonts.h"
#include "ui/highlighted_text.h"

namespace loupe::ui {

void draw_reader_panel(const Explorer& explorer) {
  const ExplorerState& state = explorer.state();
  if (!state.selected) {
    ImGui::TextDisabled(explorer.loaded() ? "Select a document to read it." : "Loading\xE2\x80\xA6");
    return;
  }
  const Document& document = explorer.corpus().documents[*state.selected];

  // A readable measure: about 75 characters a line, centred when the panel is wider.
  const float measure = ImGui::GetFontSize() * 38.0f;
  const float available = ImGui::GetContentRegionAvail().x;
  const float indent = available > measure ? (available - measure) * 0.5f : 0.0f;
  const float wrap_width = available > measure ? measure : available;
  if (indent > 0) ImGui::Indent(indent);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap_width);

  ImGui::PushFont(fonts().heading);
  draw_highlighted_text(document.title, explorer.title_highlights(*state.selected), {wrap_width, 0, 0});
  ImGui::PopFont();
  ImGui::TextDisabled("%s  \xC2\xB7  %zu words  \xC2\xB7  %zu matches", document.id.c_str(), document.word_count,
                      explorer.state().query.empty() ? std::size_t{0} : explorer.text_highlights(*state.selected).size());
  ImGui::Spacing();
  ImGui::Spacing();

  // One wrapped block per paragraph (non-empty line), search hits highlighted.
  const std::vector<search::Highlight> highlights = explorer.text_highlights(*state.selected);
  const std::string_view text = document.text;
  std::size_t paragraph_start = 0;
  while (paragraph_start < text.size()) {
    std::size_t paragraph_end = text.find('\n', paragraph_start);
    if (paragraph_end == std::string_view::npos) paragraph_end = text.size();
    const std::string_view paragraph = text.substr(paragraph_start, paragraph_end - paragraph_start);
    if (paragraph.find_first_not_of(" \t") != std::string_view::npos) {
      draw_highlighted_text(paragraph,
                            highlights_within(highlights, static_cast<std::uint32_t>(paragraph_start),
                                              static_cast<std::uint32_t>(paragraph_end)),
                            {wrap_width, 0, 0});
      ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight() * 0.5f));
    }
    paragraph_start = paragraph_end + 1;
  }

  ImGui::PopTextWrapPos();
  if (indent > 0) ImGui::Unindent(indent);
}

}  // namespace loupe::ui
