// The positional inverted index (see index.h).
#include "core/search/index.h"

#include <algorithm>

#include "core/text/stemmer.h"
#include "core/text/tokenizer.h"
#include "core/text/unicode.h"

namespace loupe::search {
namespace {

// Adds the tokens of one field of a document to the vocabulary and the postings.
class IndexBuilder {
 public:
  IndexBuilder(std::vector<std::string>& terms, std::unordered_map<std::string, TermId, StringHash, std::equal_to<>>& term_ids,
               std::vector<Postings>& postings)
      : terms_(terms), term_ids_(term_ids), postings_(postings) {}

  void add_field(DocumentId document, std::string_view text, bool is_title, std::uint32_t& position,
                 std::vector<IndexedToken>& tokens) {
    const std::vector<text::Token> raw_tokens = text::tokenize(text);
    tokens.reserve(raw_tokens.size());
    std::string folded;
    for (const text::Token& raw : raw_tokens) {
      const std::string_view word = text.substr(raw.start, raw.end - raw.start);
      folded = text::fold_for_matching(word);
      if (folded.empty()) continue;
      const TermId term = intern(folded);
      tokens.push_back({raw.start, raw.end, term});
      Postings& list = postings_[term];
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
  std::unordered_map<std::string, TermId, StringHash, std::equal_to<>>& term_ids_;
  std::vector<Postings>& postings_;
};

}  // namespace

Index Index::build(const Corpus& corpus) {
  Index index;
  index.documents_.resize(corpus.documents.size());
  IndexBuilder builder(index.terms_, index.term_ids_, index.postings_);
  double total_length = 0.0;
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    const Document& document = corpus.documents[i];
    DocumentTokens& tokens = index.documents_[i];
    const auto id = static_cast<DocumentId>(i);
    std::uint32_t position = 0;
    builder.add_field(id, document.title, true, position, tokens.title);
    ++position;  // the gap between title and text
    builder.add_field(id, document.text, false, position, tokens.body);
    tokens.sentences = text::split_sentences(document.text);
    total_length += index.weighted_length(id);
  }
  index.average_weighted_length_ = corpus.documents.empty() ? 1.0 : std::max(1.0, total_length / static_cast<double>(corpus.documents.size()));

  // Stems, once per distinct form.
  text::Stemmer stemmer;
  index.stem_of_term_.resize(index.terms_.size());
  for (TermId term = 0; term < index.terms_.size(); ++term) {
    const std::string stem = stemmer.stem(index.terms_[term]);
    auto [found, inserted] = index.stem_ids_.try_emplace(stem, static_cast<StemId>(index.forms_of_stem_.size()));
    if (inserted) index.forms_of_stem_.emplace_back();
    index.stem_of_term_[term] = found->second;
    index.forms_of_stem_[found->second].push_back(term);
  }

  // Which documents hold each entity, quote and amount.
  auto sorted_unique = [](std::vector<DocumentId> documents) {
    std::sort(documents.begin(), documents.end());
    documents.erase(std::unique(documents.begin(), documents.end()), documents.end());
    return documents;
  };
  for (const EntityRecord& entity : corpus.entities) {
    std::vector<DocumentId> documents;
    for (const TextSpan& mention : entity.mentions) documents.push_back(static_cast<DocumentId>(mention.document));
    index.entity_documents_.push_back(sorted_unique(std::move(documents)));
  }
  std::vector<DocumentId> with_quotes;
  for (const QuoteRecord& quote : corpus.quotes) with_quotes.push_back(static_cast<DocumentId>(quote.span.document));
  index.documents_with_quotes_ = sorted_unique(std::move(with_quotes));
  std::vector<DocumentId> with_money;
  for (const AmountRecord& amount : corpus.amounts) with_money.push_back(static_cast<DocumentId>(amount.span.document));
  index.documents_with_money_ = sorted_unique(std::move(with_money));

  index.terms_in_order_.resize(index.terms_.size());
  for (TermId term = 0; term < index.terms_.size(); ++term) index.terms_in_order_[term] = term;
  std::sort(index.terms_in_order_.begin(), index.terms_in_order_.end(),
            [&](TermId a, TermId b) { return index.terms_[a] < index.terms_[b]; });
  return index;
}

bool Index::find_term(std::string_view folded, TermId& id) const {
  const auto found = term_ids_.find(folded);
  if (found == term_ids_.end()) return false;
  id = found->second;
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
  const DocumentTokens& tokens = documents_[document];
  return title_weight * static_cast<double>(tokens.title.size()) + static_cast<double>(tokens.body.size());
}

std::size_t Index::memory_bytes() const {
  std::size_t bytes = 0;
  for (const std::string& term : terms_) bytes += sizeof(std::string) + term.capacity() + 2 * sizeof(TermId) + 16;
  for (const auto& [stem, id] : stem_ids_) bytes += sizeof(std::string) + stem.capacity() + sizeof(StemId) + 16;
  for (const auto& forms : forms_of_stem_) bytes += sizeof(forms) + forms.capacity() * sizeof(TermId);
  bytes += terms_in_order_.capacity() * sizeof(TermId) + stem_of_term_.capacity() * sizeof(StemId);
  for (const Postings& list : postings_) {
    bytes += sizeof(Postings) + (list.documents.capacity() + list.title_counts.capacity() + list.body_counts.capacity() +
                                 list.position_starts.capacity() + list.positions.capacity()) * sizeof(std::uint32_t);
  }
  for (const DocumentTokens& tokens : documents_) {
    bytes += sizeof(DocumentTokens) + (tokens.title.capacity() + tokens.body.capacity()) * sizeof(IndexedToken) +
             tokens.sentences.capacity() * sizeof(text::Sentence);
  }
  return bytes;
}

}  // namespace loupe::search
