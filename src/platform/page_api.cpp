// The C functions behind the page's `window.loupe` API (web/page.js calls them with cwrap).
// Strings cross as UTF-8; returned strings stay valid until the next call.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/bundle.h"
#include "core/ingest/ingest.h"
#include "core/notebook.h"
#include "core/bundle_binary.h"
#include "core/export.h"
#include "core/extract/annotate.h"
#include "core/ingest/corpus_builder.h"
#include "core/location.h"
#include "core/search/index.h"
#include "platform/app.h"
#include "platform/platform.h"

namespace {
std::string last_result;
// A reader's own files, between loupe_files_begin and loupe_files_finish.
std::unique_ptr<loupe::ingest::CorpusBuilder> files_being_read;
// The files read, their report and their extraction in progress, between loupe_files_read and
// loupe_files_finish.
std::optional<loupe::Corpus> files_read;
// Notebooks among the files (imported as they come) and how many other files were read.
std::vector<std::string> files_notebook_lines;
std::size_t files_articles_added = 0;
std::vector<std::string> files_report;
std::optional<loupe::extract::CorpusAnnotator> files_annotator;
bool files_extraction_finished = false;  // by loupe_files_extract_finish, since loupe_files_read
// Their text indexed in steps (loupe_files_index_next), after the extraction.
std::unique_ptr<loupe::search::IndexBuilder> files_index_builder;
// The extraction's model and rates, loaded on demand (only for a reader's own files).
std::optional<loupe::extract::EntityTagger> entity_tagger;
loupe::extract::RateTable rate_table;
// The shipped corpus while it downloads into one buffer (loupe_bundle_arrived), when it is a
// binary bundle: read as it comes, finished by loupe_load_bundle on that buffer.
std::unique_ptr<loupe::BinaryBundleStream> arriving_bundle;
std::string_view arriving_buffer;
}

extern "C" {

// A bundle arriving into a buffer of `size` bytes: the first `arrived` are in. A binary bundle is
// read as it comes (core BinaryBundleStream); loupe_load_bundle on the same buffer finishes it.
void loupe_bundle_arrived(const char* buffer, int size, int arrived) {
  const std::string_view whole(buffer, static_cast<std::size_t>(size));
  if (!arriving_bundle || arriving_buffer.data() != whole.data() || arriving_buffer.size() != whole.size()) {
    if (arrived < 1 || !loupe::is_binary_bundle(whole.substr(0, static_cast<std::size_t>(std::min(arrived, 8))))) return;
    arriving_bundle = std::make_unique<loupe::BinaryBundleStream>(whole);
    arriving_buffer = whole;
  }
  arriving_bundle->arrived(static_cast<std::size_t>(arrived));
}

// Loads a bundle's bytes, JSON or binary (told apart by the first bytes); returns "" on success or
// the error message.
const char* loupe_load_bundle(const char* bytes, int length) {
  const std::string_view whole(bytes, static_cast<std::size_t>(length));
  std::unique_ptr<loupe::BinaryBundleStream> stream = std::move(arriving_bundle);
  const bool arrived_here = stream && arriving_buffer.data() == whole.data() && arriving_buffer.size() == whole.size();
  arriving_buffer = {};
  loupe::BundleReadResult bundle = arrived_here ? stream->finish() : loupe::read_any_bundle(whole);
  if (!bundle.corpus) {
    last_result = "the corpus could not be loaded: " + bundle.error;
    return last_result.c_str();
  }
  loupe::app::explorer().load(std::move(*bundle.corpus));
  loupe::platform::wake();
  last_result.clear();
  return last_result.c_str();
}

// The current results, entities, quotes or amounts ("results", "entities", "quotes", "amounts")
// as "csv" or "json" (core/export.h); "" for an unknown table.
const char* loupe_export(const char* table, const char* format) {
  last_result.clear();
  for (const loupe::ExportTable which : {loupe::ExportTable::Results, loupe::ExportTable::Entities, loupe::ExportTable::Quotes, loupe::ExportTable::Amounts}) {
    if (std::string(table) != loupe::export_table_name(which)) continue;
    last_result = loupe::export_table(loupe::app::explorer(), which,
                                      std::string(format) == "csv" ? loupe::ExportFormat::Csv : loupe::ExportFormat::Json);
  }
  return last_result.c_str();
}

// The status bar's line: what the last button or the last files opened gave.
const char* loupe_status_message() { return loupe::app::status_message().c_str(); }

// How many frames the explorer has drawn: it stops drawing when idle (browser tests check it).
long loupe_frames_drawn() { return loupe::app::frames_drawn(); }

// The times of the last frames drawn: {"interface": [ms...], "render": [ms...]}.
const char* loupe_frame_times() {
  nlohmann::json interface_times = nlohmann::json::array();
  nlohmann::json render_times = nlohmann::json::array();
  for (const loupe::app::FrameTime& time : loupe::app::frame_times()) {
    interface_times.push_back(time.interface_ms);
    render_times.push_back(time.render_ms);
  }
  last_result = nlohmann::json{{"interface", interface_times}, {"render", render_times}}.dump();
  return last_result.c_str();
}

// Draws every frame (1) or only when something changes (0, the default): for the frame benchmark.
void loupe_keep_drawing(int on) { loupe::platform::set_always_draw(on != 0); }

// The state without its two long lists, which the page reads only when asked.
const char* loupe_state_json() {
  last_result = loupe::app::explorer().state_json(loupe::Explorer::StateLists::Apart);
  return last_result.c_str();
}
const char* loupe_documents_json() {
  last_result = loupe::app::explorer().documents_json();
  return last_result.c_str();
}
const char* loupe_results_json() {
  last_result = loupe::app::explorer().results_json();
  return last_result.c_str();
}

void loupe_search(const char* text) {
  loupe::app::explorer().apply(loupe::SetQuery{text});
  loupe::platform::wake();
}

// Returns "" on success or the error message.
const char* loupe_select(const char* document_id) {
  last_result = loupe::app::explorer().apply(loupe::SelectDocument{document_id});
  loupe::platform::wake();
  return last_result.c_str();
}

// Brings a view to the front; returns "" on success or the error message.
const char* loupe_show(const char* view) {
  last_result = loupe::app::explorer().apply(loupe::ShowView{view});
  loupe::platform::wake();
  return last_result.c_str();
}

// Brings the explorer to the view a URL fragment describes (core/location.h); returns "" or
// what could not be restored ("no document with id ...").
const char* loupe_set_location(const char* fragment) {
  last_result.clear();
  for (const loupe::Action& action : loupe::actions_for_location(fragment)) {
    const std::string problem = loupe::app::explorer().apply(action);
    if (!problem.empty()) last_result += (last_result.empty() ? "" : "; ") + problem;
  }
  loupe::platform::wake();
  return last_result.c_str();
}

// Adds a filter chip (a query term); an empty term clears them all.
void loupe_filter(const char* term) {
  if (*term == '\0') {
    loupe::app::explorer().apply(loupe::ClearFilters{});
  } else {
    loupe::app::explorer().apply(loupe::AddFilter{term});
  }
  loupe::platform::wake();
}

// Shows an entity's card; returns "" on success or the error message.
const char* loupe_select_entity(const char* entity_id) {
  last_result = loupe::app::explorer().apply(loupe::SelectEntity{entity_id});
  loupe::platform::wake();
  return last_result.c_str();
}

// A reader's own files: begin, add each file's bytes (the report line comes back), then finish.
// [SECTION] The notebook and the reader's corpus, kept by page.js in IndexedDB

// The notebook's file text (core/notebook.h): what Export writes and page.js keeps.
const char* loupe_notebook_json() {
  last_result = loupe::write_notebook(loupe::app::explorer().notebook());
  return last_result.c_str();
}

// Replaces the notebook with a notebook file's text: kept = 1 when it is what the page kept
// (read back at start), 0 for an import (which is then kept). Returns "" or why it was refused.
const char* loupe_notebook_load(const char* text, int kept) {
  last_result = loupe::app::explorer().load_notebook(text, kept ? loupe::Explorer::NotebookSource::Kept : loupe::Explorer::NotebookSource::Imported);
  loupe::platform::wake();
  return last_result.c_str();
}

// What keeping something in IndexedDB gave (page.js reports every write): ok = 1 or 0, and the
// line to show.
void loupe_storage_result(int ok, const char* message) { loupe::app::set_storage_status(ok != 0, message); }

// Whether the page keeps a corpus the reader opened (the notebook panel then offers to forget it).
void loupe_set_own_corpus_kept(int kept) {
  loupe::app::set_own_corpus_kept(kept != 0);
  loupe::platform::wake();
}

// The current corpus as a bundle's bytes, for page.js to keep: binary (with its index, so that a
// reload needs no indexing), JSON when it can't be written so; its length in *length.
const char* loupe_corpus_bundle(int* length) {
  loupe::BinaryBundleWriteResult binary = loupe::write_binary_bundle(loupe::app::explorer().corpus(), &loupe::app::explorer().index());
  last_result = binary.error.empty() ? std::move(binary.bytes) : loupe::write_bundle(loupe::app::explorer().corpus());
  *length = static_cast<int>(last_result.size());
  return last_result.data();
}

// [SECTION] A reader's own files

void loupe_files_begin() {
  files_being_read = std::make_unique<loupe::ingest::CorpusBuilder>("Your files");
  files_notebook_lines.clear();
  files_articles_added = 0;
}

// A file the page has not read: 1 when it is small enough to read (the page then reads it and
// calls loupe_files_add), else 0, the file skipped with the limit in the report. A 200 MB file is
// refused by its size, never copied into the page's memory.
int loupe_files_admit(const char* name, double bytes) {
  if (!files_being_read) loupe_files_begin();
  if (bytes <= static_cast<double>(loupe::ingest::kMaxFileBytes)) return 1;
  files_being_read->skip_file(name, loupe::ingest::file_too_large_error(static_cast<std::size_t>(bytes)));
  ++files_articles_added;  // a file meant as articles
  return 0;
}

// One file: a notebook exported before is imported (it replaces the notebook); any other file is
// read as articles.
const char* loupe_files_add(const char* name, const char* bytes, int length) {
  if (!files_being_read) loupe_files_begin();
  const std::string_view content(bytes, static_cast<std::size_t>(length));
  if (loupe::ingest::extension_of(name) == ".json" && loupe::looks_like_notebook(content)) {
    const std::string error = loupe::app::explorer().load_notebook(content, loupe::Explorer::NotebookSource::Imported);
    last_result = error.empty() ? "imported the notebook " + std::string(name) : "skipped " + std::string(name) + ": not a notebook this Loupe reads (" + error + ")";
    loupe::app::set_storage_status(error.empty(), error.empty() ? "Imported the notebook " + std::string(name) : "Nothing imported from " + std::string(name) + ": " + error);
    files_notebook_lines.push_back(last_result);
    return last_result.c_str();
  }
  ++files_articles_added;
  files_being_read->add_file(name, name, content);
  last_result = files_being_read->report().empty() ? std::string() : files_being_read->report().back();
  return last_result.c_str();
}

// 1 when the extraction's model is not loaded yet: the page fetches it before finishing.
int loupe_model_needed() { return entity_tagger ? 0 : 1; }

// Loads the entity model and the rate table; returns "" or the error message.
const char* loupe_model_load(const char* model, int model_length, const char* rates, int rates_length) {
  std::string error;
  std::optional<loupe::extract::EntityTagger> tagger =
      loupe::extract::EntityTagger::load(std::string_view(model, static_cast<std::size_t>(model_length)), error);
  loupe::extract::RateTable table = tagger ? loupe::extract::read_rate_table(std::string_view(rates, static_cast<std::size_t>(rates_length)), error)
                                           : loupe::extract::RateTable{};
  if (!tagger || !error.empty()) {
    last_result = "the extraction model could not be loaded: " + error;
    return last_result.c_str();
  }
  entity_tagger = std::move(tagger);
  rate_table = std::move(table);
  last_result.clear();
  return last_result.c_str();
}

// Ends reading the files; the extraction follows in steps (loupe_files_extract_next), so that the
// page stays responsive and shows progress. Returns {"documents": n, "report": [lines], "error",
// "notebooks_only"} as JSON; with an error (no document read) the explorer keeps its corpus, and
// when the files were only notebooks there is nothing more to do.
const char* loupe_files_read() {
  if (!files_being_read) loupe_files_begin();
  files_annotator.reset();  // before the corpus they read is replaced
  files_index_builder.reset();
  const bool notebooks_only = files_articles_added == 0 && !files_notebook_lines.empty();
  std::vector<std::string> articles_report;
  files_read = files_being_read->finish(articles_report);
  files_extraction_finished = false;
  files_being_read.reset();
  files_report = files_notebook_lines;
  if (!notebooks_only) files_report.insert(files_report.end(), articles_report.begin(), articles_report.end());
  const std::string error = files_read->documents.empty() && !notebooks_only ? "no document could be read from these files" : "";
  last_result = nlohmann::json{{"documents", files_read->documents.size()}, {"report", files_report}, {"error", error},
                               {"notebooks_only", notebooks_only}}
                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (notebooks_only) files_read.reset();
  return last_result.c_str();
}

// Finds the entities of up to `count` more documents; returns how many are done (all of them
// when there is no model).
int loupe_files_extract_next(int count) {
  if (!files_read) return 0;
  if (!files_annotator && entity_tagger) files_annotator.emplace(*files_read, *entity_tagger);
  if (!files_annotator) return static_cast<int>(files_read->documents.size());
  return static_cast<int>(files_annotator->tag_next(static_cast<std::size_t>(std::max(count, 1))));
}

// Ends the extraction after the last loupe_files_extract_next: entities merged across the
// documents, then their quotes and amounts. A step of its own (loupe_files_finish does it when it
// was not called), so that the page draws a frame before the files are indexed and shown.
void loupe_files_extract_finish() {
  if (!files_read || files_extraction_finished) return;
  if (!files_read->documents.empty()) {
    if (!files_annotator && entity_tagger) files_annotator.emplace(*files_read, *entity_tagger);
    if (files_annotator) files_annotator->finish(*files_read, rate_table);
  }
  files_annotator.reset();
  files_extraction_finished = true;
}

// Indexes the text of up to `count` more documents, after the extraction (which it finishes
// first); returns how many are indexed. loupe_files_finish indexes the rest.
int loupe_files_index_next(int count) {
  if (!files_read) return 0;
  loupe_files_extract_finish();
  if (!files_index_builder) files_index_builder = std::make_unique<loupe::search::IndexBuilder>(*files_read);
  return static_cast<int>(files_index_builder->read_next(static_cast<std::size_t>(std::max(count, 1))));
}

// Ends the files: finishes the extraction and the index, and shows them in place of the corpus
// (reading them first when loupe_files_read was not called). Returns {"report": [lines], "error": "" or why
// nothing was opened} as JSON.
const char* loupe_files_finish() {
  if (!files_read) loupe_files_read();
  std::string error;
  if (files_read->documents.empty()) {
    error = "no document could be read from these files";
  } else {
    loupe_files_extract_finish();
    if (files_index_builder) files_read->stored_index = std::make_shared<loupe::search::Index>(files_index_builder->finish());
    loupe::app::explorer().load(std::move(*files_read));  // takes the index built in steps
  }
  files_annotator.reset();
  files_index_builder.reset();
  files_read.reset();
  const std::vector<std::string>& report = files_report;
  // The status bar names the files skipped and why; the summary line ends the report.
  std::string status = error.empty() ? std::string() : "Nothing opened: " + error + ". ";
  for (const std::string& line : report) {
    if (line.rfind("skipped ", 0) == 0 || line.rfind("summary: ", 0) == 0) status += line + ". ";
  }
  loupe::app::set_status_message(status);
  loupe::platform::wake();
  last_result = nlohmann::json{{"report", report}, {"error", error}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return last_result.c_str();
}

}  // extern "C"
