// Small text helpers shared by the core (see text.h).
#include "core/text.h"

namespace loupe {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_ascii_alphanumeric(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Decodes the UTF-8 sequence starting at text[i] (advancing i past it); malformed bytes give
// U+FFFD and advance by one.
char32_t decode_utf8(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t code_point = length == 1 ? lead : lead & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const auto continuation = static_cast<unsigned char>(text[i + k]);
    if ((continuation & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    code_point = (code_point << 6) | (continuation & 0x3F);
  }
  i += length;
  return code_point;
}

// Letters and digits: ASCII ones, and non-ASCII characters outside the punctuation and symbol
// blocks (Latin-1 signs, general punctuation, currency, arrows, math and CJK punctuation).
bool is_word_character(char32_t c) {
  if (c < 0x80) return is_ascii_alphanumeric(static_cast<unsigned char>(c));
  if ((c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  return c != 0xFFFD && c != 0xFEFF;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view strip_utf8_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

std::string normalize_line_endings(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      result.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      result.push_back(text[i]);
    }
  }
  return result;
}

std::string fold_ascii_case(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return result;
}

std::size_t count_words(std::string_view text) { return count_words_up_to(text, static_cast<std::size_t>(-1)); }

std::size_t count_words_up_to(std::string_view text, std::size_t enough) {
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size() && words < enough;) {
    const char32_t c = decode_utf8(text, i);
    const bool joins_word = in_word && (c == U'\'' || c == U'-' || c == U'\u2019');
    if (is_word_character(c)) {
      if (!in_word) ++words;
      in_word = true;
    } else if (!joins_word) {
      in_word = false;
    }
  }
  return words;
}

}  // namespace loupe
