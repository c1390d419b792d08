// Extraction over a whole corpus: entities (merged), quotes with their speakers' entities, and
// amounts of money with their USD values and the entity they belong to, written into the Corpus.
#pragma once

#include <cstddef>
#include <vector>

#include "core/corpus.h"
#include "core/extract/entities.h"
#include "core/extract/money.h"
#include "core/extract/ner.h"

namespace loupe::extract {

// Replaces the corpus's entities, quotes and amounts with what the tagger and rules find. The
// per-document work (tagging, quotes, amounts) runs on up to `threads` threads, with the same
// result for any number; the page, without threads, keeps the default of 1.
void annotate_corpus(Corpus& corpus, const EntityTagger& tagger, const RateTable& rates, unsigned threads = 1);

// The same, step by step, so that the page can spread the work over frames with a progress bar:
// tag_next tags a few documents at a time (the bulk of the work), finish merges the entities and
// finds the quotes and amounts.
class CorpusAnnotator {
 public:
  CorpusAnnotator(const Corpus& corpus, const EntityTagger& tagger);
  // Tags up to `count` more documents; returns how many are tagged so far.
  std::size_t tag_next(std::size_t count);
  // Tags every document left, on up to `threads` threads (fewer where threads can't be started,
  // as in the page's WebAssembly: then on this one).
  void tag_rest(unsigned threads);
  bool all_tagged() const { return mentions_by_document_.size() == corpus_.documents.size(); }
  // Tags what is left, then writes the entities, quotes and amounts into `corpus` (the one given
  // to the constructor), finding each document's quotes and amounts on up to `threads` threads.
  void finish(Corpus& corpus, const RateTable& rates, unsigned threads = 1);

 private:
  const Corpus& corpus_;
  const EntityTagger& tagger_;
  std::vector<std::vector<RawMention>> mentions_by_document_;
};

}  // namespace loupe::extract
