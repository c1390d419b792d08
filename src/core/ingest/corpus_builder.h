// A corpus built from files one at a time, with a report: each file's bytes go through ingest
// (ingest.h), its documents join the corpus unless their id is taken already, and one report
// line says what was read, repaired or cleaned, or why the file was skipped; a summary line
// closes the report. The CLI and the desktop app feed it files from disk (platform/files.h), the
// page feeds it files a reader dropped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/corpus.h"
#include "core/ingest/ingest.h"

namespace loupe::ingest {

class CorpusBuilder {
 public:
  explicit CorpusBuilder(std::string corpus_name);

  // Reads one file: `shown_path` names it in the report, `relative_path` gives its documents' ids.
  void add_file(std::string_view shown_path, std::string_view relative_path, std::string_view bytes);
  // The same for a file ingest_file has read already (the CLI reads files on several threads and
  // adds them in order).
  void add_ingested(std::string_view shown_path, IngestResult ingested);
  // A file left out before its bytes were read (too large, unreadable, not a supported type).
  void skip_file(std::string_view shown_path, std::string_view reason);

  std::size_t document_count() const { return corpus_.documents.size(); }
  // The lines so far: "read PATH as \"ID\": N words, title \"...\"; notes" or "skipped PATH: why".
  const std::vector<std::string>& report() const { return report_; }
  // The corpus, and the report with its summary line added
  // ("summary: 4 files: 4 read (4 documents), 0 repaired, 2 cleaned, 0 skipped").
  Corpus finish(std::vector<std::string>& report);

 private:
  Corpus corpus_;
  std::vector<std::string> report_;
  std::unordered_set<std::string> ids_;  // Corpus::find is a linear search: a JSON Lines file can hold 100,000s
  std::size_t files_read_ = 0;
  std::size_t files_repaired_ = 0;
  std::size_t files_cleaned_ = 0;
  std::size_t files_skipped_ = 0;
};

}  // namespace loupe::ingest
