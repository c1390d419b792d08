// Frequent and distinctive terms (see terms.h).
#include "core/search/terms.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <cmath>
#include <string_view>
#include <unordered_set>

namespace loupe::search {
namespace {

// English function words: articles, pronouns, auxiliaries, prepositions, conjunctions.
constexpr std::string_view kFunctionWords[] = {
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being",
    "between", "both", "but", "by", "can", "could", "did", "do", "does", "during", "each", "either", "even", "for", "from",
    "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "however", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not",
    "now", "of", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when", "where", "whether",
    "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "you", "your", "yours",
    "said", "says", "s", "mr", "mrs", "one", "new", "it's", "that's", "there's", "don't", "isn't", "won't", "can't"};

// A word form without its possessive: "france's" and "france'" count as "france".
std::string_view base_word(std::string_view folded) {
  if (folded.size() > 2 && folded.compare(folded.size() - 2, 2, "'s") == 0) return folded.substr(0, folded.size() - 2);
  if (folded.size() > 1 && folded.back() == '\'') return folded.substr(0, folded.size() - 1);
  return folded;
}

// The term each term's occurrences count under: its own, or for a possessive its word's
// ("france's" and "france'" count as "france"; when the corpus has no "france", the two count
// together under "france's"). A term counted under is always counted under itself.
std::vector<TermId> terms_counted_under(const Index& index) {
  std::vector<TermId> under(index.term_count());
  for (TermId term = 0; term < under.size(); ++term) {
    under[term] = term;
    const std::string& form = index.term(term);
    const std::string_view base = base_word(form);
    if (base.size() == form.size()) continue;
    TermId word = term;
    if (!index.find_term(base, word) && !index.find_term(std::string(base) + "'s", word)) continue;
    if (word != term && base_word(index.term(word)) == base) under[term] = word;
  }
  return under;
}

// Counts the tokens of the documents' texts, each under its term's word (`under`), or, given
// the corpus's counts and more than half of its documents, takes away those of the others.
// `documents` holds no document twice.
TermCounts count_terms(const Index& index, const std::vector<DocumentId>& documents, const std::vector<TermId>& under,
                       const TermCounts* corpus_counts) {
  const std::size_t document_count = index.document_count();
  TermCounts counts;
  if (corpus_counts && documents.size() * 2 > document_count) {
    std::vector<bool> inside(document_count, false);
    for (const DocumentId document : documents) {
      if (document < document_count) inside[document] = true;
    }
    counts.by_term = corpus_counts->by_term;
    counts.total = corpus_counts->total;
    for (DocumentId document = 0; document < document_count; ++document) {
      if (inside[document]) continue;
      for (const IndexedToken& token : index.tokens(document).body) --counts.by_term[under[token.term]];
      counts.total -= index.tokens(document).body.size();
    }
    return counts;
  }
  counts.by_term.assign(index.term_count(), 0);
  for (const DocumentId document : documents) {
    for (const IndexedToken& token : index.tokens(document).body) ++counts.by_term[under[token.term]];
    counts.total += index.tokens(document).body.size();
  }
  return counts;
}

// The corpus's counts when they are these index's, else none.
const TermCounts* of_index(const Index& index, const TermCounts* corpus_counts) {
  return corpus_counts && corpus_counts->counted_under.size() == index.term_count() && corpus_counts->by_term.size() == index.term_count()
             ? corpus_counts
             : nullptr;
}

// The word a term's count stands for.
std::string_view word_of_term(const Index& index, TermId term) { return base_word(index.term(term)); }

bool is_content_word(std::string_view folded) {
  if (folded.size() < 2 || is_function_word(folded)) return false;
  return !std::all_of(folded.begin(), folded.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
}

struct Candidate {
  TermId term = 0;
  std::size_t count = 0;
  double score = 0.0;
};

// The `limit` best, highest score first (ties in the order of the words), as words.
std::vector<TermScore> best(const Index& index, std::vector<Candidate> candidates, std::size_t limit) {
  const std::size_t kept = std::min(limit, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kept), candidates.end(),
                    [&](const Candidate& a, const Candidate& b) {
                      return a.score != b.score ? a.score > b.score : word_of_term(index, a.term) < word_of_term(index, b.term);
                    });
  std::vector<TermScore> scores;
  for (std::size_t i = 0; i < kept; ++i) scores.push_back({std::string(word_of_term(index, candidates[i].term)), candidates[i].count, candidates[i].score});
  return scores;
}

}  // namespace

bool is_function_word(std::string_view folded) {
  static const std::unordered_set<std::string_view> words(std::begin(kFunctionWords), std::end(kFunctionWords));
  static const std::size_t longest = std::max_element(std::begin(kFunctionWords), std::end(kFunctionWords), [](std::string_view a, std::string_view b) {
                                       return a.size() < b.size();
                                     })->size();
  return folded.size() <= longest && words.count(folded) > 0;
}

TermCounts corpus_term_counts(const Index& index) {
  // From the postings' counts, read in order (the tokens would be visited in the order of the text).
  TermCounts counts;
  counts.counted_under = terms_counted_under(index);
  counts.by_term.assign(index.term_count(), 0);
  for (TermId term = 0; term < index.term_count(); ++term) {
    std::uint32_t occurrences = 0;
    for (const std::uint32_t count : index.postings(term).body_counts) occurrences += count;
    counts.by_term[counts.counted_under[term]] += occurrences;
    counts.total += occurrences;
  }
  return counts;
}

std::vector<TermScore> frequent_terms(const Index& index, const std::vector<DocumentId>& documents, std::size_t limit,
                                      const TermCounts* corpus_counts) {
  corpus_counts = of_index(index, corpus_counts);
  const TermCounts counts = count_terms(index, documents, corpus_counts ? corpus_counts->counted_under : terms_counted_under(index), corpus_counts);
  std::vector<Candidate> candidates;
  for (TermId term = 0; term < counts.by_term.size(); ++term) {
    const std::uint32_t count = counts.by_term[term];
    if (count > 0 && is_content_word(word_of_term(index, term))) candidates.push_back({term, count, static_cast<double>(count)});
  }
  return best(index, std::move(candidates), limit);
}

std::vector<TermScore> distinctive_terms(const Index& index, const std::vector<DocumentId>& documents, std::size_t limit,
                                         const TermCounts* corpus_counts) {
  if (documents.size() >= index.document_count()) return {};
  std::optional<TermCounts> counted_here;  // the corpus's, when not given
  corpus_counts = of_index(index, corpus_counts);
  if (!corpus_counts) corpus_counts = &counted_here.emplace(corpus_term_counts(index));
  const TermCounts inside = count_terms(index, documents, corpus_counts->counted_under, corpus_counts);
  const TermCounts& all = *corpus_counts;
  const double c = static_cast<double>(inside.total);
  const double d = static_cast<double>(all.total - inside.total);
  if (c == 0 || d == 0) return {};
  std::vector<Candidate> candidates;
  for (TermId term = 0; term < inside.by_term.size(); ++term) {
    const double a = inside.by_term[term];
    if (a < 2) continue;
    const double b = static_cast<double>(all.by_term[term]) - a;
    if (a / c <= b / d || !is_content_word(word_of_term(index, term))) continue;  // used more here, and more than once
    const double expected_inside = c * (a + b) / (c + d);
    const double expected_outside = d * (a + b) / (c + d);
    double g2 = a * std::log(a / expected_inside);
    if (b > 0) g2 += b * std::log(b / expected_outside);
    g2 *= 2;
    if (g2 >= 3.84) candidates.push_back({term, inside.by_term[term], g2});
  }
  return best(index, std::move(candidates), limit);
}

std::vector<std::uint32_t> occurrences_by_document(const Index& index, std::string_view word) {
  std::vector<std::uint32_t> counts(index.document_count(), 0);
  for (const std::string& form : {std::string(word), std::string(word) + "'s", std::string(word) + "'"}) {
    TermId term = 0;
    if (!index.find_term(form, term)) continue;
    const Postings& postings = index.postings(term);
    for (std::size_t i = 0; i < postings.documents.size(); ++i) counts[postings.documents[i]] += postings.body_counts[i];
  }
  return counts;
}

}  // namespace loupe::search
