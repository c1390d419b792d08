// Encoding: turns the bytes of a text file, whatever they are, into UTF-8 with LF line ends, and
// says what it had to repair on the way. UTF-8 (with or without byte order mark), UTF-16 and
// UTF-32 with a byte order mark, UTF-16 without one (guessed from its NUL bytes), and bytes that
// are not valid UTF-8 (read as Windows-1252). Line ends become LF; NUL and the other C0 control
// characters but tab are dropped (form feed and vertical tab become line breaks). Binary files
// are recognised and refused. Text is never dropped silently: every repair is counted in a warning.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace loupe::ingest {

struct DecodedText {
  std::string text;                   // UTF-8, LF line ends, no byte order mark, no C0 control but tab and LF
  std::string encoding;               // what the bytes were read as: "UTF-8", "UTF-16 LE", "Windows-1252", ...
  std::vector<std::string> warnings;  // repairs and guesses, in words ("1 byte not valid UTF-8, read as Windows-1252")
  std::size_t repaired_bytes = 0;     // bytes that were not valid in the encoding and were read another way
  std::string error;                  // set when the bytes are not text at all ("binary file (PNG image)")
};

// How much of the start of a file the binary checks look at.
inline constexpr std::size_t kBinarySniffBytes = 4096;

// Decodes the bytes of a text file to UTF-8 (see the top of this file). Never fails on text;
// `error` is set only for binary content, and then `text` is empty.
DecodedText decode_to_utf8(std::string_view bytes);

// The last step of decoding on its own, for text that is UTF-8 already (a JSON string): LF line
// ends, form feeds and vertical tabs as line breaks, other C0 control characters dropped and
// counted in a warning appended to `warnings`.
std::string normalize_line_ends_and_controls(std::string_view utf8, std::vector<std::string>& warnings);

// Appends the UTF-8 encoding of a code point (U+FFFD for one that is not a Unicode scalar value).
void append_utf8(std::string& out, char32_t code_point);

// The character a Windows-1252 byte stands for (Latin-1 for the five bytes Windows-1252 leaves
// undefined: 0x81, 0x8D, 0x8F, 0x90, 0x9D).
char32_t windows_1252_to_unicode(unsigned char byte);

}  // namespace loupe::ingest
