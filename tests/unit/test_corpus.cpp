// Tests of the corpus model (core/corpus.h).
#include <doctest/doctest.h>

#include "core/corpus.h"

using namespace loupe;

TEST_CASE("a corpus finds documents by id and adds up their words") {
  Corpus corpus;
  corpus.documents.push_back({"business/001", "Ad sales boost Time Warner profit", "Quarterly profits ...", 120});
  corpus.documents.push_back({"sport/199", "Davies favourite for title", "...", 80});
  CHECK(corpus.total_words() == 200);
  CHECK(corpus.find("sport/199") == std::optional<std::size_t>(1));
  CHECK_FALSE(corpus.find("sport/200").has_value());
}
