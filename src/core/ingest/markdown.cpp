// The Markdown reader (see markdown.h). Line by line: blocks first (front matter, fences,
// headings, lists, quotes, tables, rules), then the inline syntax of each paragraph.
#include "core/ingest/markdown.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/ingest/encoding.h"
#include "core/text.h"

namespace loupe::ingest {
namespace {

bool is_blank(std::string_view line) { return trim(line).empty(); }

bool is_ascii_alphanumeric(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_ascii_punctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

bool is_white(char c) { return c == ' ' || c == '\t' || c == '\n'; }

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Up to three leading spaces do not change a line's kind.
std::string_view without_indent(std::string_view line) {
  std::size_t spaces = 0;
  while (spaces < line.size() && spaces < 3 && line[spaces] == ' ') ++spaces;
  return line.substr(spaces);
}

// A run of the same character at the start: its length.
std::size_t run_length(std::string_view text, std::size_t at, char c) {
  std::size_t end = at;
  while (end < text.size() && text[end] == c) ++end;
  return end - at;
}

// "```lang" or "~~~": the fence's character and length.
std::optional<std::pair<char, std::size_t>> fence_of(std::string_view line) {
  line = without_indent(line);
  if (line.empty() || (line[0] != '`' && line[0] != '~')) return std::nullopt;
  const std::size_t length = run_length(line, 0, line[0]);
  if (length < 3) return std::nullopt;
  if (line[0] == '`' && line.substr(length).find('`') != std::string_view::npos) return std::nullopt;
  return std::make_pair(line[0], length);
}

// "# Heading #": the level (1-6) and the heading's text.
std::optional<std::string_view> atx_heading(std::string_view line) {
  line = without_indent(line);
  const std::size_t level = run_length(line, 0, '#');
  if (level == 0 || level > 6) return std::nullopt;
  if (level < line.size() && line[level] != ' ' && line[level] != '\t') return std::nullopt;
  std::string_view text = trim(line.substr(level));
  // A closing run of #s preceded by a space is not part of the heading.
  std::size_t closing = text.size();
  while (closing > 0 && text[closing - 1] == '#') --closing;
  if (closing == 0) return std::string_view();
  if (closing < text.size() && (text[closing - 1] == ' ' || text[closing - 1] == '\t')) text = trim(text.substr(0, closing));
  return text;
}

// "***", "- - -", "___": a thematic break.
bool is_thematic_break(std::string_view line) {
  line = trim(line);
  if (line.empty() || (line[0] != '*' && line[0] != '-' && line[0] != '_')) return false;
  std::size_t marks = 0;
  for (const char c : line) {
    if (c == line[0]) {
      ++marks;
    } else if (c != ' ' && c != '\t') {
      return false;
    }
  }
  return marks >= 3;
}

// "===" or "---" under a paragraph line: a setext heading's underline.
bool is_setext_underline(std::string_view line) {
  line = trim(line);
  if (line.empty() || (line[0] != '=' && line[0] != '-')) return false;
  return line.find_first_not_of(line[0]) == std::string_view::npos;
}

// "- item", "* item", "+ item", "1. item", "2) item": the item's text.
std::optional<std::string_view> list_item(std::string_view line) {
  const std::size_t start = line.find_first_not_of(" \t");  // nested items are indented further
  if (start == std::string_view::npos) return std::nullopt;
  line = line.substr(start);
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && (line[1] == ' ' || line[1] == '\t')) {
    line = trim(line.substr(2));
  } else {
    std::size_t digits = 0;
    while (digits < line.size() && digits < 9 && line[digits] >= '0' && line[digits] <= '9') ++digits;
    if (digits == 0 || digits + 1 >= line.size() || (line[digits] != '.' && line[digits] != ')') ||
        (line[digits + 1] != ' ' && line[digits + 1] != '\t')) {
      return std::nullopt;
    }
    line = trim(line.substr(digits + 2));
  }
  // A task list's box.
  if (line.size() >= 3 && line[0] == '[' && line[2] == ']' && (line[1] == ' ' || line[1] == 'x' || line[1] == 'X')) {
    line = trim(line.substr(3));
  }
  return line;
}

// "[label]: https://..." defines a link target: not text.
bool is_link_definition(std::string_view line) {
  line = without_indent(line);
  if (line.empty() || line[0] != '[') return false;
  const std::size_t close = line.find("]:");
  return close != std::string_view::npos && close > 1 && line.substr(1, close - 1).find(']') == std::string_view::npos;
}

bool is_table_row(std::string_view line) {
  line = trim(line);
  return line.size() >= 2 && line.front() == '|';
}

// "|---|:---:|": a table's delimiter row.
bool is_table_delimiter(std::string_view line) {
  line = trim(line);
  if (line.find('-') == std::string_view::npos || line.find('|') == std::string_view::npos) return false;
  return line.find_first_not_of("|-: \t") == std::string_view::npos;
}

std::string table_row_text(std::string_view line) {
  line = trim(line);
  if (!line.empty() && line.front() == '|') line.remove_prefix(1);
  if (!line.empty() && line.back() == '|' && (line.size() < 2 || line[line.size() - 2] != '\\')) line.remove_suffix(1);
  std::string row;
  std::size_t cell_start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))) {
      const std::string cell = markdown_inline_to_text(trim(line.substr(cell_start, i - cell_start)));
      if (!cell.empty()) {
        if (!row.empty()) row += " | ";
        row += cell;
      }
      cell_start = i + 1;
    }
  }
  return row;
}

// "> quoted": the markers of (nested) block quotes removed.
std::string_view without_quote_markers(std::string_view line) {
  for (;;) {
    const std::string_view rest = without_indent(line);
    if (rest.empty() || rest[0] != '>') return line;
    line = rest.substr(1);
    if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
  }
}

std::string_view unquote(std::string_view value) {
  value = trim(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  return value;
}

// Front matter: "---" on the first line, "key: value" lines, "---" or "..." to close.
std::size_t read_front_matter(const std::vector<std::string_view>& lines, Document& document) {
  if (lines.empty() || trim(lines[0]) != "---") return 0;
  std::size_t end = 1;
  while (end < lines.size() && trim(lines[end]) != "---" && trim(lines[end]) != "...") ++end;
  if (end >= lines.size()) return 0;  // never closed: a thematic break, not front matter
  for (std::size_t i = 1; i < end; ++i) {
    const std::string_view line = lines[i];
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || line.empty() || line[0] == ' ' || line[0] == '\t') continue;
    const std::string key = fold_ascii_case(trim(line.substr(0, colon)));
    const std::string value(unquote(line.substr(colon + 1)));
    if (value.empty()) continue;
    if (key == "title") document.title = value;
    else if (key == "date" || key == "published") document.date = value;
    else if (key == "author") document.author = value;
    else if (key == "url" || key == "link" || key == "canonical") document.url = value;
    else if (key == "source" || key == "site") document.source = value;
  }
  return end + 1;
}

// --- inline syntax ---------------------------------------------------------------------------------

// The farthest an inline construct (a link, a code span, an emphasis, a tag) reaches: searches for
// its end stop there, so that a long paragraph full of unmatched brackets stays linear.
constexpr std::size_t kInlineReach = 2048;
// Links inside link text deeper than this are taken as they are written.
constexpr int kDeepestNestedLink = 8;

// The part of `text` an inline construct starting at `at` can reach.
std::string_view within_reach(std::string_view text, std::size_t at) {
  return text.substr(0, std::min(text.size(), at + kInlineReach));
}

// The position just past the bracket that closes the one at `open` (nesting counted, escapes skipped).
std::optional<std::size_t> matching_close(std::string_view text, std::size_t open, char open_char, char close_char) {
  int depth = 0;
  text = within_reach(text, open);
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == '`') {
      // Brackets inside a code span do not count.
      const std::size_t ticks = run_length(text, i, '`');
      const std::size_t end = text.find(std::string(ticks, '`'), i + ticks);
      if (end != std::string_view::npos) {
        i = end + ticks - 1;
        continue;
      }
    }
    if (text[i] == open_char) ++depth;
    if (text[i] == close_char && --depth == 0) return i + 1;
  }
  return std::nullopt;
}

// "&amp;", "&#8217;", "&#x2019;" and the few named entities Markdown writers use.
std::optional<std::pair<std::size_t, char32_t>> entity_at(std::string_view text, std::size_t at) {
  const std::size_t semicolon = text.substr(0, std::min(text.size(), at + 12)).find(';', at);
  if (semicolon == std::string_view::npos || semicolon - at > 10) return std::nullopt;
  const std::string_view name = text.substr(at + 1, semicolon - at - 1);
  if (name.size() >= 2 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return std::nullopt;
    std::uint32_t value = 0;
    for (const char c : digits) {
      int digit = -1;
      if (c >= '0' && c <= '9') digit = c - '0';
      else if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0 || value > 0x10FFFF) return std::nullopt;
      value = value * (hex ? 16u : 10u) + static_cast<std::uint32_t>(digit);
    }
    if (value == 0 || value > 0x10FFFF) return std::nullopt;
    return std::make_pair(semicolon + 1, static_cast<char32_t>(value));
  }
  static constexpr std::pair<std::string_view, char32_t> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '},
      {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"rsquo", 0x2019}, {"lsquo", 0x2018},
      {"rdquo", 0x201D}, {"ldquo", 0x201C}, {"copy", 0xA9}, {"pound", 0xA3}, {"euro", 0x20AC}};
  for (const auto& [entity, code_point] : kNamed) {
    if (name == entity) return std::make_pair(semicolon + 1, code_point);
  }
  return std::nullopt;
}

// An HTML tag or comment at text[at] ('<'): the position past it.
std::optional<std::size_t> html_tag_end(std::string_view text, std::size_t at) {
  if (text.substr(at, 4) == "<!--") {
    const std::size_t end = within_reach(text, at).find("-->", at + 4);
    return end == std::string_view::npos ? std::nullopt : std::optional<std::size_t>(end + 3);
  }
  std::size_t i = at + 1;
  if (i < text.size() && text[i] == '/') ++i;
  if (i >= text.size() || !((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))) return std::nullopt;
  while (i < text.size() && (is_ascii_alphanumeric(text[i]) || text[i] == '-')) ++i;
  if (i < text.size() && text[i] != '>' && text[i] != ' ' && text[i] != '/' && text[i] != '\t') return std::nullopt;
  const std::size_t end = within_reach(text, at).find('>', i);
  if (end == std::string_view::npos || text.substr(i, end - i).find('<') != std::string_view::npos) return std::nullopt;
  return end + 1;
}

// "<https://example.com>": the address.
std::optional<std::pair<std::size_t, std::string_view>> autolink_at(std::string_view text, std::size_t at) {
  const std::size_t end = within_reach(text, at).find('>', at);
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view inside = text.substr(at + 1, end - at - 1);
  if (inside.empty() || inside.find_first_of(" \t<") != std::string_view::npos) return std::nullopt;
  const std::size_t colon = inside.find(':');
  const bool scheme = colon != std::string_view::npos && colon >= 2 && colon <= 32;
  const bool email = inside.find('@') != std::string_view::npos && inside.find('.') != std::string_view::npos;
  if (!scheme && !email) return std::nullopt;
  return std::make_pair(end + 1, inside);
}

// Emphasis: can the run of `length` `c`s at `at` open (or close) an emphasis?
bool can_open(std::string_view text, std::size_t at, std::size_t length, char c) {
  const std::size_t after = at + length;
  if (after >= text.size() || is_white(text[after])) return false;
  if (c == '_' && at > 0 && is_ascii_alphanumeric(text[at - 1])) return false;
  return true;
}

bool can_close(std::string_view text, std::size_t at, std::size_t length, char c) {
  if (at == 0 || is_white(text[at - 1])) return false;
  const std::size_t after = at + length;
  if (c == '_' && after < text.size() && is_ascii_alphanumeric(text[after])) return false;
  return true;
}

void inline_to_text(std::string_view text, std::string& out, int link_depth) {
  std::vector<std::size_t> closers;  // positions of emphasis runs already matched to an opener
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    while (!closers.empty() && closers.back() < i) closers.pop_back();  // passed inside a code span or link
    if (!closers.empty() && closers.back() == i) {
      closers.pop_back();
      i += (c == '~') ? 2 : run_length(text, i, c);
      continue;
    }
    if (c == '\\' && i + 1 < text.size() && is_ascii_punctuation(text[i + 1])) {
      out.push_back(text[i + 1]);
      i += 2;
      continue;
    }
    if (c == '`') {
      const std::size_t ticks = run_length(text, i, '`');
      const std::size_t end = within_reach(text, i).find(std::string(ticks, '`'), i + ticks);
      if (end != std::string_view::npos) {
        std::string_view code = text.substr(i + ticks, end - i - ticks);
        if (code.size() >= 2 && code.front() == ' ' && code.back() == ' ') code = code.substr(1, code.size() - 2);
        out.append(code);
        i = end + ticks;
        continue;
      }
      out.append(ticks, '`');
      i += ticks;
      continue;
    }
    if (c == '!' && i + 1 < text.size() && text[i + 1] == '[') {
      // An image: dropped with its description and address.
      if (const std::optional<std::size_t> label_end = matching_close(text, i + 1, '[', ']')) {
        std::size_t end = *label_end;
        if (end < text.size() && text[end] == '(') {
          if (const std::optional<std::size_t> target_end = matching_close(text, end, '(', ')')) end = *target_end;
        } else if (end < text.size() && text[end] == '[') {
          if (const std::optional<std::size_t> reference_end = matching_close(text, end, '[', ']')) end = *reference_end;
        }
        i = end;
        continue;
      }
    }
    if (c == '[') {
      if (const std::optional<std::size_t> label_end = matching_close(text, i, '[', ']')) {
        const std::string_view label = text.substr(i + 1, *label_end - i - 2);
        std::size_t end = *label_end;
        bool is_link = false;
        if (end < text.size() && text[end] == '(') {
          if (const std::optional<std::size_t> target_end = matching_close(text, end, '(', ')')) {
            end = *target_end;
            is_link = true;
          }
        } else if (end < text.size() && text[end] == '[') {
          if (const std::optional<std::size_t> reference_end = matching_close(text, end, '[', ']')) {
            end = *reference_end;
            is_link = true;
          }
        }
        if (!label.empty() && label[0] == '^') {  // a footnote reference: "[^1]"
          i = end;
          continue;
        }
        if (is_link) {
          if (link_depth < kDeepestNestedLink) {
            inline_to_text(label, out, link_depth + 1);
          } else {
            out.append(label);
          }
          i = end;
          continue;
        }
      }
    }
    if (c == '<') {
      if (const auto autolink = autolink_at(text, i)) {
        out.append(autolink->second);
        i = autolink->first;
        continue;
      }
      if (const std::optional<std::size_t> end = html_tag_end(text, i)) {
        // A line break tag separates words; other tags just go.
        const std::string_view tag = text.substr(i, *end - i);
        if (tag.rfind("<br", 0) == 0 || tag.rfind("<BR", 0) == 0) out.push_back(' ');
        i = *end;
        continue;
      }
    }
    if (c == '&') {
      if (const auto entity = entity_at(text, i)) {
        append_utf8(out, entity->second);
        i = entity->first;
        continue;
      }
    }
    if (c == '*' || c == '_' || (c == '~' && i + 1 < text.size() && text[i + 1] == '~')) {
      const std::size_t length = c == '~' ? run_length(text, i, '~') : run_length(text, i, c);
      if ((c != '~' || length == 2) && length <= 3 && can_open(text, i, length, c)) {
        // The nearest closing run of the same length, before any already-matched closer.
        const std::size_t limit = std::min(closers.empty() ? text.size() : closers.back(), i + kInlineReach);
        std::size_t at = i + length;
        std::optional<std::size_t> closer;
        while (at < limit) {
          at = text.substr(0, limit).find(c, at);
          if (at == std::string_view::npos || at >= limit) break;
          const std::size_t run = run_length(text, at, c);
          if (run == length && can_close(text, at, length, c)) {
            closer = at;
            break;
          }
          at += run;
        }
        if (closer) {
          closers.push_back(*closer);
          i += length;
          continue;
        }
      }
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    out.push_back(c);
    ++i;
  }
}

// Collapses runs of spaces and tabs into one space.
std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

class MarkdownReader {
 public:
  explicit MarkdownReader(Document& document) : document_(document), title_from_front_matter_(!document.title.empty()) {}

  void read(const std::vector<std::string_view>& lines, std::size_t first) {
    bool in_fence = false;
    std::pair<char, std::size_t> fence{'`', 3};  // the open fence's character and length
    for (std::size_t n = first; n < lines.size(); ++n) {
      std::string_view line = lines[n];
      if (in_fence) {
        const std::optional<std::pair<char, std::size_t>> closing = fence_of(line);
        if (closing && closing->first == fence.first && closing->second >= fence.second &&
            is_blank(without_indent(line).substr(closing->second))) {
          in_fence = false;
        } else if (!is_blank(line)) {
          paragraphs_.emplace_back(line);  // code, kept as it stands
        }
        continue;
      }
      line = without_quote_markers(line);
      if (is_blank(line)) {
        flush();
        continue;
      }
      if (const std::optional<std::pair<char, std::size_t>> opening = fence_of(line)) {
        flush();
        in_fence = true;
        fence = *opening;
        continue;
      }
      if (const std::optional<std::string_view> heading = atx_heading(line)) {
        flush();
        add_heading(*heading);
        continue;
      }
      if (!pending_.empty() && !in_list_item_ && is_setext_underline(line)) {
        std::string heading;
        for (const std::string_view part : pending_) heading += (heading.empty() ? "" : " ") + std::string(trim(part));
        pending_.clear();
        add_heading(heading);
        continue;
      }
      if (is_thematic_break(line) || is_link_definition(line) || is_table_delimiter(line)) {
        flush();
        continue;
      }
      if (is_table_row(line)) {
        flush();
        add_paragraph(table_row_text(line));
        continue;
      }
      if (const std::optional<std::string_view> item = list_item(line)) {
        flush();
        in_list_item_ = true;
        if (!item->empty()) pending_.push_back(*item);
        continue;
      }
      pending_.push_back(trim(line));
      // A hard line break ("  " or "\" at the end) ends the line as a paragraph here.
      const bool hard_break = (line.size() >= 2 && line.substr(line.size() - 2) == "  ") || line.back() == '\\';
      if (hard_break) {
        if (pending_.back().back() == '\\') pending_.back().remove_suffix(1);
        flush();
      }
    }
    flush();
  }

  std::string text() const {
    std::string joined;
    for (const std::string& paragraph : paragraphs_) {
      if (!joined.empty()) joined.push_back('\n');
      joined += paragraph;
    }
    return joined;
  }

 private:
  void flush() {
    if (!pending_.empty()) {
      std::string joined;
      for (const std::string_view part : pending_) {
        if (!joined.empty()) joined.push_back(' ');
        joined.append(part);
      }
      add_paragraph(markdown_inline_to_text(joined));
    }
    pending_.clear();
    in_list_item_ = false;
  }

  void add_paragraph(std::string paragraph) {
    const std::string_view trimmed = trim(paragraph);
    if (!trimmed.empty()) paragraphs_.emplace_back(trimmed);
  }

  void add_heading(std::string_view heading) {
    std::string text = markdown_inline_to_text(heading);
    if (trim(text).empty()) return;
    const bool first = !heading_seen_;
    heading_seen_ = true;
    if (document_.title.empty() && !title_from_front_matter_) {
      document_.title = std::string(trim(text));
      return;
    }
    // The front matter's title written again as the first heading is the same title.
    if (first && title_from_front_matter_ && trim(text) == trim(document_.title)) return;
    add_paragraph(std::move(text));
  }

  Document& document_;
  bool title_from_front_matter_;
  bool heading_seen_ = false;
  std::vector<std::string_view> pending_;  // lines of the paragraph being read
  bool in_list_item_ = false;
  std::vector<std::string> paragraphs_;
};

}  // namespace

std::string markdown_inline_to_text(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  inline_to_text(line, out, 0);
  return std::string(trim(collapse_spaces(out)));
}

Document read_markdown(std::string_view utf8_text) {
  Document document;
  const std::vector<std::string_view> lines = split_lines(utf8_text);
  const std::size_t first = read_front_matter(lines, document);
  MarkdownReader reader(document);
  reader.read(lines, first);
  document.text = reader.text();
  return document;
}

}  // namespace loupe::ingest
