// Terms: the words a set of documents uses most (function words left out) and the words that
// set them apart from the rest of the corpus (log-likelihood keyness, G², as corpus linguists
// compute it: words used more there than elsewhere, ranked by how unlikely that is by chance),
// and where one word occurs across the corpus.
#pragma once

#include <chrono>
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

// A term with its count and score, before the best are chosen.
struct TermCandidate {
  TermId term = 0;
  std::size_t count = 0;
  double score = 0.0;
};

// Both lists of a set of documents counted in slices, for an interface that must not wait for
// them (as network::GraphCounting): each advance() counts until a deadline and returns, to go on
// at the next call, given the same index and corpus counts each time. Without the corpus's counts
// it counts them first, and hands them over once complete (take_corpus_counts).
class TermsCounting {
 public:
  TermsCounting(const Index& index, std::vector<DocumentId> documents, std::size_t limit, bool corpus_counts_given);
  // Counts until the deadline has passed or the lists are complete; returns whether they are.
  bool advance(const Index& index, const TermCounts* corpus_counts, std::chrono::steady_clock::time_point deadline);
  bool complete() const { return phase_ == Phase::Complete; }
  double progress() const;  // the share of the counting done, 0 to 1
  TermCounts take_corpus_counts() { return std::move(own_corpus_counts_); }  // when none were given

  std::vector<TermScore> frequent;     // once complete: as frequent_terms
  std::vector<TermScore> distinctive;  // and as distinctive_terms

 private:
  // The phases, in order (the first two only without the corpus's counts).
  enum class Phase { GroupPossessives, CountCorpus, CountDocuments, Score, Choose, Complete };

  std::vector<DocumentId> documents_;
  std::size_t limit_ = 0;
  std::size_t term_count_ = 0;
  std::size_t document_count_ = 0;
  Phase first_phase_;
  Phase phase_;
  std::size_t cursor_ = 0;  // the term or document the phase goes on from
  TermCounts own_corpus_counts_;
  bool counting_started_ = false;
  bool complement_ = false;  // counting the corpus less the other documents
  std::vector<bool> inside_;
  TermCounts counts_;
  std::vector<TermCandidate> frequent_candidates_;
  std::vector<TermCandidate> distinctive_candidates_;
};

// Occurrences of a word (and its possessive) in each document's text, by document position.
std::vector<std::uint32_t> occurrences_by_document(const Index& index, std::string_view word);

// Whether a folded word is an English function word ("the", "and", "which", ...).
bool is_function_word(std::string_view folded);

}  // namespace loupe::search
