// The reader for plain-text files (.txt): the decoded text is the document's text, as it is.
// Its title is found by cleaning (clean.h): the first short line, or the first sentence of a
// document that opens with a paragraph.
#pragma once

#include <string_view>

#include "core/corpus.h"

namespace loupe::ingest {

// A document whose text is `utf8_text` (already decoded: UTF-8, LF line ends) without the blank
// lines and spaces around it; no title yet.
Document read_plain_text(std::string_view utf8_text);

}  // namespace loupe::ingest
