// Keyword-in-context lines (see concordance.h).
#include "core/search/concordance.h"

#include <algorithm>

#include "core/text/unicode.h"

namespace loupe::search {
namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Line breaks become spaces, so a context reads on one line.
std::string on_one_line(std::string_view text) {
  std::string line(text);
  std::replace(line.begin(), line.end(), '\n', ' ');
  return line;
}

// The words of a context, folded; the left context's read from the keyword outwards.
std::vector<std::string> sort_words(std::string_view context, bool backwards) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < context.size()) {
    const std::size_t end = std::min(context.find(' ', start), context.size());
    if (end > start) words.push_back(text::fold_for_matching(context.substr(start, end - start)));
    start = end + 1;
  }
  if (backwards) std::reverse(words.begin(), words.end());
  return words;
}

}  // namespace

std::vector<ConcordanceLine> concordance(const Index& index, const Corpus& corpus, const std::vector<DocumentId>& documents,
                                         const HighlightPlan& plan, std::size_t context_bytes, std::size_t limit) {
  std::vector<ConcordanceLine> lines;
  for (const DocumentId document : documents) {
    const std::string& text = corpus.documents[document].text;
    for (const Highlight& match : find_highlights(index.tokens(document).body, plan)) {
      if (lines.size() >= limit) return lines;
      // About context_bytes each side, widened to whole characters, then cut back to a space.
      std::size_t left_start = match.start > context_bytes ? match.start - context_bytes : 0;
      while (left_start > 0 && is_continuation_byte(text[left_start])) --left_start;
      const bool cut_left = left_start > 0;
      if (cut_left) {
        const std::size_t space = text.find_first_of(" \n", left_start);
        if (space != std::string::npos && space < match.start) left_start = space + 1;
      }
      std::size_t right_end = std::min<std::size_t>(text.size(), match.end + context_bytes);
      while (right_end < text.size() && is_continuation_byte(text[right_end])) ++right_end;
      const bool cut_right = right_end < text.size();
      if (cut_right) {
        const std::size_t space = text.find_last_of(" \n", right_end);
        if (space != std::string::npos && space > match.end) right_end = space;
      }
      ConcordanceLine line;
      line.document = document;
      line.start = match.start;
      line.end = match.end;
      line.left = (cut_left ? "\xE2\x80\xA6" : "") + on_one_line(std::string_view(text).substr(left_start, match.start - left_start));
      line.keyword = on_one_line(std::string_view(text).substr(match.start, match.end - match.start));
      line.right = on_one_line(std::string_view(text).substr(match.end, right_end - match.end)) + (cut_right ? "\xE2\x80\xA6" : "");
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

void sort_concordance(std::vector<ConcordanceLine>& lines, ConcordanceOrder order) {
  if (order == ConcordanceOrder::Document) {
    std::stable_sort(lines.begin(), lines.end(), [](const ConcordanceLine& a, const ConcordanceLine& b) {
      return a.document != b.document ? a.document < b.document : a.start < b.start;
    });
    return;
  }
  const bool left = order == ConcordanceOrder::Left;
  std::vector<std::vector<std::string>> keys;
  keys.reserve(lines.size());
  for (const ConcordanceLine& line : lines) keys.push_back(sort_words(left ? line.left : line.right, left));
  std::vector<std::size_t> positions(lines.size());
  for (std::size_t i = 0; i < positions.size(); ++i) positions[i] = i;
  std::stable_sort(positions.begin(), positions.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<ConcordanceLine> sorted;
  sorted.reserve(lines.size());
  for (const std::size_t position : positions) sorted.push_back(std::move(lines[position]));
  lines = std::move(sorted);
}

}  // namespace loupe::search
