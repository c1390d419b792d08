// Tests of the CSV and JSON exports and the embed snippet (core/export.h), on the seed articles.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/export.h"
#include "fixtures.h"

using namespace loupe;

namespace {

// A small RFC 4180 reader, to read back what the writer wrote.
std::vector<std::vector<std::string>> read_csv(const std::string& csv) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') rows.back().back() += '"', ++i;
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      ++i;
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

Explorer seeds_with_a_quote() {
  Corpus corpus = test::seed_corpus();
  const std::string& text = corpus.documents[1].text;
  const std::string words = "When you do research in secret, you fall behind";
  const auto start = static_cast<std::uint32_t>(text.find(words));
  const auto end = static_cast<std::uint32_t>(start + words.size());
  corpus.entities.push_back({"person:yann-lecun", "Yann LeCun", "person", {"LeCun"}, {{1, start, start + 5}}});
  corpus.quotes.push_back({{1, start, end}, "person:yann-lecun", "LeCun", "Meta's chief AI scientist"});
  corpus.amounts.push_back({{2, 10, 20}, "USD", 5e6, 5e6, 5e6, 5e6, ""});
  Explorer explorer;
  explorer.load(std::move(corpus));
  return explorer;
}

}  // namespace

TEST_CASE("a CSV field is quoted when it holds a comma, a quote or a line break") {
  CHECK(csv_field("Mistral") == "Mistral");
  CHECK(csv_field("Paris, France") == "\"Paris, France\"");
  CHECK(csv_field("a \"huge mistake\"") == "\"a \"\"huge mistake\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}

TEST_CASE("a CSV field that a spreadsheet would run as a formula is kept as text") {
  CHECK(csv_field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(csv_field("+1") == "'+1");
  CHECK(csv_field("-5.6 million") == "'-5.6 million");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
}

TEST_CASE("the results as CSV read back as one row per result, in rank order") {
  Explorer explorer = seeds_with_a_quote();
  explorer.apply(SetQuery{"open source"});
  const auto rows = read_csv(export_table(explorer, ExportTable::Results, ExportFormat::Csv));
  REQUIRE(rows.size() == explorer.state().results.size() + 1);
  CHECK(rows[0] == std::vector<std::string>{"rank", "id", "title", "score", "words", "passage"});
  for (std::size_t n = 0; n < explorer.state().results.size(); ++n) {
    const Document& document = explorer.corpus().documents[explorer.state().results[n]];
    CHECK(rows[n + 1][0] == std::to_string(n + 1));
    CHECK(rows[n + 1][1] == document.id);
    CHECK(rows[n + 1][2] == document.title);
    CHECK(document.text.find(rows[n + 1][5]) != std::string::npos);
  }
}

TEST_CASE("the quotes as JSON hold the quoted words, the speaker and the role") {
  const Explorer explorer = seeds_with_a_quote();
  const auto exported = nlohmann::json::parse(export_table(explorer, ExportTable::Quotes, ExportFormat::Json));
  CHECK(exported["corpus"] == "seeds");
  REQUIRE(exported["quotes"].size() == 1);
  const auto& quote = exported["quotes"][0];
  CHECK(quote["quote"] == "When you do research in secret, you fall behind");
  CHECK(quote["speaker"] == "Yann LeCun");
  CHECK(quote["role"] == "Meta's chief AI scientist");
  CHECK(quote["document"] == explorer.corpus().documents[1].id);
}

TEST_CASE("the entities and amounts follow the results: a query that excludes them empties them") {
  Explorer explorer = seeds_with_a_quote();
  CHECK(read_csv(export_table(explorer, ExportTable::Entities, ExportFormat::Csv)).size() == 2);
  CHECK(nlohmann::json::parse(export_table(explorer, ExportTable::Amounts, ExportFormat::Json))["amounts"].size() == 1);
  explorer.apply(SetQuery{"zzzzqqq"});
  CHECK(read_csv(export_table(explorer, ExportTable::Entities, ExportFormat::Csv)).size() == 1);  // the header
  CHECK(nlohmann::json::parse(export_table(explorer, ExportTable::Amounts, ExportFormat::Json))["amounts"].empty());
}

TEST_CASE("an export's file name comes from the corpus name, made safe") {
  Corpus corpus = test::seed_corpus();
  corpus.name = "My news/2024: AI";
  Explorer explorer;
  explorer.load(std::move(corpus));
  CHECK(export_file_name(explorer, ExportTable::Quotes, ExportFormat::Csv) == "My-news-2024--AI-quotes.csv");
  CHECK(export_file_name(explorer, ExportTable::Results, ExportFormat::Json) == "My-news-2024--AI-results.json");
}

TEST_CASE("the embed snippet names the page's embed.js and the view, escaped for HTML") {
  CHECK(embed_snippet("https://example.org/loupe/", "view=money&f=entity%3A%22Mistral%22") ==
        "<script src=\"https://example.org/loupe/embed.js\" data-view=\"#view=money&amp;f=entity%3A%22Mistral%22\" async></script>");
  CHECK(embed_snippet("https://example.org/", "q=\"><script>") ==
        "<script src=\"https://example.org/embed.js\" data-view=\"#q=&quot;&gt;&lt;script&gt;\" async></script>");
}

TEST_CASE("a quote, an amount and an entity copy as one line of text naming where they come from") {
  const Explorer explorer = seeds_with_a_quote();
  const std::string title = explorer.corpus().documents[1].title;
  CHECK(quote_as_text(explorer, 0) ==
        "\xE2\x80\x9CWhen you do research in secret, you fall behind\xE2\x80\x9D \xE2\x80\x94 Yann LeCun, Meta's chief AI scientist, in " + title);
  CHECK(amount_as_text(explorer, 0) == explorer.corpus().documents[2].text.substr(10, 10) + ": US$5000000, in " + explorer.corpus().documents[2].title);
  CHECK(entity_as_text(explorer, 0) == "Yann LeCun (person): 1 mentions, also LeCun");
}
