// Tests of the Markdown reader (core/ingest/markdown.h) on a news article written in Markdown the
// way blogs and static sites publish them, and on the syntax that must not be mistaken for markup.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/ingest/markdown.h"
#include "fixtures.h"
#include "core/text.h"

using namespace loupe;
using namespace loupe::ingest;
using loupe::test::has_line;
using loupe::test::lines_of;

namespace {

// A news article as a static-site generator would publish it (front matter, headings, emphasis,
// links, an image, a list, a quote, code, a table, a link definition).
constexpr std::string_view kArticle = R"(---
title: "Mistral AI raises €600m as Europe courts its AI champions"
date: 2024-06-11
author: 'Claire Dubois'
tags: [ai, funding]
---

# Mistral AI raises €600m as Europe courts its AI champions

*Paris* — The French start-up **Mistral AI** has raised
[€600m](https://example.com/funding "Funding round") in a round led by General Catalyst,
valuing the company at about __€5.8bn__.

![Arthur Mensch on stage at VivaTech](images/mensch.jpg)

## Why it matters

Investors listed in the filing include:

- Andreessen Horowitz
- Lightspeed Venture Partners
* [ ] Nvidia, pending approval
1. Salesforce Ventures

> "We are building the European champion," said chief executive
> Arthur Mensch.

The model weights are published under the `Apache 2.0` licence:

```python
from mistralai import Mistral
client = Mistral(api_key=key)
```

| Round | Amount |
|-------|-------:|
| Seed  | €105m  |

Read the [full statement][statement].

[statement]: https://mistral.ai/news/
)";

}  // namespace

TEST_CASE("front matter gives the title, date and author, and is not text") {
  const Document document = read_markdown(kArticle);
  CHECK(document.title == "Mistral AI raises \xE2\x82\xAC" "600m as Europe courts its AI champions");
  CHECK(document.date == "2024-06-11");
  CHECK(document.author == "Claire Dubois");
  CHECK(document.text.find("tags:") == std::string::npos);
  CHECK(document.text.find("Mistral AI raises") == std::string::npos);  // the heading that repeats the title
}

TEST_CASE("without front matter the first heading is the title and leaves the text") {
  const Document document = read_markdown("# Chelsea sack Mutu\n\nChelsea have sacked Adrian Mutu after he failed a drugs test.\n");
  CHECK(document.title == "Chelsea sack Mutu");
  CHECK(document.text == "Chelsea have sacked Adrian Mutu after he failed a drugs test.");
}

TEST_CASE("emphasis and links become their text, and a wrapped paragraph one line") {
  const Document document = read_markdown(kArticle);
  CHECK(has_line(document.text,
                 "Paris \xE2\x80\x94 The French start-up Mistral AI has raised \xE2\x82\xAC" "600m in a round led by General Catalyst, "
                 "valuing the company at about \xE2\x82\xAC" "5.8bn."));
}

TEST_CASE("images are dropped with their description and address") {
  const Document document = read_markdown(kArticle);
  CHECK(document.text.find("VivaTech") == std::string::npos);
  CHECK(document.text.find("mensch.jpg") == std::string::npos);
}

TEST_CASE("later headings are paragraphs of their own") {
  CHECK(has_line(read_markdown(kArticle).text, "Why it matters"));
}

TEST_CASE("list markers and task boxes are dropped, each item a paragraph") {
  const Document document = read_markdown(kArticle);
  CHECK(has_line(document.text, "Andreessen Horowitz"));
  CHECK(has_line(document.text, "Lightspeed Venture Partners"));
  CHECK(has_line(document.text, "Nvidia, pending approval"));
  CHECK(has_line(document.text, "Salesforce Ventures"));
}

TEST_CASE("quote markers are dropped and the quoted lines make one paragraph") {
  CHECK(has_line(read_markdown(kArticle).text, "\"We are building the European champion,\" said chief executive Arthur Mensch."));
}

TEST_CASE("code spans keep their text and fenced code is kept line by line without its fences") {
  const Document document = read_markdown(kArticle);
  CHECK(has_line(document.text, "The model weights are published under the Apache 2.0 licence:"));
  CHECK(has_line(document.text, "from mistralai import Mistral"));
  CHECK(has_line(document.text, "client = Mistral(api_key=key)"));
  CHECK(document.text.find("```") == std::string::npos);
}

TEST_CASE("a table keeps its cells and drops its delimiter row") {
  const Document document = read_markdown(kArticle);
  CHECK(has_line(document.text, "Round | Amount"));
  CHECK(has_line(document.text, "Seed | \xE2\x82\xAC" "105m"));
  CHECK(document.text.find("---") == std::string::npos);
}

TEST_CASE("reference links become their text and link definitions are dropped") {
  const Document document = read_markdown(kArticle);
  CHECK(has_line(document.text, "Read the full statement."));
  CHECK(document.text.find("mistral.ai/news") == std::string::npos);
}

TEST_CASE("a setext heading is a heading") {
  const Document document = read_markdown("Markets rally on rate hopes\n===========================\n\nShares rose across Europe.\n");
  CHECK(document.title == "Markets rally on rate hopes");
  CHECK(document.text == "Shares rose across Europe.");
}

TEST_CASE("underscores inside words, lone asterisks and unmatched brackets are text, not markup") {
  CHECK(markdown_inline_to_text("The variable snake_case_name holds 5 * 3 * 2 items [sic]") ==
        "The variable snake_case_name holds 5 * 3 * 2 items [sic]");
}

TEST_CASE("backslash escapes and entities give the characters they stand for") {
  CHECK(markdown_inline_to_text(R"(AT\&T shares \*rose\* 3% &mdash; a &quot;record&quot;)") ==
        "AT&T shares *rose* 3% \xE2\x80\x94 a \"record\"");
}

TEST_CASE("inline HTML tags and comments are dropped, their text kept") {
  CHECK(markdown_inline_to_text("Profits <em>jumped</em> 76%<!-- check figure --> to $1.13bn<br>in the quarter") ==
        "Profits jumped 76% to $1.13bn in the quarter");
}

TEST_CASE("autolinks keep their address") {
  CHECK(markdown_inline_to_text("Details at <https://www.bbc.co.uk/news>.") == "Details at https://www.bbc.co.uk/news.");
}

TEST_CASE("a thematic break separates paragraphs and leaves no text") {
  const Document document = read_markdown("# Title\n\nFirst part.\n\n---\n\nSecond part.\n");
  CHECK(document.text == "First part.\nSecond part.");
}

TEST_CASE("a line of many unmatched brackets, stars and backticks loses none of its words") {
  std::string line;
  for (int i = 0; i < 20000; ++i) line += "[*`<&_a ";
  const std::string text = markdown_inline_to_text(line);
  CHECK(std::count(text.begin(), text.end(), 'a') == 20000);
}

TEST_CASE("links nested ten thousand deep do not overflow the stack") {
  std::string line;
  for (int i = 0; i < 10000; ++i) line += "[";
  line += "deep";
  for (int i = 0; i < 10000; ++i) line += "](u)";
  const std::string text = markdown_inline_to_text(line);
  CHECK(text.find("deep") != std::string::npos);
}

TEST_CASE("an empty Markdown file gives an empty document") {
  const Document document = read_markdown("");
  CHECK(document.title.empty());
  CHECK(document.text.empty());
}
