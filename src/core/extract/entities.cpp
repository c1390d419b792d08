// Entities in a corpus (see entities.h).
//
// [SECTION] Tokens in CoNLL style
// [SECTION] Mentions and their types
// [SECTION] Merging mentions into entities
#include "core/extract/entities.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "core/hash_slots.h"
#include "core/parallel.h"
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
static_assert(std::all_of(kDottedAbbreviations.begin(), kDottedAbbreviations.end(),
                          [](std::string_view word) { return word.size() >= 2 && word.size() <= 4 && word[0] >= 'A' && word[0] <= 'Z'; }),
              "tagger_tokens compares only words of two to four letters with a capital first");

}  // namespace

std::vector<std::vector<TaggerToken>> tagger_tokens(std::string_view text) {
  std::vector<std::vector<TaggerToken>> sentences;
  std::vector<TaggerToken> tokens;  // a sentence's, before joining (the room kept for the next)
  for (const text::Sentence& sentence : text::split_sentences(text)) {
    const std::string_view part = text.substr(sentence.start, sentence.end - sentence.start);
    tokens.clear();
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
    joined.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      TaggerToken token = tokens[i];
      const std::string_view surface = part.substr(token.start, token.end - token.start);
      // (Every abbreviation listed is two to four letters, the first a capital: most words are
      // not compared with the list at all.)
      const bool dotted = is_single_capital(surface) ||
                          (surface.size() >= 2 && surface.size() <= 4 && surface[0] >= 'A' && surface[0] <= 'Z' &&
                           std::find(kDottedAbbreviations.begin(), kDottedAbbreviations.end(), surface) != kDottedAbbreviations.end());
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

// A fixed list of folded words as a hash set made at compile time: most words asked about are in
// none of the lists below, and are ruled out at a probe or two instead of a comparison with each.
template <std::size_t N>
class WordSet {
 public:
  constexpr explicit WordSet(const std::array<std::string_view, N>& words) {
    for (const std::string_view word : words) {
      std::size_t slot = hash(word) & (kSlots - 1);
      while (!slots_[slot].empty()) slot = (slot + 1) & (kSlots - 1);
      slots_[slot] = word;
    }
  }
  constexpr bool contains(std::string_view word) const {
    if (word.empty()) return false;
    for (std::size_t slot = hash(word) & (kSlots - 1); !slots_[slot].empty(); slot = (slot + 1) & (kSlots - 1)) {
      if (slots_[slot] == word) return true;
    }
    return false;
  }

 private:
  static constexpr std::size_t kSlots = std::bit_ceil(4 * N);  // at most a quarter full
  static constexpr std::uint64_t hash(std::string_view word) {
    std::uint64_t value = 14695981039346656037ull;  // FNV-1a
    for (const char c : word) value = (value ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return value ^ (value >> 29);
  }
  std::array<std::string_view, kSlots> slots_{};
};

template <const auto& kWords>
inline constexpr WordSet<std::tuple_size_v<std::remove_cvref_t<decltype(kWords)>>> kWordSetOf{kWords};

// Whether a folded word is one of a list below: is_one_of<kHonorifics>(word).
template <const auto& kWords>
bool is_one_of(std::string_view folded_word) {
  return kWordSetOf<kWords>.contains(folded_word);
}

// Words for a person's role: a name before one owns it ("Google CEO"), a name after one is a person.
constexpr std::array<std::string_view, 34> kPersonRoleWords = {
    "ceo", "cfo", "cto", "coo", "chief", "founder", "co-founder", "cofounder", "boss", "chairman", "chairwoman", "chair",
    "spokesman", "spokeswoman", "spokesperson", "president", "vice", "minister", "secretary", "chancellor", "governor",
    "senator", "commissioner", "director", "executive", "analyst", "economist", "head", "leader", "manager", "coach",
    "striker", "captain", "mayor"};
// Last words of a company's name ("Meta Platforms", "Acme Inc").
constexpr std::array<std::string_view, 16> kCorporateSuffixes = {"ai", "inc", "corp", "corporation", "ltd", "plc", "group",
                                                                 "co", "llc", "sa", "ag", "gmbh", "platforms", "technologies",
                                                                 "holdings", "company"};
// Titles before a person's name, not part of it: "Mr Brown" is Brown, "Sir John Bourn" John Bourn.
constexpr std::array<std::string_view, 14> kHonorifics = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady",
                                                          "prof", "professor", "mr.", "mrs.", "dr."};
// The roles of a company, not of a place.
constexpr std::array<std::string_view, 9> kCompanyRoleWords = {"ceo", "cfo", "cto", "coo", "founder", "co-founder", "cofounder", "boss", "chief"};
// Words for a kind of organization: a name after one is that organization ("telecom Iliad").
constexpr std::array<std::string_view, 26> kOrganizationNouns = {
    "startup", "start-up", "company", "firm", "rival", "giant", "group", "maker", "developer", "lab", "laboratory",
    "operator", "telecom", "bank", "retailer", "airline", "carrier", "publisher", "newspaper", "agency", "broadcaster",
    "insurer", "manufacturer", "conglomerate", "club", "unicorn"};
// Acronyms and words that are common nouns in news, not names.
constexpr std::array<std::string_view, 24> kCommonNounAcronyms = {
    "ai", "agi", "ceo", "cfo", "cto", "coo", "ipo", "llm", "llms", "gdp", "it", "tv", "pc", "api", "gpu", "gpus",
    "cpu", "vc", "r&d", "m&a", "esg", "ngo", "hr", "pr"};
// Words inside a person's name in lower case: "Ursula von der Leyen", "Osama bin Laden".
constexpr std::array<std::string_view, 14> kNameParticles = {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "bin", "al", "el", "ter"};
// The word after a product's name.
constexpr std::array<std::string_view, 17> kProductNouns = {"model", "models", "chatbot", "chatbots", "app", "apps", "software",
                                                            "console", "phone", "phones", "browser", "platform", "service",
                                                            "device", "assistant", "chip", "chips"};
// The word before a product's name ("its chatbot Le Chat").
constexpr std::array<std::string_view, 5> kProductIntroducers = {"chatbot", "assistant", "model", "app", "console"};
constexpr std::array<std::string_view, 7> kLawWords = {"act", "directive", "regulation", "treaty", "convention", "bill", "law"};
constexpr std::array<std::string_view, 14> kEventWords = {"summit", "conference", "congress", "olympics", "games", "cup",
                                                          "championship", "championships", "festival", "forum", "awards",
                                                          "expo", "open", "grand"};

// Words after a name that are not a noun it qualifies ("Anthropic and Google", "Mistral said").
constexpr std::array<std::string_view, 32> kFunctionWords = {
    "and", "or", "but", "is", "are", "was", "were", "has", "have", "had", "said", "says", "will", "would", "can", "could",
    "to", "of", "in", "on", "at", "for", "with", "from", "by", "as", "that", "which", "who", "also", "did", "does"};

// Each list's set finds every word of the list, and not a word outside it.
template <const auto& kWords>
constexpr bool set_finds_each_word() {
  for (const std::string_view word : kWords) {
    if (!kWordSetOf<kWords>.contains(word)) return false;
  }
  return !kWordSetOf<kWords>.contains("tagger") && !kWordSetOf<kWords>.contains("");
}
static_assert(set_finds_each_word<kPersonRoleWords>() && set_finds_each_word<kCorporateSuffixes>() && set_finds_each_word<kHonorifics>() &&
              set_finds_each_word<kCompanyRoleWords>() && set_finds_each_word<kOrganizationNouns>() &&
              set_finds_each_word<kCommonNounAcronyms>() && set_finds_each_word<kNameParticles>() && set_finds_each_word<kProductNouns>() &&
              set_finds_each_word<kProductIntroducers>() && set_finds_each_word<kLawWords>() && set_finds_each_word<kEventWords>() &&
              set_finds_each_word<kFunctionWords>());

bool starts_lower_case(std::string_view word) { return !word.empty() && word[0] >= 'a' && word[0] <= 'z'; }

// A nationality or regional adjective: "European", "Chinese", "British", "Middle Eastern", "French".
bool looks_like_demonym(const std::vector<std::string>& words) {
  if (words.empty() || words.size() > 2) return false;
  const std::string last = text::fold_for_matching(words.back());
  for (std::string_view suffix : {"an", "ese", "ish", "ch", "ic", "ern", "i", "ans", "ians"}) {
    if (last.size() > suffix.size() + 2 && last.compare(last.size() - suffix.size(), suffix.size(), suffix) == 0) return true;
  }
  return false;
}

// A sentence's words folded for matching, each folded when first asked for: most are never asked
// for (the corrections look only at the words in and around names).
class FoldedWords {
 public:
  // Starts on another sentence's words, keeping the buffers.
  void reset(const std::vector<std::string_view>& words) {
    words_ = &words;
    folded_.resize(std::max(folded_.size(), words.size()));
    done_.assign(words.size(), false);
  }
  const std::string& operator[](std::size_t i) const {
    if (!done_[i]) {
      folded_[i] = text::fold_for_matching((*words_)[i]);
      done_[i] = true;
    }
    return folded_[i];
  }

 private:
  const std::vector<std::string_view>* words_ = nullptr;
  mutable std::vector<std::string> folded_;
  mutable std::vector<bool> done_;
};

struct WordSpan {
  std::size_t first = 0;
  std::size_t last = 0;  // inclusive
  std::string tag;       // PER, ORG, LOC, MISC
  std::optional<EntityType> context_type;
};

// The tagger's spans of one sentence, corrected (see find_mentions in entities.h).
std::vector<WordSpan> corrected_spans(const std::vector<std::string_view>& words, const FoldedWords& folded,
                                      const std::vector<TaggedSpan>& tagged, const Gazetteer& gazetteer) {
  std::vector<WordSpan> spans;
  for (const TaggedSpan& span : tagged) spans.push_back({span.first, span.last, span.type, std::nullopt});
  // Particles join two parts of a person's name.
  for (std::size_t i = 0; i + 1 < spans.size();) {
    bool particles_between = spans[i].tag == "PER" && spans[i + 1].tag == "PER" && spans[i + 1].first > spans[i].last + 1;
    for (std::size_t w = spans[i].last + 1; particles_between && w < spans[i + 1].first; ++w) particles_between = is_one_of<kNameParticles>(folded[w]);
    if (particles_between) {
      spans[i].last = spans[i + 1].last;
      spans.erase(spans.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    } else {
      ++i;
    }
  }
  std::vector<WordSpan> result;
  for (const WordSpan& span : spans) {
    // Split at role words and organization nouns; each piece is typed by the word around it.
    std::size_t piece_start = span.first;
    for (std::size_t w = span.first; w <= span.last + 1; ++w) {
      const bool separator = w <= span.last && (is_one_of<kPersonRoleWords>(folded[w]) || is_one_of<kOrganizationNouns>(folded[w]) ||
                                                 is_one_of<kHonorifics>(folded[w]));
      if (w <= span.last && !separator) continue;
      if (w > piece_start) {
        WordSpan piece{piece_start, w - 1, span.tag, std::nullopt};
        // Lower-case words at the edges are not part of a name ("Mistral plans").
        while (piece.first < piece.last && starts_lower_case(words[piece.first]) && !is_one_of<kNameParticles>(folded[piece.first])) ++piece.first;
        while (piece.last > piece.first && (starts_lower_case(words[piece.last]) || folded[piece.last] == "'s" ||
                                            folded[piece.last] == "\xE2\x80\x99s" || folded[piece.last] == "'")) {
          --piece.last;  // nor are a possessive's "'s" ("Azure's")
        }
        const bool split = piece.first != span.first || piece.last != span.last;
        if (split && piece_start > span.first) {
          const std::string& before = folded[piece_start - 1];
          piece.tag = is_one_of<kOrganizationNouns>(before) ? "ORG" : "PER";
        } else if (split && w <= span.last && is_one_of<kPersonRoleWords>(folded[w]) && span.tag != "LOC") {
          piece.tag = "ORG";
        }
        result.push_back(piece);
      }
      piece_start = w + 1;
    }
  }
  // A name the tagger missed before a product noun: "its R1 model", "the GPT-4 chatbot".
  std::vector<bool> in_span(words.size(), false);
  for (const WordSpan& span : result) std::fill(in_span.begin() + static_cast<std::ptrdiff_t>(span.first), in_span.begin() + static_cast<std::ptrdiff_t>(span.last) + 1, true);
  for (std::size_t w = 1; w + 1 < words.size(); ++w) {
    const bool capitalised = std::isupper(static_cast<unsigned char>(words[w][0])) != 0;
    if (!in_span[w] && capitalised && is_one_of<kProductNouns>(folded[w + 1]) && !is_one_of<kCommonNounAcronyms>(folded[w])) {
      result.push_back({w, w, "MISC", std::nullopt});
    }
  }
  std::sort(result.begin(), result.end(), [](const WordSpan& a, const WordSpan& b) { return a.first < b.first; });
  // A common-noun acronym at the end of a nationality is not a name: "British AI" is British.
  for (WordSpan& span : result) {
    while (span.tag == "MISC" && span.last > span.first && is_one_of<kCommonNounAcronyms>(folded[span.last])) --span.last;
  }
  // Not names: common-noun acronyms, lone lower-case words, nationalities used as adjectives.
  std::vector<WordSpan> kept;
  for (WordSpan& span : result) {
    std::vector<std::string> span_words(words.begin() + static_cast<std::ptrdiff_t>(span.first), words.begin() + static_cast<std::ptrdiff_t>(span.last) + 1);
    bool all_common = true;
    for (std::size_t w = span.first; w <= span.last; ++w) all_common = all_common && (is_one_of<kCommonNounAcronyms>(folded[w]) || starts_lower_case(words[w]));
    if (all_common) continue;
    const std::string next = span.last + 1 < words.size() ? folded[span.last + 1] : std::string();
    const std::string_view next_word = span.last + 1 < words.size() ? words[span.last + 1] : std::string_view();
    // An adjective is followed by its noun: a lower-case word that is not a function word or verb.
    const bool used_as_adjective = !is_one_of<kProductNouns>(next) &&
                                   ((starts_lower_case(next_word) && !is_one_of<kFunctionWords>(next)) || is_one_of<kCommonNounAcronyms>(next) ||
                                    is_one_of<kOrganizationNouns>(next) || is_one_of<kPersonRoleWords>(next));
    if (span.tag == "MISC" && looks_like_demonym(span_words) && used_as_adjective) continue;
    if (span.tag == "MISC" && span.first == span.last && text::fold_for_matching(span_words[0]).size() > 6 &&
        text::fold_for_matching(span_words[0]).rfind("-based") == text::fold_for_matching(span_words[0]).size() - 6) {
      continue;
    }
    // The words around give the type.
    std::string name;
    for (std::size_t w = span.first; w <= span.last; ++w) name += (w > span.first ? " " : "") + folded[w];
    const std::string previous = span.first > 0 ? folded[span.first - 1] : std::string();
    std::size_t after = span.last + 1;
    if (after < words.size() && (folded[after] == "'s" || folded[after] == "\xE2\x80\x99s" || folded[after] == "'")) ++after;
    const std::string following = after < words.size() ? folded[after] : std::string();
    if ((is_one_of<kProductNouns>(next) || is_one_of<kProductIntroducers>(previous)) && (span.tag == "MISC" || span.tag == "PER")) {
      span.context_type = EntityType::Product;
    } else if (is_one_of<kOrganizationNouns>(previous) && !gazetteer.place_names.count(name)) {
      span.context_type = EntityType::Organization;
    } else if (previous == "the" && span.tag == "PER") {
      span.context_type = EntityType::Organization;  // people are not "the Treasury"
    } else if (is_one_of<kPersonRoleWords>(following) && span.tag != "PER" &&
               (is_one_of<kCompanyRoleWords>(following) || !gazetteer.place_names.count(name))) {
      // "Google CEO", "Meta's chief": a company's roles make an organization even of a name the
      // gazetteer knows as a place (Meta is also a region of Colombia); a president or a
      // minister does not ("France's president").
      span.context_type = EntityType::Organization;
    }
    kept.push_back(std::move(span));
  }
  return kept;
}

// The type of a span: laws and events by the words that name them, else the context's, else
// the tagger's.
EntityType span_type(const WordSpan& span, const FoldedWords& folded) {
  for (std::size_t w = span.first; w <= span.last; ++w) {
    if (is_one_of<kLawWords>(folded[w]) && w > span.first) return EntityType::Law;
  }
  if (span.tag != "PER") {
    for (std::size_t w = span.first; w <= span.last; ++w) {
      if (is_one_of<kEventWords>(folded[w])) return EntityType::Event;
    }
  }
  if (span.context_type) return *span.context_type;
  if (span.tag != "PER" && span.last > span.first && is_one_of<kCorporateSuffixes>(folded[span.last])) return EntityType::Organization;
  if (span.tag == "PER") return EntityType::Person;
  if (span.tag == "ORG") return EntityType::Organization;
  if (span.tag == "LOC") return EntityType::Place;
  return EntityType::Other;
}

}  // namespace

std::vector<RawMention> find_mentions(const EntityTagger& tagger, std::string_view text) {
  const std::vector<std::vector<TaggerToken>> sentences = tagger_tokens(text);
  std::vector<std::vector<std::string_view>> words(sentences.size());
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    words[s].reserve(sentences[s].size());
    for (const TaggerToken& token : sentences[s]) words[s].push_back(text.substr(token.start, token.end - token.start));
  }
  const std::vector<std::vector<std::uint8_t>> tags = tagger.tag_document(words);
  std::vector<RawMention> mentions;
  std::vector<std::string> tag_names;
  FoldedWords folded;
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    // Most sentences have no tagged name: their (empty) spans need no tag names.
    tag_names.clear();
    if (std::any_of(tags[s].begin(), tags[s].end(), [](std::uint8_t tag) { return tag != 0; })) {
      for (std::uint8_t tag : tags[s]) tag_names.emplace_back(kEntityTags[tag]);
    }
    folded.reset(words[s]);
    for (const WordSpan& span : corrected_spans(words[s], folded, spans_of(tag_names), tagger.gazetteer())) {
      mentions.push_back({sentences[s][span.first].start, sentences[s][span.last].end, span_type(span, folded), span.context_type.has_value()});
    }
  }
  return mentions;
}

// [SECTION] Merging mentions into entities ---------------------------------------------------------
namespace {

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
  std::vector<std::vector<RawMention>> mentions_by_document;
  mentions_by_document.reserve(corpus.documents.size());
  for (const Document& document : corpus.documents) mentions_by_document.push_back(find_mentions(tagger, document.text));
  return merge_mentions(mentions_by_document, corpus, 1);
}

std::vector<Entity> merge_mentions(const std::vector<std::vector<RawMention>>& mentions_by_document, const Corpus& corpus, unsigned threads) {
  // Every mention, with its surface, words and key: each document's on any thread, then all of
  // them in corpus order.
  struct Found {
    Mention mention;
    EntityType type;
    bool typed_by_context;
    std::string surface;
    std::vector<std::string> words;
    std::string key;
  };
  const std::size_t document_count = std::min(corpus.documents.size(), mentions_by_document.size());
  std::vector<std::vector<Found>> found_by_document(document_count);
  for_each_index(document_count, threads, [&](std::size_t d) {
    const std::string& text = corpus.documents[d].text;
    for (const RawMention& raw : mentions_by_document[d]) {
      Found item{{static_cast<std::uint32_t>(d), raw.start, raw.end}, raw.type, raw.typed_by_context, text.substr(raw.start, raw.end - raw.start), {}, {}};
      item.words = name_words(item.surface);
      item.key = merge_key(item.words, item.type);
      if (!item.key.empty()) found_by_document[d].push_back(std::move(item));
    }
  });
  std::vector<Found> found;
  std::size_t found_count = 0;
  for (const std::vector<Found>& in_document : found_by_document) found_count += in_document.size();
  found.reserve(found_count);
  for (std::vector<Found>& in_document : found_by_document) std::move(in_document.begin(), in_document.end(), std::back_inserter(found));
  found_by_document.clear();

  // Same key: one entity, whatever its tagged type.
  Disjoint groups(found.size());
  HashSlots keys;                          // the keys seen, numbered in order of first use
  std::vector<std::size_t> first_with_key;  // by key number: the first mention with that key
  for (std::size_t i = 0; i < found.size(); ++i) {
    const std::size_t keys_before = first_with_key.size();
    const std::uint32_t key = keys.find_or_add(
        std::hash<std::string>{}(found[i].key), [&](std::uint32_t k) { return found[first_with_key[k]].key == found[i].key; },
        [&] { first_with_key.push_back(i); });
    if (first_with_key.size() == keys_before) groups.unite(i, first_with_key[key]);
  }

  // Surnames to full names (in the same document first, else the only person with that surname),
  // and acronyms to the name they abbreviate (written beside it, or the only name with those initials).
  // Per surname (or initials): the first such name in each document, and one name of each group
  // of names with one key (they stay together, so their roots are the names' roots), both in
  // corpus order. A common surname has thousands of full names: looking at each of them for each
  // lone surname made merging quadratic in the corpus.
  struct Candidates {
    std::unordered_map<std::uint32_t, std::size_t> first_in_document;
    std::vector<std::size_t> one_per_group;
    std::unordered_set<std::size_t> groups_seen;
  };
  std::unordered_map<std::string, Candidates> full_names_by_surname;
  std::unordered_map<std::string, Candidates> names_by_initials;
  auto add_candidate = [&](std::unordered_map<std::string, Candidates>& index, const std::string& key, std::size_t i) {
    Candidates& candidates = index[key];
    candidates.first_in_document.emplace(found[i].mention.document, i);
    if (candidates.groups_seen.insert(groups.find(i)).second) candidates.one_per_group.push_back(i);
  };
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i].words.size() < 2) continue;
    if (found[i].type == EntityType::Person) add_candidate(full_names_by_surname, text::fold_for_matching(found[i].words.back()), i);
    if (found[i].type != EntityType::Person) add_candidate(names_by_initials, initials_of(found[i].words), i);
  }
  auto unite_with = [&](std::size_t i, const std::unordered_map<std::string, Candidates>& index, const std::string& key) {
    const auto candidates = index.find(key);
    if (candidates == index.end()) return;
    const auto same_document = candidates->second.first_in_document.find(found[i].mention.document);
    if (same_document != candidates->second.first_in_document.end()) {
      groups.unite(i, same_document->second);
      return;
    }
    std::vector<std::size_t> roots;
    for (const std::size_t member : candidates->second.one_per_group) {
      const std::size_t root = groups.find(member);
      if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
      if (roots.size() > 1) return;
    }
    if (roots.size() == 1) groups.unite(i, roots.front());
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
  // "Microsoft (MS)": an acronym in parentheses right after a name is that name, and so is every
  // use of the acronym in that document, whether the tagger saw it or not.
  std::vector<std::pair<std::size_t, std::string>> defined_acronyms;  // (the name's mention, the acronym)
  for (std::size_t i = 0; i < found.size(); ++i) {
    const std::string& text = corpus.documents[found[i].mention.document].text;
    const std::size_t open = found[i].mention.end;
    if (open + 1 >= text.size() || text.compare(open, 2, " (") != 0) continue;
    const std::size_t close = text.find(')', open + 2);
    if (close == std::string::npos || close - open - 2 > 6) continue;
    const std::string acronym = text.substr(open + 2, close - open - 2);
    if (is_acronym(acronym)) defined_acronyms.emplace_back(i, acronym);
  }
  // The mentions of each document, in corpus order (looking through every mention of the corpus
  // for each acronym made this quadratic in the corpus).
  std::vector<std::vector<std::size_t>> found_in_document(corpus.documents.size());
  for (std::size_t i = 0; i < found.size(); ++i) found_in_document[found[i].mention.document].push_back(i);
  for (const auto& [definition, acronym] : defined_acronyms) {
    const std::uint32_t document = found[definition].mention.document;
    const std::string& text = corpus.documents[document].text;
    std::vector<std::size_t>& in_document = found_in_document[document];
    for (std::size_t at = text.find(acronym); at != std::string::npos; at = text.find(acronym, at + 1)) {
      const std::size_t end = at + acronym.size();
      const bool whole_word = (at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]))) &&
                              (end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end])));
      if (!whole_word) continue;
      const bool known = std::any_of(in_document.begin(), in_document.end(), [&](std::size_t item) {
        return found[item].mention.start < end && found[item].mention.end > at;
      });
      if (!known) {
        found.push_back({{document, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end)}, found[definition].type, false, acronym,
                         {acronym}, merge_key({acronym}, found[definition].type)});
        groups.parent.push_back(found.size() - 1);
        in_document.push_back(found.size() - 1);
      }
    }
    for (const std::size_t j : in_document) {
      if (found[j].surface == acronym) groups.unite(j, definition);
    }
  }

  // Entities from groups, each on any thread: the type most mentions have (a mention typed by
  // context counts three times), the longest form as the name.
  std::vector<std::vector<std::size_t>> members_by_root(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) members_by_root[groups.find(i)].push_back(i);
  std::vector<std::size_t> roots;
  for (std::size_t root = 0; root < members_by_root.size(); ++root) {
    if (!members_by_root[root].empty()) roots.push_back(root);
  }
  std::vector<Entity> entities(roots.size());
  for_each_index(roots.size(), threads, [&](std::size_t e) {
    const std::vector<std::size_t>& indices = members_by_root[roots[e]];
    Entity& entity = entities[e];
    std::array<std::size_t, std::size(kEntityTypeNames)> type_votes{};
    std::map<std::string, std::size_t> surfaces;
    for (std::size_t i : indices) {
      // The words around a name say more about its type than the tagger's guess.
      type_votes[static_cast<std::size_t>(found[i].type)] += found[i].typed_by_context ? 3 : 1;
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
    // The name: the form with the most words; among those, a spelled-out one before an acronym
    // ("Microsoft", not "MS"), then the most used.
    std::size_t name_word_count = 0;
    for (const auto& [surface, count] : surfaces) {
      const std::size_t words = name_words(surface).size();
      const bool longer = words > name_word_count;
      const bool spelled_out = words == name_word_count && !is_acronym(surface) && is_acronym(entity.name);
      const bool as_good_more_often = words == name_word_count && is_acronym(surface) == is_acronym(entity.name) && count > surfaces[entity.name];
      if (entity.name.empty() || longer || spelled_out || as_good_more_often) {
        entity.name = surface;
        name_word_count = words;
      }
    }
    for (const auto& [surface, count] : surfaces) {
      if (surface != entity.name) entity.aliases.push_back(surface);
    }
    std::sort(entity.mentions.begin(), entity.mentions.end(), [](const Mention& a, const Mention& b) {
      return a.document != b.document ? a.document < b.document : a.start < b.start;
    });
    entity.id = std::string(type_name(entity.type)) + ":" + slug(entity.name);
  });
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
