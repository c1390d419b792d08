// Tests of frequent and distinctive terms (core/search/terms.h) on the seed articles.
#include <doctest/doctest.h>

#include <algorithm>

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
