// Cleaning: takes the boilerplate of news pages out of a document's text, records each piece in
// `Document::removed` with its reason, and gives the document its title. The rules are general
// (no site's exact strings) and look at whole lines only, short ones at that, so that article
// prose is never touched:
//   - reading-time and category lines: "5 min read", "Politics · 3 min read", "Reading time: 4 minutes";
//   - copyright lines: starting with "©" or "Copyright 2024", or saying "All rights reserved";
//   - share and social lines: "Share this article", "Facebook Twitter LinkedIn Email";
//   - newsletter sign-up lines: "Sign up to our daily newsletter", "Subscribe to our newsletter";
//   - cookie notices: "We use cookies to ...";
//   - links to other stories: "Read more: ...", and link lists, a short heading that names them
//     ("Hot Picks Today", "Related", "Most popular", "More from ...", "Read more") followed by two
//     or more short headline-like lines, up to where the prose resumes;
//   - the title repeated in the text, and a paragraph of ten words or more repeated (the first
//     occurrence is kept).
// The title: kept when the reader found one (a heading, a <title>, a record's "title");
// otherwise the first line when it is short (it leaves the text), or the first sentence of a
// document that opens with a long paragraph (which stays in the text).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/corpus.h"

namespace loupe::ingest {

// A first line longer than this (in bytes) is body text, and the title is its first sentence.
inline constexpr std::size_t kLongestTitleLine = 160;

// Cleans a document in place (see the top of this file). Its text must be UTF-8 with LF line ends.
void clean_document(Document& document);

// Why one line on its own is boilerplate ("reading-time line", "copyright line", "share links",
// "newsletter sign-up", "cookie notice", "link to another story"), or nothing for a line of content.
std::optional<std::string> boilerplate_line_reason(std::string_view line);

// Whether a line is the heading of a list of links to other stories ("Related", "Most popular",
// "Hot Picks Today", "More from Business"): a short line that names such a list.
bool is_link_list_heading(std::string_view line);

// A title from a paragraph: its first sentence, cut at a word boundary with "…" when longer than
// kLongestTitleLine.
std::string title_from_first_sentence(std::string_view paragraph);

}  // namespace loupe::ingest
