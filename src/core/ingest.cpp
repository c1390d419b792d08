// Ingest of plain-text files (see ingest.h).
#include "core/ingest.h"

#include "core/text.h"

namespace loupe {
namespace {

// The first sentence of a paragraph, cut at a word boundary if it is still too long.
std::string title_from_first_sentence(std::string_view paragraph) {
  std::size_t end = paragraph.size();
  for (std::size_t i = 0; i + 1 < paragraph.size(); ++i) {
    const char c = paragraph[i];
    if ((c == '.' || c == '!' || c == '?') && paragraph[i + 1] == ' ') {
      end = i + 1;
      break;
    }
  }
  std::string_view sentence = paragraph.substr(0, end);
  if (sentence.size() <= kLongestTitleLine) return std::string(sentence);
  std::size_t cut = sentence.rfind(' ', kLongestTitleLine);
  if (cut == std::string_view::npos) cut = kLongestTitleLine;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  return std::string(trim(sentence.substr(0, cut))) + "\xE2\x80\xA6";  // "…"
}

}  // namespace

Document document_from_plain_text(std::string id, std::string_view bytes) {
  const std::string text = normalize_line_endings(strip_utf8_bom(bytes));
  std::string_view rest = text;
  // Skip leading blank lines, then take the first line.
  std::string_view first_line;
  while (!rest.empty()) {
    const std::size_t line_end = rest.find('\n');
    const std::string_view line = rest.substr(0, line_end);
    rest = line_end == std::string_view::npos ? std::string_view() : rest.substr(line_end + 1);
    if (!trim(line).empty()) {
      first_line = trim(line);
      break;
    }
  }

  Document document;
  document.id = std::move(id);
  if (first_line.size() <= kLongestTitleLine) {
    document.title = std::string(first_line);
    document.text = std::string(trim(rest));
    document.word_count = count_words(document.title);
  } else {
    document.title = title_from_first_sentence(first_line);
    document.text = std::string(trim(text));
  }
  document.word_count += count_words(document.text);
  return document;
}

std::string document_id_from_path(std::string_view relative_path) {
  std::string id(relative_path);
  for (char& c : id) {
    if (c == '\\') c = '/';
  }
  while (id.rfind("./", 0) == 0) id.erase(0, 2);
  const std::size_t last_slash = id.rfind('/');
  const std::size_t name_start = last_slash == std::string::npos ? 0 : last_slash + 1;
  const std::size_t last_dot = id.rfind('.');
  // A dot that starts the name (".hidden") is not an extension.
  if (last_dot != std::string::npos && last_dot > name_start) {
    id.erase(last_dot);
  }
  return id;
}

}  // namespace loupe
