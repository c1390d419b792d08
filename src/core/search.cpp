// Plain substring search over titles and texts (see search.h).
#include "core/search.h"

#include "core/text.h"

namespace loupe {

std::vector<std::size_t> find_documents(const Corpus& corpus, std::string_view query) {
  const std::string needle = fold_ascii_case(trim(query));
  std::vector<std::size_t> matches;
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    const Document& document = corpus.documents[i];
    if (needle.empty() || fold_ascii_case(document.title).find(needle) != std::string::npos ||
        fold_ascii_case(document.text).find(needle) != std::string::npos) {
      matches.push_back(i);
    }
  }
  return matches;
}

}  // namespace loupe
