// The reader for HTML pages (.html, .htm), on libxml2's forgiving HTML parser. The text is the
// page's body text, one paragraph a line (block elements and <br> break paragraphs; table cells
// are separated by " | "), taken from the <article> with the most text or <main> when the page has
// one. Scripts, styles, navigation, headers, footers, asides, forms, frames, SVG, comments and
// hidden elements are dropped; elements whose class or id names a cookie notice, a share bar, a
// newsletter sign-up, related stories, an advertisement, comments or the like are dropped too,
// and recorded in `Document::removed`. Title: the first <h1> of the content (which then leaves
// the text), else og:title, else <title> without the site's name. Metadata: <meta name="author">,
// article:published_time, og:url or the canonical link, og:site_name. Entities are decoded. What
// the page holds is only ever read as text: nothing is run or fetched.
#pragma once

#include <string>
#include <string_view>

#include "core/corpus.h"

namespace loupe::ingest {

struct HtmlReadResult {
  Document document;  // text, title, metadata, and what was removed as boilerplate
  std::string error;  // set when the bytes could not be parsed at all
};

// Reads an HTML page (already decoded to UTF-8; its own charset declaration is ignored).
HtmlReadResult read_html(std::string_view utf8_text);

}  // namespace loupe::ingest
