// Writing and validating corpus bundles (see bundle.h).
#include "core/bundle.h"

#include <nlohmann/json.hpp>
#include <unordered_set>

namespace loupe {
namespace {

using nlohmann::json;

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
  const json root = {{"format", kBundleFormat}, {"version", kBundleVersion}, {"name", corpus.name}, {"documents", documents}};
  // Invalid UTF-8 is replaced rather than thrown on: the bundle is always written.
  return root.dump(-1, ' ', false, json::error_handler_t::replace);
}

BundleReadResult read_bundle(std::string_view json_text) {
  BundleReadResult result;
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::parse_error& error) {
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
