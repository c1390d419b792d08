// Fuzz target: the CoNLL-2003 reader (conll.h), as `loupe train-entities`, `loupe tag --conll`
// and `loupe score-conll` use it. The input is a CoNLL file. Each sentence read must hold as many
// lines as words and a tag per word or none; the spans of its tags must lie within it, and
// scoring the tags against themselves must be perfect. The words are then tagged by a tiny
// tagger (trained once on the hand-made sample in tests/fuzz/corpus/conll), which must give one
// valid tag per word.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/extract/conll.h"
#include "core/extract/ner.h"
#include "fuzz_common.h"

using namespace loupe;
using namespace loupe::extract;

namespace {

void check_spans(const std::vector<std::string>& tags) {
  for (const TaggedSpan& span : spans_of(tags)) {
    if (span.first > span.last || span.last >= tags.size()) fuzz::finding("a span outside its sentence");
    if (span.type.empty()) fuzz::finding("a span without a type");
  }
  SpanScore self;
  self.add(tags, tags);
  if (self.overall.correct != self.overall.gold || self.overall.predicted != self.overall.gold) {
    fuzz::finding("tags scored against themselves are not all correct");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::tiny_tagger();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ConllFile file = read_conll(text);
  if (file.documents.empty()) fuzz::finding("no document, not even an empty one");
  for (const ConllDocument& document : file.documents) {
    std::vector<std::vector<std::string>> words;
    for (const ConllSentence& sentence : document.sentences) {
      if (sentence.words.empty()) fuzz::finding("an empty sentence");
      if (sentence.lines.size() != sentence.words.size()) fuzz::finding("a sentence with more lines than words, or fewer");
      if (!sentence.tags.empty() && sentence.tags.size() != sentence.words.size()) fuzz::finding("a sentence with some words untagged");
      for (const std::string& word : sentence.words) {
        if (word.empty()) fuzz::finding("an empty word");
      }
      check_spans(sentence.tags);
      words.push_back(sentence.words);
    }
    const std::vector<std::vector<std::uint8_t>> predicted = fuzz::tiny_tagger().tag_document(words);
    if (predicted.size() != words.size()) fuzz::finding("the tagger lost sentences");
    for (std::size_t s = 0; s < words.size(); ++s) {
      if (predicted[s].size() != words[s].size()) fuzz::finding("the tagger gave a tag count other than the word count");
      std::vector<std::string> tags;
      for (const std::uint8_t tag : predicted[s]) {
        if (tag >= kTagCount) fuzz::finding("the tagger gave a tag that is not one");
        tags.emplace_back(kEntityTags[tag]);
      }
      check_spans(tags);
      if (!document.sentences[s].tags.empty()) {
        SpanScore score;
        score.add(document.sentences[s].tags, tags);
      }
    }
  }
  return 0;
}
