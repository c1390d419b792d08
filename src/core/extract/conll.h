// CoNLL-2003 files: reading them (a token per line, its tag in the last column, blank lines
// between sentences, -DOCSTART- lines between documents), writing them back with one more
// column, and scoring predicted tags against gold ones by exact span and type.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace loupe::extract {

struct ConllSentence {
  std::vector<std::string> lines;  // the input lines, as they were
  std::vector<std::string> words;  // first column
  std::vector<std::string> tags;   // last column when there are two or more columns, else empty
};

struct ConllDocument {
  std::vector<ConllSentence> sentences;
};

struct ConllFile {
  std::vector<ConllDocument> documents;
  std::string error;  // set when a line can't be read, naming its number
};

ConllFile read_conll(std::string_view text);

// A typed span of tokens [first, last] within a sentence, from IOB1 or IOB2 tags.
struct TaggedSpan {
  std::size_t first = 0;
  std::size_t last = 0;
  std::string type;  // PER, ORG, LOC, MISC
  bool operator<(const TaggedSpan& other) const;
  bool operator==(const TaggedSpan& other) const;
};
std::vector<TaggedSpan> spans_of(const std::vector<std::string>& tags);

// Span-level precision, recall and F1, overall and per type.
struct SpanCounts {
  std::size_t gold = 0;
  std::size_t predicted = 0;
  std::size_t correct = 0;
  double precision() const { return predicted ? static_cast<double>(correct) / static_cast<double>(predicted) : 0.0; }
  double recall() const { return gold ? static_cast<double>(correct) / static_cast<double>(gold) : 0.0; }
  double f1() const {
    const double p = precision();
    const double r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};
struct SpanScore {
  SpanCounts overall;
  std::map<std::string, SpanCounts> by_type;
  void add(const std::vector<std::string>& gold_tags, const std::vector<std::string>& predicted_tags);
};

}  // namespace loupe::extract
