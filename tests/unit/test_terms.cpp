// Tests of frequent and distinctive terms (core/search/terms.h) on the seed articles.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>

#include "core/search/terms.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::search;

namespace {

std::vector<std::string> words_of(const Index& index, const std::vector<TermScore>& terms) {
  std::vector<std::string> words;
  for (const TermScore& term : terms) words.push_back(term.word);
  (void)index;
  return words;
}

bool contains(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

TEST_CASE("the most frequent words of the seeds are content words, most used first") {
  const Corpus corpus = test::seed_corpus();
  const Index index = Index::build(corpus);
  const std::vector<TermScore> terms = frequent_terms(index, {0, 1, 2, 3}, 20);
  const std::vector<std::string> words = words_of(index, terms);
  REQUIRE(terms.size() == 20);
  CHECK(words.front() == "ai");
  CHECK_FALSE(contains(words, "the"));
  CHECK_FALSE(contains(words, "and"));
  CHECK_FALSE(contains(words, "deepseek's"));  // possessives count as their word
  CHECK(contains(words, "deepseek"));
  for (std::size_t i = 1; i < terms.size(); ++i) CHECK(terms[i - 1].count >= terms[i].count);
}

TEST_CASE("a document's distinctive words against the rest of the corpus name what it is about") {
  const Corpus corpus = test::seed_corpus();
  const Index index = Index::build(corpus);
  // Seed 001 is LeCun's case for open-source models; seed 003 is Microsoft's partnership with Mistral.
  CHECK(contains(words_of(index, distinctive_terms(index, {1}, 10)), "lecun"));
  CHECK(contains(words_of(index, distinctive_terms(index, {3}, 10)), "ms"));
  for (const TermScore& term : distinctive_terms(index, {3}, 10)) CHECK(term.score >= 3.84);
  CHECK(distinctive_terms(index, {0, 1, 2, 3}, 10).empty());  // the whole corpus stands out from nothing
}

TEST_CASE("with the corpus's counts given, every set of seeds has the terms counted from its own documents") {
  const Corpus corpus = test::seed_corpus();
  const Index index = Index::build(corpus);
  const TermCounts corpus_counts = corpus_term_counts(index);
  std::uint64_t tokens_in_texts = 0;
  for (DocumentId d = 0; d < 4; ++d) tokens_in_texts += index.tokens(d).body.size();
  CHECK(corpus_counts.total == tokens_in_texts);
  auto same = [](const std::vector<TermScore>& a, const std::vector<TermScore>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].word != b[i].word || a[i].count != b[i].count || a[i].score != b[i].score) return false;
    }
    return true;
  };
  // All 15 non-empty sets of the four seeds: three or four of them are counted as the corpus less the rest.
  for (unsigned set = 1; set < 16; ++set) {
    std::vector<DocumentId> documents;
    for (DocumentId d = 0; d < 4; ++d) {
      if (set & (1u << d)) documents.push_back(d);
    }
    CAPTURE(set);
    CHECK(same(frequent_terms(index, documents, 25, &corpus_counts), frequent_terms(index, documents, 25)));
    CHECK(same(distinctive_terms(index, documents, 25, &corpus_counts), distinctive_terms(index, documents, 25)));
    // Each frequent word's count, against the set's own tokens counted here by their word.
    std::map<std::string, std::size_t> by_word;
    for (const DocumentId d : documents) {
      for (const IndexedToken& token : index.tokens(d).body) {
        std::string word = index.term(corpus_counts.counted_under[token.term]);
        if (word.size() > 2 && word.ends_with("'s")) word.resize(word.size() - 2);
        else if (word.size() > 1 && word.ends_with("'")) word.pop_back();
        ++by_word[word];
      }
    }
    for (const TermScore& term : frequent_terms(index, documents, 25, &corpus_counts)) CHECK(term.count == by_word[term.word]);
  }
}

TEST_CASE("terms counted a slice at a time are those counted at once, with or without the corpus's counts") {
  const Corpus corpus = test::seed_corpus();
  const Index index = Index::build(corpus);
  const TermCounts corpus_counts = corpus_term_counts(index);
  const auto past = std::chrono::steady_clock::time_point{};  // each call does one slice
  auto same = [](const std::vector<TermScore>& a, const std::vector<TermScore>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].word != b[i].word || a[i].count != b[i].count || a[i].score != b[i].score) return false;
    }
    return true;
  };
  for (const std::vector<DocumentId>& documents : {std::vector<DocumentId>{1}, std::vector<DocumentId>{0, 2, 3}, std::vector<DocumentId>{0, 1, 2, 3}}) {
    for (const bool given : {true, false}) {
      CAPTURE(documents.size());
      CAPTURE(given);
      TermsCounting counting(index, documents, 25, given);
      double progress = counting.progress();
      CHECK(progress == 0.0);
      std::size_t slices = 1;
      while (!counting.advance(index, given ? &corpus_counts : nullptr, past)) {
        CHECK(counting.progress() >= progress);
        progress = counting.progress();
        ++slices;
      }
      CHECK(slices >= (given ? 3u : 5u));  // a slice per phase at least
      CHECK(counting.progress() == 1.0);
      CHECK(same(counting.frequent, frequent_terms(index, documents, 25, &corpus_counts)));
      CHECK(same(counting.distinctive, distinctive_terms(index, documents, 25, &corpus_counts)));
      if (!given) {
        const TermCounts counted = counting.take_corpus_counts();
        CHECK(counted.total == corpus_counts.total);
        CHECK(counted.by_term == corpus_counts.by_term);
        CHECK(counted.counted_under == corpus_counts.counted_under);
      }
    }
  }
}

TEST_CASE("a possessive counts as its word, even where the word never stands alone") {
  Corpus corpus;
  for (const char* text : {"Mistral's model. Mistral's chief. Mistral' plan. Europe said Europe's Europe.", "Nothing about the company here, only weather and rain."}) {
    Document document;
    document.id = std::to_string(corpus.documents.size());
    document.text = text;
    corpus.documents.push_back(std::move(document));
  }
  const Index index = Index::build(corpus);
  const std::vector<TermScore> terms = frequent_terms(index, {0}, 10);
  auto count_of = [&](std::string_view word) {
    for (const TermScore& term : terms) {
      if (term.word == word) return term.count;
    }
    return std::size_t{0};
  };
  CHECK(count_of("mistral") == 3);  // "mistral's" twice and "mistral'" once, with no "mistral"
  CHECK(count_of("europe") == 3);
  CHECK(count_of("mistral's") == 0);
  CHECK(count_of("europe's") == 0);
}

TEST_CASE("a word's occurrences are counted per document") {
  const Corpus corpus = test::seed_corpus();
  const Index index = Index::build(corpus);
  const std::vector<std::uint32_t> counts = occurrences_by_document(index, "lecun");
  REQUIRE(counts.size() == 4);
  CHECK(counts[1] > 3);
  CHECK(counts[1] == occurrences_by_document(index, "lecun")[1]);
  CHECK(counts[3] == 0);
  CHECK(is_function_word("which"));
  CHECK_FALSE(is_function_word("mistral"));
}
