// Tests of the tokenizer (core/text/tokenizer.h) on sentences of the seed articles, and on whole
// articles against a plain reading of its rule.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/text/tokenizer.h"
#include "core/text/unicode.h"
#include "fixtures.h"

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

namespace {

// A plain reading of the rule: code point after code point, a word character starts or continues
// a word; an apostrophe between word characters, or '.' or ',' between digits, keeps it going;
// anything else ends it.
std::vector<std::pair<std::uint32_t, std::uint32_t>> tokens_read_plainly(std::string_view text) {
  std::vector<std::pair<std::size_t, char32_t>> points;  // (offset, code point)
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    points.emplace_back(at, next_code_point(text, i));
  }
  const auto is_digit = [](char32_t c) { return c >= U'0' && c <= U'9'; };
  std::vector<std::pair<std::uint32_t, std::uint32_t>> tokens;
  bool in_word = false;
  std::size_t start = 0;
  for (std::size_t k = 0; k < points.size(); ++k) {
    const char32_t c = points[k].second;
    if (is_word_character(c)) {
      if (!in_word) start = points[k].first;
      in_word = true;
      continue;
    }
    if (!in_word) continue;
    const bool next_is_word = k + 1 < points.size() && is_word_character(points[k + 1].second);
    const bool apostrophe = c == U'\'' || c == U'\u2019' || c == U'\u02BC';
    const bool in_number = (c == U'.' || c == U',') && is_digit(points[k - 1].second) && k + 1 < points.size() && is_digit(points[k + 1].second);
    if (next_is_word && (apostrophe || in_number)) continue;
    tokens.emplace_back(static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(points[k].first));
    in_word = false;
  }
  if (in_word) tokens.emplace_back(static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(text.size()));
  return tokens;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> spans_of(std::string_view text) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
  for (const Token& token : tokenize(text)) spans.emplace_back(token.start, token.end);
  return spans;
}

}  // namespace

TEST_CASE("real text is tokenized as a plain reading of the rule, wherever a block of 16 bytes begins") {
  // Runs of ASCII are stepped over 16 bytes at a time: every start within the first 64 bytes
  // puts words, joiners, numbers and code points beyond ASCII at every place of a block.
  std::vector<std::string> texts;
  for (const char* file : loupe::test::kSeedFiles) texts.push_back(loupe::test::read_repo_file(file));
  texts.push_back("Z\xC3\xBCrich \xE2\x80\x94 \xE2\x80\x9E\xC3\x9C" "berraschung\xE2\x80\x9C, l\xE2\x80\x99\xC3\xA9" "conomie, "
                  "na\xC3\xAFve\xE2\x80\xA6 \xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 \xE6\x9D\xB1\xE4\xBA\xAC don\xE2\x80\x99t "
                  "well-known 1,600.5 3.14.15 a.b 'quoted' rock'n'roll \xF0\x9F\x9A\x80 \xE2\x82\xAC" "600m,a 'b' c--d. 12,x ,5 9.");
  texts.push_back("                                      spaces before a word, and after                                      ");
  for (const std::string& text : texts) {
    CAPTURE(text.substr(0, 40));
    REQUIRE(spans_of(text) == tokens_read_plainly(text));
    for (std::size_t start = 1; start <= std::min<std::size_t>(text.size(), 64); ++start) {
      const std::string_view rest = std::string_view(text).substr(start);
      REQUIRE(spans_of(rest) == tokens_read_plainly(rest));
    }
  }
}
