// Fuzz target: the query language. The input is a query, as typed in the search box: it is
// parsed (parse_query never fails, so the tree must be well formed whatever the text) and run
// against the seed articles, annotated by a tiny tagger so that entity:, type: and has: filters
// have something to match (the index is built once). Hits, highlights, passages and concordance
// lines must point inside their documents.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/search/concordance.h"
#include "core/search/index.h"
#include "core/search/query.h"
#include "core/search/searcher.h"
#include "fuzz_common.h"

using namespace loupe;
using search::QueryNode;

namespace {

const search::Index& seed_index() {
  static const search::Index index = search::Index::build(fuzz::annotated_seed_corpus());
  return index;
}

// Returns the number of terms (words, phrases, filters) under the node.
std::size_t check_node(const QueryNode& node, int depth) {
  // Each parenthesis level may hold a NOT over an AND: two tree levels a parenthesis.
  if (depth > 2 * search::kDeepestNesting + 4) fuzz::finding("a query tree deeper than the nesting limit allows");
  switch (node.kind) {
    case QueryNode::Kind::Everything:
      if (depth > 0) fuzz::finding("an empty node inside the query tree");
      return 0;
    case QueryNode::Kind::Word:
      if (node.words.size() != 1 || node.words.front().empty()) fuzz::finding("a word node without exactly one word");
      return 1;
    case QueryNode::Kind::Phrase:
      if (node.words.size() < 2) fuzz::finding("a phrase node of fewer than two words");
      return 1;
    case QueryNode::Kind::Field:
      if (node.field.empty() || node.value.empty()) fuzz::finding("a field node without a field or a value");
      return 1;
    case QueryNode::Kind::Not:
      if (node.children.size() != 1) fuzz::finding("a NOT node without exactly one child");
      return check_node(node.children.front(), depth + 1);
    case QueryNode::Kind::And:
    case QueryNode::Kind::Or: {
      if (node.children.size() < 2) fuzz::finding("an AND or OR node with fewer than two children");
      std::size_t terms = 0;
      for (const QueryNode& child : node.children) {
        if (child.kind == node.kind) fuzz::finding("an AND or OR node directly under one of its own kind");
        terms += check_node(child, depth + 1);
      }
      return terms;
    }
  }
  fuzz::finding("a query node of no known kind");
}

void check_highlights(const std::vector<search::Highlight>& highlights, std::size_t length, const char* where) {
  for (const search::Highlight& highlight : highlights) {
    if (highlight.start > highlight.end || highlight.end > length) fuzz::finding("a highlight outside its text", where);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  seed_index();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);

  const search::ParsedQuery parsed = search::parse_query(query);
  const std::size_t terms = check_node(parsed.root, 0);
  if (terms > search::kMostQueryTerms) fuzz::finding("more terms in the tree than the limit");
  (void)search::to_string(parsed.root);

  const Corpus& corpus = fuzz::annotated_seed_corpus();
  const search::Index& index = seed_index();
  search::SearchOptions options;
  options.sort = size % 2 ? search::SortOrder::DocumentOrder : search::SortOrder::Relevance;
  const search::SearchResult result = search::run_query(index, corpus, query, options);
  if (result.hits.size() > corpus.documents.size()) fuzz::finding("more hits than documents");
  std::vector<search::DocumentId> documents;
  for (const search::Hit& hit : result.hits) {
    if (hit.document >= corpus.documents.size()) fuzz::finding("a hit on no document");
    const Document& document = corpus.documents[hit.document];
    check_highlights(hit.title_highlights, document.title.size(), "title");
    for (const search::Passage& passage : hit.passages) {
      if (passage.start > passage.end || passage.end > document.text.size()) fuzz::finding("a passage outside its text");
      check_highlights(passage.highlights, document.text.size(), "passage");
    }
    documents.push_back(hit.document);
  }
  for (const search::ConcordanceLine& line : search::concordance(index, corpus, documents, result.highlights, 60, 200)) {
    if (line.document >= corpus.documents.size() || line.start > line.end || line.end > corpus.documents[line.document].text.size()) {
      fuzz::finding("a concordance line outside its text");
    }
  }
  return 0;
}
