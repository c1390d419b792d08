// Tests of decoding file bytes to UTF-8 (core/ingest/encoding.h): the seeds and BBC articles
// re-encoded the ways real files come (byte order marks, UTF-16, CRLF, Windows-1252, stray
// control bytes), and binary files that must be refused.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "core/ingest/encoding.h"
#include "core/text/unicode.h"
#include "fixtures.h"

using namespace loupe;
using namespace loupe::ingest;

namespace {

// The seed text as decoding should give it back: what the file holds, already UTF-8 with LF.
std::string seed(int n) { return test::read_repo_file(test::kSeedFiles[n]); }

// UTF-16 bytes of UTF-8 text (code points read by the core's Unicode module, not by the code under test).
std::string to_utf16(std::string_view utf8, bool little_endian) {
  std::string bytes;
  const auto put = [&](std::uint32_t unit) {
    const auto high = static_cast<char>(unit >> 8);
    const auto low = static_cast<char>(unit & 0xFF);
    bytes += little_endian ? std::string{low, high} : std::string{high, low};
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const std::uint32_t code_point = text::next_code_point(utf8, i);
    if (code_point >= 0x10000) {
      put(0xD800 + ((code_point - 0x10000) >> 10));
      put(0xDC00 + ((code_point - 0x10000) & 0x3FF));
    } else {
      put(code_point);
    }
  }
  return bytes;
}

// Windows-1252 bytes of UTF-8 text that uses only ASCII and the punctuation of the seeds
// (code page table: – 0x96, — 0x97, … 0x85, ’ 0x92, © 0xA9).
std::string to_windows_1252(std::string_view utf8) {
  std::string bytes;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::uint32_t code_point = text::next_code_point(utf8, i);
    switch (code_point) {
      case 0x2013: bytes += '\x96'; break;
      case 0x2014: bytes += '\x97'; break;
      case 0x2026: bytes += '\x85'; break;
      case 0x2019: bytes += '\x92'; break;
      default:
        REQUIRE(code_point < 0x100);
        bytes += static_cast<char>(code_point);
    }
  }
  return bytes;
}

std::string with_crlf(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("a UTF-8 seed article decodes to itself with no warning") {
  const DecodedText decoded = decode_to_utf8(seed(2));
  CHECK(decoded.error.empty());
  CHECK(decoded.encoding == "UTF-8");
  CHECK(decoded.warnings.empty());
  CHECK(decoded.text == seed(2));
}

TEST_CASE("a UTF-8 byte order mark is dropped and the text kept") {
  const DecodedText decoded = decode_to_utf8("\xEF\xBB\xBF" + seed(0));
  CHECK(decoded.warnings.empty());
  CHECK(decoded.text == seed(0));
}

TEST_CASE("CRLF line ends become LF") {
  const std::string original = seed(3);
  REQUIRE(original.find('\r') == std::string::npos);
  const DecodedText decoded = decode_to_utf8(with_crlf(original));
  CHECK(decoded.warnings.empty());
  CHECK(decoded.text == original);
}

TEST_CASE("lone CR line ends (old Mac files) become LF") {
  std::string old_mac = seed(1);
  for (char& c : old_mac) {
    if (c == '\n') c = '\r';
  }
  CHECK(decode_to_utf8(old_mac).text == seed(1));
}

TEST_CASE("UTF-16 LE with a byte order mark decodes to the UTF-8 original") {
  const DecodedText decoded = decode_to_utf8("\xFF\xFE" + to_utf16(seed(2), true));
  CHECK(decoded.error.empty());
  CHECK(decoded.encoding == "UTF-16 LE");
  CHECK(decoded.warnings.empty());
  CHECK(decoded.text == seed(2));
}

TEST_CASE("UTF-16 BE with a byte order mark decodes to the UTF-8 original") {
  const DecodedText decoded = decode_to_utf8("\xFE\xFF" + to_utf16(seed(2), false));
  CHECK(decoded.encoding == "UTF-16 BE");
  CHECK(decoded.warnings.empty());
  CHECK(decoded.text == seed(2));
}

TEST_CASE("UTF-16 LE with CRLF line ends decodes to LF text") {
  const DecodedText decoded = decode_to_utf8("\xFF\xFE" + to_utf16(with_crlf(seed(0)), true));
  CHECK(decoded.text == seed(0));
}

TEST_CASE("UTF-16 LE without a byte order mark is recognised by its NUL bytes, with a warning") {
  const DecodedText decoded = decode_to_utf8(to_utf16(seed(3), true));
  CHECK(decoded.error.empty());
  CHECK(decoded.encoding == "UTF-16 LE");
  CHECK(decoded.text == seed(3));
  REQUIRE(decoded.warnings.size() == 1);
  CHECK(decoded.warnings[0].find("no byte order mark") != std::string::npos);
}

TEST_CASE("UTF-16 BE without a byte order mark is recognised by its NUL bytes") {
  const DecodedText decoded = decode_to_utf8(to_utf16(seed(1), false));
  CHECK(decoded.encoding == "UTF-16 BE");
  CHECK(decoded.text == seed(1));
}

TEST_CASE("a UTF-16 surrogate pair becomes one four-byte UTF-8 character") {
  const std::string headline = "Emoji \xF0\x9F\x98\x80 in a headline";  // U+1F600
  const DecodedText decoded = decode_to_utf8("\xFF\xFE" + to_utf16(headline, true));
  CHECK(decoded.warnings.empty());
  CHECK(decoded.text == headline);
}

TEST_CASE("a lone UTF-16 surrogate becomes U+FFFD with a warning") {
  std::string bytes = "\xFF\xFE" + to_utf16("Before ", true);
  bytes += std::string("\x00\xD8", 2);  // a high surrogate with no low one after it
  bytes += to_utf16(" after", true);
  const DecodedText decoded = decode_to_utf8(bytes);
  CHECK(decoded.text == "Before \xEF\xBF\xBD after");
  REQUIRE(decoded.warnings.size() == 1);
  CHECK(decoded.warnings[0].find("1 code unit not valid UTF-16") == 0);
}

TEST_CASE("UTF-16 with an odd number of bytes keeps the text and says what was left over") {
  const std::string bytes = "\xFF\xFE" + to_utf16("Headline", true) + "x";
  const DecodedText decoded = decode_to_utf8(bytes);
  CHECK(decoded.text == "Headline\xEF\xBF\xBD");
  REQUIRE(decoded.warnings.size() == 1);
  CHECK(decoded.warnings[0].find("1 stray byte at the end") == 0);
}

TEST_CASE("a BBC article with one Latin-1 pound byte has it read as a pound sign") {
  if (!test::bbc_available()) {
    MESSAGE("skipped: no BBC corpus at " << test::bbc_folder());
    return;
  }
  const std::string bytes = test::read_bbc_file("sport/199.txt");
  REQUIRE(bytes.find("a \xA3" "15.8m signing") != std::string::npos);
  const DecodedText decoded = decode_to_utf8(bytes);
  CHECK(decoded.error.empty());
  CHECK(decoded.text.find("a \xC2\xA3" "15.8m signing") != std::string::npos);
  CHECK(decoded.repaired_bytes == 1);
  REQUIRE(decoded.warnings.size() == 1);
  CHECK(decoded.warnings[0] == "1 byte not valid UTF-8, read as Windows-1252");
  // Everything else is as it was: the only change is the one byte.
  std::string expected = bytes;
  expected.replace(expected.find('\xA3'), 1, "\xC2\xA3");
  CHECK(decoded.text == expected);
}

TEST_CASE("a Windows-1252 article with no UTF-8 in it reads back as the original") {
  const std::string bytes = to_windows_1252(seed(2));
  const DecodedText decoded = decode_to_utf8(bytes);
  CHECK(decoded.text == seed(2));
  REQUIRE(decoded.warnings.size() == 1);
  CHECK(decoded.warnings[0] == "8 bytes not valid UTF-8, read as Windows-1252");
}

TEST_CASE("a file that is mostly not UTF-8 is read wholly as Windows-1252, even where two bytes happen to form UTF-8") {
  // "Â©" written in Windows-1252 is C2 A9, which is also the UTF-8 for "©"; with eight bytes of
  // Windows-1252 punctuation around it, the file is Windows-1252 and C2 A9 means "Â©".
  const std::string original = seed(2) + "\nCopyright mark garbled by an earlier system: \xC3\x82\xC2\xA9\n";
  const DecodedText decoded = decode_to_utf8(to_windows_1252(original));
  CHECK(decoded.encoding == "Windows-1252");
  CHECK(decoded.text == original);
  REQUIRE(decoded.warnings.size() == 1);
  CHECK(decoded.warnings[0].find("the whole file is read as Windows-1252") != std::string::npos);
}

TEST_CASE("a legacy 8-bit text with no control bytes is read with a warning, not refused as binary") {
  // A Russian news sentence in Windows-1251: mostly high bytes, none valid UTF-8. Loupe does not
  // guess code pages; it keeps every byte as a character and says how it read them.
  const std::string cyrillic =
      "\xCF\xF0\xE5\xE7\xE8\xE4\xE5\xED\xF2 \xD0\xEE\xF1\xF1\xE8\xE8 \xE7\xE0\xFF\xE2\xE8\xEB, \xF7\xF2\xEE "
      "\xEF\xE5\xF0\xE5\xE3\xEE\xE2\xEE\xF0\xFB \xEF\xF0\xEE\xE4\xEE\xEB\xE6\xE0\xF2\xF1\xFF \xE2 \xCC\xEE\xF1\xEA\xE2\xE5 "
      "\xED\xE0 \xF1\xEB\xE5\xE4\xF3\xFE\xF9\xE5\xE9 \xED\xE5\xE4\xE5\xEB\xE5.";
  const DecodedText decoded = decode_to_utf8(cyrillic);
  CHECK(decoded.error.empty());
  std::size_t characters = 0;
  for (std::size_t i = 0; i < decoded.text.size(); ++characters) text::next_code_point(decoded.text, i);
  CHECK(characters == cyrillic.size());
  REQUIRE(decoded.warnings.size() == 1);
  CHECK(decoded.warnings[0].find("read as Windows-1252") != std::string::npos);
}

TEST_CASE("Windows-1252's punctuation bytes map to their characters, its undefined ones to Latin-1") {
  CHECK(windows_1252_to_unicode(0x80) == U'\u20AC');  // €
  CHECK(windows_1252_to_unicode(0x92) == U'\u2019');  // ’
  CHECK(windows_1252_to_unicode(0x9F) == U'\u0178');  // Ÿ
  CHECK(windows_1252_to_unicode(0x81) == U'\u0081');
  CHECK(windows_1252_to_unicode(0xA3) == U'\u00A3');  // £
  CHECK(windows_1252_to_unicode('A') == U'A');
}

TEST_CASE("NUL bytes and control characters inside a text are dropped and counted") {
  std::string bytes = seed(0);
  bytes.insert(200, std::string("\x00\x00", 2));
  bytes.insert(100, "\x07");  // BEL
  const DecodedText decoded = decode_to_utf8(bytes);
  CHECK(decoded.error.empty());
  CHECK(decoded.text == seed(0));
  REQUIRE(decoded.warnings.size() == 1);
  CHECK(decoded.warnings[0] == "2 NUL bytes and 1 control character dropped");
}

TEST_CASE("a form feed between pages becomes a line break, not glued words") {
  const DecodedText decoded = decode_to_utf8("End of page one.\fStart of page two.");
  CHECK(decoded.text == "End of page one.\nStart of page two.");
  CHECK(decoded.warnings.empty());
}

TEST_CASE("an empty input decodes to empty text with no warning") {
  const DecodedText decoded = decode_to_utf8("");
  CHECK(decoded.error.empty());
  CHECK(decoded.text.empty());
  CHECK(decoded.warnings.empty());
}

TEST_CASE("a file of nothing but NUL bytes is binary") {
  const DecodedText decoded = decode_to_utf8(std::string(4096, '\0'));
  CHECK(decoded.error.find("binary file") == 0);
  CHECK(decoded.text.empty());
}

TEST_CASE("a PNG image is binary, named by its signature") {
  const std::string png("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x02\x80\x00\x00\x01\xE0\x08\x06\x00\x00\x00", 29);
  CHECK(decode_to_utf8(png).error == "binary file (PNG image), not text");
}

TEST_CASE("a PDF document is binary, named by its signature") {
  CHECK(decode_to_utf8("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\n").error == "binary file (PDF document), not text");
}

TEST_CASE("a ZIP archive (or .docx) is binary, named by its signature") {
  const std::string zip("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", 14);
  CHECK(decode_to_utf8(zip + "[Content_Types].xml").error == "binary file (ZIP archive or office document), not text");
}

TEST_CASE("binary data without a known signature is recognised by its NUL and control bytes") {
  // A table of little-endian 32-bit integers, as a program would dump it.
  std::string table;
  for (std::uint32_t value = 1; value <= 512; ++value) {
    for (int shift = 0; shift < 32; shift += 8) table += static_cast<char>((value >> shift) & 0xFF);
  }
  const DecodedText decoded = decode_to_utf8(table);
  CHECK(decoded.error.find("binary file") == 0);
}

TEST_CASE("compressed data without a known signature is binary") {
  std::string noise;
  std::uint32_t state = 12345;
  for (int i = 0; i < 4096; ++i) {
    state = state * 1103515245u + 12345u;
    noise += static_cast<char>((state >> 16) & 0xFF);
  }
  CHECK(decode_to_utf8(noise).error.find("binary file") == 0);
}

TEST_CASE("UTF-32 LE with a byte order mark decodes to the UTF-8 original") {
  const std::string original = seed(0);
  std::string bytes("\xFF\xFE\x00\x00", 4);
  for (std::size_t i = 0; i < original.size();) {
    const std::uint32_t code_point = text::next_code_point(original, i);
    for (int shift = 0; shift < 32; shift += 8) bytes += static_cast<char>((code_point >> shift) & 0xFF);
  }
  const DecodedText decoded = decode_to_utf8(bytes);
  CHECK(decoded.encoding == "UTF-32 LE");
  CHECK(decoded.text == original);
}
