// Tests of the JSON records reader (core/ingest/json_records.h): the seed articles exported as
// the JSON and JSON Lines files that scrapers and news APIs produce, and the broken and hostile
// files a corpus folder can hold.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "core/ingest/json_records.h"
#include "core/text.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::ingest;
using nlohmann::json;

namespace {

// A seed article as a scraper exports it: the first line as title, the rest as text.
json seed_record(int n) {
  const std::string bytes = test::read_repo_file(test::kSeedFiles[n]);
  const std::size_t line_end = bytes.find('\n');
  return {{"title", bytes.substr(0, line_end)}, {"text", bytes.substr(line_end + 1)}};
}

std::string joined_problems(const JsonRecordsResult& result) {
  std::string joined;
  for (const std::string& problem : result.problems) joined += problem + "\n";
  return joined;
}

}  // namespace

TEST_CASE("an array of records gives one document each, named by position when they have no id") {
  const json records = json::array({seed_record(1), seed_record(3)});
  const JsonRecordsResult result = read_json_records(records.dump(), JsonLayout::Document, "export/feed");
  CHECK(result.error.empty());
  CHECK(result.problems.empty());
  REQUIRE(result.documents.size() == 2);
  CHECK(result.documents[0].id == "export/feed#1");
  CHECK(result.documents[1].id == "export/feed#2");
  CHECK(result.documents[1].title == records[1]["title"].get<std::string>());
  CHECK(result.documents[1].text == trim(records[1]["text"].get<std::string>()));
}

TEST_CASE("a record's string id and metadata are kept") {
  json record = seed_record(3);
  record["id"] = "asiae-2024-02-27-ms-mistral";
  record["date"] = "2024-02-27";
  record["url"] = "https://www.asiae.co.kr/en/article/2024022708";
  record["source"] = "The Asia Business Daily";
  record["author"] = "Kim Hyun-jung";
  const JsonRecordsResult result = read_json_records(json::array({record}).dump(), JsonLayout::Document, "feed");
  REQUIRE(result.documents.size() == 1);
  const Document& document = result.documents[0];
  CHECK(document.id == "asiae-2024-02-27-ms-mistral");
  CHECK(document.date == "2024-02-27");
  CHECK(document.url == "https://www.asiae.co.kr/en/article/2024022708");
  CHECK(document.source == "The Asia Business Daily");
  CHECK(document.author == "Kim Hyun-jung");
}

TEST_CASE("a number date is written as a string and a list of authors is joined") {
  json record = seed_record(0);
  record["date"] = 20250210;
  record["author"] = json::array({"Arthur Mensch", "Staff reporter"});
  const JsonRecordsResult result = read_json_records(json::array({record}).dump(), JsonLayout::Document, "feed");
  REQUIRE(result.documents.size() == 1);
  CHECK(result.documents[0].date == "20250210");
  CHECK(result.documents[0].author == "Arthur Mensch, Staff reporter");
}

TEST_CASE("a number id is not an id: the record is named by its position") {
  json record = seed_record(0);
  record["id"] = 17;
  const JsonRecordsResult result = read_json_records(json::array({record}).dump(), JsonLayout::Document, "feed");
  REQUIRE(result.documents.size() == 1);
  CHECK(result.documents[0].id == "feed#1");
}

TEST_CASE("an object with an \"articles\" array is read like an array") {
  const json file = {{"status", "ok"}, {"articles", json::array({seed_record(0), seed_record(2)})}};
  const JsonRecordsResult result = read_json_records(file.dump(2), JsonLayout::Document, "api");
  CHECK(result.documents.size() == 2);
}

TEST_CASE("an object with a \"documents\" or \"items\" array is read like an array") {
  CHECK(read_json_records(json{{"documents", json::array({seed_record(0)})}}.dump(), JsonLayout::Document, "a").documents.size() == 1);
  CHECK(read_json_records(json{{"items", json::array({seed_record(0)})}}.dump(), JsonLayout::Document, "b").documents.size() == 1);
}

TEST_CASE("a file that is one record is one document named after the file") {
  const JsonRecordsResult result = read_json_records(seed_record(1).dump(), JsonLayout::Document, "news/meta-lecun");
  REQUIRE(result.documents.size() == 1);
  CHECK(result.documents[0].id == "news/meta-lecun");
}

TEST_CASE("a record without text is reported with its position and the others still load") {
  json second = seed_record(2);
  second.erase("text");
  const json records = json::array({seed_record(0), second, seed_record(3)});
  const JsonRecordsResult result = read_json_records(records.dump(), JsonLayout::Document, "feed");
  CHECK(result.error.empty());
  REQUIRE(result.documents.size() == 2);
  CHECK(result.documents[1].id == "feed#3");
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0] == "record 2: no \"text\": skipped");
}

TEST_CASE("a record whose text is not a string is reported by type") {
  json record = seed_record(0);
  record["text"] = json::array({"paragraph one", "paragraph two"});
  const JsonRecordsResult result = read_json_records(json::array({record, seed_record(1)}).dump(), JsonLayout::Document, "feed");
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0] == "record 1: \"text\" is an array, not a string: skipped");
}

TEST_CASE("a title that is not a string is ignored with a note, and the record kept") {
  json record = seed_record(0);
  record["title"] = 42;
  const JsonRecordsResult result = read_json_records(json::array({record}).dump(), JsonLayout::Document, "feed");
  REQUIRE(result.documents.size() == 1);
  CHECK(result.documents[0].title.empty());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0] == "record 1: \"title\" is a number, not a string: ignored");
}

TEST_CASE("a .jsonl file with one bad line reports its line number and loads the others") {
  const std::string lines = seed_record(0).dump() + "\n" + seed_record(1).dump() + "\n" +
                            "{\"title\": \"Cut off mid-write\", \"text\": \"The export stopped he\n" + seed_record(3).dump() + "\n";
  const JsonRecordsResult result = read_json_records(lines, JsonLayout::Lines, "export");
  CHECK(result.error.empty());
  CHECK(result.records_seen == 4);
  REQUIRE(result.documents.size() == 3);
  CHECK(result.documents[0].id == "export#1");
  CHECK(result.documents[2].id == "export#4");
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].find("line 3: not valid JSON") == 0);
}

TEST_CASE("blank lines in a .jsonl file are not records") {
  const std::string lines = "\n" + seed_record(0).dump() + "\n\n" + seed_record(1).dump() + "\n\n";
  const JsonRecordsResult result = read_json_records(lines, JsonLayout::Lines, "export");
  CHECK(result.problems.empty());
  REQUIRE(result.documents.size() == 2);
  CHECK(result.documents[1].id == "export#4");  // named by its line
}

TEST_CASE("invalid JSON gives the parser's message with its place") {
  const JsonRecordsResult result = read_json_records("[{\"text\": \"Chelsea have sacked Adrian Mutu\",}]", JsonLayout::Document, "f");
  CHECK(result.documents.empty());
  CHECK(result.error.find("not valid JSON: ") == 0);
  CHECK(result.error.find("line 1") != std::string::npos);
  CHECK(result.error.find("json.exception") == std::string::npos);
}

TEST_CASE("a number too large for a double is not valid JSON: a file is refused, a .jsonl line skipped") {
  // Found by the fuzz_ingest target (tests/fuzz/regressions/ingest): nlohmann::json reports it as
  // out_of_range, not parse_error, and it escaped ingest.
  const JsonRecordsResult file =
      read_json_records(R"([{"title": "Chelsea sack Mutu", "text": "Chelsea have sacked Adrian Mutu.", "views": 1e999}])", JsonLayout::Document, "f");
  CHECK(file.documents.empty());
  CHECK(file.error == "not valid JSON: number overflow parsing '1e999'");
  const std::string lines = seed_record(0).dump() + "\n" + R"({"text": "Mutu tested positive.", "score": -1e999})" + "\n" + seed_record(1).dump() + "\n";
  const JsonRecordsResult result = read_json_records(lines, JsonLayout::Lines, "export");
  CHECK(result.documents.size() == 2);
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].find("line 2: not valid JSON: number overflow") == 0);
}

TEST_CASE("JSON nested 100,000 deep is refused with a clear message before it is parsed") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const JsonRecordsResult result = read_json_records(deep, JsonLayout::Document, "f");
  CHECK(result.documents.empty());
  CHECK(result.error.find("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels") == 0);
}

TEST_CASE("a .jsonl line nested too deep is reported and the other lines load") {
  const std::string lines = seed_record(0).dump() + "\n" + std::string(100000, '{') + "\n" + seed_record(1).dump() + "\n";
  const JsonRecordsResult result = read_json_records(lines, JsonLayout::Lines, "export");
  CHECK(result.documents.size() == 2);
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].find("line 2: JSON nested deeper than") == 0);
}

TEST_CASE("brackets inside strings do not count toward nesting") {
  const std::string text = "[{\"text\": \"" + std::string(500, '[') + " a headline in brackets\"}]";
  CHECK_FALSE(json_nesting_exceeds(text, kMaxJsonDepth).has_value());
  CHECK(json_nesting_exceeds(std::string(kMaxJsonDepth + 1, '['), kMaxJsonDepth) == kMaxJsonDepth);
}

TEST_CASE("a Loupe bundle is not taken for a file of records") {
  const std::string bundle = R"({"format":"loupe-corpus","version":2,"name":"seeds","documents":[{"id":"a","title":"t","text":"b","words":2}]})";
  const JsonRecordsResult result = read_json_records(bundle, JsonLayout::Document, "corpus");
  CHECK(result.documents.empty());
  CHECK(result.error.find("a Loupe corpus bundle") == 0);
}

TEST_CASE("JSON that holds no records says what it expected") {
  const JsonRecordsResult result = read_json_records(R"({"status": "ok", "total": 0})", JsonLayout::Document, "f");
  CHECK(result.error.find("expected an array of records") == 0);
}

TEST_CASE("an empty array has no records") {
  CHECK(read_json_records("[]", JsonLayout::Document, "f").error == "no records");
}

TEST_CASE("CRLF and control characters inside a record's text are normalised") {
  const json record = {{"title", "Chelsea sack Mutu"}, {"text", std::string("Chelsea have sacked Adrian Mutu.\r\nThe 25-year-old tested positive.\x07")}};
  const JsonRecordsResult result = read_json_records(json::array({record}).dump(), JsonLayout::Document, "f");
  REQUIRE(result.documents.size() == 1);
  CHECK(result.documents[0].text == "Chelsea have sacked Adrian Mutu.\nThe 25-year-old tested positive.");
  CHECK(result.documents[0].warnings == std::vector<std::string>{"1 control character dropped"});
  CHECK(joined_problems(result).empty());
}
