// Tests of the extraction scorer (core/extract/evaluation.h): reading a gold annotation, scoring
// a corpus against it, and the score of the build's model on the hand annotation of the seeds.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/extract/annotate.h"
#include "core/extract/evaluation.h"
#include "core/ingest/ingest.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::extract;

TEST_CASE("a gold annotation with a missing field is refused with its place") {
  std::string error;
  CHECK_FALSE(read_gold_annotations(R"({"documents": [{"file": "a.txt", "quotes": [{"speaker": "X"}]}]})", error));
  CHECK(error == "documents[0].quotes[0].starts_with: missing");
  CHECK_FALSE(read_gold_annotations("[1, 2", error));
  CHECK_FALSE(error.empty());
}

TEST_CASE("an entity found under an alias counts, with a wrong type it counts only as found") {
  Corpus corpus;
  corpus.documents.push_back({"news/1", "t", "Mr Brown met Microsoft's chief in Paris.", 7, {}, {}, {}, {}, {}, {}});
  corpus.entities.push_back({"person:brown", "Brown", "person", {}, {{0, 3, 8}}});
  corpus.entities.push_back({"place:microsoft", "Microsoft", "place", {}, {{0, 13, 22}}});
  corpus.entities.push_back({"person:chief", "Chief", "person", {}, {{0, 25, 30}}});
  std::string error;
  const auto gold = read_gold_annotations(R"({"documents": [{"file": "news/1.txt", "entities": [
      {"name": "Gordon Brown", "type": "person", "aliases": ["Mr Brown"]},
      {"name": "Microsoft", "type": "organization"},
      {"name": "Paris", "type": "place"}]}]})", error);
  REQUIRE(gold);
  const ExtractionScore score = score_extraction(corpus, *gold);
  CHECK(score.entities.gold == 3);
  CHECK(score.entities.predicted == 3);
  CHECK(score.entities.correct == 2);
  CHECK(score.typed_entities.correct == 1);
  CHECK(score.entities_by_type.at("place").predicted == 1);
  CHECK(score.entities_by_type.at("place").correct == 0);
}

TEST_CASE("a quote counts where the gold one starts, and its speaker by any of the speaker's names") {
  Corpus corpus;
  const std::string text = "\"We will invest,\" said Arthur Mensch. \"Not now,\" he added.";
  corpus.documents.push_back({"q", "t", text, 9, {}, {}, {}, {}, {}, {}});
  corpus.entities.push_back({"person:arthur-mensch", "Arthur Mensch", "person", {"Mensch"}, {{0, 23, 36}}});
  corpus.quotes.push_back({{0, 1, 15}, "person:arthur-mensch", "Arthur Mensch", ""});
  corpus.quotes.push_back({{0, 39, 46}, "", "he", ""});
  std::string error;
  const auto gold = read_gold_annotations(R"({"documents": [{"file": "q.txt",
      "entities": [{"name": "Arthur Mensch", "type": "person", "aliases": ["Mensch"]}],
      "quotes": [{"starts_with": "We will", "speaker": "Mensch"}, {"starts_with": "Not now", "speaker": "Arthur Mensch"}]}]})", error);
  REQUIRE(gold);
  const ExtractionScore score = score_extraction(corpus, *gold);
  CHECK(score.quotes.correct == 2);
  CHECK(score.quotes_with_speaker.correct == 1);
}

TEST_CASE("an amount counts over the gold text, and exactly with the same currency and bounds") {
  Corpus corpus;
  const std::string text = "The demand for $280bn (\xC2\xA3" "155bn) was rejected; a \xC2\xA3" "5m fine followed.";
  corpus.documents.push_back({"m", "t", text, 10, {}, {}, {}, {}, {}, {}});
  corpus.amounts.push_back({{0, 15, 30}, "USD", 280e9, 280e9, 280e9, 280e9, ""});
  corpus.amounts.push_back({{0, 47, 51}, "GBP", 5e3, 5e3, std::nullopt, std::nullopt, ""});
  std::string error;
  const auto gold = read_gold_annotations(R"json({"documents": [{"file": "m.txt", "money": [
      {"text": "$280bn (£155bn)", "currency": "USD", "min": 280000000000, "max": 280000000000},
      {"text": "£5m", "currency": "GBP", "min": 5000000, "max": 5000000}]}]})json", error);
  REQUIRE(gold);
  const ExtractionScore score = score_extraction(corpus, *gold);
  CHECK(score.amounts.correct == 2);
  CHECK(score.exact_amounts.correct == 1);
}

TEST_CASE("the build's model on the hand annotation of the seeds finds most entities, quotes and amounts") {
  std::ifstream stream(LOUPE_ENTITY_MODEL, std::ios::binary);
  std::ostringstream model;
  model << stream.rdbuf();
  std::string error;
  const std::optional<EntityTagger> tagger = model.str().empty() ? std::nullopt : EntityTagger::load(model.str(), error);
  if (!tagger) {
    MESSAGE("skipped: no entity model was built");
    return;
  }
  const auto gold = read_gold_annotations(test::read_repo_file("tests/annotations/seeds.json"), error);
  REQUIRE(gold);
  Corpus corpus;
  for (const GoldDocument& document : gold->documents) {
    ingest::IngestResult read = ingest::ingest_file(document.file, test::read_repo_file(document.file));
    REQUIRE(read.documents.size() == 1);
    corpus.documents.push_back(std::move(read.documents.front()));
  }
  const RateTable rates = read_rate_table(test::read_repo_file("assets/exchange_rates.json"), error);
  annotate_corpus(corpus, *tagger, rates);
  const ExtractionScore score = score_extraction(corpus, *gold);
  MESSAGE("seeds: entities F1 " << score.entities.f1() << ", typed " << score.typed_entities.f1() << "; quotes with speaker F1 "
                                << score.quotes_with_speaker.f1() << "; exact amounts F1 " << score.exact_amounts.f1());
  CHECK(score.entities.f1() > 0.85);
  CHECK(score.typed_entities.f1() > 0.7);
  CHECK(score.quotes_with_speaker.f1() > 0.9);
  CHECK(score.exact_amounts.f1() > 0.85);
}
