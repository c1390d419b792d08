// Tests of the small text helpers (core/text.h).
#include <doctest/doctest.h>

#include "core/text.h"

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
