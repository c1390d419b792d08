// Extraction over a whole corpus (see annotate.h).
#include "core/extract/annotate.h"

#include <map>
#include <tuple>

#include "core/extract/entities.h"
#include "core/extract/quotes.h"
#include "core/text/sentences.h"
#include "core/text/unicode.h"

namespace loupe::extract {
namespace {

using MentionKey = std::tuple<std::size_t, std::uint32_t, std::uint32_t>;  // document, start, end

}  // namespace

void annotate_corpus(Corpus& corpus, const EntityTagger& tagger, const RateTable& rates) {
  corpus.entities.clear();
  corpus.quotes.clear();
  corpus.amounts.clear();
  corpus.rates_date = rates.date;
  corpus.rates_source = rates.source;

  // Entities, and which entity each mention belongs to.
  std::map<MentionKey, std::string> entity_of_mention;
  std::map<std::string, std::string> entity_of_name;  // folded name or alias -> id (the most mentioned wins)
  for (const Entity& entity : extract_entities(tagger, corpus)) {
    EntityRecord record{entity.id, entity.name, type_name(entity.type), entity.aliases, {}};
    for (const Mention& mention : entity.mentions) {
      record.mentions.push_back({mention.document, mention.start, mention.end});
      entity_of_mention[{mention.document, mention.start, mention.end}] = entity.id;
    }
    entity_of_name.emplace(text::fold_for_matching(entity.name), entity.id);
    for (const std::string& alias : entity.aliases) entity_of_name.emplace(text::fold_for_matching(alias), entity.id);
    corpus.entities.push_back(std::move(record));
  }
  auto entity_named = [&](std::string name) {
    if (name.rfind("The ", 0) == 0 || name.rfind("the ", 0) == 0) name.erase(0, 4);
    const auto found = entity_of_name.find(text::fold_for_matching(name));
    return found == entity_of_name.end() ? std::string() : found->second;
  };

  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    const std::string& text = corpus.documents[d].text;
    const std::vector<RawMention> mentions = find_mentions(tagger, text);

    for (const Quote& quote : find_quotes(text, mentions)) {
      QuoteRecord record{{d, quote.start, quote.end}, {}, quote.speaker_name, quote.role};
      if (quote.speaker) {
        const RawMention& mention = mentions[*quote.speaker];
        const auto found = entity_of_mention.find({d, mention.start, mention.end});
        if (found != entity_of_mention.end()) record.speaker = found->second;
      }
      if (record.speaker.empty()) record.speaker = entity_named(quote.speaker_name);
      corpus.quotes.push_back(std::move(record));
    }

    // Amounts: the subject is the nearest organization or person before it in its sentence.
    const std::vector<text::Sentence> sentences = text::split_sentences(text);
    for (const Amount& amount : find_amounts(text)) {
      AmountRecord record{{d, amount.start, amount.end}, amount.currency, amount.minimum, amount.maximum,
                          rates.to_usd(amount.currency, amount.minimum), rates.to_usd(amount.currency, amount.maximum), {}};
      std::uint32_t sentence_start = 0;
      for (const text::Sentence& sentence : sentences) {
        if (sentence.start <= amount.start) sentence_start = sentence.start;
      }
      for (const RawMention& mention : mentions) {
        const bool speaker_type = mention.type == EntityType::Organization || mention.type == EntityType::Person;
        if (!speaker_type || mention.start < sentence_start || mention.end > amount.start) continue;
        const auto found = entity_of_mention.find({d, mention.start, mention.end});
        if (found != entity_of_mention.end()) record.subject = found->second;
      }
      corpus.amounts.push_back(std::move(record));
    }
  }
}

}  // namespace loupe::extract
