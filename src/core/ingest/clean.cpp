// Cleaning boilerplate out of a document and finding its title (see clean.h). The text is taken
// as lines (one paragraph a line); each rule marks whole lines, and the kept lines are joined
// again with runs of blank lines made one.
#include "core/ingest/clean.h"

#include <algorithm>
#include <array>
#include <unordered_set>
#include <vector>

#include "core/text.h"
#include "core/text/sentences.h"
#include "core/text/unicode.h"

namespace loupe::ingest {
namespace {

constexpr std::string_view kLinkListReason = "list of links to other stories";
constexpr std::string_view kRepeatedTitleReason = "repeated title";
constexpr std::string_view kRepeatedParagraphReason = "repeated paragraph";

// A paragraph repeated is boilerplate only from this many words up: short lines ("Winners meet
// in final match") legitimately repeat.
constexpr std::size_t kShortestRepeatedParagraphWords = 10;

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// Whether `phrase` appears in `text` as whole words.
bool contains_words(std::string_view text, std::string_view phrase) {
  for (std::size_t at = text.find(phrase); at != std::string_view::npos; at = text.find(phrase, at + 1)) {
    const bool starts_word = at == 0 || text[at - 1] == ' ';
    const std::size_t end = at + phrase.size();
    const bool ends_word = end == text.size() || text[end] == ' ' || text[end] == ':';
    if (starts_word && ends_word) return true;
  }
  return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A line for matching phrases: trimmed, ASCII lower case, curly apostrophes straight, runs of
// spaces one space. Folding stops once the result is longer than `longest`: then only its length
// says anything (a file can be one line of 50 MB, and the rules look at short lines only).
// (Written through a pointer into room made once: never longer than the line, nor than longest + 1.)
std::string folded_line(std::string_view line, std::size_t longest = std::string::npos) {
  line = trim(line);
  std::string folded(std::min(line.size(), longest == std::string::npos ? line.size() : longest + 1), '\0');
  char* const begin = folded.data();
  char* out = begin;
  bool after_space = true;  // (nothing written yet counts as a space: leading ones are dropped)
  for (std::size_t i = 0; i < line.size() && static_cast<std::size_t>(out - begin) <= longest; ++i) {
    const char c = line[i];
    if (c == '\xE2' && line.substr(i, 3) == "\xE2\x80\x99") {
      *out++ = '\'';
      after_space = false;
      i += 2;
      continue;
    }
    // No branch on what the byte is (a word's letters and the spaces between alternate too often
    // to guess): a space or tab is written as a space but kept only after something else.
    const bool space = c == ' ' || c == '\t';
    const bool upper = c >= 'A' && c <= 'Z';
    *out = space ? ' ' : static_cast<char>(c + (upper ? 'a' - 'A' : 0));
    out += !space | !after_space;
    after_space = space;
  }
  folded.resize(static_cast<std::size_t>(out - begin));
  return folded;
}

// What an ASCII byte is in a comparison key: itself, lower-cased (letters and digits), or 0 (it
// separates words).
constexpr std::array<char, 128> kKeyBytes = [] {
  std::array<char, 128> bytes{};
  for (std::size_t c = 0; c < bytes.size(); ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) bytes[c] = static_cast<char>(c);
    if (c >= 'A' && c <= 'Z') bytes[c] = static_cast<char>(c - 'A' + 'a');
  }
  return bytes;
}();

// The words of a line, folded for comparison (case, diacritics, punctuation ignored). ASCII is
// folded here (letters lower-cased, digits kept, the rest separates words); each run of other
// bytes goes through fold_for_matching, which folds code point by code point, so the key is the
// one the whole line folded at once would give, without passing a long ASCII line through utf8proc.
// (Written into room made for the line, at least as long as what is left to write, as ASCII never
// makes the key longer; a folded run beyond ASCII may, and makes more room.)
std::string comparison_key(std::string_view line) {
  line = trim(line);
  std::string key(line.size(), '\0');
  std::size_t size = 0;
  bool after_space = true;  // (an empty key counts as ending with a space: leading ones are dropped)
  const auto separate = [&key, &size, &after_space] {
    if (!after_space) key[size++] = ' ';
    after_space = true;
  };
  for (std::size_t i = 0; i < line.size();) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if (byte < 0x80) {
      // No branch on what the byte is (see folded_line): a separator is written as a space but
      // kept only after a word's byte.
      const char kept = kKeyBytes[byte];
      const bool word = kept != 0;
      key[size] = word ? kept : ' ';
      size += word | !after_space;
      after_space = !word;
      ++i;
      continue;
    }
    std::size_t run_end = i;
    while (run_end < line.size() && static_cast<unsigned char>(line[run_end]) >= 0x80) ++run_end;
    const std::string folded = text::fold_for_matching(line.substr(i, run_end - i));
    const std::size_t room = size + folded.size() + (line.size() - run_end);
    if (room > key.size()) key.resize(room);
    for (std::size_t k = 0; k < folded.size();) {
      const std::size_t start = k;
      const char32_t code_point = text::next_code_point(folded, k);
      if (text::is_word_character(code_point)) {
        key.replace(size, k - start, folded, start, k - start);
        size += k - start;
        after_space = false;
      } else {
        separate();
      }
    }
    i = run_end;
  }
  while (size > 0 && key[size - 1] == ' ') --size;
  key.resize(size);
  return key;
}

// "5 min read", "technology73 min read", "Politics · 3 min read", "3-minute read",
// "Reading time: 4 minutes".
bool is_reading_time_line(std::string_view folded, std::size_t words) {
  if (folded.size() > 80 || words > 8) return false;
  if (starts_with(folded, "reading time") || starts_with(folded, "read time") || starts_with(folded, "time to read")) {
    return folded.find_first_of("0123456789") != std::string_view::npos;
  }
  std::string_view rest = folded;
  while (!rest.empty() && (rest.back() == '.' || rest.back() == ' ')) rest.remove_suffix(1);
  if (ends_with(rest, " to read")) {
    rest.remove_suffix(8);
  } else if (ends_with(rest, " read")) {
    rest.remove_suffix(5);
  } else {
    return false;
  }
  if (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);  // "5 min. read"
  bool unit = false;
  for (const std::string_view name : {"minutes", "minute", "mins", "min"}) {
    if (ends_with(rest, name)) {
      rest.remove_suffix(name.size());
      unit = true;
      break;
    }
  }
  if (!unit) return false;
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '-')) rest.remove_suffix(1);
  if (rest.empty() || !is_digit(rest.back())) return false;
  while (!rest.empty() && is_digit(rest.back())) rest.remove_suffix(1);
  // What is left is a category or a date ("politics · "), never a sentence.
  return rest.size() <= 40 && rest.find_first_of(".!?") == std::string_view::npos;
}

// "© The Daily(www.daily.com). All rights reserved.", "Copyright 2024 Reuters", "(c) 2005 BBC".
bool is_copyright_line(std::string_view folded, std::size_t words) {
  if (folded.size() > 300 || words > 40) return false;
  if (contains(folded, "all rights reserved")) return true;
  if (words > 25) return false;
  if (starts_with(folded, "\xC2\xA9") || starts_with(folded, "(c) ")) return true;
  if (starts_with(folded, "copyright ")) {
    const std::string_view after = folded.substr(10);
    return starts_with(after, "\xC2\xA9") || starts_with(after, "(c)") ||
           (after.size() >= 4 && is_digit(after[0]) && is_digit(after[1]) && is_digit(after[2]) && is_digit(after[3]));
  }
  return false;
}

// "Share this article", "Share on Facebook", "Facebook Twitter LinkedIn Email", "Follow us on X".
bool is_share_line(std::string_view folded, std::size_t words) {
  if (folded.size() > 120 || words > 12) return false;
  for (const std::string_view start : {"share this", "share on ", "share via ", "share:", "click to share", "follow us on",
                                       "follow us:", "share article", "share story", "share page"}) {
    if (starts_with(folded, start)) return true;
  }
  if (folded == "share") return true;
  // A line of nothing but network names: two or more.
  static const std::unordered_set<std::string_view> kNetworks = {
      "facebook", "twitter", "x",     "linkedin", "whatsapp", "email",     "e-mail",   "mail",   "pinterest",
      "reddit",   "telegram", "print", "copy",    "link",     "flipboard", "messenger", "tumblr", "threads",
      "bluesky",  "mastodon", "instagram", "youtube", "tiktok", "share", "sms"};
  // The names are separated by spaces, "·", "•", "|", "," or "/".
  const auto separator_length = [folded](std::size_t at) -> std::size_t {
    const char c = folded[at];
    if (c == ' ' || c == '|' || c == ',' || c == '/') return 1;
    if (folded.substr(at, 2) == "\xC2\xB7") return 2;
    if (folded.substr(at, 3) == "\xE2\x80\xA2") return 3;
    return 0;
  };
  std::size_t networks = 0;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = start;
    std::size_t separator = 0;
    while (end < folded.size() && (separator = separator_length(end)) == 0) ++end;
    const std::string_view token = folded.substr(start, end - start);
    start = end + separator;
    if (token.empty() || token == "-") continue;
    if (!kNetworks.count(token)) return false;
    ++networks;
  }
  return networks >= 2;
}

// "Sign up to our daily newsletter", "Subscribe to our newsletter", "Get the latest news in your inbox".
bool is_newsletter_line(std::string_view folded, std::size_t words) {
  if (folded.size() > 250 || words > 35) return false;
  if (contains(folded, "newsletter")) {
    for (const std::string_view verb : {"sign up", "sign-up", "signup", "subscribe", "inbox", "delivered", "register", "get our", "join"}) {
      if (contains(folded, verb)) return true;
    }
  }
  if (words > 20) return false;
  for (const std::string_view start : {"sign up for ", "sign up to ", "subscribe to ", "subscribe for ", "subscribe now", "get our ",
                                       "get the latest "}) {
    if (!starts_with(folded, start)) continue;
    for (const std::string_view thing : {"newsletter", "briefing", "email", "inbox", "updates", "alerts", "digest", "bulletin"}) {
      if (contains(folded, thing)) return true;
    }
  }
  return false;
}

// "We use cookies to improve your experience. Accept all".
bool is_cookie_line(std::string_view folded, std::size_t words) {
  if (folded.size() > 400 || words > 60) return false;
  for (const std::string_view start : {"we use cookies", "this site uses cookies", "this website uses cookies", "our site uses cookies",
                                       "our website uses cookies", "we and our partners use cookies", "by continuing to use this site",
                                       "by using this site, you agree", "by using this website, you agree"}) {
    if (starts_with(folded, start)) return true;
  }
  if (words > 40 || !contains(folded, "cookie")) return false;
  for (const std::string_view phrase : {"accept all", "cookie policy", "cookie settings", "manage cookies", "use of cookies",
                                        "cookie preferences", "reject all"}) {
    if (contains(folded, phrase)) return true;
  }
  return false;
}

// "Read more: Another story", "See also: ...", "Related: ...".
bool is_story_link_line(std::string_view folded) {
  if (folded.size() > 220) return false;
  for (const std::string_view start : {"read more:", "read also:", "also read:", "read next:", "see also:", "related:",
                                       "related story:", "related article:", "recommended:"}) {
    if (starts_with(folded, start) && folded.size() > start.size()) return true;
  }
  return false;
}

// A line of a list of links: short, and not a sentence of prose.
bool is_headline_like(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.size() > 220) return false;
  const std::size_t words = count_words(line);
  if (words > 30) return false;
  if (line.back() == ':') return false;  // introduces what follows: prose
  const bool ends_sentence = line.back() == '.' && !ends_with(line, "...");
  return !(ends_sentence && words >= 6);
}

struct Line {
  std::string_view text;
  bool removed = false;
  bool blank = false;
};

// What cleaning took out, by the position of its first line, so that it is recorded in text order.
struct Removal {
  std::size_t line = 0;
  RemovedText removed;
};

std::vector<Line> split_into_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    lines.push_back({line, false, trim(line).empty()});
    start = end + 1;
  }
  return lines;
}

void remove_line(std::vector<Line>& lines, std::size_t index, std::string_view reason, std::vector<Removal>& removals) {
  lines[index].removed = true;
  removals.push_back({index, {std::string(trim(lines[index].text)), std::string(reason)}});
}

// Link lists: a heading that names one, then two or more headline-like lines (blank lines
// between them allowed), up to the first line that is not one. The heading is never the first
// line of the text: that is the title's place.
void remove_link_lists(std::vector<Line>& lines, std::vector<Removal>& removals) {
  bool seen_content = false;
  for (std::size_t h = 0; h < lines.size(); ++h) {
    if (lines[h].blank || lines[h].removed) continue;
    const bool first = !seen_content;
    seen_content = true;
    if (first || !is_link_list_heading(lines[h].text)) continue;
    std::vector<std::size_t> items;
    std::size_t j = h + 1;
    for (; j < lines.size(); ++j) {
      if (lines[j].blank) continue;
      if (lines[j].removed || !is_headline_like(lines[j].text) || is_link_list_heading(lines[j].text)) break;
      items.push_back(j);
    }
    if (items.size() < 2) continue;
    std::string block(trim(lines[h].text));
    lines[h].removed = true;
    for (const std::size_t item : items) {
      block += "\n" + std::string(trim(lines[item].text));
      lines[item].removed = true;
    }
    removals.push_back({h, {std::move(block), std::string(kLinkListReason)}});
    h = items.back();
  }
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : trim(text)) {
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// The title from the first line left, when the document has none: the line itself when short
// (it leaves the text), else the first sentence of it (the paragraph stays).
void take_title_from_text(std::vector<Line>& lines, Document& document) {
  for (Line& line : lines) {
    if (line.blank || line.removed) continue;
    const std::string_view first = trim(line.text);
    if (first.size() <= kLongestTitleLine) {
      document.title = collapse_spaces(first);
      line.removed = true;  // moved to the title, not boilerplate: not recorded
    } else {
      document.title = title_from_first_sentence(first);
    }
    return;
  }
}

void remove_repeats(std::vector<Line>& lines, std::string_view title, std::vector<Removal>& removals) {
  const std::string title_key = comparison_key(title);
  std::unordered_set<std::string> paragraphs_seen;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank || lines[i].removed) continue;
    const std::string key = comparison_key(lines[i].text);
    if (key.empty()) continue;
    if (key == title_key) {
      remove_line(lines, i, kRepeatedTitleReason, removals);
    } else if (count_words_up_to(lines[i].text, kShortestRepeatedParagraphWords) >= kShortestRepeatedParagraphWords && !paragraphs_seen.insert(key).second) {
      remove_line(lines, i, kRepeatedParagraphReason, removals);
    }
  }
}

std::string join_kept_lines(const std::vector<Line>& lines) {
  std::string text;
  bool pending_blank = false;
  for (const Line& line : lines) {
    if (line.removed) continue;
    if (line.blank) {
      pending_blank = true;
      continue;
    }
    if (!text.empty()) text += pending_blank ? "\n\n" : "\n";
    pending_blank = false;
    text.append(line.text);
  }
  return text;
}

}  // namespace

std::optional<std::string> boilerplate_line_reason(std::string_view line) {
  constexpr std::size_t kLongestBoilerplateLine = 400;  // the longest any rule below looks at (a cookie notice)
  const std::string folded = folded_line(line, kLongestBoilerplateLine);
  if (folded.empty() || folded.size() > kLongestBoilerplateLine) return std::nullopt;
  // Every rule below gives up on a line of more than 60 words: counting stops there.
  constexpr std::size_t kMostWordsAnyRuleCounts = 61;
  const std::size_t words = count_words_up_to(folded, kMostWordsAnyRuleCounts);
  if (is_reading_time_line(folded, words)) return "reading-time line";
  if (is_copyright_line(folded, words)) return "copyright line";
  if (is_share_line(folded, words)) return "share links";
  if (is_newsletter_line(folded, words)) return "newsletter sign-up";
  if (is_cookie_line(folded, words)) return "cookie notice";
  if (is_story_link_line(folded)) return "link to another story";
  return std::nullopt;
}

bool is_link_list_heading(std::string_view line) {
  // Trailing colons and spaces go before folding, so that a paragraph is folded no further than
  // the 50 characters a heading may have.
  line = trim(line);
  while (!line.empty() && (line.back() == ':' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  constexpr std::size_t kLongestHeading = 50;
  constexpr std::size_t kMostHeadingWords = 6;
  // Folding keeps the words as they are: a paragraph is ruled out by its seventh word, unfolded.
  if (count_words_up_to(line, kMostHeadingWords + 1) > kMostHeadingWords) return false;
  const std::string folded = folded_line(line, kLongestHeading);
  if (folded.empty() || folded.size() > kLongestHeading) return false;
  const char last = folded.back();
  if (last == '.' || last == '?' || last == '!' || last == ',' || last == '"' || last == ';') return false;
  // Phrases that open such a heading ("Related", "More from Business", "Read more")...
  for (const std::string_view phrase :
       {"related", "read more", "also read", "read also", "read next", "see also", "more from", "more on", "more stories",
        "more news", "more like this", "most popular", "most read", "most viewed", "most shared", "popular now", "trending",
        "top stories", "recommended", "you may also like", "you might also like", "you may have missed", "don't miss",
        "editor's choice", "editors' choice", "latest news", "latest stories", "latest headlines", "further reading",
        "in other news", "other stories", "elsewhere on", "what to read next"}) {
    if (starts_with(folded, phrase) && (folded.size() == phrase.size() || folded[phrase.size()] == ' ')) return true;
  }
  // ...and words that name one wherever they stand ("Hot Picks Today", "Editor's Picks", "BBC Most Read").
  for (const std::string_view phrase : {"picks", "most popular", "most read", "most viewed", "top stories", "related stories",
                                        "related articles", "related links", "related topics", "related coverage", "related content"}) {
    if (contains_words(folded, phrase)) return true;
  }
  return false;
}

std::string title_from_first_sentence(std::string_view paragraph) {
  paragraph = trim(paragraph);
  std::string_view sentence = paragraph;
  const std::vector<text::Sentence> sentences = text::split_sentences(paragraph, 1);
  if (!sentences.empty()) sentence = paragraph.substr(sentences[0].start, sentences[0].end - sentences[0].start);
  if (sentence.size() <= kLongestTitleLine) return collapse_spaces(sentence);
  std::size_t cut = sentence.rfind(' ', kLongestTitleLine);
  if (cut == std::string_view::npos || cut == 0) cut = kLongestTitleLine;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  return collapse_spaces(sentence.substr(0, cut)) + "\xE2\x80\xA6";  // "…"
}

void clean_document(Document& document) {
  const std::string original = std::move(document.text);
  std::vector<Line> lines = split_into_lines(original);
  std::vector<Removal> removals;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank) continue;
    if (const std::optional<std::string> reason = boilerplate_line_reason(lines[i].text)) remove_line(lines, i, *reason, removals);
  }
  remove_link_lists(lines, removals);
  document.title = collapse_spaces(document.title);
  if (document.title.empty()) take_title_from_text(lines, document);
  remove_repeats(lines, document.title, removals);
  document.text = join_kept_lines(lines);
  std::stable_sort(removals.begin(), removals.end(), [](const Removal& a, const Removal& b) { return a.line < b.line; });
  for (Removal& removal : removals) document.removed.push_back(std::move(removal.removed));
}

}  // namespace loupe::ingest
