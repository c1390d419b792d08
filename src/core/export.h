// Exports of what the explorer shows, as CSV (RFC 4180, safe to open in a spreadsheet: a cell
// that would start a formula is prefixed with an apostrophe) and as JSON: the current results,
// the entities in them, their quotes and their amounts. Also the one-line snippet that embeds a
// view of the page in a blog post (web/embed.js).
#pragma once

#include <string>
#include <string_view>

#include "core/explorer.h"

namespace loupe {

enum class ExportTable { Results, Entities, Quotes, Amounts };
enum class ExportFormat { Csv, Json };

// The names the page and the interface use: "results", "entities", "quotes", "amounts".
const char* export_table_name(ExportTable table);

// The table for the explorer's current results, in the format.
std::string export_table(const Explorer& explorer, ExportTable table, ExportFormat format);

// A file name for it: "<corpus>-<table>.csv", with characters unsafe in file names replaced.
std::string export_file_name(const Explorer& explorer, ExportTable table, ExportFormat format);

// One record as a line of text for the clipboard: an entity ("Arthur Mensch (person): 9 mentions,
// also Mensch"), a quote ("“…” — Yann LeCun, Meta's chief AI scientist, in <title>"), an amount
// ("109-billion-euro: US$113,000,000,000, for France, in <title>"); positions in the corpus's lists.
std::string entity_as_text(const Explorer& explorer, std::size_t entity);
std::string quote_as_text(const Explorer& explorer, std::size_t quote);
std::string amount_as_text(const Explorer& explorer, std::size_t amount);

// One CSV field: quoted when it holds a comma, a quote or a line break; a leading = + - @, tab
// or carriage return is prefixed with ' so that a spreadsheet shows it as text.
std::string csv_field(std::string_view value);

// The HTML snippet that embeds the view a fragment describes, for the page at `page_address`
// ("https://example.org/loupe/"): a script tag for embed.js naming the view. The fragment is
// escaped for an HTML attribute.
std::string embed_snippet(std::string_view page_address, std::string_view fragment);

}  // namespace loupe
