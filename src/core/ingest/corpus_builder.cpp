// A corpus built from files one at a time, with a report (see corpus_builder.h).
#include "core/ingest/corpus_builder.h"

#include <utility>

#include "core/ingest/ingest.h"

namespace loupe::ingest {
namespace {

std::string quoted_ids(const std::vector<std::string>& ids) {
  std::string list;
  for (std::size_t i = 0; i < ids.size() && i < 3; ++i) list += (i > 0 ? ", \"" : "\"") + ids[i] + "\"";
  if (ids.size() > 3) list += ", \xE2\x80\xA6";
  return list;
}

std::string joined_notes(const std::vector<std::string>& notes) {
  std::string text;
  for (const std::string& note : notes) text += "; " + note;
  return text;
}

}  // namespace

CorpusBuilder::CorpusBuilder(std::string corpus_name) { corpus_.name = std::move(corpus_name); }

void CorpusBuilder::skip_file(std::string_view shown_path, std::string_view reason) {
  report_.push_back("skipped " + std::string(shown_path) + ": " + std::string(reason));
  ++files_skipped_;
}

void CorpusBuilder::add_file(std::string_view shown_path, std::string_view relative_path, std::string_view bytes) {
  add_ingested(shown_path, ingest_file(relative_path, bytes));
}

void CorpusBuilder::add_ingested(std::string_view shown_path, IngestResult ingested) {
  const std::string path(shown_path);
  if (!ingested.error.empty()) {
    skip_file(path, ingested.error + joined_notes(ingested.notes));
    return;
  }
  std::vector<std::string> kept_ids;
  std::size_t words = 0;
  bool repaired = false;
  bool cleaned = false;
  std::string first_title;
  for (Document& document : ingested.documents) {
    if (!ids_.insert(document.id).second) {
      report_.push_back("skipped " + path + (ingested.documents.size() > 1 ? " record \"" + document.id + "\"" : "") +
                        ": duplicate id \"" + document.id + "\"");
      continue;
    }
    kept_ids.push_back(document.id);
    words += document.word_count;
    repaired = repaired || !document.warnings.empty();
    cleaned = cleaned || !document.removed.empty();
    if (first_title.empty()) first_title = document.title;
    corpus_.documents.push_back(std::move(document));
  }
  if (kept_ids.empty()) {
    ++files_skipped_;
    return;
  }
  ++files_read_;
  if (repaired) ++files_repaired_;
  if (cleaned) ++files_cleaned_;
  if (ingested.documents.size() == 1) {
    report_.push_back("read " + path + " as \"" + kept_ids.front() + "\": " + std::to_string(words) + " words, title \"" + first_title +
                      "\"" + joined_notes(ingested.notes));
  } else {
    report_.push_back("read " + path + ": " + std::to_string(kept_ids.size()) + " documents (" + quoted_ids(kept_ids) + "), " +
                      std::to_string(words) + " words" + joined_notes(ingested.notes));
  }
}

Corpus CorpusBuilder::finish(std::vector<std::string>& report) {
  const std::size_t files = files_read_ + files_skipped_;
  report = std::move(report_);
  report.push_back("summary: " + std::to_string(files) + (files == 1 ? " file: " : " files: ") + std::to_string(files_read_) + " read (" +
                   std::to_string(corpus_.documents.size()) + " documents), " + std::to_string(files_repaired_) + " repaired, " +
                   std::to_string(files_cleaned_) + " cleaned, " + std::to_string(files_skipped_) + " skipped");
  report_.clear();
  ids_.clear();
  return std::move(corpus_);
}

}  // namespace loupe::ingest
