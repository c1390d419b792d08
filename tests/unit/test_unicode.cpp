// Tests of Unicode folding for matching (core/text/unicode.h).
#include <doctest/doctest.h>

#include "core/text/unicode.h"

using namespace loupe::text;

TEST_CASE("folding lower-cases ASCII words") {
  CHECK(fold_for_matching("DeepSeek") == "deepseek");
  CHECK(fold_for_matching("R1") == "r1");
}

TEST_CASE("folding strips diacritics so that Zürich finds Zurich") {
  CHECK(fold_for_matching("Z\xC3\xBCrich") == "zurich");
  CHECK(fold_for_matching("\xC3\x89lys\xC3\xA9" "e") == "elysee");
  CHECK(fold_for_matching("S\xC3\xA3o") == "sao");
}

TEST_CASE("curly and straight apostrophes fold alike") {
  CHECK(fold_for_matching("LeCun\xE2\x80\x99s") == fold_for_matching("LeCun's"));
}

TEST_CASE("compatibility forms and case folding of non-Latin letters") {
  CHECK(fold_for_matching("\xEF\xAC\x81nance") == "finance");  // the "fi" ligature
  CHECK(fold_for_matching("STRA\xC3\x9F" "E") == "strasse");
  CHECK(fold_for_matching("\xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91") == "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1");  // ΑΘΗΝΑ
}

TEST_CASE("letters and digits are word characters, punctuation and symbols are not") {
  CHECK(is_word_character(U'a'));
  CHECK(is_word_character(U'\u00E9'));
  CHECK(is_word_character(U'7'));
  CHECK(is_word_character(U'\u4E2D'));
  CHECK_FALSE(is_word_character(U'\u2014'));  // —
  CHECK_FALSE(is_word_character(U'\u20AC'));  // €
  CHECK_FALSE(is_word_character(U' '));
}

TEST_CASE("malformed UTF-8 decodes as a replacement character, one byte at a time") {
  const std::string text = "a\xFF" "b";
  std::size_t position = 1;
  CHECK(next_code_point(text, position) == U'\uFFFD');
  CHECK(position == 2);
}
