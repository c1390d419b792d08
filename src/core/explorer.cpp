// The explorer's state and actions (see explorer.h).
#include "core/explorer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

namespace loupe {

void Explorer::load(Corpus corpus) {
  corpus_ = std::move(corpus);
  const auto started = std::chrono::steady_clock::now();
  index_ = search::Index::build(corpus_);
  index_build_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  mentions_by_document_.assign(corpus_.documents.size(), {});
  for (std::size_t e = 0; e < corpus_.entities.size(); ++e) {
    for (const TextSpan& mention : corpus_.entities[e].mentions) {
      if (mention.document < mentions_by_document_.size()) mentions_by_document_[mention.document].push_back({mention.start, mention.end, e});
    }
  }
  for (auto& mentions : mentions_by_document_) {
    std::sort(mentions.begin(), mentions.end(), [](const MentionInDocument& a, const MentionInDocument& b) { return a.start < b.start; });
  }
  loaded_ = true;
  run_search();
  state_.selected = corpus_.documents.empty() ? std::nullopt : std::optional<std::size_t>(0);
}

void Explorer::run_search() {
  search::SearchOptions options;
  options.sort = state_.sort;
  search_result_ = search::run_query(index_, corpus_, state_.query, options);
  passages_on_demand_.clear();
  state_.results.clear();
  for (const search::Hit& hit : search_result_.hits) state_.results.push_back(hit.document);
}

std::vector<search::Passage> Explorer::passages_of_hit(std::size_t n) const {
  if (n >= search_result_.hits.size()) return {};
  const search::Hit& hit = search_result_.hits[n];
  if (!hit.passages.empty()) return hit.passages;
  // Computed once per search, when the hit first scrolls into view.
  if (passages_on_demand_.size() != search_result_.hits.size()) passages_on_demand_.assign(search_result_.hits.size(), std::nullopt);
  std::optional<std::vector<search::Passage>>& cached = passages_on_demand_[n];
  if (!cached) cached = search::find_passages(index_, corpus_, hit.document, search_result_.highlights, search::SearchOptions{}.passages_per_hit);
  return *cached;
}

std::vector<search::Highlight> Explorer::text_highlights(std::size_t document) const {
  if (document >= corpus_.documents.size()) return {};
  return search::find_highlights(index_.tokens(static_cast<search::DocumentId>(document)).body, search_result_.highlights);
}

std::vector<search::Highlight> Explorer::title_highlights(std::size_t document) const {
  if (document >= corpus_.documents.size()) return {};
  return search::find_highlights(index_.tokens(static_cast<search::DocumentId>(document)).title, search_result_.highlights);
}

std::string Explorer::apply(const Action& action) {
  if (const auto* set_query = std::get_if<SetQuery>(&action)) {
    state_.query = set_query->text;
    run_search();
    // The reader follows the results: a document that no longer matches gives way to the best one.
    const bool selected_matches = state_.selected && std::find(state_.results.begin(), state_.results.end(), *state_.selected) != state_.results.end();
    if (!selected_matches && !state_.results.empty()) state_.selected = state_.results.front();
    return {};
  }
  if (const auto* set_sort = std::get_if<SetSort>(&action)) {
    state_.sort = set_sort->order;
    run_search();
    return {};
  }
  if (const auto* show = std::get_if<ShowView>(&action)) {
    for (const char* view : kViews) {
      if (show->view == view) {
        state_.view = show->view;
        return {};
      }
    }
    return "no view \"" + show->view + "\" (views: documents, quotes, money)";
  }
  const auto& select = std::get<SelectDocument>(action);
  const std::optional<std::size_t> position = corpus_.find(select.id);
  if (!position) return "no document with id \"" + select.id + "\"";
  state_.selected = position;
  return {};
}

namespace {

// Positions of the records whose span lies in one of the marked documents.
template <typename Record>
std::vector<std::size_t> records_in(const std::vector<Record>& records, const std::vector<bool>& documents) {
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (records[i].span.document < documents.size() && documents[records[i].span.document]) positions.push_back(i);
  }
  return positions;
}

}  // namespace

std::vector<bool> Explorer::result_documents() const {
  std::vector<bool> in_results(corpus_.documents.size(), false);
  for (std::size_t position : state_.results) in_results[position] = true;
  return in_results;
}

std::vector<std::size_t> Explorer::quotes_in_results() const { return records_in(corpus_.quotes, result_documents()); }

std::vector<std::size_t> Explorer::amounts_in_results() const {
  std::vector<std::size_t> positions = records_in(corpus_.amounts, result_documents());
  std::stable_sort(positions.begin(), positions.end(), [&](std::size_t a, std::size_t b) {
    const double dollars_a = corpus_.amounts[a].usd_maximum.value_or(-1.0);
    const double dollars_b = corpus_.amounts[b].usd_maximum.value_or(-1.0);
    return dollars_a > dollars_b;
  });
  return positions;
}

std::vector<std::size_t> Explorer::quotes_of_document(std::size_t document) const {
  std::vector<bool> only(corpus_.documents.size(), false);
  if (document < only.size()) only[document] = true;
  return records_in(corpus_.quotes, only);
}

std::vector<std::size_t> Explorer::amounts_of_document(std::size_t document) const {
  std::vector<bool> only(corpus_.documents.size(), false);
  if (document < only.size()) only[document] = true;
  return records_in(corpus_.amounts, only);
}

const std::vector<MentionInDocument>& Explorer::mentions_of_document(std::size_t document) const {
  static const std::vector<MentionInDocument> none;
  return document < mentions_by_document_.size() ? mentions_by_document_[document] : none;
}

std::string Explorer::entity_name(const std::string& id) const {
  if (id.empty()) return {};
  for (const EntityRecord& entity : corpus_.entities) {
    if (entity.id == id) return entity.name;
  }
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
  const json state = {{"documents", documents},
                      {"query", state_.query},
                      {"results", results},
                      {"total", search_result_.hits.size()},
                      {"took_ms", search_result_.took_ms},
                      {"notes", search_result_.notes},
                      {"sort", state_.sort == search::SortOrder::Relevance ? "relevance" : "document"},
                      {"view", state_.view},
                      {"views", std::vector<std::string>(std::begin(kViews), std::end(kViews))},
                      {"counts", {{"entities", corpus_.entities.size()}, {"quotes", corpus_.quotes.size()}, {"amounts", corpus_.amounts.size()}}},
                      {"selected", selected},
                      {"corpus", corpus_.name},
                      {"index_ms", index_build_ms_}};
  return state.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace loupe
