// The positional inverted index over a corpus: every word of every title and text, folded for
// matching (case, diacritics, apostrophes), with its positions and byte offsets, grouped by
// Snowball stem so that a search for "investment" also finds "investing". Built when a corpus
// loads from the text, or, for a binary bundle, read with it (encode/decode): the JSON bundle
// keeps only the text.
//
// Positions count tokens within a document: the title's tokens first, then, after a gap of one
// position so that no phrase spans the two, the text's tokens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/corpus.h"
#include "core/text/sentences.h"

namespace loupe::search {

using TermId = std::uint32_t;      // a folded word form ("investments")
using StemId = std::uint32_t;      // a stem ("invest"), shared by several forms
using DocumentId = std::uint32_t;  // the document's position in the corpus

struct IndexedToken {
  std::uint32_t start = 0;  // byte offsets into the document's title or text
  std::uint32_t end = 0;
  TermId term = 0;
};

// The documents a term occurs in, in increasing order, with its counts and positions there: a view
// into the index's arrays, valid while the index lives.
struct Postings {
  std::span<const DocumentId> documents;
  std::span<const std::uint32_t> title_counts;     // per document: occurrences in the title
  std::span<const std::uint32_t> body_counts;      // per document: occurrences in the text
  std::span<const std::uint32_t> position_starts;  // per document: where its positions begin in `positions`
  std::span<const std::uint32_t> positions;        // increasing within each document
};

// A document's tokens and sentences: a view into the index's arrays, valid while the index lives.
struct DocumentTokens {
  std::span<const IndexedToken> title;
  std::span<const IndexedToken> body;
  std::span<const text::Sentence> sentences;  // of the text, for snippets
};

class Index {
 public:
  // The index of a corpus: the one read with it from a binary bundle (corpus.stored_index, which
  // this takes: the corpus is left without it) when there is one for these very texts, otherwise
  // built from the text.
  // The text is indexed on up to `threads` threads, with the same index for any number of them.
  static Index build(const Corpus& corpus, unsigned threads = 1);
  // Always from the text, leaving corpus.stored_index alone.
  static Index build_from_text(const Corpus& corpus, unsigned threads = 1);
  // Only the text's part, as corpus.stored_index holds it (build() then takes it): it reads the
  // documents alone, so the CLI builds and encodes it while extraction writes the entities, quotes
  // and amounts.
  static Index of_text_to_store(const Corpus& corpus, unsigned threads = 1);
  // (IndexBuilder builds the same a few documents at a time.)

  // The part of the index that comes from the text (vocabulary, stems, postings, each document's
  // tokens and sentences) as compact bytes (LEB128 numbers, deltas), for the binary bundle; and
  // back: decode checks every count, id, position and offset against the corpus's texts and
  // returns nothing, with a message in `error`, for anything out of place. The index is trusted to
  // be the one of these texts (a hostile one can give wrong results, never undefined behaviour).
  // kStoredVersion changes whenever the tokenizer, the folding or the stemmer does: a stored index
  // of another version is not read (the text is indexed again).
  // (2: totals before the postings and the documents; 3: stems in alphabetical order; 4: a token's
  // length only when it is not its term's)
  static constexpr std::uint32_t kStoredVersion = 4;
  std::string encode() const;
  static std::optional<Index> decode(std::string_view bytes, const Corpus& corpus, std::string& error);
  // Whether this stored index is one of this corpus's texts as they are now (same number of
  // documents, same lengths of title and text) and has not been taken by build().
  bool stored_for(const Corpus& corpus) const;

  std::size_t document_count() const { return sentence_starts_.size() - 1; }
  std::size_t term_count() const { return terms_.size(); }
  const std::string& term(TermId id) const { return terms_[id]; }
  // The id of a folded word form, if it occurs anywhere.
  bool find_term(std::string_view folded, TermId& id) const;
  // Every form sharing the stem of this folded word ("invest" -> investment, investing, ...).
  std::vector<TermId> forms_with_stem_of(std::string_view folded) const;
  // Every form starting with a folded prefix, in alphabetical order.
  std::vector<TermId> forms_with_prefix(std::string_view folded_prefix) const;
  // Ids of all forms in alphabetical order (for close-spelling searches).
  const std::vector<TermId>& terms_in_order() const { return terms_in_order_; }

  Postings postings(TermId id) const;
  DocumentTokens tokens(DocumentId document) const;
  // A document's weighted length (see title_weight) and the corpus's average.
  double weighted_length(DocumentId document) const;
  double average_weighted_length() const { return average_weighted_length_; }
  // The number of documents containing the term.
  std::size_t document_frequency(TermId id) const { return entry_starts_[id + 1] - entry_starts_[id]; }

  // How much a title occurrence counts against a text one in ranking.
  static constexpr double title_weight = 3.0;

  // Documents holding each entity's mentions (by position in corpus.entities), and those with
  // quotes or amounts, in increasing order.
  const std::vector<DocumentId>& documents_of_entity(std::size_t entity) const { return entity_documents_[entity]; }
  const std::vector<DocumentId>& documents_with_quotes() const { return documents_with_quotes_; }
  const std::vector<DocumentId>& documents_with_money() const { return documents_with_money_; }

  // Bytes held by the index (vocabulary, postings, tokens), for the benchmark.
  std::size_t memory_bytes() const;

 private:
  friend class IndexDecoder;
  friend class IndexBuilder;
  class Vocabulary;  // the folded forms' ids while the text is read (index.cpp)
  struct TextRead;    // the tokens and sentences of a run of documents (index.cpp)

  void index_text(const Corpus& corpus, unsigned threads);
  static void read_documents(const Corpus& corpus, std::size_t first, std::size_t last, Vocabulary& vocabulary, TextRead& text);
  void index_tokens(TextRead text);  // postings, stems and order, from every document's tokens
  void remember_stored_lengths(const Corpus& corpus);
  void index_records(const Corpus& corpus);  // entities, quotes, amounts; the average length

  std::vector<std::string> terms_;
  std::vector<std::string> stems_;  // in alphabetical order: a stem's id is its place
  std::vector<StemId> stem_of_term_;
  // The forms of each stem, stem after stem: stem s's are [stem_form_starts_[s], stem_form_starts_[s + 1]).
  std::vector<std::size_t> stem_form_starts_{0};
  std::vector<TermId> stem_forms_;
  void group_forms_by_stem();
  std::vector<TermId> terms_in_order_;  // also how a form is found (binary search)
  // Postings, term after term in one set of arrays (no allocation per term): term t's entries
  // (one per document it occurs in) are [entry_starts_[t], entry_starts_[t + 1]), its positions
  // [position_starts_[t], position_starts_[t + 1]); an entry's position start counts from its term's.
  std::vector<std::size_t> entry_starts_{0};
  std::vector<std::size_t> position_starts_{0};
  std::vector<DocumentId> entry_documents_;
  std::vector<std::uint32_t> entry_title_counts_;
  std::vector<std::uint32_t> entry_body_counts_;
  std::vector<std::uint32_t> entry_position_starts_;
  std::vector<std::uint32_t> positions_;
  // Tokens, document after document: document d's title is [token_starts_[2d], token_starts_[2d + 1]),
  // its text [token_starts_[2d + 1], token_starts_[2d + 2]); its sentences [sentence_starts_[d],
  // sentence_starts_[d + 1]).
  std::vector<IndexedToken> tokens_;
  std::vector<std::size_t> token_starts_{0};
  std::vector<text::Sentence> sentences_;
  std::vector<std::size_t> sentence_starts_{0};
  std::vector<std::vector<DocumentId>> entity_documents_;
  std::vector<DocumentId> documents_with_quotes_;
  std::vector<DocumentId> documents_with_money_;
  double average_weighted_length_ = 0.0;
  // Of a decoded index: the lengths of the titles and texts it was checked against.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stored_lengths_;
};

// Indexes a corpus's text a few documents at a time, for a caller that draws frames between the
// steps (the page opening a reader's files): finish() gives Index::of_text_to_store's index, byte
// for byte, to be set as corpus.stored_index. The corpus must outlive the builder, unchanged.
class IndexBuilder {
 public:
  explicit IndexBuilder(const Corpus& corpus);
  ~IndexBuilder();
  IndexBuilder(const IndexBuilder&) = delete;
  IndexBuilder& operator=(const IndexBuilder&) = delete;
  // Reads the text of up to `count` more documents (at least one); returns how many are read.
  std::size_t read_next(std::size_t count);
  std::size_t documents_read() const;
  // Reads what is left, then counts the postings. Once only.
  Index finish();

 private:
  struct State;  // (index.cpp)
  std::unique_ptr<State> state_;
};

// Decodes a stored index while its bytes arrive (a download): `bytes` is the encoding's buffer,
// of its full size, filled from the start. decode_arrived(n) decodes every part whose bytes are
// among the first n (the vocabulary, then term after term, then document after document; a part
// that runs past them is undone and decoded again later) and is false once one is refused;
// finish() decodes the rest, with decode()'s result and message (Index::decode is finish() alone).
class IndexReader;  // (index.cpp)

class IndexDecoder {
 public:
  IndexDecoder(std::string_view bytes, const Corpus& corpus);
  ~IndexDecoder();
  bool decode_arrived(std::size_t arrived);
  std::optional<Index> finish(std::string& error);

 private:
  enum class Part { Vocabulary, Postings, DocumentTotals, Documents, End };
  // The index's arrays' sizes before a part, to undo it when its bytes are not all in.
  struct Sizes {
    std::size_t entries, positions, tokens, token_starts, sentences, sentence_starts, stored_lengths;
  };
  void decode_parts(std::size_t arrived, bool final);
  Sizes sizes() const;
  void undo(const Sizes& before);
  bool decode_vocabulary(IndexReader& reader);
  bool decode_postings(IndexReader& reader);  // the next term's
  bool decode_document_totals(IndexReader& reader);
  bool decode_document(IndexReader& reader, std::size_t document);
  void check_end();
  bool refuse(std::string message);

  std::string_view bytes_;
  const Corpus& corpus_;
  Index index_;
  Part part_ = Part::Vocabulary;
  std::size_t next_ = 0;    // the term or document decoded next
  std::size_t offset_ = 0;  // where the next part begins
  std::size_t retry_at_ = 0;  // a part that ran out is tried again once this many bytes are in
  std::size_t total_entries_ = 0;
  std::size_t total_positions_ = 0;
  std::size_t total_tokens_ = 0;
  std::size_t total_sentences_ = 0;
  std::string error_;
};

}  // namespace loupe::search
