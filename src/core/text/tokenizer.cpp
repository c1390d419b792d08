// The tokenizer (see tokenizer.h).
#include "core/text/tokenizer.h"

#include "core/text/ascii_block.h"
#include "core/text/unicode.h"

namespace loupe::text {
namespace {

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u02BC'; }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Where a run of ASCII letters and digits that goes on at `position` ends.
std::size_t ascii_word_end(std::string_view text, std::size_t position) {
#if defined(__SSE2__)
  for (; position + kAsciiBlockBytes <= text.size(); position += kAsciiBlockBytes) {
    const std::uint32_t other = ~classify_ascii_block(text.data() + position).word & 0xFFFF;
    if (other != 0) return position + lowest_bit(other);
  }
#endif
  while (position < text.size() && is_ascii_word_byte(text[position])) ++position;
  return position;
}

// Where a run of ASCII bytes that are not a word's (spaces, punctuation) going on at `position` ends.
std::size_t ascii_separators_end(std::string_view text, std::size_t position) {
#if defined(__SSE2__)
  for (; position + kAsciiBlockBytes <= text.size(); position += kAsciiBlockBytes) {
    const AsciiBlock block = classify_ascii_block(text.data() + position);
    if ((block.word | block.beyond_ascii) != 0) return position + lowest_bit(block.word | block.beyond_ascii);
  }
#endif
  while (position < text.size() && static_cast<unsigned char>(text[position]) < 0x80 && !is_ascii_word_byte(text[position])) ++position;
  return position;
}

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
      position = ascii_word_end(text, position + 1);
      previous = static_cast<unsigned char>(text[position - 1]);
      continue;
    }
    if (!in_word && static_cast<unsigned char>(text[position]) < 0x80) {
      position = ascii_separators_end(text, position + 1);
      previous = static_cast<unsigned char>(text[position - 1]);
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
