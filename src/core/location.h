// The explorer's view as a URL fragment, and back: "q=mistral&f=has%3Aquote&view=money&doc=002"
// holds the query, the filter chips, the view in front, the selected document and entity, so a
// link, a reload and the browser's Back and Forward restore what the reader saw. Parsing never
// fails: unknown keys and malformed escapes are ignored or taken literally, and what names a
// document or entity that is not there is reported by the actions when they are applied.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/explorer.h"

namespace loupe {

// The fragment (without "#") for the explorer's state; an empty query, no filters and the
// documents view are left out.
std::string location_of(const Explorer& explorer);

// The most filter chips a fragment brings: each one re-runs the search when applied, so a
// fragment of thousands of "f=" would keep the explorer busy for minutes.
inline constexpr std::size_t kMostFragmentFilters = 32;

// The actions that bring an explorer to the state a fragment describes (a leading "#" is allowed).
// Filters repeated are taken once, and only the first kMostFragmentFilters.
std::vector<Action> actions_for_location(std::string_view fragment);

// Percent-encoding of a fragment value (RFC 3986 unreserved characters stay), and its inverse
// ("+" is a space; a "%" not followed by two hex digits stays as it is).
std::string percent_encode(std::string_view text);
std::string percent_decode(std::string_view text);

}  // namespace loupe
