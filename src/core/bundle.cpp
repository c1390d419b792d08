// Writing and validating corpus bundles (see bundle.h).
#include "core/bundle.h"

#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/ingest/json_records.h"

namespace loupe {
namespace {

using nlohmann::json;

// A bundle nests five levels (the root, "entities", an entity, its "mentions", a mention). Deeper
// JSON is refused before it is parsed: nlohmann::json's dump() recurses, and a "version" of
// 100,000 nested arrays, dumped into the version message, overflowed the stack.
constexpr std::size_t kMaxBundleDepth = 64;

// Thrown inside read_bundle only, turned into BundleReadResult::error before it leaves.
struct InvalidBundle {
  std::string message;
};

const json& require(const json& object, const char* key, json::value_t type, const std::string& place) {
  const auto found = object.find(key);
  const std::string where = place.empty() ? std::string(key) : place + "." + key;
  if (found == object.end()) throw InvalidBundle{where + ": missing"};
  const bool number_expected = type == json::value_t::number_unsigned;
  const bool type_matches = number_expected ? found->is_number_unsigned() : found->type() == type;
  if (!type_matches) {
    const char* expected = number_expected ? "a whole number >= 0" : json(type).type_name();
    if (type == json::value_t::string) expected = "a string";
    if (type == json::value_t::array) expected = "an array";
    throw InvalidBundle{where + ": expected " + expected + ", found " + found->type_name()};
  }
  return *found;
}

Document read_document(const json& item, const std::string& place) {
  if (!item.is_object()) throw InvalidBundle{place + ": expected an object, found " + item.type_name()};
  Document document;
  document.id = require(item, "id", json::value_t::string, place).get<std::string>();
  if (document.id.empty()) throw InvalidBundle{place + ".id: empty"};
  document.title = require(item, "title", json::value_t::string, place).get<std::string>();
  document.text = require(item, "text", json::value_t::string, place).get<std::string>();
  document.word_count = require(item, "words", json::value_t::number_unsigned, place).get<std::size_t>();
  for (auto [key, field] : {std::pair{"date", &document.date}, std::pair{"url", &document.url},
                            std::pair{"source", &document.source}, std::pair{"author", &document.author}}) {
    if (item.contains(key)) *field = require(item, key, json::value_t::string, place).get<std::string>();
  }
  if (item.contains("warnings")) {
    const json& warnings = require(item, "warnings", json::value_t::array, place);
    for (std::size_t i = 0; i < warnings.size(); ++i) {
      if (!warnings[i].is_string()) throw InvalidBundle{place + ".warnings[" + std::to_string(i) + "]: expected a string"};
      document.warnings.push_back(warnings[i].get<std::string>());
    }
  }
  if (item.contains("removed")) {
    const json& removed = require(item, "removed", json::value_t::array, place);
    for (std::size_t i = 0; i < removed.size(); ++i) {
      const std::string removed_place = place + ".removed[" + std::to_string(i) + "]";
      if (!removed[i].is_object()) throw InvalidBundle{removed_place + ": expected an object"};
      document.removed.push_back({require(removed[i], "text", json::value_t::string, removed_place).get<std::string>(),
                                  require(removed[i], "reason", json::value_t::string, removed_place).get<std::string>()});
    }
  }
  return document;
}

// A span given as {"doc": id, "start", "end"} (the document by id) and checked against its text.
TextSpan read_span(const json& item, const std::string& place, const Corpus& corpus,
                   const std::unordered_map<std::string, std::size_t>& document_positions) {
  if (!item.is_object()) throw InvalidBundle{place + ": expected an object, found " + item.type_name()};
  const std::string document_id = require(item, "doc", json::value_t::string, place).get<std::string>();
  const auto found = document_positions.find(document_id);
  if (found == document_positions.end()) throw InvalidBundle{place + ".doc: no document with id \"" + document_id + "\""};
  TextSpan span;
  span.document = found->second;
  const std::uint64_t start = require(item, "start", json::value_t::number_unsigned, place).get<std::uint64_t>();
  const std::uint64_t end = require(item, "end", json::value_t::number_unsigned, place).get<std::uint64_t>();
  const std::size_t length = corpus.documents[span.document].text.size();
  if (start > end || end > length) {
    throw InvalidBundle{place + ": offsets " + std::to_string(start) + ".." + std::to_string(end) + " lie outside the text of \"" +
                        document_id + "\" (" + std::to_string(length) + " bytes)"};
  }
  span.start = static_cast<std::uint32_t>(start);
  span.end = static_cast<std::uint32_t>(end);
  return span;
}

std::string optional_string(const json& item, const char* key, const std::string& place) {
  if (!item.contains(key) || item[key].is_null()) return {};
  return require(item, key, json::value_t::string, place).get<std::string>();
}

double read_number(const json& item, const char* key, const std::string& place) {
  const auto found = item.find(key);
  if (found == item.end()) throw InvalidBundle{place + "." + key + ": missing"};
  if (!found->is_number()) throw InvalidBundle{place + "." + key + ": expected a number, found " + found->type_name()};
  return found->get<double>();
}

const std::unordered_set<std::string> kEntityTypes = {"person", "organization", "place", "product", "event", "law", "other"};

void read_extraction(const json& root, Corpus& corpus) {
  std::unordered_map<std::string, std::size_t> document_positions;
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) document_positions.emplace(corpus.documents[i].id, i);
  std::unordered_set<std::string> entity_ids;
  if (root.contains("entities")) {
    const json& entities = require(root, "entities", json::value_t::array, "");
    for (std::size_t i = 0; i < entities.size(); ++i) {
      const std::string place = "entities[" + std::to_string(i) + "]";
      const json& item = entities[i];
      if (!item.is_object()) throw InvalidBundle{place + ": expected an object, found " + item.type_name()};
      EntityRecord entity;
      entity.id = require(item, "id", json::value_t::string, place).get<std::string>();
      if (!entity_ids.insert(entity.id).second) throw InvalidBundle{place + ".id: duplicate id \"" + entity.id + "\""};
      entity.name = require(item, "name", json::value_t::string, place).get<std::string>();
      entity.type = require(item, "type", json::value_t::string, place).get<std::string>();
      if (!kEntityTypes.count(entity.type)) throw InvalidBundle{place + ".type: unknown type \"" + entity.type + "\""};
      if (item.contains("aliases")) {
        const json& aliases = require(item, "aliases", json::value_t::array, place);
        for (std::size_t a = 0; a < aliases.size(); ++a) {
          if (!aliases[a].is_string()) throw InvalidBundle{place + ".aliases[" + std::to_string(a) + "]: expected a string"};
          entity.aliases.push_back(aliases[a].get<std::string>());
        }
      }
      const json& mentions = require(item, "mentions", json::value_t::array, place);
      for (std::size_t m = 0; m < mentions.size(); ++m) {
        entity.mentions.push_back(read_span(mentions[m], place + ".mentions[" + std::to_string(m) + "]", corpus, document_positions));
      }
      corpus.entities.push_back(std::move(entity));
    }
  }
  auto entity_reference = [&](const json& item, const char* key, const std::string& place) {
    std::string id = optional_string(item, key, place);
    if (!id.empty() && !entity_ids.count(id)) throw InvalidBundle{place + "." + key + ": no entity with id \"" + id + "\""};
    return id;
  };
  if (root.contains("quotes")) {
    const json& quotes = require(root, "quotes", json::value_t::array, "");
    for (std::size_t i = 0; i < quotes.size(); ++i) {
      const std::string place = "quotes[" + std::to_string(i) + "]";
      QuoteRecord quote;
      quote.span = read_span(quotes[i], place, corpus, document_positions);
      quote.speaker = entity_reference(quotes[i], "speaker", place);
      quote.speaker_name = optional_string(quotes[i], "speaker_name", place);
      quote.role = optional_string(quotes[i], "role", place);
      corpus.quotes.push_back(std::move(quote));
    }
  }
  if (root.contains("money")) {
    const json& amounts = require(root, "money", json::value_t::array, "");
    for (std::size_t i = 0; i < amounts.size(); ++i) {
      const std::string place = "money[" + std::to_string(i) + "]";
      AmountRecord amount;
      amount.span = read_span(amounts[i], place, corpus, document_positions);
      amount.currency = require(amounts[i], "currency", json::value_t::string, place).get<std::string>();
      amount.minimum = read_number(amounts[i], "min", place);
      amount.maximum = read_number(amounts[i], "max", place);
      if (amounts[i].contains("usd_min") && !amounts[i]["usd_min"].is_null()) amount.usd_minimum = read_number(amounts[i], "usd_min", place);
      if (amounts[i].contains("usd_max") && !amounts[i]["usd_max"].is_null()) amount.usd_maximum = read_number(amounts[i], "usd_max", place);
      amount.subject = entity_reference(amounts[i], "subject", place);
      corpus.amounts.push_back(std::move(amount));
    }
  }
  if (root.contains("rates")) {
    const json& rates = require(root, "rates", json::value_t::object, "");
    corpus.rates_date = optional_string(rates, "date", "rates");
    corpus.rates_source = optional_string(rates, "source", "rates");
  }
}

Corpus read_corpus(const json& root) {
  if (!root.is_object()) throw InvalidBundle{std::string("top level: expected an object, found ") + root.type_name()};
  const std::string format = require(root, "format", json::value_t::string, "").get<std::string>();
  if (format != kBundleFormat) throw InvalidBundle{"format: expected \"loupe-corpus\", found \"" + format + "\""};
  const json& version = root.contains("version") ? root["version"] : json();
  if (!version.is_number_integer() || version.get<long long>() != kBundleVersion) {
    throw InvalidBundle{"version: this Loupe reads version " + std::to_string(kBundleVersion) + ", found " +
                        (version.is_null() ? std::string("none") : version.dump())};
  }
  Corpus corpus;
  corpus.name = require(root, "name", json::value_t::string, "").get<std::string>();
  const json& documents = require(root, "documents", json::value_t::array, "");
  std::unordered_set<std::string> seen_ids;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const std::string place = "documents[" + std::to_string(i) + "]";
    Document document = read_document(documents[i], place);
    if (!seen_ids.insert(document.id).second) throw InvalidBundle{place + ".id: duplicate id \"" + document.id + "\""};
    corpus.documents.push_back(std::move(document));
  }
  read_extraction(root, corpus);
  return corpus;
}

}  // namespace

std::string write_bundle(const Corpus& corpus) {
  json documents = json::array();
  for (const Document& document : corpus.documents) {
    json item = {{"id", document.id}, {"title", document.title}, {"text", document.text}, {"words", document.word_count}};
    for (auto [key, field] : {std::pair{"date", &document.date}, std::pair{"url", &document.url},
                              std::pair{"source", &document.source}, std::pair{"author", &document.author}}) {
      if (!field->empty()) item[key] = *field;
    }
    if (!document.warnings.empty()) item["warnings"] = document.warnings;
    if (!document.removed.empty()) {
      json removed = json::array();
      for (const RemovedText& piece : document.removed) removed.push_back({{"text", piece.text}, {"reason", piece.reason}});
      item["removed"] = removed;
    }
    documents.push_back(std::move(item));
  }
  json root = {{"format", kBundleFormat}, {"version", kBundleVersion}, {"name", corpus.name}, {"documents", documents}};
  auto span_json = [&](const TextSpan& span) {
    return json{{"doc", corpus.documents[span.document].id}, {"start", span.start}, {"end", span.end}};
  };
  auto text_of = [&](const TextSpan& span) { return corpus.documents[span.document].text.substr(span.start, span.end - span.start); };
  auto id_or_null = [](const std::string& id) { return id.empty() ? json(nullptr) : json(id); };
  json entities = json::array();
  for (const EntityRecord& entity : corpus.entities) {
    json mentions = json::array();
    for (const TextSpan& mention : entity.mentions) mentions.push_back(span_json(mention));
    entities.push_back({{"id", entity.id}, {"name", entity.name}, {"type", entity.type}, {"aliases", entity.aliases}, {"mentions", mentions}});
  }
  json quotes = json::array();
  for (const QuoteRecord& quote : corpus.quotes) {
    json item = span_json(quote.span);
    item["text"] = text_of(quote.span);
    item["speaker"] = id_or_null(quote.speaker);
    item["speaker_name"] = quote.speaker_name;
    item["role"] = quote.role;
    quotes.push_back(std::move(item));
  }
  json amounts = json::array();
  for (const AmountRecord& amount : corpus.amounts) {
    json item = span_json(amount.span);
    item["text"] = text_of(amount.span);
    item["currency"] = amount.currency;
    item["min"] = amount.minimum;
    item["max"] = amount.maximum;
    item["usd_min"] = amount.usd_minimum ? json(*amount.usd_minimum) : json(nullptr);
    item["usd_max"] = amount.usd_maximum ? json(*amount.usd_maximum) : json(nullptr);
    item["subject"] = id_or_null(amount.subject);
    amounts.push_back(std::move(item));
  }
  root["entities"] = entities;
  root["quotes"] = quotes;
  root["money"] = amounts;
  if (!corpus.rates_date.empty()) root["rates"] = {{"date", corpus.rates_date}, {"source", corpus.rates_source}};
  // Invalid UTF-8 is replaced rather than thrown on: the bundle is always written.
  return root.dump(-1, ' ', false, json::error_handler_t::replace);
}

BundleReadResult read_bundle(std::string_view json_text) {
  BundleReadResult result;
  if (const std::optional<std::size_t> too_deep = ingest::json_nesting_exceeds(json_text, kMaxBundleDepth)) {
    result.error = "not a Loupe bundle: JSON nested deeper than " + std::to_string(kMaxBundleDepth) + " levels (at byte " +
                   std::to_string(*too_deep) + ")";
    return result;
  }
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::exception& error) {  // parse_error, or out_of_range for a number too large for a double (1e400)
    result.error = std::string("not valid JSON: ") + error.what();
    return result;
  }
  try {
    result.corpus = read_corpus(root);
  } catch (const InvalidBundle& invalid) {
    result.error = invalid.message;
  }
  return result;
}

}  // namespace loupe
