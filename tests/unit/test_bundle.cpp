// Tests of the bundle format (core/bundle.h): round trips and every kind of invalid bundle.
#include <doctest/doctest.h>

#include "core/bundle.h"
#include "core/ingest/ingest.h"
#include "fixtures.h"

using namespace loupe;

namespace {


std::string error_of(const std::string& json_text) {
  const BundleReadResult result = read_bundle(json_text);
  CHECK_FALSE(result.corpus.has_value());
  return result.error;
}

}  // namespace

TEST_CASE("the seed corpus survives a round trip through the bundle unchanged") {
  const Corpus corpus = test::seed_corpus();
  const BundleReadResult read = read_bundle(write_bundle(corpus));
  REQUIRE(read.corpus.has_value());
  CHECK(read.error.empty());
  CHECK(read.corpus->name == corpus.name);
  REQUIRE(read.corpus->documents.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(read.corpus->documents[i].id == corpus.documents[i].id);
    CHECK(read.corpus->documents[i].title == corpus.documents[i].title);
    CHECK(read.corpus->documents[i].text == corpus.documents[i].text);
    CHECK(read.corpus->documents[i].word_count == corpus.documents[i].word_count);
  }
  CHECK(write_bundle(*read.corpus) == write_bundle(corpus));
}

TEST_CASE("the bundle names its format and version") {
  const std::string text = write_bundle(test::seed_corpus());
  CHECK(text.find("\"format\":\"loupe-corpus\"") != std::string::npos);
  CHECK(text.find("\"version\":2") != std::string::npos);
}

TEST_CASE("text that is not JSON is refused with the parser's position") {
  CHECK(error_of("{\"format\": ").find("not valid JSON") == 0);
  CHECK(error_of("").find("not valid JSON") == 0);
}

TEST_CASE("a number too large for a double is refused as not valid JSON, not thrown") {
  // Found by the fuzz_bundle target (tests/fuzz/regressions/bundle): nlohmann::json reports it as
  // out_of_range, not parse_error, and it escaped read_bundle.
  const std::string error = error_of(R"({"format":"loupe-corpus","version":2,"name":"x","documents":[],"money":[{"min":1e400}]})");
  CHECK(error.find("not valid JSON") == 0);
  CHECK(error.find("number overflow parsing '1e400'") != std::string::npos);
}

TEST_CASE("a wrong format or version is refused by name") {
  CHECK(error_of(R"({"format":"other","version":2,"name":"x","documents":[]})") == "format: expected \"loupe-corpus\", found \"other\"");
  CHECK(error_of(R"({"format":"loupe-corpus","version":1,"name":"x","documents":[]})") == "version: this Loupe reads version 2, found 1");
  CHECK(error_of(R"({"format":"loupe-corpus","name":"x","documents":[]})") == "version: this Loupe reads version 2, found none");
  CHECK(error_of(R"([1,2])") == "top level: expected an object, found array");
}

TEST_CASE("a missing or mistyped field is refused with its place") {
  CHECK(error_of(R"({"format":"loupe-corpus","version":2,"name":"x"})") == "documents: missing");
  CHECK(error_of(R"({"format":"loupe-corpus","version":2,"name":"x","documents":[{"id":"a","title":"t","text":"b","words":1},{"id":"b","text":"b","words":1}]})") ==
        "documents[1].title: missing");
  CHECK(error_of(R"({"format":"loupe-corpus","version":2,"name":"x","documents":[{"id":"a","title":3,"text":"b","words":1}]})") ==
        "documents[0].title: expected a string, found number");
  CHECK(error_of(R"({"format":"loupe-corpus","version":2,"name":"x","documents":[{"id":"a","title":"t","text":"b","words":-4}]})") ==
        "documents[0].words: expected a whole number >= 0, found number");
  CHECK(error_of(R"({"format":"loupe-corpus","version":2,"name":"x","documents":["a"]})") == "documents[0]: expected an object, found string");
}

TEST_CASE("duplicate and empty document ids are refused") {
  CHECK(error_of(R"({"format":"loupe-corpus","version":2,"name":"x","documents":[{"id":"a","title":"t","text":"b","words":1},{"id":"a","title":"t","text":"b","words":1}]})") ==
        "documents[1].id: duplicate id \"a\"");
  CHECK(error_of(R"({"format":"loupe-corpus","version":2,"name":"x","documents":[{"id":"","title":"t","text":"b","words":1}]})") ==
        "documents[0].id: empty");
}

TEST_CASE("metadata, warnings and removed boilerplate survive a round trip") {
  Corpus corpus;
  corpus.name = "one";
  Document document{"bbc/sport/199", "Davies favourite", "Body.", 3};
  document.date = "2005-02-14";
  document.url = "https://example.org/a";
  document.source = "BBC";
  document.author = "A. Writer";
  document.warnings = {"1 byte not valid UTF-8, read as Windows-1252"};
  document.removed = {{"\xC2\xA9 2005 BBC. All rights reserved.", "copyright line"}};
  corpus.documents.push_back(document);
  const BundleReadResult read = read_bundle(write_bundle(corpus));
  REQUIRE(read.corpus.has_value());
  const Document& back = read.corpus->documents[0];
  CHECK(back.date == document.date);
  CHECK(back.url == document.url);
  CHECK(back.source == document.source);
  CHECK(back.author == document.author);
  CHECK(back.warnings == document.warnings);
  REQUIRE(back.removed.size() == 1);
  CHECK(back.removed[0].text == document.removed[0].text);
  CHECK(back.removed[0].reason == "copyright line");
}

TEST_CASE("a mistyped optional field is refused with its place") {
  CHECK(error_of(R"({"format":"loupe-corpus","version":2,"name":"x","documents":[{"id":"a","title":"t","text":"b","words":1,"date":5}]})") ==
        "documents[0].date: expected a string, found number");
  CHECK(error_of(R"({"format":"loupe-corpus","version":2,"name":"x","documents":[{"id":"a","title":"t","text":"b","words":1,"removed":[{"text":"x"}]}]})") ==
        "documents[0].removed[0].reason: missing");
}

namespace {

// A one-document bundle with the given extraction sections appended.
std::string bundle_with(const std::string& sections) {
  return R"({"format":"loupe-corpus","version":2,"name":"x","documents":[{"id":"a","title":"T","text":"Arthur Mensch said \"yes\" to $5bn.","words":6}])" +
         sections + "}";
}

}  // namespace

TEST_CASE("entities, quotes and amounts survive a round trip") {
  Corpus corpus;
  corpus.name = "one";
  corpus.documents.push_back({"a", "T", "Arthur Mensch said \"yes\" to $5bn.", 6});
  corpus.entities.push_back({"person:arthur-mensch", "Arthur Mensch", "person", {"Mensch"}, {{0, 0, 13}}});
  corpus.quotes.push_back({{0, 20, 23}, "person:arthur-mensch", "Arthur Mensch", "CEO"});
  corpus.amounts.push_back({{0, 28, 32}, "USD", 5e9, 5e9, 5e9, 5e9, "person:arthur-mensch"});
  corpus.rates_date = "2025-01-31";
  const BundleReadResult read = read_bundle(write_bundle(corpus));
  REQUIRE_MESSAGE(read.corpus.has_value(), read.error);
  CHECK(write_bundle(*read.corpus) == write_bundle(corpus));
  CHECK(read.corpus->entities[0].aliases == std::vector<std::string>{"Mensch"});
  CHECK(read.corpus->quotes[0].role == "CEO");
  CHECK(*read.corpus->amounts[0].usd_maximum == doctest::Approx(5e9));
  CHECK(read.corpus->rates_date == "2025-01-31");
  CHECK(write_bundle(corpus).find("\"text\":\"yes\"") != std::string::npos);
}

TEST_CASE("an offset outside its text is refused, naming the place") {
  CHECK(error_of(bundle_with(R"(,"entities":[{"id":"e","name":"n","type":"person","mentions":[{"doc":"a","start":0,"end":999}]}])")) ==
        "entities[0].mentions[0]: offsets 0..999 lie outside the text of \"a\" (33 bytes)");
  CHECK(error_of(bundle_with(R"(,"quotes":[{"doc":"a","start":9,"end":3}])")) == "quotes[0]: offsets 9..3 lie outside the text of \"a\" (33 bytes)");
}

TEST_CASE("references to missing documents and entities are refused") {
  CHECK(error_of(bundle_with(R"(,"entities":[{"id":"e","name":"n","type":"person","mentions":[{"doc":"zz","start":0,"end":1}]}])")) ==
        "entities[0].mentions[0].doc: no document with id \"zz\"");
  CHECK(error_of(bundle_with(R"(,"quotes":[{"doc":"a","start":0,"end":1,"speaker":"person:nobody"}])")) ==
        "quotes[0].speaker: no entity with id \"person:nobody\"");
  CHECK(error_of(bundle_with(R"(,"money":[{"doc":"a","start":0,"end":1,"currency":"USD","min":1,"max":1,"subject":"x"}])")) ==
        "money[0].subject: no entity with id \"x\"");
}

TEST_CASE("duplicate entity ids and unknown types are refused") {
  CHECK(error_of(bundle_with(R"(,"entities":[{"id":"e","name":"n","type":"person","mentions":[]},{"id":"e","name":"m","type":"place","mentions":[]}])")) ==
        "entities[1].id: duplicate id \"e\"");
  CHECK(error_of(bundle_with(R"(,"entities":[{"id":"e","name":"n","type":"robot","mentions":[]}])")) == "entities[0].type: unknown type \"robot\"");
}
