// Extraction over a whole corpus (see annotate.h).
#include "core/extract/annotate.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/extract/entities.h"
#include "core/extract/quotes.h"
#include "core/parallel.h"
#include "core/text/sentences.h"
#include "core/text/unicode.h"

namespace loupe::extract {
namespace {

// A mention of a merged entity in one document: where it is, and its entity's place in corpus.entities.
struct MentionOfEntity {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::size_t entity = 0;
  bool operator<(const MentionOfEntity& other) const { return std::tie(start, end) < std::tie(other.start, other.end); }
};

}  // namespace

namespace {

// The entity an amount belongs to (see annotate_corpus); `entity_of` gives a mention's entity id.
std::string subject_of_amount(std::string_view text, const std::vector<text::Sentence>& sentences, const std::vector<RawMention>& mentions,
                              const Amount& amount, const std::function<std::string(const RawMention&)>& entity_of) {
  std::uint32_t clause_start = 0;
  for (const text::Sentence& sentence : sentences) {
    if (sentence.start <= amount.start) clause_start = sentence.start;
  }
  // A clause ends at a semicolon or a dash between spaces.
  for (std::uint32_t at = clause_start; at < amount.start; ++at) {
    if (text[at] == ';' || (at + 1 < amount.start && text.compare(at, 3, " \xE2\x80") == 0 && at > clause_start)) {
      if (text[at] == ';' || text.compare(at, 5, " \xE2\x80\x93 ") == 0 || text.compare(at, 5, " \xE2\x80\x94 ") == 0) clause_start = at + 1;
    }
  }
  const RawMention* first_actor = nullptr;
  const RawMention* nearest_actor = nullptr;
  const RawMention* nearest_place = nullptr;
  for (const RawMention& mention : mentions) {
    if (mention.start < clause_start || mention.end > amount.start) continue;
    // "Microsoft's $13 billion": the owner right before the amount.
    const std::string_view between = text.substr(mention.end, amount.start - mention.end);
    if (between == "'s " || between == "\xE2\x80\x99s " || between == "' ") {
      if (std::string id = entity_of(mention); !id.empty()) return id;
    }
    const bool actor = mention.type == EntityType::Organization || mention.type == EntityType::Person;
    if (actor) nearest_actor = &mention;
    if (actor && !first_actor) first_actor = &mention;
    if (mention.type == EntityType::Place) nearest_place = &mention;
  }
  // "its $13 billion investment", "their £5m offer": the owner is the clause's subject.
  const std::string_view before = text.substr(clause_start, amount.start - clause_start);
  for (std::string_view pronoun : {" its ", " their ", " his ", " her "}) {
    if (before.size() >= pronoun.size() && before.substr(before.size() - pronoun.size()) == pronoun && first_actor) return entity_of(*first_actor);
  }
  if (nearest_actor) return entity_of(*nearest_actor);
  if (nearest_place) return entity_of(*nearest_place);
  return {};
}

}  // namespace

CorpusAnnotator::CorpusAnnotator(const Corpus& corpus, const EntityTagger& tagger) : corpus_(corpus), tagger_(tagger) {
  mentions_by_document_.reserve(corpus.documents.size());
}

std::size_t CorpusAnnotator::tag_next(std::size_t count) {
  for (std::size_t tagged = 0; tagged < count && !all_tagged(); ++tagged) {
    mentions_by_document_.push_back(find_mentions(tagger_, corpus_.documents[mentions_by_document_.size()].text));
  }
  return mentions_by_document_.size();
}

void CorpusAnnotator::tag_rest(unsigned threads) {
  const std::size_t first = mentions_by_document_.size();
  mentions_by_document_.resize(corpus_.documents.size());
  for_each_index(corpus_.documents.size() - first, threads, [&](std::size_t i) {
    mentions_by_document_[first + i] = find_mentions(tagger_, corpus_.documents[first + i].text);
  });
}

void annotate_corpus(Corpus& corpus, const EntityTagger& tagger, const RateTable& rates, unsigned threads) {
  CorpusAnnotator annotator(corpus, tagger);
  annotator.tag_rest(threads);
  annotator.finish(corpus, rates, threads);
}

void CorpusAnnotator::finish(Corpus& corpus, const RateTable& rates, unsigned threads) {
  tag_next(corpus.documents.size());
  corpus.entities.clear();
  corpus.quotes.clear();
  corpus.amounts.clear();
  corpus.rates_date = rates.date;
  corpus.rates_source = rates.source;

  // The tagger ran once per document (tag_next); its mentions serve the entities and the quotes.
  const std::vector<std::vector<RawMention>>& mentions_by_document = mentions_by_document_;

  // The mentions merged into entities (on one thread but for the parts merge_mentions spreads
  // itself), while each document's quotes and amounts are found on the other threads (what they
  // belong to is settled below, once the entities are).
  const std::size_t document_count = corpus.documents.size();
  std::vector<Entity> merged_entities;
  std::vector<std::vector<Quote>> quotes_found(document_count);
  std::vector<std::vector<Amount>> amounts_found(document_count);
  std::vector<std::vector<text::Sentence>> sentences_with_amounts(document_count);  // only where there are amounts
  const unsigned finding_threads = threads > 1 ? threads - 1 : 1;
  for_each_index(2, threads, [&](std::size_t task) {
    if (task == 0) {
      merged_entities = merge_mentions(mentions_by_document, corpus, threads);
      return;
    }
    for_each_index(document_count, finding_threads, [&](std::size_t d) {
      const std::string& text = corpus.documents[d].text;
      quotes_found[d] = find_quotes(text, mentions_by_document[d]);
      amounts_found[d] = find_amounts(text);
      if (!amounts_found[d].empty()) sentences_with_amounts[d] = text::split_sentences(text);
    });
  });

  // Entities, and which entity each mention belongs to (per document; ordered by place on the
  // document's own thread below).
  std::vector<std::vector<MentionOfEntity>> entity_of_mention(document_count);
  // Each document's mentions of the merged entities (with the acronyms merging adds), by type.
  std::vector<std::vector<RawMention>> entity_mentions(document_count);
  // The records, and each entity's name and aliases folded, on every thread; then in order, on
  // this one, the documents' lists and the names (the most mentioned entity, first, wins a name).
  const std::size_t entity_count = merged_entities.size();
  corpus.entities.resize(entity_count);
  std::vector<std::vector<std::string>> folded_names(entity_count);
  for_each_index(entity_count, threads, [&](std::size_t e) {
    const Entity& entity = merged_entities[e];
    folded_names[e].reserve(1 + entity.aliases.size());
    folded_names[e].push_back(text::fold_for_matching(entity.name));
    for (const std::string& alias : entity.aliases) folded_names[e].push_back(text::fold_for_matching(alias));
    EntityRecord& record = corpus.entities[e];
    record = {entity.id, entity.name, std::string(type_name(entity.type)), entity.aliases, {}};
    record.mentions.reserve(entity.mentions.size());
    for (const Mention& mention : entity.mentions) record.mentions.push_back({mention.document, mention.start, mention.end});
  });
  std::unordered_map<std::string, std::string> entity_of_name;  // folded name or alias -> id
  for (std::size_t e = 0; e < entity_count; ++e) {
    const Entity& entity = merged_entities[e];
    for (const Mention& mention : entity.mentions) {
      entity_mentions[mention.document].push_back({mention.start, mention.end, entity.type, false});
      entity_of_mention[mention.document].push_back({mention.start, mention.end, e});
    }
    for (std::string& folded : folded_names[e]) entity_of_name.emplace(std::move(folded), entity.id);
  }
  auto entity_named = [&](std::string name) {
    if (name.rfind("The ", 0) == 0 || name.rfind("the ", 0) == 0) name.erase(0, 4);
    const auto found = entity_of_name.find(text::fold_for_matching(name));
    return found == entity_of_name.end() ? std::string() : found->second;
  };

  // Each document's quotes and amounts as records, with their entities, on every thread, then
  // joined in document order.
  std::vector<std::vector<QuoteRecord>> quotes_by_document(document_count);
  std::vector<std::vector<AmountRecord>> amounts_by_document(document_count);
  for_each_index(document_count, threads, [&](std::size_t d) {
    const std::string& text = corpus.documents[d].text;
    const std::vector<RawMention>& mentions = mentions_by_document[d];
    std::vector<RawMention>& merged = entity_mentions[d];
    std::sort(merged.begin(), merged.end(), [](const RawMention& a, const RawMention& b) { return a.start < b.start; });
    std::vector<MentionOfEntity>& entities_here = entity_of_mention[d];
    std::stable_sort(entities_here.begin(), entities_here.end());
    // The id of the entity a mention of this document belongs to, or "" (the last one given, if two were).
    const auto entity_id_of = [&](const RawMention& mention) {
      const auto after = std::upper_bound(entities_here.begin(), entities_here.end(), MentionOfEntity{mention.start, mention.end, 0});
      if (after == entities_here.begin()) return std::string();
      const MentionOfEntity& found = *std::prev(after);
      return found.start == mention.start && found.end == mention.end ? corpus.entities[found.entity].id : std::string();
    };

    for (const Quote& quote : quotes_found[d]) {
      QuoteRecord record{{d, quote.start, quote.end}, {}, quote.speaker_name, quote.role};
      if (quote.speaker) record.speaker = entity_id_of(mentions[*quote.speaker]);
      if (record.speaker.empty()) record.speaker = entity_named(quote.speaker_name);
      quotes_by_document[d].push_back(std::move(record));
    }

    // Amounts: the subject is the owner named right before it ("Microsoft's $13 billion"), the
    // clause's first organization or person for "its $13 billion", else the nearest
    // organization or person before it in its clause ("Iliad pledging 3 billion euros"), else
    // the nearest place there ("France's 109-billion-euro plan").
    const std::vector<text::Sentence>& sentences = sentences_with_amounts[d];
    for (const Amount& amount : amounts_found[d]) {
      AmountRecord record{{d, amount.start, amount.end}, amount.currency, amount.minimum, amount.maximum,
                          rates.to_usd(amount.currency, amount.minimum), rates.to_usd(amount.currency, amount.maximum), {}};
      record.subject = subject_of_amount(text, sentences, merged, amount, entity_id_of);
      amounts_by_document[d].push_back(std::move(record));
    }
  });
  for (std::vector<QuoteRecord>& quotes : quotes_by_document) {
    std::move(quotes.begin(), quotes.end(), std::back_inserter(corpus.quotes));
  }
  for (std::vector<AmountRecord>& amounts : amounts_by_document) {
    std::move(amounts.begin(), amounts.end(), std::back_inserter(corpus.amounts));
  }
}

}  // namespace loupe::extract
