// Test fixtures: reads real text (the seed articles, the BBC corpus) for the unit tests.
// Tests may read files; the core they test only ever receives bytes.
#pragma once

#include <fstream>
#include <stdexcept>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/corpus.h"
#include "core/ingest/ingest.h"

namespace loupe::test {

// The bytes of a file under the repository (LOUPE_SOURCE_DIR), e.g. "seeds/000_9aa3858245310ff1.txt".
inline std::string read_repo_file(const std::string& relative_path) {
  std::ifstream stream(std::string(LOUPE_SOURCE_DIR) + "/" + relative_path, std::ios::binary);
  if (!stream) throw std::runtime_error("fixture not found: " + relative_path);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

inline const char* const kSeedFiles[] = {
    "seeds/000_9aa3858245310ff1.txt",
    "seeds/001_a5ab434f381efdb2.txt",
    "seeds/002_cb61db7a76a34ded.txt",
    "seeds/003_897f894024ca4c72.txt",
};

// The four seed articles as `loupe build seeds` reads them (ids are the file stems; cleaned).
inline Corpus seed_corpus() {
  Corpus corpus;
  corpus.name = "seeds";
  for (const char* file : kSeedFiles) {
    const std::string relative = std::string(file).substr(std::string("seeds/").size());
    ingest::IngestResult ingested = ingest::ingest_file(relative, read_repo_file(file));
    if (ingested.documents.size() != 1) throw std::runtime_error("seed not read: " + relative + ": " + ingested.error);
    corpus.documents.push_back(std::move(ingested.documents.front()));
  }
  return corpus;
}

// The BBC News corpus of the shared reference data (LOUPE_DATA_DIR/bbc; see scripts/cmake/shared_data.cmake),
// which may be missing on a machine: tests that use it skip with a message then.
inline std::string bbc_folder() { return std::string(LOUPE_DATA_DIR) + "/bbc"; }

inline bool bbc_available() {
  std::ifstream probe(bbc_folder() + "/sport/199.txt", std::ios::binary);
  return static_cast<bool>(probe);
}

// The bytes of a BBC file ("sport/199.txt"); call only when bbc_available().
inline std::string read_bbc_file(const std::string& relative_path) {
  std::ifstream stream(bbc_folder() + "/" + relative_path, std::ios::binary);
  if (!stream) throw std::runtime_error("BBC file not found: " + relative_path);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

// The lines of a text (split at LF), and whether one of them is exactly `line`.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

inline bool has_line(const std::string& text, std::string_view line) {
  for (const std::string& candidate : lines_of(text)) {
    if (candidate == line) return true;
  }
  return false;
}

}  // namespace loupe::test
