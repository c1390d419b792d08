// Ingest: turns the bytes of one file into a Document. Takes bytes and names, never paths to
// open: reading files is the platform's job (platform/files.h), so the page can pass bytes it
// fetched or that a reader dropped.
#pragma once

#include <string>
#include <string_view>

#include "core/corpus.h"

namespace loupe {

// A title line longer than this is body text, and the title is taken from its first sentence.
inline constexpr std::size_t kLongestTitleLine = 160;

// Builds a document from plain text: the first non-empty line is the title (unless it is a long
// paragraph, whose first sentence then gives the title), the rest is the body.
Document document_from_plain_text(std::string id, std::string_view bytes);

// A document id from a path relative to the folder given: separators become '/', the extension
// is dropped ("sport/199.txt" -> "sport/199").
std::string document_id_from_path(std::string_view relative_path);

}  // namespace loupe
