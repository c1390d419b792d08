// The binary bundle: writing, and reading with every offset, length and index checked (see
// bundle_binary.h for the layout).
//
// [SECTION] Little-endian numbers
// [SECTION] Reading
// [SECTION] The checksum
// [SECTION] Writing
// [SECTION] Reading while the bytes arrive (BinaryBundleStream)
#include "core/bundle_binary.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/hash_slots.h"
#include "core/search/index.h"
#include "core/text/unicode.h"

namespace loupe {
namespace {

enum SectionId : std::uint32_t {
  kStrings = 1,
  kCorpusSection = 2,
  kDocuments = 3,
  kWarnings = 4,
  kRemoved = 5,
  kEntities = 6,
  kAliases = 7,
  kMentions = 8,
  kQuotes = 9,
  kMoney = 10,
  kIndex = 11,
};
constexpr std::uint32_t kSectionCount = 11;
constexpr const char* kSectionNames[kSectionCount + 1] = {"",         "strings", "corpus",   "documents", "warnings", "removed",
                                                          "entities", "aliases", "mentions", "quotes",    "money",   "index"};

// Sizes of a record in each section (0: not an array of records).
constexpr std::size_t kStringRefSize = 8;
constexpr std::size_t kCorpusSize = 3 * kStringRefSize;
constexpr std::size_t kDocumentSize = 80;
constexpr std::size_t kRemovedSize = 2 * kStringRefSize;
constexpr std::size_t kEntitySize = 40;
constexpr std::size_t kMentionSize = 12;
constexpr std::size_t kQuoteSize = 32;
constexpr std::size_t kMoneySize = 64;
constexpr std::size_t kSectionEntrySize = 24;
constexpr std::size_t kRecordSizes[kSectionCount + 1] = {0, 0, kCorpusSize, kDocumentSize, kStringRefSize, kRemovedSize,
                                                         kEntitySize, kStringRefSize, kMentionSize, kQuoteSize, kMoneySize, 0};
constexpr std::uint32_t kUsdMinimumGiven = 1;
constexpr std::uint32_t kUsdMaximumGiven = 2;

const std::array<std::string_view, 7> kEntityTypes = {"person", "organization", "place", "product", "event", "law", "other"};

// [SECTION] Little-endian numbers -------------------------------------------------------------------
// On a little-endian host (x86, ARM, WebAssembly) a load is one copy; elsewhere byte by byte. (GCC
// does not turn the byte loop into one load: the checksum ran ten times slower with it.)
template <typename T>
T load_little_endian(const char* at) {
  T value = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&value, at, sizeof(T));
  } else {
    const auto* bytes = reinterpret_cast<const unsigned char*>(at);
    for (std::size_t i = 0; i < sizeof(T); ++i) value |= static_cast<T>(static_cast<T>(bytes[i]) << (8 * i));
  }
  return value;
}

template <typename T>
void store_little_endian(char* at, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i) at[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

template <typename T>
void append_little_endian(std::string& out, T value) {
  char bytes[sizeof(T)];
  store_little_endian(bytes, value);
  out.append(bytes, sizeof(T));
}

std::uint32_t u32_at(const char* at) { return load_little_endian<std::uint32_t>(at); }
std::uint64_t u64_at(const char* at) { return load_little_endian<std::uint64_t>(at); }

double f64_at(const char* at) {
  const std::uint64_t bits = u64_at(at);
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

std::uint64_t bits_of(double value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

// [SECTION] Reading ---------------------------------------------------------------------------------
// Thrown inside read_binary_bundle only, turned into BundleReadResult::error before it leaves.
struct InvalidBinaryBundle {
  std::string message;
};

struct Section {
  const char* data = nullptr;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  bool present = false;
};

std::string range_text(std::uint64_t start, std::uint64_t end) { return std::to_string(start) + ".." + std::to_string(end); }

// Places in messages, built only when something is wrong.
auto named(const char* name) {
  return [name] { return std::string(name); };
}
template <typename Place>
auto field(const Place& place, const char* name) {
  return [&place, name] { return place() + name; };
}

class BinaryReader {
 public:
  // `check_checksum` false: the caller checks it (BinaryBundleStream, as the bytes arrive).
  explicit BinaryReader(std::string_view bytes, bool check_checksum = true) : bytes_(bytes), check_checksum_(check_checksum) {}

  Corpus read() {
    read_layout();
    Corpus corpus = read_records();
    read_index(corpus);
    return corpus;
  }

  // The header and the section table (only their bytes are read).
  void read_layout() {
    read_header();
    read_section_table();
  }
  // Everything but the index (after read_layout; only the other sections' bytes are read).
  Corpus read_records() const {
    Corpus corpus;
    const char* meta = record(kCorpusSection, 0);
    corpus.name = string_at(meta, named("corpus.name"));
    corpus.rates_date = string_at(meta + 8, named("corpus.rates_date"));
    corpus.rates_source = string_at(meta + 16, named("corpus.rates_source"));
    read_documents(corpus);
    read_entities(corpus);
    read_quotes(corpus);
    read_money(corpus);
    return corpus;
  }
  const Section& section(std::uint32_t id) const { return sections_[id]; }

 private:
  void read_header() {
    if (bytes_.size() < kBinaryBundleHeaderSize) {
      throw InvalidBinaryBundle{"binary bundle: truncated: " + std::to_string(bytes_.size()) + " bytes, shorter than the " +
                                std::to_string(kBinaryBundleHeaderSize) + "-byte header"};
    }
    if (bytes_.substr(0, kBinaryBundleMagic.size()) != kBinaryBundleMagic) {
      throw InvalidBinaryBundle{"binary bundle: wrong magic (not a Loupe binary bundle, or its line ends were rewritten in transfer)"};
    }
    const std::uint32_t version = u32_at(bytes_.data() + 8);
    if (version != kBinaryBundleVersion) {
      throw InvalidBinaryBundle{"binary bundle: this Loupe reads version " + std::to_string(kBinaryBundleVersion) + ", found " +
                                std::to_string(version)};
    }
    section_count_ = u32_at(bytes_.data() + 12);
    const std::uint64_t declared_size = u64_at(bytes_.data() + 16);
    if (declared_size != bytes_.size()) {
      throw InvalidBinaryBundle{"binary bundle: " + std::string(declared_size > bytes_.size() ? "truncated" : "wrong size") +
                                ": the header says " + std::to_string(declared_size) + " bytes, found " + std::to_string(bytes_.size())};
    }
    const std::uint64_t checksum = u64_at(bytes_.data() + 24);
    if (check_checksum_ && checksum != binary_bundle_checksum(bytes_.substr(kBinaryBundleHeaderSize))) {
      throw InvalidBinaryBundle{"binary bundle: checksum mismatch (the file is damaged)"};
    }
    if (u64_at(bytes_.data() + 32) != 0) throw InvalidBinaryBundle{"binary bundle: header: reserved bytes are not zero"};
  }

  void read_section_table() {
    if (section_count_ > kSectionCount) {
      throw InvalidBinaryBundle{"binary bundle: " + std::to_string(section_count_) + " sections, at most " + std::to_string(kSectionCount) +
                                " are known"};
    }
    const std::uint64_t table_end = kBinaryBundleHeaderSize + std::uint64_t{section_count_} * kSectionEntrySize;
    if (table_end > bytes_.size()) throw InvalidBinaryBundle{"binary bundle: the section table runs past the end of the file"};
    std::vector<std::pair<std::uint64_t, std::uint64_t>> extents;
    for (std::uint32_t i = 0; i < section_count_; ++i) {
      const char* entry = bytes_.data() + kBinaryBundleHeaderSize + i * kSectionEntrySize;
      const std::uint32_t id = u32_at(entry);
      const std::string place = "binary bundle: section table[" + std::to_string(i) + "]";
      if (id == 0 || id > kSectionCount) throw InvalidBinaryBundle{place + ": unknown section id " + std::to_string(id)};
      if (u32_at(entry + 4) != 0) throw InvalidBinaryBundle{place + ": reserved bytes are not zero"};
      Section& section = sections_[id];
      if (section.present) throw InvalidBinaryBundle{place + ": a second " + kSectionNames[id] + " section"};
      section.offset = u64_at(entry + 8);
      section.length = u64_at(entry + 16);
      if (section.offset < table_end || section.offset > bytes_.size() || section.length > bytes_.size() - section.offset) {
        throw InvalidBinaryBundle{place + ": the " + std::string(kSectionNames[id]) + " section (" +
                                  range_text(section.offset, section.offset + section.length) + ") lies outside " +
                                  range_text(table_end, bytes_.size())};
      }
      if (kRecordSizes[id] != 0 && section.length % kRecordSizes[id] != 0) {
        throw InvalidBinaryBundle{"binary bundle: the " + std::string(kSectionNames[id]) + " section's length " +
                                  std::to_string(section.length) + " is not a multiple of its " + std::to_string(kRecordSizes[id]) +
                                  "-byte records"};
      }
      section.data = bytes_.data() + section.offset;
      section.present = true;
      extents.emplace_back(section.offset, section.offset + section.length);
    }
    std::sort(extents.begin(), extents.end());
    for (std::size_t i = 1; i < extents.size(); ++i) {
      if (extents[i].first < extents[i - 1].second) throw InvalidBinaryBundle{"binary bundle: two sections overlap"};
    }
    for (const std::uint32_t id : {kStrings, kCorpusSection, kDocuments}) {
      if (!sections_[id].present) throw InvalidBinaryBundle{std::string("binary bundle: no ") + kSectionNames[id] + " section"};
    }
    if (sections_[kCorpusSection].length != kCorpusSize) {
      throw InvalidBinaryBundle{"binary bundle: the corpus section holds " + std::to_string(sections_[kCorpusSection].length) +
                                " bytes, not " + std::to_string(kCorpusSize)};
    }
  }

  std::uint64_t count(std::uint32_t id) const { return sections_[id].present ? sections_[id].length / kRecordSizes[id] : 0; }
  const char* record(std::uint32_t id, std::uint64_t index) const { return sections_[id].data + index * kRecordSizes[id]; }

  // A string given as (offset, length) into the strings section, checked. `place` names it in a
  // message (a callable: the name is only built when something is wrong).
  template <typename Place>
  std::string_view string_view_at(const char* reference, const Place& place) const {
    const std::uint64_t offset = u32_at(reference);
    const std::uint64_t length = u32_at(reference + 4);
    const Section& strings = sections_[kStrings];
    if (offset > strings.length || length > strings.length - offset) {
      throw InvalidBinaryBundle{place() + ": string " + range_text(offset, offset + length) + " lies outside the strings section (" +
                                std::to_string(strings.length) + " bytes)"};
    }
    const std::string_view text(strings.data + offset, length);
    if (!text::is_valid_utf8(text)) throw InvalidBinaryBundle{place() + ": not valid UTF-8"};
    return text;
  }
  template <typename Place>
  std::string string_at(const char* reference, const Place& place) const {
    return std::string(string_view_at(reference, place));
  }

  // A run of records (first, count) in another section, checked.
  template <typename Place>
  std::uint64_t run(const char* at, std::uint32_t id, const Place& place) const {
    const std::uint64_t first = u32_at(at);
    const std::uint64_t length = u32_at(at + 4);
    const std::uint64_t available = count(id);
    if (first > available || length > available - first) {
      throw InvalidBinaryBundle{place() + ": " + kSectionNames[id] + " " + range_text(first, first + length) + " lie outside the " +
                                std::to_string(available) + " " + kSectionNames[id] + " of the bundle"};
    }
    return first;
  }

  // A span (document, start, end) checked against its document's text.
  template <typename Place>
  TextSpan span_at(const char* at, const Corpus& corpus, const Place& place) const {
    const std::uint32_t document = u32_at(at);
    const std::uint32_t start = u32_at(at + 4);
    const std::uint32_t end = u32_at(at + 8);
    if (document >= corpus.documents.size()) {
      throw InvalidBinaryBundle{place() + ".doc: no document number " + std::to_string(document) + " (the bundle has " +
                                std::to_string(corpus.documents.size()) + ")"};
    }
    const std::size_t length = corpus.documents[document].text.size();
    if (start > end || end > length) {
      throw InvalidBinaryBundle{place() + ": offsets " + range_text(start, end) + " lie outside the text of \"" + corpus.documents[document].id +
                                "\" (" + std::to_string(length) + " bytes)"};
    }
    return TextSpan{document, start, end};
  }

  // An entity reference (position + 1, 0 for none) as the entity's id.
  template <typename Place>
  std::string entity_at(const char* at, const Corpus& corpus, const Place& place) const {
    const std::uint32_t reference = u32_at(at);
    if (reference == 0) return {};
    if (reference > corpus.entities.size()) {
      throw InvalidBinaryBundle{place() + ": no entity number " + std::to_string(reference - 1) + " (the bundle has " +
                                std::to_string(corpus.entities.size()) + ")"};
    }
    return corpus.entities[reference - 1].id;
  }

  template <typename Place>
  double number_at(const char* at, const Place& place) const {
    const double value = f64_at(at);
    if (!std::isfinite(value)) throw InvalidBinaryBundle{place() + ": not a finite number"};
    return value;
  }

  void read_documents(Corpus& corpus) const {
    const std::uint64_t documents = count(kDocuments);
    corpus.documents.resize(documents);
    std::unordered_set<std::string_view> seen_ids;
    seen_ids.reserve(documents);
    for (std::uint64_t i = 0; i < documents; ++i) {
      const char* at = record(kDocuments, i);
      const auto place = [i] { return "documents[" + std::to_string(i) + "]"; };
      Document& document = corpus.documents[i];
      const std::string_view id = string_view_at(at, field(place, ".id"));
      if (id.empty()) throw InvalidBinaryBundle{place() + ".id: empty"};
      if (!seen_ids.insert(id).second) throw InvalidBinaryBundle{place() + ".id: duplicate id \"" + std::string(id) + "\""};
      document.id = id;
      document.title = string_at(at + 8, field(place, ".title"));
      document.text = string_at(at + 16, field(place, ".text"));
      document.date = string_at(at + 24, field(place, ".date"));
      document.url = string_at(at + 32, field(place, ".url"));
      document.source = string_at(at + 40, field(place, ".source"));
      document.author = string_at(at + 48, field(place, ".author"));
      const std::uint64_t words = u64_at(at + 56);
      if constexpr (sizeof(std::size_t) < sizeof(std::uint64_t)) {
        if (words > std::numeric_limits<std::size_t>::max()) throw InvalidBinaryBundle{place() + ".words: too large"};
      }
      document.word_count = static_cast<std::size_t>(words);
      const std::uint64_t first_warning = run(at + 64, kWarnings, field(place, ".warnings"));
      const std::uint64_t warnings = u32_at(at + 68);
      document.warnings.reserve(warnings);
      for (std::uint64_t w = 0; w < warnings; ++w) {
        document.warnings.push_back(string_at(record(kWarnings, first_warning + w), [&] { return place() + ".warnings[" + std::to_string(w) + "]"; }));
      }
      const std::uint64_t first_removed = run(at + 72, kRemoved, field(place, ".removed"));
      const std::uint64_t removed = u32_at(at + 76);
      document.removed.reserve(removed);
      for (std::uint64_t r = 0; r < removed; ++r) {
        const char* piece = record(kRemoved, first_removed + r);
        const auto piece_place = [&] { return place() + ".removed[" + std::to_string(r) + "]"; };
        document.removed.push_back({string_at(piece, field(piece_place, ".text")), string_at(piece + 8, field(piece_place, ".reason"))});
      }
    }
  }

  void read_entities(Corpus& corpus) const {
    const std::uint64_t entities = count(kEntities);
    corpus.entities.resize(entities);
    std::unordered_set<std::string_view> seen_ids;
    seen_ids.reserve(entities);
    for (std::uint64_t i = 0; i < entities; ++i) {
      const char* at = record(kEntities, i);
      const auto place = [i] { return "entities[" + std::to_string(i) + "]"; };
      EntityRecord& entity = corpus.entities[i];
      const std::string_view id = string_view_at(at, field(place, ".id"));
      if (!seen_ids.insert(id).second) throw InvalidBinaryBundle{place() + ".id: duplicate id \"" + std::string(id) + "\""};
      entity.id = id;
      entity.name = string_at(at + 8, field(place, ".name"));
      const std::string_view type = string_view_at(at + 16, field(place, ".type"));
      if (std::find(kEntityTypes.begin(), kEntityTypes.end(), type) == kEntityTypes.end()) {
        throw InvalidBinaryBundle{place() + ".type: unknown type \"" + std::string(type) + "\""};
      }
      entity.type = type;
      const std::uint64_t first_alias = run(at + 24, kAliases, field(place, ".aliases"));
      const std::uint64_t aliases = u32_at(at + 28);
      entity.aliases.reserve(aliases);
      for (std::uint64_t a = 0; a < aliases; ++a) {
        entity.aliases.push_back(string_at(record(kAliases, first_alias + a), [&] { return place() + ".aliases[" + std::to_string(a) + "]"; }));
      }
      const std::uint64_t first_mention = run(at + 32, kMentions, field(place, ".mentions"));
      const std::uint64_t mentions = u32_at(at + 36);
      entity.mentions.reserve(mentions);
      for (std::uint64_t m = 0; m < mentions; ++m) {
        entity.mentions.push_back(span_at(record(kMentions, first_mention + m), corpus, [&] { return place() + ".mentions[" + std::to_string(m) + "]"; }));
      }
    }
  }

  void read_quotes(Corpus& corpus) const {
    const std::uint64_t quotes = count(kQuotes);
    corpus.quotes.resize(quotes);
    for (std::uint64_t i = 0; i < quotes; ++i) {
      const char* at = record(kQuotes, i);
      const auto place = [i] { return "quotes[" + std::to_string(i) + "]"; };
      QuoteRecord& quote = corpus.quotes[i];
      quote.span = span_at(at, corpus, place);
      quote.speaker = entity_at(at + 12, corpus, field(place, ".speaker"));
      quote.speaker_name = string_at(at + 16, field(place, ".speaker_name"));
      quote.role = string_at(at + 24, field(place, ".role"));
    }
  }

  void read_money(Corpus& corpus) const {
    const std::uint64_t amounts = count(kMoney);
    corpus.amounts.resize(amounts);
    for (std::uint64_t i = 0; i < amounts; ++i) {
      const char* at = record(kMoney, i);
      const auto place = [i] { return "money[" + std::to_string(i) + "]"; };
      AmountRecord& amount = corpus.amounts[i];
      amount.span = span_at(at, corpus, place);
      amount.subject = entity_at(at + 12, corpus, field(place, ".subject"));
      amount.currency = string_at(at + 16, field(place, ".currency"));
      amount.minimum = number_at(at + 24, field(place, ".min"));
      amount.maximum = number_at(at + 32, field(place, ".max"));
      const std::uint32_t flags = u32_at(at + 56);
      if ((flags & ~(kUsdMinimumGiven | kUsdMaximumGiven)) != 0 || u32_at(at + 60) != 0) {
        throw InvalidBinaryBundle{place() + ": unknown flags or reserved bytes set"};
      }
      if (flags & kUsdMinimumGiven) amount.usd_minimum = number_at(at + 40, field(place, ".usd_min"));
      if (flags & kUsdMaximumGiven) amount.usd_maximum = number_at(at + 48, field(place, ".usd_max"));
    }
  }

  // The search index: used when it is of this Loupe's index version, skipped (the text is indexed
  // again) when it is of another; refused when it does not fit the documents.
  void read_index(Corpus& corpus) const {
    const Section& section = sections_[kIndex];
    if (!section.present) return;
    if (section.length < 4) throw InvalidBinaryBundle{"binary bundle: the index section is shorter than its version"};
    if (u32_at(section.data) != search::Index::kStoredVersion) return;
    std::string error;
    std::optional<search::Index> index =
        search::Index::decode(std::string_view(section.data + 4, static_cast<std::size_t>(section.length - 4)), corpus, error);
    if (!index) throw InvalidBinaryBundle{"binary bundle: " + error};
    corpus.stored_index = std::make_shared<search::Index>(std::move(*index));
  }

  std::string_view bytes_;
  bool check_checksum_ = true;
  std::uint32_t section_count_ = 0;
  std::array<Section, kSectionCount + 1> sections_{};
};

// [SECTION] The checksum --------------------------------------------------------------------------------
// The checksum over bytes that come in parts: 32-byte blocks in four independent lanes (one lane's
// multiplications wait on each other: four at once go about four times as fast), then the tail,
// then the lanes folded together.
class BundleChecksum {
 public:
  explicit BundleChecksum(std::uint64_t length) : lanes_{0x243F6A8885A308D3ULL ^ length, 0x13198A2E03707344ULL, 0xA4093822299F31D0ULL, 0x082EFA98EC4E6C89ULL} {}

  // Takes whole 32-byte blocks (the rest of `bytes` is left); returns how many bytes it took.
  std::size_t add_blocks(std::string_view bytes) {
    std::uint64_t lane0 = lanes_[0], lane1 = lanes_[1], lane2 = lanes_[2], lane3 = lanes_[3];
    std::size_t i = 0;
    for (; i + 32 <= bytes.size(); i += 32) {
      const char* block = bytes.data() + i;
      lane0 = mix(lane0, load_little_endian<std::uint64_t>(block));
      lane1 = mix(lane1, load_little_endian<std::uint64_t>(block + 8));
      lane2 = mix(lane2, load_little_endian<std::uint64_t>(block + 16));
      lane3 = mix(lane3, load_little_endian<std::uint64_t>(block + 24));
    }
    lanes_ = {lane0, lane1, lane2, lane3};
    return i;
  }
  // The checksum, given the bytes after the last whole block (fewer than 32).
  std::uint64_t finish(std::string_view tail) const {
    std::uint64_t hash = lanes_[0];
    std::size_t i = 0;
    for (; i + 8 <= tail.size(); i += 8) hash = mix(hash, load_little_endian<std::uint64_t>(tail.data() + i));
    if (i < tail.size()) {
      char last[8] = {};
      std::memcpy(last, tail.data() + i, tail.size() - i);
      hash = mix(hash, load_little_endian<std::uint64_t>(last));
    }
    for (std::size_t lane = 1; lane < 4; ++lane) hash = mix(hash, lanes_[lane]);
    return hash;
  }

  // Takes bytes that come in pieces of any length, keeping what does not fill a block for the
  // next piece (not to be mixed with add_blocks); finish() then takes what is kept.
  void add(std::string_view bytes) {
    if (carried_ > 0) {
      const std::size_t taken = std::min(bytes.size(), kBlock - carried_);
      std::memcpy(carry_.data() + carried_, bytes.data(), taken);
      carried_ += taken;
      bytes.remove_prefix(taken);
      if (carried_ < kBlock) return;
      add_blocks(std::string_view(carry_.data(), kBlock));
      carried_ = 0;
    }
    const std::size_t taken = add_blocks(bytes);
    carried_ = bytes.size() - taken;
    std::memcpy(carry_.data(), bytes.data() + taken, carried_);
  }
  std::uint64_t finish() const { return finish(std::string_view(carry_.data(), carried_)); }

 private:
  static std::uint64_t mix(std::uint64_t hash, std::uint64_t word) {
    hash = (hash ^ word) * 0x9E3779B97F4A7C15ULL;
    return hash ^ (hash >> 29);
  }
  static constexpr std::size_t kBlock = 32;
  std::array<std::uint64_t, 4> lanes_;
  std::array<char, kBlock> carry_{};  // add(): the bytes of a block not yet whole
  std::size_t carried_ = 0;
};

// [SECTION] Writing ---------------------------------------------------------------------------------
struct WriteFailure {
  std::string message;
};

class BinaryWriter {
 public:
  // `encoded_index`: search::Index::encode() of an index of this corpus's text.
  BinaryBundlePieces write(const Corpus& corpus, std::string_view encoded_index) {
    std::unordered_map<std::string_view, std::uint32_t> entity_positions;
    for (std::size_t e = 0; e < corpus.entities.size(); ++e) entity_positions.emplace(corpus.entities[e].id, static_cast<std::uint32_t>(e));
    auto entity_reference = [&](const std::string& id, const std::string& place) -> std::uint32_t {
      if (id.empty()) return 0;
      const auto found = entity_positions.find(id);
      if (found == entity_positions.end()) throw WriteFailure{place + ": no entity with id \"" + id + "\""};
      return found->second + 1;
    };

    std::string& meta = sections_[kCorpusSection];
    add_string(meta, corpus.name);
    add_string(meta, corpus.rates_date);
    add_string(meta, corpus.rates_source);

    std::string& documents = sections_[kDocuments];
    documents.reserve(corpus.documents.size() * kDocumentSize);
    std::uint64_t warning_count = 0, removed_count = 0;
    for (const Document& document : corpus.documents) {
      for (const std::string* field : {&document.id, &document.title, &document.text, &document.date, &document.url, &document.source,
                                       &document.author}) {
        add_string(documents, *field);
      }
      append_little_endian<std::uint64_t>(documents, document.word_count);
      add_run(documents, warning_count, document.warnings.size(), "warnings");
      add_run(documents, removed_count, document.removed.size(), "removed texts");
      for (const std::string& warning : document.warnings) add_string(sections_[kWarnings], warning);
      for (const RemovedText& piece : document.removed) {
        add_string(sections_[kRemoved], piece.text);
        add_string(sections_[kRemoved], piece.reason);
      }
    }

    std::uint64_t alias_count = 0, mention_count = 0;
    for (const EntityRecord& entity : corpus.entities) {
      std::string& entities = sections_[kEntities];
      add_string(entities, entity.id);
      add_string(entities, entity.name);
      add_string(entities, entity.type);
      add_run(entities, alias_count, entity.aliases.size(), "aliases");
      add_run(entities, mention_count, entity.mentions.size(), "mentions");
      for (const std::string& alias : entity.aliases) add_string(sections_[kAliases], alias);
      for (const TextSpan& mention : entity.mentions) add_span(sections_[kMentions], mention);
    }
    for (std::size_t i = 0; i < corpus.quotes.size(); ++i) {
      const QuoteRecord& quote = corpus.quotes[i];
      std::string& quotes = sections_[kQuotes];
      add_span(quotes, quote.span);
      append_little_endian<std::uint32_t>(quotes, entity_reference(quote.speaker, "quotes[" + std::to_string(i) + "].speaker"));
      add_string(quotes, quote.speaker_name);
      add_string(quotes, quote.role);
    }
    for (std::size_t i = 0; i < corpus.amounts.size(); ++i) {
      const AmountRecord& amount = corpus.amounts[i];
      std::string& money = sections_[kMoney];
      add_span(money, amount.span);
      append_little_endian<std::uint32_t>(money, entity_reference(amount.subject, "money[" + std::to_string(i) + "].subject"));
      add_string(money, amount.currency);
      for (const double value : {amount.minimum, amount.maximum, amount.usd_minimum.value_or(0.0), amount.usd_maximum.value_or(0.0)}) {
        append_little_endian<std::uint64_t>(money, bits_of(value));
      }
      append_little_endian<std::uint32_t>(money, (amount.usd_minimum ? kUsdMinimumGiven : 0) | (amount.usd_maximum ? kUsdMaximumGiven : 0));
      append_little_endian<std::uint32_t>(money, 0);
    }
    append_little_endian<std::uint32_t>(sections_[kIndex], search::Index::kStoredVersion);
    return assemble(encoded_index);
  }

 private:
  // Short strings (types, reasons, currencies, names) are stored once; long ones as they come.
  static constexpr std::size_t kSharedStringMaximum = 64;

  // A run of the strings section: bytes of the writer's own (short strings, back to back), or
  // one long string of the corpus (a text, most of the bundle), viewed in place, not copied.
  struct StringsRun {
    const char* corpus_bytes;  // null for the writer's own bytes
    std::size_t own_start;
    std::size_t length;
  };

  void add_string(std::string& out, const std::string& text) {
    if (text.size() > std::numeric_limits<std::uint32_t>::max()) throw WriteFailure{"a string longer than 4 GiB"};
    std::uint64_t offset = strings_size_;
    bool stored = false;
    if (text.size() <= kSharedStringMaximum) {
      const std::size_t before = shared_.size();
      const std::uint32_t found = shared_slots_.find_or_add(
          std::hash<std::string_view>{}(text),
          [&](std::uint32_t at) { return std::string_view(own_strings_).substr(shared_[at].own_start, shared_[at].length) == text; },
          [&] { shared_.push_back({offset, own_strings_.size(), text.size()}); });
      offset = shared_[found].offset;
      stored = shared_.size() == before;
    }
    if (!stored) {
      if (strings_size_ + text.size() > std::numeric_limits<std::uint32_t>::max()) {
        throw WriteFailure{"the corpus's strings exceed the binary bundle's 4 GiB"};
      }
      if (text.size() > kSharedStringMaximum) {
        strings_runs_.push_back({text.data(), 0, text.size()});
      } else {
        if (strings_runs_.empty() || strings_runs_.back().corpus_bytes) strings_runs_.push_back({nullptr, own_strings_.size(), 0});
        strings_runs_.back().length += text.size();  // the writer's own bytes follow each other
        own_strings_ += text;
      }
      strings_size_ += text.size();
    }
    append_little_endian<std::uint32_t>(out, static_cast<std::uint32_t>(offset));
    append_little_endian<std::uint32_t>(out, static_cast<std::uint32_t>(text.size()));
  }

  static void add_run(std::string& out, std::uint64_t& total, std::size_t count, const char* what) {
    if (total + count > std::numeric_limits<std::uint32_t>::max()) throw WriteFailure{std::string("more than 4 billion ") + what};
    append_little_endian<std::uint32_t>(out, static_cast<std::uint32_t>(total));
    append_little_endian<std::uint32_t>(out, static_cast<std::uint32_t>(count));
    total += count;
  }

  static void add_span(std::string& out, const TextSpan& span) {
    if (span.document > std::numeric_limits<std::uint32_t>::max()) throw WriteFailure{"a span in document number past 4 billion"};
    append_little_endian<std::uint32_t>(out, static_cast<std::uint32_t>(span.document));
    append_little_endian<std::uint32_t>(out, span.start);
    append_little_endian<std::uint32_t>(out, span.end);
  }

  // The header with the section table, then the sections in the order of their ids, as pieces.
  BinaryBundlePieces assemble(std::string_view encoded_index) {
    std::vector<std::uint32_t> present;
    for (std::uint32_t id = 1; id <= kSectionCount; ++id) {
      if (id <= kDocuments || !sections_[id].empty()) present.push_back(id);
    }
    const auto section_size = [&](std::uint32_t id) {
      return id == kStrings ? strings_size_ : sections_[id].size() + (id == kIndex ? encoded_index.size() : 0);
    };
    std::uint64_t size = kBinaryBundleHeaderSize + present.size() * kSectionEntrySize;
    for (const std::uint32_t id : present) size += section_size(id);

    BinaryBundlePieces result;
    result.size = size;
    // The owned bytes go into the result before any view of them is taken: its room is made once,
    // so they never move (nor when the result does).
    result.owned.reserve(kSectionCount + 2);
    std::string& header = result.owned.emplace_back();
    header.append(kBinaryBundleMagic);
    append_little_endian<std::uint32_t>(header, kBinaryBundleVersion);
    append_little_endian<std::uint32_t>(header, static_cast<std::uint32_t>(present.size()));
    append_little_endian<std::uint64_t>(header, size);
    append_little_endian<std::uint64_t>(header, 0);  // the checksum, once the rest is laid out
    append_little_endian<std::uint64_t>(header, 0);
    std::uint64_t offset = kBinaryBundleHeaderSize + present.size() * kSectionEntrySize;
    for (const std::uint32_t id : present) {
      append_little_endian<std::uint32_t>(header, id);
      append_little_endian<std::uint32_t>(header, 0);
      append_little_endian<std::uint64_t>(header, offset);
      append_little_endian<std::uint64_t>(header, section_size(id));
      offset += section_size(id);
    }
    result.pieces.push_back(header);
    const std::string& own_strings = result.owned.emplace_back(std::move(own_strings_));
    for (const std::uint32_t id : present) {
      if (id == kStrings) {
        for (const StringsRun& run : strings_runs_) {
          result.pieces.emplace_back(run.corpus_bytes ? run.corpus_bytes : own_strings.data() + run.own_start, run.length);
        }
        continue;
      }
      result.pieces.push_back(result.owned.emplace_back(std::move(sections_[id])));
      if (id == kIndex) result.pieces.push_back(encoded_index);
    }

    BundleChecksum checksum(size - kBinaryBundleHeaderSize);
    checksum.add(std::string_view(header).substr(kBinaryBundleHeaderSize));  // the section table
    for (std::size_t i = 1; i < result.pieces.size(); ++i) checksum.add(result.pieces[i]);
    store_little_endian<std::uint64_t>(header.data() + 24, checksum.finish());
    return result;
  }

  // A short string stored once: where in the strings section, and its bytes in own_strings_.
  struct SharedString {
    std::uint64_t offset;
    std::size_t own_start;
    std::size_t length;
  };

  std::string own_strings_;
  std::vector<StringsRun> strings_runs_;
  std::uint64_t strings_size_ = 0;
  HashSlots shared_slots_;  // the short strings stored, by their bytes
  std::vector<SharedString> shared_;
  std::array<std::string, kSectionCount + 1> sections_;
};

}  // namespace

std::uint64_t binary_bundle_checksum(std::string_view bytes) {
  BundleChecksum checksum(bytes.size());
  return checksum.finish(bytes.substr(checksum.add_blocks(bytes)));
}

// [SECTION] Reading while the bytes arrive ----------------------------------------------------------
// The checksum as blocks arrive; the records once every section but the index is in; the index
// part by part (IndexDecoder). Anything out of place, or a layout where the index is not last,
// leaves the work to finish(), which then reads the whole file as read_binary_bundle did.
struct BinaryBundleStream::State {
  explicit State(std::string_view buffer)
      : bytes(buffer), checksum(buffer.size() > kBinaryBundleHeaderSize ? buffer.size() - kBinaryBundleHeaderSize : 0) {}

  void take(std::size_t arrived) {
    arrived = std::min(arrived, bytes.size());
    if (arrived > kBinaryBundleHeaderSize) checksummed += checksum.add_blocks(bytes.substr(kBinaryBundleHeaderSize + checksummed, arrived - kBinaryBundleHeaderSize - checksummed));
    if (given_up) return;
    try {
      if (!reader && arrived >= kBinaryBundleHeaderSize) {
        const std::uint64_t table_end = kBinaryBundleHeaderSize + std::uint64_t{u32_at(bytes.data() + 12)} * kSectionEntrySize;
        if (arrived < table_end) return;
        reader.emplace(bytes, /*check_checksum=*/false);
        reader->read_layout();
        for (std::uint32_t id = 1; id <= kSectionCount; ++id) {
          const Section& section = reader->section(id);
          if (section.present && id != kIndex) records_end = std::max(records_end, section.offset + section.length);
        }
        const Section& index = reader->section(kIndex);
        // (a writer of ours puts the index last; one shorter than its version is refused by read_index)
        if (index.present && (index.offset < records_end || index.length < 4)) return give_up();
      }
      if (reader && !corpus && arrived >= records_end) corpus = reader->read_records();
      if (corpus && !index_looked_at) {
        const Section& index = reader->section(kIndex);
        if (!index.present) {
          index_looked_at = true;
        } else if (arrived >= index.offset + 4) {
          index_looked_at = true;
          if (u32_at(index.data) == search::Index::kStoredVersion) {
            decoder.emplace(std::string_view(index.data + 4, static_cast<std::size_t>(index.length - 4)), *corpus);
          }
        }
      }
      if (decoder) {
        const Section& index = reader->section(kIndex);
        const std::uint64_t index_arrived = std::min<std::uint64_t>(arrived, index.offset + index.length) - (index.offset + 4);
        if (!decoder->decode_arrived(static_cast<std::size_t>(index_arrived))) give_up();
      }
    } catch (const InvalidBinaryBundle&) {
      give_up();
    }
  }

  void give_up() {
    given_up = true;
    decoder.reset();
    corpus.reset();
  }

  // All bytes are in: the corpus, or nothing when the whole file must be read again (for the
  // reason, or because the work could not be done as the bytes came).
  std::optional<Corpus> finish() {
    take(bytes.size());
    if (given_up || !corpus || !index_looked_at) return std::nullopt;
    if (u64_at(bytes.data() + 24) != checksum.finish(bytes.substr(kBinaryBundleHeaderSize + checksummed))) return std::nullopt;
    if (decoder) {
      std::string error;
      std::optional<search::Index> index = decoder->finish(error);
      if (!index) return std::nullopt;
      corpus->stored_index = std::make_shared<search::Index>(std::move(*index));
    }
    return std::move(*corpus);
  }

  std::string_view bytes;
  BundleChecksum checksum;
  std::size_t checksummed = 0;  // bytes after the header taken by the checksum
  bool given_up = false;
  std::optional<BinaryReader> reader;
  std::uint64_t records_end = 0;
  std::optional<Corpus> corpus;
  bool index_looked_at = false;
  std::optional<search::IndexDecoder> decoder;
};

BinaryBundleStream::BinaryBundleStream(std::string_view buffer) : state_(std::make_unique<State>(buffer)) {}
BinaryBundleStream::~BinaryBundleStream() = default;

void BinaryBundleStream::arrived(std::size_t bytes) { state_->take(bytes); }

bool BinaryBundleStream::keeping_up() const { return !state_->given_up; }

BundleReadResult BinaryBundleStream::finish() {
  if (std::optional<Corpus> corpus = state_->finish()) {
    BundleReadResult result;
    result.corpus = std::move(*corpus);
    return result;
  }
  return read_binary_bundle(state_->bytes);
}

BinaryBundleWriteResult write_binary_bundle(const Corpus& corpus, const search::Index* index_of_text) {
  if (index_of_text && index_of_text->document_count() == corpus.documents.size()) {
    return write_binary_bundle_with_encoded_index(corpus, index_of_text->encode());
  }
  return write_binary_bundle_with_encoded_index(corpus, encoded_index_to_store(corpus));
}

std::string encoded_index_to_store(const Corpus& corpus) {
  if (corpus.stored_index && corpus.stored_index->stored_for(corpus)) return corpus.stored_index->encode();
  return search::Index::build_from_text(corpus).encode();
}

BinaryBundleWriteResult write_binary_bundle_with_encoded_index(const Corpus& corpus, std::string_view encoded_index) {
  BinaryBundleWriteResult result;
  BinaryBundlePieces written = binary_bundle_pieces(corpus, encoded_index);
  result.error = std::move(written.error);
  result.bytes.reserve(static_cast<std::size_t>(written.size));
  for (const std::string_view piece : written.pieces) result.bytes += piece;
  return result;
}

BinaryBundlePieces binary_bundle_pieces(const Corpus& corpus, std::string_view encoded_index) {
  try {
    return BinaryWriter().write(corpus, encoded_index);
  } catch (const WriteFailure& failure) {
    BinaryBundlePieces result;
    result.error = "the binary bundle cannot be written: " + failure.message;
    return result;
  }
}

BundleReadResult read_binary_bundle(std::string_view bytes) {
  BundleReadResult result;
  try {
    result.corpus = BinaryReader(bytes).read();
  } catch (const InvalidBinaryBundle& invalid) {
    result.error = invalid.message;
  }
  return result;
}

bool is_binary_bundle(std::string_view bytes) { return bytes.substr(0, kBinaryBundleMagic.size()) == kBinaryBundleMagic; }

BundleReadResult read_any_bundle(std::string_view bytes) {
  // 0x89 never starts JSON text (it is not even a UTF-8 lead byte): a binary bundle whose magic
  // was damaged still gets the binary reader's message.
  if (!bytes.empty() && static_cast<unsigned char>(bytes[0]) == 0x89) return read_binary_bundle(bytes);
  return read_bundle(bytes);
}

}  // namespace loupe
