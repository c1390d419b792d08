// The corpus model: documents with their cleaned text. Later modules add entities, quotes and
// amounts beside the documents; the bundle (bundle.h) is its serialised form.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loupe {

struct Document {
  std::string id;     // stable identifier: the path relative to the folder given, without extension
  std::string title;  // one line, shown in lists
  std::string text;   // the body as the reader shows it (UTF-8, LF line ends)
  std::size_t word_count = 0;
};

struct Corpus {
  std::string name;
  std::vector<Document> documents;

  std::size_t total_words() const;
  // Position of the document with this id, if any.
  std::optional<std::size_t> find(std::string_view id) const;
};

}  // namespace loupe
