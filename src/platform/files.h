// Reading files and folders from disk, for the CLI and the desktop app. The core never opens a
// path: this layer reads bytes and hands them to it. (The page gets its bytes from fetch.)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/corpus.h"
#include "core/extract/money.h"
#include "core/extract/ner.h"

namespace loupe::files {

struct ReadResult {
  bool ok = false;
  std::string bytes;  // the file's content when ok
  std::string error;  // why it could not be read otherwise
};
ReadResult read_file(const std::string& path);

// Writes bytes to a file (replacing its content); returns an error message or an empty string.
// A regular file is written over in place, then cut to its new length: a write that fails midway
// leaves new bytes followed by the old file's rest (a bundle's size and checksum refuse it).
std::string write_file(const std::string& path, const std::string& bytes);
// The same with the bytes given in pieces, written one after another (a binary bundle's pieces).
std::string write_file(const std::string& path, const std::vector<std::string_view>& pieces);
// The same, all or nothing: the bytes go to a temporary file beside it, flushed, then renamed
// over it; on any failure the file is left as it was and the temporary one removed. Creates the
// folder when missing.
std::string write_file_atomically(const std::string& path, const std::string& bytes);

// One input file found under a path given on the command line.
struct InputFile {
  std::string path;           // to open
  std::string relative_path;  // to name the document: relative to the folder given, or the file name
};

// A file found in a folder and left out, and why.
struct SkippedFile {
  std::string path;
  std::string reason;
};

struct InputListing {
  std::vector<InputFile> files;      // sorted by relative path, so builds are reproducible
  std::vector<SkippedFile> skipped;  // files in folders left out: other extensions, READMEs and licences
  std::vector<SkippedFile> errors;   // paths that do not exist or can't be listed, and why
};

// Lists the files with one of the given extensions (lower case, with dot: ".txt") under each
// path: a file is taken as it is, a folder is walked recursively. In folders, hidden files and
// folders (".git") are not looked at, and files with other extensions or named README, LICENSE,
// LICENCE, COPYING or CHANGELOG (the folder's documentation, not articles) are listed as skipped.
InputListing list_input_files(const std::vector<std::string>& paths, const std::vector<std::string>& extensions);

// A corpus read from files and folders of articles (every format core/ingest/ingest.h reads),
// with one report line per file: "read ..." with what was repaired or cleaned, or "skipped ...:
// why", and a last "summary: ..." line with the counts. Reading continues past a bad file.
struct CorpusFromFiles {
  Corpus corpus;
  std::vector<std::string> report;
};
CorpusFromFiles read_corpus_from_paths(const std::vector<std::string>& paths, std::string name);

// A corpus from paths given to the desktop app: one bundle (a JSON bundle, a .json that is not a
// bundle being read as records, or a binary bundle of any name, known by its first bytes), or
// files and folders of articles. Returns the corpus or an error message.
struct OpenedCorpus {
  std::optional<Corpus> corpus;
  std::string error;
};
OpenedCorpus open_corpus(const std::vector<std::string>& paths);

// The entity tagger and the rate table the extraction needs (core/extract/annotate.h), read
// from their files: both, or an error message naming the file that failed.
struct Extractors {
  std::optional<extract::EntityTagger> tagger;
  extract::RateTable rates;
  std::string error;  // empty when both loaded
};
Extractors load_extractors(const std::string& model_path, const std::string& rates_path);

}  // namespace loupe::files
