// Entities in a corpus: the tagger's mentions in each document's text, with byte offsets, typed
// (person, organization, place, product, event, law, other) and merged into canonical entities,
// within a document (surnames to full names, possessives, acronyms beside their full form) and
// across documents ("Mistral", "MistralAI" and "Mistral AI" are one organization).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/corpus.h"
#include "core/extract/ner.h"

namespace loupe::extract {

enum class EntityType : std::uint8_t { Person, Organization, Place, Product, Event, Law, Other };
inline constexpr const char* kEntityTypeNames[] = {"person", "organization", "place", "product", "event", "law", "other"};
const char* type_name(EntityType type);
bool entity_type_from_name(std::string_view name, EntityType& type);

// One occurrence of an entity in a document's text.
struct Mention {
  std::uint32_t document = 0;  // position in the corpus
  std::uint32_t start = 0;     // byte offsets into the document's text
  std::uint32_t end = 0;
};

struct Entity {
  std::string id;    // stable: type and canonical name, "organization:mistral-ai"
  std::string name;  // the fullest form used ("Arthur Mensch", "Mistral AI")
  EntityType type = EntityType::Other;
  std::vector<std::string> aliases;  // every other surface form ("Mensch", "MistralAI", "MS")
  std::vector<Mention> mentions;     // in corpus order
};

// A word or punctuation token in the style CoNLL-2003 was tokenised: "France's" is "France" and
// "'s", "U.S." stays whole, "$5.6" is "$" and "5.6".
struct TaggerToken {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};
std::vector<std::vector<TaggerToken>> tagger_tokens(std::string_view text);

// The tagger's spans over one text, corrected and typed, with offsets; before any merging. The
// corrections are general rules of English news, not lists of names: a role word inside a span
// splits it ("Google CEO Sundar Pichai" is Google and Sundar Pichai), name particles join
// ("Ursula von der Leyen"), common-noun acronyms ("AI", "CEO", "IPO") and nationalities used as
// adjectives ("European startups") are not entities, and the words around a name give its type
// ("startup Synthesia" an organization, "the R1 model" a product, "Meta's chief" an organization
// when no gazetteer lists Meta as a place).
struct RawMention {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  EntityType type = EntityType::Other;
  bool typed_by_context = false;  // the type comes from the words around ("Google CEO", "startup Synthesia", "R1 model")
};
std::vector<RawMention> find_mentions(const EntityTagger& tagger, std::string_view text);

// Every entity of a corpus, merged; most mentioned first.
std::vector<Entity> extract_entities(const EntityTagger& tagger, const Corpus& corpus);
// The same from each document's mentions, found already (find_mentions), by document position;
// each document's mentions are read on up to `threads` threads (the result is the same for any).
std::vector<Entity> merge_mentions(const std::vector<std::vector<RawMention>>& mentions_by_document, const Corpus& corpus, unsigned threads);

}  // namespace loupe::extract
