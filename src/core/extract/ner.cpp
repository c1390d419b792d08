// Named-entity recognition with an averaged perceptron (see ner.h).
//
// [SECTION] Feature keys
// [SECTION] Word types
// [SECTION] Sentences and document context
// [SECTION] Features of a word in its sentence
// [SECTION] Decoding
// [SECTION] Training
// [SECTION] Gazetteer from iso-codes
// [SECTION] Saving and loading
// [SECTION] The weight table
#include "core/extract/ner.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>
#include <random>
#include <span>
#include <utility>

#include "core/hash_slots.h"
#include "core/text/unicode.h"

namespace loupe::extract {

// [SECTION] Feature keys ---------------------------------------------------------------------------
namespace {

using Scores = FeatureWeights::Scores;

// The type a tag belongs to: 0 none, 1 PER, 2 ORG, 3 LOC, 4 MISC.
constexpr std::uint8_t type_of_tag(std::uint8_t tag) { return static_cast<std::uint8_t>((tag + 1) / 2); }
constexpr bool is_inside_tag(std::uint8_t tag) { return tag != 0 && tag % 2 == 0; }

// A feature is a template number and its parts (hashes of strings, small numbers), mixed into 64
// bits. Strings are hashed once per word type, so a feature of two words costs two multiplications.
constexpr std::uint64_t mix(std::uint64_t key, std::uint64_t part) {
  key = (key ^ part) * 0x9E3779B97F4A7C15ull;
  return key ^ (key >> 32);
}

template <typename... Parts>
constexpr std::uint64_t feature_key(std::uint8_t template_number, Parts... parts) {
  std::uint64_t key = mix(0x243F6A8885A308D3ull, template_number);
  ((key = mix(key, static_cast<std::uint64_t>(parts))), ...);
  return key;
}

// 64-bit FNV-1a, then mixed: the hash of a string part.
std::uint64_t string_hash(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return mix(hash, text.size());
}

// Adds one score per tag to a sum: the first eight in one loop, which GCC turns into vector
// additions (a loop of nine it leaves scalar at -O2), then the ninth.
inline void add_scores(Scores& sum, const Scores& scores) {
  static_assert(kTagCount == 9);
  for (std::size_t tag = 0; tag < 8; ++tag) sum[tag] += scores[tag];
  sum[8] += scores[8];
}

// The templates (a number each; a model is trained and read with the same numbers).
enum Template : std::uint8_t {
  kBias = 0,
  kWord = 1,
  kFolded = 2,
  kShape = 3,
  kShortShape = 4,
  kPrefix = 5,
  kSuffix = 6,
  kPreviousWord = 7,
  kNextWord = 8,
  kSecondPreviousWord = 9,
  kSecondNextWord = 10,
  kPreviousAndThisWord = 11,
  kThisAndNextWord = 12,
  kPreviousShapeAndShape = 13,
  kShapeAndNextShape = 14,
  kShapesAround = 15,
  kPreviousTag = 16,
  kPreviousTwoTags = 17,
  kPreviousTagAndWord = 18,
  kPreviousTagAndShape = 19,
  kFirstWordAndShape = 20,
  kGazetteer = 21,
  kGazetteerAndPreviousTag = 22,
  kSeenInLowerCase = 23,
  kUsualType = 24,
  kUsualTypeAndShape = 25,
  kCapitalsShapeAndWord = 26,
  kLength = 27,
  kPreviousTagAndNextWord = 28,
};

// The usual type of a word the document has not tagged before (DocumentContext::usual_type).
constexpr std::uint8_t kNoUsualType = 255;

// The templates of a word's neighbours, one to two words away: kPreviousWord, kNextWord,
// kSecondPreviousWord, kSecondNextWord, in the order of WordType::neighbour_scores.
constexpr std::array<std::uint8_t, 4> kNeighbourTemplates = {kPreviousWord, kNextWord, kSecondPreviousWord, kSecondNextWord};

// [SECTION] Word types -----------------------------------------------------------------------------

// "Mensch" -> "Xxxxx", "MS" -> "XX", "1,600" -> "d,ddd"; the short form collapses runs: "Xx", "d,d".
std::string shape_of(std::string_view word, bool collapse) {
  std::string shape;
  char previous = 0;
  for (unsigned char c : word) {
    char kind = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x' : c >= '0' && c <= '9' ? 'd' : c >= 0x80 ? 'u' : static_cast<char>(c);
    if (collapse && kind == previous) continue;
    if (!collapse && shape.size() >= 8 && kind == previous) continue;
    shape.push_back(kind);
    previous = kind;
  }
  return shape;
}

bool is_capitalised(std::string_view word) { return !word.empty() && word[0] >= 'A' && word[0] <= 'Z'; }
bool is_lower_case(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return !(c >= 'A' && c <= 'Z'); }) &&
         std::any_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}
bool is_upper_case(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
         std::none_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

const std::string_view kBoundary = "<s>";

// What the tagger knows of a word whatever its sentence, worked out once per word type: its
// folded form, the hashes its features are made of, the features of the word alone and, when
// tagging, their weights summed (and the weights of the word as a neighbour of another).
struct WordType {
  std::string folded;
  std::uint64_t folded_hash = 0;
  std::uint64_t short_shape_hash = 0;
  std::array<std::uint64_t, 14> own_features{};  // bias, word, folded, two shapes, four prefixes and suffixes, length
  std::uint8_t own_feature_count = 0;
  bool plain = false;        // lower case letters only ("said", "the"; not "iPhone", "e-mail")
  bool punctuation = false;  // ASCII punctuation only ("," "--" "(")
  bool capitalised = false;  // begins with a capital
  bool upper_case = false;   // capitals and no lower case letters
  bool lower_case = false;   // lower case letters and no capitals
  bool has_letter = false;   // an ASCII letter anywhere
  // Whether the gazetteer has the word alone as a place name, and as the first word of a longer
  // one: looked up once per type, for a capitalised word (prepare_sentence); and, for a word
  // after such a first word, whether it is the second word of a longer one.
  bool gazetteer_looked_up = false;
  bool place_name = false;
  bool begins_place_name = false;
  bool second_word_looked_up = false;
  bool second_word_of_place_name = false;  // ("hague" in "the hague", "of" in "isle of man")
  bool scored = false;       // the scores and entries below are filled in
  Scores own_scores{};
  std::array<Scores, 4> neighbour_scores{};  // as kNeighbourTemplates
  // The weights' entries (FeatureWeights::entry_of) of the contextual features that in the usual
  // case depend on this type alone: after a word tagged O, as a sentence's first word or not, with
  // no type given before, and as the next word of a word after an O.
  std::uint32_t after_outside_word = FeatureWeights::kNoEntry;                            // kPreviousTagAndWord
  std::uint32_t after_outside_shape = FeatureWeights::kNoEntry;                           // kPreviousTagAndShape
  std::array<std::uint32_t, 2> first_word_shape{FeatureWeights::kNoEntry, FeatureWeights::kNoEntry};  // kFirstWordAndShape [first]
  std::uint32_t no_usual_type_shape = FeatureWeights::kNoEntry;                           // kUsualTypeAndShape
  std::uint32_t as_next_after_outside = FeatureWeights::kNoEntry;                         // kPreviousTagAndNextWord

  WordType() = default;
  explicit WordType(std::string_view word) {
    folded = text::fold_for_matching(word);
    folded_hash = string_hash(folded);
    const std::string shape = shape_of(word, false);
    const std::string short_shape = shape_of(word, true);
    short_shape_hash = string_hash(short_shape);
    plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    punctuation = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
      return c > ' ' && c <= '~' && !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z');
    });
    capitalised = is_capitalised(word);
    upper_case = is_upper_case(word);
    lower_case = is_lower_case(word);
    has_letter = std::any_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
    auto add = [&](std::uint64_t feature) { own_features[own_feature_count++] = feature; };
    add(feature_key(kBias));
    add(feature_key(kWord, string_hash(word)));
    add(feature_key(kFolded, folded_hash));
    add(feature_key(kShape, string_hash(shape)));
    add(feature_key(kShortShape, short_shape_hash));
    const std::string_view folded_view = folded;
    for (std::uint8_t length = 1; length <= 4; ++length) {
      if (folded.size() > length) {
        add(feature_key(kPrefix, string_hash(folded_view.substr(0, length))));
        add(feature_key(kSuffix, string_hash(folded_view.substr(folded.size() - length))));
      }
    }
    add(feature_key(kLength, std::min<std::size_t>(word.size(), 12)));
  }

  // The boundary beyond a sentence's ends, as a neighbour.
  static WordType boundary() {
    WordType type;
    type.folded = kBoundary;
    type.folded_hash = string_hash(kBoundary);
    type.short_shape_hash = type.folded_hash;
    return type;
  }

  // Fills in the summed weights (tagging only).
  void score(const FeatureWeights& weights) {
    if (scored) return;
    auto add_weights = [&](Scores& sum, std::uint64_t feature) {
      if (const Scores* found = weights.find(feature)) {
        add_scores(sum, *found);
      }
    };
    for (std::uint8_t i = 0; i < own_feature_count; ++i) add_weights(own_scores, own_features[i]);
    for (std::size_t role = 0; role < kNeighbourTemplates.size(); ++role) add_weights(neighbour_scores[role], feature_key(kNeighbourTemplates[role], folded_hash));
    constexpr std::uint8_t kOutside = 0;
    after_outside_word = weights.entry_of(feature_key(kPreviousTagAndWord, kOutside, folded_hash));
    after_outside_shape = weights.entry_of(feature_key(kPreviousTagAndShape, kOutside, short_shape_hash));
    for (const bool first : {false, true}) first_word_shape[first] = weights.entry_of(feature_key(kFirstWordAndShape, first, short_shape_hash));
    no_usual_type_shape = weights.entry_of(feature_key(kUsualTypeAndShape, kNoUsualType, short_shape_hash));
    as_next_after_outside = weights.entry_of(feature_key(kPreviousTagAndNextWord, kOutside, folded_hash));
    scored = true;
  }
};

// Word types by their text: one per thread per tagger while tagging (WordTypes::for_tagger), one
// per training run. A type keeps what it worked out with one tagger's weights and gazetteer (the
// sums, places in the weight table, place-name answers), which hold for that tagger and its copies
// only: hence one set per tagger id. Entries keep their address until clear(). Every word of every
// sentence is looked up here (HashSlots); the entries live in chunks of 256, kept and reused after
// clear().
class WordTypes {
 public:
  WordTypes() : boundary_(WordType::boundary()) {}
  WordType& of(std::string_view word) {
    const std::uint32_t position = slots_.find_or_add(
        std::hash<std::string_view>{}(word), [&](std::uint32_t at) { return entry(at).word == word; },
        [&] {
          if (slots_.size() == chunks_.size() * kChunkEntries) chunks_.push_back(std::make_unique<Entry[]>(kChunkEntries));
          Entry& added = entry(slots_.size());
          added.word.assign(word);
          added.type = WordType(word);
        });
    return entry(position).type;
  }
  WordType& boundary() { return boundary_; }
  std::size_t size() const { return slots_.size(); }
  // Forgets every type; keeps room for kMostTypes of them (a document with more words gives the
  // rest back).
  void clear() {
    if (chunks_.size() > kMostTypes / kChunkEntries) chunks_.resize(kMostTypes / kChunkEntries);
    slots_.clear(4 * kMostTypes);
    boundary_ = WordType::boundary();
  }

  // This thread's word types for a tagger (by its id), emptied when the tagger changes or when
  // they grow past a bound (between documents, so that no entry moves while one is tagged).
  static WordTypes& for_tagger(std::uint64_t tagger_id) {
    struct ThreadTypes {
      std::uint64_t tagger_id = 0;
      WordTypes types;
    };
    thread_local ThreadTypes thread_types;
    if (thread_types.tagger_id != tagger_id || thread_types.types.size() > kMostTypes) {
      thread_types.types.clear();
      thread_types.tagger_id = tagger_id;
    }
    return thread_types.types;
  }

 private:
  struct Entry {
    std::string word;
    WordType type;
  };
  static constexpr std::size_t kChunkEntries = 256;
  // Past this many types a thread's are forgotten between documents: about 25 MB kept.
  static constexpr std::size_t kMostTypes = 1 << 16;

  Entry& entry(std::size_t position) { return chunks_[position / kChunkEntries][position % kChunkEntries]; }

  HashSlots slots_;
  std::vector<std::unique_ptr<Entry[]>> chunks_;
  WordType boundary_;
};

// [SECTION] Sentences and document context ---------------------------------------------------------

// What the tagger knows about a sentence's words before tagging it.
struct SentenceWords {
  std::vector<WordType*> types;
  std::vector<std::uint8_t> gazetteer_tags;  // 0 none, 1 begins a place name, 2 inside one
  bool all_upper = false;                    // a headline in capitals
};

template <typename Word>
SentenceWords prepare_sentence(const std::vector<Word>& words, const Gazetteer& gazetteer, WordTypes& types) {
  SentenceWords sentence;
  sentence.types.reserve(words.size());
  std::size_t upper = 0;
  std::size_t letters = 0;
  for (const Word& word : words) {
    WordType& type = types.of(word);
    sentence.types.push_back(&type);
    if (type.has_letter) {
      ++letters;
      upper += type.upper_case ? 1 : 0;
    }
  }
  sentence.all_upper = letters >= 3 && upper == letters;
  // Longest place names first.
  sentence.gazetteer_tags.assign(words.size(), 0);
  std::string name;
  for (std::size_t i = 0; i < words.size(); ++i) {
    WordType& first = *sentence.types[i];
    if (!first.capitalised) continue;
    if (!first.gazetteer_looked_up) {
      first.place_name = gazetteer.place_names.count(first.folded) > 0;
      first.begins_place_name = gazetteer.name_beginnings.count(first.folded) > 0;
      first.gazetteer_looked_up = true;
    }
    std::size_t matched = first.place_name ? 1 : 0;
    // and the longer names it begins (unless the next word is second in no name: "The" before
    // most words)
    bool longer_possible = first.begins_place_name && i + 1 < words.size();
    if (longer_possible) {
      WordType& second = *sentence.types[i + 1];
      if (!second.second_word_looked_up) {
        second.second_word_of_place_name = gazetteer.second_words.count(second.folded) > 0;
        second.second_word_looked_up = true;
      }
      longer_possible = second.second_word_of_place_name;
    }
    if (longer_possible) {
      name = first.folded;
      for (std::size_t length = 2; length <= gazetteer.longest_name_words && i + length <= words.size(); ++length) {
        name += ' ';
        name += sentence.types[i + length - 1]->folded;
        if (gazetteer.place_names.count(name)) matched = length;
        if (!gazetteer.name_beginnings.count(name)) break;  // no longer name starts so
      }
    }
    for (std::size_t k = 0; k < matched; ++k) sentence.gazetteer_tags[i + k] = k == 0 ? 1 : 2;
    if (matched > 0) i += matched - 1;
  }
  return sentence;
}

// What the rest of the document says: which words it writes in lower case, and the entity types
// earlier occurrences of a word were given (the "extended prediction history"); words by the
// hash of their folded form, in one open-addressing table (the hashes are well mixed already),
// where a set and a map allocated a node per word. The table is at least twice as large as the
// document has distinct words: no more than its words, nor than `word_types` (the word types
// known when it is made, this document's among them). It is the thread's, kept from document to
// document: a slot belongs to the document whose number it holds, so a new document starts with
// an empty table without writing it (zeroing a fresh table for each document of the scale corpus
// wrote a gigabyte). One document at a time on a thread.
class DocumentContext {
 public:
  DocumentContext(const std::vector<SentenceWords>& sentences, std::size_t word_types) : table_(thread_table()) {
    assert(!table_.in_use);
    std::size_t words = 0;
    for (const SentenceWords& sentence : sentences) words += sentence.types.size();
    const std::size_t most_distinct = std::min(words, word_types);
    std::size_t capacity = 16;
    while (capacity < 2 * most_distinct) capacity *= 2;  // at most half full
    if (++table_.document == 0) {  // the numbers went round: every slot is emptied once
      std::fill(table_.slots.begin(), table_.slots.end(), Slot{});
      table_.document = 1;
    }
    if (table_.slots.size() < capacity) table_.slots.assign(capacity, Slot{});
    table_.in_use = true;
    slots_ = std::span<Slot>(table_.slots.data(), capacity);
    document_ = table_.document;
    for (const SentenceWords& sentence : sentences) {
      for (const WordType* type : sentence.types) {
        if (type->lower_case) slot_of(type->folded_hash).seen_in_lower_case = true;
      }
    }
  }
  // A table made for a very long document is not kept (a thread keeps about 3 MB at most).
  ~DocumentContext() {
    if (table_.slots.size() > kMostSlotsKept) table_.slots = std::vector<Slot>();
    table_.in_use = false;
  }
  DocumentContext(const DocumentContext&) = delete;
  DocumentContext& operator=(const DocumentContext&) = delete;

  bool seen_in_lower_case(const WordType& type) const {
    const Slot* slot = find(type.folded_hash);
    return slot != nullptr && slot->seen_in_lower_case;
  }

  void remember(const WordType& type, std::uint8_t tag) {
    if (!type.capitalised && !type.upper_case) return;
    Slot& slot = slot_of(type.folded_hash);
    slot.tagged = true;
    ++slot.type_counts[type_of_tag(tag)];
  }

  // The type most often given to this word before, if any (0-4), else kNoUsualType.
  std::uint8_t usual_type(const WordType& type) const {
    const Slot* slot = find(type.folded_hash);
    if (slot == nullptr || !slot->tagged) return kNoUsualType;
    const auto& counts = slot->type_counts;
    return static_cast<std::uint8_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t document = 0;  // the document whose slot it is (0: none)
    bool seen_in_lower_case = false;
    bool tagged = false;
    std::array<std::uint16_t, 5> type_counts{};
  };
  static constexpr std::size_t kMostSlotsKept = std::size_t{1} << 17;
  struct Table {
    std::vector<Slot> slots;
    std::uint32_t document = 0;  // the last document's number
    bool in_use = false;
  };
  static Table& thread_table() {
    thread_local Table table;
    return table;
  }

  Slot& slot_of(std::uint64_t hash) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = hash & mask;
    while (slots_[at].document == document_ && slots_[at].hash != hash) at = (at + 1) & mask;
    Slot& slot = slots_[at];
    if (slot.document != document_) slot = Slot{hash, document_, false, false, {}};
    return slot;
  }
  const Slot* find(std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = hash & mask; slots_[at].document == document_; at = (at + 1) & mask) {
      if (slots_[at].hash == hash) return &slots_[at];
    }
    return nullptr;
  }

  Table& table_;
  std::span<Slot> slots_;  // this document's: the first `capacity` of the table's
  std::uint32_t document_ = 0;
};

// [SECTION] Features of a word in its sentence -----------------------------------------------------

// A word's feature keys: at most 14 of its own, 4 of its neighbours and 17 in context.
class FeatureList {
 public:
  void clear() { count_ = 0; }
  void push_back(std::uint64_t feature) {
    assert(count_ < keys_.size());
    keys_[count_++] = feature;
  }
  void append(const std::uint64_t* first, const std::uint64_t* last) {
    for (; first != last; ++first) push_back(*first);
  }
  const std::uint64_t* begin() const { return keys_.data(); }
  const std::uint64_t* end() const { return keys_.data() + count_; }

 private:
  std::array<std::uint64_t, 36> keys_{};
  std::size_t count_ = 0;
};

// Word i of a sentence with its neighbours (the boundary type beyond the ends).
struct WordInSentence {
  const SentenceWords& sentence;
  std::size_t i;
  WordType& boundary;

  WordType& at(std::ptrdiff_t offset) const {
    const std::ptrdiff_t index = static_cast<std::ptrdiff_t>(i) + offset;
    return index < 0 || index >= static_cast<std::ptrdiff_t>(sentence.types.size()) ? boundary : *sentence.types[static_cast<std::size_t>(index)];
  }
  // Its neighbours in the order of kNeighbourTemplates.
  std::array<WordType*, 4> neighbours() const { return {&at(-1), &at(1), &at(-2), &at(2)}; }
};

// The features of a word that depend on its sentence, the tags before it or the document
// (besides its own features and its neighbours', which its word types give).
void contextual_features(const WordInSentence& word, const DocumentContext& context, std::uint8_t previous_tag, std::uint8_t tag_before_previous,
                         FeatureList& features) {
  const WordType& type = word.at(0);
  const WordType& previous = word.at(-1);
  const WordType& next = word.at(1);
  const bool first = word.i == 0;
  const std::uint8_t gazetteer_tag = word.sentence.gazetteer_tags[word.i];
  features.push_back(feature_key(kPreviousAndThisWord, previous.folded_hash, type.folded_hash));
  features.push_back(feature_key(kThisAndNextWord, type.folded_hash, next.folded_hash));
  features.push_back(feature_key(kPreviousShapeAndShape, previous.short_shape_hash, type.short_shape_hash));
  features.push_back(feature_key(kShapeAndNextShape, type.short_shape_hash, next.short_shape_hash));
  features.push_back(feature_key(kShapesAround, previous.short_shape_hash, type.short_shape_hash, next.short_shape_hash));
  features.push_back(feature_key(kPreviousTag, previous_tag));
  features.push_back(feature_key(kPreviousTwoTags, previous_tag, tag_before_previous));
  features.push_back(feature_key(kPreviousTagAndWord, previous_tag, type.folded_hash));
  features.push_back(feature_key(kPreviousTagAndShape, previous_tag, type.short_shape_hash));
  features.push_back(feature_key(kFirstWordAndShape, first, type.short_shape_hash));
  features.push_back(feature_key(kGazetteer, gazetteer_tag));
  features.push_back(feature_key(kGazetteerAndPreviousTag, gazetteer_tag, previous_tag));
  if (type.capitalised || type.upper_case) {
    features.push_back(feature_key(kSeenInLowerCase, context.seen_in_lower_case(type), first));
  }
  const std::uint8_t usual = context.usual_type(type);
  features.push_back(feature_key(kUsualType, usual));
  features.push_back(feature_key(kUsualTypeAndShape, usual, type.short_shape_hash));
  if (word.sentence.all_upper) features.push_back(feature_key(kCapitalsShapeAndWord, type.short_shape_hash, type.folded_hash));
  features.push_back(feature_key(kPreviousTagAndNextWord, previous_tag, next.folded_hash));
}

// The scores of contextual_features(), added in the same order, so that the sums are the same
// bit for bit: most from where they are kept (the few-valued features' scores, the entries a word
// type keeps for the usual case), the rest looked up. Adding the zeros kept for a feature without
// weights changes no sum but a zero's sign, which no comparison of scores sees.
void add_contextual_scores(const WordInSentence& word, const DocumentContext& context, std::uint8_t previous_tag, std::uint8_t tag_before_previous,
                           const FeatureWeights& weights, const FewValuedFeatureScores& few_valued, Scores& scores) {
  const WordType& type = word.at(0);
  const WordType& previous = word.at(-1);
  const WordType& next = word.at(1);
  const bool first = word.i == 0;
  const std::uint8_t gazetteer_tag = word.sentence.gazetteer_tags[word.i];
  const auto add_feature = [&](std::uint64_t feature) {
    if (const Scores* found = weights.find(feature)) add_scores(scores, *found);
  };
  const auto add_entry = [&](std::uint32_t entry) {
    if (entry != FeatureWeights::kNoEntry) add_scores(scores, weights.scores_of_entry(entry));
  };
  add_feature(feature_key(kPreviousAndThisWord, previous.folded_hash, type.folded_hash));
  add_feature(feature_key(kThisAndNextWord, type.folded_hash, next.folded_hash));
  add_feature(feature_key(kPreviousShapeAndShape, previous.short_shape_hash, type.short_shape_hash));
  add_feature(feature_key(kShapeAndNextShape, type.short_shape_hash, next.short_shape_hash));
  add_feature(feature_key(kShapesAround, previous.short_shape_hash, type.short_shape_hash, next.short_shape_hash));
  add_scores(scores, few_valued.previous_tag[previous_tag]);
  add_scores(scores, few_valued.previous_two_tags[previous_tag * kTagCount + tag_before_previous]);
  if (previous_tag == 0) {
    add_entry(type.after_outside_word);
    add_entry(type.after_outside_shape);
  } else {
    add_feature(feature_key(kPreviousTagAndWord, previous_tag, type.folded_hash));
    add_feature(feature_key(kPreviousTagAndShape, previous_tag, type.short_shape_hash));
  }
  add_entry(type.first_word_shape[first]);
  add_scores(scores, few_valued.gazetteer[gazetteer_tag]);
  add_scores(scores, few_valued.gazetteer_and_previous_tag[gazetteer_tag * kTagCount + previous_tag]);
  if (type.capitalised || type.upper_case) {
    add_scores(scores, few_valued.seen_in_lower_case[(context.seen_in_lower_case(type) ? 2 : 0) + (first ? 1 : 0)]);
  }
  const std::uint8_t usual = context.usual_type(type);
  if (usual == kNoUsualType) {
    add_scores(scores, few_valued.usual_type[5]);
    add_entry(type.no_usual_type_shape);
  } else {
    add_scores(scores, few_valued.usual_type[usual]);
    add_feature(feature_key(kUsualTypeAndShape, usual, type.short_shape_hash));
  }
  if (word.sentence.all_upper) add_feature(feature_key(kCapitalsShapeAndWord, type.short_shape_hash, type.folded_hash));
  if (previous_tag == 0) {
    add_entry(next.as_next_after_outside);
  } else {
    add_feature(feature_key(kPreviousTagAndNextWord, previous_tag, next.folded_hash));
  }
}

// A word's scores as tagging sums them: its type's own sums, its neighbours' sums as neighbours,
// then add_contextual_scores().
Scores scores_from_kept(const WordInSentence& word, const DocumentContext& context, std::uint8_t previous_tag, std::uint8_t tag_before_previous,
                        const FeatureWeights& weights, const FewValuedFeatureScores& few_valued) {
  WordType& type = word.at(0);
  type.score(weights);
  Scores scores = type.own_scores;
  const std::array<WordType*, 4> neighbours = word.neighbours();
  for (std::size_t role = 0; role < neighbours.size(); ++role) {
    neighbours[role]->score(weights);
    add_scores(scores, neighbours[role]->neighbour_scores[role]);
  }
  add_contextual_scores(word, context, previous_tag, tag_before_previous, weights, few_valued, scores);
  return scores;
}

// All the features of a word (training): its own, its neighbours' and the contextual ones.
void all_features(const WordInSentence& word, const DocumentContext& context, std::uint8_t previous_tag, std::uint8_t tag_before_previous,
                  FeatureList& features) {
  features.clear();
  const WordType& type = word.at(0);
  features.append(type.own_features.data(), type.own_features.data() + type.own_feature_count);
  const std::array<WordType*, 4> neighbours = word.neighbours();
  for (std::size_t role = 0; role < neighbours.size(); ++role) features.push_back(feature_key(kNeighbourTemplates[role], neighbours[role]->folded_hash));
  contextual_features(word, context, previous_tag, tag_before_previous, features);
}

// [SECTION] Decoding -------------------------------------------------------------------------------

// An I- tag may only follow a B- or I- tag of its own type.
bool allowed_after(std::uint8_t previous, std::uint8_t tag) {
  if (!is_inside_tag(tag)) return true;
  return previous != 0 && type_of_tag(previous) == type_of_tag(tag);
}

}  // namespace

// Tags sentence after sentence with one context, so that earlier tags inform later ones.
// `score(word, previous_tag, tag_before_previous, features)` gives a word's scores per tag.
struct DocumentDecoder {
  template <typename ScoreFunction, typename OnToken>
  static void decode(const std::vector<SentenceWords>& sentences, DocumentContext& context, WordType& boundary, bool skip_unlikely_starts,
                     ScoreFunction&& score, OnToken&& on_token, std::vector<std::vector<std::uint8_t>>& tags) {
    FeatureList features;
    tags.assign(sentences.size(), {});
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      const SentenceWords& sentence = sentences[s];
      tags[s].reserve(sentence.types.size());
      std::uint8_t previous = 0;
      std::uint8_t before_previous = 0;
      for (std::size_t i = 0; i < sentence.types.size(); ++i) {
        if (skip_unlikely_starts && previous == 0 && (sentence.types[i]->plain || sentence.types[i]->punctuation)) {
          // A word in lower case or punctuation outside a name is not a name's first word: tagged
          // O unscored. (In CoNLL-2003's training and validation sets, 3 of 32,000 punctuation
          // tokens begin a name. Punctuation is most of what the tagger would otherwise score:
          // two thirds of the scale corpus's scored tokens.)
          tags[s].push_back(0);
          before_previous = previous;
          continue;
        }
        const WordInSentence word{sentence, i, boundary};
        const Scores scores = score(word, previous, before_previous, features);
        std::uint8_t best = 0;
        for (std::uint8_t tag = 1; tag < kTagCount; ++tag) {
          if (allowed_after(previous, tag) && scores[tag] > scores[best]) best = tag;
        }
        best = on_token(s, i, features, best);
        tags[s].push_back(best);
        context.remember(*sentence.types[i], best);
        before_previous = previous;
        previous = best;
      }
    }
  }
};

namespace {
std::uint64_t next_tagger_id() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}
}  // namespace

EntityTagger::EntityTagger(EntityTagger&& other) noexcept
    : weights_(std::move(other.weights_)), few_valued_(std::exchange(other.few_valued_, {})), gazetteer_(std::move(other.gazetteer_)), id_(other.id_) {
  other.id_ = next_tagger_id();
}

EntityTagger& EntityTagger::operator=(EntityTagger&& other) noexcept {
  if (this != &other) {
    weights_ = std::move(other.weights_);
    few_valued_ = std::exchange(other.few_valued_, {});
    gazetteer_ = std::move(other.gazetteer_);
    id_ = other.id_;
    other.id_ = next_tagger_id();
  }
  return *this;
}

template <typename Word>
std::vector<std::vector<std::uint8_t>> EntityTagger::tag_sentences(const std::vector<std::vector<Word>>& sentences) const {
  WordTypes& types = WordTypes::for_tagger(id_);
  std::vector<SentenceWords> prepared;
  prepared.reserve(sentences.size());
  for (const auto& words : sentences) prepared.push_back(prepare_sentence(words, gazetteer_, types));
  DocumentContext context(prepared, types.size());
  std::vector<std::vector<std::uint8_t>> tags;
  types.boundary().score(weights_);
  DocumentDecoder::decode(
      prepared, context, types.boundary(), /*skip_unlikely_starts=*/true,
      [&](const WordInSentence& word, std::uint8_t previous_tag, std::uint8_t tag_before_previous, FeatureList& /*unused: no list made*/) {
        return scores_from_kept(word, context, previous_tag, tag_before_previous, weights_, few_valued_);
      },
      [](std::size_t, std::size_t, const FeatureList&, std::uint8_t best) { return best; }, tags);
  return tags;
}

EntityTagger::CheckedTags EntityTagger::tag_document_checking_sums(const std::vector<std::vector<std::string>>& sentences) const {
  WordTypes types;  // of its own: nothing kept from other documents
  std::vector<SentenceWords> prepared;
  for (const auto& words : sentences) prepared.push_back(prepare_sentence(words, gazetteer_, types));
  DocumentContext context(prepared, types.size());
  CheckedTags checked;
  types.boundary().score(weights_);
  DocumentDecoder::decode(
      prepared, context, types.boundary(), /*skip_unlikely_starts=*/true,
      [&](const WordInSentence& word, std::uint8_t previous_tag, std::uint8_t tag_before_previous, FeatureList& features) {
        all_features(word, context, previous_tag, tag_before_previous, features);
        Scores scores{};
        for (const std::uint64_t feature : features) {
          if (const Scores* found = weights_.find(feature)) add_scores(scores, *found);
        }
        const Scores kept = scores_from_kept(word, context, previous_tag, tag_before_previous, weights_, few_valued_);
        ++checked.words_scored;
        if (std::memcmp(kept.data(), scores.data(), sizeof(Scores)) != 0) ++checked.sums_differing;
        return scores;
      },
      [](std::size_t, std::size_t, const FeatureList&, std::uint8_t best) { return best; }, checked.tags);
  return checked;
}

void EntityTagger::look_up_few_valued_scores() {
  const auto scores_of = [&](std::uint64_t feature) {
    const Scores* found = weights_.find(feature);
    return found != nullptr ? *found : Scores{};
  };
  for (std::uint8_t previous = 0; previous < kTagCount; ++previous) {
    few_valued_.previous_tag[previous] = scores_of(feature_key(kPreviousTag, previous));
    for (std::uint8_t before = 0; before < kTagCount; ++before) {
      few_valued_.previous_two_tags[previous * kTagCount + before] = scores_of(feature_key(kPreviousTwoTags, previous, before));
    }
  }
  for (std::uint8_t gazetteer_tag = 0; gazetteer_tag < 3; ++gazetteer_tag) {
    few_valued_.gazetteer[gazetteer_tag] = scores_of(feature_key(kGazetteer, gazetteer_tag));
    for (std::uint8_t previous = 0; previous < kTagCount; ++previous) {
      few_valued_.gazetteer_and_previous_tag[gazetteer_tag * kTagCount + previous] = scores_of(feature_key(kGazetteerAndPreviousTag, gazetteer_tag, previous));
    }
  }
  for (const bool seen : {false, true}) {
    for (const bool first : {false, true}) few_valued_.seen_in_lower_case[(seen ? 2 : 0) + (first ? 1 : 0)] = scores_of(feature_key(kSeenInLowerCase, seen, first));
  }
  for (std::uint8_t type = 0; type < 5; ++type) few_valued_.usual_type[type] = scores_of(feature_key(kUsualType, type));
  few_valued_.usual_type[5] = scores_of(feature_key(kUsualType, kNoUsualType));
}

std::vector<std::vector<std::uint8_t>> EntityTagger::tag_document(const std::vector<std::vector<std::string>>& sentences) const {
  return tag_sentences(sentences);
}

std::vector<std::vector<std::uint8_t>> EntityTagger::tag_document(const std::vector<std::vector<std::string_view>>& sentences) const {
  return tag_sentences(sentences);
}

// [SECTION] Training -------------------------------------------------------------------------------

// The averaged perceptron: weights, and the running sums that give their averages.
class TaggerTraining {
 public:
  struct Weights {
    std::array<float, kTagCount> current{};
    std::array<double, kTagCount> weighted_updates{};  // sum of step * update, for averaging
  };

  std::array<float, kTagCount> score(const FeatureList& features) const {
    std::array<float, kTagCount> scores{};
    for (std::uint64_t feature : features) {
      const auto found = weights_.find(feature);
      if (found == weights_.end()) continue;
      for (std::size_t tag = 0; tag < kTagCount; ++tag) scores[tag] += found->second.current[tag];
    }
    return scores;
  }

  void update(const FeatureList& features, std::uint8_t gold, std::uint8_t predicted) {
    for (std::uint64_t feature : features) {
      Weights& weights = weights_[feature];
      weights.current[gold] += 1.0f;
      weights.current[predicted] -= 1.0f;
      weights.weighted_updates[gold] += static_cast<double>(step_);
      weights.weighted_updates[predicted] -= static_cast<double>(step_);
    }
  }

  void next_step() { ++step_; }

  // Averaged weights, without the features that never weigh much.
  std::unordered_map<std::uint64_t, std::array<float, kTagCount>> averaged(float prune_below) const {
    std::unordered_map<std::uint64_t, std::array<float, kTagCount>> result;
    const auto steps = static_cast<double>(step_);
    for (const auto& [feature, weights] : weights_) {
      std::array<float, kTagCount> average{};
      float largest = 0.0f;
      for (std::size_t tag = 0; tag < kTagCount; ++tag) {
        average[tag] = static_cast<float>(weights.current[tag] - weights.weighted_updates[tag] / steps);
        largest = std::max(largest, std::fabs(average[tag]));
      }
      if (largest >= prune_below) result.emplace(feature, average);
    }
    return result;
  }

 private:
  std::unordered_map<std::uint64_t, Weights> weights_;
  std::uint64_t step_ = 1;
};

EntityTagger EntityTagger::train(const std::vector<ConllDocument>& documents, Gazetteer gazetteer, const TrainingOptions& options,
                                 const std::function<void(int, double)>& progress) {
  struct PreparedDocument {
    std::vector<SentenceWords> sentences;
    std::vector<std::vector<std::uint8_t>> gold;
  };
  std::vector<PreparedDocument> prepared;
  WordTypes types;
  for (const ConllDocument& document : documents) {
    PreparedDocument ready;
    for (const ConllSentence& sentence : document.sentences) {
      ready.sentences.push_back(prepare_sentence(sentence.words, gazetteer, types));
      // Gold tags as IOB2 indices (IOB1 I- tags that start a span become B-).
      std::vector<std::uint8_t> gold(sentence.words.size(), 0);
      for (const TaggedSpan& span : spans_of(sentence.tags)) {
        const auto found = std::find(kEntityTags.begin(), kEntityTags.end(), "B-" + span.type);
        if (found == kEntityTags.end()) continue;
        const auto begin_tag = static_cast<std::uint8_t>(found - kEntityTags.begin());
        for (std::size_t k = span.first; k <= span.last; ++k) gold[k] = k == span.first ? begin_tag : static_cast<std::uint8_t>(begin_tag + 1);
      }
      ready.gold.push_back(std::move(gold));
    }
    prepared.push_back(std::move(ready));
  }

  TaggerTraining training;
  std::vector<std::size_t> order(prepared.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 random(options.seed);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    // Fisher-Yates with the generator's raw numbers: std::shuffle differs between standard
    // libraries, and the native and WebAssembly builds must train the same model.
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
    std::size_t correct = 0;
    std::size_t total = 0;
    for (std::size_t index : order) {
      const PreparedDocument& document = prepared[index];
      DocumentContext context(document.sentences, types.size());
      std::vector<std::vector<std::uint8_t>> tags;
      DocumentDecoder::decode(
          document.sentences, context, types.boundary(), /*skip_unlikely_starts=*/false,
          [&](const WordInSentence& word, std::uint8_t previous_tag, std::uint8_t tag_before_previous, FeatureList& features) {
            all_features(word, context, previous_tag, tag_before_previous, features);
            return training.score(features);
          },
          [&](std::size_t s, std::size_t i, const FeatureList& features, std::uint8_t predicted) {
            const std::uint8_t gold = document.gold[s][i];
            ++total;
            if (predicted == gold) {
              ++correct;
            } else {
              training.update(features, gold, predicted);
            }
            training.next_step();
            return predicted;
          },
          tags);
    }
    if (progress) progress(epoch, total ? static_cast<double>(correct) / static_cast<double>(total) : 0.0);
  }

  EntityTagger tagger;
  const std::unordered_map<std::uint64_t, Scores> averaged = training.averaged(options.prune_below);
  std::vector<std::uint64_t> features;
  for (const auto& entry : averaged) features.push_back(entry.first);
  std::sort(features.begin(), features.end());  // the same table whatever the map's order
  tagger.weights_.reserve(features.size());
  for (std::uint64_t feature : features) tagger.weights_.emplace(feature, averaged.at(feature));
  tagger.look_up_few_valued_scores();
  tagger.gazetteer_ = std::move(gazetteer);
  tagger.id_ = next_tagger_id();
  return tagger;
}

// [SECTION] Gazetteer from iso-codes ---------------------------------------------------------------

void Gazetteer::add(std::string folded_name) {
  std::size_t words = 1;
  for (std::size_t space = folded_name.find(' '); space != std::string::npos; space = folded_name.find(' ', space + 1)) {
    name_beginnings.insert(folded_name.substr(0, space));
    if (words == 1) second_words.insert(folded_name.substr(space + 1, folded_name.find(' ', space + 1) - (space + 1)));
    ++words;
  }
  longest_name_words = std::max(longest_name_words, words);
  place_names.insert(std::move(folded_name));
}

Gazetteer gazetteer_from_iso_codes(std::string_view countries_json, std::string_view subdivisions_json, std::string& error) {
  Gazetteer gazetteer;
  auto add_name = [&](const std::string& name) {
    // Names are folded word by word, as sentences are: "Korea, Republic of" -> "korea republic of".
    std::string folded;
    std::size_t words = 0;
    std::string word;
    auto flush = [&] {
      if (word.empty()) return;
      folded += (folded.empty() ? "" : " ") + text::fold_for_matching(word);
      ++words;
      word.clear();
    };
    for (char c : name) {
      if (c == ' ' || c == ',' || c == '(' || c == ')') {
        flush();
      } else {
        word.push_back(c);
      }
    }
    flush();
    if (words == 0) return;
    gazetteer.add(folded);
  };
  try {
    const nlohmann::json countries = nlohmann::json::parse(countries_json);
    for (const auto& country : countries.at("3166-1")) {
      for (const char* key : {"name", "common_name", "official_name"}) {
        if (country.contains(key)) add_name(country[key].get<std::string>());
      }
    }
    const nlohmann::json subdivisions = nlohmann::json::parse(subdivisions_json);
    for (const auto& subdivision : subdivisions.at("3166-2")) {
      if (subdivision.contains("name")) add_name(subdivision["name"].get<std::string>());
    }
  } catch (const nlohmann::json::exception& exception) {
    error = std::string("iso-codes data could not be read: ") + exception.what();
  }
  return gazetteer;
}

// [SECTION] Saving and loading ---------------------------------------------------------------------
//
// "LOUPENER" version(u32) scale(f32) place_name_count(u32) longest_name_words(u32)
// {length(u16) bytes}... feature_count(u32) {hash(u64) weights(9 x i16)}...   (little endian)

namespace {

constexpr std::string_view kModelMagic = "LOUPENER";
constexpr std::uint32_t kModelVersion = 2;  // 2: features of mixed hashes (version 1 hashed their text)

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool get(T& value) {
    if (bytes_.size() - position_ < sizeof(T)) return false;
    std::memcpy(&value, bytes_.data() + position_, sizeof(T));
    position_ += sizeof(T);
    return true;
  }
  bool get_string(std::size_t length, std::string& value) {
    if (bytes_.size() - position_ < length) return false;
    value.assign(bytes_.substr(position_, length));
    position_ += length;
    return true;
  }
  bool at_end() const { return position_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t position_ = 0;
};

}  // namespace

// [SECTION] The weight table --------------------------------------------------------------------------

std::size_t FeatureWeights::slot_of(std::uint64_t feature) const {
  // Features are hashes already; the multiply spreads their low bits over the table.
  return static_cast<std::size_t>((feature * 0x9E3779B97F4A7C15ull) >> 20) & (slots_.size() - 1);
}

void FeatureWeights::reserve(std::size_t count) {
  entries_.reserve(count);
  std::size_t capacity = 16;
  while (capacity < count * 2) capacity *= 2;  // at most half full
  if (capacity <= slots_.size()) return;
  slots_.assign(capacity, 0);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    std::size_t slot = slot_of(entries_[i].first);
    while (slots_[slot] != 0) slot = (slot + 1) & (slots_.size() - 1);
    slots_[slot] = slot_value(entries_[i].first, i);
  }
}

void FeatureWeights::emplace(std::uint64_t feature, const Scores& scores) {
  if ((entries_.size() + 1) * 2 > slots_.size()) reserve(std::max<std::size_t>(entries_.size() * 2, 8));
  std::size_t slot = slot_of(feature);
  while (slots_[slot] != 0) {
    std::pair<std::uint64_t, Scores>& entry = entries_[static_cast<std::uint32_t>(slots_[slot]) - 1];
    if (entry.first == feature) {
      entry.second = scores;
      return;
    }
    slot = (slot + 1) & (slots_.size() - 1);
  }
  entries_.emplace_back(feature, scores);
  slots_[slot] = slot_value(feature, entries_.size() - 1);
}

const FeatureWeights::Scores* FeatureWeights::find(std::uint64_t feature) const {
  const std::uint32_t entry = entry_of(feature);
  return entry == kNoEntry ? nullptr : &entries_[entry].second;
}

std::uint32_t FeatureWeights::entry_of(std::uint64_t feature) const {
  if (slots_.empty()) return kNoEntry;
  for (std::size_t slot = slot_of(feature); slots_[slot] != 0; slot = (slot + 1) & (slots_.size() - 1)) {
    if ((slots_[slot] & kFingerprint) != (feature & kFingerprint)) continue;
    const auto entry = static_cast<std::uint32_t>(slots_[slot]) - 1;
    if (entries_[entry].first == feature) return entry;
  }
  return kNoEntry;
}

std::string EntityTagger::save() const {
  float largest = 0.0f;
  for (const auto& [feature, scores] : weights_) {
    for (float weight : scores) largest = std::max(largest, std::fabs(weight));
  }
  const float scale = largest > 0 ? largest / 32767.0f : 1.0f;
  std::string out(kModelMagic);
  put(out, kModelVersion);
  put(out, scale);
  std::vector<std::string> names(gazetteer_.place_names.begin(), gazetteer_.place_names.end());
  std::sort(names.begin(), names.end());
  put(out, static_cast<std::uint32_t>(names.size()));
  put(out, static_cast<std::uint32_t>(gazetteer_.longest_name_words));
  for (const std::string& name : names) {
    put(out, static_cast<std::uint16_t>(std::min<std::size_t>(name.size(), 65535)));
    out.append(name, 0, std::min<std::size_t>(name.size(), 65535));
  }
  std::vector<std::uint64_t> features;
  features.reserve(weights_.size());
  for (const auto& entry : weights_) features.push_back(entry.first);
  std::sort(features.begin(), features.end());  // reproducible files
  put(out, static_cast<std::uint32_t>(features.size()));
  for (std::uint64_t feature : features) {
    put(out, feature);
    for (float weight : *weights_.find(feature)) put(out, static_cast<std::int16_t>(std::lround(weight / scale)));
  }
  return out;
}

std::optional<EntityTagger> EntityTagger::load(std::string_view bytes, std::string& error) {
  if (bytes.substr(0, kModelMagic.size()) != kModelMagic) {
    error = "not a Loupe entity model (wrong magic)";
    return std::nullopt;
  }
  Reader reader(bytes.substr(kModelMagic.size()));
  std::uint32_t version = 0;
  float scale = 0;
  std::uint32_t name_count = 0;
  std::uint32_t longest = 0;
  if (!reader.get(version) || version != kModelVersion) {
    error = "entity model version " + std::to_string(version) + ", this Loupe reads " + std::to_string(kModelVersion);
    return std::nullopt;
  }
  EntityTagger tagger;
  if (!reader.get(scale) || !reader.get(name_count) || !reader.get(longest) || !(scale > 0) || longest == 0 || longest > 64) {
    error = "entity model header is damaged";
    return std::nullopt;
  }
  for (std::uint32_t i = 0; i < name_count; ++i) {
    std::uint16_t length = 0;
    std::string name;
    if (!reader.get(length) || !reader.get_string(length, name)) {
      error = "entity model ends inside place name " + std::to_string(i);
      return std::nullopt;
    }
    tagger.gazetteer_.add(std::move(name));
  }
  std::uint32_t feature_count = 0;
  if (!reader.get(feature_count)) {
    error = "entity model ends before its features";
    return std::nullopt;
  }
  tagger.weights_.reserve(feature_count);
  for (std::uint32_t i = 0; i < feature_count; ++i) {
    std::uint64_t feature = 0;
    Scores scores{};
    bool complete = reader.get(feature);
    for (std::size_t tag = 0; tag < kTagCount && complete; ++tag) {
      std::int16_t quantised = 0;
      complete = reader.get(quantised);
      scores[tag] = static_cast<float>(quantised) * scale;
    }
    if (!complete) {
      error = "entity model ends inside feature " + std::to_string(i);
      return std::nullopt;
    }
    tagger.weights_.emplace(feature, scores);
  }
  tagger.look_up_few_valued_scores();
  tagger.id_ = next_tagger_id();
  if (!reader.at_end()) {
    error = "entity model has bytes after its last feature";
    return std::nullopt;
  }
  return tagger;
}

}  // namespace loupe::extract
