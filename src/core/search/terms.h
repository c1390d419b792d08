// Terms: the words a set of documents uses most (function words left out) and the words that
// set them apart from the rest of the corpus (log-likelihood keyness, G², as corpus linguists
// compute it: words used more there than elsewhere, ranked by how unlikely that is by chance),
// and where one word occurs across the corpus.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/search/index.h"

namespace loupe::search {

struct TermScore {
  std::string word;       // folded; a possessive counts as its word ("france's" is "france")
  std::size_t count = 0;  // occurrences in the documents' texts
  double score = 0.0;     // the count for frequent terms, G² for distinctive ones
};

// Occurrences of words in documents' texts, by term id: a possessive's ("france's", "france'")
// counted under the term of its word ("france"), the possessive's own count then zero; and
// their total.
struct TermCounts {
  std::vector<std::uint32_t> by_term;
  std::uint64_t total = 0;
  std::vector<TermId> counted_under;  // of the corpus's counts: per term, the term it counts under
};

// The counts of the whole corpus: worth computing once and passing to the two functions below,
// which then neither group the possessives again nor count the corpus, and count whichever is
// smaller, the documents or the rest (a search matching most of a large corpus is answered from
// the rest).
TermCounts corpus_term_counts(const Index& index);

// The most frequent words of the documents' texts, function words and numbers left out.
std::vector<TermScore> frequent_terms(const Index& index, const std::vector<DocumentId>& documents, std::size_t limit,
                                      const TermCounts* corpus_counts = nullptr);

// The words the documents use more than the rest of the corpus, by G² (at least 3.84, p < 0.05);
// nothing when the documents are the whole corpus.
std::vector<TermScore> distinctive_terms(const Index& index, const std::vector<DocumentId>& documents, std::size_t limit,
                                         const TermCounts* corpus_counts = nullptr);

// Occurrences of a word (and its possessive) in each document's text, by document position.
std::vector<std::uint32_t> occurrences_by_document(const Index& index, std::string_view word);

// Whether a folded word is an English function word ("the", "and", "which", ...).
bool is_function_word(std::string_view folded);

}  // namespace loupe::search
