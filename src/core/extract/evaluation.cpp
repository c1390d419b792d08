// Scoring the extraction against a hand annotation (see evaluation.h).
//
// [SECTION] Reading the gold file
// [SECTION] Names: the forms under which an entity can be matched
// [SECTION] Scoring entities, quotes and amounts
#include "core/extract/evaluation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/ingest/ingest.h"
#include "core/text.h"
#include "core/text/unicode.h"

namespace loupe::extract {
namespace {

using json = nlohmann::json;

// [SECTION] Reading the gold file --------------------------------------------------------------------

std::string string_field(const json& object, const char* key, const std::string& place, bool required) {
  if (!object.contains(key) || object[key].is_null()) {
    if (required) throw std::runtime_error(place + "." + key + ": missing");
    return {};
  }
  if (!object[key].is_string()) throw std::runtime_error(place + "." + key + ": expected a string");
  return object[key].get<std::string>();
}

double number_field(const json& object, const char* key, const std::string& place) {
  if (!object.contains(key) || !object[key].is_number()) throw std::runtime_error(place + "." + key + ": expected a number");
  return object[key].get<double>();
}

const json& array_field(const json& object, const char* key, const std::string& place) {
  static const json empty = json::array();
  if (!object.contains(key)) return empty;
  if (!object[key].is_array()) throw std::runtime_error(place + "." + key + ": expected an array");
  return object[key];
}

GoldDocument read_gold_document(const json& item, const std::string& place) {
  if (!item.is_object()) throw std::runtime_error(place + ": expected an object");
  GoldDocument document;
  document.file = string_field(item, "file", place, true);
  const json& entities = array_field(item, "entities", place);
  for (std::size_t i = 0; i < entities.size(); ++i) {
    const std::string entity_place = place + ".entities[" + std::to_string(i) + "]";
    GoldEntity entity{string_field(entities[i], "name", entity_place, true), string_field(entities[i], "type", entity_place, true), {}};
    for (const json& alias : array_field(entities[i], "aliases", entity_place)) {
      if (!alias.is_string()) throw std::runtime_error(entity_place + ".aliases: expected strings");
      entity.aliases.push_back(alias.get<std::string>());
    }
    document.entities.push_back(std::move(entity));
  }
  const json& quotes = array_field(item, "quotes", place);
  for (std::size_t i = 0; i < quotes.size(); ++i) {
    const std::string quote_place = place + ".quotes[" + std::to_string(i) + "]";
    document.quotes.push_back({string_field(quotes[i], "starts_with", quote_place, true), string_field(quotes[i], "speaker", quote_place, false),
                               string_field(quotes[i], "role", quote_place, false)});
  }
  const json& amounts = array_field(item, "money", place);
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    const std::string amount_place = place + ".money[" + std::to_string(i) + "]";
    document.amounts.push_back({string_field(amounts[i], "text", amount_place, true), string_field(amounts[i], "currency", amount_place, true),
                                number_field(amounts[i], "min", amount_place), number_field(amounts[i], "max", amount_place),
                                string_field(amounts[i], "subject", amount_place, false)});
  }
  return document;
}

// [SECTION] Names: the forms under which an entity can be matched ---------------------------------------

// A name as compared: folded (case, diacritics), curly apostrophes straight, a possessive, a
// leading "the" and a title (Mr, Sir) dropped, spaces collapsed. "The Associated Press" and
// "Associated Press" match, as do "Mr Brown" and "Brown".
std::string comparable_name(std::string_view name) {
  std::string straight;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name.compare(i, 3, "\xE2\x80\x99") == 0 || name.compare(i, 3, "\xE2\x80\x98") == 0) {
      straight += '\'';
      i += 2;
    } else {
      straight += name[i];
    }
  }
  std::string folded = text::fold_for_matching(trim(straight));
  if (folded.size() > 2 && folded.compare(folded.size() - 2, 2, "'s") == 0) folded.resize(folded.size() - 2);
  if (folded.rfind("the ", 0) == 0) folded.erase(0, 4);
  for (std::string_view title : {"mr ", "mrs ", "ms ", "dr ", "sir ", "lord ", "lady "}) {
    if (folded.rfind(title, 0) == 0) folded.erase(0, title.size());
  }
  std::string collapsed;
  for (const char c : folded) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

using NameForms = std::set<std::string>;

NameForms forms_of(const GoldEntity& entity) {
  NameForms forms{comparable_name(entity.name)};
  for (const std::string& alias : entity.aliases) forms.insert(comparable_name(alias));
  return forms;
}

bool share_a_form(const NameForms& a, const NameForms& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& form) { return !form.empty() && b.count(form) > 0; });
}

// A predicted entity as seen from one document: its name, aliases and the words of its mentions there.
struct PredictedEntity {
  const EntityRecord* record = nullptr;
  NameForms forms;
};

std::vector<PredictedEntity> entities_in_document(const Corpus& corpus, std::size_t document) {
  std::vector<PredictedEntity> found;
  for (const EntityRecord& entity : corpus.entities) {
    PredictedEntity predicted{&entity, {}};
    for (const TextSpan& mention : entity.mentions) {
      if (mention.document != document) continue;
      predicted.forms.insert(comparable_name(std::string_view(corpus.documents[document].text).substr(mention.start, mention.end - mention.start)));
    }
    if (predicted.forms.empty()) continue;
    predicted.forms.insert(comparable_name(entity.name));
    for (const std::string& alias : entity.aliases) predicted.forms.insert(comparable_name(alias));
    found.push_back(std::move(predicted));
  }
  return found;
}

NameForms forms_of_entity_id(const Corpus& corpus, const std::string& id, const std::string& extra_name) {
  NameForms forms;
  if (!extra_name.empty()) forms.insert(comparable_name(extra_name));
  for (const EntityRecord& entity : corpus.entities) {
    if (entity.id != id) continue;
    forms.insert(comparable_name(entity.name));
    for (const std::string& alias : entity.aliases) forms.insert(comparable_name(alias));
  }
  return forms;
}

// The forms of the gold entity with this name (or the name alone when the list lacks it).
NameForms forms_of_gold_name(const GoldDocument& document, const std::string& name) {
  const NameForms named{comparable_name(name)};
  for (const GoldEntity& entity : document.entities) {
    const NameForms forms = forms_of(entity);
    if (share_a_form(forms, named)) return forms;
  }
  return named;
}

bool close_enough(double predicted, double gold) { return std::fabs(predicted - gold) <= 0.01 * std::fabs(gold) + 1e-9; }

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

// [SECTION] Scoring entities, quotes and amounts ---------------------------------------------------------

void score_entities(const Corpus& corpus, std::size_t document, const GoldDocument& gold, ExtractionScore& score) {
  std::vector<PredictedEntity> predicted = entities_in_document(corpus, document);
  std::vector<bool> used(predicted.size(), false);
  score.entities.gold += gold.entities.size();
  score.typed_entities.gold += gold.entities.size();
  score.entities.predicted += predicted.size();
  score.typed_entities.predicted += predicted.size();
  for (const GoldEntity& entity : gold.entities) ++score.entities_by_type[entity.type].gold;
  for (const PredictedEntity& entity : predicted) ++score.entities_by_type[entity.record->type].predicted;

  for (const GoldEntity& entity : gold.entities) {
    const NameForms forms = forms_of(entity);
    // Prefer a match of the right type among the entities that share a name.
    std::optional<std::size_t> match;
    for (std::size_t p = 0; p < predicted.size(); ++p) {
      if (used[p] || !share_a_form(forms, predicted[p].forms)) continue;
      if (!match || (predicted[p].record->type == entity.type && predicted[*match].record->type != entity.type)) match = p;
    }
    if (!match) {
      score.mistakes.push_back(gold.file + ": missed " + entity.type + " " + in_quotes(entity.name));
      continue;
    }
    used[*match] = true;
    ++score.entities.correct;
    const EntityRecord& record = *predicted[*match].record;
    if (record.type == entity.type) {
      ++score.typed_entities.correct;
      ++score.entities_by_type[entity.type].correct;
    } else {
      score.mistakes.push_back(gold.file + ": " + in_quotes(entity.name) + " is a " + entity.type + ", found as " + record.type + " " + in_quotes(record.name));
    }
  }
  for (std::size_t p = 0; p < predicted.size(); ++p) {
    if (!used[p]) score.mistakes.push_back(gold.file + ": not an entity of the annotation: " + predicted[p].record->type + " " + in_quotes(predicted[p].record->name));
  }
}

void score_quotes(const Corpus& corpus, std::size_t document, const GoldDocument& gold, ExtractionScore& score) {
  const std::string& text = corpus.documents[document].text;
  std::vector<const QuoteRecord*> predicted;
  for (const QuoteRecord& quote : corpus.quotes) {
    if (quote.span.document == document) predicted.push_back(&quote);
  }
  std::vector<bool> used(predicted.size(), false);
  score.quotes.gold += gold.quotes.size();
  score.quotes_with_speaker.gold += gold.quotes.size();
  score.quotes.predicted += predicted.size();
  score.quotes_with_speaker.predicted += predicted.size();
  for (const GoldQuote& quote : gold.quotes) {
    const std::size_t position = text.find(quote.starts_with);
    if (position == std::string::npos) {
      score.mistakes.push_back(gold.file + ": the quote " + in_quotes(quote.starts_with) + " is not in the cleaned text");
      continue;
    }
    std::optional<std::size_t> match;
    for (std::size_t p = 0; p < predicted.size() && !match; ++p) {
      // The found quotation covers the gold one's first words (its opening mark may differ by a character or two).
      if (!used[p] && predicted[p]->span.start <= position + 3 && predicted[p]->span.end > position) match = p;
    }
    if (!match) {
      score.mistakes.push_back(gold.file + ": missed the quote " + in_quotes(quote.starts_with) + " by " + quote.speaker);
      continue;
    }
    used[*match] = true;
    ++score.quotes.correct;
    const QuoteRecord& found = *predicted[*match];
    if (share_a_form(forms_of_gold_name(gold, quote.speaker), forms_of_entity_id(corpus, found.speaker, found.speaker_name))) {
      ++score.quotes_with_speaker.correct;
    } else {
      score.mistakes.push_back(gold.file + ": the quote " + in_quotes(quote.starts_with) + " is by " + quote.speaker + ", found as by " +
                               (found.speaker_name.empty() ? std::string("nobody") : found.speaker_name));
    }
  }
  for (std::size_t p = 0; p < predicted.size(); ++p) {
    if (used[p]) continue;
    const TextSpan& span = predicted[p]->span;
    score.mistakes.push_back(gold.file + ": not a quote of the annotation: " + in_quotes(text.substr(span.start, std::min<std::size_t>(60, span.end - span.start))));
  }
}

void score_amounts(const Corpus& corpus, std::size_t document, const GoldDocument& gold, ExtractionScore& score) {
  const std::string& text = corpus.documents[document].text;
  std::vector<const AmountRecord*> predicted;
  for (const AmountRecord& amount : corpus.amounts) {
    if (amount.span.document == document) predicted.push_back(&amount);
  }
  std::vector<bool> used(predicted.size(), false);
  score.amounts.gold += gold.amounts.size();
  score.exact_amounts.gold += gold.amounts.size();
  score.amounts.predicted += predicted.size();
  score.exact_amounts.predicted += predicted.size();
  std::size_t search_from = 0;  // the same text twice ("$1bn ... $1bn") is found in order
  for (const GoldAmount& amount : gold.amounts) {
    std::size_t start = text.find(amount.text, search_from);
    if (start == std::string::npos) start = text.find(amount.text);
    if (start == std::string::npos) {
      score.mistakes.push_back(gold.file + ": the amount " + in_quotes(amount.text) + " is not in the cleaned text");
      continue;
    }
    search_from = start + amount.text.size();
    const std::size_t end = start + amount.text.size();
    std::optional<std::size_t> match;
    for (std::size_t p = 0; p < predicted.size() && !match; ++p) {
      if (!used[p] && predicted[p]->span.start < end && predicted[p]->span.end > start) match = p;
    }
    if (!amount.subject.empty()) ++score.subjects.gold;
    if (!match) {
      score.mistakes.push_back(gold.file + ": missed the amount " + in_quotes(amount.text));
      continue;
    }
    used[*match] = true;
    ++score.amounts.correct;
    const AmountRecord& found = *predicted[*match];
    const std::string found_text = text.substr(found.span.start, found.span.end - found.span.start);
    if (found.currency == amount.currency && close_enough(found.minimum, amount.minimum) && close_enough(found.maximum, amount.maximum)) {
      ++score.exact_amounts.correct;
    } else {
      score.mistakes.push_back(gold.file + ": the amount " + in_quotes(amount.text) + " read as " + in_quotes(found_text) + " " + found.currency + " " +
                               std::to_string(found.minimum) + ".." + std::to_string(found.maximum));
    }
    if (!found.subject.empty()) ++score.subjects.predicted;
    if (amount.subject.empty() || found.subject.empty()) {
      if (!amount.subject.empty()) score.mistakes.push_back(gold.file + ": no subject found for " + in_quotes(amount.text) + " (" + amount.subject + ")");
      continue;
    }
    if (share_a_form(forms_of_gold_name(gold, amount.subject), forms_of_entity_id(corpus, found.subject, ""))) {
      ++score.subjects.correct;
    } else {
      score.mistakes.push_back(gold.file + ": the subject of " + in_quotes(amount.text) + " is " + amount.subject + ", found as " + found.subject);
    }
  }
  for (std::size_t p = 0; p < predicted.size(); ++p) {
    if (!used[p]) {
      const TextSpan& span = predicted[p]->span;
      score.mistakes.push_back(gold.file + ": not an amount of the annotation: " + in_quotes(text.substr(span.start, span.end - span.start)));
    }
  }
}

}  // namespace

std::optional<GoldAnnotations> read_gold_annotations(std::string_view json_text, std::string& error) {
  try {
    const json root = json::parse(json_text);
    if (!root.is_object()) throw std::runtime_error("expected an object at the top");
    GoldAnnotations gold;
    gold.description = string_field(root, "description", "", false);
    const json& documents = array_field(root, "documents", "");
    for (std::size_t i = 0; i < documents.size(); ++i) gold.documents.push_back(read_gold_document(documents[i], "documents[" + std::to_string(i) + "]"));
    return gold;
  } catch (const std::exception& problem) {
    error = problem.what();
    return std::nullopt;
  }
}

ExtractionScore score_extraction(const Corpus& corpus, const GoldAnnotations& gold) {
  ExtractionScore score;
  for (const GoldDocument& document : gold.documents) {
    const std::optional<std::size_t> position = corpus.find(ingest::document_id_from_path(document.file));
    if (!position) {
      score.mistakes.push_back(document.file + ": not in the corpus");
      score.entities.gold += document.entities.size();
      score.typed_entities.gold += document.entities.size();
      score.quotes.gold += document.quotes.size();
      score.quotes_with_speaker.gold += document.quotes.size();
      score.amounts.gold += document.amounts.size();
      score.exact_amounts.gold += document.amounts.size();
      continue;
    }
    score_entities(corpus, *position, document, score);
    score_quotes(corpus, *position, document, score);
    score_amounts(corpus, *position, document, score);
  }
  return score;
}

}  // namespace loupe::extract
