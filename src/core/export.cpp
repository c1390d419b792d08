// Exports as CSV and JSON, and the embed snippet (see export.h).
#include "core/export.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <vector>

namespace loupe {
namespace {

using nlohmann::json;

// [SECTION] Tables as rows of named cells

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<json>> rows;  // strings and numbers (null for a missing number)
};

std::string text_of(const Corpus& corpus, const TextSpan& span) {
  if (span.document >= corpus.documents.size()) return {};
  const std::string& text = corpus.documents[span.document].text;
  if (span.start > span.end || span.end > text.size()) return {};
  return text.substr(span.start, span.end - span.start);
}

std::string document_id(const Corpus& corpus, std::size_t document) {
  return document < corpus.documents.size() ? corpus.documents[document].id : std::string();
}

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

Table results_table(const Explorer& explorer) {
  const Corpus& corpus = explorer.corpus();
  Table table{{"rank", "id", "title", "score", "words", "passage"}, {}};
  const auto& hits = explorer.search_result().hits;
  for (std::size_t n = 0; n < hits.size(); ++n) {
    const Document& document = corpus.documents[hits[n].document];
    const std::vector<search::Passage> passages = explorer.passages_of_hit(n);
    const std::string passage = passages.empty() ? std::string()
                                                 : document.text.substr(passages.front().start, passages.front().end - passages.front().start);
    table.rows.push_back({json(n + 1), json(document.id), json(document.title), json(hits[n].score), json(document.word_count), json(passage)});
  }
  return table;
}

Table entities_table(const Explorer& explorer) {
  const Corpus& corpus = explorer.corpus();
  Table table{{"id", "name", "type", "mentions", "documents", "aliases"}, {}};
  for (const EntityRow& row : explorer.entity_rows(EntityColumn::Mentions, false)) {
    const EntityRecord& entity = corpus.entities[row.entity];
    std::string aliases;
    for (const std::string& alias : entity.aliases) aliases += (aliases.empty() ? "" : "; ") + alias;
    table.rows.push_back({json(entity.id), json(entity.name), json(entity.type), json(row.mentions), json(row.documents), json(aliases)});
  }
  return table;
}

Table quotes_table(const Explorer& explorer) {
  const Corpus& corpus = explorer.corpus();
  Table table{{"document", "speaker", "speaker_id", "role", "quote", "start", "end"}, {}};
  for (const std::size_t q : explorer.quotes_in_results()) {
    const QuoteRecord& quote = corpus.quotes[q];
    const std::string speaker = explorer.speaker_of(quote);
    table.rows.push_back({json(document_id(corpus, quote.span.document)), json(speaker), json(quote.speaker), json(quote.role),
                          json(text_of(corpus, quote.span)), json(quote.span.start), json(quote.span.end)});
  }
  return table;
}

Table amounts_table(const Explorer& explorer) {
  const Corpus& corpus = explorer.corpus();
  Table table{{"document", "as_written", "currency", "minimum", "maximum", "usd_minimum", "usd_maximum", "subject", "subject_id"}, {}};
  for (const std::size_t a : explorer.amounts_in_results()) {
    const AmountRecord& amount = corpus.amounts[a];
    table.rows.push_back({json(document_id(corpus, amount.span.document)), json(text_of(corpus, amount.span)), json(amount.currency),
                          json(amount.minimum), json(amount.maximum), optional_number(amount.usd_minimum),
                          optional_number(amount.usd_maximum), json(explorer.entity_name(amount.subject)), json(amount.subject)});
  }
  return table;
}

Table table_of(const Explorer& explorer, ExportTable which) {
  switch (which) {
    case ExportTable::Results: return results_table(explorer);
    case ExportTable::Entities: return entities_table(explorer);
    case ExportTable::Quotes: return quotes_table(explorer);
    case ExportTable::Amounts: return amounts_table(explorer);
  }
  return {};
}

// [SECTION] Writers

std::string cell_text(const json& cell) {
  if (cell.is_null()) return {};
  if (cell.is_string()) return cell.get<std::string>();
  if (cell.is_number_float()) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", cell.get<double>());
    return buffer;
  }
  return cell.dump();
}

// Text for a double-quoted HTML attribute.
std::string html_attribute(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '"') escaped += "&quot;";
    else if (c == '&') escaped += "&amp;";
    else if (c == '<') escaped += "&lt;";
    else if (c == '>') escaped += "&gt;";
    else escaped += c;
  }
  return escaped;
}

}  // namespace

const char* export_table_name(ExportTable table) {
  switch (table) {
    case ExportTable::Results: return "results";
    case ExportTable::Entities: return "entities";
    case ExportTable::Quotes: return "quotes";
    case ExportTable::Amounts: return "amounts";
  }
  return "table";
}

std::string entity_as_text(const Explorer& explorer, std::size_t entity) {
  const EntityRecord& record = explorer.corpus().entities.at(entity);
  std::string text = record.name + " (" + record.type + "): " + std::to_string(record.mentions.size()) + " mentions";
  for (std::size_t a = 0; a < record.aliases.size(); ++a) text += (a == 0 ? ", also " : ", ") + record.aliases[a];
  return text;
}

std::string quote_as_text(const Explorer& explorer, std::size_t quote) {
  const QuoteRecord& record = explorer.corpus().quotes.at(quote);
  const std::string speaker = explorer.speaker_of(record);
  return "\xE2\x80\x9C" + text_of(explorer.corpus(), record.span) + "\xE2\x80\x9D \xE2\x80\x94 " +
         (speaker.empty() ? std::string("unknown speaker") : speaker) + (record.role.empty() ? "" : ", " + record.role) + ", in " +
         explorer.corpus().documents.at(record.span.document).title;
}

std::string amount_as_text(const Explorer& explorer, std::size_t amount) {
  const AmountRecord& record = explorer.corpus().amounts.at(amount);
  std::string text = text_of(explorer.corpus(), record.span);
  const auto dollars = [](double value) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "US$%.0f", value);
    return std::string(buffer);
  };
  if (record.usd_minimum && record.usd_maximum) {
    text += ": " + dollars(*record.usd_minimum) + (*record.usd_maximum != *record.usd_minimum ? " to " + dollars(*record.usd_maximum) : "");
  }
  const std::string subject = explorer.entity_name(record.subject);
  if (!subject.empty()) text += ", for " + subject;
  return text + ", in " + explorer.corpus().documents.at(record.span.document).title;
}

std::string csv_field(std::string_view value) {
  std::string field(value);
  if (!field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@' || field[0] == '\t' || field[0] == '\r')) {
    field.insert(field.begin(), '\'');
  }
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (const char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string export_table(const Explorer& explorer, ExportTable which, ExportFormat format) {
  const Table table = table_of(explorer, which);
  if (format == ExportFormat::Json) {
    json rows = json::array();
    for (const auto& row : table.rows) {
      json object = json::object();
      for (std::size_t c = 0; c < table.columns.size(); ++c) object[table.columns[c]] = row[c];
      rows.push_back(std::move(object));
    }
    const json document = {{"corpus", explorer.corpus().name}, {"query", explorer.state().query},
                           {"filters", explorer.state().filters}, {export_table_name(which), rows}};
    return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  }
  std::string csv;
  for (std::size_t c = 0; c < table.columns.size(); ++c) csv += (c ? "," : "") + table.columns[c];
  csv += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) csv += (c ? "," : "") + csv_field(cell_text(row[c]));
    csv += "\r\n";
  }
  return csv;
}

std::string export_file_name(const Explorer& explorer, ExportTable table, ExportFormat format) {
  std::string stem;
  for (const char c : explorer.corpus().name) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    stem += safe ? c : '-';
  }
  if (stem.empty()) stem = "loupe";
  return stem + "-" + export_table_name(table) + (format == ExportFormat::Csv ? ".csv" : ".json");
}

std::string embed_snippet(std::string_view page_address, std::string_view fragment) {
  return "<script src=\"" + html_attribute(std::string(page_address) + "embed.js") + "\" data-view=\"#" + html_attribute(fragment) +
         "\" async></script>";
}

}  // namespace loupe
