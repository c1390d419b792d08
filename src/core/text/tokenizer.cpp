// The tokenizer (see tokenizer.h).
#include "core/text/tokenizer.h"

#include "core/text/unicode.h"

namespace loupe::text {
namespace {

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u02BC'; }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6);
  std::size_t position = 0;
  bool in_word = false;
  std::size_t word_start = 0;
  char32_t previous = 0;
  while (position < text.size()) {
    // Fast paths: a run of ASCII letters and digits, and ASCII punctuation or space between words.
    if (is_ascii_word_byte(text[position])) {
      if (!in_word) {
        in_word = true;
        word_start = position;
      }
      do {
        ++position;
      } while (position < text.size() && is_ascii_word_byte(text[position]));
      previous = static_cast<unsigned char>(text[position - 1]);
      continue;
    }
    if (!in_word && static_cast<unsigned char>(text[position]) < 0x80) {
      previous = static_cast<unsigned char>(text[position++]);
      continue;
    }
    const std::size_t here = position;
    const char32_t c = next_code_point(text, position);
    if (is_word_character(c)) {
      if (!in_word) {
        in_word = true;
        word_start = here;
      }
      previous = c;
      continue;
    }
    if (in_word) {
      // A joiner stays inside the word only when a word character follows it.
      std::size_t after = position;
      const bool has_next = after < text.size();
      const char32_t next = has_next ? next_code_point(text, after) : 0;
      const bool joins = has_next && is_word_character(next) &&
                         (is_apostrophe(c) || ((c == U'.' || c == U',') && is_digit(previous) && is_digit(next)));
      if (joins) {
        previous = c;
        continue;
      }
      tokens.push_back({static_cast<std::uint32_t>(word_start), static_cast<std::uint32_t>(here)});
      in_word = false;
    }
    previous = c;
  }
  if (in_word) tokens.push_back({static_cast<std::uint32_t>(word_start), static_cast<std::uint32_t>(text.size())});
  return tokens;
}

}  // namespace loupe::text
