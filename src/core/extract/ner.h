// Named-entity recognition: an averaged perceptron that tags each word of a sentence with IOB2
// tags over PER, ORG, LOC and MISC, decoding greedily left to right. It learns from CoNLL-2003's
// training split; its features are the word, its shape, prefixes and suffixes, its neighbours,
// the tags before it, place names from Debian's iso-codes, and what the same document says
// elsewhere (the word in lower case, the tags it got before). The trained model is pruned and
// quantised into a compact binary that both builds load.
#pragma once

#include <array>
#include <cassert>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/extract/conll.h"

namespace loupe::extract {

inline constexpr std::array<std::string_view, 9> kEntityTags = {"O",     "B-PER", "I-PER",  "B-ORG", "I-ORG",
                                                                 "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
inline constexpr std::size_t kTagCount = kEntityTags.size();

// The model's weights: a feature hash to one score per tag, in a flat open-addressing table
// (a node-based map spent most of the tagging time chasing pointers). Entries iterate in the
// order they were added.
class FeatureWeights {
 public:
  using Scores = std::array<float, kTagCount>;
  void reserve(std::size_t count);
  void emplace(std::uint64_t feature, const Scores& scores);  // replaces the scores of a feature already there
  const Scores* find(std::uint64_t feature) const;            // nullptr when the feature has no weights
  // A feature's place among the entries, which a word type can keep instead of looking the
  // feature up again (a copy of the table has the same places); kNoEntry when it has no weights.
  static constexpr std::uint32_t kNoEntry = 0xFFFFFFFF;
  std::uint32_t entry_of(std::uint64_t feature) const;
  const Scores& scores_of_entry(std::uint32_t entry) const {
    assert(entry < entries_.size());
    return entries_[entry].second;
  }
  std::size_t size() const { return entries_.size(); }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }

 private:
  std::size_t slot_of(std::uint64_t feature) const;
  static std::uint64_t slot_value(std::uint64_t feature, std::size_t entry) { return (feature & kFingerprint) | (entry + 1); }
  static constexpr std::uint64_t kFingerprint = 0xFFFFFFFF00000000ull;
  std::vector<std::pair<std::uint64_t, Scores>> entries_;
  // 0: empty; else the feature's high 32 bits over its entry's position + 1, so that a probe reads
  // an entry only when those bits match (most features looked up have no weights).
  std::vector<std::uint64_t> slots_;
};

// The scores of the contextual features whose values are few (the tags before a word, its place
// in a place name, what the document said of it before), looked up once when a tagger's weights
// are set rather than for every word; zeros for a feature without weights.
struct FewValuedFeatureScores {
  using Scores = FeatureWeights::Scores;
  std::array<Scores, kTagCount> previous_tag{};
  std::array<Scores, kTagCount * kTagCount> previous_two_tags{};  // [previous * kTagCount + before]
  std::array<Scores, 3> gazetteer{};                               // [0 none, 1 begins a place name, 2 inside one]
  std::array<Scores, 3 * kTagCount> gazetteer_and_previous_tag{};  // [gazetteer * kTagCount + previous]
  std::array<Scores, 4> seen_in_lower_case{};                      // [seen * 2 + first word]
  std::array<Scores, 6> usual_type{};                              // [type 0-4; 5 for none]
};

// Place names from iso-codes: countries (names, common and official) and their subdivisions.
struct Gazetteer {
  std::unordered_set<std::string> place_names;      // folded, words joined by single spaces
  std::unordered_set<std::string> name_beginnings;  // the first words of longer names: "united", "united states"
  std::unordered_set<std::string> second_words;     // the second words of longer names: "states", "of"
  std::size_t longest_name_words = 1;
  void add(std::string folded_name);  // a name and its beginnings
};
// From the JSON files /usr/share/iso-codes/json/iso_3166-1.json and iso_3166-2.json (their bytes).
Gazetteer gazetteer_from_iso_codes(std::string_view countries_json, std::string_view subdivisions_json, std::string& error);

struct TrainingOptions {
  int epochs = 10;
  unsigned seed = 2003;
  float prune_below = 0.05f;  // features whose averaged weights all stay below this are dropped
};

class EntityTagger {
 public:
  EntityTagger() = default;
  EntityTagger(const EntityTagger&) = default;
  EntityTagger& operator=(const EntityTagger&) = default;
  // A tagger moved from has no weights left: it gets an id of its own, so that no word type kept
  // for the weights it gave away (their places in the table) is used with it.
  EntityTagger(EntityTagger&& other) noexcept;
  EntityTagger& operator=(EntityTagger&& other) noexcept;

  static EntityTagger train(const std::vector<ConllDocument>& documents, Gazetteer gazetteer, const TrainingOptions& options,
                            const std::function<void(int epoch, double training_accuracy)>& progress = {});

  // Tags every sentence of one document (its words, as tokens); a tag index per word. What the
  // tagger works out per word type is kept per thread between documents (a bounded cache).
  std::vector<std::vector<std::uint8_t>> tag_document(const std::vector<std::vector<std::string>>& sentences) const;
  std::vector<std::vector<std::uint8_t>> tag_document(const std::vector<std::vector<std::string_view>>& sentences) const;

  // What the tests hold tagging to: the document tagged with every feature of each word looked
  // up one by one, and how many scored words' sums differed, in any bit, from the sums tagging
  // makes from what it keeps (the word types' sums and places in the weight table, the
  // few-valued features' scores).
  struct CheckedTags {
    std::vector<std::vector<std::uint8_t>> tags;
    std::size_t words_scored = 0;
    std::size_t sums_differing = 0;
  };
  CheckedTags tag_document_checking_sums(const std::vector<std::vector<std::string>>& sentences) const;

  std::string save() const;
  static std::optional<EntityTagger> load(std::string_view bytes, std::string& error);
  std::size_t feature_count() const { return weights_.size(); }
  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  using Scores = std::array<float, kTagCount>;
  template <typename Word>
  std::vector<std::vector<std::uint8_t>> tag_sentences(const std::vector<std::vector<Word>>& sentences) const;

  void look_up_few_valued_scores();

  FeatureWeights weights_;
  FewValuedFeatureScores few_valued_;
  Gazetteer gazetteer_;
  std::uint64_t id_ = 0;  // tells apart taggers' word-type caches (a copy has the same weights and id)

  friend class TaggerTraining;
  friend struct DocumentDecoder;
};

}  // namespace loupe::extract
