// Tests of corpus-wide extraction (core/extract/annotate.h) on the seed articles, with the model
// the build trained (skipped without it) and the rate table in assets.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/bundle.h"
#include "core/extract/annotate.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::extract;

namespace {

// The tagger the build trained, or nothing when it was built without the shared data.
std::optional<EntityTagger> built_tagger() {
  std::ifstream model_stream(LOUPE_ENTITY_MODEL, std::ios::binary);
  std::ostringstream model;
  model << model_stream.rdbuf();
  std::string error;
  return model.str().empty() ? std::nullopt : EntityTagger::load(model.str(), error);
}

// The seed corpus extracted in one call on one thread, with the tagger and rates that made it:
// what extraction in steps or on threads must give. Nothing without a built model.
struct SeedExtraction {
  EntityTagger tagger;
  RateTable rates;
  Corpus at_once;
};
std::optional<SeedExtraction> seed_extraction() {
  std::optional<EntityTagger> tagger = built_tagger();
  if (!tagger) return std::nullopt;
  std::string error;
  SeedExtraction extraction{std::move(*tagger), read_rate_table(test::read_repo_file("assets/exchange_rates.json"), error),
                            test::seed_corpus()};
  annotate_corpus(extraction.at_once, extraction.tagger, extraction.rates);
  return extraction;
}

}  // namespace

TEST_CASE("the seed corpus gets entities, quotes tied to their speakers, and amounts in dollars") {
  const std::optional<EntityTagger> tagger = built_tagger();
  if (!tagger) {
    MESSAGE("skipped: no entity model was built");
    return;
  }
  std::string error;
  const RateTable rates = read_rate_table(test::read_repo_file("assets/exchange_rates.json"), error);
  REQUIRE(error.empty());
  Corpus corpus = test::seed_corpus();
  annotate_corpus(corpus, *tagger, rates);

  CHECK(corpus.entities.size() > 20);
  CHECK(corpus.rates_date == "2025-01-31");
  // Quotes by people the tagger knows point at their entities.
  const auto capone = std::find_if(corpus.quotes.begin(), corpus.quotes.end(), [](const QuoteRecord& quote) { return quote.speaker_name == "Mike Capone"; });
  REQUIRE(capone != corpus.quotes.end());
  CHECK(capone->speaker == "person:mike-capone");
  CHECK(capone->role == "CEO of U.S. software firm Qlik");
  // Amounts carry USD values from the table.
  const auto plan = std::find_if(corpus.amounts.begin(), corpus.amounts.end(), [](const AmountRecord& amount) { return amount.currency == "EUR"; });
  REQUIRE(plan != corpus.amounts.end());
  REQUIRE(plan->usd_maximum.has_value());
  CHECK(*plan->usd_maximum > plan->maximum);
  // And the whole of it makes a valid bundle.
  const BundleReadResult read = read_bundle(write_bundle(corpus));
  CHECK_MESSAGE(read.corpus.has_value(), read.error);
}

TEST_CASE("extraction spread over steps, a document at a time, gives what one call gives") {
  const std::optional<SeedExtraction> extraction = seed_extraction();
  if (!extraction) {
    MESSAGE("skipped: no entity model was built");
    return;
  }
  Corpus in_steps = test::seed_corpus();
  CorpusAnnotator annotator(in_steps, extraction->tagger);
  std::size_t steps = 0;
  while (!annotator.all_tagged()) {
    CHECK(annotator.tag_next(1) == ++steps);
  }
  CHECK(steps == 4);
  annotator.finish(in_steps, extraction->rates);
  CHECK(write_bundle(in_steps) == write_bundle(extraction->at_once));
}

TEST_CASE("extraction on several threads gives what one thread gives, after steps taken on one") {
  const std::optional<SeedExtraction> extraction = seed_extraction();
  if (!extraction) {
    MESSAGE("skipped: no entity model was built");
    return;
  }
  Corpus three_threads = test::seed_corpus();
  annotate_corpus(three_threads, extraction->tagger, extraction->rates, 3);
  CHECK(write_bundle(three_threads) == write_bundle(extraction->at_once));

  Corpus mixed = test::seed_corpus();
  CorpusAnnotator annotator(mixed, extraction->tagger);
  CHECK(annotator.tag_next(1) == 1);
  annotator.tag_rest(2);
  CHECK(annotator.all_tagged());
  annotator.finish(mixed, extraction->rates);
  CHECK(write_bundle(mixed) == write_bundle(extraction->at_once));
}
