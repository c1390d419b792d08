// The positional inverted index (see index.h).
#include "core/search/index.h"

#include <algorithm>

#include "core/text/stemmer.h"
#include "core/text/tokenizer.h"
#include "core/text/unicode.h"

namespace loupe::search {
namespace {

// A term's postings while the index is built (flattened into the index's arrays at the end).
struct GrowingPostings {
  std::vector<DocumentId> documents;
  std::vector<std::uint32_t> title_counts;
  std::vector<std::uint32_t> body_counts;
  std::vector<std::uint32_t> position_starts;
  std::vector<std::uint32_t> positions;
};

// Adds the tokens of one field of a document to the vocabulary and the postings.
class IndexBuilder {
 public:
  explicit IndexBuilder(std::vector<std::string>& terms) : terms_(terms) {}

  void add_field(DocumentId document, std::string_view text, bool is_title, std::uint32_t& position,
                 std::vector<IndexedToken>& tokens) {
    const std::vector<text::Token> raw_tokens = text::tokenize(text);
    std::string folded;
    for (const text::Token& raw : raw_tokens) {
      const std::string_view word = text.substr(raw.start, raw.end - raw.start);
      folded = text::fold_for_matching(word);
      if (folded.empty()) continue;
      const TermId term = intern(folded);
      tokens.push_back({raw.start, raw.end, term});
      GrowingPostings& list = postings_[term];
      if (list.documents.empty() || list.documents.back() != document) {
        list.documents.push_back(document);
        list.title_counts.push_back(0);
        list.body_counts.push_back(0);
        list.position_starts.push_back(static_cast<std::uint32_t>(list.positions.size()));
      }
      ++(is_title ? list.title_counts : list.body_counts).back();
      list.positions.push_back(position++);
    }
  }

  std::vector<GrowingPostings>& postings() { return postings_; }

 private:
  TermId intern(const std::string& folded) {
    const auto found = term_ids_.find(std::string_view(folded));
    if (found != term_ids_.end()) return found->second;
    const auto id = static_cast<TermId>(terms_.size());
    terms_.push_back(folded);
    term_ids_.emplace(folded, id);
    postings_.emplace_back();
    return id;
  }

  std::vector<std::string>& terms_;
  std::unordered_map<std::string, TermId, StringHash, std::equal_to<>> term_ids_;
  std::vector<GrowingPostings> postings_;
};

}  // namespace

Index Index::build(const Corpus& corpus) {
  Index index;
  if (corpus.stored_index && corpus.stored_index->stored_for(corpus)) {
    index = std::move(*corpus.stored_index);
    *corpus.stored_index = Index();  // taken: a copy of the corpus sharing it indexes its text
    index.stored_lengths_.clear();
  } else {
    index.index_text(corpus);
  }
  index.index_records(corpus);
  return index;
}

Index Index::build_from_text(const Corpus& corpus) {
  Index index;
  index.index_text(corpus);
  index.index_records(corpus);
  return index;
}

Index Index::of_text_to_store(const Corpus& corpus) {
  Index index;
  index.index_text(corpus);
  index.stored_lengths_.reserve(corpus.documents.size());
  for (const Document& document : corpus.documents) {
    index.stored_lengths_.emplace_back(static_cast<std::uint32_t>(document.title.size()), static_cast<std::uint32_t>(document.text.size()));
  }
  return index;
}

void Index::index_text(const Corpus& corpus) {
  IndexBuilder builder(terms_);
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    const Document& document = corpus.documents[i];
    const auto id = static_cast<DocumentId>(i);
    std::uint32_t position = 0;
    builder.add_field(id, document.title, true, position, tokens_);
    token_starts_.push_back(tokens_.size());
    ++position;  // the gap between title and text
    builder.add_field(id, document.text, false, position, tokens_);
    token_starts_.push_back(tokens_.size());
    for (const text::Sentence& sentence : text::split_sentences(document.text)) sentences_.push_back(sentence);
    sentence_starts_.push_back(sentences_.size());
  }
  // The postings, term after term, into the flat arrays.
  for (GrowingPostings& list : builder.postings()) {
    entry_documents_.insert(entry_documents_.end(), list.documents.begin(), list.documents.end());
    entry_title_counts_.insert(entry_title_counts_.end(), list.title_counts.begin(), list.title_counts.end());
    entry_body_counts_.insert(entry_body_counts_.end(), list.body_counts.begin(), list.body_counts.end());
    entry_position_starts_.insert(entry_position_starts_.end(), list.position_starts.begin(), list.position_starts.end());
    positions_.insert(positions_.end(), list.positions.begin(), list.positions.end());
    entry_starts_.push_back(entry_documents_.size());
    position_starts_.push_back(positions_.size());
    list = GrowingPostings();
  }

  // Stems, once per distinct form.
  text::Stemmer stemmer;
  stem_of_term_.resize(terms_.size());
  for (TermId term = 0; term < terms_.size(); ++term) {
    const std::string stem = stemmer.stem(terms_[term]);
    auto [found, inserted] = stem_ids_.try_emplace(stem, static_cast<StemId>(forms_of_stem_.size()));
    if (inserted) forms_of_stem_.emplace_back();
    stem_of_term_[term] = found->second;
    forms_of_stem_[found->second].push_back(term);
  }

  terms_in_order_.resize(terms_.size());
  for (TermId term = 0; term < terms_.size(); ++term) terms_in_order_[term] = term;
  std::sort(terms_in_order_.begin(), terms_in_order_.end(), [&](TermId a, TermId b) { return terms_[a] < terms_[b]; });
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
//               start delta from the previous token's end, length, term; the same for the text;
//               sentences, then per sentence: start delta from the previous one's end, length
namespace {

void put_number(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// Reads the stored index's numbers. No exceptions on this path: the page's WebAssembly handles C++
// exceptions through JavaScript, and a call that may throw inside a try block cost as much as the
// decoding itself. The first problem is kept, every read after it gives 0 (so loops end), and the
// caller checks failed() before trusting what it read.
class IndexReader {
 public:
  explicit IndexReader(std::string_view bytes) noexcept
      : at_(reinterpret_cast<const unsigned char*>(bytes.data())), end_(at_ + bytes.size()) {}

  std::uint64_t number(const char* what) noexcept {
    if (at_ != end_ && *at_ < 0x80) [[likely]] return *at_++;  // most numbers are one byte: inlined
    return longer_number(what);
  }
  [[gnu::noinline]] std::uint64_t longer_number(const char* what) noexcept {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (at_ == end_) return fail(what, "the index ends early");
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
    if (value > static_cast<std::uint64_t>(end_ - at_)) return static_cast<std::size_t>(fail(what, "more items than bytes left"));
    return static_cast<std::size_t>(value);
  }
  std::string text(const char* what) {
    const std::size_t length = count(what);
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
  std::string message() const { return std::string(what_) + ": " + problem_; }
  bool done() const noexcept { return at_ == end_; }

 private:
  const unsigned char* at_;
  const unsigned char* end_;
  const char* what_ = nullptr;
  const char* problem_ = nullptr;
};

// Tokens (or sentences) of one field: start delta from the previous end, length; checked to lie in
// order inside a field of `length` bytes.
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

}  // namespace

std::string Index::encode() const {
  std::string out;
  put_number(out, terms_.size());
  for (const std::string& term : terms_) {
    put_number(out, term.size());
    out += term;
  }
  std::vector<const std::string*> stems(forms_of_stem_.size());
  for (const auto& [stem, id] : stem_ids_) stems[id] = &stem;
  put_number(out, stems.size());
  for (const std::string* stem : stems) {
    put_number(out, stem->size());
    out += *stem;
  }
  for (const StemId stem : stem_of_term_) put_number(out, stem);
  for (const TermId term : terms_in_order_) put_number(out, term);
  put_number(out, entry_documents_.size());
  put_number(out, positions_.size());
  for (TermId term = 0; term < terms_.size(); ++term) {
    const Postings list = postings(term);
    put_number(out, list.documents.size());
    put_number(out, list.positions.size());
    for (std::size_t i = 0; i < list.documents.size(); ++i) {
      put_number(out, list.documents[i] - (i == 0 ? 0 : list.documents[i - 1]));
      put_number(out, list.title_counts[i]);
      put_number(out, list.body_counts[i]);
      const std::uint32_t begin = list.position_starts[i];
      const std::uint32_t end = i + 1 < list.documents.size() ? list.position_starts[i + 1] : static_cast<std::uint32_t>(list.positions.size());
      for (std::uint32_t p = begin; p < end; ++p) put_number(out, list.positions[p] - (p == begin ? 0 : list.positions[p - 1]));
    }
  }
  put_number(out, tokens_.size());
  put_number(out, sentences_.size());
  for (DocumentId document = 0; document < document_count(); ++document) {
    const DocumentTokens tokens = this->tokens(document);
    for (const std::span<const IndexedToken> field : {tokens.title, tokens.body}) {
      put_number(out, field.size());
      std::uint32_t previous_end = 0;
      for (const IndexedToken& token : field) {
        put_number(out, token.start - previous_end);
        put_number(out, token.end - token.start);
        put_number(out, token.term);
        previous_end = token.end;
      }
    }
    put_number(out, tokens.sentences.size());
    std::uint32_t previous_end = 0;
    for (const text::Sentence& sentence : tokens.sentences) {
      put_number(out, sentence.start - previous_end);
      put_number(out, sentence.end - sentence.start);
      previous_end = sentence.end;
    }
  }
  return out;
}

std::optional<Index> Index::decode(std::string_view bytes, const Corpus& corpus, std::string& error) {
  Index index;
  IndexReader reader(bytes);
  auto refuse = [&](const std::string& message) {
    error = "index: " + message;
    return std::nullopt;
  };
  const std::size_t term_count = reader.count("terms");
  index.terms_.reserve(term_count);
  for (std::size_t t = 0; t < term_count && !reader.failed(); ++t) {
    std::string term = reader.text("terms");
    if (reader.failed()) break;
    if (term.empty() || !text::is_valid_utf8(term)) return refuse("terms: an empty term or one not valid UTF-8");
    index.terms_.push_back(std::move(term));
  }
  const std::size_t stem_count = reader.count("stems");
  for (std::size_t s = 0; s < stem_count && !reader.failed(); ++s) {
    std::string stem = reader.text("stems");
    if (reader.failed()) break;
    if (!index.stem_ids_.emplace(std::move(stem), static_cast<StemId>(s)).second) return refuse("stems: a stem twice");
  }
  if (reader.failed()) return refuse(reader.message());
  index.forms_of_stem_.resize(stem_count);
  index.stem_of_term_.resize(term_count);
  for (TermId t = 0; t < term_count; ++t) {
    index.stem_of_term_[t] = reader.below(stem_count, "the stem of a term");
    if (reader.failed()) return refuse(reader.message());
    index.forms_of_stem_[index.stem_of_term_[t]].push_back(t);
  }
  index.terms_in_order_.resize(term_count);
  std::vector<bool> placed(term_count, false);
  for (std::size_t place = 0; place < term_count; ++place) {
    const TermId term = reader.below(term_count, "term order");
    if (reader.failed()) return refuse(reader.message());
    if (placed[term]) return refuse("term order: a term twice");
    placed[term] = true;
    index.terms_in_order_[place] = term;
    // (strictly: no term twice in the vocabulary)
    if (place > 0 && !(index.terms_[index.terms_in_order_[place - 1]] < index.terms_[term])) {
      return refuse(index.terms_[index.terms_in_order_[place - 1]] == index.terms_[term] ? "terms: \"" + index.terms_[term] + "\" twice"
                                                                                        : "term order: not alphabetical");
    }
  }

  const std::uint64_t document_count = corpus.documents.size();
  // The flat arrays, reserved for the stored totals (each item takes a byte at least: a total
  // cannot ask for more than the bytes left) and checked against them at the end.
  const std::size_t total_entries = reader.count("postings: entries in all");
  const std::size_t total_positions = reader.count("postings: positions in all");
  if (reader.failed()) return refuse(reader.message());
  index.entry_starts_.reserve(term_count + 1);
  index.position_starts_.reserve(term_count + 1);
  index.entry_documents_.reserve(total_entries);
  index.entry_title_counts_.reserve(total_entries);
  index.entry_body_counts_.reserve(total_entries);
  index.entry_position_starts_.reserve(total_entries);
  index.positions_.reserve(total_positions);
  for (TermId term = 0; term < term_count; ++term) {
    const std::size_t entries = reader.count("postings");
    const std::size_t positions = reader.count("postings");
    const std::size_t first_position = index.positions_.size();
    std::uint64_t document = 0;
    for (std::size_t e = 0; e < entries; ++e) {
      const std::uint64_t delta = reader.number("postings");
      const std::size_t title_count = reader.count("postings");
      const std::size_t body_count = reader.count("postings");
      if (reader.failed()) break;
      if (e > 0 && delta == 0) return refuse("postings: a document twice in one list");
      if (delta >= document_count || document + delta >= document_count) {
        return refuse("postings: no document number " + std::to_string(document) + " + " + std::to_string(delta));
      }
      document += delta;
      if (title_count + body_count == 0) return refuse("postings: an entry with no occurrence");
      if (index.positions_.size() - first_position > 0xFFFFFFFFu) return refuse("positions: past 2^32");
      index.entry_documents_.push_back(static_cast<DocumentId>(document));
      index.entry_title_counts_.push_back(static_cast<std::uint32_t>(title_count));
      index.entry_body_counts_.push_back(static_cast<std::uint32_t>(body_count));
      index.entry_position_starts_.push_back(static_cast<std::uint32_t>(index.positions_.size() - first_position));
      std::uint64_t position = 0;
      bool ordered = true;
      for (std::size_t p = 0; p < title_count + body_count; ++p) {
        const std::uint64_t step = reader.number("positions");
        ordered = ordered && (p == 0 || step > 0) && step <= 0xFFFFFFFFu;  // (and no wrapping around)
        position += step & 0xFFFFFFFFu;
        index.positions_.push_back(static_cast<std::uint32_t>(position));
      }
      if (reader.failed()) break;
      if (!ordered) return refuse("positions: a position twice");
      if (position > 0xFFFFFFFFu) return refuse("positions: past 2^32");
    }
    if (reader.failed()) return refuse(reader.message());
    if (index.positions_.size() - first_position != positions) return refuse("postings: a list's positions miscounted");
    index.entry_starts_.push_back(index.entry_documents_.size());
    index.position_starts_.push_back(index.positions_.size());
  }
  if (index.entry_documents_.size() != total_entries || index.positions_.size() != total_positions) {
    return refuse("postings: the totals do not match the lists");
  }

  const std::size_t total_tokens = reader.count("tokens in all");
  const std::size_t total_sentences = reader.count("sentences in all");
  if (reader.failed()) return refuse(reader.message());
  index.tokens_.reserve(total_tokens);
  index.sentences_.reserve(total_sentences);
  index.token_starts_.reserve(2 * corpus.documents.size() + 1);
  index.sentence_starts_.reserve(corpus.documents.size() + 1);
  index.stored_lengths_.reserve(corpus.documents.size());
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    const Document& document = corpus.documents[d];
    if (document.title.size() > 0xFFFFFFFFu || document.text.size() > 0xFFFFFFFFu) return refuse("a text past 4 GiB");
    const auto title_length = static_cast<std::uint32_t>(document.title.size());
    const auto text_length = static_cast<std::uint32_t>(document.text.size());
    for (const bool title : {true, false}) {  // (no structured binding: clang 14 cannot capture one)
      read_spans(reader, title ? title_length : text_length, "tokens", [&](std::uint32_t start, std::uint32_t end) {
        index.tokens_.push_back({start, end, reader.below(term_count, "the term of a token")});
      });
      index.token_starts_.push_back(index.tokens_.size());
    }
    read_spans(reader, text_length, "sentences", [&](std::uint32_t start, std::uint32_t end) { index.sentences_.push_back({start, end}); });
    index.sentence_starts_.push_back(index.sentences_.size());
    if (reader.failed()) return refuse(reader.message());
    index.stored_lengths_.emplace_back(title_length, text_length);
  }
  if (!reader.done()) return refuse("bytes left over after the last document");
  if (index.tokens_.size() != total_tokens || index.sentences_.size() != total_sentences) {
    return refuse("documents: the totals do not match the tokens and sentences");
  }
  return index;
}

bool Index::stored_for(const Corpus& corpus) const {
  if (stored_lengths_.size() != corpus.documents.size() || document_count() != corpus.documents.size()) return false;
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    if (stored_lengths_[d].first != corpus.documents[d].title.size() || stored_lengths_[d].second != corpus.documents[d].text.size()) return false;
  }
  return true;
}

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
  const auto found = stem_ids_.find(std::string_view(stemmer.stem(folded)));
  std::vector<TermId> forms;
  if (found != stem_ids_.end()) forms = forms_of_stem_[found->second];
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
  for (const auto& [stem, id] : stem_ids_) bytes += sizeof(std::string) + stem.capacity() + sizeof(StemId) + 16;
  for (const auto& forms : forms_of_stem_) bytes += sizeof(forms) + forms.capacity() * sizeof(TermId);
  bytes += terms_in_order_.capacity() * sizeof(TermId) + stem_of_term_.capacity() * sizeof(StemId);
  bytes += (entry_starts_.capacity() + position_starts_.capacity() + token_starts_.capacity() + sentence_starts_.capacity()) * sizeof(std::size_t);
  bytes += (entry_documents_.capacity() + entry_title_counts_.capacity() + entry_body_counts_.capacity() + entry_position_starts_.capacity() +
            positions_.capacity()) * sizeof(std::uint32_t);
  bytes += tokens_.capacity() * sizeof(IndexedToken) + sentences_.capacity() * sizeof(text::Sentence);
  return bytes;
}

}  // namespace loupe::search
