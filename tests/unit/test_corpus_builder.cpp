// Tests of the corpus builder (core/ingest/corpus_builder.h): files in, a corpus and a report out.
#include <doctest/doctest.h>

#include "core/ingest/corpus_builder.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::ingest;

TEST_CASE("each file read gives a report line, and the summary counts files, documents and skips") {
  CorpusBuilder builder("mine");
  builder.add_file("a/001.txt", "001.txt", test::read_repo_file("seeds/001_a5ab434f381efdb2.txt"));
  builder.add_file("a/photo.png", "photo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16));
  builder.skip_file("a/huge.txt", "too large: 70.0 MB (the limit is 64.0 MB a file)");
  CHECK(builder.document_count() == 1);
  std::vector<std::string> report;
  const Corpus corpus = builder.finish(report);
  CHECK(corpus.name == "mine");
  REQUIRE(corpus.documents.size() == 1);
  CHECK(corpus.documents[0].id == "001");
  REQUIRE(report.size() == 4);
  CHECK(report[0].rfind("read a/001.txt as \"001\": 471 words, title \"Meta's AI Chief Advocates for Open-Source Models in Europe\"", 0) == 0);
  CHECK(report[1].rfind("skipped a/photo.png: unsupported file type .png", 0) == 0);
  CHECK(report[2] == "skipped a/huge.txt: too large: 70.0 MB (the limit is 64.0 MB a file)");
  CHECK(report[3] == "summary: 3 files: 1 read (1 documents), 0 repaired, 1 cleaned, 2 skipped");
}

TEST_CASE("a second file with a document id already taken is skipped, not merged") {
  CorpusBuilder builder("mine");
  builder.add_file("one/x.txt", "x.txt", "First title\n\nSome text.");
  builder.add_file("two/x.txt", "x.txt", "Second title\n\nOther text.");
  std::vector<std::string> report;
  const Corpus corpus = builder.finish(report);
  REQUIRE(corpus.documents.size() == 1);
  CHECK(corpus.documents[0].title == "First title");
  CHECK(report[1] == "skipped two/x.txt: duplicate id \"x\"");
  CHECK(report.back() == "summary: 2 files: 1 read (1 documents), 0 repaired, 0 cleaned, 1 skipped");
}
