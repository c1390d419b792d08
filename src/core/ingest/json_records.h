// The reader for JSON files of articles: `.json` holds an array of records, an object with a
// "documents", "articles" or "items" array of them, or a single record; `.jsonl` holds one record
// a line. A record is an object with "text" (a string, required) and optionally "id", "title",
// "date", "url", "source" and "author" (strings; a number date is written as a string, a list of
// author names is joined with ", "). A bad record or line is reported with its place and the
// others still load. JSON nested deeper than kMaxJsonDepth is refused before it is parsed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/corpus.h"

namespace loupe::ingest {

enum class JsonLayout {
  Document,  // .json: one JSON value
  Lines,     // .jsonl: one JSON value a line
};

// Records nest two or three levels deep; this leaves ample room and keeps any parser's stack safe.
inline constexpr std::size_t kMaxJsonDepth = 64;

struct JsonRecordsResult {
  std::vector<Document> documents;    // in file order; text as the record gives it, not cleaned yet
  std::vector<std::string> problems;  // records skipped or fields ignored, each with its place ("line 3: ...")
  std::size_t records_seen = 0;       // records and lines found, read or not
  std::string error;                  // set when nothing could be read: why
};

// Reads the records of JSON text (already decoded to UTF-8). A record's id is its "id" when that
// is a non-empty string, else `id_base` + "#N": N is the record's position in the array (from 1)
// or, in JSON Lines, its line number. A file that is one record gets `id_base` itself.
JsonRecordsResult read_json_records(std::string_view utf8_text, JsonLayout layout, std::string_view id_base);

// Where JSON text first nests deeper than `max_depth` arrays and objects (a byte offset), or
// nothing when it does not. Strings are skipped, so brackets inside them do not count.
std::optional<std::size_t> json_nesting_exceeds(std::string_view json_text, std::size_t max_depth);

}  // namespace loupe::ingest
