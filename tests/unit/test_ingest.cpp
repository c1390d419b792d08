// Tests of the ingest dispatcher (core/ingest/ingest.h): a file's bytes and name in, documents
// with ids, titles, word counts, warnings and notes out, for every supported format, and a clear
// error for the files a corpus folder should not have (binary, empty, too large, unknown type).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "core/ingest/ingest.h"
#include "core/text.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::ingest;

namespace {

std::string seed(int n) { return test::read_repo_file(test::kSeedFiles[n]); }

bool has_note(const IngestResult& result, std::string_view part) {
  for (const std::string& note : result.notes) {
    if (note.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a BBC-style text file gives its first line as title and the rest as body") {
  const std::string bytes =
      "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn "
      "(\xC2\xA3" "600m) for the three months to December, from $639m year-earlier.\n";
  const IngestResult result = ingest_file("business/001.txt", bytes);
  CHECK(result.error.empty());
  REQUIRE(result.documents.size() == 1);
  const Document& document = result.documents[0];
  CHECK(document.id == "business/001");
  CHECK(document.title == "Ad sales boost Time Warner profit");
  CHECK(document.text.rfind("Quarterly profits", 0) == 0);
  CHECK(document.word_count == count_words(document.title) + count_words(document.text));
}

TEST_CASE("the seeds are read with the ids of their file names") {
  for (const char* file : test::kSeedFiles) {
    const std::string relative = std::string(file).substr(std::string("seeds/").size());
    const IngestResult result = ingest_file(relative, test::read_repo_file(file));
    REQUIRE(result.documents.size() == 1);
    CHECK(result.documents[0].id == relative.substr(0, relative.size() - 4));
  }
}

TEST_CASE("seed 001 is cleaned, and the notes say what was removed") {
  const IngestResult result = ingest_file("001_a5ab434f381efdb2.txt", seed(1));
  REQUIRE(result.documents.size() == 1);
  CHECK(result.documents[0].title == "Meta's AI Chief Advocates for Open-Source Models in Europe");
  CHECK(result.notes == std::vector<std::string>{"removed 2 lines: reading-time line, repeated title"});
}

TEST_CASE("seed 003's notes count the lines of the link list") {
  const IngestResult result = ingest_file("003_897f894024ca4c72.txt", seed(3));
  CHECK(result.notes == std::vector<std::string>{"removed 7 lines: list of links to other stories (6 lines), copyright line"});
}

TEST_CASE("BBC sport/199's stray byte is repaired, with a warning on the document and a note") {
  if (!test::bbc_available()) {
    MESSAGE("skipped: no BBC corpus at " << test::bbc_folder());
    return;
  }
  const IngestResult result = ingest_file("sport/199.txt", test::read_bbc_file("sport/199.txt"));
  REQUIRE(result.documents.size() == 1);
  const Document& document = result.documents[0];
  CHECK(document.id == "sport/199");
  CHECK(document.title == "Chelsea sack Mutu");
  CHECK(document.text.find("a \xC2\xA3" "15.8m signing from Parma") != std::string::npos);
  CHECK(document.warnings == std::vector<std::string>{"1 byte not valid UTF-8, read as Windows-1252"});
  CHECK(has_note(result, "1 byte not valid UTF-8, read as Windows-1252"));
}

TEST_CASE("a UTF-16 file with CRLF line ends gives the same document as its UTF-8 original") {
  const std::string original = seed(3);
  std::string utf16 = "\xFF\xFE";
  // Seed 003 is ASCII but for "©" (U+00A9).
  for (std::size_t i = 0; i < original.size(); ++i) {
    if (original.compare(i, 2, "\xC2\xA9") == 0) {
      utf16 += std::string("\xA9\x00", 2);
      ++i;
    } else if (original[i] == '\n') {
      utf16 += std::string("\r\x00\n\x00", 4);
    } else {
      REQUIRE(static_cast<unsigned char>(original[i]) < 0x80);
      utf16 += std::string{original[i], '\0'};
    }
  }
  const IngestResult from_utf16 = ingest_file("003.txt", utf16);
  const IngestResult from_utf8 = ingest_file("003.txt", original);
  REQUIRE(from_utf16.documents.size() == 1);
  CHECK(from_utf16.documents[0].title == from_utf8.documents[0].title);
  CHECK(from_utf16.documents[0].text == from_utf8.documents[0].text);
  CHECK(has_note(from_utf16, "read as UTF-16 LE"));
}

TEST_CASE("an empty file is an error, not an empty document") {
  const IngestResult result = ingest_file("empty.txt", "");
  CHECK(result.documents.empty());
  CHECK(result.error == "empty file");
}

TEST_CASE("a file of white space has no text") {
  const IngestResult result = ingest_file("blank.txt", " \n\r\n\t\n");
  CHECK(result.documents.empty());
  CHECK(result.error == "no text (only white space)");
}

TEST_CASE("a file of NUL bytes is binary") {
  const IngestResult result = ingest_file("zeros.txt", std::string(2048, '\0'));
  CHECK(result.documents.empty());
  CHECK(result.error.find("binary file") == 0);
}

TEST_CASE("a binary file renamed .txt is refused as binary") {
  const std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00", 20);
  const IngestResult result = ingest_file("photo.txt", jpeg);
  CHECK(result.documents.empty());
  CHECK(result.error == "binary file (JPEG image), not text");
}

TEST_CASE("an unknown extension is an unsupported file type") {
  const IngestResult result = ingest_file("notes/report.xyz", seed(0));
  CHECK(result.documents.empty());
  CHECK(result.error.rfind("unsupported file type .xyz", 0) == 0);
}

TEST_CASE("a file with no extension is an unsupported file type") {
  CHECK(ingest_file("README", seed(0)).error.rfind("unsupported file type (no extension)", 0) == 0);
}

TEST_CASE("extensions match without case") {
  CHECK(ingest_file("SEED.TXT", seed(0)).documents.size() == 1);
  CHECK(ingest_file("Article.Md", "# Title\n\nBody text here.\n").documents.size() == 1);
  CHECK(ingest_file("page.HTM", "<p>Body text here.</p>").documents.size() == 1);
}

TEST_CASE("a file over the size limit is refused as too large") {
  const std::string huge(kMaxFileBytes + 1, 'a');
  const IngestResult result = ingest_file("huge.txt", huge);
  CHECK(result.documents.empty());
  CHECK(result.error.rfind("too large: ", 0) == 0);
}

TEST_CASE("a Markdown article gets its heading as title and no markup in its text") {
  const IngestResult result = ingest_file("posts/mistral.md",
                                          "# Mistral raises \xE2\x82\xAC" "600m\n\n5 min read\n\nThe **French** start-up has raised "
                                          "[\xE2\x82\xAC" "600m](https://example.com).\n");
  REQUIRE(result.documents.size() == 1);
  const Document& document = result.documents[0];
  CHECK(document.id == "posts/mistral");
  CHECK(document.title == "Mistral raises \xE2\x82\xAC" "600m");
  CHECK(document.text == "The French start-up has raised \xE2\x82\xAC" "600m.");
  CHECK(has_note(result, "reading-time line"));
}

TEST_CASE("an HTML page gets its h1 as title, its metadata, and no page furniture") {
  const std::string page = R"(<html><head><meta name="author" content="Sophie Laurent"><meta property="og:site_name" content="Tech Daily"></head>
    <body><nav><a href="/">Home</a></nav><article><h1>Chelsea sack Mutu</h1>
    <p>Chelsea have sacked Adrian Mutu after he failed a drugs test.</p>
    <p>Share this article</p></article><footer>&copy; 2005 Tech Daily</footer></body></html>)";
  const IngestResult result = ingest_file("pages/mutu.html", page);
  REQUIRE(result.documents.size() == 1);
  const Document& document = result.documents[0];
  CHECK(document.id == "pages/mutu");
  CHECK(document.title == "Chelsea sack Mutu");
  CHECK(document.text == "Chelsea have sacked Adrian Mutu after he failed a drugs test.");
  CHECK(document.author == "Sophie Laurent");
  CHECK(document.source == "Tech Daily");
  CHECK(has_note(result, "removed 1 line: share links"));
}

TEST_CASE("an HTML page with no text is an error") {
  const IngestResult result = ingest_file("empty.html", "<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>");
  CHECK(result.documents.empty());
  CHECK_FALSE(result.error.empty());
}

TEST_CASE("JSON records are named by their id, or by the path and their position") {
  using nlohmann::json;
  const json records = json::array({{{"id", "mutu"}, {"title", "Chelsea sack Mutu"}, {"text", "Chelsea have sacked Adrian Mutu."}},
                                    {{"title", "Ad sales boost Time Warner profit"}, {"text", "Quarterly profits jumped 76%."}}});
  const IngestResult result = ingest_file("exports/feed.json", records.dump());
  REQUIRE(result.documents.size() == 2);
  CHECK(result.documents[0].id == "mutu");
  CHECK(result.documents[1].id == "exports/feed#2");
  CHECK(result.documents[1].word_count == count_words("Ad sales boost Time Warner profit") + count_words("Quarterly profits jumped 76%."));
}

TEST_CASE("a .jsonl file with one bad line loads the others and notes the line") {
  const std::string lines = R"({"title": "Chelsea sack Mutu", "text": "Chelsea have sacked Adrian Mutu."})"
                            "\n{\"title\": \"Broken\", \"text\": \n"
                            R"({"title": "Ad sales boost Time Warner profit", "text": "Quarterly profits jumped 76%."})"
                            "\n";
  const IngestResult result = ingest_file("feed.jsonl", lines);
  CHECK(result.error.empty());
  REQUIRE(result.documents.size() == 2);
  CHECK(result.documents[1].id == "feed#3");
  CHECK(has_note(result, "line 2: not valid JSON"));
}

TEST_CASE("JSON nested 100,000 deep is a clear error, not a crash") {
  const IngestResult result = ingest_file("deep.json", std::string(100000, '[') + std::string(100000, ']'));
  CHECK(result.documents.empty());
  CHECK(result.error.rfind("JSON nested deeper than", 0) == 0);
}

TEST_CASE("invalid JSON is an error that says so") {
  const IngestResult result = ingest_file("broken.json", R"([{"title": "Chelsea sack Mutu", "text": "Chelsea have)");
  CHECK(result.documents.empty());
  CHECK(result.error.rfind("not valid JSON", 0) == 0);
}

TEST_CASE("document ids drop the extension and use forward slashes") {
  CHECK(document_id_from_path("sport/199.txt") == "sport/199");
  CHECK(document_id_from_path("sport\\199.txt") == "sport/199");
  CHECK(document_id_from_path("./000_9aa3858245310ff1.txt") == "000_9aa3858245310ff1");
  CHECK(document_id_from_path("notes.v2/readme") == "notes.v2/readme");
  CHECK(document_id_from_path(".hidden") == ".hidden");
}

TEST_CASE("extensions are read from the last path component, lower case") {
  CHECK(extension_of("Sport/199.TXT") == ".txt");
  CHECK(extension_of("notes.v2/readme") == "");
  CHECK(extension_of(".hidden") == "");
  CHECK(is_supported_path("feed.JSONL"));
  CHECK_FALSE(is_supported_path("photo.png"));
}
