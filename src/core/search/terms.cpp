// Frequent and distinctive terms (see terms.h).
#include "core/search/terms.h"

#include <algorithm>
#include <iterator>
#include <cmath>
#include <string_view>
#include <unordered_map>

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

// Occurrences of each word in the documents' texts, and their total.
struct Counts {
  std::unordered_map<std::string, std::uint32_t> by_word;
  std::uint64_t total = 0;
};

Counts count_words(const Index& index, const std::vector<DocumentId>& documents) {
  std::vector<std::uint32_t> by_term(index.term_count(), 0);
  Counts counts;
  for (const DocumentId document : documents) {
    for (const IndexedToken& token : index.tokens(document).body) {
      ++by_term[token.term];
      ++counts.total;
    }
  }
  for (TermId term = 0; term < by_term.size(); ++term) {
    if (by_term[term] > 0) counts.by_word[std::string(base_word(index.term(term)))] += by_term[term];
  }
  return counts;
}

bool is_content_word(std::string_view folded) {
  if (folded.size() < 2 || is_function_word(folded)) return false;
  return !std::all_of(folded.begin(), folded.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
}

std::vector<TermScore> best(std::vector<TermScore> scores, std::size_t limit) {
  std::sort(scores.begin(), scores.end(), [](const TermScore& a, const TermScore& b) {
    return a.score != b.score ? a.score > b.score : a.word < b.word;
  });
  if (scores.size() > limit) scores.resize(limit);
  return scores;
}

}  // namespace

bool is_function_word(std::string_view folded) {
  return std::find(std::begin(kFunctionWords), std::end(kFunctionWords), folded) != std::end(kFunctionWords);
}

std::vector<TermScore> frequent_terms(const Index& index, const std::vector<DocumentId>& documents, std::size_t limit) {
  const Counts counts = count_words(index, documents);
  std::vector<TermScore> scores;
  for (const auto& [word, count] : counts.by_word) {
    if (is_content_word(word)) scores.push_back({word, count, static_cast<double>(count)});
  }
  return best(std::move(scores), limit);
}

std::vector<TermScore> distinctive_terms(const Index& index, const std::vector<DocumentId>& documents, std::size_t limit) {
  if (documents.size() >= index.document_count()) return {};
  const Counts inside = count_words(index, documents);
  std::vector<DocumentId> everything(index.document_count());
  for (DocumentId d = 0; d < everything.size(); ++d) everything[d] = d;
  const Counts all = count_words(index, everything);
  const double c = static_cast<double>(inside.total);
  const double d = static_cast<double>(all.total - inside.total);
  if (c == 0 || d == 0) return {};
  std::vector<TermScore> scores;
  for (const auto& [word, count] : inside.by_word) {
    const double a = count;
    const double b = static_cast<double>(all.by_word.at(word)) - a;
    if (a < 2 || a / c <= b / d || !is_content_word(word)) continue;  // used more here, and more than once
    const double expected_inside = c * (a + b) / (c + d);
    const double expected_outside = d * (a + b) / (c + d);
    double g2 = a * std::log(a / expected_inside);
    if (b > 0) g2 += b * std::log(b / expected_outside);
    g2 *= 2;
    if (g2 >= 3.84) scores.push_back({word, count, g2});
  }
  return best(std::move(scores), limit);
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
