// Decoding the bytes of a text file to UTF-8 (see encoding.h).
//
// In order: known binary signatures; byte order marks (UTF-8, UTF-32, UTF-16); UTF-16 without a
// byte order mark, when nearly every other byte is NUL; a binary check on the first 4 KB (many
// control bytes, or some among bytes that are neither text nor UTF-8); then UTF-8, whose invalid
// bytes are read as Windows-1252 one by one when the file is mostly valid UTF-8, or the whole
// file as Windows-1252 when it is mostly not. Last, line ends become LF (form feeds and vertical tabs, page and line
// breaks, too) and the other control characters are dropped (counted).
#include "core/ingest/encoding.h"

#include <array>
#include <optional>

namespace loupe::ingest {
namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

std::string count_of(std::size_t count, std::string_view singular, std::string_view plural) {
  return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

// Signatures of common binary formats, by their first bytes.
struct BinarySignature {
  std::string_view prefix;
  std::string_view name;
};
constexpr std::array kBinarySignatures = {
    BinarySignature{std::string_view("\x89PNG\r\n\x1A\n", 8), "PNG image"},
    BinarySignature{"%PDF-", "PDF document"},
    BinarySignature{std::string_view("PK\x03\x04", 4), "ZIP archive or office document"},
    BinarySignature{std::string_view("PK\x05\x06", 4), "ZIP archive"},
    BinarySignature{std::string_view("\x1F\x8B", 2), "gzip archive"},
    BinarySignature{std::string_view("\xFF\xD8\xFF", 3), "JPEG image"},
    BinarySignature{"GIF87a", "GIF image"},
    BinarySignature{"GIF89a", "GIF image"},
    BinarySignature{std::string_view("\x7F" "ELF", 4), "executable"},
    BinarySignature{std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "Microsoft Office document"},
    BinarySignature{std::string_view("7z\xBC\xAF\x27\x1C", 6), "7-Zip archive"},
    BinarySignature{std::string_view("Rar!\x1A\x07", 6), "RAR archive"},
    BinarySignature{std::string_view("\xFD" "7zXZ\x00", 6), "xz archive"},
    BinarySignature{std::string_view("\x28\xB5\x2F\xFD", 4), "Zstandard archive"},
    BinarySignature{std::string_view("\x00" "asm", 4), "WebAssembly module"},
    BinarySignature{std::string_view("SQLite format 3\x00", 16), "SQLite database"},
    BinarySignature{"OggS", "Ogg media"},
    BinarySignature{"fLaC", "FLAC audio"},
    BinarySignature{"wOFF", "web font"},
    BinarySignature{"wOF2", "web font"},
    BinarySignature{std::string_view("\xCA\xFE\xBA\xBE", 4), "Java class or executable"},
    BinarySignature{std::string_view("\xCF\xFA\xED\xFE", 4), "executable"},
    BinarySignature{std::string_view("II*\x00", 4), "TIFF image"},
    BinarySignature{std::string_view("MM\x00*", 4), "TIFF image"},
};

std::optional<std::string_view> binary_signature(std::string_view bytes) {
  for (const BinarySignature& signature : kBinarySignatures) {
    if (bytes.substr(0, signature.prefix.size()) == signature.prefix) return signature.name;
  }
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF") {
    const std::string_view kind = bytes.substr(8, 4);
    if (kind == "WEBP") return "WebP image";
    if (kind == "WAVE") return "WAV audio";
    if (kind == "AVI ") return "AVI video";
  }
  if (bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp") return "MP4 or QuickTime media";
  if (bytes.size() >= 4 && bytes.substr(0, 3) == "ID3" && static_cast<unsigned char>(bytes[3]) < 0x0A) return "MP3 audio";
  if (bytes.size() >= 10 && bytes.substr(0, 3) == "BZh" && bytes[3] >= '1' && bytes[3] <= '9' &&
      bytes.substr(4, 6) == "1AY&SY") {
    return "bzip2 archive";
  }
  return std::nullopt;
}

// Length of the valid UTF-8 sequence at bytes[i] (1 to 4), or 0 when the byte there does not
// start one (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, cut short).
std::size_t valid_utf8_length(std::string_view bytes, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[i + k]); };
  const auto in = [](unsigned char value, unsigned char low, unsigned char high) { return value >= low && value <= high; };
  const unsigned char lead = byte(0);
  const std::size_t left = bytes.size() - i;
  if (lead < 0x80) return 1;
  if (in(lead, 0xC2, 0xDF)) return left >= 2 && in(byte(1), 0x80, 0xBF) ? 2 : 0;
  if (in(lead, 0xE0, 0xEF)) {
    if (left < 3) return 0;
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    return in(byte(1), low, high) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(lead, 0xF0, 0xF4)) {
    if (left < 4) return 0;
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return in(byte(1), low, high) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

struct Utf8Census {
  std::size_t invalid_bytes = 0;
  std::size_t valid_sequences = 0;  // of two bytes or more
  std::size_t non_ascii_bytes = 0;
};

// Counts, in bytes[0, end), the bytes that are not valid UTF-8 and the valid multi-byte
// sequences. With `cut_at_end`, a sequence cut short by `end` counts as valid (a sample's edge).
Utf8Census utf8_census(std::string_view bytes, bool cut_at_end) {
  Utf8Census census;
  for (std::size_t i = 0; i < bytes.size();) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = valid_utf8_length(bytes, i);
    if (length == 0 && cut_at_end && bytes.size() - i < 4) break;
    if (length == 0) {
      ++census.invalid_bytes;
      ++census.non_ascii_bytes;
      ++i;
    } else {
      ++census.valid_sequences;
      census.non_ascii_bytes += length;
      i += length;
    }
  }
  return census;
}

bool is_dropped_control(unsigned char c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v';
}

// The binary check on the first bytes of a file that has no byte order mark: many control bytes,
// or mostly bytes that are neither printable ASCII nor valid UTF-8. Returns why it is binary.
std::optional<std::string> binary_by_content(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kBinarySniffBytes);
  std::size_t controls = 0;
  std::size_t nuls = 0;
  std::size_t printable = 0;
  for (const char c : sample) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0) ++nuls;
    if (is_dropped_control(byte)) {
      ++controls;
    } else if (byte < 0x80) {
      ++printable;
    }
  }
  if (controls * 10 >= sample.size()) {
    if (nuls == sample.size()) return "binary file (nothing but NUL bytes)";
    return "binary file (" + std::to_string(controls) + " of its first " + std::to_string(sample.size()) +
           " bytes are NUL or control bytes)";
  }
  // Text in a legacy 8-bit code page (Cyrillic in Windows-1251, say) is mostly high bytes too,
  // but has no control bytes; compressed or encrypted data has about one in ten.
  const Utf8Census census = utf8_census(sample, sample.size() < bytes.size());
  if (controls * 100 >= sample.size() && printable * 2 < sample.size() && census.invalid_bytes > census.valid_sequences) {
    return "binary file (most of its first " + std::to_string(sample.size()) + " bytes are neither text nor UTF-8)";
  }
  return std::nullopt;
}

enum class ByteOrder { Little, Big };

// UTF-16 without a byte order mark: text in a Latin script has a NUL in every other byte.
std::optional<ByteOrder> guess_utf16_without_bom(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kBinarySniffBytes & ~std::size_t{1});
  const std::size_t pairs = sample.size() / 2;
  if (pairs < 2) return std::nullopt;
  std::size_t even_nuls = 0;
  std::size_t odd_nuls = 0;
  for (std::size_t i = 0; i + 1 < sample.size(); i += 2) {
    if (sample[i] == '\0') ++even_nuls;
    if (sample[i + 1] == '\0') ++odd_nuls;
  }
  if (odd_nuls * 10 >= pairs * 6 && even_nuls * 10 <= pairs) return ByteOrder::Little;
  if (even_nuls * 10 >= pairs * 6 && odd_nuls * 10 <= pairs) return ByteOrder::Big;
  return std::nullopt;
}

struct WideDecode {
  std::string utf8;
  std::size_t invalid_units = 0;  // lone surrogates, values past U+10FFFF
  std::size_t stray_bytes = 0;    // bytes left at the end that make no whole code unit
};

WideDecode decode_utf16(std::string_view bytes, ByteOrder order) {
  WideDecode result;
  result.utf8.reserve(bytes.size());
  const auto unit_at = [&](std::size_t i) {
    const auto first = static_cast<unsigned char>(bytes[i]);
    const auto second = static_cast<unsigned char>(bytes[i + 1]);
    return order == ByteOrder::Little ? static_cast<char32_t>(first | (second << 8))
                                      : static_cast<char32_t>((first << 8) | second);
  };
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    const char32_t unit = unit_at(i);
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t next = unit_at(i + 2);
      if (next >= 0xDC00 && next <= 0xDFFF) {
        append_utf8(result.utf8, 0x10000 + ((unit - 0xD800) << 10) + (next - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      ++result.invalid_units;
      append_utf8(result.utf8, kReplacementCharacter);
      continue;
    }
    append_utf8(result.utf8, unit);
  }
  if (i < bytes.size()) {
    result.stray_bytes = bytes.size() - i;
    append_utf8(result.utf8, kReplacementCharacter);
  }
  return result;
}

WideDecode decode_utf32(std::string_view bytes, ByteOrder order) {
  WideDecode result;
  result.utf8.reserve(bytes.size());
  std::size_t i = 0;
  for (; i + 3 < bytes.size(); i += 4) {
    char32_t value = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const auto byte = static_cast<unsigned char>(bytes[order == ByteOrder::Little ? i + 3 - k : i + k]);
      value = (value << 8) | byte;
    }
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      ++result.invalid_units;
      value = kReplacementCharacter;
    }
    append_utf8(result.utf8, value);
  }
  if (i < bytes.size()) {
    result.stray_bytes = bytes.size() - i;
    append_utf8(result.utf8, kReplacementCharacter);
  }
  return result;
}

void add_wide_warnings(const WideDecode& decoded, std::string_view encoding, DecodedText& result) {
  if (decoded.invalid_units > 0) {
    result.warnings.push_back(count_of(decoded.invalid_units, "code unit", "code units") + " not valid " +
                              std::string(encoding) + ", replaced with U+FFFD");
    result.repaired_bytes += decoded.invalid_units;
  }
  if (decoded.stray_bytes > 0) {
    result.warnings.push_back(count_of(decoded.stray_bytes, "stray byte", "stray bytes") + " at the end (" +
                              std::string(encoding) + " comes in whole code units), replaced with U+FFFD");
    result.repaired_bytes += decoded.stray_bytes;
  }
}

// After UTF-16 or UTF-32 decoding: many control characters mean binary data behind a byte order mark.
bool mostly_controls(std::string_view utf8) {
  const std::string_view sample = utf8.substr(0, kBinarySniffBytes);
  std::size_t controls = 0;
  for (const char c : sample) {
    if (is_dropped_control(static_cast<unsigned char>(c))) ++controls;
  }
  return !sample.empty() && controls * 10 >= sample.size();
}

// UTF-8 from bytes that are mostly UTF-8: each byte that is not part of a valid sequence is read as Windows-1252.
std::string repair_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + 16);
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t length = valid_utf8_length(bytes, i);
    if (length == 0) {
      append_utf8(out, windows_1252_to_unicode(static_cast<unsigned char>(bytes[i])));
      ++i;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string decode_windows_1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (const char c : bytes) append_utf8(out, windows_1252_to_unicode(static_cast<unsigned char>(c)));
  return out;
}

// Last step for every encoding: LF line ends (CRLF, CR; form feed and vertical tab become line
// breaks too), and the other C0 control characters dropped and counted.
void finish(std::string_view utf8, DecodedText& result) {
  std::string& out = result.text;
  out.clear();
  out.reserve(utf8.size());
  std::size_t nuls = 0;
  std::size_t controls = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    // Runs of bytes kept as they are (all but control bytes other than tab and newline) are
    // copied at once.
    std::size_t run_end = i;
    while (run_end < utf8.size() && (static_cast<unsigned char>(utf8[run_end]) >= 0x20 || utf8[run_end] == '\n' || utf8[run_end] == '\t')) ++run_end;
    out.append(utf8, i, run_end - i);
    i = run_end;
    if (i == utf8.size()) break;
    const char c = utf8[i];
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < utf8.size() && utf8[i + 1] == '\n') ++i;
    } else if (c == '\f' || c == '\v') {
      out.push_back('\n');
    } else if (c == '\0') {
      ++nuls;
    } else if (is_dropped_control(static_cast<unsigned char>(c))) {
      ++controls;
    } else {
      out.push_back(c);
    }
  }
  if (nuls > 0 && controls > 0) {
    result.warnings.push_back(count_of(nuls, "NUL byte", "NUL bytes") + " and " +
                              count_of(controls, "control character", "control characters") + " dropped");
  } else if (nuls > 0) {
    result.warnings.push_back(count_of(nuls, "NUL byte", "NUL bytes") + " dropped");
  } else if (controls > 0) {
    result.warnings.push_back(count_of(controls, "control character", "control characters") + " dropped");
  }
}

}  // namespace

std::string normalize_line_ends_and_controls(std::string_view utf8, std::vector<std::string>& warnings) {
  DecodedText result;
  finish(utf8, result);
  warnings.insert(warnings.end(), result.warnings.begin(), result.warnings.end());
  return std::move(result.text);
}

void append_utf8(std::string& out, char32_t code_point) {
  if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) code_point = kReplacementCharacter;
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

char32_t windows_1252_to_unicode(unsigned char byte) {
  // 0x80-0x9F; 0 marks the five bytes Windows-1252 leaves undefined (read as Latin-1).
  static constexpr char32_t kHigh[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
  };
  if (byte >= 0x80 && byte <= 0x9F && kHigh[byte - 0x80] != 0) return kHigh[byte - 0x80];
  return byte;
}

DecodedText decode_to_utf8(std::string_view bytes) {
  DecodedText result;
  result.encoding = "UTF-8";
  if (bytes.empty()) return result;

  if (const std::optional<std::string_view> kind = binary_signature(bytes)) {
    result.error = "binary file (" + std::string(*kind) + "), not text";
    return result;
  }

  // Byte order marks. UTF-32 LE's (FF FE 00 00) starts like UTF-16 LE's, so it is tested first.
  std::optional<ByteOrder> utf32;
  std::optional<ByteOrder> utf16;
  std::size_t bom_size = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
  } else if (bytes.substr(0, 4) == std::string_view("\xFF\xFE\x00\x00", 4)) {
    utf32 = ByteOrder::Little;
    bom_size = 4;
  } else if (bytes.substr(0, 4) == std::string_view("\x00\x00\xFE\xFF", 4)) {
    utf32 = ByteOrder::Big;
    bom_size = 4;
  } else if (bytes.substr(0, 2) == "\xFF\xFE") {
    utf16 = ByteOrder::Little;
    bom_size = 2;
  } else if (bytes.substr(0, 2) == "\xFE\xFF") {
    utf16 = ByteOrder::Big;
    bom_size = 2;
  } else if ((utf16 = guess_utf16_without_bom(bytes))) {
    result.warnings.push_back(std::string("no byte order mark: read as UTF-16 ") +
                              (*utf16 == ByteOrder::Little ? "LE" : "BE") + ", guessed from its NUL bytes");
  }

  if (utf16 || utf32) {
    const bool little = (utf16 ? *utf16 : *utf32) == ByteOrder::Little;
    result.encoding = std::string(utf16 ? "UTF-16 " : "UTF-32 ") + (little ? "LE" : "BE");
    const std::string_view body = bytes.substr(bom_size);
    const WideDecode decoded = utf16 ? decode_utf16(body, *utf16) : decode_utf32(body, *utf32);
    if (mostly_controls(decoded.utf8)) {
      result.warnings.clear();
      result.error = "binary file (mostly control characters when read as " + result.encoding + ")";
      return result;
    }
    add_wide_warnings(decoded, utf16 ? "UTF-16" : "UTF-32", result);
    finish(decoded.utf8, result);
    return result;
  }

  if (std::optional<std::string> binary = binary_by_content(bytes)) {
    result.error = std::move(*binary);
    return result;
  }

  const Utf8Census census = utf8_census(bytes, false);
  if (census.invalid_bytes == 0) {
    finish(bytes, result);
  } else if (census.valid_sequences == 0 || census.valid_sequences >= census.invalid_bytes) {
    // Mostly UTF-8 (or no multi-byte sequence at all, where reading the stray bytes as Windows-1252
    // one by one and reading the whole file that way give the same text).
    result.warnings.push_back(count_of(census.invalid_bytes, "byte", "bytes") + " not valid UTF-8, read as Windows-1252");
    result.repaired_bytes = census.invalid_bytes;
    finish(repair_utf8(bytes), result);
  } else {
    result.encoding = "Windows-1252";
    result.warnings.push_back("not UTF-8 (" + count_of(census.invalid_bytes, "byte is", "bytes are") +
                              " not valid UTF-8, only " + count_of(census.valid_sequences, "sequence is", "sequences are") +
                              "): the whole file is read as Windows-1252");
    result.repaired_bytes = census.non_ascii_bytes;
    finish(decode_windows_1252(bytes), result);
  }
  return result;
}

}  // namespace loupe::ingest
