// Tests of English stemming (core/text/stemmer.h).
#include <doctest/doctest.h>

#include "core/text/stemmer.h"

using namespace loupe::text;

TEST_CASE("inflected forms share a stem") {
  Stemmer stemmer;
  CHECK(stemmer.stem("investments") == stemmer.stem("investing"));
  CHECK(stemmer.stem("invested") == "invest");
  CHECK(stemmer.stem("models") == "model");
  CHECK(stemmer.stem("summit") == "summit");
}

TEST_CASE("an empty word stems to itself") {
  Stemmer stemmer;
  CHECK(stemmer.stem("").empty());
}
