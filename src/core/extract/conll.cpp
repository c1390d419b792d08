// CoNLL-2003 files (see conll.h).
#include "core/extract/conll.h"

#include <algorithm>
#include <tuple>

namespace loupe::extract {
namespace {

std::vector<std::string_view> columns_of(std::string_view line) {
  std::vector<std::string_view> columns;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) columns.push_back(line.substr(start, i - start));
  }
  return columns;
}

}  // namespace

ConllFile read_conll(std::string_view text) {
  ConllFile file;
  file.documents.emplace_back();
  ConllSentence sentence;
  auto end_sentence = [&] {
    if (!sentence.words.empty()) file.documents.back().sentences.push_back(std::move(sentence));
    sentence = ConllSentence();
  };
  std::size_t line_number = 0;
  std::size_t position = 0;
  while (position < text.size()) {
    std::size_t line_end = text.find('\n', position);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(position, line_end - position);
    position = line_end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::vector<std::string_view> columns = columns_of(line);
    if (columns.empty()) {
      end_sentence();
      continue;
    }
    if (columns[0] == "-DOCSTART-") {
      end_sentence();
      if (!file.documents.back().sentences.empty()) file.documents.emplace_back();
      continue;
    }
    if (!sentence.words.empty() && (columns.size() >= 2) != !sentence.tags.empty()) {
      file.error = "line " + std::to_string(line_number) + ": a different number of columns from the lines before it";
      return file;
    }
    sentence.lines.emplace_back(line);
    sentence.words.emplace_back(columns[0]);
    if (columns.size() >= 2) sentence.tags.emplace_back(columns.back());
  }
  end_sentence();
  if (file.documents.back().sentences.empty() && file.documents.size() > 1) file.documents.pop_back();
  return file;
}

bool TaggedSpan::operator<(const TaggedSpan& other) const {
  return std::tie(first, last, type) < std::tie(other.first, other.last, other.type);
}

bool TaggedSpan::operator==(const TaggedSpan& other) const {
  return first == other.first && last == other.last && type == other.type;
}

std::vector<TaggedSpan> spans_of(const std::vector<std::string>& tags) {
  std::vector<TaggedSpan> spans;
  bool open = false;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const std::string& tag = tags[i];
    const bool begins = tag.size() > 2 && tag[0] == 'B' && tag[1] == '-';
    const bool inside = tag.size() > 2 && tag[0] == 'I' && tag[1] == '-';
    const std::string type = (begins || inside) ? tag.substr(2) : std::string();
    // An I- tag continues only a span of its own type; otherwise it starts one (IOB1).
    if (inside && open && spans.back().type == type && spans.back().last + 1 == i) {
      spans.back().last = i;
      continue;
    }
    open = begins || inside;
    if (open) spans.push_back({i, i, type});
  }
  return spans;
}

void SpanScore::add(const std::vector<std::string>& gold_tags, const std::vector<std::string>& predicted_tags) {
  std::vector<TaggedSpan> gold = spans_of(gold_tags);
  std::vector<TaggedSpan> predicted = spans_of(predicted_tags);
  std::sort(gold.begin(), gold.end());
  std::sort(predicted.begin(), predicted.end());
  for (const TaggedSpan& span : gold) {
    ++overall.gold;
    ++by_type[span.type].gold;
  }
  for (const TaggedSpan& span : predicted) {
    ++overall.predicted;
    ++by_type[span.type].predicted;
    if (std::binary_search(gold.begin(), gold.end(), span)) {
      ++overall.correct;
      ++by_type[span.type].correct;
    }
  }
}

}  // namespace loupe::extract
