// The reader panel (see reader_panel.h).
#include "ui/reader_panel.h"

#include <imgui.h>

#include <string_view>

#include "ui/fonts.h"

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
  ImGui::TextWrapped("%s", document.title.c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("%s  \xC2\xB7  %zu words", document.id.c_str(), document.word_count);
  ImGui::Spacing();
  ImGui::Spacing();

  // One wrapped block per paragraph (non-empty line), with space between paragraphs.
  std::string_view text = document.text;
  while (!text.empty()) {
    const std::size_t line_end = text.find('\n');
    const std::string_view line = text.substr(0, line_end);
    text = line_end == std::string_view::npos ? std::string_view() : text.substr(line_end + 1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    ImGui::TextUnformatted(line.data(), line.data() + line.size());
    ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight() * 0.5f));
  }

  ImGui::PopTextWrapPos();
  if (indent > 0) ImGui::Unindent(indent);
}

}  // namespace loupe::ui
