// Fuzz target: the binary bundle loader (core/bundle_binary.h). The input is a binary bundle as the
// page and the desktop app receive it; before reading, the target writes the right checksum into
// the header, since otherwise almost every mutation would stop at the checksum and the checks
// behind it would go unfuzzed (the unit tests check the checksum itself). read_binary_bundle must
// refuse the bytes with a message or return a corpus; a corpus it accepts must hold valid UTF-8,
// write back as a binary bundle that reads again and writes the same bytes (its stored search index
// included), write as a JSON bundle that read_bundle accepts and writes back the same, and load
// into the explorer (which takes the stored index), whose panels, exports and fragment are all
// asked for (offsets must stay inside their texts). The same bytes read as they would arrive
// (BinaryBundleStream, in three pieces cut where the input's last bytes say, the bytes not yet
// arrived being garbage) must give the same corpus or the same message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bundle.h"
#include "core/bundle_binary.h"
#include "core/explorer.h"
#include "fuzz_common.h"
#include "fuzz_explorer.h"

using namespace loupe;

namespace {

void check_utf8(const Corpus& corpus) {
  auto check = [](const std::string& text) {
    if (!fuzz::valid_utf8(text)) fuzz::finding("a binary bundle accepted with a string that is not valid UTF-8");
  };
  check(corpus.name);
  for (const Document& document : corpus.documents) {
    for (const std::string* field : {&document.id, &document.title, &document.text, &document.date, &document.url, &document.source, &document.author}) {
      check(*field);
    }
    for (const std::string& warning : document.warnings) check(warning);
    for (const RemovedText& piece : document.removed) {
      check(piece.text);
      check(piece.reason);
    }
  }
  for (const EntityRecord& entity : corpus.entities) {
    check(entity.id);
    check(entity.name);
    for (const std::string& alias : entity.aliases) check(alias);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.size() >= kBinaryBundleHeaderSize) {
    const std::uint64_t checksum = binary_bundle_checksum(std::string_view(bytes).substr(kBinaryBundleHeaderSize));
    for (std::size_t i = 0; i < 8; ++i) bytes[24 + i] = static_cast<char>((checksum >> (8 * i)) & 0xFF);
  }
  BundleReadResult first = read_binary_bundle(bytes);
  {
    std::string buffer(bytes.size(), '\xA5');
    BinaryBundleStream stream(buffer);
    const std::size_t cut = size >= 2 ? (data[size - 1] * 257u + data[size - 2]) % (size + 1) : size;
    for (const std::size_t arrived : {cut / 2, cut, bytes.size()}) {
      buffer.replace(0, arrived, bytes, 0, arrived);
      stream.arrived(arrived);
    }
    const BundleReadResult arriving = stream.finish();
    if (arriving.error != first.error || arriving.corpus.has_value() != first.corpus.has_value()) {
      fuzz::finding("a binary bundle read as it arrives gives another result than read at once", arriving.error + " / " + first.error);
    }
    if (arriving.corpus && write_binary_bundle(*arriving.corpus).bytes != write_binary_bundle(*first.corpus).bytes) {
      fuzz::finding("a binary bundle read as it arrives gives another corpus than read at once");
    }
  }
  if (!first.corpus) {
    if (first.error.empty()) fuzz::finding("a binary bundle refused without a message");
    return 0;
  }
  if (!first.error.empty()) fuzz::finding("a binary bundle read with an error", first.error);
  check_utf8(*first.corpus);

  const BinaryBundleWriteResult written = write_binary_bundle(*first.corpus);
  if (!written.error.empty()) fuzz::finding("a binary bundle that was read cannot be written", written.error);
  const BundleReadResult second = read_binary_bundle(written.bytes);
  if (!second.corpus) fuzz::finding("a binary bundle that was read does not read again once written", second.error);
  const BinaryBundleWriteResult rewritten = write_binary_bundle(*second.corpus);
  if (rewritten.bytes != written.bytes) fuzz::finding("a binary bundle written, read and written again changed");

  const std::string json = write_bundle(*first.corpus);
  const BundleReadResult from_json = read_bundle(json);
  if (!from_json.corpus) fuzz::finding("a binary bundle that was read is refused once written as JSON", from_json.error);
  if (write_bundle(*from_json.corpus) != json) fuzz::finding("a binary bundle changed on its way through JSON");

  fuzz::exercise_loaded_corpus(std::move(*first.corpus), "has:money");
  return 0;
}
