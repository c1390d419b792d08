// Finding documents for a query. At this stage a plain substring match on title and text,
// case-insensitive for ASCII letters; the positional index and query language replace it.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/corpus.h"

namespace loupe {

// Positions (in corpus order) of the documents whose title or text contains the query.
// An empty or blank query matches every document.
std::vector<std::size_t> find_documents(const Corpus& corpus, std::string_view query);

}  // namespace loupe
