// The documents panel (see documents_panel.h).
#include "ui/documents_panel.h"

#include <imgui.h>
#include <imgui_internal.h>  // RenderTextEllipsis
#include <imgui_stdlib.h>

namespace loupe::ui {

void draw_documents_panel(const Explorer& explorer, WidgetState& widgets, std::vector<Action>& actions) {
  const ExplorerState& state = explorer.state();
  const Corpus& corpus = explorer.corpus();

  // The box follows the state when the query changed elsewhere (the page's API, a link), even
  // while it is being edited: ImGui keeps its own copy of an active box's text, so the new text
  // is put in through the callback.
  const bool changed_elsewhere = state.query != widgets.synced_query;
  if (changed_elsewhere) {
    widgets.search_text = state.query;
    widgets.synced_query = state.query;
  }
  auto replace_text = [](ImGuiInputTextCallbackData* data) {
    const auto* text = static_cast<const std::string*>(data->UserData);
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, text->c_str(), text->c_str() + text->size());
    return 0;
  };
  ImGui::SetNextItemWidth(-1);
  const ImGuiInputTextFlags flags = changed_elsewhere ? ImGuiInputTextFlags_CallbackAlways : ImGuiInputTextFlags_None;
  const std::string replacement = widgets.search_text;
  if (ImGui::InputTextWithHint("##search", "Search the documents", &widgets.search_text, flags,
                               changed_elsewhere ? +replace_text : nullptr, const_cast<std::string*>(&replacement)) &&
      widgets.search_text != widgets.synced_query) {
    widgets.synced_query = widgets.search_text;
    actions.push_back(SetQuery{widgets.search_text});
  }
  ImGui::TextDisabled("%zu of %zu documents", state.results.size(), corpus.documents.size());
  ImGui::Separator();

  ImGui::BeginChild("document list");
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(state.results.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const std::size_t position = state.results[static_cast<std::size_t>(row)];
      const Document& document = corpus.documents[position];
      ImGui::PushID(row);
      const bool selected = state.selected == position;
      const float line_height = ImGui::GetTextLineHeight();
      const ImVec2 padding(ImGui::GetStyle().FramePadding.x, ImGui::GetStyle().FramePadding.y * 0.75f);
      const ImVec2 row_size(0, line_height * 2 + padding.y * 3);
      if (ImGui::Selectable("##document", selected, ImGuiSelectableFlags_None, row_size)) {
        actions.push_back(SelectDocument{document.id});
      }
      // Title (clipped to one line) and a dim second line, drawn over the selectable.
      const ImVec2 row_min = ImGui::GetItemRectMin();
      const ImVec2 row_max = ImGui::GetItemRectMax();
      const ImVec2 text_position(row_min.x + padding.x, row_min.y + padding.y);
      ImDrawList* draw_list = ImGui::GetWindowDrawList();
      const ImVec4 clip(row_min.x, row_min.y, row_max.x - padding.x, row_max.y);
      const char* title = document.title.c_str();
      const char* title_end = title + document.title.size();
      ImGui::RenderTextEllipsis(draw_list, text_position, ImVec2(clip.z, text_position.y + line_height), clip.z, clip.z,
                                title, title_end, nullptr);
      char detail[160];
      snprintf(detail, sizeof detail, "%zu words  \xC2\xB7  %s", document.word_count, document.id.c_str());
      draw_list->AddText(nullptr, 0, ImVec2(text_position.x, text_position.y + line_height + padding.y),
                         ImGui::GetColorU32(ImGuiCol_TextDisabled), detail, nullptr, 0, &clip);
      if (ImGui::IsItemHovered() && ImGui::CalcTextSize(title, title_end).x > clip.z - text_position.x) {
        ImGui::SetTooltip("%s", document.title.c_str());
      }
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
}

}  // namespace loupe::ui
