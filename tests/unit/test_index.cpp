// Tests of the positional index (core/search/index.h) on the seed articles: its postings and each
// document's tokens, finding a form, and the stored index's round trip and refusals.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/search/index.h"
#include "core/text/unicode.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::search;

namespace {

// A corpus of one document whose index is known by heart: title "", text "Mistral said".
Corpus two_word_corpus() {
  Corpus corpus;
  corpus.name = "two words";
  Document document;
  document.id = "d";
  document.text = "Mistral said";
  corpus.documents.push_back(document);
  return corpus;
}

// Every term's postings of `found` are those of `expected`: documents, counts and positions.
void check_same_postings(const Index& expected, const Index& found) {
  REQUIRE(found.term_count() == expected.term_count());
  const auto as_vector = [](auto span) { return std::vector<std::uint32_t>(span.begin(), span.end()); };
  for (TermId term = 0; term < expected.term_count(); ++term) {
    CAPTURE(expected.term(term));
    const Postings a = expected.postings(term);
    const Postings b = found.postings(term);
    REQUIRE(as_vector(b.documents) == as_vector(a.documents));
    REQUIRE(as_vector(b.title_counts) == as_vector(a.title_counts));
    REQUIRE(as_vector(b.body_counts) == as_vector(a.body_counts));
    REQUIRE(as_vector(b.position_starts) == as_vector(a.position_starts));
    REQUIRE(as_vector(b.positions) == as_vector(a.positions));
  }
}

}  // namespace

TEST_CASE("a term's postings give each document once, with its counts and positions in order") {
  const Corpus corpus = test::seed_corpus();
  const Index index = Index::build_from_text(corpus);
  TermId mistral = 0;
  REQUIRE(index.find_term("mistral", mistral));
  const Postings list = index.postings(mistral);
  REQUIRE(list.documents.size() == index.document_frequency(mistral));
  std::size_t occurrences = 0;
  for (std::size_t i = 0; i < list.documents.size(); ++i) {
    if (i > 0) CHECK(list.documents[i - 1] < list.documents[i]);
    const std::size_t end = i + 1 < list.documents.size() ? list.position_starts[i + 1] : list.positions.size();
    CHECK(end - list.position_starts[i] == list.title_counts[i] + list.body_counts[i]);
    // Every position is a token of that form in that document.
    const DocumentTokens tokens = index.tokens(list.documents[i]);
    for (std::size_t p = list.position_starts[i]; p < end; ++p) {
      const std::uint32_t position = list.positions[p];
      const IndexedToken& token = position < tokens.title.size() ? tokens.title[position] : tokens.body[position - tokens.title.size() - 1];
      CHECK(token.term == mistral);
    }
    occurrences += end - list.position_starts[i];
  }
  CHECK(occurrences >= 5);
}

TEST_CASE("each document's tokens lie in its title or text, in order, and its sentences cover the text") {
  const Corpus corpus = test::seed_corpus();
  const Index index = Index::build_from_text(corpus);
  REQUIRE(index.document_count() == corpus.documents.size());
  for (DocumentId d = 0; d < index.document_count(); ++d) {
    const DocumentTokens tokens = index.tokens(d);
    CHECK(!tokens.body.empty());
    std::uint32_t previous_end = 0;
    for (const IndexedToken& token : tokens.body) {
      CHECK(previous_end <= token.start);
      CHECK(token.end <= corpus.documents[d].text.size());
      previous_end = token.end;
    }
    REQUIRE(!tokens.sentences.empty());
    CHECK(tokens.sentences.back().end <= corpus.documents[d].text.size());
  }
}

TEST_CASE("every form of the vocabulary is found under its own id, and an absent one is not") {
  const Index index = Index::build_from_text(test::seed_corpus());
  REQUIRE(index.term_count() > 500);
  for (TermId term = 0; term < index.term_count(); ++term) {
    TermId found = 0;
    REQUIRE(index.find_term(index.term(term), found));
    CHECK(found == term);
  }
  TermId none = 0;
  CHECK_FALSE(index.find_term("mistrall", none));
  CHECK_FALSE(index.find_term("", none));
  CHECK_FALSE(index.find_term("zzzzzz", none));
}

TEST_CASE("the stored index decodes to the index of the text, and encodes again to the same bytes") {
  const Corpus corpus = test::seed_corpus();
  const Index built = Index::build_from_text(corpus);
  const std::string bytes = built.encode();
  std::string error;
  const std::optional<Index> decoded = Index::decode(bytes, corpus, error);
  REQUIRE_MESSAGE(decoded.has_value(), error);
  CHECK(decoded->encode() == bytes);
  check_same_postings(built, *decoded);
  TermId invest = 0;
  REQUIRE(built.find_term("investment", invest));
  CHECK(decoded->postings(invest).documents.size() == 2);  // two of the seeds say "investment"
  // Every token comes back at its place, with its term.
  for (DocumentId document = 0; document < built.document_count(); ++document) {
    for (const bool title : {true, false}) {
      const std::span<const IndexedToken> expected = title ? built.tokens(document).title : built.tokens(document).body;
      const std::span<const IndexedToken> found = title ? decoded->tokens(document).title : decoded->tokens(document).body;
      REQUIRE(expected.size() == found.size());
      for (std::size_t i = 0; i < expected.size(); ++i) {
        REQUIRE(found[i].start == expected[i].start);
        REQUIRE(found[i].end == expected[i].end);
        REQUIRE(found[i].term == expected[i].term);
      }
    }
  }
}

TEST_CASE("a stored token whose term is shorter than its text comes back whole") {
  // Folding drops the accents: "Élysée" (8 bytes) is the term "elysee" (6); "MISTRAL" keeps its length.
  Corpus corpus;
  Document document;
  document.id = "paris";
  document.title = "Élysée talks";
  document.text = "MISTRAL met the Élysée's staff, naïvely.";
  corpus.documents.push_back(document);
  const Index built = Index::build_from_text(corpus);
  std::size_t shorter_terms = 0;
  std::size_t same_length_terms = 0;
  for (const std::span<const IndexedToken> field : {built.tokens(0).title, built.tokens(0).body}) {
    for (const IndexedToken& token : field) (token.end - token.start == built.term(token.term).size() ? same_length_terms : shorter_terms) += 1;
  }
  REQUIRE(shorter_terms >= 3);  // Élysée twice, naïvely
  REQUIRE(same_length_terms >= 4);
  std::string error;
  const std::optional<Index> decoded = Index::decode(built.encode(), corpus, error);
  REQUIRE_MESSAGE(decoded.has_value(), error);
  for (const bool title : {true, false}) {
    const std::span<const IndexedToken> expected = title ? built.tokens(0).title : built.tokens(0).body;
    const std::span<const IndexedToken> found = title ? decoded->tokens(0).title : decoded->tokens(0).body;
    REQUIRE(found.size() == expected.size());
    const std::string& text = title ? document.title : document.text;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CHECK(text.substr(found[i].start, found[i].end - found[i].start) == text.substr(expected[i].start, expected[i].end - expected[i].start));
      CHECK(found[i].term == expected[i].term);
    }
  }
  CHECK(document.text.substr(decoded->tokens(0).body[3].start, decoded->tokens(0).body[3].end - decoded->tokens(0).body[3].start) == "Élysée's");
}

// The seeds' paragraphs as documents: many documents sharing words, first used in different runs.
Corpus seed_paragraphs() {
  Corpus paragraphs;
  for (const Document& seed : test::seed_corpus().documents) {
    std::size_t start = 0;
    while (start < seed.text.size()) {
      const std::size_t end = std::min(seed.text.find('\n', start), seed.text.size());
      Document document;
      document.id = seed.id + "/" + std::to_string(paragraphs.documents.size());
      document.title = seed.title;
      document.text = seed.text.substr(start, end - start);
      paragraphs.documents.push_back(std::move(document));
      start = end + 1;
    }
  }
  return paragraphs;
}

TEST_CASE("each token's term is its folded text, and terms are numbered in order of first use") {
  const Corpus corpus = seed_paragraphs();
  for (const unsigned threads : {1u, 3u}) {
    CAPTURE(threads);
    const Index index = Index::build_from_text(corpus, threads);
    TermId next_new_term = 0;
    std::size_t tokens = 0;
    for (DocumentId document = 0; document < index.document_count(); ++document) {
      for (const bool title : {true, false}) {
        const std::string& text = title ? corpus.documents[document].title : corpus.documents[document].text;
        for (const IndexedToken& token : title ? index.tokens(document).title : index.tokens(document).body) {
          REQUIRE(index.term(token.term) == loupe::text::fold_for_matching(std::string_view(text).substr(token.start, token.end - token.start)));
          REQUIRE(token.term <= next_new_term);  // a term seen before, or the next new one
          if (token.term == next_new_term) ++next_new_term;
          ++tokens;
        }
      }
    }
    CHECK(next_new_term == index.term_count());
    CHECK(tokens > 2000);
  }
}

TEST_CASE("every term's postings hold each of its tokens once, at its position, and nothing else") {
  // The postings as a plain reading of each document's tokens gives them, against the index's counting.
  const Corpus corpus = seed_paragraphs();
  const Index index = Index::build_from_text(corpus);
  struct Entry {
    DocumentId document;
    std::uint32_t title_count = 0;
    std::uint32_t body_count = 0;
    std::vector<std::uint32_t> positions;
  };
  std::vector<std::vector<Entry>> expected(index.term_count());
  for (DocumentId document = 0; document < index.document_count(); ++document) {
    const DocumentTokens tokens = index.tokens(document);
    for (const bool title : {true, false}) {
      const std::span<const IndexedToken> field = title ? tokens.title : tokens.body;
      for (std::size_t i = 0; i < field.size(); ++i) {
        std::vector<Entry>& entries = expected[field[i].term];
        if (entries.empty() || entries.back().document != document) entries.push_back({document});
        ++(title ? entries.back().title_count : entries.back().body_count);
        entries.back().positions.push_back(static_cast<std::uint32_t>(title ? i : tokens.title.size() + 1 + i));
      }
    }
  }
  std::size_t positions_in_all = 0;
  for (TermId term = 0; term < index.term_count(); ++term) {
    CAPTURE(index.term(term));
    const Postings list = index.postings(term);
    REQUIRE(list.documents.size() == expected[term].size());
    for (std::size_t e = 0; e < expected[term].size(); ++e) {
      const Entry& entry = expected[term][e];
      CHECK(list.documents[e] == entry.document);
      CHECK(list.title_counts[e] == entry.title_count);
      CHECK(list.body_counts[e] == entry.body_count);
      const std::span<const std::uint32_t> positions = list.positions.subspan(list.position_starts[e], entry.positions.size());
      CHECK(std::vector<std::uint32_t>(positions.begin(), positions.end()) == entry.positions);
      positions_in_all += entry.positions.size();
    }
    CHECK(list.positions.size() == list.position_starts.back() + expected[term].back().positions.size());
  }
  CHECK(positions_in_all > 2000);
}

TEST_CASE("the index built on several threads is the index built on one, byte for byte") {
  const Corpus paragraphs = seed_paragraphs();
  REQUIRE(paragraphs.documents.size() > 40);
  const std::string one_thread = Index::build_from_text(paragraphs, 1).encode();
  const Index built_on_one = Index::build_from_text(paragraphs, 1);
  for (unsigned threads : {2u, 3u, 8u, 64u}) {
    CAPTURE(threads);
    const Index built = Index::build_from_text(paragraphs, threads);
    CHECK(built.encode() == one_thread);
    check_same_postings(built_on_one, built);
  }
  const Corpus seeds = test::seed_corpus();
  CHECK(Index::build_from_text(seeds, 4).encode() == Index::build_from_text(seeds, 1).encode());  // fewer documents than runs
}

TEST_CASE("the index built a few documents at a time is the index built at once, and the explorer's index takes it") {
  const Corpus paragraphs = seed_paragraphs();
  const std::string at_once = Index::of_text_to_store(paragraphs).encode();
  for (std::size_t step : {1u, 7u, 1000u}) {
    CAPTURE(step);
    IndexBuilder builder(paragraphs);
    std::size_t steps = 0;
    std::size_t read = 0;
    while (read < paragraphs.documents.size()) {
      const std::size_t before = read;
      read = builder.read_next(step);
      CHECK(read == std::min(before + step, paragraphs.documents.size()));
      ++steps;
    }
    CHECK(steps == (paragraphs.documents.size() + step - 1) / step);
    CHECK(builder.read_next(step) == paragraphs.documents.size());  // nothing more to read
    Index index = builder.finish();
    CHECK(index.encode() == at_once);
    CHECK(index.stored_for(paragraphs));
    CHECK(builder.finish().document_count() == 0);  // once only
  }
  // finish() reads what was left; build() takes the result as the corpus's stored index.
  Corpus corpus = paragraphs;
  IndexBuilder builder(corpus);
  builder.read_next(3);
  corpus.stored_index = std::make_shared<Index>(builder.finish());
  const Index taken = Index::build(corpus);
  CHECK(corpus.stored_index->document_count() == 0);  // taken, not copied
  CHECK(taken.encode() == at_once);
  CHECK(taken.document_count() == paragraphs.documents.size());
}

TEST_CASE("a stored index whose totals do not match its lists is refused") {
  const Corpus corpus = two_word_corpus();
  const std::string bytes = Index::build_from_text(corpus).encode();
  // terms: 2, "mistral", "said"; stems: 2, "mistral", "said"; each term's stem; the order; then
  // the totals: 2 entries, 2 positions.
  using namespace std::string_literals;
  const std::string vocabulary = "\x02\x07mistral\x04said\x02\x07mistral\x04said\x00\x01\x00\x01"s;
  REQUIRE(bytes.compare(0, vocabulary.size(), vocabulary) == 0);
  REQUIRE(bytes[vocabulary.size()] == 2);
  std::string error;
  REQUIRE(Index::decode(bytes, corpus, error).has_value());
  for (const std::size_t at : {vocabulary.size(), vocabulary.size() + 1}) {
    for (const char total : {'\x01', '\x03'}) {  // fewer (a list runs past it) or more than the lists hold
      std::string changed = bytes;
      changed[at] = total;
      CHECK_FALSE(Index::decode(changed, corpus, error).has_value());
      CHECK(error == "index: postings: the totals do not match the lists");
    }
  }
  // Each list: 1 entry, 1 position; document +0, 0 in the title, 1 in the text; its position
  // (the text's first word is at 1: 0 stands between the title and the text).
  const std::string postings = "\x01\x01\x00\x00\x01\x01\x01\x01\x00\x00\x01\x02"s;
  REQUIRE(bytes.compare(vocabulary.size() + 2, postings.size(), postings) == 0);
  // Then the tokens in all: 2. One fewer, and the text's tokens run past it.
  const std::size_t tokens_in_all = vocabulary.size() + 2 + postings.size();
  REQUIRE(bytes[tokens_in_all] == 2);
  std::string fewer_tokens = bytes;
  fewer_tokens[tokens_in_all] = 1;
  CHECK_FALSE(Index::decode(fewer_tokens, corpus, error).has_value());
  CHECK(error == "index: tokens: more than the total of all documents");
}

namespace {

// Decodes `bytes` as a download would bring them: into a buffer of their size whose bytes past
// those arrived are 0xFF (a decoder that read ahead would see them), `piece` bytes at a time.
std::optional<Index> decode_arriving(const std::string& bytes, const Corpus& corpus, std::size_t piece, std::string& error) {
  std::string buffer(bytes.size(), '\xFF');
  IndexDecoder decoder(buffer, corpus);
  for (std::size_t arrived = 0; arrived < bytes.size();) {
    const std::size_t next = std::min(bytes.size(), arrived + piece);
    buffer.replace(arrived, next - arrived, bytes, arrived, next - arrived);
    arrived = next;
    if (!decoder.decode_arrived(arrived)) break;
  }
  return decoder.finish(error);
}

}  // namespace

TEST_CASE("an index decoded while its bytes arrive, in pieces of any size, is the index decoded at once") {
  const Corpus corpus = test::seed_corpus();
  const std::string bytes = Index::build_from_text(corpus).encode();
  const Index built = Index::build_from_text(corpus);
  for (const std::size_t piece : {1, 7, 64, 1000, 100000}) {
    std::string error;
    const std::optional<Index> decoded = decode_arriving(bytes, corpus, piece, error);
    REQUIRE_MESSAGE(decoded.has_value(), error);
    CHECK(decoded->encode() == bytes);
    check_same_postings(built, *decoded);
  }
}

TEST_CASE("a damaged index decoded while it arrives is refused with the message of one decoded at once") {
  const Corpus corpus = test::seed_corpus();
  const std::string bytes = Index::build_from_text(corpus).encode();
  std::size_t refused = 0;
  for (std::size_t at = 0; at < bytes.size(); at += 37) {
    std::string changed = bytes;
    changed[at] = static_cast<char>(changed[at] ^ 0x5A);
    std::string at_once;
    std::string arriving;
    const bool read_at_once = Index::decode(changed, corpus, at_once).has_value();
    CHECK(decode_arriving(changed, corpus, 501, arriving).has_value() == read_at_once);
    CHECK(arriving == at_once);
    refused += read_at_once ? 0 : 1;
  }
  // Cut short: refused both ways alike.
  std::string at_once;
  std::string arriving;
  const std::string cut = bytes.substr(0, bytes.size() / 2);
  CHECK_FALSE(Index::decode(cut, corpus, at_once).has_value());
  CHECK_FALSE(decode_arriving(cut, corpus, 333, arriving).has_value());
  CHECK(arriving == at_once);
  CHECK(refused > 10);
}
