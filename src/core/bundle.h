// The bundle: a corpus serialised as versioned JSON, the contract between `loupe build` and
// the explorer. Reading validates everything: a wrong format or version, a missing field or a
// duplicate id is an error that names the place, never undefined behaviour.
//
// {"format": "loupe-corpus", "version": 1, "name": "...",
//  "documents": [{"id": "...", "title": "...", "text": "...", "words": 123,
//                 optional: "date", "url", "source", "author" (strings), "warnings": ["..."],
//                 "removed": [{"text": "...", "reason": "..."}]}],
//  "entities": [{"id", "name", "type", "aliases": [...], "mentions": [{"doc", "start", "end"}]}],
//  "quotes": [{"doc", "start", "end", "text", "speaker": id|null, "speaker_name", "role"}],
//  "money": [{"doc", "start", "end", "text", "currency", "min", "max", "usd_min", "usd_max", "subject": id|null}],
//  "rates": {"date", "source"}}
// Offsets are bytes into the document's text, end exclusive; "doc" is a document id.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/corpus.h"

namespace loupe {

inline constexpr std::string_view kBundleFormat = "loupe-corpus";
inline constexpr int kBundleVersion = 2;

// The bundle's JSON text (compact, UTF-8).
std::string write_bundle(const Corpus& corpus);

struct BundleReadResult {
  std::optional<Corpus> corpus;  // set on success
  std::string error;             // set on failure: what is wrong and where ("documents[2].title: ...")
};

BundleReadResult read_bundle(std::string_view json_text);

}  // namespace loupe
