// The explorer's state in one place, and the actions that change it. The panels, the page's
// `window.loupe` API and (later) the URL hash all go through `apply`, so a click, a test and a
// deep link do the same thing. No UI code here: all of it is unit-tested.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <optional>
#include <string>
#include <tuple>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/corpus.h"
#include "core/network.h"
#include "core/notebook.h"
#include "core/search/concordance.h"
#include "core/search/index.h"
#include "core/search/terms.h"
#include "core/search/searcher.h"

namespace loupe {

struct ExplorerState {
  std::string query;                    // the search box's text, in the query language (query.h)
  std::vector<std::string> filters;     // chips from the facets, each a query term ("entity:\"Meta\"", "has:quote"), ANDed with the query
  search::SortOrder sort = search::SortOrder::Relevance;
  std::vector<std::size_t> results;     // positions of the matching documents, ranked
  std::optional<std::size_t> selected;  // the document shown in the reader
  std::optional<std::size_t> selected_entity;  // the entity whose card is shown (position in the corpus's entities)
  std::string view = "documents";       // the panel in front
};

// An entity mention in one document, for the reader.
struct MentionInDocument {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::size_t entity = 0;  // position in the corpus's entities
};

// Actions a panel or the page can send.
struct SetQuery {
  std::string text;
};
struct SelectDocument {
  std::string id;
};
struct SetSort {
  search::SortOrder order;
};
// Selects the result `step` places after (or before, when negative) the selected one.
struct MoveSelection {
  int step = 1;
};
// Brings a panel to the front: one of kViews.
struct ShowView {
  std::string view;
};
// Filter chips: add one (a query term, usually from a facet: facet_filter), remove the n-th, or all.
struct AddFilter {
  std::string term;
};
struct RemoveFilter {
  std::size_t index = 0;
};
struct ClearFilters {};
// Shows an entity's card (and the entities view): its id, as in the bundle.
struct SelectEntity {
  std::string id;
};
// An edit of the reader's notebook (notes, tags, saved searches: core/notebook.h).
struct EditNotebook {
  NotebookEdit edit;
};
using Action = std::variant<SetQuery, SelectDocument, SetSort, ShowView, SelectEntity, AddFilter, RemoveFilter, ClearFilters, MoveSelection,
                            EditNotebook>;

// The filter term for a facet's value: entity:"Meta" for an entity type's facet, has:quote,
// doc:sport for a folder, tag:"to check" for one of the reader's tags.
std::string facet_filter(const std::string& facet, const std::string& value);

// The panels, by the names the page API and the state use: the documents (results and reader),
// the entities, the quotes, the amounts of money, ..., the reader's notebook.
inline constexpr const char* kViews[] = {"documents", "entities", "quotes", "money", "network", "concordance", "terms", "notebook"};

// The most entities the network shows.
inline constexpr std::size_t kNetworkNodeLimit = 60;

// How long the first slice of a panel's pending work runs, in the frame that asks for it (see
// Explorer::network_of_results_if_ready); and the interface's time in a frame that the pending
// work may fill up to (the app runs Explorer::do_pending_work for what is left of it), within the
// target of 8 ms a frame.
inline constexpr std::chrono::milliseconds kFirstSliceOfWork{2};
inline constexpr std::chrono::milliseconds kPendingWorkUntil{4};

// The terms of a set of documents: the most frequent, and the most distinctive against the rest.
struct TermsOverview {
  std::vector<search::TermScore> frequent;
  std::vector<search::TermScore> distinctive;
};
// The most concordance lines computed for one query.
inline constexpr std::size_t kConcordanceLimit = 5000;

// An entity in the current results, with its counts there.
struct EntityRow {
  std::size_t entity = 0;     // position in the corpus's entities
  std::size_t mentions = 0;   // in the documents of the results
  std::size_t documents = 0;  // of the results that mention it
};
enum class EntityColumn { Name, Type, Mentions, Documents };

// What an entity's card shows, computed when it is selected.
struct EntityCard {
  std::size_t entity = 0;
  std::vector<TextSpan> mentions;          // every mention, in corpus order
  std::vector<std::size_t> quotes;         // by it: positions in the corpus's quotes
  std::vector<std::size_t> amounts;        // tied to it: positions in the corpus's amounts
  std::vector<std::pair<std::size_t, std::size_t>> appears_with;  // (entity, sentences shared), most first
};

class Explorer {
 public:
  // Replaces the corpus and builds its index; the query is kept and re-run, the first document
  // is selected.
  void load(Corpus corpus);
  // Applies an action; returns an error message for an action that can't be carried out
  // (an unknown document id), or an empty string.
  std::string apply(const Action& action);

  const Corpus& corpus() const { return corpus_; }
  // The reader's notebook, which outlives corpus changes. Every edit (an EditNotebook action)
  // counts up the revision, so that the caller knows to keep it. Replacing it re-runs a search
  // filtered by tags; an import counts as an edit, reading back what was kept does not.
  const Notebook& notebook() const { return notebook_; }
  std::size_t notebook_revision() const { return notebook_revision_; }
  enum class NotebookSource { Kept, Imported };
  void set_notebook(Notebook notebook, NotebookSource source = NotebookSource::Kept);
  // The same from a notebook file's text; returns why it was refused ("" when loaded), the
  // notebook then unchanged.
  std::string load_notebook(std::string_view text, NotebookSource source);
  const ExplorerState& state() const { return state_; }
  bool loaded() const { return loaded_; }
  const search::Index& index() const { return index_; }
  // The last search: hits with scores and passages, facets, notes, time taken.
  const search::SearchResult& search_result() const { return search_result_; }
  // The passages of the n-th hit (computed on demand past the first ones).
  std::vector<search::Passage> passages_of_hit(std::size_t n) const;
  double index_build_ms() const { return index_build_ms_; }
  // Where the current query matches a document's text and title (byte offsets), for the reader.
  std::vector<search::Highlight> text_highlights(std::size_t document) const;
  std::vector<search::Highlight> title_highlights(std::size_t document) const;

  // The quotes in the documents of the current results (positions in corpus().quotes), in
  // corpus order; and the amounts (positions in corpus().amounts), largest in US dollars first,
  // those without a dollar value last.
  // The quotes can be narrowed to speakers whose name (as an entity, or as the text gives it)
  // contains `speaker`, compared folded; the list is kept until the next search or filter.
  const std::vector<std::size_t>& quotes_in_results(std::string_view speaker = {}) const;
  // Who said a quote: its speaker entity's name, or the name the text gives.
  std::string speaker_of(const QuoteRecord& quote) const;
  // (Kept until the next search: a panel asks every frame, and a corpus can hold many thousands.)
  const std::vector<std::size_t>& amounts_in_results() const;
  // The extracted records of one document, for the reader: positions in the corpus's lists, in
  // order (indexed when the corpus loads; empty for a document out of range).
  const std::vector<std::size_t>& quotes_of_document(std::size_t document) const;
  const std::vector<std::size_t>& amounts_of_document(std::size_t document) const;
  // The entity mentions of one document, in text order (indexed when the corpus loads).
  const std::vector<MentionInDocument>& mentions_of_document(std::size_t document) const;
  // Keyword-in-context lines for the current query over the results, in an order (computed on
  // first use after each search).
  const std::vector<search::ConcordanceLine>& concordance_lines(search::ConcordanceOrder order) const;
  // The terms of the current results, and of one document (computed on first use).
  const TermsOverview& terms_of_results() const;
  // The same without waiting, as network_of_results_if_ready.
  const TermsOverview* terms_of_results_if_ready(double* progress = nullptr) const;
  const TermsOverview& terms_of_document(std::size_t document) const;
  // The co-occurrence network of the entities in the current results (computed on first use).
  const network::Graph& network_of_results() const;
  // The same without waiting for it, for a panel: nullptr while it is being counted, with the
  // share done in `progress`. The first call after a search starts the counting, which
  // do_pending_work carries on between frames (or network_of_results finishes at once).
  const network::Graph* network_of_results_if_ready(double* progress = nullptr) const;
  // Carries on what a panel waits for (the counting of the entities' rows, the network, the terms)
  // until the deadline, a slice at a time; returns whether some is left.
  bool do_pending_work(std::chrono::steady_clock::time_point deadline) const;
  // How many searches have run: changes whenever the results may have, so that a panel keeping
  // something derived from them (the network's layout) knows to start again.
  std::size_t search_count() const { return search_count_; }
  // The entities mentioned in the current results, sorted by a column (kept until the next search
  // or a call with another order, which the reference does not outlive: the entities panel asks
  // every frame).
  const std::vector<EntityRow>& entity_rows(EntityColumn column, bool ascending) const;
  // The same without waiting for the counting after a search, as network_of_results_if_ready
  // (once counted, another order is sorted at once).
  const std::vector<EntityRow>* entity_rows_if_ready(EntityColumn column, bool ascending, double* progress = nullptr) const;
  // The card of the selected entity (nothing when none is selected).
  const std::optional<EntityCard>& entity_card() const { return entity_card_; }
  // The sentence of a document's text around a byte offset, as [start, end).
  std::pair<std::uint32_t, std::uint32_t> sentence_around(std::size_t document, std::uint32_t offset) const;
  // The display name of an entity id ("" when there is none).
  std::string entity_name(const std::string& id) const;

  // The state as the page's `loupe.state()` returns it:
  // {"documents": [{"id","title","words"}], "query", "results": [ids], "total", "took_ms", "notes",
  //  "filters": [terms], "sort", "view", "views", "selected": id|null, "selected_entity": id|null, "corpus", "index_ms",
  //  "counts": {"entities", "quotes", "amounts"}, "notebook": {"tags", "notes", "searches"}}
  // With the lists apart, "documents" and "results" are left out (tens of thousands of entries in
  // a large corpus: the page reads them only when asked, from documents_json and results_json).
  enum class StateLists { Included, Apart };
  std::string state_json(StateLists lists = StateLists::Included) const;
  std::string documents_json() const;  // [{"id","title","words"}] of the corpus
  std::string results_json() const;    // the results' ids, in order

 private:
  void run_search();
  void keep_selection_in_results();
  bool filtered_by_tags() const;  // whether the query or a filter has a tag: term
  std::vector<bool> result_documents() const;  // by position: in the current results
  EntityCard make_entity_card(std::size_t entity) const;

  Corpus corpus_;
  search::Index index_;
  search::SearchResult search_result_;
  mutable std::vector<std::optional<std::vector<search::Passage>>> passages_on_demand_;
  std::vector<std::vector<MentionInDocument>> mentions_by_document_;
  std::vector<std::vector<std::size_t>> quotes_by_document_;   // positions in corpus_.quotes
  std::vector<std::vector<std::size_t>> amounts_by_document_;  // positions in corpus_.amounts
  std::vector<std::size_t> amounts_by_dollars_;                // the same, largest in US dollars first
  std::vector<std::size_t> amount_documents_by_dollars_;       // the document of each, in that order
  std::optional<EntityCard> entity_card_;
  mutable std::optional<std::pair<search::ConcordanceOrder, std::vector<search::ConcordanceLine>>> concordance_;
  mutable std::optional<TermsOverview> terms_of_results_;
  mutable std::optional<search::TermsCounting> terms_counting_;  // under way, until terms_of_results_ is set
  void start_terms_counting() const;
  bool do_terms_work(std::chrono::steady_clock::time_point deadline) const;  // whether some is left
  mutable std::optional<search::TermCounts> corpus_term_counts_;  // the Terms view's, counted once per corpus
  const search::TermCounts& corpus_term_counts() const;
  mutable std::optional<network::Graph> network_;
  mutable std::optional<network::GraphCounting> network_counting_;  // under way, until network_ is set
  bool do_network_work(std::chrono::steady_clock::time_point deadline) const;  // whether some is left
  mutable std::optional<std::pair<std::string, std::vector<std::size_t>>> quotes_by_speaker_;  // (folded filter, quotes)
  mutable std::optional<std::vector<std::size_t>> amounts_in_results_;
  mutable std::optional<std::tuple<EntityColumn, bool, std::vector<EntityRow>>> entity_rows_;  // (column, ascending, rows)
  struct EntityCounting {
    std::vector<bool> in_results;  // by document position
    std::size_t next_entity = 0;
    std::vector<EntityRow> rows;   // so far, in the corpus's order
  };
  mutable std::optional<EntityCounting> entity_counting_;         // under way, until entity_counts_ is set
  mutable std::optional<std::vector<EntityRow>> entity_counts_;  // the results' rows, in the corpus's order
  mutable std::vector<std::size_t> entities_by_name_;             // every entity by name (on first use)
  static std::vector<EntityRow> rows_by_count(const std::vector<EntityRow>& counted, EntityColumn column, bool ascending);
  std::vector<EntityRow> rows_by_name(const std::vector<EntityRow>& counted, bool ascending) const;
  void start_entity_counting() const;
  bool do_entity_work(std::chrono::steady_clock::time_point deadline) const;  // whether some is left
  std::unordered_map<std::string, std::size_t> entity_positions_;  // by id
  std::size_t search_count_ = 0;
  Notebook notebook_;
  std::size_t notebook_revision_ = 0;
  mutable std::optional<std::pair<std::size_t, TermsOverview>> terms_of_document_;  // by hit number, past the first page
  ExplorerState state_;
  bool loaded_ = false;
  double index_build_ms_ = 0.0;
};

}  // namespace loupe
