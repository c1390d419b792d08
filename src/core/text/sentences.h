// The sentence splitter: sentence boundaries as byte offsets. A sentence ends at . ! ? or …
// followed by space and a capital, digit or opening quote, with closing quotes and brackets
// kept in the sentence; abbreviations (U.S., Dr., Inc., e.g., Jan.), initials ("J. Smith") and
// decimal numbers do not end one. A line break always ends a sentence (one paragraph a line).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace loupe::text {

struct Sentence {
  std::uint32_t start = 0;  // byte offset of the first non-space byte
  std::uint32_t end = 0;    // one past the last byte (closing quotes included)
};

// The sentences of a text; with `most`, only the first `most` of them (the same as the first
// `most` of all), found without reading further: a title needs one sentence of a long paragraph.
std::vector<Sentence> split_sentences(std::string_view text, std::size_t most = SIZE_MAX);

}  // namespace loupe::text
