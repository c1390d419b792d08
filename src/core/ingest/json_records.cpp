// The JSON records reader (see json_records.h), on nlohmann::json.
#include "core/ingest/json_records.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/ingest/encoding.h"
#include "core/text.h"

namespace loupe::ingest {
namespace {

using nlohmann::json;

constexpr std::string_view kRecordArrayKeys[] = {"documents", "articles", "items"};

std::string type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "something else";
  }
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string parse_error_message(const json::exception& error) {
  std::string_view message = error.what();
  const std::size_t prefix_end = message.find("] ");
  if (message.rfind("[json.exception.", 0) == 0 && prefix_end != std::string_view::npos) message.remove_prefix(prefix_end + 2);
  return "not valid JSON: " + std::string(message);
}

// Line and column (from 1) of a byte offset, for messages.
std::string place_of(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

struct ParsedJson {
  json value;
  std::string error;
};

ParsedJson parse_json(std::string_view text) {
  ParsedJson parsed;
  if (const std::optional<std::size_t> too_deep = json_nesting_exceeds(text, kMaxJsonDepth)) {
    parsed.error = "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels (at " + place_of(text, *too_deep) +
                   "): not a file of records";
    return parsed;
  }
  try {
    parsed.value = json::parse(text);
  } catch (const json::exception& error) {  // parse_error, or out_of_range for a number too large for a double (1e999)
    parsed.error = parse_error_message(error);
  }
  return parsed;
}

// A metadata field: a string, or a number for dates; null counts as absent.
void read_field(const json& record, std::string_view key, std::string& target, std::string_view where,
                std::vector<std::string>& problems) {
  const auto found = record.find(key);
  if (found == record.end() || found->is_null()) return;
  std::vector<std::string> ignored_warnings;
  if (found->is_string()) {
    target = std::string(trim(normalize_line_ends_and_controls(found->get_ref<const std::string&>(), ignored_warnings)));
  } else if (key == "date" && found->is_number()) {
    target = found->dump();
  } else if (key == "author" && found->is_array() &&
             std::all_of(found->begin(), found->end(), [](const json& name) { return name.is_string(); })) {
    for (const json& name : *found) target += (target.empty() ? "" : ", ") + name.get<std::string>();
  } else {
    problems.push_back(std::string(where) + ": \"" + std::string(key) + "\" is " + type_name(*found) + ", not a string: ignored");
  }
}

// A document from one record, or nothing (with the reason in `problems`).
std::optional<Document> document_from_record(const json& record, std::string_view where, std::string fallback_id,
                                             std::vector<std::string>& problems) {
  if (!record.is_object()) {
    problems.push_back(std::string(where) + ": expected a record (an object with \"text\"), found " + type_name(record) + ": skipped");
    return std::nullopt;
  }
  const auto text = record.find("text");
  if (text == record.end()) {
    problems.push_back(std::string(where) + ": no \"text\": skipped");
    return std::nullopt;
  }
  if (!text->is_string()) {
    problems.push_back(std::string(where) + ": \"text\" is " + type_name(*text) + ", not a string: skipped");
    return std::nullopt;
  }
  Document document;
  std::vector<std::string> warnings;
  document.text = std::string(trim(normalize_line_ends_and_controls(text->get_ref<const std::string&>(), warnings)));
  if (document.text.empty()) {
    problems.push_back(std::string(where) + ": \"text\" is empty: skipped");
    return std::nullopt;
  }
  document.warnings = std::move(warnings);
  const auto id = record.find("id");
  if (id != record.end() && id->is_string() && !trim(id->get_ref<const std::string&>()).empty()) {
    document.id = std::string(trim(id->get_ref<const std::string&>()));
  } else {
    document.id = std::move(fallback_id);
  }
  read_field(record, "title", document.title, where, problems);
  read_field(record, "date", document.date, where, problems);
  read_field(record, "url", document.url, where, problems);
  read_field(record, "source", document.source, where, problems);
  read_field(record, "author", document.author, where, problems);
  // A title over several lines is one line.
  for (char& c : document.title) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return document;
}

void read_document_layout(std::string_view text, std::string_view id_base, JsonRecordsResult& result) {
  ParsedJson parsed = parse_json(text);
  if (!parsed.error.empty()) {
    result.error = std::move(parsed.error);
    return;
  }
  const json& root = parsed.value;
  const json* records = nullptr;
  if (root.is_array()) {
    records = &root;
  } else if (root.is_object()) {
    const auto format = root.find("format");
    if (format != root.end() && format->is_string() && format->get_ref<const std::string&>() == "loupe-corpus") {
      result.error = "a Loupe corpus bundle, not a file of records (open it with the explorer or loupe stats)";
      return;
    }
    for (const std::string_view key : kRecordArrayKeys) {
      const auto found = root.find(key);
      if (found == root.end()) continue;
      if (!found->is_array()) {
        result.error = "\"" + std::string(key) + "\" is " + type_name(*found) + ", expected an array of records";
        return;
      }
      records = &*found;
      break;
    }
    if (!records && root.contains("text")) {
      result.records_seen = 1;
      if (std::optional<Document> document = document_from_record(root, "the record", std::string(id_base), result.problems)) {
        result.documents.push_back(std::move(*document));
      }
      return;
    }
  }
  if (!records) {
    result.error = "expected an array of records, an object with a \"documents\", \"articles\" or \"items\" array, "
                   "or one record with \"text\"; found " + type_name(root);
    return;
  }
  result.records_seen = records->size();
  std::size_t position = 0;
  for (const json& record : *records) {
    ++position;
    const std::string where = "record " + std::to_string(position);
    if (std::optional<Document> document =
            document_from_record(record, where, std::string(id_base) + "#" + std::to_string(position), result.problems)) {
      result.documents.push_back(std::move(*document));
    }
  }
}

void read_lines_layout(std::string_view text, std::string_view id_base, JsonRecordsResult& result) {
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty()) continue;
    ++result.records_seen;
    const std::string where = "line " + std::to_string(line_number);
    ParsedJson parsed = parse_json(line);
    if (!parsed.error.empty()) {
      // Within a line, the parser's "line 1" says nothing: keep the column.
      const std::size_t line_one = parsed.error.find("at line 1, column");
      if (line_one != std::string::npos) parsed.error.replace(line_one, 17, "at column");
      result.problems.push_back(where + ": " + parsed.error + ": skipped");
      continue;
    }
    if (std::optional<Document> document =
            document_from_record(parsed.value, where, std::string(id_base) + "#" + std::to_string(line_number), result.problems)) {
      result.documents.push_back(std::move(*document));
    }
  }
}

}  // namespace

std::optional<std::size_t> json_nesting_exceeds(std::string_view json_text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json_text.size(); ++i) {
    const char c = json_text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

JsonRecordsResult read_json_records(std::string_view utf8_text, JsonLayout layout, std::string_view id_base) {
  JsonRecordsResult result;
  if (trim(utf8_text).empty()) {
    result.error = "no JSON in the file";
    return result;
  }
  if (layout == JsonLayout::Document) {
    read_document_layout(utf8_text, id_base, result);
  } else {
    read_lines_layout(utf8_text, id_base, result);
  }
  if (result.error.empty() && result.documents.empty()) {
    result.error = result.records_seen == 0
                       ? std::string("no records")
                       : "none of its " + std::to_string(result.records_seen) + " records could be read";
  }
  return result;
}

}  // namespace loupe::ingest
