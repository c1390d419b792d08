// The tokenizer: words with their byte offsets into the text they came from. A word is a run of
// letters, marks and digits; an apostrophe (' or ’) between word characters keeps it whole
// ("Meta's", "LeCun’s"), as do '.' and ',' between digits ("5.6", "1,600"). Hyphens split
// ("open-source" is "open" and "source"), so a phrase matches either spelling.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace loupe::text {

struct Token {
  std::uint32_t start = 0;  // byte offset of the first byte
  std::uint32_t end = 0;    // byte offset one past the last byte
};

std::vector<Token> tokenize(std::string_view text);

}  // namespace loupe::text
