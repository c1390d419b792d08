// Reading files and folders from disk (see files.h).
#include "platform/files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unordered_set>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/bundle.h"
#include "core/bundle_binary.h"
#include "core/ingest/corpus_builder.h"
#include "core/ingest/ingest.h"
#include "core/parallel.h"

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
  // A regular file is read in one go into a string of its size (a 200 MB bundle through a string
  // stream took most of a second); whatever else, or a file that grew meanwhile, through a stream.
  std::string bytes;
  const std::uintmax_t size = fs::is_regular_file(path, error) ? fs::file_size(path, error) : 0;
  if (!error && size > 0 && size <= bytes.max_size()) {
    bytes.resize(static_cast<std::size_t>(size));
    stream.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<std::size_t>(stream.gcount()));
    if (stream.bad()) {
      result.error = "read error";
      return result;
    }
    stream.clear();
  }
  std::ostringstream rest;
  rest << stream.rdbuf();
  if (stream.bad()) {
    result.error = "read error";
    return result;
  }
  bytes += std::move(rest).str();
  result.bytes = std::move(bytes);
  result.ok = true;
  return result;
}

std::string write_file(const std::string& path, const std::string& bytes) {
  return write_file(path, std::vector<std::string_view>{std::string_view(bytes)});
}

// A regular file is written in place and then cut to its new length, rather than truncated
// first: a file written again (a bundle rebuilt) keeps its pages in the system's cache instead of
// giving them back and asking for as many again, and ext4 starts no writeback when it is closed
// (as it does for a file truncated to nothing, then written). Anything else (/dev/null, a pipe)
// is only written. The pieces go a thousand at a time.
std::string write_file(const std::string& path, const std::vector<std::string_view>& pieces) {
  const int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (file < 0) return "can't open " + path + " for writing: " + std::strerror(errno);
  const auto failed = [&](const char* what) {
    const std::string reason = std::strerror(errno);
    ::close(file);
    return std::string(what) + " " + path + ": " + reason;
  };
  constexpr std::size_t kMostPiecesAtOnce = 1024;  // IOV_MAX on Linux
  std::vector<iovec> batch;
  std::uint64_t size = 0;
  for (std::size_t first = 0; first < pieces.size(); first += kMostPiecesAtOnce) {
    batch.clear();
    for (std::size_t i = first; i < std::min(pieces.size(), first + kMostPiecesAtOnce); ++i) {
      if (!pieces[i].empty()) batch.push_back({const_cast<char*>(pieces[i].data()), pieces[i].size()});
    }
    for (std::size_t next = 0; next < batch.size();) {
      const ssize_t written = ::writev(file, batch.data() + next, static_cast<int>(batch.size() - next));
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        if (written == 0) errno = EIO;
        return failed("can't write");
      }
      size += static_cast<std::uint64_t>(written);
      // What was written: whole pieces, then part of one.
      for (std::size_t left = static_cast<std::size_t>(written); left > 0 && next < batch.size();) {
        const std::size_t taken = std::min(left, batch[next].iov_len);
        batch[next].iov_base = static_cast<char*>(batch[next].iov_base) + taken;
        batch[next].iov_len -= taken;
        left -= taken;
        if (batch[next].iov_len == 0) ++next;
      }
    }
  }
  struct stat status {};
  if (::fstat(file, &status) == 0 && S_ISREG(status.st_mode) && ::ftruncate(file, static_cast<off_t>(size)) != 0) return failed("can't cut");
  if (::close(file) != 0) return "can't write " + path + ": " + std::strerror(errno);
  return {};
}

std::string write_file_atomically(const std::string& path, const std::string& bytes) {
  const std::filesystem::path target(path);
  std::error_code error;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  if (error) return "can't create the folder " + target.parent_path().string() + ": " + error.message();
  const std::string temporary = path + ".writing";
  std::string problem = write_file(temporary, bytes);
  if (problem.empty()) {
    std::filesystem::rename(temporary, target, error);
    if (error) problem = "can't replace " + path + ": " + error.message();
  }
  if (!problem.empty()) std::filesystem::remove(temporary, error);
  return problem;
}

namespace {

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return text;
}

bool has_extension(const fs::path& path, const std::vector<std::string>& extensions) {
  const std::string extension = lower_case(path.extension().string());
  return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

// A folder's own documentation: README.TXT, LICENSE, COPYING.md, ...
bool is_folder_documentation(const fs::path& path) {
  const std::string stem = lower_case(path.stem().string());
  for (const char* name : {"readme", "license", "licence", "copying", "changelog"}) {
    if (stem == name) return true;
  }
  return false;
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
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
      listing.errors.push_back({given, "no such file or folder"});
      continue;
    }
    std::vector<InputFile> found;
    std::vector<SkippedFile> skipped;
    for (auto walker = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, error);
         !error && walker != fs::recursive_directory_iterator(); walker.increment(error)) {
      const fs::path& path = walker->path();
      if (is_hidden(path)) {
        if (walker->is_directory(error)) walker.disable_recursion_pending();
        continue;
      }
      if (!walker->is_regular_file(error)) continue;
      if (!has_extension(path, extensions)) {
        const std::string extension = path.extension().string();
        skipped.push_back({path.string(), extension.empty() ? "unsupported file type (no extension)" : "unsupported file type " + lower_case(extension)});
      } else if (is_folder_documentation(path)) {
        skipped.push_back({path.string(), "the folder's " + path.filename().string() + ", not an article (give the file itself to read it)"});
      } else {
        // lexically_relative: the walker's paths start with `root`, and fs::relative would ask the
        // file system for every file (slow under node's NODERAWFS).
        found.push_back({path.string(), path.lexically_relative(root).generic_string()});
      }
    }
    if (error) listing.errors.push_back({given, error.message()});
    std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) { return a.relative_path < b.relative_path; });
    std::sort(skipped.begin(), skipped.end(), [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
    listing.files.insert(listing.files.end(), found.begin(), found.end());
    listing.skipped.insert(listing.skipped.end(), skipped.begin(), skipped.end());
  }
  return listing;
}

CorpusFromFiles read_corpus_from_paths(const std::vector<std::string>& paths, std::string name) {
  ingest::CorpusBuilder builder(std::move(name));
  const std::vector<std::string> extensions(ingest::kSupportedExtensions.begin(), ingest::kSupportedExtensions.end());
  const InputListing listing = list_input_files(paths, extensions);
  for (const SkippedFile& error : listing.errors) builder.skip_file(error.path, error.reason);
  for (const SkippedFile& skipped : listing.skipped) builder.skip_file(skipped.path, skipped.reason);
  // Files are read and ingested on every core, a batch at a time (the batch's bytes in memory at
  // once), and join the corpus in their listed order, so that ids and the report are the same.
  constexpr std::size_t kBatchFiles = 512;
  struct FileOutcome {
    std::string skipped_because;  // set when the file was left out
    ingest::IngestResult ingested;
  };
  for (std::size_t batch_start = 0; batch_start < listing.files.size(); batch_start += kBatchFiles) {
    const std::size_t batch_size = std::min(kBatchFiles, listing.files.size() - batch_start);
    std::vector<FileOutcome> outcomes(batch_size);
    for_each_index(batch_size, available_threads(), [&](std::size_t i) {
      const InputFile& file = listing.files[batch_start + i];
      std::error_code size_error;
      const std::uintmax_t size = fs::file_size(file.path, size_error);
      if (!size_error && size > ingest::kMaxFileBytes) {
        // Refused before it is read into memory, with the message ingest gives.
        outcomes[i].skipped_because = ingest::file_too_large_error(static_cast<std::size_t>(size));
        return;
      }
      const ReadResult read = read_file(file.path);
      if (!read.ok) {
        outcomes[i].skipped_because = read.error;
        return;
      }
      outcomes[i].ingested = ingest::ingest_file(file.relative_path, read.bytes);
    });
    for (std::size_t i = 0; i < batch_size; ++i) {
      const std::string& path = listing.files[batch_start + i].path;
      if (!outcomes[i].skipped_because.empty()) {
        builder.skip_file(path, outcomes[i].skipped_because);
      } else {
        builder.add_ingested(path, std::move(outcomes[i].ingested));
      }
    }
  }
  CorpusFromFiles result;
  result.corpus = builder.finish(result.report);
  return result;
}

// True for a file that starts as a binary bundle does (core/bundle_binary.h), whatever its name.
static bool starts_as_binary_bundle(const std::string& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return false;
  std::ifstream stream(path, std::ios::binary);
  char first[kBinaryBundleMagic.size()] = {};
  stream.read(first, sizeof first);
  return is_binary_bundle(std::string_view(first, static_cast<std::size_t>(stream.gcount())));
}

OpenedCorpus open_corpus(const std::vector<std::string>& paths) {
  OpenedCorpus opened;
  if (paths.size() == 1 && (lower_case(fs::path(paths[0]).extension().string()) == ".json" || starts_as_binary_bundle(paths[0]))) {
    const ReadResult read = read_file(paths[0]);
    if (!read.ok) {
      opened.error = paths[0] + ": " + read.error;
      return opened;
    }
    BundleReadResult bundle = read_any_bundle(read.bytes);
    if (bundle.corpus) {
      opened.corpus = std::move(bundle.corpus);
      return opened;
    }
    if (is_binary_bundle(read.bytes)) {
      opened.error = paths[0] + ": " + bundle.error;
      return opened;
    }
    // Not a bundle: perhaps a file of article records.
    ingest::IngestResult records = ingest::ingest_file(fs::path(paths[0]).filename().string(), read.bytes);
    if (records.documents.empty()) {
      opened.error = paths[0] + ": " + bundle.error;
      return opened;
    }
    opened.corpus = Corpus{};
    opened.corpus->name = fs::path(paths[0]).stem().string();
    opened.corpus->documents = std::move(records.documents);
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

Extractors load_extractors(const std::string& model_path, const std::string& rates_path) {
  Extractors extractors;
  const ReadResult model = read_file(model_path);
  const ReadResult rates_json = read_file(rates_path);
  if (!model.ok || !rates_json.ok) {
    extractors.error = model.ok ? rates_path + ": " + rates_json.error : model_path + ": " + model.error;
    return extractors;
  }
  std::string error;
  extractors.tagger = extract::EntityTagger::load(model.bytes, error);
  if (!extractors.tagger) {
    extractors.error = model_path + ": " + error;
    return extractors;
  }
  extractors.rates = extract::read_rate_table(rates_json.bytes, error);
  if (!error.empty()) {
    extractors.tagger.reset();
    extractors.error = rates_path + ": " + error;
  }
  return extractors;
}

}  // namespace loupe::files
