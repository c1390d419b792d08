// Tests of the concordance (core/search/concordance.h) on the seed articles.
#include <doctest/doctest.h>

#include "core/explorer.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::search;

namespace {

Explorer seed_explorer_searching(const std::string& query) {
  Explorer explorer;
  explorer.load(test::seed_corpus());
  explorer.apply(SetQuery{query});
  return explorer;
}

}  // namespace

TEST_CASE("every match of the query in the results' text is a line, with its context on one line") {
  const Explorer explorer = seed_explorer_searching("LeCun");
  const std::vector<ConcordanceLine>& lines = explorer.concordance_lines(ConcordanceOrder::Document);
  REQUIRE(lines.size() >= 6);
  for (const ConcordanceLine& line : lines) {
    const std::string& text = explorer.corpus().documents[line.document].text;
    CHECK(text.substr(line.start, line.end - line.start) == line.keyword);
    CHECK(line.keyword.rfind("LeCun", 0) == 0);  // "LeCun" or "LeCun's": a possessive is part of the word
    CHECK(line.left.find('\n') == std::string::npos);
    CHECK(line.right.find('\n') == std::string::npos);
    CHECK(line.left.size() <= 90);
  }
  // Document order: by position within each document.
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CHECK((lines[i - 1].document < lines[i].document || (lines[i - 1].document == lines[i].document && lines[i - 1].start < lines[i].start)));
  }
}

TEST_CASE("a phrase is one keyword, and stemming finds every form") {
  const Explorer phrase = seed_explorer_searching("\"open source\"");
  REQUIRE(!phrase.concordance_lines(ConcordanceOrder::Document).empty());
  for (const ConcordanceLine& line : phrase.concordance_lines(ConcordanceOrder::Document)) {
    CHECK(line.keyword.size() == std::string("open source").size());
  }
  const Explorer stemmed = seed_explorer_searching("invest");
  bool saw_investment = false;
  for (const ConcordanceLine& line : stemmed.concordance_lines(ConcordanceOrder::Document)) saw_investment |= line.keyword == "investment";
  CHECK(saw_investment);
}

TEST_CASE("sorting by the right context orders lines by the words after the keyword") {
  const Explorer explorer = seed_explorer_searching("AI");
  const std::vector<ConcordanceLine> lines = explorer.concordance_lines(ConcordanceOrder::Right);
  REQUIRE(lines.size() > 10);
  auto first_word = [](const std::string& text) {
    std::size_t start = text.find_first_not_of(' ');
    return text.substr(start, text.find(' ', start) - start);
  };
  CHECK(first_word(lines.front().right) <= first_word(lines.back().right));
  const std::vector<ConcordanceLine> by_left = explorer.concordance_lines(ConcordanceOrder::Left);
  CHECK(by_left.size() == lines.size());
}
