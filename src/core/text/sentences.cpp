// The sentence splitter (see sentences.h).
#include "core/text/sentences.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/text/unicode.h"

namespace loupe::text {
namespace {

// Lower-cased abbreviations (without their final period) that do not end a sentence when they
// are followed by a capitalised word. Single letters (initials) are handled separately.
constexpr std::array<std::string_view, 58> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt",
    "rev", "hon", "pres", "inc", "ltd", "co", "corp", "plc", "llc", "bros", "dept", "univ", "no", "vs", "etc", "e.g",
    "i.e", "cf", "approx", "est", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "ph.d", "messrs"};

// The bytes a line's end or a sentence's terminator begins with ("…" begins with 0xE2).
constexpr std::array<bool, 256> kMayEndSentence = [] {
  std::array<bool, 256> may_end{};
  for (const unsigned char c : {'\n', '.', '!', '?', '\xE2'}) may_end[c] = true;
  return may_end;
}();

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_closing(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

// The word (letters and inner periods) that ends just before text[end].
std::string_view word_before(std::string_view text, std::size_t end) {
  std::size_t start = end;
  while (start > 0) {
    const char c = text[start - 1];
    const bool word_byte = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
                           static_cast<unsigned char>(c) >= 0x80;
    if (!word_byte) break;
    --start;
  }
  return text.substr(start, end - start);
}

bool is_abbreviation(std::string_view word) {
  constexpr std::size_t kLongestAbbreviation = 6;  // "messrs", "approx"
  static_assert(std::all_of(kAbbreviations.begin(), kAbbreviations.end(),
                            [](std::string_view abbreviation) { return abbreviation.size() <= kLongestAbbreviation; }));
  if (word.size() > kLongestAbbreviation) return false;
  std::array<char, kLongestAbbreviation> lower_bytes{};
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    lower_bytes[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view lower(lower_bytes.data(), word.size());
  if (lower.size() == 1 && lower[0] >= 'a' && lower[0] <= 'z') return true;  // an initial
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

// Does a new sentence start at text[position] (after spaces)? Capitals, digits, and opening quotes.
bool starts_sentence(std::string_view text, std::size_t position) {
  if (position >= text.size()) return true;
  const char c = text[position];
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  if (c == '"' || c == '\'' || c == '(' || c == '[') return true;
  if (text.substr(position, 3) == "\xE2\x80\x9C" || text.substr(position, 3) == "\xE2\x80\x98") return true;  // “ ‘
  if (static_cast<unsigned char>(c) >= 0x80) {
    // A non-ASCII letter: treat upper case ones (and caseless scripts) as a start.
    std::size_t cursor = position;
    const char32_t code_point = next_code_point(text, cursor);
    return is_word_character(code_point) && fold_for_matching(text.substr(position, cursor - position)) !=
                                                std::string(text.substr(position, cursor - position));
  }
  return false;
}

}  // namespace

std::vector<Sentence> split_sentences(std::string_view text, std::size_t most) {
  std::vector<Sentence> sentences;
  std::size_t start = 0;
  auto emit = [&](std::size_t end) {
    while (start < end && (is_space(text[start]) || text[start] == '\n')) ++start;
    std::size_t trimmed_end = end;
    while (trimmed_end > start && (is_space(text[trimmed_end - 1]) || text[trimmed_end - 1] == '\n')) --trimmed_end;
    if (trimmed_end > start) sentences.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(trimmed_end)});
    start = end;
  };
  for (std::size_t i = 0; i < text.size() && sentences.size() < most; ++i) {
    // Most bytes can begin neither a line's end nor a terminator: they are skipped at a table
    // lookup each.
    while (i < text.size() && !kMayEndSentence[static_cast<unsigned char>(text[i])]) ++i;
    if (i == text.size()) break;
    const char c = text[i];
    if (c == '\n') {
      emit(i);
      continue;
    }
    std::size_t terminator_end = 0;
    if (c == '.' || c == '!' || c == '?') {
      terminator_end = i + 1;
    } else if (text.substr(i, 3) == "\xE2\x80\xA6") {  // …
      terminator_end = i + 3;
    } else {
      continue;
    }
    // Take in further terminators and closing quotes: ?!  ."  .”  .)
    std::size_t end = terminator_end;
    for (;;) {
      if (end < text.size() && (text[end] == '.' || text[end] == '!' || text[end] == '?' || is_closing(text[end]))) {
        ++end;
      } else if (text.substr(end, 3) == "\xE2\x80\x9D" || text.substr(end, 3) == "\xE2\x80\x99") {  // ” ’
        end += 3;
      } else {
        break;
      }
    }
    if (end < text.size() && !is_space(text[end]) && text[end] != '\n') continue;  // "5.6", "U.S.-based", "Yahoo!'s"
    std::size_t next = end;
    while (next < text.size() && is_space(text[next])) ++next;
    if (c == '.' && terminator_end == i + 1 && is_abbreviation(word_before(text, i))) {
      // "Dr. Smith" and "U.S. Vice President" continue; "... in the U.S. The next" is ambiguous:
      // a known abbreviation never ends a sentence unless a line ends there.
      if (next < text.size() && text[next] != '\n') continue;
    }
    if (!starts_sentence(text, next)) continue;
    emit(end);
    i = end - 1;
  }
  if (sentences.size() < most) emit(text.size());
  return sentences;
}

}  // namespace loupe::text
