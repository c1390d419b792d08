// The corpus model: documents with their cleaned text. Later modules add entities, quotes and
// amounts beside the documents; the bundle (bundle.h) is its serialised form.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loupe {

// A piece of the source that cleaning took out of the text (boilerplate), kept so that the reader
// can show it on request and `loupe build` can report it.
struct RemovedText {
  std::string text;    // what was removed, as it stood in the source (UTF-8)
  std::string reason;  // why, in a few words: "reading-time line", "copyright line", ...
};

struct Document {
  std::string id;     // stable identifier: the path relative to the folder given, without extension
  std::string title;  // one line, shown in lists
  std::string text;   // the cleaned body as the reader shows it (UTF-8, LF line ends, one paragraph a line)
  std::size_t word_count = 0;

  // Optional metadata, from the source when it has them (JSON records, HTML meta tags).
  std::string date;
  std::string url;
  std::string source;
  std::string author;

  std::vector<std::string> warnings;  // what was repaired on the way in ("3 bytes not valid UTF-8 ...")
  std::vector<RemovedText> removed;   // boilerplate taken out of the text
};

struct Corpus {
  std::string name;
  std::vector<Document> documents;

  std::size_t total_words() const;
  // Position of the document with this id, if any.
  std::optional<std::size_t> find(std::string_view id) const;
};

}  // namespace loupe
