// Tests of the small text helpers (core/text.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/text/unicode.h"
#include "fixtures.h"

using namespace loupe;

TEST_CASE("trim removes white space at both ends only") {
  CHECK(trim("  Mistral AI \r\n") == "Mistral AI");
  CHECK(trim("\t\n") == "");
  CHECK(trim("a b") == "a b");
}

TEST_CASE("a UTF-8 byte order mark is dropped, other text kept") {
  CHECK(strip_utf8_bom("\xEF\xBB\xBFMeta") == "Meta");
  CHECK(strip_utf8_bom("Meta") == "Meta");
}

TEST_CASE("CRLF and lone CR line ends become LF") {
  CHECK(normalize_line_endings("a\r\nb\rc\nd") == "a\nb\nc\nd");
  CHECK(normalize_line_endings("\r\r\n") == "\n\n");
}

TEST_CASE("ASCII case folding leaves UTF-8 sequences alone") {
  CHECK(fold_ascii_case("DeepSeek R1") == "deepseek r1");
  CHECK(fold_ascii_case("Z\xC3\xBCrich") == "z\xC3\xBCrich");
}

TEST_CASE("words are counted across punctuation, apostrophes, hyphens and accents") {
  CHECK(count_words("") == 0);
  CHECK(count_words("Meta's chief AI scientist, Yann LeCun.") == 6);
  CHECK(count_words("a 109-billion-euro investment") == 3);
  CHECK(count_words("Z\xC3\xBCrich \xE2\x80\x94 and Paris") == 3);
  CHECK(count_words(" -- ... ") == 0);
  CHECK(count_words("\xE2\x80\x98open\xE2\x80\x99 and 'closed' -models") == 4);  // quotes and a dash around words
}

// A plain reading of the rule: code point after code point, a word character starts or continues
// a word, an apostrophe (' or ’) or a hyphen keeps one going, anything else ends it.
std::size_t words_read_plainly(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = text::next_code_point(text, i);
    if (text::is_word_character(c)) {
      words += in_word ? 0 : 1;
      in_word = true;
    } else if (c != U'\'' && c != U'-' && c != U'\u2019') {
      in_word = false;
    }
  }
  return words;
}

TEST_CASE("the words of real articles are counted as a plain reading of the rule counts them, also up to a limit") {
  // The seed articles (English news with curly quotes and dashes), and a paragraph of many scripts.
  std::vector<std::string> texts;
  for (const char* file : test::kSeedFiles) texts.push_back(test::read_repo_file(file));
  texts.push_back("Z\xC3\xBCrich \xE2\x80\x94 \xE2\x80\x9E\xC3\x9C" "berraschung\xE2\x80\x9C, l\xE2\x80\x99\xC3\xA9" "conomie, "
                  "na\xC3\xAFve\xE2\x80\xA6 \xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 \xE6\x9D\xB1\xE4\xBA\xAC don\xE2\x80\x99t "
                  "well-known \xE2\x80\x99quoted\xE2\x80\x99 -dash- 109-billion-euro \xF0\x9F\x9A\x80 \xE2\x82\xAC" "600m, a 'b' c--d.");
  for (const std::string& text : texts) {
    CAPTURE(text.substr(0, 40));
    const std::size_t words = words_read_plainly(text);
    CHECK(words >= 15);
    CHECK(count_words(text) == words);
    CHECK(count_words_up_to(text, 12) == 12);
    // Every prefix of the first 2,000 bytes, cut inside words, between them and inside code points.
    for (std::size_t length = 0; length <= std::min<std::size_t>(text.size(), 2000); ++length) {
      const std::string_view prefix = std::string_view(text).substr(0, length);
      REQUIRE(count_words(prefix) == words_read_plainly(prefix));
    }
    // Blocks of 16 ASCII bytes are counted at once: every start within the first 64 bytes, so
    // that joiners, words and code points beyond ASCII fall on every place of a block and across
    // blocks; and counts up to a limit, which a block may pass.
    for (std::size_t start = 0; start <= std::min<std::size_t>(text.size(), 64); ++start) {
      const std::string_view rest = std::string_view(text).substr(start);
      const std::size_t plainly = words_read_plainly(rest);
      REQUIRE(count_words(rest) == plainly);
      for (const std::size_t limit : {1, 7, 10, 16, 61}) REQUIRE(count_words_up_to(rest, limit) == std::min(plainly, limit));
    }
  }
}

TEST_CASE("symbols, emoji and currency signs are not words, letters of any script are") {
  CHECK(count_words("Mistral \xF0\x9F\x9A\x80 raised \xE2\x82\xAC" "600m \xE2\x84\xA2") == 3);  // rocket, euro sign, trade mark
  CHECK(count_words("\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 \xE6\x9D\xB1\xE4\xBA\xAC") == 2);   // Athens in Greek, Tokyo in kanji
  CHECK(count_words("Mensch\xE2\x80\x99s plan") == 2);
}

TEST_CASE("counting words up to a number stops there and otherwise counts them all") {
  const std::string_view sentence = "Meta's chief AI scientist, Yann LeCun.";
  CHECK(count_words_up_to(sentence, 2) == 2);
  CHECK(count_words_up_to(sentence, 6) == 6);
  CHECK(count_words_up_to(sentence, 100) == 6);
  CHECK(count_words_up_to("", 3) == 0);
}

TEST_CASE("apostrophes and hyphens join the halves of a word wherever they fall in a block of 16 bytes") {
  // Runs of joiners after a word, before one, alone, and across the 16th and 17th bytes.
  const std::string text = "ab-cd e'f --g h-- -- 'i' j--k l'''m n-o-p-q-r-s-t-u-v-w x- -y z";
  for (std::size_t start = 0; start < text.size(); ++start) {
    const std::string_view rest = std::string_view(text).substr(start);
    REQUIRE(count_words(rest) == words_read_plainly(rest));
    const std::string padded = std::string(start, ' ') + std::string(rest);
    REQUIRE(count_words(padded) == words_read_plainly(padded));
  }
  CHECK(count_words(text) == 11);
}
