// The reader for Markdown files (.md): the structure is stripped to plain text, one paragraph a
// line. Headings become paragraphs of their own, and the first one is the title; emphasis, code
// spans and links become their text; images, link definitions, HTML tags and comments are
// dropped; fenced code is kept as text, line by line; list and quote markers are dropped, each
// list item a paragraph; table rows are kept with their cells separated by " | ". A YAML front
// matter block (--- ... ---) gives title, date, author, url and source when it has them.
#pragma once

#include <string>
#include <string_view>

#include "core/corpus.h"

namespace loupe::ingest {

// A document from Markdown text (already decoded: UTF-8, LF line ends).
Document read_markdown(std::string_view utf8_text);

// The plain text of one line of Markdown's inline syntax (emphasis, code spans, links, images,
// autolinks, HTML tags, backslash escapes, a few entities), for a heading or a paragraph.
std::string markdown_inline_to_text(std::string_view line);

}  // namespace loupe::ingest
