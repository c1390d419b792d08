// Direct quotations and who said them. The forms news uses: `X said: "..."`, `"...," X said`,
// `"...," said X`, `"..." – X, CEO of Y`, a quote running on over several sentences or
// paragraphs, a speaker referred back to by a pronoun ("he added") or a role ("the minister"),
// and an organization as speaker ("MS announced in a statement, "..."). A quotation with no
// attribution near it (a scare quote, a title: "European version of OpenAI") is not a quote.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/extract/entities.h"

namespace loupe::extract {

struct Quote {
  std::uint32_t start = 0;  // byte offsets of the quoted words (inside the quotation marks)
  std::uint32_t end = 0;
  std::optional<std::size_t> speaker;  // index into the mentions given, when the speaker is one
  std::string speaker_name;            // as the text names the speaker ("Mike Capone", "MS", "he" resolved)
  std::string role;                    // "CEO of U.S. software firm Qlik", when the text gives one
};

// `mentions` are the text's people and organizations (find_mentions), in text order.
std::vector<Quote> find_quotes(std::string_view text, const std::vector<RawMention>& mentions);

}  // namespace loupe::extract
