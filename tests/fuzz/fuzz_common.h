// Shared by the libFuzzer targets: what they need from the repository, built once per process
// (the seed corpus, a tiny entity tagger, the rate table), a strict UTF-8 check to test the
// core's promises against, and the one way a target reports a broken promise (abort, which
// libFuzzer records as a crash with its input).
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/corpus.h"
#include "core/extract/annotate.h"
#include "core/extract/conll.h"
#include "core/extract/money.h"
#include "core/extract/ner.h"
#include "core/ingest/ingest.h"

#ifndef LOUPE_SOURCE_DIR
#error "LOUPE_SOURCE_DIR must name the repository (tests/fuzz/CMakeLists.txt sets it)"
#endif

namespace loupe::fuzz {

// A promise of the core that an input broke: printed, then abort() so that libFuzzer keeps the input.
[[noreturn]] inline void finding(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "FUZZ FINDING: %.*s%s%.*s\n", static_cast<int>(what.size()), what.data(), detail.empty() ? "" : ": ",
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline std::string read_repo_file(const std::string& relative_path) {
  std::ifstream stream(std::string(LOUPE_SOURCE_DIR) + "/" + relative_path, std::ios::binary);
  if (!stream) {
    std::fprintf(stderr, "fuzz target setup: cannot read %s/%s\n", LOUPE_SOURCE_DIR, relative_path.c_str());
    std::exit(2);
  }
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
inline bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t code_point = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if (byte >= 0xC2 && byte <= 0xDF) {
      length = 2;
      code_point = byte & 0x1F;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
      length = 3;
      code_point = byte & 0x0F;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      length = 4;
      code_point = byte & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if ((length == 3 && code_point < 0x800) || (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)) ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

// The seed articles as `loupe build seeds` reads them.
inline const Corpus& seed_corpus() {
  static const Corpus corpus = [] {
    Corpus seeds;
    seeds.name = "Seed articles";
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(LOUPE_SOURCE_DIR) + "/seeds")) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const std::string name = file.filename().string();
      ingest::IngestResult ingested = ingest::ingest_file(name, read_repo_file("seeds/" + name));
      for (Document& document : ingested.documents) seeds.documents.push_back(std::move(document));
    }
    if (seeds.documents.empty()) {
      std::fprintf(stderr, "fuzz target setup: no seed article read\n");
      std::exit(2);
    }
    return seeds;
  }();
  return corpus;
}

// An entity tagger trained in a blink on the hand-made CoNLL sample of tests/fuzz/corpus/conll:
// poor at tagging, but it runs the same code as the real model over whatever text it is given.
inline const extract::EntityTagger& tiny_tagger() {
  static const extract::EntityTagger tagger = [] {
    const extract::ConllFile sample = extract::read_conll(read_repo_file("tests/fuzz/corpus/conll/seed_sentences.conll"));
    if (!sample.error.empty()) {
      std::fprintf(stderr, "fuzz target setup: %s\n", sample.error.c_str());
      std::exit(2);
    }
    extract::TrainingOptions options;
    options.epochs = 5;
    return extract::EntityTagger::train(sample.documents, extract::Gazetteer{}, options);
  }();
  return tagger;
}

inline const extract::RateTable& rate_table() {
  static const extract::RateTable rates = [] {
    std::string error;
    extract::RateTable table = extract::read_rate_table(read_repo_file("assets/exchange_rates.json"), error);
    if (!error.empty()) {
      std::fprintf(stderr, "fuzz target setup: assets/exchange_rates.json: %s\n", error.c_str());
      std::exit(2);
    }
    return table;
  }();
  return rates;
}

// The seed corpus with entities, quotes and amounts found by the tiny tagger.
inline const Corpus& annotated_seed_corpus() {
  static const Corpus corpus = [] {
    Corpus annotated = seed_corpus();
    extract::annotate_corpus(annotated, tiny_tagger(), rate_table());
    return annotated;
  }();
  return corpus;
}

}  // namespace loupe::fuzz
