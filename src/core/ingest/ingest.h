// Ingest: turns the bytes of one file into documents. Picks the reader by the file's extension,
// decodes the bytes (encoding.h), reads the format (plain_text.h, markdown.h, json_records.h,
// html.h), cleans each document (clean.h), and gives it its id and word count. Takes bytes and
// names, never paths to open: reading files is the platform's job (platform/files.h), so the page
// can pass bytes it fetched or that a reader dropped. A bad file gives an error, never a crash.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/corpus.h"

namespace loupe::ingest {

// The extensions ingest reads, lower case with the dot; a file's extension matches without case.
inline constexpr std::array<std::string_view, 6> kSupportedExtensions = {".txt", ".md", ".json", ".jsonl", ".html", ".htm"};

// Files larger than this are refused ("too large"): a news article is a few kilobytes, and a
// JSON file of a few hundred thousand of them still fits.
inline constexpr std::size_t kMaxFileBytes = std::size_t{64} * 1024 * 1024;

struct IngestResult {
  std::vector<Document> documents;  // cleaned, with ids, titles, word counts and warnings
  std::vector<std::string> notes;   // what happened, for a per-file report: "repaired 1 byte ...", "removed 3 lines: ..."
  std::string error;                // set when no document could be read from the file: why
};

// The error for a file of this many bytes, over kMaxFileBytes: "too large: 70.2 MB (the limit is
// 64.0 MB a file)". The platform uses it too, to refuse a file before reading it.
std::string file_too_large_error(std::size_t bytes);

// Reads the documents of one file. `relative_path` names them: a single-document file's id is
// the path without its extension ("sport/199.txt" -> "sport/199"); a JSON record's is its "id",
// or the path without extension + "#N".
IngestResult ingest_file(std::string_view relative_path, std::string_view bytes);

// A document id from a path relative to the folder given: separators become '/', a leading "./"
// and the extension are dropped ("sport/199.txt" -> "sport/199").
std::string document_id_from_path(std::string_view relative_path);

// The extension of a path's last component, lower case with the dot (".txt"), or "" when it has none.
std::string extension_of(std::string_view path);

// Whether ingest reads files with this path's extension.
bool is_supported_path(std::string_view path);

}  // namespace loupe::ingest
