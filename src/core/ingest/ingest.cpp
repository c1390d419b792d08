// The ingest dispatcher (see ingest.h): extension -> decode -> reader -> clean -> ids and counts.
#include "core/ingest/ingest.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/ingest/clean.h"
#include "core/ingest/encoding.h"
#include "core/ingest/html.h"
#include "core/ingest/json_records.h"
#include "core/ingest/markdown.h"
#include "core/ingest/plain_text.h"
#include "core/text.h"

namespace loupe::ingest {
namespace {

std::string megabytes(std::size_t bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buffer;
}

std::string supported_list() {
  std::string list;
  for (const std::string_view extension : kSupportedExtensions) {
    if (!list.empty()) list += ", ";
    list += extension;
  }
  return list;
}

std::size_t line_count(std::string_view text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1; }

// "removed 7 lines: list of links to other stories (6 lines), copyright line"
std::string removal_note(const std::vector<Document>& documents) {
  std::vector<std::pair<std::string, std::size_t>> lines_by_reason;  // in order of first appearance
  std::size_t total = 0;
  std::size_t documents_cleaned = 0;
  for (const Document& document : documents) {
    if (!document.removed.empty()) ++documents_cleaned;
    for (const RemovedText& removed : document.removed) {
      const std::size_t lines = line_count(removed.text);
      total += lines;
      auto found = std::find_if(lines_by_reason.begin(), lines_by_reason.end(),
                                [&](const auto& entry) { return entry.first == removed.reason; });
      if (found == lines_by_reason.end()) {
        lines_by_reason.emplace_back(removed.reason, lines);
      } else {
        found->second += lines;
      }
    }
  }
  if (total == 0) return {};
  std::string note = "removed " + std::to_string(total) + (total == 1 ? " line" : " lines");
  if (documents.size() > 1) {
    note += " from " + std::to_string(documents_cleaned) + " of " + std::to_string(documents.size()) + " documents";
  }
  note += ": ";
  for (std::size_t i = 0; i < lines_by_reason.size(); ++i) {
    if (i > 0) note += ", ";
    note += lines_by_reason[i].first;
    if (lines_by_reason[i].second > 1) note += " (" + std::to_string(lines_by_reason[i].second) + " lines)";
  }
  return note;
}

}  // namespace

std::string extension_of(std::string_view path) {
  const std::size_t last_separator = path.find_last_of("/\\");
  const std::string_view name = last_separator == std::string_view::npos ? path : path.substr(last_separator + 1);
  const std::size_t dot = name.rfind('.');
  // A dot that starts the name (".hidden") is not an extension.
  if (dot == std::string_view::npos || dot == 0) return {};
  return fold_ascii_case(name.substr(dot));
}

bool is_supported_path(std::string_view path) {
  const std::string extension = extension_of(path);
  return std::find(kSupportedExtensions.begin(), kSupportedExtensions.end(), extension) != kSupportedExtensions.end();
}

std::string document_id_from_path(std::string_view relative_path) {
  std::string id(relative_path);
  std::replace(id.begin(), id.end(), '\\', '/');
  while (id.rfind("./", 0) == 0) id.erase(0, 2);
  const std::size_t last_slash = id.rfind('/');
  const std::size_t name_start = last_slash == std::string::npos ? 0 : last_slash + 1;
  const std::size_t last_dot = id.rfind('.');
  if (last_dot != std::string::npos && last_dot > name_start) id.erase(last_dot);
  return id;
}

std::string file_too_large_error(std::size_t bytes) {
  return "too large: " + megabytes(bytes) + " (the limit is " + megabytes(kMaxFileBytes) + " a file)";
}

IngestResult ingest_file(std::string_view relative_path, std::string_view bytes) {
  IngestResult result;
  const std::string extension = extension_of(relative_path);
  if (!is_supported_path(relative_path)) {
    result.error = (extension.empty() ? std::string("unsupported file type (no extension)") : "unsupported file type " + extension) +
                   "; Loupe reads " + supported_list();
    return result;
  }
  if (bytes.size() > kMaxFileBytes) {
    result.error = file_too_large_error(bytes.size());
    return result;
  }
  if (bytes.empty()) {
    result.error = "empty file";
    return result;
  }

  DecodedText decoded = decode_to_utf8(bytes);
  if (!decoded.error.empty()) {
    result.error = std::move(decoded.error);
    return result;
  }
  if (decoded.encoding != "UTF-8") result.notes.push_back("read as " + decoded.encoding);
  result.notes.insert(result.notes.end(), decoded.warnings.begin(), decoded.warnings.end());
  if (trim(decoded.text).empty()) {
    result.error = decoded.warnings.empty() ? "no text (only white space)" : "no text (" + decoded.warnings.front() + ")";
    return result;
  }

  const std::string id_base = document_id_from_path(relative_path);
  std::vector<Document> documents;
  if (extension == ".json" || extension == ".jsonl") {
    JsonRecordsResult records =
        read_json_records(decoded.text, extension == ".json" ? JsonLayout::Document : JsonLayout::Lines, id_base);
    result.notes.insert(result.notes.end(), records.problems.begin(), records.problems.end());
    if (!records.error.empty()) {
      result.error = std::move(records.error);
      return result;
    }
    documents = std::move(records.documents);
  } else if (extension == ".html" || extension == ".htm") {
    HtmlReadResult page = read_html(decoded.text);
    if (!page.error.empty()) {
      result.error = std::move(page.error);
      return result;
    }
    documents.push_back(std::move(page.document));
  } else if (extension == ".md") {
    documents.push_back(read_markdown(decoded.text));
  } else {
    documents.push_back(read_plain_text(decoded.text));
  }

  std::size_t without_text = 0;
  for (Document& document : documents) {
    if (document.id.empty()) document.id = id_base;
    document.warnings.insert(document.warnings.begin(), decoded.warnings.begin(), decoded.warnings.end());
    clean_document(document);
    if (document.title.empty() && document.text.empty()) {
      ++without_text;
      continue;
    }
    document.word_count = count_words(document.title) + count_words(document.text);
    result.documents.push_back(std::move(document));
  }
  if (const std::string note = removal_note(result.documents); !note.empty()) result.notes.push_back(note);
  if (result.documents.empty()) {
    result.error = "no text left once the markup was read";
  } else if (without_text > 0) {
    result.notes.push_back(std::to_string(without_text) + (without_text == 1 ? " document" : " documents") +
                           " with no text left once the markup was read: skipped");
  }
  return result;
}

}  // namespace loupe::ingest
