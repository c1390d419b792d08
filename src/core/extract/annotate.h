// Extraction over a whole corpus: entities (merged), quotes with their speakers' entities, and
// amounts of money with their USD values and the entity they belong to, written into the Corpus.
#pragma once

#include "core/corpus.h"
#include "core/extract/money.h"
#include "core/extract/ner.h"

namespace loupe::extract {

// Replaces the corpus's entities, quotes and amounts with what the tagger and rules find.
void annotate_corpus(Corpus& corpus, const EntityTagger& tagger, const RateTable& rates);

}  // namespace loupe::extract
