// Tests of document search (core/search.h) on the seed articles.
#include <doctest/doctest.h>

#include "core/ingest.h"
#include "core/search.h"
#include "fixtures.h"

using namespace loupe;

TEST_CASE("an empty or blank query matches every document in corpus order") {
  const Corpus corpus = test::seed_corpus();
  CHECK(find_documents(corpus, "") == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(find_documents(corpus, "   ") == std::vector<std::size_t>{0, 1, 2, 3});
}

TEST_CASE("a word matches the documents that contain it, whatever its case") {
  const Corpus corpus = test::seed_corpus();
  // Mistral appears in every seed article; LeCun only in the one about Meta; Qlik only in the summit one.
  CHECK(find_documents(corpus, "Mistral") == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(find_documents(corpus, "lecun") == std::vector<std::size_t>{1});
  CHECK(find_documents(corpus, "QLIK") == std::vector<std::size_t>{2});
}

TEST_CASE("a phrase matches as a substring, and the title is searched too") {
  const Corpus corpus = test::seed_corpus();
  CHECK(find_documents(corpus, "open flywheel") == std::vector<std::size_t>{0});
  CHECK(find_documents(corpus, "Accelerates AI Investment") == std::vector<std::size_t>{3});
}

TEST_CASE("a query found nowhere matches nothing") {
  CHECK(find_documents(test::seed_corpus(), "zeppelin").empty());
}
