// The explorer's state and actions (see explorer.h).
#include "core/explorer.h"

#include <nlohmann/json.hpp>

#include "core/search.h"

namespace loupe {

void Explorer::load(Corpus corpus) {
  corpus_ = std::move(corpus);
  loaded_ = true;
  state_.results = find_documents(corpus_, state_.query);
  state_.selected = corpus_.documents.empty() ? std::nullopt : std::optional<std::size_t>(0);
}

std::string Explorer::apply(const Action& action) {
  if (const auto* set_query = std::get_if<SetQuery>(&action)) {
    state_.query = set_query->text;
    state_.results = find_documents(corpus_, state_.query);
    return {};
  }
  const auto& select = std::get<SelectDocument>(action);
  const std::optional<std::size_t> position = corpus_.find(select.id);
  if (!position) return "no document with id \"" + select.id + "\"";
  state_.selected = position;
  return {};
}

std::string Explorer::state_json() const {
  using nlohmann::json;
  json documents = json::array();
  for (const Document& document : corpus_.documents) {
    documents.push_back({{"id", document.id}, {"title", document.title}, {"words", document.word_count}});
  }
  json results = json::array();
  for (std::size_t position : state_.results) results.push_back(corpus_.documents[position].id);
  const json selected = state_.selected ? json(corpus_.documents[*state_.selected].id) : json(nullptr);
  const json state = {{"documents", documents}, {"query", state_.query}, {"results", results},
                      {"view", state_.view}, {"selected", selected}, {"corpus", corpus_.name}};
  return state.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace loupe
