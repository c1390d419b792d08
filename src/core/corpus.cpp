// The corpus model (see corpus.h).
#include "core/corpus.h"

namespace loupe {

std::size_t Corpus::total_words() const {
  std::size_t total = 0;
  for (const Document& document : documents) total += document.word_count;
  return total;
}

std::optional<std::size_t> Corpus::find(std::string_view id) const {
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (documents[i].id == id) return i;
  }
  return std::nullopt;
}

}  // namespace loupe
