// Direct quotations and their speakers (see quotes.h).
//
// 1. Quotation marks are paired per paragraph (curly or straight); a paragraph that ends inside
//    a quotation continues it in the next one, as news style does.
// 2. Each quotation looks for its attribution: just before it (`Mensch said, "`, `announced in a
//    statement, "`), or just after it (`," LeCun stated`, `," said X`, `" – X, CEO of Y`).
// 3. Unattributed quotations that follow an attributed one closely (the next sentence, `," adding,
//    "`) continue it; pronouns and roles point back to the last speaker or person.
#include "core/extract/quotes.h"

#include <algorithm>
#include <array>

namespace loupe::extract {
namespace {

constexpr std::array<std::string_view, 40> kSpeechVerbs = {
    "said", "says", "say", "stated", "states", "added", "adds", "adding", "told", "tells", "noted", "notes", "explained",
    "explains", "argued", "argues", "remarked", "warned", "warns", "announced", "announces", "declared", "wrote", "writes",
    "continued", "responded", "replied", "insisted", "claimed", "commented", "emphasized", "emphasised", "asked", "evaluated",
    "analyzed", "analysed", "observed", "acknowledged", "concluded", "calling"};

constexpr std::array<std::string_view, 8> kPronouns = {"he", "she", "they", "He", "She", "They", "it", "It"};

struct QuoteMarks {
  std::size_t open = 0;   // position of the opening mark
  std::size_t start = 0;  // first byte inside
  std::size_t end = 0;    // one past the last byte inside
  std::size_t close = 0;  // one past the closing mark (== end where the quote runs on)
};

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Quotation marks: straight ones alternate within a paragraph; curly ones say which they are.
std::vector<QuoteMarks> pair_marks(std::string_view text) {
  std::vector<QuoteMarks> quotes;
  bool inside = false;
  QuoteMarks current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool straight = text[i] == '"';
    const bool curly = text[i] == '\xE2';  // the first byte of both curly marks (checked first: it is rare)
    const bool curly_open = curly && text.compare(i, 3, "\xE2\x80\x9C") == 0;
    const bool curly_close = curly && text.compare(i, 3, "\xE2\x80\x9D") == 0;
    if (text[i] == '\n' && inside) {
      // A paragraph ending inside a quotation: the next paragraph's opening mark continues it.
      std::size_t next = i + 1;
      while (next < text.size() && (text[next] == '\n' || is_space(text[next]))) ++next;
      if (next < text.size() && (text[next] == '"' || text.compare(next, 3, "\xE2\x80\x9C") == 0)) {
        i = next + (text[next] == '"' ? 0 : 2);
        continue;
      }
      current.end = i;
      current.close = i;
      quotes.push_back(current);
      inside = false;
      continue;
    }
    if (!straight && !curly_open && !curly_close) continue;
    const std::size_t width = straight ? 1 : 3;
    if (!inside && (straight || curly_open)) {
      inside = true;
      current = QuoteMarks{i, i + width, 0, 0};
    } else if (inside && (straight || curly_close)) {
      inside = false;
      current.end = i;
      current.close = i + width;
      quotes.push_back(current);
    }
    i += width - 1;
  }
  if (inside) {
    current.end = text.size();
    current.close = text.size();
    quotes.push_back(current);
  }
  return quotes;
}

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool letter = is_letter(c) || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (letter && !in_word) ++words;
    in_word = letter;
  }
  return words;
}

// The speech verb ending at or near the end of `clause` (allowing "in a statement," after it).
bool ends_with_speech_verb(std::string_view clause, std::size_t& verb_start) {
  std::size_t end = clause.size();
  while (end > 0 && (is_space(clause[end - 1]) || clause[end - 1] == ',' || clause[end - 1] == ':')) --end;
  // Look at the last few words for a verb.
  std::size_t words_seen = 0;
  std::size_t position = end;
  while (position > 0 && words_seen < 5) {
    std::size_t word_end = position;
    while (word_end > 0 && !is_letter(clause[word_end - 1])) --word_end;
    std::size_t word_start = word_end;
    while (word_start > 0 && is_letter(clause[word_start - 1])) --word_start;
    if (word_start == word_end) break;
    const std::string_view word = clause.substr(word_start, word_end - word_start);
    if (std::find(kSpeechVerbs.begin(), kSpeechVerbs.end(), word) != kSpeechVerbs.end()) {
      verb_start = word_start;
      return true;
    }
    position = word_start;
    ++words_seen;
  }
  return false;
}

// The last mention of a person or organization that ends inside [from, to).
std::optional<std::size_t> last_speaker_mention(const std::vector<RawMention>& mentions, std::size_t from, std::size_t to) {
  std::optional<std::size_t> found;
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    const bool speaker_type = mentions[m].type == EntityType::Person || mentions[m].type == EntityType::Organization;
    if (speaker_type && mentions[m].start >= from && mentions[m].end <= to) found = m;
  }
  return found;
}

std::optional<std::size_t> first_speaker_mention(const std::vector<RawMention>& mentions, std::size_t from, std::size_t to) {
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    const bool speaker_type = mentions[m].type == EntityType::Person || mentions[m].type == EntityType::Organization;
    if (speaker_type && mentions[m].start >= from && mentions[m].end <= to) return m;
  }
  return std::nullopt;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && (is_space(text.front()) || text.front() == ',')) text.remove_prefix(1);
  while (!text.empty() && (is_space(text.back()) || text.back() == ',' || text.back() == '.')) text.remove_suffix(1);
  return std::string(text);
}

// Where the sentence holding `position` starts (after ". ", a line break, or the previous quote).
std::size_t clause_start(std::string_view text, std::size_t position, std::size_t floor) {
  std::size_t start = position;
  while (start > floor) {
    const char c = text[start - 1];
    if (c == '\n') break;
    if ((c == '.' || c == '?' || c == '!') && start < text.size() && is_space(text[start])) break;
    --start;
  }
  return start;
}

std::string mention_text(std::string_view text, const RawMention& mention) {
  return std::string(text.substr(mention.start, mention.end - mention.start));
}

constexpr std::array<std::string_view, 22> kRoleWords = {
    "CEO", "chief", "Chief", "President", "president", "minister", "Minister", "director", "Director", "head", "Head", "founder",
    "Founder", "chairman", "Chairman", "spokesman", "spokeswoman", "spokesperson", "executive", "scientist", "analyst", "secretary"};

// "Brad Smith, President of MS, emphasized": the apposition after a name, when it names a role.
std::string role_after(std::string_view text, const RawMention& mention) {
  if (text.compare(mention.end, 2, ", ") != 0) return {};
  const std::size_t start = mention.end + 2;
  std::size_t end = start;
  while (end < text.size() && text[end] != ',' && text[end] != '\n' && text[end] != '"' && end - start < 80) ++end;
  const std::string_view phrase = text.substr(start, end - start);
  if (count_words(phrase) > 8) return {};
  for (std::string_view word : kRoleWords) {
    if (phrase.find(word) != std::string_view::npos) return std::string(phrase);
  }
  return {};
}

// The name at the end of a subject that the tagger missed: its last run of capitalised words,
// past a trailing adverb ("IT media TechCrunch also" -> "TechCrunch", "MS" -> "MS").
std::string capitalised_subject(std::string_view subject) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < subject.size()) {
    while (i < subject.size() && (is_space(subject[i]) || subject[i] == ',')) ++i;
    const std::size_t start = i;
    while (i < subject.size() && !is_space(subject[i]) && subject[i] != ',') ++i;
    if (i > start) words.push_back(subject.substr(start, i - start));
  }
  std::size_t end = words.size();
  for (int adverbs = 0; adverbs < 2 && end > 0 && !words[end - 1].empty() && words[end - 1][0] >= 'a' && words[end - 1][0] <= 'z'; ++adverbs) --end;
  std::size_t start = end;
  while (start > 0 && !words[start - 1].empty() && words[start - 1][0] >= 'A' && words[start - 1][0] <= 'Z') --start;
  if (start == end) return {};
  const std::size_t from = static_cast<std::size_t>(words[start].data() - subject.data());
  const std::size_t to = static_cast<std::size_t>(words[end - 1].data() + words[end - 1].size() - subject.data());
  std::string name(subject.substr(from, to - from));
  if (name == "The" || name == "On" || name == "In") return {};
  return name;
}

std::string last_word(std::string_view words) {
  const std::string trimmed_words = trimmed(words);
  const std::size_t space = trimmed_words.rfind(' ');
  return space == std::string::npos ? trimmed_words : trimmed_words.substr(space + 1);
}

bool is_pronoun(std::string_view word) { return std::find(kPronouns.begin(), kPronouns.end(), word) != kPronouns.end(); }

}  // namespace

std::vector<Quote> find_quotes(std::string_view text, const std::vector<RawMention>& mentions) {
  std::vector<Quote> quotes;
  std::optional<std::size_t> last_speaker;
  std::string last_speaker_name;
  std::string last_role;
  std::size_t last_quote_close = 0;
  std::size_t previous_close = 0;

  for (const QuoteMarks& marks : pair_marks(text)) {
    Quote quote;
    quote.start = static_cast<std::uint32_t>(marks.start);
    quote.end = static_cast<std::uint32_t>(marks.end);
    // Trim the comma or space a quotation often ends with inside its marks.
    while (quote.end > quote.start && (text[quote.end - 1] == ',' || is_space(text[quote.end - 1]))) --quote.end;
    bool attributed = false;

    // "he", "she": the last speaker if a person, else the last person named before the quote.
    auto resolve_pronoun = [&]() {
      std::optional<std::size_t> person;
      if (last_speaker && mentions[*last_speaker].type == EntityType::Person) {
        person = last_speaker;
      } else {
        for (std::size_t m = 0; m < mentions.size() && mentions[m].end <= marks.open; ++m) {
          if (mentions[m].type == EntityType::Person) person = m;
        }
      }
      if (!person) return false;
      quote.speaker = person;
      quote.speaker_name = mention_text(text, mentions[*person]);
      quote.role = person == last_speaker ? last_role : role_after(text, mentions[*person]);
      return true;
    };
    auto use_mention = [&](std::size_t mention) {
      quote.speaker = mention;
      quote.speaker_name = mention_text(text, mentions[mention]);
      quote.role = role_after(text, mentions[mention]);
      return true;
    };

    // Before: `X said, "`, `he explained, "`, `MS announced in a statement, "`, `adding, "`.
    const std::size_t before_start = clause_start(text, marks.open, previous_close);
    const std::string_view before = text.substr(before_start, marks.open - before_start);
    std::size_t verb_start = 0;
    if (ends_with_speech_verb(before, verb_start)) {
      const std::size_t verb_position = before_start + verb_start;
      const std::string_view subject = text.substr(before_start, verb_position - before_start);
      // A person named in the subject is the speaker ("Arthur Mensch, CEO of MistralAI, said");
      // otherwise the organization named last ("The Associated Press evaluated").
      std::optional<std::size_t> person;
      for (std::size_t m = 0; m < mentions.size(); ++m) {
        if (!person && mentions[m].type == EntityType::Person && mentions[m].start >= before_start && mentions[m].end <= verb_position) person = m;
      }
      const std::optional<std::size_t> mention = last_speaker_mention(mentions, before_start, verb_position);
      const std::string subject_words = trimmed(subject);
      const std::string name = capitalised_subject(subject);
      if (is_pronoun(last_word(subject))) {
        attributed = resolve_pronoun();
      } else if (person) {
        attributed = use_mention(*person);
      } else if (mention && (name.empty() || mention_text(text, mentions[*mention]).find(name) != std::string::npos ||
                             name.find(mention_text(text, mentions[*mention])) != std::string::npos)) {
        attributed = use_mention(*mention);
      } else if (!name.empty()) {
        quote.speaker_name = name;  // a name the tagger missed; matched to an entity by name later
        attributed = true;
      } else if (subject_words.rfind("the ", 0) == 0 || subject_words.rfind("The ", 0) == 0) {
        // "the minister said": the role, and the last person named before it.
        quote.role = subject_words.substr(4);
        quote.speaker_name = subject_words;
        const std::optional<std::size_t> earlier = last_speaker_mention(mentions, 0, before_start);
        if (earlier && mentions[*earlier].type == EntityType::Person) quote.speaker = earlier;
        attributed = true;
      } else if (subject_words.empty() && !last_speaker_name.empty() && marks.open - last_quote_close <= 20) {
        // `"...," adding, "..."`: the speaker of the quote just before.
        quote.speaker = last_speaker;
        quote.speaker_name = last_speaker_name;
        quote.role = last_role;
        attributed = true;
      }
    }

    // After: `," X said`, `," said X`, `" LeCun stated.`, `" – X, CEO of Y`.
    if (!attributed && marks.close < text.size()) {
      std::size_t line_end = text.find('\n', marks.close);
      if (line_end == std::string_view::npos) line_end = text.size();
      std::size_t sentence_end = marks.close;
      while (sentence_end < line_end && text[sentence_end] != '.' && text[sentence_end] != '"' &&
             text.compare(sentence_end, 3, "\xE2\x80\x9C") != 0) {
        ++sentence_end;
      }
      const std::string_view after = text.substr(marks.close, sentence_end - marks.close);
      std::size_t skip = 0;
      while (skip < after.size() && (is_space(after[skip]) || after[skip] == ',')) ++skip;
      const bool dash = after.compare(skip, 3, "\xE2\x80\x93") == 0 || after.compare(skip, 3, "\xE2\x80\x94") == 0 ||
                        (skip < after.size() && after[skip] == '-');
      if (dash) {
        // The dash attribution runs to the end of the line: name, then role.
        const std::optional<std::size_t> mention = first_speaker_mention(mentions, marks.close + skip, line_end);
        if (mention) {
          use_mention(*mention);
          const std::string_view rest = text.substr(mentions[*mention].end, line_end - mentions[*mention].end);
          if (!rest.empty() && rest.front() == ',') quote.role = trimmed(rest);
          attributed = true;
        }
      } else {
        // A speech verb among the first few words after the quote, with its speaker beside it.
        const std::string_view window = after.substr(0, std::min<std::size_t>(after.size(), 80));
        std::size_t verb_offset = std::string_view::npos;
        for (std::string_view verb : kSpeechVerbs) {
          if (verb == "adding" || verb == "calling") continue;  // these continue the speaker before the quote
          std::size_t at = 0;
          while ((at = window.find(verb, at)) != std::string_view::npos) {
            const bool whole = (at == 0 || !is_letter(window[at - 1])) &&
                               (at + verb.size() >= window.size() || !is_letter(window[at + verb.size()]));
            if (whole && at < verb_offset) verb_offset = at;
            at += verb.size();
          }
        }
        if (verb_offset != std::string_view::npos && count_words(window.substr(0, verb_offset)) <= 5) {
          const std::string words_before_verb = trimmed(window.substr(0, verb_offset));
          const std::optional<std::size_t> mention = first_speaker_mention(mentions, marks.close, marks.close + window.size());
          if (is_pronoun(words_before_verb)) {
            attributed = resolve_pronoun();
          } else if (mention) {
            attributed = use_mention(*mention);
          } else {
            const std::string name = capitalised_subject(words_before_verb.empty() ? window.substr(verb_offset) : std::string_view(words_before_verb));
            if (!name.empty()) {
              quote.speaker_name = name;
              attributed = true;
            }
          }
        }
      }
    }

    // A quotation that follows an attributed one closely (the next sentence) continues it.
    if (!attributed && !quotes.empty() && marks.open >= last_quote_close && marks.open - last_quote_close <= 40 &&
        text.substr(last_quote_close, marks.open - last_quote_close).find('\n') == std::string_view::npos) {
      quote.speaker = last_speaker;
      quote.speaker_name = last_speaker_name;
      quote.role = last_role;
      attributed = !last_speaker_name.empty();
    }

    previous_close = marks.close;
    if (!attributed || quote.end <= quote.start) continue;
    last_speaker = quote.speaker;
    last_speaker_name = quote.speaker_name;
    last_role = quote.role;
    last_quote_close = marks.close;
    quotes.push_back(std::move(quote));
  }
  return quotes;
}

}  // namespace loupe::extract
