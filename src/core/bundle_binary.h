// The binary bundle: the same corpus as the JSON bundle (bundle.h), laid out so that loading is
// checking sizes and copying bytes, with no text to parse. `loupe build --format binary` writes
// it; the page, the desktop app and the CLI read either kind through read_any_bundle. The JSON
// bundle stays the interchange and export format.
//
// Layout (all numbers little-endian, fixed width; offsets are bytes from the start of the file):
//   header, 40 bytes:
//     magic     8 bytes  89 4C 4F 55 50 45 0D 0A   ("\x89LOUPE\r\n": not text, and a transfer that
//                                                 rewrites line ends breaks it visibly)
//     version   u32      1
//     sections  u32      how many entries the section table has
//     size      u64      the file's size in bytes (a truncated file is refused before anything else)
//     checksum  u64      of every byte after the header (see binary_bundle_checksum)
//     reserved  u64      0
//   section table: `sections` entries of 24 bytes: id u32, reserved u32 (0), offset u64, length u64
//   sections, each once, in any order, inside the file and past the table:
//     1 strings    every string's UTF-8 bytes, back to back; a string is (offset u32, length u32) into it
//     2 corpus     name, rates date, rates source (3 strings)
//     3 documents  per document, 80 bytes: id, title, text, date, url, source, author (7 strings),
//                  words u64, first warning u32, warnings u32, first removed u32, removed u32
//     4 warnings   one string each
//     5 removed    text, reason (2 strings)
//     6 entities   per entity, 40 bytes: id, name, type (3 strings), first alias u32, aliases u32,
//                  first mention u32, mentions u32
//     7 aliases    one string each
//     8 mentions   document u32 (its position), start u32, end u32 (byte offsets into its text)
//     9 quotes     document, start, end, speaker u32 (entity position + 1, 0 for none),
//                  speaker name, role (2 strings): 32 bytes
//    10 money      document, start, end, subject u32 (entity position + 1, 0 for none),
//                  currency (1 string), min, max, usd min, usd max (f64), flags u32
//                  (1: usd min given, 2: usd max given), reserved u32: 64 bytes
//    11 index      the search index of the texts: its version u32 (search::Index::kStoredVersion),
//                  then search::Index::encode()'s bytes (see core/search/index.cpp). Read into
//                  Corpus::stored_index, which the explorer's index takes instead of tokenizing
//                  the text again; an index of another version is skipped (the text is indexed on
//                  load, as for a JSON bundle).
// Sections 1-3 are required, the others optional (a corpus without extraction). Reading checks
// everything the JSON reader does (ids non-empty and unique, entity types, every span inside its
// document's text, every reference to a document or entity), plus every offset, length, count and
// record index, UTF-8 in every string and finite numbers, and every id, position and offset of
// the index; a bad file is refused with a message
// naming the place ("documents[2].text: string 100..5000 lies outside the strings section (4000
// bytes)"), never with undefined behaviour. A writer's strings section is limited to 4 GiB.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bundle.h"
#include "core/corpus.h"

namespace loupe {

inline constexpr std::string_view kBinaryBundleMagic{"\x89LOUPE\r\n", 8};
inline constexpr std::uint32_t kBinaryBundleVersion = 1;
inline constexpr std::size_t kBinaryBundleHeaderSize = 40;

struct BinaryBundleWriteResult {
  std::string bytes;  // the bundle, empty on failure
  std::string error;  // set on failure (a corpus whose strings exceed 4 GiB, a quote naming no entity)
};

// The index stored is `index_of_text` when given (an index built from this corpus's text, such as
// the explorer's, saving a second build), else the corpus's stored index when it is still of its
// text, else one built here.
BinaryBundleWriteResult write_binary_bundle(const Corpus& corpus, const search::Index* index_of_text = nullptr);
// The same with the index given already encoded (search::Index::encode() of an index of this
// corpus's text): `loupe build` encodes it on the thread that built it, beside the extraction.
BinaryBundleWriteResult write_binary_bundle_with_encoded_index(const Corpus& corpus, std::string_view encoded_index);

// The bundle as pieces whose concatenation is its bytes, for a writer that writes them one after
// another (`loupe build`): the documents' texts and the encoded index are viewed in place, not
// copied into one string of the bundle's size, so `corpus` and `encoded_index` must outlive it.
struct BinaryBundlePieces {
  BinaryBundlePieces() = default;
  BinaryBundlePieces(BinaryBundlePieces&&) = default;  // (a copy's views would point into this one's bytes)
  BinaryBundlePieces& operator=(BinaryBundlePieces&&) = default;
  std::vector<std::string_view> pieces;  // in order: the header with the section table, then the sections
  std::uint64_t size = 0;                // the sum of the pieces' sizes
  std::vector<std::string> owned;        // the pieces' bytes that are not the corpus's (made room for once: they never move)
  std::string error;                     // as BinaryBundleWriteResult's; then there are no pieces
};
BinaryBundlePieces binary_bundle_pieces(const Corpus& corpus, std::string_view encoded_index);
// The encoded index a binary bundle of this corpus stores when none is given: the corpus's stored
// index when it is still of its text, else one built here.
std::string encoded_index_to_store(const Corpus& corpus);

// Reads a binary bundle; the same result as read_bundle: a corpus, or an error naming the place.
BundleReadResult read_binary_bundle(std::string_view bytes);

// Reads a binary bundle while it arrives (the page's download), so that little is left to do
// when its last byte is in. `buffer` is the whole file's, filled from the start; arrived(n) says
// the first n bytes are in and does what they allow: the checksum of whole blocks, the records
// once every section but the index is in, then the index part by part (search::IndexDecoder).
// finish() does the rest, with read_binary_bundle's result and message (a file found bad, or laid
// out with the index before other sections, is read again whole for its message).
class BinaryBundleStream {
 public:
  explicit BinaryBundleStream(std::string_view buffer);
  ~BinaryBundleStream();
  void arrived(std::size_t bytes);
  // Whether everything so far was read as it came (false once finish() must read the whole file).
  bool keeping_up() const;
  BundleReadResult finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// True when the bytes start with the binary bundle's magic.
bool is_binary_bundle(std::string_view bytes);

// The bundle in either format, told apart by its first bytes: the one entry point of the page, the
// desktop app and the CLI.
BundleReadResult read_any_bundle(std::string_view bytes);

// The checksum the header holds: of every byte after the header (a 64-bit multiply-xor over
// little-endian 8-byte words in four interleaved lanes, the last word zero-padded; see the .cpp
// for the exact rule). It finds accidental damage, not forgery:
// everything is validated anyway. Exposed for the fuzz target, which writes it into mutated inputs
// so that the checks behind it are reached.
std::uint64_t binary_bundle_checksum(std::string_view bytes_after_header);

}  // namespace loupe
