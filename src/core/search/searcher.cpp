// Answering a query over the index (see searcher.h).
//
// [SECTION] Match sets and BM25
// [SECTION] Evaluating the query tree
// [SECTION] Close spellings
// [SECTION] Highlights and passages
// [SECTION] Facets and the search itself
#include "core/search/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "core/search/query.h"
#include "core/text/unicode.h"

namespace loupe::search {
namespace {

// [SECTION] Match sets and BM25 --------------------------------------------------------------------

// Documents matched by part of a query, in increasing order, with their scores.
struct Matches {
  std::vector<DocumentId> documents;
  std::vector<double> scores;
};

constexpr double kBm25K1 = 1.2;
constexpr double kBm25B = 0.75;

double inverse_document_frequency(std::size_t document_count, std::size_t documents_with_term) {
  const auto n = static_cast<double>(document_count);
  const auto df = static_cast<double>(documents_with_term);
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

double bm25(const Index& index, DocumentId document, double weighted_frequency, double idf) {
  const double length_ratio = index.weighted_length(document) / index.average_weighted_length();
  return idf * weighted_frequency * (kBm25K1 + 1.0) / (weighted_frequency + kBm25K1 * (1.0 - kBm25B + kBm25B * length_ratio));
}

Matches everything(const Index& index) {
  Matches all;
  all.documents.resize(index.document_count());
  for (DocumentId i = 0; i < all.documents.size(); ++i) all.documents[i] = i;
  all.scores.assign(all.documents.size(), 0.0);
  return all;
}

Matches intersect(const Matches& a, const Matches& b) {
  Matches both;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.documents.size() && j < b.documents.size()) {
    if (a.documents[i] < b.documents[j]) {
      ++i;
    } else if (b.documents[j] < a.documents[i]) {
      ++j;
    } else {
      both.documents.push_back(a.documents[i]);
      both.scores.push_back(a.scores[i] + b.scores[j]);
      ++i;
      ++j;
    }
  }
  return both;
}

Matches unite(const Matches& a, const Matches& b) {
  Matches either;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.documents.size() || j < b.documents.size()) {
    if (j >= b.documents.size() || (i < a.documents.size() && a.documents[i] < b.documents[j])) {
      either.documents.push_back(a.documents[i]);
      either.scores.push_back(a.scores[i++]);
    } else if (i >= a.documents.size() || b.documents[j] < a.documents[i]) {
      either.documents.push_back(b.documents[j]);
      either.scores.push_back(b.scores[j++]);
    } else {
      either.documents.push_back(a.documents[i]);
      either.scores.push_back(a.scores[i++] + b.scores[j++]);
    }
  }
  return either;
}

Matches subtract(const Matches& a, const Matches& b) {
  Matches rest;
  std::size_t j = 0;
  for (std::size_t i = 0; i < a.documents.size(); ++i) {
    while (j < b.documents.size() && b.documents[j] < a.documents[i]) ++j;
    if (j < b.documents.size() && b.documents[j] == a.documents[i]) continue;
    rest.documents.push_back(a.documents[i]);
    rest.scores.push_back(a.scores[i]);
  }
  return rest;
}

// The documents containing any of the forms, scored as one term (a stem group or a prefix).
Matches match_forms(const Index& index, const std::vector<TermId>& forms) {
  struct Occurrence {
    DocumentId document;
    std::uint32_t title_count;
    std::uint32_t body_count;
  };
  std::vector<Occurrence> occurrences;
  for (TermId form : forms) {
    const Postings& list = index.postings(form);
    for (std::size_t i = 0; i < list.documents.size(); ++i) {
      occurrences.push_back({list.documents[i], list.title_counts[i], list.body_counts[i]});
    }
  }
  if (forms.size() > 1) {
    std::sort(occurrences.begin(), occurrences.end(), [](const Occurrence& a, const Occurrence& b) { return a.document < b.document; });
  }
  Matches matches;
  std::vector<double> frequencies;
  for (const Occurrence& occurrence : occurrences) {
    const double frequency = Index::title_weight * occurrence.title_count + occurrence.body_count;
    if (!matches.documents.empty() && matches.documents.back() == occurrence.document) {
      frequencies.back() += frequency;
    } else {
      matches.documents.push_back(occurrence.document);
      frequencies.push_back(frequency);
    }
  }
  const double idf = inverse_document_frequency(index.document_count(), matches.documents.size());
  matches.scores.resize(matches.documents.size());
  for (std::size_t i = 0; i < matches.documents.size(); ++i) matches.scores[i] = bm25(index, matches.documents[i], frequencies[i], idf);
  return matches;
}

// Positions of a term in a document (empty if absent).
std::pair<const std::uint32_t*, const std::uint32_t*> positions_in(const Postings& list, DocumentId document) {
  const auto found = std::lower_bound(list.documents.begin(), list.documents.end(), document);
  if (found == list.documents.end() || *found != document) return {nullptr, nullptr};
  const auto slot = static_cast<std::size_t>(found - list.documents.begin());
  const std::uint32_t begin = list.position_starts[slot];
  const std::uint32_t end = slot + 1 < list.position_starts.size() ? list.position_starts[slot + 1] : static_cast<std::uint32_t>(list.positions.size());
  return {list.positions.data() + begin, list.positions.data() + end};
}

// The documents where the words occur one after another; scored by how often.
Matches match_phrase(const Index& index, const std::vector<TermId>& words) {
  Matches candidates;
  for (std::size_t w = 0; w < words.size(); ++w) {
    Matches word;
    const std::span<const DocumentId> documents = index.postings(words[w]).documents;
    word.documents.assign(documents.begin(), documents.end());
    word.scores.assign(word.documents.size(), 0.0);
    candidates = w == 0 ? word : intersect(candidates, word);
  }
  Matches matches;
  std::vector<double> frequencies;
  for (DocumentId document : candidates.documents) {
    const auto [first_begin, first_end] = positions_in(index.postings(words[0]), document);
    std::size_t occurrences = 0;
    for (const std::uint32_t* start = first_begin; start != first_end; ++start) {
      bool continues = true;
      for (std::size_t w = 1; w < words.size() && continues; ++w) {
        const auto [begin, end] = positions_in(index.postings(words[w]), document);
        continues = std::binary_search(begin, end, *start + static_cast<std::uint32_t>(w));
      }
      if (continues) ++occurrences;
    }
    if (occurrences > 0) {
      matches.documents.push_back(document);
      frequencies.push_back(static_cast<double>(occurrences));
    }
  }
  const double idf = inverse_document_frequency(index.document_count(), matches.documents.size());
  for (std::size_t i = 0; i < matches.documents.size(); ++i) matches.scores.push_back(bm25(index, matches.documents[i], frequencies[i], idf));
  return matches;
}

// [SECTION] Close spellings ------------------------------------------------------------------------

// The indexed form closest to a word that matched nothing, if one is close enough: within 1 edit
// for words of up to 4 letters, 2 for longer ones; ties go to the form in more documents.
bool closest_spelling(const Index& index, std::string_view folded, TermId& best) {
  if (folded.size() < 3) return false;
  const std::size_t limit = folded.size() <= 4 ? 1 : 2;
  std::size_t best_distance = limit + 1;
  std::size_t best_frequency = 0;
  for (TermId term = 0; term < index.term_count(); ++term) {
    const std::string& candidate = index.term(term);
    const std::size_t length_difference = candidate.size() > folded.size() ? candidate.size() - folded.size() : folded.size() - candidate.size();
    if (length_difference > limit) continue;
    const std::size_t distance = edit_distance(folded, candidate, limit);
    const std::size_t frequency = index.document_frequency(term);
    if (distance < best_distance || (distance == best_distance && distance <= limit && frequency > best_frequency)) {
      best_distance = distance;
      best_frequency = frequency;
      best = term;
    }
  }
  return best_distance <= limit;
}

// [SECTION] Evaluating the query tree --------------------------------------------------------------

class Evaluator {
 public:
  Evaluator(const Index& index, const Corpus& corpus, const SearchOptions& options, SearchResult& result)
      : index_(index), corpus_(corpus), options_(options), result_(result) {}

  Matches evaluate(const QueryNode& node, bool negated) {
    switch (node.kind) {
      case QueryNode::Kind::Everything:
        return everything(index_);
      case QueryNode::Kind::Word:
        return word(node, negated);
      case QueryNode::Kind::Phrase:
        return phrase(node, negated);
      case QueryNode::Kind::Field:
        return field(node);
      case QueryNode::Kind::Not:
        return subtract(everything(index_), evaluate(node.children.front(), !negated));
      case QueryNode::Kind::Or: {
        Matches either;
        for (const QueryNode& child : node.children) either = unite(either, evaluate(child, negated));
        return either;
      }
      case QueryNode::Kind::And:
        return all_of(node.children, negated);
    }
    return {};
  }

 private:
  // Intersects the positive children, then removes what the negated ones match.
  Matches all_of(const std::vector<QueryNode>& children, bool negated) {
    Matches matches;
    bool has_positive = false;
    for (const QueryNode& child : children) {
      if (child.kind == QueryNode::Kind::Not) continue;
      Matches part = evaluate(child, negated);
      matches = has_positive ? intersect(matches, part) : std::move(part);
      has_positive = true;
    }
    if (!has_positive) matches = everything(index_);
    for (const QueryNode& child : children) {
      if (child.kind == QueryNode::Kind::Not) matches = subtract(matches, evaluate(child.children.front(), !negated));
    }
    return matches;
  }

  Matches word(const QueryNode& node, bool negated) {
    const std::string folded = text::fold_for_matching(node.words.front());
    std::vector<TermId> forms;
    TermId exact = 0;
    if (node.prefix) {
      forms = index_.forms_with_prefix(folded);
    } else if (node.exact) {
      if (index_.find_term(folded, exact)) forms.push_back(exact);
    } else {
      forms = index_.forms_with_stem_of(folded);
    }
    if (forms.empty() && !node.prefix && !negated) {
      TermId replacement = 0;
      if (closest_spelling(index_, folded, replacement)) {
        result_.notes.push_back("\"" + node.words.front() + "\" matched nothing: showing results for \"" + index_.term(replacement) + "\"");
        forms = node.exact ? std::vector<TermId>{replacement} : index_.forms_with_stem_of(index_.term(replacement));
      } else {
        result_.notes.push_back("\"" + node.words.front() + "\" matched nothing");
      }
    }
    if (!negated) result_.highlights.terms.insert(result_.highlights.terms.end(), forms.begin(), forms.end());
    return match_forms(index_, forms);
  }

  Matches phrase(const QueryNode& node, bool negated) {
    std::vector<TermId> words;
    for (const std::string& word : node.words) {
      TermId id = 0;
      if (!index_.find_term(text::fold_for_matching(word), id)) {
        if (!negated) result_.notes.push_back("the phrase \"" + join(node.words) + "\" matched nothing");
        return {};
      }
      words.push_back(id);
    }
    if (!negated) result_.highlights.phrases.push_back(words);
    return match_phrase(index_, words);
  }

  Matches field(const QueryNode& node) {
    Matches matches;
    if (node.field == "doc") {
      // An id, a folder of ids ("sport" finds "sport/199"), or a prefix ending in *.
      const bool prefix = !node.value.empty() && node.value.back() == '*';
      const std::string value = prefix ? node.value.substr(0, node.value.size() - 1) : node.value;
      for (DocumentId i = 0; i < corpus_.documents.size(); ++i) {
        const std::string& id = corpus_.documents[i].id;
        const bool found = prefix ? id.rfind(value, 0) == 0 : (id == value || id.rfind(value + "/", 0) == 0);
        if (found) {
          matches.documents.push_back(i);
          matches.scores.push_back(0.0);
        }
      }
      return matches;
    }
    if (node.field == "tag") {
      // The reader's own tags (core/notebook.h), compared as typed.
      if (options_.document_tags) {
        for (DocumentId i = 0; i < corpus_.documents.size(); ++i) {
          const auto found = options_.document_tags->find(corpus_.documents[i].id);
          if (found != options_.document_tags->end() && found->second.count(node.value)) {
            matches.documents.push_back(i);
            matches.scores.push_back(0.0);
          }
        }
      }
      if (matches.documents.empty()) result_.notes.push_back("no document is tagged \"" + node.value + "\"");
      return matches;
    }
    auto from_documents = [](const std::vector<DocumentId>& documents) {
      Matches found;
      found.documents = documents;
      found.scores.assign(documents.size(), 0.0);
      return found;
    };
    if (node.field == "has") {
      if (node.value == "quote" || node.value == "quotes") return from_documents(index_.documents_with_quotes());
      if (node.value == "money" || node.value == "amount" || node.value == "amounts") return from_documents(index_.documents_with_money());
      result_.notes.push_back("has: takes quote or money, not \"" + node.value + "\": it matches nothing");
      return matches;
    }
    if (corpus_.entities.empty()) {
      result_.notes.push_back("the filter " + node.field + ":" + node.value + " needs entities, which this corpus does not have: it matches nothing");
      return matches;
    }
    // entity: an id, a name or an alias (case and accents folded); type: an entity type.
    const std::string wanted = text::fold_for_matching(node.value);
    for (std::size_t e = 0; e < corpus_.entities.size(); ++e) {
      const EntityRecord& entity = corpus_.entities[e];
      bool selected = false;
      if (node.field == "type") {
        selected = entity.type == wanted;
      } else {
        selected = entity.id == node.value || text::fold_for_matching(entity.name) == wanted;
        for (const std::string& alias : entity.aliases) selected = selected || text::fold_for_matching(alias) == wanted;
      }
      if (selected) matches = unite(matches, from_documents(index_.documents_of_entity(e)));
    }
    if (matches.documents.empty()) result_.notes.push_back("no entity matches " + node.field + ":" + node.value);
    return matches;
  }

  static std::string join(const std::vector<std::string>& words) {
    std::string text;
    for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
    return text;
  }

  const Index& index_;
  const Corpus& corpus_;
  const SearchOptions& options_;
  SearchResult& result_;
};

// [SECTION] Highlights and passages ----------------------------------------------------------------

constexpr std::uint32_t kLongestPassage = 280;  // bytes; longer sentences are cut around their matches

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t rows = a.size() + 1;
  const std::size_t columns = b.size() + 1;
  std::vector<std::size_t> previous_previous(columns), previous(columns), current(columns);
  for (std::size_t j = 0; j < columns; ++j) previous[j] = j;
  for (std::size_t i = 1; i < rows; ++i) {
    current[0] = i;
    std::size_t row_minimum = current[0];
    for (std::size_t j = 1; j < columns; ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) current[j] = std::min(current[j], previous_previous[j - 2] + 1);
      row_minimum = std::min(row_minimum, current[j]);
    }
    if (row_minimum > limit) return limit + 1;
    std::swap(previous_previous, previous);
    std::swap(previous, current);
  }
  return std::min(previous[columns - 1], limit + 1);
}

std::vector<Highlight> find_highlights(std::span<const IndexedToken> tokens, const HighlightPlan& plan) {
  std::vector<Highlight> highlights;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (std::binary_search(plan.terms.begin(), plan.terms.end(), tokens[i].term)) highlights.push_back({tokens[i].start, tokens[i].end});
    for (const std::vector<TermId>& phrase : plan.phrases) {
      if (i + phrase.size() > tokens.size()) continue;
      bool matches = true;
      for (std::size_t w = 0; w < phrase.size() && matches; ++w) matches = tokens[i + w].term == phrase[w];
      if (matches) highlights.push_back({tokens[i].start, tokens[i + phrase.size() - 1].end});
    }
  }
  // Sorted, overlapping ones merged.
  std::sort(highlights.begin(), highlights.end(), [](const Highlight& a, const Highlight& b) { return a.start < b.start; });
  std::vector<Highlight> merged;
  for (const Highlight& highlight : highlights) {
    if (!merged.empty() && highlight.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, highlight.end);
    } else {
      merged.push_back(highlight);
    }
  }
  return merged;
}

std::vector<Passage> find_passages(const Index& index, const Corpus& corpus, DocumentId document, const HighlightPlan& plan,
                                   std::size_t count) {
  const std::string& text = corpus.documents[document].text;
  const DocumentTokens tokens = index.tokens(document);
  const std::vector<Highlight> highlights = find_highlights(tokens.body, plan);

  // Each sentence with matches is a candidate; without any match, the opening sentences stand
  // for the text.
  struct Candidate {
    std::size_t sentence;
    std::size_t first_highlight;
    std::size_t highlight_count;
    std::vector<std::string> matched_words;  // folded, distinct
  };
  std::vector<Candidate> candidates;
  std::size_t h = 0;
  for (std::size_t s = 0; s < tokens.sentences.size(); ++s) {
    const text::Sentence& sentence = tokens.sentences[s];
    while (h < highlights.size() && highlights[h].start < sentence.start) ++h;
    std::size_t end = h;
    while (end < highlights.size() && highlights[end].end <= sentence.end) ++end;
    if (end > h || highlights.empty()) {
      Candidate candidate{s, h, end - h, {}};
      for (std::size_t i = h; i < end; ++i) {
        std::string word = text::fold_for_matching(std::string_view(text).substr(highlights[i].start, highlights[i].end - highlights[i].start));
        if (std::find(candidate.matched_words.begin(), candidate.matched_words.end(), word) == candidate.matched_words.end()) {
          candidate.matched_words.push_back(std::move(word));
        }
      }
      candidates.push_back(std::move(candidate));
    }
    h = end;
  }
  // Greedily take the sentence that adds the most words not shown yet, then the most matches;
  // earlier sentences win ties.
  std::vector<Candidate> chosen;
  std::vector<std::string> shown_words;
  while (chosen.size() < count && !candidates.empty()) {
    std::size_t best = 0;
    std::size_t best_new = 0;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      std::size_t new_words = 0;
      for (const std::string& word : candidates[c].matched_words) {
        new_words += std::find(shown_words.begin(), shown_words.end(), word) == shown_words.end() ? 1 : 0;
      }
      if (c == 0 || new_words > best_new || (new_words == best_new && candidates[c].highlight_count > candidates[best].highlight_count)) {
        best = c;
        best_new = new_words;
      }
    }
    shown_words.insert(shown_words.end(), candidates[best].matched_words.begin(), candidates[best].matched_words.end());
    chosen.push_back(std::move(candidates[best]));
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(best));
  }
  candidates = std::move(chosen);
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.sentence < b.sentence; });

  std::vector<Passage> passages;
  for (const Candidate& candidate : candidates) {
    const text::Sentence& sentence = tokens.sentences[candidate.sentence];
    Passage passage{sentence.start, sentence.end, false, false, {}};
    if (passage.end - passage.start > kLongestPassage) {
      // Cut a window around the first match, at spaces.
      const std::uint32_t anchor = candidate.highlight_count > 0 ? highlights[candidate.first_highlight].start : passage.start;
      std::uint32_t start = anchor > passage.start + kLongestPassage / 3 ? anchor - kLongestPassage / 3 : passage.start;
      std::uint32_t end = std::min(passage.end, start + kLongestPassage);
      while (start > passage.start && text[start - 1] != ' ') --start;
      while (end < passage.end && end > start && text[end - 1] != ' ') --end;
      passage.cut_before = start > passage.start;
      passage.cut_after = end < passage.end;
      passage.start = start;
      passage.end = std::max(end, start + 1);
    }
    for (std::size_t i = candidate.first_highlight; i < candidate.first_highlight + candidate.highlight_count; ++i) {
      if (highlights[i].start >= passage.start && highlights[i].end <= passage.end) passage.highlights.push_back(highlights[i]);
    }
    passages.push_back(std::move(passage));
  }
  return passages;
}

// [SECTION] Facets and the search itself -----------------------------------------------------------

namespace {

constexpr std::size_t kMostFacetValues = 12;

std::vector<Facet> count_facets(const Index& index, const Corpus& corpus, const std::vector<Hit>& hits) {
  std::vector<Facet> facets;
  std::vector<bool> in_results(corpus.documents.size(), false);
  for (const Hit& hit : hits) in_results[hit.document] = true;
  auto by_count = [](const FacetValue& a, const FacetValue& b) { return a.count != b.count ? a.count > b.count : a.value < b.value; };

  // Entities by type: in how many of the results each appears.
  for (const char* type : {"person", "organization", "place", "product", "event", "law", "other"}) {
    Facet facet{type, {}};
    for (std::size_t e = 0; e < corpus.entities.size(); ++e) {
      if (corpus.entities[e].type != type) continue;
      std::size_t count = 0;
      for (DocumentId document : index.documents_of_entity(e)) count += in_results[document] ? 1 : 0;
      if (count > 0) facet.values.push_back({corpus.entities[e].name, count});
    }
    std::sort(facet.values.begin(), facet.values.end(), by_count);
    if (facet.values.size() > kMostFacetValues) facet.values.resize(kMostFacetValues);
    if (!facet.values.empty()) facets.push_back(std::move(facet));
  }

  Facet has{"has", {}};
  for (const auto& [name, documents] : {std::pair{"quote", &index.documents_with_quotes()}, std::pair{"money", &index.documents_with_money()}}) {
    std::size_t count = 0;
    for (DocumentId document : *documents) count += in_results[document] ? 1 : 0;
    has.values.push_back({name, count});
  }
  facets.push_back(std::move(has));

  std::map<std::string, std::size_t> folders;
  for (const Hit& hit : hits) {
    const std::string& id = corpus.documents[hit.document].id;
    const std::size_t slash = id.rfind('/');
    ++folders[slash == std::string::npos ? std::string("(top level)") : id.substr(0, slash)];
  }
  Facet folder{"folder", {}};
  for (const auto& [value, count] : folders) folder.values.push_back({value, count});
  std::sort(folder.values.begin(), folder.values.end(), by_count);
  facets.push_back(std::move(folder));
  return facets;
}

}  // namespace

SearchResult run_query(const Index& index, const Corpus& corpus, std::string_view query, const SearchOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  SearchResult result;
  ParsedQuery parsed = parse_query(query);
  result.notes = std::move(parsed.problems);

  Evaluator evaluator(index, corpus, options, result);
  const Matches matches = evaluator.evaluate(parsed.root, false);
  std::sort(result.highlights.terms.begin(), result.highlights.terms.end());
  result.highlights.terms.erase(std::unique(result.highlights.terms.begin(), result.highlights.terms.end()), result.highlights.terms.end());

  result.hits.reserve(matches.documents.size());
  for (std::size_t i = 0; i < matches.documents.size(); ++i) result.hits.push_back({matches.documents[i], matches.scores[i], {}, {}});
  if (options.sort == SortOrder::Relevance) {
    std::stable_sort(result.hits.begin(), result.hits.end(), [](const Hit& a, const Hit& b) { return a.score > b.score; });
  }
  const std::size_t with_passages = std::min(options.hits_with_passages, result.hits.size());
  for (std::size_t i = 0; i < with_passages; ++i) {
    Hit& hit = result.hits[i];
    hit.title_highlights = find_highlights(index.tokens(hit.document).title, result.highlights);
    hit.passages = find_passages(index, corpus, hit.document, result.highlights, options.passages_per_hit);
  }
  result.facets = count_facets(index, corpus, result.hits);
  result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace loupe::search
