// Entities in a corpus (see entities.h).
//
// [SECTION] Tokens in CoNLL style
// [SECTION] Mentions and their types
// [SECTION] Merging mentions into entities
#include "core/extract/entities.h"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <unordered_map>

#include "core/text/sentences.h"
#include "core/text/tokenizer.h"
#include "core/text/unicode.h"

namespace loupe::extract {

const char* type_name(EntityType type) { return kEntityTypeNames[static_cast<std::size_t>(type)]; }

bool entity_type_from_name(std::string_view name, EntityType& type) {
  for (std::size_t i = 0; i < std::size(kEntityTypeNames); ++i) {
    if (name == kEntityTypeNames[i]) {
      type = static_cast<EntityType>(i);
      return true;
    }
  }
  return false;
}

// [SECTION] Tokens in CoNLL style ------------------------------------------------------------------
namespace {

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_single_capital(std::string_view word) { return word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z'; }

constexpr std::array<std::string_view, 12> kDottedAbbreviations = {"Inc", "Corp", "Ltd", "Co", "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen"};

}  // namespace

std::vector<std::vector<TaggerToken>> tagger_tokens(std::string_view text) {
  std::vector<std::vector<TaggerToken>> sentences;
  for (const text::Sentence& sentence : text::split_sentences(text)) {
    const std::string_view part = text.substr(sentence.start, sentence.end - sentence.start);
    std::vector<TaggerToken> tokens;
    std::uint32_t cursor = 0;
    auto add_punctuation_until = [&](std::uint32_t until) {
      while (cursor < until) {
        if (is_space_byte(part[cursor])) {
          ++cursor;
          continue;
        }
        std::size_t next = cursor;
        text::next_code_point(part, next);
        tokens.push_back({cursor, static_cast<std::uint32_t>(next)});
        cursor = static_cast<std::uint32_t>(next);
      }
    };
    for (const text::Token& word : text::tokenize(part)) {
      add_punctuation_until(word.start);
      const std::string_view surface = part.substr(word.start, word.end - word.start);
      // Possessives are tokens of their own: "France's" -> "France" "'s".
      std::size_t apostrophe = std::string_view::npos;
      if (surface.size() > 2 && (surface.substr(surface.size() - 2) == "'s" || surface.substr(surface.size() - 2) == "'S")) {
        apostrophe = surface.size() - 2;
      } else if (surface.size() > 4 && surface.substr(surface.size() - 4) == "\xE2\x80\x99s") {
        apostrophe = surface.size() - 4;
      }
      if (apostrophe != std::string_view::npos) {
        tokens.push_back({word.start, static_cast<std::uint32_t>(word.start + apostrophe)});
        tokens.push_back({static_cast<std::uint32_t>(word.start + apostrophe), word.end});
      } else {
        tokens.push_back({word.start, word.end});
      }
      cursor = word.end;
    }
    add_punctuation_until(static_cast<std::uint32_t>(part.size()));

    // Joins as CoNLL does: "U.S." (capitals with dots), "Inc.", and hyphenated words.
    std::vector<TaggerToken> joined;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      TaggerToken token = tokens[i];
      const std::string_view surface = part.substr(token.start, token.end - token.start);
      const bool dotted = is_single_capital(surface) ||
                          std::find(kDottedAbbreviations.begin(), kDottedAbbreviations.end(), surface) != kDottedAbbreviations.end();
      if (dotted && i + 1 < tokens.size() && part.substr(tokens[i + 1].start, 1) == "." && tokens[i + 1].start == token.end) {
        token.end = tokens[++i].end;
        while (i + 2 < tokens.size() && tokens[i + 1].start == token.end && is_single_capital(part.substr(tokens[i + 1].start, tokens[i + 1].end - tokens[i + 1].start)) &&
               part.substr(tokens[i + 2].start, 1) == "." && tokens[i + 2].start == tokens[i + 1].end) {
          token.end = tokens[i + 2].end;
          i += 2;
        }
      }
      while (i + 2 < tokens.size() && part.substr(tokens[i + 1].start, 1) == "-" && tokens[i + 1].start == token.end &&
             tokens[i + 2].start == tokens[i + 1].end && tokens[i + 1].end - tokens[i + 1].start == 1) {
        token.end = tokens[i + 2].end;
        i += 2;
      }
      joined.push_back(token);
    }
    for (TaggerToken& token : joined) {
      token.start += sentence.start;
      token.end += sentence.start;
    }
    if (!joined.empty()) sentences.push_back(std::move(joined));
  }
  return sentences;
}

// [SECTION] Mentions and their types ---------------------------------------------------------------
namespace {

bool contains_word(const std::vector<std::string>& words, std::initializer_list<std::string_view> candidates) {
  for (const std::string& word : words) {
    for (std::string_view candidate : candidates) {
      if (word == candidate) return true;
    }
  }
  return false;
}

// The finer type of a tagged span: laws and events by the words that name them, products by the
// word that follows them ("its Llama models", "the R1 model").
EntityType refine_type(const std::string& tag_type, const std::vector<std::string>& words, std::string_view next_word) {
  if (contains_word(words, {"Act", "Directive", "Regulation", "Treaty", "Convention", "Bill", "Law"})) return EntityType::Law;
  if (contains_word(words, {"Summit", "Conference", "Congress", "Olympics", "Games", "Cup", "Championship", "Championships",
                            "Festival", "Forum", "Awards", "Expo", "Open", "Grand"}) &&
      tag_type != "PER") {
    return EntityType::Event;
  }
  const std::string next = text::fold_for_matching(next_word);
  if (tag_type != "PER" && tag_type != "LOC" &&
      (next == "model" || next == "models" || next == "chatbot" || next == "app" || next == "software" || next == "console" ||
       next == "phone" || next == "browser" || next == "platform" || next == "service" || next == "device")) {
    return EntityType::Product;
  }
  if (tag_type == "PER") return EntityType::Person;
  if (tag_type == "ORG") return EntityType::Organization;
  if (tag_type == "LOC") return EntityType::Place;
  return EntityType::Other;
}

}  // namespace

std::vector<RawMention> find_mentions(const EntityTagger& tagger, std::string_view text) {
  const std::vector<std::vector<TaggerToken>> sentences = tagger_tokens(text);
  std::vector<std::vector<std::string>> words(sentences.size());
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    for (const TaggerToken& token : sentences[s]) words[s].emplace_back(text.substr(token.start, token.end - token.start));
  }
  const std::vector<std::vector<std::uint8_t>> tags = tagger.tag_document(words);
  std::vector<RawMention> mentions;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    std::vector<std::string> tag_names;
    for (std::uint8_t tag : tags[s]) tag_names.emplace_back(kEntityTags[tag]);
    for (const TaggedSpan& span : spans_of(tag_names)) {
      const std::vector<std::string> span_words(words[s].begin() + static_cast<std::ptrdiff_t>(span.first),
                                                words[s].begin() + static_cast<std::ptrdiff_t>(span.last) + 1);
      const std::string_view next = span.last + 1 < words[s].size() ? std::string_view(words[s][span.last + 1]) : std::string_view();
      mentions.push_back({sentences[s][span.first].start, sentences[s][span.last].end, refine_type(span.type, span_words, next)});
    }
  }
  return mentions;
}

// [SECTION] Merging mentions into entities ---------------------------------------------------------
namespace {

constexpr std::array<std::string_view, 16> kCorporateSuffixes = {"ai", "inc", "corp", "corporation", "ltd", "plc", "group",
                                                                 "co", "llc", "sa", "ag", "gmbh", "platforms", "technologies",
                                                                 "holdings", "company"};
constexpr std::array<std::string_view, 5> kAcronymSkipWords = {"of", "the", "and", "for", "de"};

// Words of a name, splitting a camel-cased last word before a corporate suffix ("MistralAI").
std::vector<std::string> name_words(std::string_view surface) {
  std::vector<std::string> words;
  for (const text::Token& token : text::tokenize(surface)) words.emplace_back(surface.substr(token.start, token.end - token.start));
  if (words.size() == 1) {
    const std::string& word = words[0];
    for (std::size_t cut = word.size() - 1; cut >= 2 && cut < word.size(); --cut) {
      const bool boundary = word[cut] >= 'A' && word[cut] <= 'Z' && word[cut - 1] >= 'a' && word[cut - 1] <= 'z';
      if (!boundary) continue;
      const std::string tail = text::fold_for_matching(word.substr(cut));
      if (std::find(kCorporateSuffixes.begin(), kCorporateSuffixes.end(), tail) != kCorporateSuffixes.end()) {
        return {word.substr(0, cut), word.substr(cut)};
      }
      break;
    }
  }
  return words;
}

// The key that merges spellings of a name: folded words, corporate suffixes dropped, no spaces.
std::string merge_key(const std::vector<std::string>& words, EntityType type) {
  std::size_t count = words.size();
  if (type == EntityType::Organization || type == EntityType::Product || type == EntityType::Other) {
    while (count > 1 && std::find(kCorporateSuffixes.begin(), kCorporateSuffixes.end(), text::fold_for_matching(words[count - 1])) !=
                            kCorporateSuffixes.end()) {
      --count;
    }
  }
  std::string key;
  for (std::size_t i = 0; i < count; ++i) key += text::fold_for_matching(words[i]);
  return key;
}

std::string initials_of(const std::vector<std::string>& words) {
  std::string initials;
  for (const std::string& word : words) {
    const std::string folded = text::fold_for_matching(word);
    if (std::find(kAcronymSkipWords.begin(), kAcronymSkipWords.end(), folded) != kAcronymSkipWords.end()) continue;
    if (!folded.empty()) initials.push_back(folded[0]);
  }
  return initials;
}

bool is_acronym(std::string_view surface) {
  if (surface.size() < 2 || surface.size() > 6) return false;
  return std::all_of(surface.begin(), surface.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '.'; });
}

struct Disjoint {
  std::vector<std::size_t> parent;
  explicit Disjoint(std::size_t count) : parent(count) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

std::string slug(std::string_view name) {
  std::string result;
  for (const text::Token& token : text::tokenize(name)) {
    if (!result.empty()) result += '-';
    result += text::fold_for_matching(name.substr(token.start, token.end - token.start));
  }
  return result;
}

}  // namespace

std::vector<Entity> extract_entities(const EntityTagger& tagger, const Corpus& corpus) {
  // Every mention, with its surface, words and key.
  struct Found {
    Mention mention;
    EntityType type;
    std::string surface;
    std::vector<std::string> words;
    std::string key;
  };
  std::vector<Found> found;
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    const std::string& text = corpus.documents[d].text;
    for (const RawMention& raw : find_mentions(tagger, text)) {
      Found item{{static_cast<std::uint32_t>(d), raw.start, raw.end}, raw.type, text.substr(raw.start, raw.end - raw.start), {}, {}};
      item.words = name_words(item.surface);
      item.key = merge_key(item.words, item.type);
      if (!item.key.empty()) found.push_back(std::move(item));
    }
  }

  // Same key: one entity, whatever its tagged type.
  Disjoint groups(found.size());
  std::unordered_map<std::string, std::size_t> first_with_key;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto [slot, inserted] = first_with_key.emplace(found[i].key, i);
    if (!inserted) groups.unite(i, slot->second);
  }

  // Surnames to full names (in the same document first, else the only person with that surname),
  // and acronyms to the name they abbreviate (written beside it, or the only name with those initials).
  std::multimap<std::string, std::size_t> full_names_by_surname;
  std::multimap<std::string, std::size_t> names_by_initials;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i].words.size() < 2) continue;
    if (found[i].type == EntityType::Person) full_names_by_surname.emplace(text::fold_for_matching(found[i].words.back()), i);
    if (found[i].type != EntityType::Person) names_by_initials.emplace(initials_of(found[i].words), i);
  }
  auto unite_with = [&](std::size_t i, const std::multimap<std::string, std::size_t>& index, const std::string& key) {
    const auto [begin, end] = index.equal_range(key);
    std::vector<std::size_t> same_document;
    std::vector<std::size_t> roots;
    for (auto it = begin; it != end; ++it) {
      if (found[it->second].mention.document == found[i].mention.document) same_document.push_back(it->second);
      const std::size_t root = groups.find(it->second);
      if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
    }
    if (!same_document.empty()) {
      groups.unite(i, same_document.front());
    } else if (roots.size() == 1) {
      groups.unite(i, roots.front());
    }
  };
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i].words.size() == 1 && found[i].type == EntityType::Person) unite_with(i, full_names_by_surname, found[i].key);
    if (found[i].words.size() == 1 && is_acronym(found[i].surface)) {
      std::string letters;
      for (char c : found[i].surface) {
        if (c != '.') letters.push_back(static_cast<char>(c - 'A' + 'a'));
      }
      unite_with(i, names_by_initials, letters);
    }
  }
  // "Microsoft (MS)": an acronym in parentheses right after a name is that name.
  for (std::size_t i = 0; i < found.size(); ++i) {
    const std::string& text = corpus.documents[found[i].mention.document].text;
    const std::size_t open = found[i].mention.end;
    if (open + 1 >= text.size() || text.compare(open, 2, " (") != 0) continue;
    const std::size_t close = text.find(')', open + 2);
    if (close == std::string::npos || close - open - 2 > 6) continue;
    const std::string acronym = text.substr(open + 2, close - open - 2);
    if (!is_acronym(acronym)) continue;
    for (std::size_t j = 0; j < found.size(); ++j) {
      if (found[j].surface == acronym) groups.unite(j, i);
    }
  }

  // Entities from groups: the type most mentions have, the longest form as the name.
  std::map<std::size_t, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < found.size(); ++i) members[groups.find(i)].push_back(i);
  std::vector<Entity> entities;
  for (const auto& [root, indices] : members) {
    Entity entity;
    std::array<std::size_t, std::size(kEntityTypeNames)> type_votes{};
    std::map<std::string, std::size_t> surfaces;
    for (std::size_t i : indices) {
      ++type_votes[static_cast<std::size_t>(found[i].type)];
      ++surfaces[found[i].surface];
      entity.mentions.push_back(found[i].mention);
    }
    // "Other" only when nothing more specific was seen.
    std::size_t best_type = static_cast<std::size_t>(EntityType::Other);
    for (std::size_t t = 0; t < type_votes.size(); ++t) {
      if (t != static_cast<std::size_t>(EntityType::Other) && type_votes[t] > 0 &&
          (best_type == static_cast<std::size_t>(EntityType::Other) || type_votes[t] > type_votes[best_type])) {
        best_type = t;
      }
    }
    entity.type = static_cast<EntityType>(best_type);
    for (const auto& [surface, count] : surfaces) {
      const bool longer = name_words(surface).size() > name_words(entity.name).size();
      const bool as_long_more_often = name_words(surface).size() == name_words(entity.name).size() && count > surfaces[entity.name];
      if (entity.name.empty() || longer || as_long_more_often) entity.name = surface;
    }
    for (const auto& [surface, count] : surfaces) {
      if (surface != entity.name) entity.aliases.push_back(surface);
    }
    std::sort(entity.mentions.begin(), entity.mentions.end(), [](const Mention& a, const Mention& b) {
      return a.document != b.document ? a.document < b.document : a.start < b.start;
    });
    entity.id = std::string(type_name(entity.type)) + ":" + slug(entity.name);
    entities.push_back(std::move(entity));
  }
  // Ids must be unique: two different entities with one name get a number.
  std::sort(entities.begin(), entities.end(), [](const Entity& a, const Entity& b) {
    return a.mentions.size() != b.mentions.size() ? a.mentions.size() > b.mentions.size() : a.id < b.id;
  });
  std::unordered_map<std::string, int> seen_ids;
  for (Entity& entity : entities) {
    const int count = ++seen_ids[entity.id];
    if (count > 1) entity.id += "-" + std::to_string(count);
  }
  return entities;
}

}  // namespace loupe::extract
