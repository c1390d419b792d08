// Evaluation of the extraction against a hand annotation: reads gold annotations (a JSON file of
// documents, each with its entities, quotes and amounts of money, written by a person who read the
// text; see tests/annotations/README.md) and scores an annotated corpus against them with
// precision and recall for entities (found, and with the right type), quotes (found, and with
// the right speaker) and money (found, with the right amount and currency, with the right subject).
// Gold items are named by their text, not by offsets, so that the annotation outlives changes to
// cleaning: an entity by its name and aliases, a quote by its first words, an amount as written.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/corpus.h"
#include "core/extract/conll.h"

namespace loupe::extract {

// [SECTION] Gold annotations ------------------------------------------------------------------------

struct GoldEntity {
  std::string name;  // the fullest name the document uses
  std::string type;  // person, organization, place, product, event, law, other
  std::vector<std::string> aliases;
};

struct GoldQuote {
  std::string starts_with;  // the first words of the quotation, as in the text
  std::string speaker;      // a GoldEntity's name
  std::string role;
};

struct GoldAmount {
  std::string text;  // as written in the text
  std::string currency;
  double minimum = 0.0;
  double maximum = 0.0;
  std::string subject;  // a GoldEntity's name, or empty
};

struct GoldDocument {
  std::string file;  // relative to the annotation's root folder; the document's id is derived from it
  std::vector<GoldEntity> entities;
  std::vector<GoldQuote> quotes;
  std::vector<GoldAmount> amounts;
};

struct GoldAnnotations {
  std::string description;
  std::vector<GoldDocument> documents;
};

// Reads and checks a gold annotation file; on a problem, returns nothing and says where in `error`.
std::optional<GoldAnnotations> read_gold_annotations(std::string_view json_text, std::string& error);

// [SECTION] Scores -------------------------------------------------------------------------------

struct ExtractionScore {
  SpanCounts entities;        // an entity found under one of its names, whatever its type
  SpanCounts typed_entities;  // ... and with the right type
  std::map<std::string, SpanCounts> entities_by_type;  // gold type for recall, predicted type for precision
  SpanCounts quotes;               // a quotation found where the gold one starts
  SpanCounts quotes_with_speaker;  // ... and attributed to the right speaker
  SpanCounts amounts;              // an amount found over the gold one's text
  SpanCounts exact_amounts;        // ... with the right currency, minimum and maximum (within 1%)
  SpanCounts subjects;             // among found amounts: the subject named (gold) or given (predicted), and right
  std::vector<std::string> mistakes;  // one line per miss or wrong find, to read when tuning
};

// Scores the corpus's entities, quotes and amounts against the gold annotation. A gold document
// is the corpus document whose id is document_id_from_path(file); one missing from the corpus
// counts every gold item in it as missed.
ExtractionScore score_extraction(const Corpus& corpus, const GoldAnnotations& gold);

}  // namespace loupe::extract
