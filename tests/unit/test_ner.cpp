// Tests of the entity tagger (core/extract/ner.h): training on part of CoNLL-2003's training
// split, scoring on its validation split, saving and loading, and damaged models. The cases that
// need the CoNLL data or iso-codes are skipped, with a message, where they are missing.
#include <algorithm>
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>
#include <vector>

#include "core/extract/ner.h"

using namespace loupe::extract;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

bool have_training_data() {
  return std::ifstream(std::string(LOUPE_CONLL_DIR) + "/train.txt").good() &&
         std::ifstream(std::string(LOUPE_ISO_CODES_DIR) + "/iso_3166-1.json").good();
}

Gazetteer iso_gazetteer() {
  std::string error;
  Gazetteer gazetteer = gazetteer_from_iso_codes(read_file(std::string(LOUPE_ISO_CODES_DIR) + "/iso_3166-1.json"),
                                                 read_file(std::string(LOUPE_ISO_CODES_DIR) + "/iso_3166-2.json"), error);
  REQUIRE(error.empty());
  return gazetteer;
}

SpanScore score_on(const EntityTagger& tagger, const std::vector<ConllDocument>& documents) {
  SpanScore score;
  for (const ConllDocument& document : documents) {
    std::vector<std::vector<std::string>> sentences;
    for (const ConllSentence& sentence : document.sentences) sentences.push_back(sentence.words);
    const auto tags = tagger.tag_document(sentences);
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      std::vector<std::string> predicted;
      for (std::uint8_t tag : tags[s]) predicted.emplace_back(kEntityTags[tag]);
      score.add(document.sentences[s].tags, predicted);
    }
  }
  return score;
}

// A small tagger: 150 training documents, 4 epochs (well under a second).
const EntityTagger& small_tagger() {
  static const EntityTagger tagger = [] {
    ConllFile train = read_conll(read_file(std::string(LOUPE_CONLL_DIR) + "/train.txt"));
    train.documents.resize(150);
    TrainingOptions options;
    options.epochs = 4;
    return EntityTagger::train(train.documents, iso_gazetteer(), options);
  }();
  return tagger;
}

std::vector<ConllDocument> validation_documents(std::size_t count) {
  ConllFile valid = read_conll(read_file(std::string(LOUPE_CONLL_DIR) + "/valid.txt"));
  if (valid.documents.size() > count) valid.documents.resize(count);
  return valid.documents;
}

}  // namespace

TEST_CASE("feature weights find each feature's own scores, also among features that share half their bits") {
  // Slots keep a feature's high 32 bits: features alike there, or in their low bits, or landing on
  // the same slots, must still find their own scores, and a feature never added none.
  FeatureWeights weights;
  std::vector<std::uint64_t> features;
  for (std::uint64_t i = 1; i <= 3000; ++i) {
    features.push_back(0xABCD123400000000ull | i);     // the same high bits
    features.push_back((i << 32) | 0x55u);             // the same low bits
    features.push_back(i * 0x9E3779B97F4A7C15ull);     // spread
  }
  auto scores_of = [](std::size_t i) {
    FeatureWeights::Scores scores{};
    scores[i % kTagCount] = static_cast<float>(i) + 0.5f;
    return scores;
  };
  for (std::size_t i = 0; i < features.size(); ++i) weights.emplace(features[i], scores_of(i));
  REQUIRE(weights.size() == features.size());
  for (std::size_t i = 0; i < features.size(); ++i) {
    const FeatureWeights::Scores* found = weights.find(features[i]);
    REQUIRE(found != nullptr);
    CHECK(*found == scores_of(i));
  }
  for (std::uint64_t i = 3001; i <= 6000; ++i) {
    CHECK(weights.find(0xABCD123400000000ull | i) == nullptr);
    CHECK(weights.find((i << 32) | 0x55u) == nullptr);
    CHECK(weights.find(i * 0x9E3779B97F4A7C15ull) == nullptr);
  }
  CHECK(weights.find(0) == nullptr);
  // A feature added again takes its new scores, in its one entry.
  weights.emplace(features[7], scores_of(1));
  CHECK(weights.size() == features.size());
  CHECK(*weights.find(features[7]) == scores_of(1));
}

TEST_CASE("the gazetteer holds countries and their subdivisions, folded") {
  if (!have_training_data()) {
    MESSAGE("skipped: iso-codes or CoNLL data missing");
    return;
  }
  const Gazetteer gazetteer = iso_gazetteer();
  CHECK(gazetteer.place_names.count("france"));
  CHECK(gazetteer.place_names.count("united arab emirates"));
  CHECK(gazetteer.place_names.count("bavaria") + gazetteer.place_names.count("bayern") > 0);
  CHECK(gazetteer.longest_name_words >= 4);
}

TEST_CASE("a gazetteer knows the first words of its longer names, so a lookup can stop early") {
  Gazetteer gazetteer;
  gazetteer.add("united states");
  gazetteer.add("united arab emirates");
  gazetteer.add("france");
  CHECK(gazetteer.place_names.size() == 3);
  CHECK(gazetteer.name_beginnings.count("united"));
  CHECK(gazetteer.name_beginnings.count("united arab"));
  CHECK_FALSE(gazetteer.name_beginnings.count("united states"));
  CHECK_FALSE(gazetteer.name_beginnings.count("france"));
  CHECK(gazetteer.longest_name_words == 3);
}

TEST_CASE("a gazetteer knows the second words of its longer names, in lower case too, and no other word") {
  // A capitalised word that begins a name ("The", "Isle") looks further only when the next word is one of these.
  Gazetteer gazetteer;
  for (const char* name : {"united states", "united arab emirates", "isle of man", "the hague", "france"}) gazetteer.add(name);
  for (const char* second : {"states", "arab", "of", "hague"}) CHECK_MESSAGE(gazetteer.second_words.count(second), second);
  for (const char* other : {"united", "emirates", "man", "the", "france", "isle", "arab emirates", "of man"}) {
    CHECK_MESSAGE(gazetteer.second_words.count(other) == 0, other);
  }
}

TEST_CASE("a tagger finds place names it never saw through its gazetteer, of one word and of several, and no other name") {
  // Made-up words, so that only the gazetteer tells places from other capitalised words: trained on
  // sentences where the gazetteer's names are places and other names are not, the tagger must
  // find the gazetteer's other names, and nothing else, in the same sentence.
  Gazetteer gazetteer;
  for (const char* name : {"zorbland", "quellia", "marovia", "tessary", "ostrand", "nova terra", "upper vell", "kell harbour",
                           "east varn gate", "ostrand bay head", "pellucia", "grand vellum", "port arkady", "north kell ridge", "dunmark",
                           "dunmark sound"}) {
    gazetteer.add(name);
  }
  auto sentence = [](std::vector<std::string> name, bool place) {
    ConllSentence made;
    made.words = {"We", "visited"};
    made.tags = {"O", "O"};
    for (std::size_t w = 0; w < name.size(); ++w) {
      made.words.push_back(name[w]);
      made.tags.push_back(!place ? "O" : w == 0 ? "B-LOC" : "I-LOC");
    }
    made.words.insert(made.words.end(), {"today", "."});
    made.tags.insert(made.tags.end(), {"O", "O"});
    return made;
  };
  ConllDocument training;
  for (int round = 0; round < 5; ++round) {
    for (const auto& place : std::vector<std::vector<std::string>>{{"Zorbland"}, {"Quellia"}, {"Marovia"}, {"Tessary"}, {"Ostrand"},
                                                                   {"Nova", "Terra"}, {"Upper", "Vell"}, {"Kell", "Harbour"},
                                                                   {"East", "Varn", "Gate"}, {"Ostrand", "Bay", "Head"}}) {
      training.sentences.push_back(sentence(place, true));
    }
    for (const auto& other : std::vector<std::vector<std::string>>{{"Brimley"}, {"Caskett"}, {"Dunmore"}, {"Fenwick"}, {"Garrow"},
                                                                   {"Hollis", "Marsh"}, {"Ivo", "Penn"}, {"Jory", "Blake"},
                                                                   {"Lorne", "Ash", "Whitby"}}) {
      training.sentences.push_back(sentence(other, false));
    }
  }
  TrainingOptions options;
  options.epochs = 5;
  const EntityTagger tagger = EntityTagger::train({training}, gazetteer, options);
  const auto tags_of = [&](std::vector<std::string> name) {
    const std::vector<std::vector<std::uint8_t>> tags = tagger.tag_document({sentence(std::move(name), false).words});
    std::vector<std::string_view> names;
    for (const std::uint8_t tag : tags.at(0)) names.push_back(kEntityTags[tag]);
    return std::vector<std::string_view>(names.begin() + 2, names.end() - 2);
  };
  CHECK(tags_of({"Pellucia"}) == std::vector<std::string_view>{"B-LOC"});
  CHECK(tags_of({"Grand", "Vellum"}) == std::vector<std::string_view>{"B-LOC", "I-LOC"});
  CHECK(tags_of({"Port", "Arkady"}) == std::vector<std::string_view>{"B-LOC", "I-LOC"});
  CHECK(tags_of({"North", "Kell", "Ridge"}) == std::vector<std::string_view>{"B-LOC", "I-LOC", "I-LOC"});
  // A place name of one word that also begins a longer one, alone and in the longer one.
  CHECK(tags_of({"Dunmark"}) == std::vector<std::string_view>{"B-LOC"});
  CHECK(tags_of({"Dunmark", "Sound"}) == std::vector<std::string_view>{"B-LOC", "I-LOC"});
  CHECK(tags_of({"Tarrow"}) == std::vector<std::string_view>{"O"});
  CHECK(tags_of({"Grand", "Tarrow"}) == std::vector<std::string_view>{"O", "O"});
}

TEST_CASE("a tagger trained on part of the training split finds most entities of unseen news") {
  if (!have_training_data()) {
    MESSAGE("skipped: CoNLL data missing");
    return;
  }
  const SpanScore score = score_on(small_tagger(), validation_documents(60));
  MESSAGE("small tagger on 60 validation documents: F1 " << score.overall.f1());
  CHECK(score.overall.f1() > 0.65);
  CHECK(score.by_type.at("PER").recall() > 0.5);
}

TEST_CASE("a tagger's per-thread word types and document table change no tag, whatever was tagged before and by which tagger") {
  if (!have_training_data()) {
    MESSAGE("skipped: CoNLL data missing");
    return;
  }
  const EntityTagger& tagger = small_tagger();
  const EntityTagger other = [] {
    ConllFile train = read_conll(read_file(std::string(LOUPE_CONLL_DIR) + "/train.txt"));
    train.documents.erase(train.documents.begin(), train.documents.begin() + 200);
    train.documents.resize(40);
    TrainingOptions options;
    options.epochs = 1;
    return EntityTagger::train(train.documents, Gazetteer{}, options);
  }();
  std::vector<std::vector<std::vector<std::string>>> documents;
  for (const ConllDocument& document : validation_documents(30)) {
    std::vector<std::vector<std::string>> sentences;
    for (const ConllSentence& sentence : document.sentences) sentences.push_back(sentence.words);
    documents.push_back(std::move(sentences));
  }
  auto tag_all = [&](const EntityTagger& with) {
    std::vector<std::vector<std::vector<std::uint8_t>>> tags;
    for (const auto& sentences : documents) tags.push_back(with.tag_document(sentences));
    return tags;
  };
  // On a thread of their own, each tagger starts with no word types. (WebAssembly without threads:
  // here, right after the other tagger, whose use empties them.)
  std::vector<std::vector<std::vector<std::uint8_t>>> fresh;
  std::vector<std::vector<std::vector<std::uint8_t>>> other_fresh;
  try {
    std::thread([&] { fresh = tag_all(tagger); }).join();
    std::thread([&] { other_fresh = tag_all(other); }).join();
  } catch (const std::system_error&) {
    MESSAGE("no threads here: word types emptied by changing taggers instead");
    other.tag_document(documents[0]);
    fresh = tag_all(tagger);
    other_fresh = tag_all(other);
  }
  REQUIRE(fresh != other_fresh);  // the two taggers differ, so shared word types would show
  // Here: the other tagger first, then this one, then both again in reverse document order.
  CHECK(tag_all(other) == other_fresh);
  CHECK(tag_all(tagger) == fresh);
  for (std::size_t d = documents.size(); d-- > 0;) {
    CHECK(tagger.tag_document(documents[d]) == fresh[d]);
    CHECK(other.tag_document(documents[d]) == other_fresh[d]);
  }
  // Words given as views tag as words given as strings.
  std::vector<std::vector<std::string_view>> views;
  for (const std::vector<std::string>& sentence : documents[0]) views.emplace_back(sentence.begin(), sentence.end());
  CHECK(tagger.tag_document(views) == fresh[0]);
}

TEST_CASE("the tagger's kept sums are the sums of every feature looked up one by one, bit for bit, and give the same tags") {
  if (!have_training_data()) {
    MESSAGE("skipped: CoNLL data missing");
    return;
  }
  // The validation split's documents: news, sport results and headlines in capitals.
  std::size_t words = 0;
  std::size_t tagged = 0;
  std::size_t scored = 0;
  for (const ConllDocument& document : validation_documents(120)) {
    std::vector<std::vector<std::string>> sentences;
    for (const ConllSentence& sentence : document.sentences) sentences.push_back(sentence.words);
    const std::vector<std::vector<std::uint8_t>> tags = small_tagger().tag_document(sentences);
    const EntityTagger::CheckedTags checked = small_tagger().tag_document_checking_sums(sentences);
    CHECK(checked.sums_differing == 0);
    CHECK(tags == checked.tags);
    scored += checked.words_scored;
    for (const std::vector<std::uint8_t>& sentence_tags : tags) {
      words += sentence_tags.size();
      tagged += static_cast<std::size_t>(std::count_if(sentence_tags.begin(), sentence_tags.end(), [](std::uint8_t tag) { return tag != 0; }));
    }
  }
  CHECK(scored > words / 10);
  CHECK(tagged > words / 20);  // names of every kind were tagged, not only O
}

TEST_CASE("a tagger moved from tags every word O, and the tagger moved to tags as it did") {
  if (!have_training_data()) {
    MESSAGE("skipped: CoNLL data missing");
    return;
  }
  const std::vector<std::vector<std::string>> sentences = {{"Arthur", "Mensch", ",", "CEO", "of", "Mistral", ",", "spoke", "in", "Paris", "."}};
  EntityTagger moved_from = small_tagger();  // a copy: the same weights, the same word types kept
  const std::vector<std::vector<std::uint8_t>> tags = moved_from.tag_document(sentences);
  REQUIRE(tags != std::vector<std::vector<std::uint8_t>>{std::vector<std::uint8_t>(sentences[0].size(), 0)});
  const EntityTagger moved_to = std::move(moved_from);
  CHECK(moved_to.tag_document(sentences) == tags);
  // (Its word types, kept on this thread with places in the weights it gave away, are not used.)
  CHECK(moved_from.tag_document(sentences) == std::vector<std::vector<std::uint8_t>>{std::vector<std::uint8_t>(sentences[0].size(), 0)});
}

TEST_CASE("a saved model loads back and tags exactly as before") {
  if (!have_training_data()) {
    MESSAGE("skipped: CoNLL data missing");
    return;
  }
  const std::string bytes = small_tagger().save();
  std::string error;
  const std::optional<EntityTagger> loaded = EntityTagger::load(bytes, error);
  REQUIRE(loaded.has_value());
  CHECK(loaded->feature_count() == small_tagger().feature_count());
  CHECK(loaded->save() == bytes);
  const std::vector<std::vector<std::string>> sentences = {{"Arthur", "Mensch", ",", "CEO", "of", "Mistral", ",", "spoke", "in", "Paris", "."}};
  CHECK(loaded->tag_document(sentences) == small_tagger().tag_document(sentences));
}

TEST_CASE("a damaged model is refused with a reason") {
  std::string error;
  CHECK_FALSE(EntityTagger::load("", error).has_value());
  CHECK(error == "not a Loupe entity model (wrong magic)");
  // Version 1 hashed its features differently: its weights would be read as noise.
  CHECK_FALSE(EntityTagger::load(std::string_view("LOUPENER\x01\0\0\0", 12), error).has_value());
  CHECK(error == "entity model version 1, this Loupe reads 2");
  if (!have_training_data()) return;
  const std::string bytes = small_tagger().save();
  CHECK_FALSE(EntityTagger::load(bytes.substr(0, bytes.size() - 5), error).has_value());
  CHECK(error.find("ends inside feature") != std::string::npos);
  CHECK_FALSE(EntityTagger::load(bytes + "x", error).has_value());
  CHECK(error == "entity model has bytes after its last feature");
}

TEST_CASE("the model the build trained scores well on the validation split") {
  const std::string bytes = read_file(LOUPE_ENTITY_MODEL);
  if (bytes.empty() || !have_training_data()) {
    MESSAGE("skipped: no entity model was built (no CoNLL data)");
    return;
  }
  std::string error;
  const std::optional<EntityTagger> tagger = EntityTagger::load(bytes, error);
  REQUIRE_MESSAGE(tagger.has_value(), error);
  const SpanScore score = score_on(*tagger, validation_documents(100000));
  MESSAGE("built model on valid.txt: F1 " << score.overall.f1());
  CHECK(score.overall.f1() > 0.85);
}
