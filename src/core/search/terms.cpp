// Frequent and distinctive terms (see terms.h).
#include "core/search/terms.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <optional>
#include <span>
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

// The term a term's occurrences count under: its own, or for a possessive its word's
// ("france's" and "france'" count as "france"; when the corpus has no "france", the two count
// together under "france's"). A term counted under is always counted under itself.
TermId term_counted_under(const Index& index, TermId term) {
  const std::string& form = index.term(term);
  const std::string_view base = base_word(form);
  if (base.size() == form.size()) return term;
  TermId word = term;
  if (!index.find_term(base, word) && !index.find_term(std::string(base) + "'s", word)) return term;
  return word != term && base_word(index.term(word)) == base ? word : term;
}

// A term's occurrences in the corpus's texts, from its postings.
std::uint32_t term_occurrences(const Index& index, TermId term) {
  std::uint32_t occurrences = 0;
  for (const std::uint32_t count : index.postings(term).body_counts) occurrences += count;
  return occurrences;
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

// The `limit` best, highest score first (ties in the order of the words), as words.
std::vector<TermScore> best(const Index& index, std::vector<TermCandidate> candidates, std::size_t limit) {
  const std::size_t kept = std::min(limit, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kept), candidates.end(),
                    [&](const TermCandidate& a, const TermCandidate& b) {
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
  counts.counted_under.resize(index.term_count());
  counts.by_term.assign(index.term_count(), 0);
  for (TermId term = 0; term < index.term_count(); ++term) counts.counted_under[term] = term_counted_under(index, term);
  for (TermId term = 0; term < index.term_count(); ++term) {
    const std::uint32_t occurrences = term_occurrences(index, term);
    counts.by_term[counts.counted_under[term]] += occurrences;
    counts.total += occurrences;
  }
  return counts;
}

// [SECTION] Counting in slices

TermsCounting::TermsCounting(const Index& index, std::vector<DocumentId> documents, std::size_t limit, bool corpus_counts_given)
    : documents_(std::move(documents)), limit_(limit), term_count_(index.term_count()), document_count_(index.document_count()),
      first_phase_(corpus_counts_given ? Phase::CountDocuments : Phase::GroupPossessives), phase_(first_phase_) {
  if (!corpus_counts_given) {
    own_corpus_counts_.counted_under.resize(term_count_);
    own_corpus_counts_.by_term.assign(term_count_, 0);
  }
}

double TermsCounting::progress() const {
  constexpr double kPhases = 5.0;
  double within = 0.0;
  switch (phase_) {
    case Phase::GroupPossessives:
    case Phase::CountCorpus:
    case Phase::Score:
      within = term_count_ > 0 ? static_cast<double>(cursor_) / static_cast<double>(term_count_) : 0.0;
      break;
    case Phase::CountDocuments:
      within = document_count_ > 0 ? static_cast<double>(cursor_) / static_cast<double>(complement_ ? document_count_ : std::max<std::size_t>(1, documents_.size())) : 0.0;
      break;
    default:
      break;
  }
  // Counted from the first phase this counting has (the corpus's counts given: the third).
  const double first = static_cast<double>(static_cast<int>(first_phase_));
  return std::min(1.0, (static_cast<double>(static_cast<int>(phase_)) - first + within) / (kPhases - first));
}

bool TermsCounting::advance(const Index& index, const TermCounts* corpus_counts, std::chrono::steady_clock::time_point deadline) {
  // Slices of two thousand terms or about 16,000 tokens, with the clock read in between.
  constexpr std::size_t kTermsPerSlice = 2048;
  constexpr std::size_t kTokensPerSlice = 16384;
  const TermCounts& corpus = corpus_counts ? *corpus_counts : own_corpus_counts_;
  while (phase_ != Phase::Complete) {
    switch (phase_) {
      case Phase::GroupPossessives: {
        const std::size_t stop = std::min(term_count_, cursor_ + kTermsPerSlice);
        for (; cursor_ < stop; ++cursor_) own_corpus_counts_.counted_under[cursor_] = term_counted_under(index, static_cast<TermId>(cursor_));
        if (cursor_ == term_count_) phase_ = Phase::CountCorpus, cursor_ = 0;
        break;
      }
      case Phase::CountCorpus: {
        const std::size_t stop = std::min(term_count_, cursor_ + kTermsPerSlice);
        for (; cursor_ < stop; ++cursor_) {
          const std::uint32_t occurrences = term_occurrences(index, static_cast<TermId>(cursor_));
          own_corpus_counts_.by_term[own_corpus_counts_.counted_under[cursor_]] += occurrences;
          own_corpus_counts_.total += occurrences;
        }
        if (cursor_ == term_count_) phase_ = Phase::CountDocuments, cursor_ = 0;
        break;
      }
      // The documents' tokens counted, each under its term's word; for more than half of the
      // corpus, the corpus's counts less those of the other documents.
      case Phase::CountDocuments: {
        if (!counting_started_) {
          counting_started_ = true;
          complement_ = documents_.size() * 2 > document_count_;
          if (complement_) {
            inside_.assign(document_count_, false);
            for (const DocumentId document : documents_) {
              if (document < document_count_) inside_[document] = true;
            }
            counts_.by_term = corpus.by_term;
            counts_.total = corpus.total;
          } else {
            counts_.by_term.assign(term_count_, 0);
          }
        }
        const std::vector<TermId>& under = corpus.counted_under;
        std::size_t tokens = 0;
        if (complement_) {
          for (; cursor_ < document_count_ && tokens < kTokensPerSlice; ++cursor_) {
            if (inside_[cursor_]) continue;
            const std::span<const IndexedToken> body = index.tokens(static_cast<DocumentId>(cursor_)).body;
            for (const IndexedToken& token : body) --counts_.by_term[under[token.term]];
            counts_.total -= body.size();
            tokens += body.size();
          }
        } else {
          for (; cursor_ < documents_.size() && tokens < kTokensPerSlice; ++cursor_) {
            const std::span<const IndexedToken> body = index.tokens(documents_[cursor_]).body;
            for (const IndexedToken& token : body) ++counts_.by_term[under[token.term]];
            counts_.total += body.size();
            tokens += body.size();
          }
        }
        if (cursor_ == (complement_ ? document_count_ : documents_.size())) phase_ = Phase::Score, cursor_ = 0, inside_ = {};
        break;
      }
      // Each word a candidate for the two lists: frequent when the documents use it, distinctive
      // when they use it more than the rest of the corpus (and more than once), by G².
      case Phase::Score: {
        const bool whole_corpus = documents_.size() >= document_count_;
        const double c = static_cast<double>(counts_.total);
        const double d = static_cast<double>(corpus.total - counts_.total);
        const std::size_t stop = std::min(term_count_, cursor_ + kTermsPerSlice);
        for (; cursor_ < stop; ++cursor_) {
          const auto term = static_cast<TermId>(cursor_);
          const std::uint32_t count = counts_.by_term[term];
          if (count == 0 || !is_content_word(word_of_term(index, term))) continue;
          frequent_candidates_.push_back({term, count, static_cast<double>(count)});
          const double a = count;
          if (whole_corpus || c == 0 || d == 0 || a < 2) continue;
          const double b = static_cast<double>(corpus.by_term[term]) - a;
          if (a / c <= b / d) continue;
          const double expected_inside = c * (a + b) / (c + d);
          const double expected_outside = d * (a + b) / (c + d);
          double g2 = a * std::log(a / expected_inside);
          if (b > 0) g2 += b * std::log(b / expected_outside);
          g2 *= 2;
          if (g2 >= 3.84) distinctive_candidates_.push_back({term, count, g2});
        }
        if (cursor_ == term_count_) phase_ = Phase::Choose, cursor_ = 0, counts_ = {};
        break;
      }
      case Phase::Choose:
        frequent = best(index, std::move(frequent_candidates_), limit_);
        distinctive = best(index, std::move(distinctive_candidates_), limit_);
        frequent_candidates_ = {};
        distinctive_candidates_ = {};
        phase_ = Phase::Complete;
        break;
      case Phase::Complete:
        break;
    }
    if (phase_ != Phase::Complete && std::chrono::steady_clock::now() >= deadline) return false;
  }
  return true;
}

namespace {

// Both lists, counted at once (with the corpus's counts when they are this index's).
TermsCounting count_at_once(const Index& index, const std::vector<DocumentId>& documents, std::size_t limit, const TermCounts* corpus_counts) {
  corpus_counts = of_index(index, corpus_counts);
  TermsCounting counting(index, documents, limit, corpus_counts != nullptr);
  counting.advance(index, corpus_counts, std::chrono::steady_clock::time_point::max());
  return counting;
}

}  // namespace

std::vector<TermScore> frequent_terms(const Index& index, const std::vector<DocumentId>& documents, std::size_t limit,
                                      const TermCounts* corpus_counts) {
  return count_at_once(index, documents, limit, corpus_counts).frequent;
}

std::vector<TermScore> distinctive_terms(const Index& index, const std::vector<DocumentId>& documents, std::size_t limit,
                                         const TermCounts* corpus_counts) {
  return count_at_once(index, documents, limit, corpus_counts).distinctive;
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
