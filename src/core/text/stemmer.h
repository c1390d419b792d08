// English stemming with Snowball (libstemmer's "english", the Porter2 algorithm): "investments"
// and "investing" both become "invest". One Stemmer per thread of work: it is not thread-safe.
#pragma once

#include <string>
#include <string_view>

struct sb_stemmer;

namespace loupe::text {

class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of a folded word (see fold_for_matching); the word itself if it can't be stemmed.
  std::string stem(std::string_view folded_word);

 private:
  sb_stemmer* stemmer_ = nullptr;
};

}  // namespace loupe::text
