// Concordance: keyword-in-context lines for what the current query matches (its words and
// phrases, as the reader highlights them), with the text before and after each match, sortable
// by the words to the left (nearest first) or to the right, as corpus linguists read them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/corpus.h"
#include "core/search/index.h"
#include "core/search/searcher.h"

namespace loupe::search {

struct ConcordanceLine {
  std::size_t document = 0;
  std::uint32_t start = 0;  // the match's byte offsets in the document's text
  std::uint32_t end = 0;
  std::string left;     // the context before, on one line, cut at a word boundary ("…" when cut)
  std::string keyword;  // the match as written
  std::string right;    // the context after
};

enum class ConcordanceOrder { Document, Left, Right };

// The lines of the given documents (in that order), at most `limit`; contexts of about
// `context_bytes` on each side.
std::vector<ConcordanceLine> concordance(const Index& index, const Corpus& corpus, const std::vector<DocumentId>& documents,
                                         const HighlightPlan& plan, std::size_t context_bytes, std::size_t limit);

// Sorts lines: by document (and position), by the words before the keyword read backwards from
// it, or by the words after it; folded for matching, ties kept in document order.
void sort_concordance(std::vector<ConcordanceLine>& lines, ConcordanceOrder order);

}  // namespace loupe::search
