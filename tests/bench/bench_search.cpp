// loupe_bench: how fast Loupe's search is, as numbers, never as a pass/fail test.
//
//   loupe_bench [--json] CORPUS_PATH... [--queries FILE] [--runs N]
//
// Reads the text files under the paths the way the CLI does (loupe::files::read_corpus_from_paths),
// then measures: ingest (read + clean) in MB/s of input, loupe::search::Index::build in ms and MB/s
// of text, the index's memory_bytes(), and the latency of every query of the list (default
// tests/bench/queries.txt) run N times (default 5) with run_query's default options (ranked,
// passages for the first 10 hits (a page of results), facets): p50/p95/p99/max in ms over all runs, and mean hits. A
// second pass without passages shows what the passages cost. With --json the last line is one JSON
// object with all of it (tests/bench/compare.mjs reads it). Built natively and to WebAssembly for
// node (-sNODERAWFS=1, so it reads real files); scripts/bench runs both against MiniSearch and
// FlexSearch.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/search/index.h"
#include "core/search/searcher.h"
#include "platform/files.h"

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double megabytes(std::size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

double per_second(std::size_t bytes, double ms) { return ms > 0.0 ? megabytes(bytes) / (ms / 1000.0) : 0.0; }

// Nearest-rank percentile of sorted samples.
double percentile(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0.0;
  const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

struct Latency {
  double p50 = 0.0, p95 = 0.0, p99 = 0.0, max = 0.0, mean_hits = 0.0;
  std::vector<std::size_t> hits;  // per query
  std::vector<double> medians;    // per query, ms
};

Latency time_queries(const loupe::search::Index& index, const loupe::Corpus& corpus, const std::vector<std::string>& queries,
                     int runs, const loupe::search::SearchOptions& options) {
  Latency latency;
  for (const std::string& query : queries) loupe::search::run_query(index, corpus, query, options);  // warm-up
  std::vector<double> all;
  std::size_t total_hits = 0;
  for (const std::string& query : queries) {
    std::vector<double> samples;
    std::size_t hits = 0;
    for (int run = 0; run < runs; ++run) {
      const Clock::time_point start = Clock::now();
      const loupe::search::SearchResult result = loupe::search::run_query(index, corpus, query, options);
      samples.push_back(milliseconds_since(start));
      hits = result.hits.size();
    }
    all.insert(all.end(), samples.begin(), samples.end());
    std::sort(samples.begin(), samples.end());
    latency.medians.push_back(percentile(samples, 0.5));
    latency.hits.push_back(hits);
    total_hits += hits;
  }
  std::sort(all.begin(), all.end());
  latency.p50 = percentile(all, 0.50);
  latency.p95 = percentile(all, 0.95);
  latency.p99 = percentile(all, 0.99);
  latency.max = all.empty() ? 0.0 : all.back();
  latency.mean_hits = queries.empty() ? 0.0 : static_cast<double>(total_hits) / static_cast<double>(queries.size());
  return latency;
}

// The queries of a file, one a line; blank lines and lines starting with '#' are skipped.
std::vector<std::string> read_queries(const std::string& bytes) {
  std::vector<std::string> queries;
  std::size_t start = 0;
  while (start <= bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string::npos) end = bytes.size();
    std::string line = bytes.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    const std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] != '#') queries.push_back(line.substr(first));
    start = end + 1;
  }
  return queries;
}

// The default query list: tests/bench/queries.txt from the checkout (run from its root), or next
// to this source file.
std::string default_queries_path() {
  const std::string relative = "tests/bench/queries.txt";
  std::error_code error;
  if (std::filesystem::exists(relative, error)) return relative;
  const std::filesystem::path beside = std::filesystem::path(__FILE__).parent_path() / "queries.txt";
  if (std::filesystem::exists(beside, error)) return beside.string();
  return relative;
}

int usage() {
  std::fprintf(stderr, "usage: loupe_bench [--json] CORPUS_PATH... [--queries FILE] [--runs N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  int runs = 5;
  std::string queries_path;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--json") {
      json = true;
    } else if (argument == "--queries" && i + 1 < argc) {
      queries_path = argv[++i];
    } else if (argument == "--runs" && i + 1 < argc) {
      try {
        runs = std::stoi(argv[++i]);
      } catch (...) {
        runs = 0;
      }
      if (runs < 1) return usage();
    } else if (argument == "--help" || argument == "-h" || (argument.size() > 1 && argument[0] == '-')) {
      return usage();
    } else {
      paths.push_back(argument);
    }
  }
  if (paths.empty()) return usage();
  if (queries_path.empty()) queries_path = default_queries_path();

  const loupe::files::ReadResult queries_file = loupe::files::read_file(queries_path);
  if (!queries_file.ok) {
    std::fprintf(stderr, "loupe_bench: %s: %s\n", queries_path.c_str(), queries_file.error.c_str());
    return 1;
  }
  const std::vector<std::string> queries = read_queries(queries_file.bytes);

  // Input size, listed outside the timing.
  std::size_t input_bytes = 0;
  for (const loupe::files::InputFile& file : loupe::files::list_input_files(paths, {".txt"}).files) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file.path, error);
    if (!error) input_bytes += static_cast<std::size_t>(size);
  }

  Clock::time_point start = Clock::now();
  loupe::files::CorpusFromFiles read = loupe::files::read_corpus_from_paths(paths, "bench");
  const double ingest_ms = milliseconds_since(start);
  const loupe::Corpus& corpus = read.corpus;
  if (corpus.documents.empty()) {
    std::fprintf(stderr, "loupe_bench: no document could be read from the paths given\n");
    return 1;
  }
  std::size_t skipped = 0;
  for (const std::string& line : read.report) skipped += line.rfind("skipped", 0) == 0 ? 1 : 0;
  std::size_t text_bytes = 0;
  for (const loupe::Document& document : corpus.documents) text_bytes += document.title.size() + document.text.size();

  start = Clock::now();
  const loupe::search::Index index = loupe::search::Index::build(corpus);
  const double build_ms = milliseconds_since(start);
  const std::size_t memory = index.memory_bytes();

  const loupe::search::SearchOptions options;  // ranked, passages for the first 10 hits (a page of results), facets
  const Latency latency = time_queries(index, corpus, queries, runs, options);
  loupe::search::SearchOptions no_passages;
  no_passages.hits_with_passages = 0;
  const Latency bare = time_queries(index, corpus, queries, runs, no_passages);

#ifdef __EMSCRIPTEN__
  const char* build_kind = "wasm";
#else
  const char* build_kind = "native";
#endif
  std::printf("Loupe search benchmark (%s): %zu documents, %zu skipped, %zu queries x %d runs\n", build_kind,
              corpus.documents.size(), skipped, queries.size(), runs);
  std::printf("  ingest (read + clean)  %8.1f ms  %7.1f MB/s of input (%.1f MB)\n", ingest_ms, per_second(input_bytes, ingest_ms),
              megabytes(input_bytes));
  std::printf("  index build            %8.1f ms  %7.1f MB/s of text (%.1f MB), %zu terms\n", build_ms,
              per_second(text_bytes, build_ms), megabytes(text_bytes), index.term_count());
  std::printf("  index memory           %8.1f MB\n", megabytes(memory));
  std::printf("  query latency (ms), ranked + passages for 10 hits + facets: p50 %.3f  p95 %.3f  p99 %.3f  max %.3f  mean hits %.1f\n",
              latency.p50, latency.p95, latency.p99, latency.max, latency.mean_hits);
  std::printf("  query latency (ms), ranked + facets, no passages:           p50 %.3f  p95 %.3f  p99 %.3f  max %.3f\n", bare.p50,
              bare.p95, bare.p99, bare.max);
  std::fflush(stdout);

  if (json) {
    nlohmann::json per_query = nlohmann::json::array();
    for (std::size_t i = 0; i < queries.size(); ++i) {
      per_query.push_back({{"query", queries[i]}, {"hits", latency.hits[i]}, {"p50_ms", latency.medians[i]},
                           {"p50_ms_no_passages", bare.medians[i]}});
    }
    const nlohmann::json result = {
        {"engine", std::string("loupe-") + build_kind},
        {"documents", corpus.documents.size()},
        {"skipped", skipped},
        {"input_bytes", input_bytes},
        {"text_bytes", text_bytes},
        {"ingest_ms", ingest_ms},
        {"ingest_mb_per_s", per_second(input_bytes, ingest_ms)},
        {"build_ms", build_ms},
        {"build_mb_per_s", per_second(text_bytes, build_ms)},
        {"terms", index.term_count()},
        {"memory_bytes", memory},
        {"queries", queries.size()},
        {"runs", runs},
        {"p50_ms", latency.p50},
        {"p95_ms", latency.p95},
        {"p99_ms", latency.p99},
        {"max_ms", latency.max},
        {"mean_hits", latency.mean_hits},
        {"no_passages", {{"p50_ms", bare.p50}, {"p95_ms", bare.p95}, {"p99_ms", bare.p99}, {"max_ms", bare.max}}},
        {"per_query", per_query}};
    std::printf("%s\n", result.dump().c_str());
  }
  return 0;
}
