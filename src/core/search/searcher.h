// Answering a query over the index: the matching documents ranked by BM25 (title weighted above
// text), the best passages of each with highlight offsets, facet counts over the whole result
// set, and notes for the reader (close spellings used, parts of the query that were ignored).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/corpus.h"
#include "core/search/index.h"

namespace loupe::search {

enum class SortOrder { Relevance, DocumentOrder };

struct SearchOptions {
  SortOrder sort = SortOrder::Relevance;
  // The first hits get their passages computed: a page of results. The explorer computes the
  // others' when they scroll into view (Explorer::passages_of_hit).
  std::size_t hits_with_passages = 10;
  std::size_t passages_per_hit = 2;
  // What tag:NAME matches: document id -> the reader's tags on it (core/notebook.h); none when null.
  const std::map<std::string, std::set<std::string>>* document_tags = nullptr;
};

struct Highlight {
  std::uint32_t start = 0;  // byte offsets into the document's title or text
  std::uint32_t end = 0;
};

// A stretch of a document's text worth showing, with the matches inside it.
struct Passage {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  bool cut_before = false;  // the passage starts inside a sentence
  bool cut_after = false;   // the passage ends inside a sentence
  std::vector<Highlight> highlights;
};

// What to highlight for a query: the word forms it matched, and its phrases (forms per word).
struct HighlightPlan {
  std::vector<TermId> terms;                 // sorted
  std::vector<std::vector<TermId>> phrases;  // each: one form per word
};

struct Hit {
  DocumentId document = 0;
  double score = 0.0;
  std::vector<Highlight> title_highlights;
  std::vector<Passage> passages;  // empty past SearchOptions::hits_with_passages
};

struct FacetValue {
  std::string value;
  std::size_t count = 0;
};

struct Facet {
  std::string name;  // an entity type ("person", ...), "has" (quote, money) or "folder"
  std::vector<FacetValue> values;  // most frequent first
};

struct SearchResult {
  std::vector<Hit> hits;  // every match, ranked
  std::vector<Facet> facets;
  std::vector<std::string> notes;  // close spellings used, query problems, filters not available
  HighlightPlan highlights;
  double took_ms = 0.0;
};

SearchResult run_query(const Index& index, const Corpus& corpus, std::string_view query, const SearchOptions& options = {});

// The passages and highlights of any document for a plan, e.g. for a hit the list scrolls to.
std::vector<Passage> find_passages(const Index& index, const Corpus& corpus, DocumentId document, const HighlightPlan& plan,
                                   std::size_t count);
std::vector<Highlight> find_highlights(std::span<const IndexedToken> tokens, const HighlightPlan& plan);

// Edit distance with transpositions (optimal string alignment), or limit + 1 when it exceeds limit.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace loupe::search
