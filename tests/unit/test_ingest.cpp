// Tests of plain-text ingest (core/ingest.h) on the seed articles and BBC-style files.
#include <doctest/doctest.h>

#include "core/ingest.h"
#include "core/text.h"
#include "fixtures.h"

using namespace loupe;

TEST_CASE("a BBC-style file gives its first line as title and the rest as body") {
  const std::string bytes =
      "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn "
      "(\xC2\xA3" "600m) for the three months to December, from $639m year-earlier.\n";
  const Document document = document_from_plain_text("business/001", bytes);
  CHECK(document.id == "business/001");
  CHECK(document.title == "Ad sales boost Time Warner profit");
  CHECK(document.text.rfind("Quarterly profits", 0) == 0);
  CHECK(document.word_count == count_words(document.title) + count_words(document.text));
}

TEST_CASE("a seed article whose first line is a title keeps it as the title") {
  const Document document = document_from_plain_text("003", test::read_repo_file(test::kSeedFiles[3]));
  CHECK(document.title == "OpenAI Investor Microsoft Accelerates AI Investment");
  CHECK(document.text.rfind("Partnering with French Startup MistralAI", 0) == 0);
  CHECK(document.word_count > 500);
}

TEST_CASE("a seed article that opens with a long paragraph takes its title from the first sentence") {
  const Document document = document_from_plain_text("000", test::read_repo_file(test::kSeedFiles[0]));
  CHECK(document.title == "The advent of artificial intelligence is set to redefine global economies, according to Arthur Mensch, CEO of Mistral.");
  CHECK(document.text.rfind("The advent of artificial intelligence", 0) == 0);
}

TEST_CASE("a long first sentence is cut at a word boundary with an ellipsis") {
  std::string paragraph;
  for (int i = 0; i < 60; ++i) paragraph += "word ";
  const Document document = document_from_plain_text("long", paragraph + "end.");
  CHECK(document.title.size() <= kLongestTitleLine + 3);
  CHECK(document.title.substr(document.title.size() - 3) == "\xE2\x80\xA6");
  CHECK(document.title.find("wor\xE2\x80\xA6") == std::string::npos);
}

TEST_CASE("CRLF line ends, a BOM and leading blank lines do not reach title or text") {
  const Document document = document_from_plain_text("crlf", "\xEF\xBB\xBF\r\n\r\nTitle line\r\n\r\nBody one.\r\nBody two.\r\n");
  CHECK(document.title == "Title line");
  CHECK(document.text == "Body one.\nBody two.");
}

TEST_CASE("an empty file gives an empty document, not a crash") {
  const Document document = document_from_plain_text("empty", "");
  CHECK(document.title.empty());
  CHECK(document.text.empty());
  CHECK(document.word_count == 0);
}

TEST_CASE("document ids drop the extension and use forward slashes") {
  CHECK(document_id_from_path("sport/199.txt") == "sport/199");
  CHECK(document_id_from_path("sport\\199.txt") == "sport/199");
  CHECK(document_id_from_path("./000_9aa3858245310ff1.txt") == "000_9aa3858245310ff1");
  CHECK(document_id_from_path("notes.v2/readme") == "notes.v2/readme");
  CHECK(document_id_from_path(".hidden") == ".hidden");
}
