// Small text helpers shared by the core: trimming, line endings, case folding, word counts.
// Byte-oriented UTF-8; the Unicode-aware tokenizer of the corpus core builds on these.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace loupe {

// Removes ASCII white space (space, tab, CR, LF, FF, VT) from both ends.
std::string_view trim(std::string_view text);

// Drops a leading UTF-8 byte order mark, if present.
std::string_view strip_utf8_bom(std::string_view text);

// Turns CRLF and lone CR line ends into LF.
std::string normalize_line_endings(std::string_view text);

// Lower-cases ASCII letters; other bytes (including UTF-8 sequences) are kept as they are.
std::string fold_ascii_case(std::string_view text);

// Counts words: maximal runs of letters, marks and digits (Unicode categories L, M, N), joined
// by apostrophes and hyphens ("don't", "AI-driven" and "Mensch’s" are one word each).
std::size_t count_words(std::string_view text);
// The same, counting no further than `enough` (for "has it at least N words?" on long text).
std::size_t count_words_up_to(std::string_view text, std::size_t enough);

}  // namespace loupe
