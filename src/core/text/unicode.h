// Unicode for matching: UTF-8 decoding, word characters, and the folded form of a word that the
// index stores (NFKD, case folded, diacritics stripped, curly apostrophes made straight), so that
// "Zürich" finds "Zurich" and "LeCun’s" finds "LeCun's". Uses utf8proc.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace loupe::text {

// Decodes the code point at text[position] and moves position past it. Malformed bytes decode
// as U+FFFD and advance by one, so every byte is consumed exactly once. (ASCII is decoded
// inline: tokenizers call this for every byte.)
char32_t next_code_point_beyond_ascii(std::string_view text, std::size_t& position);
inline char32_t next_code_point(std::string_view text, std::size_t& position) {
  const auto lead = static_cast<unsigned char>(text[position]);
  if (lead >= 0x80) return next_code_point_beyond_ascii(text, position);
  ++position;
  return lead;
}

// Well-formed UTF-8: no overlong forms, surrogates, code points past U+10FFFF or cut sequences
// (what a JSON parser accepts in a string). ASCII runs are checked eight bytes at a time.
bool is_valid_utf8(std::string_view text);

// Letters, marks and digits (Unicode categories L*, M*, N*).
bool is_word_character_beyond_ascii(char32_t code_point);
inline bool is_word_character(char32_t code_point) {
  if (code_point >= 0x80) return is_word_character_beyond_ascii(code_point);
  return (code_point >= 'a' && code_point <= 'z') || (code_point >= 'A' && code_point <= 'Z') || (code_point >= '0' && code_point <= '9');
}
// The same for one byte of ASCII, at a lookup: for loops that take most of a text a byte at a time.
inline constexpr std::array<bool, 128> kAsciiWordBytes = [] {
  std::array<bool, 128> word{};
  for (std::size_t c = 0; c < word.size(); ++c) word[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return word;
}();
inline bool is_ascii_word_byte(char byte) {
  const auto value = static_cast<unsigned char>(byte);
  return value < 0x80 && kAsciiWordBytes[value];
}

// The form of a word used for matching: NFKD, case folded, marks stripped; ’ and ʼ become '.
std::string fold_for_matching(std::string_view word);
// The same into `folded` (replacing what it held), for loops that fold word after word.
void fold_for_matching_into(std::string_view word, std::string& folded);

}  // namespace loupe::text
