// The positional inverted index (see index.h).
//
// [SECTION] Building from the text
// [SECTION] The stored index (its layout, the reader of its numbers, encoding)
// [SECTION] Decoding, whole or while the bytes arrive (IndexDecoder)
// [SECTION] Lookups
#include "core/search/index.h"

#include <algorithm>
#include <cassert>
#include <unordered_map>

#include "core/hash_slots.h"
#include "core/parallel.h"
#include "core/text/stemmer.h"
#include "core/text/tokenizer.h"
#include "core/text/unicode.h"

namespace loupe::search {

// [SECTION] Building from the text ------------------------------------------------------------------

// The vocabulary while the index is built: each folded form's term id, given in order of first use
// (HashSlots: every token is looked up here).
class Index::Vocabulary {
 public:
  // Fills `terms`, which starts empty.
  explicit Vocabulary(std::vector<std::string>& terms) : terms_(terms) { assert(terms_.empty()); }

  // Appends the tokens of one field of a document, each with its term.
  void add_field(std::string_view text, std::vector<IndexedToken>& tokens) {
    for (const text::Token& raw : text::tokenize(text)) {
      text::fold_for_matching_into(text.substr(raw.start, raw.end - raw.start), folded_);
      if (folded_.empty()) continue;
      tokens.push_back({raw.start, raw.end, intern(folded_)});
    }
  }

  TermId intern(const std::string& folded) {
    return slots_.find_or_add(
        std::hash<std::string_view>{}(folded), [&](TermId id) { return terms_[id] == folded; }, [&] { terms_.push_back(folded); });
  }

 private:
  std::vector<std::string>& terms_;
  HashSlots slots_;
  std::string folded_;  // the word being looked up, kept to reuse its memory
};

// The tokens and sentences of a run of documents, one after the other as the index keeps them
// (starts counted from the run's beginning), with terms numbered in the run's vocabulary.
struct Index::TextRead {
  std::vector<IndexedToken> tokens;
  std::vector<std::size_t> token_ends;  // per document: where its title's tokens end, then its text's
  std::vector<text::Sentence> sentences;
  std::vector<std::size_t> sentence_ends;
};

void Index::read_documents(const Corpus& corpus, std::size_t first, std::size_t last, Vocabulary& vocabulary, TextRead& text) {
  // Room for the tokens made once, rather than doubled and copied as they come: news text has a
  // word every 6 to 7 bytes, and room for one every 5 covers denser text too (more room is made as
  // usual past that).
  std::size_t bytes = 0;
  for (std::size_t d = first; d < last; ++d) bytes += corpus.documents[d].title.size() + corpus.documents[d].text.size();
  const std::size_t tokens_expected = text.tokens.size() + bytes / 5;
  if (tokens_expected > text.tokens.capacity()) text.tokens.reserve(std::max(tokens_expected, 2 * text.tokens.capacity()));
  for (std::size_t d = first; d < last; ++d) {
    const Document& document = corpus.documents[d];
    vocabulary.add_field(document.title, text.tokens);
    text.token_ends.push_back(text.tokens.size());
    vocabulary.add_field(document.text, text.tokens);
    text.token_ends.push_back(text.tokens.size());
    for (const text::Sentence& sentence : text::split_sentences(document.text)) text.sentences.push_back(sentence);
    text.sentence_ends.push_back(text.sentences.size());
  }
}

Index Index::build(const Corpus& corpus, unsigned threads) {
  Index index;
  if (corpus.stored_index && corpus.stored_index->stored_for(corpus)) {
    index = std::move(*corpus.stored_index);
    *corpus.stored_index = Index();  // taken: a copy of the corpus sharing it indexes its text
    index.stored_lengths_.clear();
  } else {
    index.index_text(corpus, threads);
  }
  index.index_records(corpus);
  return index;
}

Index Index::build_from_text(const Corpus& corpus, unsigned threads) {
  Index index;
  index.index_text(corpus, threads);
  index.index_records(corpus);
  return index;
}

Index Index::of_text_to_store(const Corpus& corpus, unsigned threads) {
  Index index;
  index.index_text(corpus, threads);
  index.remember_stored_lengths(corpus);
  return index;
}

void Index::remember_stored_lengths(const Corpus& corpus) {
  stored_lengths_.reserve(corpus.documents.size());
  for (const Document& document : corpus.documents) {
    stored_lengths_.emplace_back(static_cast<std::uint32_t>(document.title.size()), static_cast<std::uint32_t>(document.text.size()));
  }
}

struct IndexBuilder::State {
  explicit State(const Corpus& of) : corpus(of) {}
  const Corpus& corpus;
  Index index;
  Index::Vocabulary vocabulary{index.terms_};
  Index::TextRead text;
  std::size_t documents_read = 0;
  bool finished = false;
};

IndexBuilder::IndexBuilder(const Corpus& corpus) : state_(std::make_unique<State>(corpus)) {}
IndexBuilder::~IndexBuilder() = default;

std::size_t IndexBuilder::read_next(std::size_t count) {
  State& state = *state_;
  const std::size_t last = std::min(state.corpus.documents.size(), state.documents_read + std::max<std::size_t>(count, 1));
  if (!state.finished) Index::read_documents(state.corpus, state.documents_read, last, state.vocabulary, state.text);
  state.documents_read = last;
  return last;
}

std::size_t IndexBuilder::documents_read() const { return state_->documents_read; }

Index IndexBuilder::finish() {
  State& state = *state_;
  if (state.finished) return Index();
  read_next(state.corpus.documents.size());
  state.finished = true;
  state.index.index_tokens(std::move(state.text));
  state.index.remember_stored_lengths(state.corpus);
  return std::move(state.index);
}

void Index::index_text(const Corpus& corpus, unsigned threads) {
  // Every document's tokens, with their terms, and its sentences. On several threads, runs of
  // documents are read each with a vocabulary of its own; the runs' terms, taken in order, then
  // get the ids one pass would have given them (in order of first use).
  const std::size_t document_count = corpus.documents.size();
  const std::size_t run_count = threads > 1 ? std::min<std::size_t>(document_count, std::size_t{threads} * 8) : 1;
  TextRead text;
  if (run_count <= 1) {
    Vocabulary vocabulary(terms_);
    read_documents(corpus, 0, document_count, vocabulary, text);
  } else {
    std::vector<std::vector<std::string>> run_terms(run_count);
    std::vector<TextRead> runs(run_count);
    for_each_index(run_count, threads, [&](std::size_t run) {
      Vocabulary vocabulary(run_terms[run]);
      read_documents(corpus, run * document_count / run_count, (run + 1) * document_count / run_count, vocabulary, runs[run]);
    });
    // The runs' terms get their ids in order; then each run's tokens are renumbered into their
    // place, on every thread.
    Vocabulary vocabulary(terms_);
    std::vector<std::vector<TermId>> term_of_run_term(run_count);
    std::vector<std::size_t> token_bases(run_count + 1, 0);
    for (std::size_t run = 0; run < run_count; ++run) {
      for (const std::string& term : run_terms[run]) term_of_run_term[run].push_back(vocabulary.intern(term));
      run_terms[run] = std::vector<std::string>();
      token_bases[run + 1] = token_bases[run] + runs[run].tokens.size();
      for (const std::size_t end : runs[run].token_ends) text.token_ends.push_back(token_bases[run] + end);
      const std::size_t sentence_base = text.sentences.size();
      text.sentences.insert(text.sentences.end(), runs[run].sentences.begin(), runs[run].sentences.end());
      for (const std::size_t end : runs[run].sentence_ends) text.sentence_ends.push_back(sentence_base + end);
    }
    text.tokens.resize(token_bases[run_count]);
    for_each_index(run_count, threads, [&](std::size_t run) {
      IndexedToken* out = text.tokens.data() + token_bases[run];
      for (const IndexedToken& token : runs[run].tokens) *out++ = {token.start, token.end, term_of_run_term[run][token.term]};
      runs[run] = TextRead();
    });
  }
  index_tokens(std::move(text));
}

void Index::index_tokens(TextRead text) {
  tokens_ = std::move(text.tokens);
  token_starts_.insert(token_starts_.end(), text.token_ends.begin(), text.token_ends.end());
  sentences_ = std::move(text.sentences);
  sentence_starts_.insert(sentence_starts_.end(), text.sentence_ends.begin(), text.sentence_ends.end());
  const std::size_t document_count = sentence_starts_.size() - 1;

  // The postings, by counting (no list per term): each term's share of the positions, then each
  // token's position put in its term's next place, document after document. A document's title
  // takes positions 0, 1, ...; its text follows after a gap of one.
  position_starts_.assign(terms_.size() + 1, 0);
  for (const IndexedToken& token : tokens_) ++position_starts_[token.term + 1];
  for (std::size_t term = 0; term < terms_.size(); ++term) position_starts_[term + 1] += position_starts_[term];
  positions_.resize(tokens_.size());
  std::vector<DocumentId> position_documents(tokens_.size());
  std::vector<std::size_t> next_place(position_starts_.begin(), position_starts_.end() - 1);
  for (std::size_t document = 0; document < document_count; ++document) {
    const std::size_t title_start = token_starts_[2 * document];
    const std::size_t text_start = token_starts_[2 * document + 1];
    for (std::size_t token = title_start; token < token_starts_[2 * document + 2]; ++token) {
      const std::size_t place = next_place[tokens_[token].term]++;
      const bool in_title = token < text_start;
      positions_[place] = static_cast<std::uint32_t>(token - title_start + (in_title ? 0 : 1));
      position_documents[place] = static_cast<DocumentId>(document);
    }
  }
  // One entry per term and document it occurs in (counted first, so that each list's room is made once).
  const auto starts_entry = [&](std::size_t term_first, std::size_t place) {
    return place == term_first || position_documents[place] != position_documents[place - 1];
  };
  std::size_t entry_count = 0;
  for (std::size_t term = 0; term < terms_.size(); ++term) {
    const std::size_t first = position_starts_[term];
    for (std::size_t place = first; place < position_starts_[term + 1]; ++place) entry_count += starts_entry(first, place) ? 1 : 0;
  }
  entry_documents_.reserve(entry_count);
  entry_title_counts_.reserve(entry_count);
  entry_body_counts_.reserve(entry_count);
  entry_position_starts_.reserve(entry_count);
  entry_starts_.reserve(terms_.size() + 1);
  for (std::size_t term = 0; term < terms_.size(); ++term) {
    const std::size_t first = position_starts_[term];
    for (std::size_t place = first; place < position_starts_[term + 1]; ++place) {
      if (starts_entry(first, place)) {
        entry_documents_.push_back(position_documents[place]);
        entry_title_counts_.push_back(0);
        entry_body_counts_.push_back(0);
        entry_position_starts_.push_back(static_cast<std::uint32_t>(place - first));
      }
      // A position in the title is below the title's token count (the text's come after a gap).
      const DocumentId document = position_documents[place];
      const bool in_title = positions_[place] < token_starts_[2 * document + 1] - token_starts_[2 * document];
      ++(in_title ? entry_title_counts_ : entry_body_counts_).back();
    }
    entry_starts_.push_back(entry_documents_.size());
  }

  // Stems, once per distinct form, numbered in alphabetical order.
  text::Stemmer stemmer;
  std::unordered_map<std::string, StemId> first_numbers;
  stem_of_term_.resize(terms_.size());
  for (TermId term = 0; term < terms_.size(); ++term) {
    auto [found, inserted] = first_numbers.try_emplace(stemmer.stem(terms_[term]), static_cast<StemId>(stems_.size()));
    if (inserted) stems_.push_back(found->first);
    stem_of_term_[term] = found->second;
  }
  std::vector<StemId> order(stems_.size());
  for (StemId stem = 0; stem < order.size(); ++stem) order[stem] = stem;
  std::sort(order.begin(), order.end(), [&](StemId a, StemId b) { return stems_[a] < stems_[b]; });
  std::vector<StemId> place(stems_.size());
  std::vector<std::string> sorted(stems_.size());
  for (StemId at = 0; at < order.size(); ++at) {
    place[order[at]] = at;
    sorted[at] = std::move(stems_[order[at]]);
  }
  stems_ = std::move(sorted);
  for (StemId& stem : stem_of_term_) stem = place[stem];
  group_forms_by_stem();

  terms_in_order_.resize(terms_.size());
  for (TermId term = 0; term < terms_.size(); ++term) terms_in_order_[term] = term;
  std::sort(terms_in_order_.begin(), terms_in_order_.end(), [&](TermId a, TermId b) { return terms_[a] < terms_[b]; });
}

// The forms of each stem, in the order of their ids, from stem_of_term_.
void Index::group_forms_by_stem() {
  stem_form_starts_.assign(stems_.size() + 1, 0);
  for (const StemId stem : stem_of_term_) ++stem_form_starts_[stem + 1];
  for (std::size_t s = 0; s < stems_.size(); ++s) stem_form_starts_[s + 1] += stem_form_starts_[s];
  stem_forms_.resize(stem_of_term_.size());
  std::vector<std::size_t> next(stem_form_starts_.begin(), stem_form_starts_.end() - 1);
  for (TermId term = 0; term < stem_of_term_.size(); ++term) stem_forms_[next[stem_of_term_[term]]++] = term;
}

void Index::index_records(const Corpus& corpus) {
  double total_length = 0.0;
  for (DocumentId document = 0; document < document_count(); ++document) total_length += weighted_length(document);
  average_weighted_length_ = corpus.documents.empty() ? 1.0 : std::max(1.0, total_length / static_cast<double>(corpus.documents.size()));

  // Which documents hold each entity, quote and amount.
  auto sorted_unique = [](std::vector<DocumentId> documents) {
    std::sort(documents.begin(), documents.end());
    documents.erase(std::unique(documents.begin(), documents.end()), documents.end());
    return documents;
  };
  entity_documents_.clear();
  for (const EntityRecord& entity : corpus.entities) {
    std::vector<DocumentId> documents;
    for (const TextSpan& mention : entity.mentions) documents.push_back(static_cast<DocumentId>(mention.document));
    entity_documents_.push_back(sorted_unique(std::move(documents)));
  }
  std::vector<DocumentId> with_quotes;
  for (const QuoteRecord& quote : corpus.quotes) with_quotes.push_back(static_cast<DocumentId>(quote.span.document));
  documents_with_quotes_ = sorted_unique(std::move(with_quotes));
  std::vector<DocumentId> with_money;
  for (const AmountRecord& amount : corpus.amounts) with_money.push_back(static_cast<DocumentId>(amount.span.document));
  documents_with_money_ = sorted_unique(std::move(with_money));
}

// [SECTION] The stored index ------------------------------------------------------------------------
// Layout (every number LEB128; "delta" means the difference from the one before, or from 0):
//   terms:      count, then per term: byte length, UTF-8 bytes (folded forms, in id order)
//   stems:      count, then per stem: byte length, bytes; then per term: its stem's id
//   order:      per term: the id of the term at that place in alphabetical order
//   postings:   entries (one per term and document it occurs in) and positions in all, then per
//               term: documents, positions (in all), then per document: delta of its id (> 0
//               after the first), title count, text count, then that many positions, each a delta
//               (> 0 after the first)
//   documents:  tokens and sentences in all, then per document: title tokens, then per token:
//               2 x (start delta from the previous token's end) + 1 if its length is not its
//               term's, term, and that length only then; the same for the text; sentences, then
//               per sentence: start delta from the previous one's end, length
// Reads the stored index's numbers. No exceptions on this path: the page's WebAssembly handles C++
// exceptions through JavaScript, and a call that may throw inside a try block cost as much as the
// decoding itself. The first problem is kept, every read after it gives 0 (so loops end), and the
// caller checks failed() before trusting what it read.
// While the bytes arrive, the reader is given those in (`arrived`, a prefix of all `length` bytes):
// a read past them "runs out" (ran_out()), which says to wait for more rather than that the index
// is bad; counts are checked against all the bytes.
class IndexReader {
 public:
  explicit IndexReader(std::string_view bytes) noexcept : IndexReader(bytes, bytes.size()) {}
  IndexReader(std::string_view arrived, std::size_t length) noexcept
      : begin_(reinterpret_cast<const unsigned char*>(arrived.data())), at_(begin_), end_(begin_ + arrived.size()),
        limit_(begin_ + std::max(length, arrived.size())) {}

  std::uint64_t number(const char* what) noexcept {
    // Most numbers take one or two bytes (a term id takes two): those are read inline.
    if (end_ - at_ >= 2) [[likely]] {
      const unsigned first = at_[0];
      if (first < 0x80) {
        ++at_;
        return first;
      }
      const unsigned second = at_[1];
      if (second < 0x80) {
        at_ += 2;
        return (first & 0x7Fu) | (second << 7);
      }
    } else if (at_ != end_ && *at_ < 0x80) {
      return *at_++;
    }
    return longer_number(what);
  }
  [[gnu::noinline]] std::uint64_t longer_number(const char* what) noexcept {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (at_ == end_) return run_out(what);
      const unsigned char byte = *at_++;
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    return fail(what, "a number longer than 64 bits");
  }
  // A number that must stay below a limit.
  std::uint32_t below(std::uint64_t limit, const char* what) noexcept {
    const std::uint64_t value = number(what);
    if (value >= limit) return static_cast<std::uint32_t>(fail(what, "a number out of range"));
    return static_cast<std::uint32_t>(value);
  }
  // A count of items that take at least one byte each: never more than the bytes left.
  std::size_t count(const char* what) noexcept {
    const std::uint64_t value = number(what);
    if (value > static_cast<std::uint64_t>(limit_ - at_)) return static_cast<std::size_t>(fail(what, "more items than bytes left"));
    return static_cast<std::size_t>(value);
  }
  std::string text(const char* what) {
    const std::size_t length = count(what);
    if (length > static_cast<std::size_t>(end_ - at_)) {
      run_out(what);
      return {};
    }
    std::string value(reinterpret_cast<const char*>(at_), length);
    at_ += length;
    return value;
  }
  // Records a problem found by the caller (the first one counts); returns 0.
  std::uint64_t fail(const char* what, const char* problem) noexcept {
    if (!what_) {
      what_ = what;
      problem_ = problem;
    }
    at_ = end_;
    return 0;
  }
  bool failed() const noexcept { return what_ != nullptr; }
  // Whether the first problem was reading past the bytes arrived so far.
  bool ran_out() const noexcept { return ran_out_; }
  std::string message() const { return std::string(what_) + ": " + problem_; }
  std::size_t used() const noexcept { return static_cast<std::size_t>(at_ - begin_); }

 private:
  std::uint64_t run_out(const char* what) noexcept {
    if (!what_ && end_ != limit_) ran_out_ = true;
    return fail(what, "the index ends early");
  }

  const unsigned char* begin_;
  const unsigned char* at_;
  const unsigned char* end_;
  const unsigned char* limit_;
  bool ran_out_ = false;
  const char* what_ = nullptr;
  const char* problem_ = nullptr;
};

namespace {

// Numbers as LEB128 bytes, written into a buffer grown ahead (a byte at a time through
// std::string::push_back is ten times slower in WebAssembly). Its room is made once for the
// size expected; within it the buffer grows a step at a time (growing writes every byte it adds),
// past it by doubling.
class NumberWriter {
 public:
  explicit NumberWriter(std::size_t expected_size) { bytes_.reserve(expected_size); }
  void number(std::uint64_t value) {
    char* out = room_for(10);
    while (value >= 0x80) {
      *out++ = static_cast<char>((value & 0x7F) | 0x80);
      value >>= 7;
    }
    *out++ = static_cast<char>(value);
    size_ = static_cast<std::size_t>(out - bytes_.data());
  }
  void text(std::string_view text) {
    std::copy(text.begin(), text.end(), room_for(text.size()));
    size_ += text.size();
  }
  std::string finish() {
    bytes_.resize(size_);
    return std::move(bytes_);
  }

 private:
  char* room_for(std::size_t count) {
    if (size_ + count > bytes_.size()) {
      constexpr std::size_t kStep = 64 * 1024;
      const std::size_t wanted = size_ + count + kStep;
      bytes_.resize(wanted <= bytes_.capacity() ? wanted : std::max(2 * bytes_.size(), wanted));
    }
    return bytes_.data() + size_;
  }
  std::string bytes_;
  std::size_t size_ = 0;
};

// Sentences of one field: start delta from the previous end, length; checked to lie in order
// inside a field of `length` bytes.
template <typename Add>
void read_spans(IndexReader& reader, std::uint32_t length, const char* what, Add&& add) {
  const std::size_t count = reader.count(what);
  std::uint64_t previous_end = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint64_t gap = reader.number(what);
    const std::uint64_t size = reader.number(what);
    const std::uint64_t start = previous_end + std::min<std::uint64_t>(gap, length + 1ULL);  // no wrapping around
    const std::uint64_t end = start + std::min<std::uint64_t>(size, length + 1ULL);
    if (start > length || end > length) {
      reader.fail(what, "a span outside its text");
      return;
    }
    add(static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end));
    previous_end = end;
  }
}

// Tokens of one field: each one's gap from the previous end (with a flag: its length given, not
// its term's), its term, and its length when flagged; checked like read_spans' spans, and to stay
// within the `total` reserved.
void read_tokens(IndexReader& reader, std::uint32_t length, const std::vector<std::string>& terms, std::size_t total,
                 std::vector<IndexedToken>& tokens) {
  const std::size_t count = reader.count("tokens");
  const std::size_t first = tokens.size();
  if (count > total - first) {
    reader.fail("tokens", "more than the total of all documents");
    return;
  }
  tokens.resize(first + count);
  IndexedToken* const out = tokens.data() + first;
  std::uint64_t previous_end = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint64_t gap_and_flag = reader.number("tokens");
    const std::uint32_t term = reader.below(terms.size(), "the term of a token");
    const std::uint64_t size = (gap_and_flag & 1) != 0 ? reader.number("tokens") : term < terms.size() ? terms[term].size() : 0;
    const std::uint64_t start = previous_end + std::min<std::uint64_t>(gap_and_flag >> 1, length + 1ULL);  // no wrapping around
    const std::uint64_t end = start + std::min<std::uint64_t>(size, length + 1ULL);
    if (start > length || end > length) {
      reader.fail("tokens", "a span outside its text");
      tokens.resize(first + i);
      return;
    }
    out[i] = {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end), term};
    previous_end = end;
  }
}

}  // namespace

std::string Index::encode() const {
  // About what it takes, a little more (from the seeds, the BBC articles and the scale corpus:
  // 6 to 13 bytes a token, most of them the tokens' and positions' numbers): room made once
  // instead of doubling (and copying) up to twice the size.
  std::size_t term_bytes = 0;
  for (const std::string& term : terms_) term_bytes += term.size();
  NumberWriter out(2 * term_bytes + 8 * (terms_.size() + stems_.size()) + 7 * tokens_.size() + 3 * sentences_.size() + 16 * document_count());
  out.number(terms_.size());
  for (const std::string& term : terms_) {
    out.number(term.size());
    out.text(term);
  }
  out.number(stems_.size());
  for (const std::string& stem : stems_) {
    out.number(stem.size());
    out.text(stem);
  }
  for (const StemId stem : stem_of_term_) out.number(stem);
  for (const TermId term : terms_in_order_) out.number(term);
  out.number(entry_documents_.size());
  out.number(positions_.size());
  for (TermId term = 0; term < terms_.size(); ++term) {
    const Postings list = postings(term);
    out.number(list.documents.size());
    out.number(list.positions.size());
    for (std::size_t i = 0; i < list.documents.size(); ++i) {
      out.number(list.documents[i] - (i == 0 ? 0 : list.documents[i - 1]));
      out.number(list.title_counts[i]);
      out.number(list.body_counts[i]);
      const std::uint32_t begin = list.position_starts[i];
      const std::uint32_t end = i + 1 < list.documents.size() ? list.position_starts[i + 1] : static_cast<std::uint32_t>(list.positions.size());
      for (std::uint32_t p = begin; p < end; ++p) out.number(list.positions[p] - (p == begin ? 0 : list.positions[p - 1]));
    }
  }
  out.number(tokens_.size());
  out.number(sentences_.size());
  for (DocumentId document = 0; document < document_count(); ++document) {
    const DocumentTokens tokens = this->tokens(document);
    for (const std::span<const IndexedToken> field : {tokens.title, tokens.body}) {
      out.number(field.size());
      std::uint32_t previous_end = 0;
      for (const IndexedToken& token : field) {
        // The gap, with a flag when the token's length is not its term's (rare: folding changed it).
        const std::uint32_t length = token.end - token.start;
        const bool length_of_term = length == terms_[token.term].size();
        out.number((std::uint64_t{token.start - previous_end} << 1) | (length_of_term ? 0 : 1));
        out.number(token.term);
        if (!length_of_term) out.number(length);
        previous_end = token.end;
      }
    }
    out.number(tokens.sentences.size());
    std::uint32_t previous_end = 0;
    for (const text::Sentence& sentence : tokens.sentences) {
      out.number(sentence.start - previous_end);
      out.number(sentence.end - sentence.start);
      previous_end = sentence.end;
    }
  }
  return out.finish();
}

// [SECTION] Decoding, whole or while the bytes arrive -------------------------------------------------
IndexDecoder::IndexDecoder(std::string_view bytes, const Corpus& corpus) : bytes_(bytes), corpus_(corpus) {}
IndexDecoder::~IndexDecoder() = default;

std::optional<Index> Index::decode(std::string_view bytes, const Corpus& corpus, std::string& error) {
  IndexDecoder decoder(bytes, corpus);
  return decoder.finish(error);
}

bool IndexDecoder::decode_arrived(std::size_t arrived) {
  decode_parts(std::min(arrived, bytes_.size()), /*final=*/false);
  return error_.empty();
}

std::optional<Index> IndexDecoder::finish(std::string& error) {
  decode_parts(bytes_.size(), /*final=*/true);
  if (!error_.empty()) {
    error = "index: " + error_;
    return std::nullopt;
  }
  return std::move(index_);
}

// Decodes part after part from the first `arrived` bytes; a part that runs past them is undone,
// to be decoded again once more bytes are in. `final`: all bytes are in.
void IndexDecoder::decode_parts(std::size_t arrived, bool final) {
  while (error_.empty() && part_ != Part::End) {
    if (!final && arrived < retry_at_) return;
    IndexReader reader(bytes_.substr(offset_, arrived - offset_), bytes_.size() - offset_);
    const Sizes before = sizes();
    bool decoded = false;
    Part next_part = part_;
    std::size_t next = next_;
    switch (part_) {
      case Part::Vocabulary:
        decoded = decode_vocabulary(reader);
        next_part = index_.terms_.empty() ? Part::DocumentTotals : Part::Postings;
        break;
      case Part::Postings:
        decoded = decode_postings(reader);
        if (++next == index_.terms_.size()) next_part = Part::DocumentTotals;
        break;
      case Part::DocumentTotals:
        decoded = decode_document_totals(reader);
        next = 0;
        next_part = corpus_.documents.empty() ? Part::End : Part::Documents;
        break;
      case Part::Documents:
        decoded = decode_document(reader, next_);
        if (++next == corpus_.documents.size()) next_part = Part::End;
        break;
      case Part::End:
        break;
    }
    if (reader.ran_out()) {  // not all in yet: undone, and decoded again once twice the bytes are in
      undo(before);
      error_.clear();
      retry_at_ = offset_ + 2 * (arrived - offset_) + 1;
      return;
    }
    if (!decoded || reader.failed()) {
      if (error_.empty()) error_ = reader.message();
      return;
    }
    part_ = next_part;
    next_ = next;
    offset_ += reader.used();
  }
  if (error_.empty() && part_ == Part::End && final) check_end();
}

IndexDecoder::Sizes IndexDecoder::sizes() const {
  return {index_.entry_documents_.size(), index_.positions_.size(), index_.tokens_.size(), index_.token_starts_.size(), index_.sentences_.size(),
          index_.sentence_starts_.size(), index_.stored_lengths_.size()};
}

void IndexDecoder::undo(const Sizes& before) {
  if (part_ == Part::Vocabulary) {
    index_ = Index();
    return;
  }
  index_.entry_documents_.resize(before.entries);
  index_.entry_title_counts_.resize(before.entries);
  index_.entry_body_counts_.resize(before.entries);
  index_.entry_position_starts_.resize(before.entries);
  index_.positions_.resize(before.positions);
  index_.tokens_.resize(before.tokens);
  index_.token_starts_.resize(before.token_starts);
  index_.sentences_.resize(before.sentences);
  index_.sentence_starts_.resize(before.sentence_starts);
  index_.stored_lengths_.resize(before.stored_lengths);
}

bool IndexDecoder::refuse(std::string message) {
  error_ = std::move(message);
  return false;
}

bool IndexDecoder::decode_vocabulary(IndexReader& reader) {
  Index& index = index_;
  const std::size_t term_count = reader.count("terms");
  index.terms_.reserve(term_count);
  for (std::size_t t = 0; t < term_count && !reader.failed(); ++t) {
    std::string term = reader.text("terms");
    if (reader.failed()) break;
    if (term.empty() || !text::is_valid_utf8(term)) return refuse("terms: an empty term or one not valid UTF-8");
    index.terms_.push_back(std::move(term));
  }
  const std::size_t stem_count = reader.count("stems");
  index.stems_.reserve(stem_count);
  for (std::size_t s = 0; s < stem_count && !reader.failed(); ++s) {
    std::string stem = reader.text("stems");
    if (reader.failed()) break;
    if (s > 0 && !(index.stems_.back() < stem)) return refuse("stems: not in alphabetical order, or a stem twice");
    index.stems_.push_back(std::move(stem));
  }
  if (reader.failed()) return false;
  index.stem_of_term_.resize(term_count);
  for (TermId t = 0; t < term_count; ++t) {
    index.stem_of_term_[t] = reader.below(stem_count, "the stem of a term");
    if (reader.failed()) return false;
  }
  index.group_forms_by_stem();
  index.terms_in_order_.resize(term_count);
  std::vector<bool> placed(term_count, false);
  for (std::size_t place = 0; place < term_count; ++place) {
    const TermId term = reader.below(term_count, "term order");
    if (reader.failed()) return false;
    if (placed[term]) return refuse("term order: a term twice");
    placed[term] = true;
    index.terms_in_order_[place] = term;
    // (strictly: no term twice in the vocabulary)
    if (place > 0 && !(index.terms_[index.terms_in_order_[place - 1]] < index.terms_[term])) {
      return refuse(index.terms_[index.terms_in_order_[place - 1]] == index.terms_[term] ? "terms: \"" + index.terms_[term] + "\" twice"
                                                                                        : "term order: not alphabetical");
    }
  }
  // The flat arrays, reserved for the stored totals (each item takes a byte at least: a total
  // cannot ask for more than the bytes left) and checked against them at the end.
  total_entries_ = reader.count("postings: entries in all");
  total_positions_ = reader.count("postings: positions in all");
  if (reader.failed()) return false;
  index.entry_starts_.reserve(term_count + 1);
  index.position_starts_.reserve(term_count + 1);
  index.entry_documents_.reserve(total_entries_);
  index.entry_title_counts_.reserve(total_entries_);
  index.entry_body_counts_.reserve(total_entries_);
  index.entry_position_starts_.reserve(total_entries_);
  index.positions_.reserve(total_positions_);
  return true;
}

bool IndexDecoder::decode_postings(IndexReader& reader) {
  Index& index = index_;
  const std::uint64_t document_count = corpus_.documents.size();
  const std::size_t entries = reader.count("postings");
  const std::size_t positions = reader.count("postings");
  if (reader.failed()) return false;
  if (positions > 0xFFFFFFFFu) return refuse("positions: past 2^32");
  // The list's room is made at once, within the totals reserved, then filled in place.
  const std::size_t first_entry = index.entry_documents_.size();
  const std::size_t first_position = index.positions_.size();
  if (entries > total_entries_ - first_entry || positions > total_positions_ - first_position) {
    return refuse("postings: the totals do not match the lists");
  }
  index.entry_documents_.resize(first_entry + entries);
  index.entry_title_counts_.resize(first_entry + entries);
  index.entry_body_counts_.resize(first_entry + entries);
  index.entry_position_starts_.resize(first_entry + entries);
  index.positions_.resize(first_position + positions);
  std::uint32_t* const list_positions = index.positions_.data() + first_position;
  std::size_t filled = 0;  // positions of the list read so far
  std::uint64_t document = 0;
  for (std::size_t e = 0; e < entries; ++e) {
    const std::uint64_t delta = reader.number("postings");
    const std::size_t title_count = reader.count("postings");
    const std::size_t body_count = reader.count("postings");
    if (reader.failed()) return false;
    if (e > 0 && delta == 0) return refuse("postings: a document twice in one list");
    if (delta >= document_count || document + delta >= document_count) {
      return refuse("postings: no document number " + std::to_string(document) + " + " + std::to_string(delta));
    }
    document += delta;
    const std::size_t occurrences = title_count + body_count;
    if (occurrences == 0) return refuse("postings: an entry with no occurrence");
    if (occurrences > positions - filled) return refuse("postings: a list's positions miscounted");
    index.entry_documents_[first_entry + e] = static_cast<DocumentId>(document);
    index.entry_title_counts_[first_entry + e] = static_cast<std::uint32_t>(title_count);
    index.entry_body_counts_[first_entry + e] = static_cast<std::uint32_t>(body_count);
    index.entry_position_starts_[first_entry + e] = static_cast<std::uint32_t>(filled);
    std::uint64_t position = 0;
    bool ordered = true;
    for (std::size_t p = 0; p < occurrences; ++p) {
      const std::uint64_t step = reader.number("positions");
      ordered = ordered && (p == 0 || step > 0) && step <= 0xFFFFFFFFu;  // (and no wrapping around)
      position += step & 0xFFFFFFFFu;
      list_positions[filled + p] = static_cast<std::uint32_t>(position);
    }
    filled += occurrences;
    if (reader.failed()) return false;
    if (!ordered) return refuse("positions: a position twice");
    if (position > 0xFFFFFFFFu) return refuse("positions: past 2^32");
  }
  if (reader.failed()) return false;
  if (filled != positions) return refuse("postings: a list's positions miscounted");
  index.entry_starts_.push_back(index.entry_documents_.size());
  index.position_starts_.push_back(index.positions_.size());
  return true;
}

bool IndexDecoder::decode_document_totals(IndexReader& reader) {
  Index& index = index_;
  if (index.entry_documents_.size() != total_entries_ || index.positions_.size() != total_positions_) {
    return refuse("postings: the totals do not match the lists");
  }
  total_tokens_ = reader.count("tokens in all");
  total_sentences_ = reader.count("sentences in all");
  if (reader.failed()) return false;
  index.tokens_.reserve(total_tokens_);
  index.sentences_.reserve(total_sentences_);
  index.token_starts_.reserve(2 * corpus_.documents.size() + 1);
  index.sentence_starts_.reserve(corpus_.documents.size() + 1);
  index.stored_lengths_.reserve(corpus_.documents.size());
  return true;
}

bool IndexDecoder::decode_document(IndexReader& reader, std::size_t d) {
  Index& index = index_;
  const Document& document = corpus_.documents[d];
  if (document.title.size() > 0xFFFFFFFFu || document.text.size() > 0xFFFFFFFFu) return refuse("a text past 4 GiB");
  const auto title_length = static_cast<std::uint32_t>(document.title.size());
  const auto text_length = static_cast<std::uint32_t>(document.text.size());
  for (const std::uint32_t length : {title_length, text_length}) {
    read_tokens(reader, length, index.terms_, total_tokens_, index.tokens_);
    index.token_starts_.push_back(index.tokens_.size());
  }
  read_spans(reader, text_length, "sentences", [&](std::uint32_t start, std::uint32_t end) { index.sentences_.push_back({start, end}); });
  index.sentence_starts_.push_back(index.sentences_.size());
  if (reader.failed()) return false;
  index.stored_lengths_.emplace_back(title_length, text_length);
  return true;
}

void IndexDecoder::check_end() {
  if (offset_ != bytes_.size()) {
    refuse("bytes left over after the last document");
  } else if (index_.tokens_.size() != total_tokens_ || index_.sentences_.size() != total_sentences_) {
    refuse("documents: the totals do not match the tokens and sentences");
  }
}

bool Index::stored_for(const Corpus& corpus) const {
  if (stored_lengths_.size() != corpus.documents.size() || document_count() != corpus.documents.size()) return false;
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    if (stored_lengths_[d].first != corpus.documents[d].title.size() || stored_lengths_[d].second != corpus.documents[d].text.size()) return false;
  }
  return true;
}

// [SECTION] Lookups ---------------------------------------------------------------------------------
Postings Index::postings(TermId id) const {
  const std::size_t entries = entry_starts_[id];
  const std::size_t entry_count = entry_starts_[id + 1] - entries;
  const std::size_t positions = position_starts_[id];
  return {{entry_documents_.data() + entries, entry_count},
          {entry_title_counts_.data() + entries, entry_count},
          {entry_body_counts_.data() + entries, entry_count},
          {entry_position_starts_.data() + entries, entry_count},
          {positions_.data() + positions, position_starts_[id + 1] - positions}};
}

DocumentTokens Index::tokens(DocumentId document) const {
  const std::size_t title = token_starts_[2 * document];
  const std::size_t body = token_starts_[2 * document + 1];
  const std::size_t sentences = sentence_starts_[document];
  return {{tokens_.data() + title, body - title},
          {tokens_.data() + body, token_starts_[2 * document + 2] - body},
          {sentences_.data() + sentences, sentence_starts_[document + 1] - sentences}};
}

bool Index::find_term(std::string_view folded, TermId& id) const {
  const auto found = std::lower_bound(terms_in_order_.begin(), terms_in_order_.end(), folded,
                                      [&](TermId term, std::string_view wanted) { return terms_[term] < wanted; });
  if (found == terms_in_order_.end() || terms_[*found] != folded) return false;
  id = *found;
  return true;
}

std::vector<TermId> Index::forms_with_stem_of(std::string_view folded) const {
  text::Stemmer stemmer;
  const std::string stem = stemmer.stem(folded);
  const auto found = std::lower_bound(stems_.begin(), stems_.end(), stem);
  std::vector<TermId> forms;
  if (found != stems_.end() && *found == stem) {
    const auto id = static_cast<std::size_t>(found - stems_.begin());
    forms.assign(stem_forms_.begin() + static_cast<std::ptrdiff_t>(stem_form_starts_[id]), stem_forms_.begin() + static_cast<std::ptrdiff_t>(stem_form_starts_[id + 1]));
  }
  // A form the stemmer maps elsewhere still matches itself.
  TermId exact = 0;
  if (find_term(folded, exact) && std::find(forms.begin(), forms.end(), exact) == forms.end()) forms.push_back(exact);
  return forms;
}

std::vector<TermId> Index::forms_with_prefix(std::string_view folded_prefix) const {
  const auto first = std::lower_bound(terms_in_order_.begin(), terms_in_order_.end(), folded_prefix,
                                      [&](TermId term, std::string_view prefix) { return terms_[term] < prefix; });
  std::vector<TermId> forms;
  for (auto it = first; it != terms_in_order_.end() && terms_[*it].compare(0, folded_prefix.size(), folded_prefix) == 0; ++it) {
    forms.push_back(*it);
  }
  return forms;
}

double Index::weighted_length(DocumentId document) const {
  const DocumentTokens tokens = this->tokens(document);
  return title_weight * static_cast<double>(tokens.title.size()) + static_cast<double>(tokens.body.size());
}

std::size_t Index::memory_bytes() const {
  std::size_t bytes = 0;
  for (const std::string& term : terms_) bytes += sizeof(std::string) + term.capacity() + 2 * sizeof(TermId);
  for (const std::string& stem : stems_) bytes += sizeof(std::string) + stem.capacity();
  bytes += stem_form_starts_.capacity() * sizeof(std::size_t) + stem_forms_.capacity() * sizeof(TermId);
  bytes += terms_in_order_.capacity() * sizeof(TermId) + stem_of_term_.capacity() * sizeof(StemId);
  bytes += (entry_starts_.capacity() + position_starts_.capacity() + token_starts_.capacity() + sentence_starts_.capacity()) * sizeof(std::size_t);
  bytes += (entry_documents_.capacity() + entry_title_counts_.capacity() + entry_body_counts_.capacity() + entry_position_starts_.capacity() +
            positions_.capacity()) * sizeof(std::uint32_t);
  bytes += tokens_.capacity() * sizeof(IndexedToken) + sentences_.capacity() * sizeof(text::Sentence);
  return bytes;
}

}  // namespace loupe::search
