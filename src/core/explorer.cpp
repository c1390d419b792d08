// The explorer's state and actions (see explorer.h).
#include "core/explorer.h"

#include "core/parallel.h"
#include "core/text/unicode.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

namespace loupe {

namespace {

// Positions of the records (quotes, amounts) of each document, in order.
template <typename Record>
std::vector<std::vector<std::size_t>> records_by_document(const std::vector<Record>& records, std::size_t document_count) {
  std::vector<std::vector<std::size_t>> by_document(document_count);
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (records[i].span.document < document_count) by_document[records[i].span.document].push_back(i);
  }
  return by_document;
}

}  // namespace

void Explorer::load(Corpus corpus) {
  corpus_ = std::move(corpus);
  const auto started = std::chrono::steady_clock::now();
  index_ = search::Index::build(corpus_, available_threads());
  index_build_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  entity_positions_.clear();
  for (std::size_t e = 0; e < corpus_.entities.size(); ++e) entity_positions_.emplace(corpus_.entities[e].id, e);
  mentions_by_document_.assign(corpus_.documents.size(), {});
  for (std::size_t e = 0; e < corpus_.entities.size(); ++e) {
    for (const TextSpan& mention : corpus_.entities[e].mentions) {
      if (mention.document < mentions_by_document_.size()) mentions_by_document_[mention.document].push_back({mention.start, mention.end, e});
    }
  }
  for (auto& mentions : mentions_by_document_) {
    std::sort(mentions.begin(), mentions.end(), [](const MentionInDocument& a, const MentionInDocument& b) { return a.start < b.start; });
  }
  quotes_by_document_ = records_by_document(corpus_.quotes, corpus_.documents.size());
  amounts_by_document_ = records_by_document(corpus_.amounts, corpus_.documents.size());
  // The amounts largest in US dollars first, once (5 ms at 100 MB, against a first Money frame
  // over budget): a search's are then these, filtered. Sorted as (dollars, position) pairs, which
  // stay in the cache, rather than through the records; equal dollars keep the corpus's order.
  std::vector<std::pair<double, std::size_t>> by_dollars(corpus_.amounts.size());
  for (std::size_t i = 0; i < by_dollars.size(); ++i) {
    const double dollars = corpus_.amounts[i].usd_maximum.value_or(-1.0);
    by_dollars[i] = {std::isfinite(dollars) ? dollars : -1.0, i};  // (bundles hold finite numbers; a NaN would break the order)
  }
  std::sort(by_dollars.begin(), by_dollars.end(), [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  amounts_by_dollars_.resize(by_dollars.size());
  amount_documents_by_dollars_.resize(by_dollars.size());
  for (std::size_t i = 0; i < by_dollars.size(); ++i) {
    amounts_by_dollars_[i] = by_dollars[i].second;
    amount_documents_by_dollars_[i] = corpus_.amounts[by_dollars[i].second].span.document;
  }
  loaded_ = true;
  entities_by_name_.clear();  // sorted when Name is first clicked
  state_.selected_entity.reset();
  entity_card_.reset();
  terms_of_document_.reset();
  corpus_term_counts_.reset();
  run_search();
  state_.selected = corpus_.documents.empty() ? std::nullopt : std::optional<std::size_t>(0);
}

void Explorer::run_search() {
  search::SearchOptions options;
  options.sort = state_.sort;
  options.document_tags = &notebook_.tags;
  std::string query = state_.query;
  for (const std::string& filter : state_.filters) query += (query.empty() ? "" : " ") + filter;
  search_result_ = search::run_query(index_, corpus_, query, options);
  passages_on_demand_.clear();
  concordance_.reset();
  terms_of_results_.reset();
  terms_counting_.reset();
  network_.reset();
  network_counting_.reset();
  quotes_by_speaker_.reset();
  amounts_in_results_.reset();
  entity_rows_.reset();
  entity_counts_.reset();
  entity_counting_.reset();
  ++search_count_;
  state_.results.clear();
  for (const search::Hit& hit : search_result_.hits) state_.results.push_back(hit.document);
}

bool Explorer::filtered_by_tags() const {
  const auto has_tag_term = [](std::string_view text) { return text.find("tag:") != std::string_view::npos; };
  return has_tag_term(state_.query) || std::any_of(state_.filters.begin(), state_.filters.end(), has_tag_term);
}

void Explorer::set_notebook(Notebook notebook, NotebookSource source) {
  notebook_ = std::move(notebook);
  if (source == NotebookSource::Imported) ++notebook_revision_;
  if (loaded_ && filtered_by_tags()) {
    run_search();
    keep_selection_in_results();
  }
}

std::string Explorer::load_notebook(std::string_view text, NotebookSource source) {
  NotebookReadResult read = read_notebook(text);
  if (!read.notebook) return read.error;
  set_notebook(std::move(*read.notebook), source);
  return {};
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

// The reader follows the results: a document that no longer matches gives way to the best one.
void Explorer::keep_selection_in_results() {
  const bool selected_matches = state_.selected && std::find(state_.results.begin(), state_.results.end(), *state_.selected) != state_.results.end();
  if (!selected_matches && !state_.results.empty()) state_.selected = state_.results.front();
}

std::string Explorer::apply(const Action& action) {
  if (const auto* set_query = std::get_if<SetQuery>(&action)) {
    state_.query = set_query->text;
    run_search();
    keep_selection_in_results();
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
    std::string known;
    for (const char* view : kViews) known += (known.empty() ? "" : ", ") + std::string(view);
    return "no view \"" + show->view + "\" (views: " + known + ")";
  }
  if (const auto* move = std::get_if<MoveSelection>(&action)) {
    if (state_.results.empty()) return {};
    const auto current = state_.selected ? std::find(state_.results.begin(), state_.results.end(), *state_.selected) : state_.results.end();
    if (current == state_.results.end()) {
      state_.selected = state_.results.front();
      return {};
    }
    const auto position = static_cast<long>(current - state_.results.begin()) + move->step;
    state_.selected = state_.results[static_cast<std::size_t>(std::clamp(position, 0L, static_cast<long>(state_.results.size()) - 1))];
    return {};
  }
  if (const auto* add = std::get_if<AddFilter>(&action)) {
    if (std::find(state_.filters.begin(), state_.filters.end(), add->term) == state_.filters.end()) state_.filters.push_back(add->term);
    run_search();
    keep_selection_in_results();
    return {};
  }
  if (const auto* remove = std::get_if<RemoveFilter>(&action)) {
    if (remove->index >= state_.filters.size()) return "no filter number " + std::to_string(remove->index);
    state_.filters.erase(state_.filters.begin() + static_cast<std::ptrdiff_t>(remove->index));
    run_search();
    keep_selection_in_results();
    return {};
  }
  if (std::holds_alternative<ClearFilters>(action)) {
    state_.filters.clear();
    run_search();
    keep_selection_in_results();
    return {};
  }
  if (const auto* select_entity = std::get_if<SelectEntity>(&action)) {
    for (std::size_t e = 0; e < corpus_.entities.size(); ++e) {
      if (corpus_.entities[e].id != select_entity->id) continue;
      state_.selected_entity = e;
      state_.view = "entities";
      entity_card_ = make_entity_card(e);
      return {};
    }
    return "no entity with id \"" + select_entity->id + "\"";
  }
  if (const auto* edit = std::get_if<EditNotebook>(&action)) {
    std::string error = apply_edit(notebook_, edit->edit);
    if (!error.empty()) return error;
    ++notebook_revision_;
    const bool tags_changed = std::holds_alternative<AddTag>(edit->edit) || std::holds_alternative<RemoveTag>(edit->edit);
    if (tags_changed && filtered_by_tags()) {
      run_search();
      keep_selection_in_results();
    }
    return {};
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

const std::vector<std::size_t>& Explorer::quotes_in_results(std::string_view speaker) const {
  const std::string filter = text::fold_for_matching(speaker);
  if (!quotes_by_speaker_ || quotes_by_speaker_->first != filter) {
    std::vector<std::size_t> quotes = records_in(corpus_.quotes, result_documents());
    if (!filter.empty()) {
      std::erase_if(quotes, [&](std::size_t q) {
        return text::fold_for_matching(speaker_of(corpus_.quotes[q])).find(filter) == std::string::npos &&
               text::fold_for_matching(corpus_.quotes[q].speaker_name).find(filter) == std::string::npos;
      });
    }
    quotes_by_speaker_.emplace(filter, std::move(quotes));
  }
  return quotes_by_speaker_->second;
}

std::string Explorer::speaker_of(const QuoteRecord& quote) const {
  const std::string entity = entity_name(quote.speaker);
  return entity.empty() ? quote.speaker_name : entity;
}

const std::vector<std::size_t>& Explorer::amounts_in_results() const {
  if (amounts_in_results_) return *amounts_in_results_;
  // The corpus's order by dollars, filtered: the same as the results' amounts sorted stably.
  const std::vector<bool> in_results = result_documents();
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < amounts_by_dollars_.size(); ++i) {
    // (each amount's document beside it: one pass through memory, not a visit to each record)
    const std::size_t document = amount_documents_by_dollars_[i];
    if (document < in_results.size() && in_results[document]) positions.push_back(amounts_by_dollars_[i]);
  }
  return amounts_in_results_.emplace(std::move(positions));
}

namespace {
const std::vector<std::size_t> kNoRecords;
}

const std::vector<std::size_t>& Explorer::quotes_of_document(std::size_t document) const {
  return document < quotes_by_document_.size() ? quotes_by_document_[document] : kNoRecords;
}

const std::vector<std::size_t>& Explorer::amounts_of_document(std::size_t document) const {
  return document < amounts_by_document_.size() ? amounts_by_document_[document] : kNoRecords;
}

const std::vector<MentionInDocument>& Explorer::mentions_of_document(std::size_t document) const {
  static const std::vector<MentionInDocument> none;
  return document < mentions_by_document_.size() ? mentions_by_document_[document] : none;
}

std::string facet_filter(const std::string& facet, const std::string& value) {
  if (facet == "has") return "has:" + value;
  if (facet == "folder") return value == "(top level)" ? std::string() : "doc:" + value;
  std::string quoted;
  for (const char c : value) {
    if (c != '"') quoted += c;  // a name with a quotation mark inside can't be quoted whole
  }
  return (facet == "tag" ? "tag:\"" : "entity:\"") + quoted + "\"";
}

const std::vector<EntityRow>& Explorer::entity_rows(EntityColumn column, bool ascending) const {
  if (entity_rows_ && std::get<0>(*entity_rows_) == column && std::get<1>(*entity_rows_) == ascending) return std::get<2>(*entity_rows_);
  if (!entity_counts_) {
    start_entity_counting();
    do_entity_work(std::chrono::steady_clock::time_point::max());
  }
  // The counted rows (in the corpus's order) in the column's order, ties in the corpus's order: what
  // a stable sort gives, without sorting 46,000 rows in the frame that shows them (2.5 ms natively,
  // 17 to 21 ms in the page at 100 MB).
  const std::vector<EntityRow>& counted = *entity_counts_;
  std::vector<EntityRow> rows;
  if (column == EntityColumn::Mentions || column == EntityColumn::Documents) {
    rows = rows_by_count(counted, column, ascending);
  } else if (column == EntityColumn::Name) {
    rows = rows_by_name(counted, ascending);
  } else {
    rows = counted;
    std::stable_sort(rows.begin(), rows.end(), [&](const EntityRow& a, const EntityRow& b) {
      const std::string& type_a = corpus_.entities[a.entity].type;
      const std::string& type_b = corpus_.entities[b.entity].type;
      return ascending ? type_a < type_b : type_b < type_a;
    });
  }
  entity_rows_.emplace(column, ascending, std::move(rows));
  return std::get<2>(*entity_rows_);
}

// A counting sort on the mentions or documents: small whole numbers, bucketed in one pass.
std::vector<EntityRow> Explorer::rows_by_count(const std::vector<EntityRow>& counted, EntityColumn column, bool ascending) {
  const auto key = [column](const EntityRow& row) { return column == EntityColumn::Mentions ? row.mentions : row.documents; };
  std::size_t largest = 0;
  for (const EntityRow& row : counted) largest = std::max(largest, key(row));
  const auto bucket = [&](const EntityRow& row) { return ascending ? key(row) : largest - key(row); };
  std::vector<std::size_t> bucket_starts(largest + 2, 0);
  for (const EntityRow& row : counted) ++bucket_starts[bucket(row) + 1];
  for (std::size_t b = 1; b < bucket_starts.size(); ++b) bucket_starts[b] += bucket_starts[b - 1];
  std::vector<EntityRow> rows(counted.size());
  for (const EntityRow& row : counted) rows[bucket_starts[bucket(row)]++] = row;
  return rows;
}

// The corpus's entities in order of name, once (on the first click on Name: 19 ms natively at 100
// MB), then each search's rows picked from that order.
std::vector<EntityRow> Explorer::rows_by_name(const std::vector<EntityRow>& counted, bool ascending) const {
  if (entities_by_name_.size() != corpus_.entities.size()) {
    entities_by_name_.resize(corpus_.entities.size());
    for (std::size_t e = 0; e < entities_by_name_.size(); ++e) entities_by_name_[e] = e;
    std::stable_sort(entities_by_name_.begin(), entities_by_name_.end(),
                     [&](std::size_t a, std::size_t b) { return corpus_.entities[a].name < corpus_.entities[b].name; });
  }
  std::vector<std::size_t> row_of_entity(corpus_.entities.size(), SIZE_MAX);
  for (std::size_t r = 0; r < counted.size(); ++r) row_of_entity[counted[r].entity] = r;
  std::vector<EntityRow> rows;
  rows.reserve(counted.size());
  auto take = [&](std::size_t entity) {
    if (row_of_entity[entity] != SIZE_MAX) rows.push_back(counted[row_of_entity[entity]]);
  };
  if (ascending) {
    for (const std::size_t entity : entities_by_name_) take(entity);
    return rows;
  }
  // Names from the last, each run of one name still in the corpus's order.
  for (std::size_t end = entities_by_name_.size(); end > 0;) {
    std::size_t start = end - 1;
    const std::string& name = corpus_.entities[entities_by_name_[start]].name;
    while (start > 0 && corpus_.entities[entities_by_name_[start - 1]].name == name) --start;
    for (std::size_t i = start; i < end; ++i) take(entities_by_name_[i]);
    end = start;
  }
  return rows;
}

const std::vector<EntityRow>* Explorer::entity_rows_if_ready(EntityColumn column, bool ascending, double* progress) const {
  if (!entity_counts_ && !entity_counting_) {
    start_entity_counting();
    do_entity_work(std::chrono::steady_clock::now() + kFirstSliceOfWork);
  }
  if (progress) {
    *progress = entity_counts_ || corpus_.entities.empty()
                    ? 1.0
                    : static_cast<double>(entity_counting_->next_entity) / static_cast<double>(corpus_.entities.size());
  }
  return entity_counts_ ? &entity_rows(column, ascending) : nullptr;
}

void Explorer::start_entity_counting() const {
  if (!entity_counting_) entity_counting_.emplace(EntityCounting{result_documents(), 0, {}});
}

bool Explorer::do_entity_work(std::chrono::steady_clock::time_point deadline) const {
  if (!entity_counting_) return false;
  // Slices of about four thousand mentions, with the clock read in between.
  EntityCounting& counting = *entity_counting_;
  const std::vector<bool>& in_results = counting.in_results;
  while (counting.next_entity < corpus_.entities.size()) {
    std::size_t visited = 0;
    for (; counting.next_entity < corpus_.entities.size() && visited < 4096; ++counting.next_entity) {
      const std::vector<TextSpan>& mentions = corpus_.entities[counting.next_entity].mentions;
      visited += mentions.size() + 1;
      EntityRow row{counting.next_entity, 0, 0};
      std::size_t last_document = SIZE_MAX;
      for (const TextSpan& mention : mentions) {
        if (mention.document >= in_results.size() || !in_results[mention.document]) continue;
        ++row.mentions;
        if (mention.document != last_document) ++row.documents;  // mentions are in corpus order
        last_document = mention.document;
      }
      if (row.mentions > 0) counting.rows.push_back(row);
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
  }
  if (counting.next_entity < corpus_.entities.size()) return true;
  entity_counts_ = std::move(counting.rows);
  entity_counting_.reset();
  return false;
}

namespace {
constexpr std::size_t kTermsShown = 30;
}

const search::TermCounts& Explorer::corpus_term_counts() const {
  if (!corpus_term_counts_) corpus_term_counts_ = search::corpus_term_counts(index_);
  return *corpus_term_counts_;
}

const TermsOverview& Explorer::terms_of_results() const {
  if (!terms_of_results_) {
    start_terms_counting();
    do_terms_work(std::chrono::steady_clock::time_point::max());
  }
  return *terms_of_results_;
}

const TermsOverview* Explorer::terms_of_results_if_ready(double* progress) const {
  if (!terms_of_results_ && !terms_counting_) {
    start_terms_counting();
    do_terms_work(std::chrono::steady_clock::now() + kFirstSliceOfWork);
  }
  if (progress) *progress = terms_of_results_ ? 1.0 : terms_counting_->progress();
  return terms_of_results_ ? &*terms_of_results_ : nullptr;
}

void Explorer::start_terms_counting() const {
  if (terms_counting_) return;
  std::vector<search::DocumentId> documents;
  for (std::size_t position : state_.results) documents.push_back(static_cast<search::DocumentId>(position));
  std::sort(documents.begin(), documents.end());
  terms_counting_.emplace(index_, std::move(documents), kTermsShown, corpus_term_counts_.has_value());
}

bool Explorer::do_terms_work(std::chrono::steady_clock::time_point deadline) const {
  if (!terms_counting_) return false;
  if (terms_counting_->advance(index_, corpus_term_counts_ ? &*corpus_term_counts_ : nullptr, deadline)) {
    if (!corpus_term_counts_) corpus_term_counts_ = terms_counting_->take_corpus_counts();
    terms_of_results_ = TermsOverview{std::move(terms_counting_->frequent), std::move(terms_counting_->distinctive)};
    terms_counting_.reset();
  }
  return terms_counting_.has_value();
}

const network::Graph& Explorer::network_of_results() const {
  if (!network_) {
    if (!network_counting_) network_counting_.emplace(corpus_, result_documents(), kNetworkNodeLimit);
    do_network_work(std::chrono::steady_clock::time_point::max());
  }
  return *network_;
}

const network::Graph* Explorer::network_of_results_if_ready(double* progress) const {
  if (!network_ && !network_counting_) {
    // A first slice at once: a small corpus's network is then ready in the frame that asks.
    network_counting_.emplace(corpus_, result_documents(), kNetworkNodeLimit);
    do_network_work(std::chrono::steady_clock::now() + kFirstSliceOfWork);
  }
  if (progress) *progress = network_ ? 1.0 : network_counting_->progress();
  return network_ ? &*network_ : nullptr;
}

bool Explorer::do_network_work(std::chrono::steady_clock::time_point deadline) const {
  if (!network_counting_) return false;
  if (network_counting_->advance(corpus_, index_, deadline)) {
    network_ = network_counting_->take_graph();
    network_counting_.reset();
  }
  return network_counting_.has_value();
}

bool Explorer::do_pending_work(std::chrono::steady_clock::time_point deadline) const {
  // Each counting under way goes on by one slice at least, even past the deadline: a frame over
  // its budget (a slow machine, a sanitizer build) must not leave the network and the terms
  // waiting behind the entities for ever.
  do_entity_work(deadline);
  do_network_work(deadline);
  do_terms_work(deadline);
  return entity_counting_.has_value() || network_counting_.has_value() || terms_counting_.has_value();
}

const TermsOverview& Explorer::terms_of_document(std::size_t document) const {
  if (!terms_of_document_ || terms_of_document_->first != document) {
    const std::vector<search::DocumentId> one{static_cast<search::DocumentId>(document)};
    search::TermsCounting counting(index_, one, kTermsShown, true);
    counting.advance(index_, &corpus_term_counts(), std::chrono::steady_clock::time_point::max());
    terms_of_document_.emplace(document, TermsOverview{std::move(counting.frequent), std::move(counting.distinctive)});
  }
  return terms_of_document_->second;
}

const std::vector<search::ConcordanceLine>& Explorer::concordance_lines(search::ConcordanceOrder order) const {
  if (!concordance_ || concordance_->first != order) {
    std::vector<search::DocumentId> documents;
    for (std::size_t position : state_.results) documents.push_back(static_cast<search::DocumentId>(position));
    std::vector<search::ConcordanceLine> lines = search::concordance(index_, corpus_, documents, search_result_.highlights, 80, kConcordanceLimit);
    search::sort_concordance(lines, order);
    concordance_.emplace(order, std::move(lines));
  }
  return concordance_->second;
}

std::pair<std::uint32_t, std::uint32_t> Explorer::sentence_around(std::size_t document, std::uint32_t offset) const {
  if (document >= corpus_.documents.size()) return {0, 0};
  for (const text::Sentence& sentence : index_.tokens(static_cast<search::DocumentId>(document)).sentences) {
    if (sentence.start <= offset && offset < sentence.end) return {sentence.start, sentence.end};
  }
  return {offset, offset};
}

EntityCard Explorer::make_entity_card(std::size_t entity) const {
  const EntityRecord& record = corpus_.entities[entity];
  EntityCard card;
  card.entity = entity;
  card.mentions = record.mentions;
  for (std::size_t q = 0; q < corpus_.quotes.size(); ++q) {
    if (corpus_.quotes[q].speaker == record.id) card.quotes.push_back(q);
  }
  for (std::size_t a = 0; a < corpus_.amounts.size(); ++a) {
    if (corpus_.amounts[a].subject == record.id) card.amounts.push_back(a);
  }
  // Entities in the same sentences: each sentence counted once per other entity.
  std::map<std::size_t, std::size_t> shared;
  std::set<std::tuple<std::size_t, std::uint32_t, std::size_t>> counted;  // (document, sentence start, other entity)
  for (const TextSpan& mention : record.mentions) {
    const auto [start, end] = sentence_around(mention.document, mention.start);
    for (const MentionInDocument& other : mentions_of_document(mention.document)) {
      if (other.entity == entity || other.start < start || other.end > end) continue;
      if (counted.insert({mention.document, start, other.entity}).second) ++shared[other.entity];
    }
  }
  for (const auto& [other, count] : shared) card.appears_with.emplace_back(other, count);
  std::stable_sort(card.appears_with.begin(), card.appears_with.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return card;
}

std::string Explorer::entity_name(const std::string& id) const {
  const auto found = entity_positions_.find(id);
  return found == entity_positions_.end() ? std::string() : corpus_.entities[found->second].name;
}

namespace {

nlohmann::json documents_list(const Corpus& corpus) {
  nlohmann::json documents = nlohmann::json::array();
  for (const Document& document : corpus.documents) {
    documents.push_back({{"id", document.id}, {"title", document.title}, {"words", document.word_count}});
  }
  return documents;
}

nlohmann::json results_list(const Corpus& corpus, const ExplorerState& state) {
  nlohmann::json results = nlohmann::json::array();
  for (std::size_t position : state.results) results.push_back(corpus.documents[position].id);
  return results;
}

std::string dumped(const nlohmann::json& value) { return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

std::string Explorer::documents_json() const { return dumped(documents_list(corpus_)); }
std::string Explorer::results_json() const { return dumped(results_list(corpus_, state_)); }

std::string Explorer::state_json(StateLists lists) const {
  using nlohmann::json;
  const json selected = state_.selected ? json(corpus_.documents[*state_.selected].id) : json(nullptr);
  const json selected_entity = state_.selected_entity ? json(corpus_.entities[*state_.selected_entity].id) : json(nullptr);
  json state = {{"query", state_.query},
                {"filters", state_.filters},
                {"total", search_result_.hits.size()},
                {"took_ms", search_result_.took_ms},
                {"notes", search_result_.notes},
                {"sort", state_.sort == search::SortOrder::Relevance ? "relevance" : "document"},
                {"view", state_.view},
                {"views", std::vector<std::string>(std::begin(kViews), std::end(kViews))},
                {"counts", {{"entities", corpus_.entities.size()}, {"quotes", corpus_.quotes.size()}, {"amounts", corpus_.amounts.size()}}},
                {"selected", selected},
                {"selected_entity", selected_entity},
                {"corpus", corpus_.name},
                {"index_ms", index_build_ms_},
                {"notebook", {{"tags", notebook_.tag_counts().size()}, {"notes", notebook_.notes.size()},
                              {"searches", notebook_.saved_searches.size()}}}};
  if (lists == StateLists::Included) {
    state["documents"] = documents_list(corpus_);
    state["results"] = results_list(corpus_, state_);
  }
  return dumped(state);
}

}  // namespace loupe
