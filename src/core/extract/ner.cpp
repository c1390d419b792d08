// Named-entity recognition with an averaged perceptron (see ner.h).
//
// [SECTION] Word features
// [SECTION] Document context and feature extraction
// [SECTION] Decoding
// [SECTION] Training
// [SECTION] Gazetteer from iso-codes
// [SECTION] Saving and loading
#include "core/extract/ner.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>

#include "core/text/unicode.h"

namespace loupe::extract {

// [SECTION] Word features --------------------------------------------------------------------------
namespace {

// The type a tag belongs to: 0 none, 1 PER, 2 ORG, 3 LOC, 4 MISC.
constexpr std::uint8_t type_of_tag(std::uint8_t tag) { return static_cast<std::uint8_t>((tag + 1) / 2); }
constexpr bool is_inside_tag(std::uint8_t tag) { return tag != 0 && tag % 2 == 0; }

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

// Feature keys: a 64-bit FNV-1a hash of a template number and its strings.
class FeatureKey {
 public:
  explicit FeatureKey(std::uint8_t template_number) { mix_byte(template_number); }
  FeatureKey& add(std::string_view part) {
    for (unsigned char c : part) mix_byte(c);
    mix_byte(0x1F);
    return *this;
  }
  FeatureKey& add(std::uint8_t value) {
    mix_byte(value);
    return *this;
  }
  std::uint64_t value() const { return hash_; }

 private:
  void mix_byte(unsigned char byte) {
    hash_ ^= byte;
    hash_ *= 1099511628211ULL;
  }
  std::uint64_t hash_ = 14695981039346656037ULL;
};

// [SECTION] Document context and feature extraction ------------------------------------------------

// What the tagger knows about a sentence's words before tagging it.
struct SentenceWords {
  std::vector<std::string> words;
  std::vector<std::string> folded;
  std::vector<std::string> shapes;
  std::vector<std::string> short_shapes;
  std::vector<std::uint8_t> gazetteer_tags;  // 0 none, 1 begins a place name, 2 inside one
  std::vector<bool> plain;                   // in lower case letters only ("said", "the"; not "iPhone", "e-mail")
  bool all_upper = false;                    // a headline in capitals
};

SentenceWords prepare_sentence(const std::vector<std::string>& words, const Gazetteer& gazetteer) {
  SentenceWords sentence;
  sentence.words = words;
  std::size_t upper = 0;
  std::size_t letters = 0;
  for (const std::string& word : words) {
    sentence.folded.push_back(text::fold_for_matching(word));
    sentence.shapes.push_back(shape_of(word, false));
    sentence.short_shapes.push_back(shape_of(word, true));
    sentence.plain.push_back(!word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }));
    if (std::any_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); })) {
      ++letters;
      upper += is_upper_case(word) ? 1 : 0;
    }
  }
  sentence.all_upper = letters >= 3 && upper == letters;
  // Longest place names first.
  sentence.gazetteer_tags.assign(words.size(), 0);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!is_capitalised(words[i])) continue;
    std::string name;
    std::size_t matched = 0;
    for (std::size_t length = 1; length <= gazetteer.longest_name_words && i + length <= words.size(); ++length) {
      if (length > 1) name += ' ';
      name += sentence.folded[i + length - 1];
      if (gazetteer.place_names.count(name)) matched = length;
      if (!gazetteer.name_beginnings.count(name)) break;  // no longer name starts so
    }
    for (std::size_t k = 0; k < matched; ++k) sentence.gazetteer_tags[i + k] = k == 0 ? 1 : 2;
    if (matched > 0) i += matched - 1;
  }
  return sentence;
}

// What the rest of the document says: which words it writes in lower case, and the entity types
// earlier occurrences of a word were given (the "extended prediction history").
struct DocumentContext {
  std::unordered_set<std::string> lower_case_words;
  std::unordered_map<std::string, std::array<std::uint16_t, 5>> type_history;

  explicit DocumentContext(const std::vector<SentenceWords>& sentences) {
    for (const SentenceWords& sentence : sentences) {
      for (std::size_t i = 0; i < sentence.words.size(); ++i) {
        if (is_lower_case(sentence.words[i])) lower_case_words.insert(sentence.folded[i]);
      }
    }
  }

  void remember(const std::string& folded, std::uint8_t tag, std::string_view word) {
    if (!is_capitalised(word) && !is_upper_case(word)) return;
    ++type_history[folded][type_of_tag(tag)];
  }

  // The type most often given to this word before, if any (0-4), with 255 for none.
  std::uint8_t usual_type(const std::string& folded) const {
    const auto found = type_history.find(folded);
    if (found == type_history.end()) return 255;
    const auto& counts = found->second;
    return static_cast<std::uint8_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
  }
};

const std::string kBoundary = "<s>";

void extract_features(const SentenceWords& sentence, const DocumentContext& context, std::size_t i, std::uint8_t previous_tag,
                      std::uint8_t tag_before_previous, std::vector<std::uint64_t>& features) {
  features.clear();
  auto folded_at = [&](std::ptrdiff_t offset) -> const std::string& {
    const std::ptrdiff_t index = static_cast<std::ptrdiff_t>(i) + offset;
    return index < 0 || index >= static_cast<std::ptrdiff_t>(sentence.words.size()) ? kBoundary : sentence.folded[static_cast<std::size_t>(index)];
  };
  auto shape_at = [&](std::ptrdiff_t offset) -> const std::string& {
    const std::ptrdiff_t index = static_cast<std::ptrdiff_t>(i) + offset;
    return index < 0 || index >= static_cast<std::ptrdiff_t>(sentence.words.size()) ? kBoundary : sentence.short_shapes[static_cast<std::size_t>(index)];
  };
  const std::string& word = sentence.words[i];
  const std::string& folded = sentence.folded[i];
  const std::string& shape = sentence.shapes[i];
  const std::string& short_shape = sentence.short_shapes[i];

  features.push_back(FeatureKey(0).value());
  features.push_back(FeatureKey(1).add(word).value());
  features.push_back(FeatureKey(2).add(folded).value());
  features.push_back(FeatureKey(3).add(shape).value());
  features.push_back(FeatureKey(4).add(short_shape).value());
  for (std::uint8_t length = 1; length <= 4; ++length) {
    if (folded.size() > length) {
      features.push_back(FeatureKey(5).add(length).add(std::string_view(folded).substr(0, length)).value());
      features.push_back(FeatureKey(6).add(length).add(std::string_view(folded).substr(folded.size() - length)).value());
    }
  }
  features.push_back(FeatureKey(7).add(folded_at(-1)).value());
  features.push_back(FeatureKey(8).add(folded_at(1)).value());
  features.push_back(FeatureKey(9).add(folded_at(-2)).value());
  features.push_back(FeatureKey(10).add(folded_at(2)).value());
  features.push_back(FeatureKey(11).add(folded_at(-1)).add(folded).value());
  features.push_back(FeatureKey(12).add(folded).add(folded_at(1)).value());
  features.push_back(FeatureKey(13).add(shape_at(-1)).add(short_shape).value());
  features.push_back(FeatureKey(14).add(short_shape).add(shape_at(1)).value());
  features.push_back(FeatureKey(15).add(shape_at(-1)).add(short_shape).add(shape_at(1)).value());
  features.push_back(FeatureKey(16).add(previous_tag).value());
  features.push_back(FeatureKey(17).add(previous_tag).add(tag_before_previous).value());
  features.push_back(FeatureKey(18).add(previous_tag).add(folded).value());
  features.push_back(FeatureKey(19).add(previous_tag).add(short_shape).value());
  features.push_back(FeatureKey(20).add(static_cast<std::uint8_t>(i == 0)).add(short_shape).value());
  features.push_back(FeatureKey(21).add(sentence.gazetteer_tags[i]).value());
  features.push_back(FeatureKey(22).add(sentence.gazetteer_tags[i]).add(previous_tag).value());
  const bool capital = is_capitalised(word) || is_upper_case(word);
  if (capital) features.push_back(FeatureKey(23).add(static_cast<std::uint8_t>(context.lower_case_words.count(folded) > 0)).add(static_cast<std::uint8_t>(i == 0)).value());
  const std::uint8_t usual = context.usual_type(folded);
  features.push_back(FeatureKey(24).add(usual).value());
  features.push_back(FeatureKey(25).add(usual).add(short_shape).value());
  if (sentence.all_upper) features.push_back(FeatureKey(26).add(short_shape).add(folded).value());
  features.push_back(FeatureKey(27).add(static_cast<std::uint8_t>(std::min<std::size_t>(word.size(), 12))).value());
  features.push_back(FeatureKey(28).add(previous_tag).add(folded_at(1)).value());
}

// [SECTION] Decoding -------------------------------------------------------------------------------

// An I- tag may only follow a B- or I- tag of its own type.
bool allowed_after(std::uint8_t previous, std::uint8_t tag) {
  if (!is_inside_tag(tag)) return true;
  return previous != 0 && type_of_tag(previous) == type_of_tag(tag);
}

}  // namespace

// Tags sentence after sentence with one context, so that earlier tags inform later ones.
struct DocumentDecoder {
  template <typename ScoreFunction, typename OnToken>
  static void decode(const std::vector<SentenceWords>& sentences, DocumentContext& context, bool skip_plain_words, ScoreFunction&& score,
                     OnToken&& on_token, std::vector<std::vector<std::uint8_t>>& tags) {
    std::vector<std::uint64_t> features;
    tags.assign(sentences.size(), {});
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      const SentenceWords& sentence = sentences[s];
      std::uint8_t previous = 0;
      std::uint8_t before_previous = 0;
      for (std::size_t i = 0; i < sentence.words.size(); ++i) {
        if (skip_plain_words && previous == 0 && sentence.plain[i]) {
          // A word in lower case outside a name is not a name's first word: tagged O unscored.
          tags[s].push_back(0);
          before_previous = previous;
          continue;
        }
        extract_features(sentence, context, i, previous, before_previous, features);
        std::array<float, kTagCount> scores = score(features);
        std::uint8_t best = 0;
        for (std::uint8_t tag = 1; tag < kTagCount; ++tag) {
          if (allowed_after(previous, tag) && scores[tag] > scores[best]) best = tag;
        }
        best = on_token(s, i, features, best);
        tags[s].push_back(best);
        context.remember(sentence.folded[i], best, sentence.words[i]);
        before_previous = previous;
        previous = best;
      }
    }
  }
};

std::vector<std::vector<std::uint8_t>> EntityTagger::tag_document(const std::vector<std::vector<std::string>>& sentences) const {
  std::vector<SentenceWords> prepared;
  prepared.reserve(sentences.size());
  for (const auto& words : sentences) prepared.push_back(prepare_sentence(words, gazetteer_));
  DocumentContext context(prepared);
  std::vector<std::vector<std::uint8_t>> tags;
  DocumentDecoder::decode(
      prepared, context, /*skip_plain_words=*/true,
      [&](const std::vector<std::uint64_t>& features) {
        std::array<float, kTagCount> scores{};
        for (std::uint64_t feature : features) {
          const Scores* found = weights_.find(feature);
          if (found == nullptr) continue;
          for (std::size_t tag = 0; tag < kTagCount; ++tag) scores[tag] += (*found)[tag];
        }
        return scores;
      },
      [](std::size_t, std::size_t, const std::vector<std::uint64_t>&, std::uint8_t best) { return best; }, tags);
  return tags;
}

// [SECTION] Training -------------------------------------------------------------------------------

// The averaged perceptron: weights, and the running sums that give their averages.
class TaggerTraining {
 public:
  struct Weights {
    std::array<float, kTagCount> current{};
    std::array<double, kTagCount> weighted_updates{};  // sum of step * update, for averaging
  };

  std::array<float, kTagCount> score(const std::vector<std::uint64_t>& features) const {
    std::array<float, kTagCount> scores{};
    for (std::uint64_t feature : features) {
      const auto found = weights_.find(feature);
      if (found == weights_.end()) continue;
      for (std::size_t tag = 0; tag < kTagCount; ++tag) scores[tag] += found->second.current[tag];
    }
    return scores;
  }

  void update(const std::vector<std::uint64_t>& features, std::uint8_t gold, std::uint8_t predicted) {
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
  for (const ConllDocument& document : documents) {
    PreparedDocument ready;
    for (const ConllSentence& sentence : document.sentences) {
      ready.sentences.push_back(prepare_sentence(sentence.words, gazetteer));
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
      DocumentContext context(document.sentences);
      std::vector<std::vector<std::uint8_t>> tags;
      DocumentDecoder::decode(
          document.sentences, context, /*skip_plain_words=*/false, [&](const std::vector<std::uint64_t>& features) { return training.score(features); },
          [&](std::size_t s, std::size_t i, const std::vector<std::uint64_t>& features, std::uint8_t predicted) {
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
  tagger.gazetteer_ = std::move(gazetteer);
  return tagger;
}

// [SECTION] Gazetteer from iso-codes ---------------------------------------------------------------

void Gazetteer::add(std::string folded_name) {
  std::size_t words = 1;
  for (std::size_t space = folded_name.find(' '); space != std::string::npos; space = folded_name.find(' ', space + 1)) {
    name_beginnings.insert(folded_name.substr(0, space));
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
constexpr std::uint32_t kModelVersion = 1;

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
    slots_[slot] = static_cast<std::uint32_t>(i + 1);
  }
}

void FeatureWeights::emplace(std::uint64_t feature, const Scores& scores) {
  if ((entries_.size() + 1) * 2 > slots_.size()) reserve(std::max<std::size_t>(entries_.size() * 2, 8));
  std::size_t slot = slot_of(feature);
  while (slots_[slot] != 0) {
    std::pair<std::uint64_t, Scores>& entry = entries_[slots_[slot] - 1];
    if (entry.first == feature) {
      entry.second = scores;
      return;
    }
    slot = (slot + 1) & (slots_.size() - 1);
  }
  entries_.emplace_back(feature, scores);
  slots_[slot] = static_cast<std::uint32_t>(entries_.size());
}

const FeatureWeights::Scores* FeatureWeights::find(std::uint64_t feature) const {
  if (slots_.empty()) return nullptr;
  for (std::size_t slot = slot_of(feature); slots_[slot] != 0; slot = (slot + 1) & (slots_.size() - 1)) {
    const std::pair<std::uint64_t, Scores>& entry = entries_[slots_[slot] - 1];
    if (entry.first == feature) return &entry.second;
  }
  return nullptr;
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
  if (!reader.at_end()) {
    error = "entity model has bytes after its last feature";
    return std::nullopt;
  }
  return tagger;
}

}  // namespace loupe::extract
