// Tests of quotation finding (core/extract/quotes.h): each attribution form with hand-marked
// mentions, then the seed articles with the mentions of the model the build trained.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/extract/quotes.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::extract;

namespace {

// Mentions of the given names (each first occurrence onwards, every occurrence) in a text.
std::vector<RawMention> mentions_of(std::string_view text, std::vector<std::pair<std::string, EntityType>> names) {
  std::vector<RawMention> mentions;
  for (const auto& [name, type] : names) {
    for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
      mentions.push_back({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + name.size()), type});
    }
  }
  std::sort(mentions.begin(), mentions.end(), [](const RawMention& a, const RawMention& b) { return a.start < b.start; });
  return mentions;
}

std::string quoted(std::string_view text, const Quote& quote) { return std::string(text.substr(quote.start, quote.end - quote.start)); }

}  // namespace

TEST_CASE("X said: \"...\" with the role in apposition") {
  const std::string text = "Arthur Mensch, CEO of MistralAI, said, \"We can showcase innovative research.\"";
  const auto quotes = find_quotes(text, mentions_of(text, {{"Arthur Mensch", EntityType::Person}, {"MistralAI", EntityType::Organization}}));
  REQUIRE(quotes.size() == 1);
  CHECK(quoted(text, quotes[0]) == "We can showcase innovative research.");
  CHECK(quotes[0].speaker_name == "Arthur Mensch");
  CHECK(quotes[0].role == "CEO of MistralAI");
}

TEST_CASE("\"...,\" X said and \"...,\" said X") {
  const std::string text = "\"When you do research in secret, you fall behind,\" LeCun stated. \"It is too early,\" said Brad Smith.";
  const auto quotes = find_quotes(text, mentions_of(text, {{"LeCun", EntityType::Person}, {"Brad Smith", EntityType::Person}}));
  REQUIRE(quotes.size() == 2);
  CHECK(quotes[0].speaker_name == "LeCun");
  CHECK(quoted(text, quotes[0]) == "When you do research in secret, you fall behind");
  CHECK(quotes[1].speaker_name == "Brad Smith");
}

TEST_CASE("a dash attribution after the quote gives speaker and role") {
  const std::string text = "\xE2\x80\x9CThis summit isn't just about AI.\xE2\x80\x9D \xE2\x80\x93 Mike Capone, CEO of U.S. software firm Qlik\nNext.";
  const auto quotes = find_quotes(text, mentions_of(text, {{"Mike Capone", EntityType::Person}}));
  REQUIRE(quotes.size() == 1);
  CHECK(quotes[0].speaker_name == "Mike Capone");
  CHECK(quotes[0].role == "CEO of U.S. software firm Qlik");
}

TEST_CASE("a quote continued in the next sentence keeps its speaker") {
  const std::string text = "\"We fall behind,\" LeCun stated. \"The rest of the world will go open source.\"";
  const auto quotes = find_quotes(text, mentions_of(text, {{"LeCun", EntityType::Person}}));
  REQUIRE(quotes.size() == 2);
  CHECK(quotes[1].speaker_name == "LeCun");
}

TEST_CASE("a quote running over two paragraphs is one quote") {
  const std::string text = "Smith said: \"The first paragraph goes on.\n\"And the second ends it.\" Then nothing.";
  const auto quotes = find_quotes(text, mentions_of(text, {{"Smith", EntityType::Person}}));
  REQUIRE(quotes.size() == 1);
  CHECK(quoted(text, quotes[0]).find("And the second ends it.") != std::string::npos);
}

TEST_CASE("a pronoun points back to the last person") {
  const std::string text = "Brad Smith, President of MS, spoke at MWC. There, he explained, \"We will enable them.\"";
  const auto quotes = find_quotes(text, mentions_of(text, {{"Brad Smith", EntityType::Person}, {"MWC", EntityType::Organization}}));
  REQUIRE(quotes.size() == 1);
  CHECK(quotes[0].speaker_name == "Brad Smith");
  CHECK(quotes[0].role == "President of MS");
}

TEST_CASE("an organization speaks, even one the tagger missed") {
  const std::string text = "On the 26th, MS announced in a statement, \"We are announcing a partnership,\" adding, \"This is to grow.\"";
  const auto quotes = find_quotes(text, {});
  REQUIRE(quotes.size() == 2);
  CHECK(quotes[0].speaker_name == "MS");
  CHECK(quotes[1].speaker_name == "MS");
}

TEST_CASE("a role as speaker: the minister said") {
  const std::string text = "Patricia Hewitt visited. The minister said: \"It is a priority.\"";
  const auto quotes = find_quotes(text, mentions_of(text, {{"Patricia Hewitt", EntityType::Person}}));
  REQUIRE(quotes.size() == 1);
  CHECK(quotes[0].role == "minister");
  REQUIRE(quotes[0].speaker.has_value());
}

TEST_CASE("scare quotes and titles are not quotes") {
  const std::string text = "MistralAI, known as the \"European version of OpenAI,\" rekindles an 'open flywheel'. He argues it is a \"huge mistake.\"";
  CHECK(find_quotes(text, mentions_of(text, {{"MistralAI", EntityType::Organization}})).empty());
}

TEST_CASE("the seed articles' quotes have the right speakers") {
  std::ifstream stream(LOUPE_ENTITY_MODEL, std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  std::string error;
  const std::optional<EntityTagger> tagger = buffer.str().empty() ? std::nullopt : EntityTagger::load(buffer.str(), error);
  if (!tagger) {
    MESSAGE("skipped: no entity model was built");
    return;
  }
  std::vector<std::string> speakers;
  for (const Document& document : test::seed_corpus().documents) {
    for (const Quote& quote : find_quotes(document.text, find_mentions(*tagger, document.text))) speakers.push_back(quote.speaker_name);
  }
  CHECK(speakers == std::vector<std::string>{"LeCun", "LeCun", "Mike Capone", "Demis Hassabis", "Demis Hassabis", "Mike Capone",
                                             "Mike Capone", "MS", "MS", "Arthur Mensch", "Arthur Mensch", "The Associated Press",
                                             "TechCrunch", "TechCrunch", "Brad Smith", "Brad Smith"});
}
