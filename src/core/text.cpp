// Small text helpers shared by the core (see text.h).
#include "core/text.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/text/ascii_block.h"
#include "core/text/unicode.h"

namespace loupe {
namespace {

// What an ASCII byte is to a word: part of one, a joiner of its halves ("don't", "well-known"),
// or a separator.
enum class AsciiKind : unsigned char { kSeparator, kWord, kJoiner };
constexpr std::array<AsciiKind, 128> kAsciiKinds = [] {
  std::array<AsciiKind, 128> kinds{};
  for (std::size_t c = 0; c < kinds.size(); ++c) {
    const bool joiner = c == static_cast<std::size_t>(text::kWordJoiners[0]) || c == static_cast<std::size_t>(text::kWordJoiners[1]);
    kinds[c] = text::kAsciiWordBytes[c] ? AsciiKind::kWord : joiner ? AsciiKind::kJoiner : AsciiKind::kSeparator;
  }
  return kinds;
}();

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
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
    // A byte or code point at a time up to `until`: ASCII through a table of kinds, with no branch
    // on what it says; beyond ASCII by its Unicode category (’ keeps a word going, as ' and - do).
    std::size_t until = i + 1;
#if defined(__SSE2__)
    if (i + text::kAsciiBlockBytes <= text.size()) {
      const text::AsciiBlock block = text::classify_ascii_block(text.data() + i);
      if (block.beyond_ascii == 0) {
        // A run of joiners that follows a word byte (or a word going on from the block before)
        // is part of the word: adding the run's first bit carries through the run.
        const std::uint32_t going_on = in_word ? 1 : 0;
        const std::uint32_t joiners_after_word = ((block.word << 1) | going_on) & block.joiner;
        const std::uint32_t in_word_bits = block.word | (block.joiner & ((block.joiner + joiners_after_word) ^ block.joiner));
        words += text::bits_set(block.word & ~((in_word_bits << 1) | going_on));
        in_word = (in_word_bits >> (text::kAsciiBlockBytes - 1)) & 1;
        i += text::kAsciiBlockBytes;
        continue;
      }
      until = i + text::kAsciiBlockBytes;  // a block with bytes beyond ASCII: this way, once
    }
#endif
    while (i < until && i < text.size()) {
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte < 0x80) {
        const AsciiKind kind = kAsciiKinds[byte];
        words += (kind == AsciiKind::kWord) & !in_word;
        in_word = (kind == AsciiKind::kWord) | ((kind == AsciiKind::kJoiner) & in_word);
        ++i;
        continue;
      }
      const char32_t c = text::next_code_point(text, i);
      if (text::is_word_character(c)) {
        words += in_word ? 0 : 1;
        in_word = true;
      } else if (c != U'\u2019') {
        in_word = false;
      }
    }
  }
  return std::min(words, enough);  // (a block may count past `enough`)
}

}  // namespace loupe
