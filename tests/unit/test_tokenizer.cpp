// Tests of the tokenizer (core/text/tokenizer.h) on sentences of the seed articles.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/text/tokenizer.h"

using namespace loupe::text;

namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  for (const Token& token : tokenize(text)) words.emplace_back(text.substr(token.start, token.end - token.start));
  return words;
}

}  // namespace

TEST_CASE("words are split at spaces and punctuation, with offsets into the text") {
  const std::string text = "Meta's chief AI scientist, Yann LeCun, emphasizes";
  const std::vector<Token> tokens = tokenize(text);
  REQUIRE(tokens.size() == 7);
  CHECK(text.substr(tokens[0].start, tokens[0].end - tokens[0].start) == "Meta's");
  CHECK(text.substr(tokens[5].start, tokens[5].end - tokens[5].start) == "LeCun");
}

TEST_CASE("apostrophes inside words keep them whole, curly or straight") {
  CHECK(words_of("Mensch\xE2\x80\x99s stance, AI's potential") == std::vector<std::string>{"Mensch\xE2\x80\x99s", "stance", "AI's", "potential"});
  CHECK(words_of("the 'open flywheel'") == std::vector<std::string>{"the", "open", "flywheel"});
}

TEST_CASE("hyphens split words so that phrases match either spelling") {
  CHECK(words_of("open-source models") == std::vector<std::string>{"open", "source", "models"});
  CHECK(words_of("109-billion-euro") == std::vector<std::string>{"109", "billion", "euro"});
}

TEST_CASE("decimal points and thousands separators stay inside numbers") {
  CHECK(words_of("$5.6 million, 1,600 AI models.") == std::vector<std::string>{"5.6", "million", "1,600", "AI", "models"});
  CHECK(words_of("in 2024. Then") == std::vector<std::string>{"in", "2024", "Then"});
}

TEST_CASE("accented and non-Latin words are words, dashes and symbols are not") {
  CHECK(words_of("Z\xC3\xBCrich \xE2\x80\x94 \xE2\x82\xAC" "3bn") == std::vector<std::string>{"Z\xC3\xBCrich", "3bn"});
  CHECK(words_of("\xE4\xB8\xAD\xE5\x9B\xBD") == std::vector<std::string>{"\xE4\xB8\xAD\xE5\x9B\xBD"});
}

TEST_CASE("empty text and text without words give no tokens") {
  CHECK(tokenize("").empty());
  CHECK(tokenize(" -- ... !!").empty());
}
