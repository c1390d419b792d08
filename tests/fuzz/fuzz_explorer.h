// Shared by the bundle, bundle_binary and location fuzz targets: asks a loaded explorer for everything the
// panels, the page API and the exports show, and checks that what points into a document's text
// stays inside it.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "core/explorer.h"
#include "core/export.h"
#include "core/location.h"
#include "core/network.h"
#include "fuzz_common.h"

namespace loupe::fuzz {

inline void check_span(const Corpus& corpus, std::size_t document, std::uint32_t start, std::uint32_t end, const char* what) {
  if (document >= corpus.documents.size() || start > end || end > corpus.documents[document].text.size()) finding(what);
}

// Everything the explorer's panels ask for, on its current state.
inline void exercise_explorer(const Explorer& explorer) {
  const Corpus& corpus = explorer.corpus();
  const ExplorerState& state = explorer.state();
  for (const std::size_t result : state.results) {
    if (result >= corpus.documents.size()) finding("a result that is no document");
  }
  if (state.selected && *state.selected >= corpus.documents.size()) finding("a selected document that is not there");
  if (state.selected_entity && *state.selected_entity >= corpus.entities.size()) finding("a selected entity that is not there");

  const std::size_t hits = explorer.search_result().hits.size();
  for (std::size_t n = 0; n < hits && n < 12; ++n) {
    const std::size_t document = explorer.search_result().hits[n].document;
    for (const search::Passage& passage : explorer.passages_of_hit(n)) {
      check_span(corpus, document, passage.start, passage.end, "a passage outside its text");
    }
  }
  for (std::size_t document = 0; document < corpus.documents.size() && document < 8; ++document) {
    for (const search::Highlight& highlight : explorer.text_highlights(document)) {
      check_span(corpus, document, highlight.start, highlight.end, "a highlight outside its text");
    }
    (void)explorer.title_highlights(document);
    for (const MentionInDocument& mention : explorer.mentions_of_document(document)) {
      check_span(corpus, document, mention.start, mention.end, "a mention outside its text");
      const auto [start, end] = explorer.sentence_around(document, mention.start);
      check_span(corpus, document, start, end, "a sentence outside its text");
    }
    (void)explorer.quotes_of_document(document);
    (void)explorer.amounts_of_document(document);
  }
  if (state.selected) {
    (void)explorer.terms_of_document(*state.selected);
    const std::size_t length = corpus.documents[*state.selected].text.size();
    for (const std::uint32_t offset : {std::uint32_t{0}, static_cast<std::uint32_t>(length / 2), static_cast<std::uint32_t>(length)}) {
      const auto [start, end] = explorer.sentence_around(*state.selected, offset);
      check_span(corpus, *state.selected, start, end, "a sentence outside its text");
    }
  }

  for (const std::size_t quote : explorer.quotes_in_results()) {
    if (quote >= corpus.quotes.size()) finding("a quote in the results that is not there");
    (void)explorer.speaker_of(corpus.quotes[quote]);
    (void)quote_as_text(explorer, quote);
  }
  (void)explorer.quotes_in_results("a");
  for (const std::size_t amount : explorer.amounts_in_results()) {
    if (amount >= corpus.amounts.size()) finding("an amount in the results that is not there");
    (void)amount_as_text(explorer, amount);
  }
  for (const EntityRow& row : explorer.entity_rows(EntityColumn::Mentions, false)) {
    if (row.entity >= corpus.entities.size()) finding("an entity row that is no entity");
    (void)entity_as_text(explorer, row.entity);
  }
  (void)explorer.entity_rows(EntityColumn::Name, true);
  if (const auto& card = explorer.entity_card()) {
    for (const TextSpan& mention : card->mentions) check_span(corpus, mention.document, mention.start, mention.end, "a card's mention outside its text");
  }

  for (const auto order : {search::ConcordanceOrder::Document, search::ConcordanceOrder::Left, search::ConcordanceOrder::Right}) {
    for (const search::ConcordanceLine& line : explorer.concordance_lines(order)) {
      check_span(corpus, line.document, line.start, line.end, "a concordance line outside its text");
    }
  }
  (void)explorer.terms_of_results();

  const network::Graph& graph = explorer.network_of_results();
  network::ForceLayout layout(graph);
  for (int step = 0; step < 20 && layout.step(); ++step) {
  }

  for (const auto table : {ExportTable::Results, ExportTable::Entities, ExportTable::Quotes, ExportTable::Amounts}) {
    for (const auto format : {ExportFormat::Csv, ExportFormat::Json}) {
      (void)export_table(explorer, table, format);
      (void)export_file_name(explorer, table, format);
    }
  }
  (void)explorer.state_json();
  const std::string fragment = location_of(explorer);
  (void)embed_snippet("https://example.org/loupe/", fragment);
}

// A corpus a bundle gave, loaded and looked at as a reader would: every panel as it opens, with
// the first entity's card, then a search for a word of the last title with a filter (`filter`:
// "has:quote", "has:money"), on the network.
inline void exercise_loaded_corpus(Corpus corpus, const char* filter) {
  Explorer explorer;
  explorer.load(std::move(corpus));
  exercise_explorer(explorer);
  if (!explorer.corpus().entities.empty()) {
    explorer.apply(SelectEntity{explorer.corpus().entities.front().id});
    exercise_explorer(explorer);
  }
  if (!explorer.corpus().documents.empty()) {
    // A word of the last document's title, as a query: something that matches.
    const std::string& title = explorer.corpus().documents.back().title;
    explorer.apply(SetQuery{title.substr(0, title.find(' '))});
    explorer.apply(AddFilter{filter});
    explorer.apply(ShowView{"network"});
    exercise_explorer(explorer);
  }
}

}  // namespace loupe::fuzz
