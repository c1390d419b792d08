// Tests of the binary bundle (core/bundle_binary.h): round trips against the JSON bundle, and
// hostile bytes (truncated, wrong magic or version, offsets, lengths and indexes out of range),
// each refused with a message, never undefined behaviour.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "core/bundle.h"
#include "core/bundle_binary.h"
#include "core/explorer.h"
#include "core/extract/annotate.h"
#include "core/extract/money.h"
#include "core/extract/ner.h"
#include "core/search/index.h"
#include "core/search/searcher.h"
#include "fixtures.h"

using namespace loupe;

namespace {

// The seed corpus with its extraction when the built entity model is there, as the page ships it.
Corpus seed_bundle_corpus() {
  Corpus corpus = test::seed_corpus();
  std::ifstream model_stream(LOUPE_ENTITY_MODEL, std::ios::binary);
  if (!model_stream) return corpus;
  std::ostringstream model;
  model << model_stream.rdbuf();
  std::string error;
  const std::optional<extract::EntityTagger> tagger = extract::EntityTagger::load(model.str(), error);
  const extract::RateTable rates = extract::read_rate_table(test::read_repo_file("assets/exchange_rates.json"), error);
  if (tagger) extract::annotate_corpus(corpus, *tagger, rates);
  return corpus;
}

// A small corpus with every optional field set, and the cases the JSON bundle writes as null.
Corpus hand_made_corpus() {
  Corpus corpus;
  corpus.name = "Zürich \xE2\x80\x94 test";
  corpus.rates_date = "2025-01-31";
  corpus.rates_source = "hand";
  Document first;
  first.id = "a/1";
  first.title = "Mistral raises money";
  first.text = "Mistral raised \xE2\x82\xAC" "600 million, said Arthur Mensch.\n\"We are happy,\" he said.";
  first.word_count = 12;
  first.date = "2024-06-11";
  first.url = "https://example.org/a/1";
  first.source = "Example";
  first.author = "A. Writer";
  first.warnings = {"1 byte not valid UTF-8, read as Windows-1252", "CRLF line ends"};
  first.removed = {{"Share this story", "share line"}, {"3 min read", "reading-time line"}};
  Document second;
  second.id = "b/2";
  second.title = "";
  second.text = "";
  corpus.documents = {first, second};
  EntityRecord mistral{"organization:mistral", "Mistral", "organization", {"Mistral AI"}, {{0, 0, 7}}};
  EntityRecord mensch{"person:arthur-mensch", "Arthur Mensch", "person", {}, {{0, 39, 52}}};
  corpus.entities = {mistral, mensch};
  corpus.quotes = {{{0, 54, 68}, "person:arthur-mensch", "he", "chief executive"}, {{0, 54, 68}, "", "", ""}};
  AmountRecord amount;
  amount.span = {0, 15, 29};
  amount.currency = "EUR";
  amount.minimum = amount.maximum = 600e6;
  amount.usd_minimum = 650e6;
  amount.subject = "organization:mistral";
  AmountRecord bare;
  bare.span = {0, 15, 29};
  bare.currency = "XXX";
  bare.minimum = 1;
  bare.maximum = 2;
  corpus.amounts = {amount, bare};
  return corpus;
}

std::string binary_of(const Corpus& corpus) {
  const BinaryBundleWriteResult written = write_binary_bundle(corpus);
  REQUIRE(written.error.empty());
  REQUIRE(is_binary_bundle(written.bytes));
  return written.bytes;
}

std::uint32_t u32_at(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  return value;
}

void put_u32(std::string& bytes, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

void put_u64(std::string& bytes, std::size_t at, std::uint64_t value) {
  for (std::size_t i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

// The checksum rewritten after a deliberate change, so that the check behind it is what refuses.
void reseal(std::string& bytes) {
  put_u64(bytes, 24, binary_bundle_checksum(std::string_view(bytes).substr(kBinaryBundleHeaderSize)));
}

// Where a section starts and how long it is, from the section table (0, 0 when absent).
std::pair<std::size_t, std::size_t> section(const std::string& bytes, std::uint32_t id) {
  const std::uint32_t count = u32_at(bytes, 12);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::size_t entry = kBinaryBundleHeaderSize + i * 24;
    if (u32_at(bytes, entry) == id) return {static_cast<std::size_t>(u32_at(bytes, entry + 8)), static_cast<std::size_t>(u32_at(bytes, entry + 16))};
  }
  return {0, 0};
}

std::string error_of(const std::string& bytes) {
  const BundleReadResult result = read_binary_bundle(bytes);
  CHECK_FALSE(result.corpus.has_value());
  CHECK_FALSE(result.error.empty());
  return result.error;
}

}  // namespace

TEST_CASE("the seed corpus goes JSON -> binary -> JSON byte for byte") {
  const std::string json = write_bundle(seed_bundle_corpus());
  const BundleReadResult from_json = read_bundle(json);
  REQUIRE(from_json.corpus.has_value());
  const std::string binary = binary_of(*from_json.corpus);
  const BundleReadResult from_binary = read_binary_bundle(binary);
  REQUIRE(from_binary.corpus.has_value());
  CHECK(from_binary.error.empty());
  CHECK(write_bundle(*from_binary.corpus) == json);
  CHECK(binary_of(*from_binary.corpus) == binary);
  // Without its search index, the binary bundle is the smaller.
  CHECK(binary.size() - section(binary, 11).second < json.size());
}

TEST_CASE("every field survives the binary bundle, including the optional ones") {
  const Corpus corpus = hand_made_corpus();
  const std::string json = write_bundle(corpus);
  REQUIRE(read_bundle(json).corpus.has_value());  // the hand-made corpus is a valid bundle
  const BundleReadResult read = read_binary_bundle(binary_of(corpus));
  REQUIRE(read.corpus.has_value());
  CHECK(write_bundle(*read.corpus) == json);
  CHECK(read.corpus->documents[0].removed[1].reason == "reading-time line");
  CHECK(read.corpus->amounts[0].usd_minimum == 650e6);
  CHECK_FALSE(read.corpus->amounts[0].usd_maximum.has_value());
  CHECK(read.corpus->quotes[1].speaker.empty());
}

TEST_CASE("an empty corpus is a valid binary bundle") {
  const BundleReadResult read = read_binary_bundle(binary_of(Corpus{}));
  REQUIRE(read.corpus.has_value());
  CHECK(read.corpus->documents.empty());
}

TEST_CASE("read_any_bundle tells the formats apart by their first bytes") {
  const Corpus corpus = hand_made_corpus();
  const BundleReadResult from_json = read_any_bundle(write_bundle(corpus));
  const BundleReadResult from_binary = read_any_bundle(binary_of(corpus));
  REQUIRE(from_json.corpus.has_value());
  REQUIRE(from_binary.corpus.has_value());
  CHECK(write_bundle(*from_json.corpus) == write_bundle(*from_binary.corpus));
  CHECK(read_any_bundle("").error.find("not valid JSON") == 0);
  CHECK(read_any_bundle("{\"format\":").error.find("not valid JSON") == 0);
  // A binary bundle whose line ends were rewritten in transfer gets the binary reader's message.
  std::string rewritten = binary_of(corpus);
  rewritten.erase(6, 1);
  CHECK(read_any_bundle(rewritten).error.find("wrong magic") != std::string::npos);
}

TEST_CASE("a truncated binary bundle is refused at every length") {
  const std::string bytes = binary_of(hand_made_corpus());
  CHECK(error_of(bytes.substr(0, 10)).find("truncated") != std::string::npos);
  CHECK(error_of(bytes.substr(0, bytes.size() - 1)) ==
        "binary bundle: truncated: the header says " + std::to_string(bytes.size()) + " bytes, found " + std::to_string(bytes.size() - 1));
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    CHECK_FALSE(read_binary_bundle(bytes.substr(0, length)).corpus.has_value());
  }
  CHECK(error_of(bytes + "x").find("wrong size") != std::string::npos);
}

TEST_CASE("a wrong magic, version or checksum is refused") {
  const std::string bytes = binary_of(hand_made_corpus());
  std::string magic = bytes;
  magic[1] = 'X';
  CHECK(error_of(magic).find("wrong magic") != std::string::npos);
  std::string version = bytes;
  put_u32(version, 8, 2);
  CHECK(error_of(version) == "binary bundle: this Loupe reads version 1, found 2");
  std::string damaged = bytes;
  damaged[damaged.size() - 3] ^= 0x20;
  CHECK(error_of(damaged) == "binary bundle: checksum mismatch (the file is damaged)");
  // Every single-bit flip past the header is caught.
  for (std::size_t at = kBinaryBundleHeaderSize; at < bytes.size(); at += 7) {
    std::string flipped = bytes;
    flipped[at] ^= 0x01;
    CHECK_FALSE(read_binary_bundle(flipped).corpus.has_value());
  }
}

TEST_CASE("sections outside the file, overlapping, repeated, unknown or missing are refused") {
  const std::string bytes = binary_of(hand_made_corpus());
  const std::size_t first_entry = kBinaryBundleHeaderSize;
  std::string outside = bytes;
  put_u64(outside, first_entry + 16, bytes.size());  // the strings section's length
  reseal(outside);
  CHECK(error_of(outside).find("section table[0]: the strings section") != std::string::npos);
  std::string huge = bytes;
  put_u64(huge, first_entry + 8, ~std::uint64_t{0});  // an offset that overflows when the length is added
  reseal(huge);
  CHECK(error_of(huge).find("lies outside") != std::string::npos);
  std::string overlapping = bytes;
  put_u64(overlapping, first_entry + 24 + 8, u32_at(bytes, first_entry + 8));  // the corpus section on the strings
  reseal(overlapping);
  CHECK(error_of(overlapping) == "binary bundle: two sections overlap");
  std::string repeated = bytes;
  put_u32(repeated, first_entry + 24, 1);
  reseal(repeated);
  CHECK(error_of(repeated).find("a second strings section") != std::string::npos);
  std::string unknown = bytes;
  put_u32(unknown, first_entry, 99);
  reseal(unknown);
  CHECK(error_of(unknown) == "binary bundle: section table[0]: unknown section id 99");
  std::string many = bytes;
  put_u32(many, 12, 1000000);
  CHECK(error_of(many).find("1000000 sections") != std::string::npos);
  std::string missing = bytes;
  put_u32(missing, 12, 2);  // only the strings and corpus sections listed
  reseal(missing);
  CHECK(error_of(missing) == "binary bundle: no documents section");
  std::string ragged = bytes;
  put_u64(ragged, first_entry + 48 + 16, 81);  // the documents section's length
  reseal(ragged);
  CHECK(error_of(ragged) == "binary bundle: the documents section's length 81 is not a multiple of its 80-byte records");
}

TEST_CASE("strings, runs, spans and references out of range are refused with their place") {
  const std::string bytes = binary_of(hand_made_corpus());
  const auto [strings_offset, strings_length] = section(bytes, 1);
  const auto [documents_offset, documents_length] = section(bytes, 3);
  const auto [entities_offset, entities_length] = section(bytes, 6);
  const auto [mentions_offset, mentions_length] = section(bytes, 8);
  const auto [quotes_offset, quotes_length] = section(bytes, 9);
  REQUIRE(documents_length == 2 * 80);

  std::string text = bytes;
  put_u32(text, documents_offset + 16 + 4, static_cast<std::uint32_t>(strings_length + 1));  // documents[0].text's length
  reseal(text);
  CHECK(error_of(text).find("documents[0].text: string ") == 0);
  CHECK(error_of(text).find("lies outside the strings section (" + std::to_string(strings_length) + " bytes)") != std::string::npos);

  std::string wrapping = bytes;
  put_u32(wrapping, documents_offset + 80 + 8, 0xFFFFFFFF);  // documents[1].title at offset 2^32-1, length 0
  reseal(wrapping);
  CHECK(error_of(wrapping).find("documents[1].title: string 4294967295..4294967295 lies outside") == 0);

  std::string warnings = bytes;
  put_u32(warnings, documents_offset + 68, 3);  // documents[0] has 3 of the 2 warnings
  reseal(warnings);
  CHECK(error_of(warnings) == "documents[0].warnings: warnings 0..3 lie outside the 2 warnings of the bundle");

  std::string removed = bytes;
  put_u32(removed, documents_offset + 72, 0xFFFFFFFF);
  put_u32(removed, documents_offset + 76, 2);
  reseal(removed);
  CHECK(error_of(removed).find("documents[0].removed: removed 4294967295..4294967297 lie outside") == 0);

  std::string duplicate = bytes;
  std::memcpy(duplicate.data() + documents_offset + 80, duplicate.data() + documents_offset, 8);  // documents[1].id = documents[0].id
  reseal(duplicate);
  CHECK(error_of(duplicate) == "documents[1].id: duplicate id \"a/1\"");

  std::string empty_id = bytes;
  put_u32(empty_id, documents_offset + 4, 0);
  reseal(empty_id);
  CHECK(error_of(empty_id) == "documents[0].id: empty");

  std::string mention_document = bytes;
  put_u32(mention_document, mentions_offset, 2);
  reseal(mention_document);
  CHECK(error_of(mention_document) == "entities[0].mentions[0].doc: no document number 2 (the bundle has 2)");

  std::string mention_end = bytes;
  put_u32(mention_end, mentions_offset + 8, 100000);
  reseal(mention_end);
  CHECK(error_of(mention_end).find("entities[0].mentions[0]: offsets 0..100000 lie outside the text of \"a/1\"") == 0);

  std::string reversed = bytes;
  put_u32(reversed, mentions_offset + 4, 5);
  put_u32(reversed, mentions_offset + 8, 4);
  reseal(reversed);
  CHECK(error_of(reversed).find("offsets 5..4 lie outside") != std::string::npos);

  std::string mention_run = bytes;
  put_u32(mention_run, entities_offset + 36, 5);
  reseal(mention_run);
  CHECK(error_of(mention_run).find("entities[0].mentions: mentions 0..5 lie outside the 2 mentions") == 0);

  std::string type = bytes;
  std::memcpy(type.data() + entities_offset + 16, type.data() + entities_offset + 8, 8);  // type = the name, "Mistral"
  reseal(type);
  CHECK(error_of(type) == "entities[0].type: unknown type \"Mistral\"");

  std::string speaker = bytes;
  put_u32(speaker, quotes_offset + 12, 3);
  reseal(speaker);
  CHECK(error_of(speaker) == "quotes[0].speaker: no entity number 2 (the bundle has 2)");

  std::string not_utf8 = bytes;
  not_utf8[strings_offset] = static_cast<char>(0xC0);
  reseal(not_utf8);
  CHECK(error_of(not_utf8).find("not valid UTF-8") != std::string::npos);
  (void)entities_length;
  (void)mentions_length;
  (void)quotes_length;
}

TEST_CASE("numbers that are not finite and unknown flags are refused") {
  const std::string bytes = binary_of(hand_made_corpus());
  const auto [money_offset, money_length] = section(bytes, 10);
  REQUIRE(money_length == 2 * 64);
  std::string infinite = bytes;
  put_u64(infinite, money_offset + 24, 0x7FF0000000000000ULL);
  reseal(infinite);
  CHECK(error_of(infinite) == "money[0].min: not a finite number");
  std::string flags = bytes;
  put_u32(flags, money_offset + 56, 4);
  reseal(flags);
  CHECK(error_of(flags) == "money[0]: unknown flags or reserved bytes set");
}

TEST_CASE("the writer refuses a quote whose speaker is no entity") {
  Corpus corpus = hand_made_corpus();
  corpus.quotes[0].speaker = "person:nobody";
  const BinaryBundleWriteResult written = write_binary_bundle(corpus);
  CHECK(written.bytes.empty());
  CHECK(written.error == "the binary bundle cannot be written: quotes[0].speaker: no entity with id \"person:nobody\"");
}

// [SECTION] The stored search index -------------------------------------------------------------------

namespace {

std::vector<std::string> result_ids(const search::Index& index, const Corpus& corpus, const std::string& query) {
  std::vector<std::string> ids;
  for (const search::Hit& hit : search::run_query(index, corpus, query, {}).hits) ids.push_back(corpus.documents[hit.document].id);
  return ids;
}

// The index section's bytes (after its version) and where they start.
std::pair<std::size_t, std::size_t> index_section(const std::string& bytes) {
  const auto [offset, length] = section(bytes, 11);
  REQUIRE(length > 4);
  return {offset + 4, length - 4};
}

}  // namespace

TEST_CASE("a binary bundle carries the search index, which the explorer's index takes instead of indexing the text") {
  const Corpus corpus = seed_bundle_corpus();
  const std::string bytes = binary_of(corpus);
  BundleReadResult read = read_binary_bundle(bytes);
  REQUIRE(read.corpus.has_value());
  REQUIRE(read.corpus->stored_index != nullptr);
  CHECK(read.corpus->stored_index->stored_for(*read.corpus));
  // The stored index is the one the text gives, byte for byte.
  CHECK(read.corpus->stored_index->encode() == search::Index::build_from_text(corpus).encode());
  const search::Index fresh = search::Index::build_from_text(corpus);
  const search::Index taken = search::Index::build(*read.corpus);
  CHECK_FALSE(read.corpus->stored_index->stored_for(*read.corpus));  // taken
  CHECK(taken.term_count() == fresh.term_count());
  CHECK(taken.average_weighted_length() == fresh.average_weighted_length());
  for (const char* query : {"Mistral", "invest", "\"open source\"", "hassab*", "mistrl", "has:quote", "type:person", "(meta OR microsoft) -deepseek"}) {
    CHECK(result_ids(taken, *read.corpus, query) == result_ids(fresh, corpus, query));
  }
  // A second index of the same corpus (a copy loaded again) indexes the text.
  CHECK(search::Index::build(*read.corpus).encode() == fresh.encode());
}

TEST_CASE("a bundle written with the explorer's index is the bundle that indexes its own text, byte for byte") {
  const Corpus corpus = seed_bundle_corpus();
  Explorer explorer;
  explorer.load(corpus);
  const BinaryBundleWriteResult with_index = write_binary_bundle(explorer.corpus(), &explorer.index());
  REQUIRE(with_index.error.empty());
  CHECK(with_index.bytes == binary_of(corpus));
  // An index of another corpus is not taken for this one.
  const search::Index other = search::Index::build_from_text(hand_made_corpus());
  CHECK(write_binary_bundle(corpus, &other).bytes == binary_of(corpus));
}

TEST_CASE("a bundle written with its index encoded beforehand, as loupe build does, is the same bundle byte for byte") {
  const Corpus corpus = seed_bundle_corpus();
  const std::string encoded = search::Index::of_text_to_store(corpus, 2).encode();
  const BinaryBundleWriteResult written = write_binary_bundle_with_encoded_index(corpus, encoded);
  REQUIRE(written.error.empty());
  CHECK(written.bytes == binary_of(corpus));
  const BundleReadResult read = read_binary_bundle(written.bytes);
  REQUIRE(read.corpus.has_value());
  REQUIRE(read.corpus->stored_index != nullptr);
  CHECK(read.corpus->stored_index->encode() == encoded);
}

TEST_CASE("a bundle's pieces view the texts in place and join into the bundle, its checksum taken across their seams") {
  const Corpus corpus = seed_bundle_corpus();
  const std::string encoded = encoded_index_to_store(corpus);
  const BinaryBundlePieces bundle = binary_bundle_pieces(corpus, encoded);
  REQUIRE(bundle.error.empty());
  std::string joined;
  for (const std::string_view piece : bundle.pieces) joined += piece;
  CHECK(joined.size() == bundle.size);
  CHECK(joined == binary_of(corpus));
  // Each text (longer than a short string) and the index are not copied: a piece is their bytes.
  for (const Document& document : corpus.documents) {
    CHECK(std::any_of(bundle.pieces.begin(), bundle.pieces.end(), [&](std::string_view piece) { return piece.data() == document.text.data(); }));
  }
  CHECK(bundle.pieces.back().data() == encoded.data());
  // Pieces of lengths that are not whole 32-byte blocks: the checksum carried across the seams is
  // the one the reader takes over the whole file.
  CHECK(std::any_of(bundle.pieces.begin() + 1, bundle.pieces.end(), [](std::string_view piece) { return piece.size() % 32 != 0; }));
  CHECK(read_binary_bundle(joined).corpus.has_value());
  // Moving the pieces keeps the bytes they view, once the pieces moved from are gone (under the
  // sanitizers, a view into freed bytes fails here).
  std::optional<BinaryBundlePieces> taken;
  {
    BinaryBundlePieces moved = binary_bundle_pieces(corpus, encoded);
    taken.emplace(std::move(moved));
  }
  std::string joined_after_move;
  for (const std::string_view piece : taken->pieces) joined_after_move += piece;
  CHECK(joined_after_move == joined);
}

TEST_CASE("a corpus that cannot be written gives an error and no pieces") {
  Corpus corpus = hand_made_corpus();
  corpus.quotes.front().speaker = "person:nobody";
  const BinaryBundlePieces bundle = binary_bundle_pieces(corpus, encoded_index_to_store(corpus));
  CHECK(bundle.pieces.empty());
  CHECK(bundle.error.find("person:nobody") != std::string::npos);
}

TEST_CASE("a stored index is not used for texts that changed after reading") {
  BundleReadResult read = read_binary_bundle(binary_of(hand_made_corpus()));
  REQUIRE(read.corpus.has_value());
  read.corpus->documents[0].text += " More.";
  CHECK_FALSE(read.corpus->stored_index->stored_for(*read.corpus));
  const search::Index index = search::Index::build(*read.corpus);
  CHECK(index.encode() == search::Index::build_from_text(*read.corpus).encode());
}

TEST_CASE("a stored index of another version is skipped, the text is indexed instead") {
  std::string bytes = binary_of(hand_made_corpus());
  const auto [offset, length] = section(bytes, 11);
  put_u32(bytes, offset, search::Index::kStoredVersion + 1);
  reseal(bytes);
  const BundleReadResult read = read_binary_bundle(bytes);
  REQUIRE(read.corpus.has_value());
  CHECK(read.corpus->stored_index == nullptr);
  (void)length;
}

TEST_CASE("a stored index that does not fit the documents is refused") {
  const std::string bytes = binary_of(hand_made_corpus());
  const auto [offset, length] = index_section(bytes);
  // Cut short, and with bytes left over.
  std::string short_index = bytes;
  short_index.erase(offset + length - 1, 1);
  put_u64(short_index, 16, short_index.size());
  {
    const auto entry = kBinaryBundleHeaderSize + (u32_at(bytes, 12) - 1) * 24;  // the index is the last section
    REQUIRE(u32_at(bytes, static_cast<std::size_t>(entry)) == 11);
    put_u64(short_index, entry + 16, length + 4 - 1);
  }
  reseal(short_index);
  CHECK(error_of(short_index).find("binary bundle: index") == 0);
  // Every byte of the index changed in turn: refused with a message or read (an index can be
  // wrong and still consistent), never undefined behaviour (the sanitizer build and the fuzz
  // target check that part).
  for (std::size_t at = offset; at < offset + length; ++at) {
    std::string changed = bytes;
    changed[at] = static_cast<char>(changed[at] ^ 0x55);
    reseal(changed);
    const BundleReadResult read = read_binary_bundle(changed);
    if (!read.corpus) {
      CHECK(read.error.find("binary bundle: index") == 0);
      continue;
    }
    Explorer explorer;
    explorer.load(*read.corpus);
    explorer.apply(SetQuery{"Mistral"});
    explorer.apply(SetQuery{"\"raised money\""});
    for (std::size_t d = 0; d < explorer.corpus().documents.size(); ++d) {
      for (const search::Highlight& highlight : explorer.text_highlights(d)) CHECK(highlight.end <= explorer.corpus().documents[d].text.size());
    }
  }
}

namespace {

// Reads `bytes` as the page does while they download: into a buffer of their size whose bytes
// past those arrived are 0xFF (a reader that read ahead would see them), `piece` bytes at a time.
BundleReadResult read_arriving(const std::string& bytes, std::size_t piece, bool* kept_up = nullptr) {
  std::string buffer(bytes.size(), '\xFF');
  BinaryBundleStream stream(buffer);
  for (std::size_t arrived = 0; arrived < bytes.size();) {
    const std::size_t next = std::min(bytes.size(), arrived + piece);
    buffer.replace(arrived, next - arrived, bytes, arrived, next - arrived);
    arrived = next;
    stream.arrived(arrived);
  }
  if (kept_up) *kept_up = stream.keeping_up();
  return stream.finish();
}

}  // namespace

TEST_CASE("a binary bundle read while it arrives, in pieces of any size, is the bundle read at once") {
  const std::string bytes = binary_of(seed_bundle_corpus());
  for (const std::size_t piece : {1, 13, 256, 4096, 1 << 20}) {
    bool kept_up = false;
    BundleReadResult read = read_arriving(bytes, piece, &kept_up);
    CHECK(kept_up);  // read as it came, not again at the end
    REQUIRE_MESSAGE(read.corpus.has_value(), read.error);
    REQUIRE(read.corpus->stored_index != nullptr);
    CHECK(read.corpus->stored_index->encode() == search::Index::build_from_text(*read.corpus).encode());
    CHECK(binary_of(*read.corpus) == bytes);
  }
}

TEST_CASE("a damaged binary bundle read while it arrives is refused with the message of one read at once") {
  const std::string bytes = binary_of(hand_made_corpus());
  std::size_t refused = 0;
  for (std::size_t at = 0; at < bytes.size(); at += 11) {
    for (const bool resealed : {false, true}) {  // damaged in transfer, or made so (its checksum right)
      std::string changed = bytes;
      changed[at] = static_cast<char>(changed[at] ^ 0x5A);
      if (resealed && changed.size() > kBinaryBundleHeaderSize) reseal(changed);
      const BundleReadResult at_once = read_binary_bundle(changed);
      const BundleReadResult arriving = read_arriving(changed, 97);
      CHECK(arriving.corpus.has_value() == at_once.corpus.has_value());
      CHECK(arriving.error == at_once.error);
      if (at_once.corpus && arriving.corpus) CHECK(binary_of(*arriving.corpus) == binary_of(*at_once.corpus));
      refused += at_once.corpus ? 0 : 1;
    }
  }
  CHECK(read_arriving(bytes.substr(0, 100), 7).error == read_binary_bundle(bytes.substr(0, 100)).error);
  CHECK(refused > 100);
}

TEST_CASE("an index section shorter than its version is refused alike, read at once or as it arrives") {
  std::string bytes = binary_of(hand_made_corpus());
  const std::uint32_t count = u32_at(bytes, 12);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::size_t entry = kBinaryBundleHeaderSize + i * 24;
    if (u32_at(bytes, entry) == 11) put_u64(bytes, entry + 16, 3);  // the index: 3 bytes, the rest left outside any section
  }
  reseal(bytes);
  const std::string message = error_of(bytes);
  CHECK(message.find("shorter than its version") != std::string::npos);
  CHECK(read_arriving(bytes, 64).error == message);
}
