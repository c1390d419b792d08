// Reading files and folders from disk (see files.h).
#include "platform/files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "core/bundle.h"
#include "core/ingest.h"

namespace loupe::files {
namespace fs = std::filesystem;

ReadResult read_file(const std::string& path) {
  ReadResult result;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    result.error = "is a folder";
    return result;
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    result.error = fs::exists(path, error) ? "can't be opened" : "no such file";
    return result;
  }
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  if (stream.bad()) {
    result.error = "read error";
    return result;
  }
  result.bytes = std::move(buffer).str();
  result.ok = true;
  return result;
}

std::string write_file(const std::string& path, const std::string& bytes) {
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  if (!stream) return "can't open " + path + " for writing";
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  stream.close();
  if (!stream) return "can't write " + path;
  return {};
}

namespace {

bool has_extension(const fs::path& path, const std::vector<std::string>& extensions) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

}  // namespace

InputListing list_input_files(const std::vector<std::string>& paths, const std::vector<std::string>& extensions) {
  InputListing listing;
  for (const std::string& given : paths) {
    std::error_code error;
    const fs::path root(given);
    if (fs::is_regular_file(root, error)) {
      listing.files.push_back({given, root.filename().string()});
      continue;
    }
    if (!fs::is_directory(root, error)) {
      listing.errors.push_back(given + ": no such file or folder");
      continue;
    }
    std::vector<InputFile> found;
    for (auto walker = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, error);
         !error && walker != fs::recursive_directory_iterator(); walker.increment(error)) {
      if (walker->is_regular_file(error) && has_extension(walker->path(), extensions)) {
        found.push_back({walker->path().string(), fs::relative(walker->path(), root, error).generic_string()});
      }
    }
    if (error) listing.errors.push_back(given + ": " + error.message());
    std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) { return a.relative_path < b.relative_path; });
    listing.files.insert(listing.files.end(), found.begin(), found.end());
  }
  return listing;
}

CorpusFromFiles read_corpus_from_paths(const std::vector<std::string>& paths, std::string name) {
  CorpusFromFiles result;
  result.corpus.name = std::move(name);
  const InputListing listing = list_input_files(paths, {".txt"});
  for (const std::string& error : listing.errors) result.report.push_back("skipped " + error);
  for (const InputFile& file : listing.files) {
    const ReadResult read = read_file(file.path);
    if (!read.ok) {
      result.report.push_back("skipped " + file.path + ": " + read.error);
      continue;
    }
    Document document = document_from_plain_text(document_id_from_path(file.relative_path), read.bytes);
    if (result.corpus.find(document.id)) {
      result.report.push_back("skipped " + file.path + ": duplicate id \"" + document.id + "\"");
      continue;
    }
    result.report.push_back("read " + file.path + " as \"" + document.id + "\": " + std::to_string(document.word_count) +
                            " words, title \"" + document.title + "\"");
    result.corpus.documents.push_back(std::move(document));
  }
  return result;
}

OpenedCorpus open_corpus(const std::vector<std::string>& paths) {
  OpenedCorpus opened;
  if (paths.size() == 1 && fs::path(paths[0]).extension() == ".json") {
    const ReadResult read = read_file(paths[0]);
    if (!read.ok) {
      opened.error = paths[0] + ": " + read.error;
      return opened;
    }
    BundleReadResult bundle = read_bundle(read.bytes);
    if (!bundle.corpus) opened.error = paths[0] + ": " + bundle.error;
    opened.corpus = std::move(bundle.corpus);
    return opened;
  }
  CorpusFromFiles from_files = read_corpus_from_paths(paths, paths.empty() ? "" : fs::path(paths[0]).filename().string());
  if (from_files.corpus.documents.empty()) {
    opened.error = "no document could be read from the paths given";
    return opened;
  }
  opened.corpus = std::move(from_files.corpus);
  return opened;
}

}  // namespace loupe::files
