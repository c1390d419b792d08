// The corpus model: documents with their cleaned text, and the entities, quotes and amounts of
// money extracted from them; the bundle (bundle.h) is its serialised form.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loupe {

namespace search {
class Index;
}

// A piece of the source that cleaning took out of the text (boilerplate), kept so that the reader
// can show it on request and `loupe build` can report it.
struct RemovedText {
  std::string text;    // what was removed, as it stood in the source (UTF-8)
  std::string reason;  // why, in a few words: "reading-time line", "copyright line", ...
};

struct Document {
  std::string id;     // stable identifier: the path relative to the folder given, without extension
  std::string title;  // one line, shown in lists
  std::string text;   // the cleaned body as the reader shows it (UTF-8, LF line ends, one paragraph a line)
  std::size_t word_count = 0;

  // Optional metadata, from the source when it has them (JSON records, HTML meta tags).
  std::string date;
  std::string url;
  std::string source;
  std::string author;

  std::vector<std::string> warnings;  // what was repaired on the way in ("3 bytes not valid UTF-8 ...")
  std::vector<RemovedText> removed;   // boilerplate taken out of the text
};

// Where something was found: a document (its position in the corpus) and byte offsets into its
// text, end exclusive.
struct TextSpan {
  std::size_t document = 0;
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

// A person, organization, place, product, event, law or other entity, with every mention.
struct EntityRecord {
  std::string id;    // unique in the corpus: "person:arthur-mensch"
  std::string name;
  std::string type;  // person, organization, place, product, event, law, other
  std::vector<std::string> aliases;
  std::vector<TextSpan> mentions;
};

struct QuoteRecord {
  TextSpan span;             // the quoted words
  std::string speaker;       // an entity id, or empty when the speaker is not a known entity
  std::string speaker_name;  // as the text names the speaker
  std::string role;          // the speaker's role or title where the text gives one
};

struct AmountRecord {
  TextSpan span;                // the whole expression, as written
  std::string currency;         // ISO 4217
  double minimum = 0.0;
  double maximum = 0.0;
  std::optional<double> usd_minimum;  // from the rate table, when it has the currency
  std::optional<double> usd_maximum;
  std::string subject;          // the entity id the amount belongs to, or empty
};

struct Corpus {
  std::string name;
  std::vector<Document> documents;
  std::vector<EntityRecord> entities;  // most mentioned first
  std::vector<QuoteRecord> quotes;     // in corpus order
  std::vector<AmountRecord> amounts;   // in corpus order
  std::string rates_date;              // of the table the USD values come from
  std::string rates_source;
  // The search index read with the corpus from a binary bundle (core/bundle_binary.h), if any:
  // search::Index::build takes it instead of indexing the text again. Not part of the JSON bundle.
  std::shared_ptr<search::Index> stored_index;

  std::size_t total_words() const;
  // Position of the document with this id, if any.
  std::optional<std::size_t> find(std::string_view id) const;
};

}  // namespace loupe
