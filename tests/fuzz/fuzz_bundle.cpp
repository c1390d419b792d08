// Fuzz target: the bundle loader. The input is a bundle's JSON text, as the page and the desktop
// app receive it. read_bundle must refuse it with a message or return a corpus; a corpus it
// accepts must write back (write_bundle) into a bundle that reads again and writes the same text
// (a failed round trip is a finding), and must load into the explorer, whose panels, exports
// and fragment are all asked for (offsets must stay inside their texts).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bundle.h"
#include "core/explorer.h"
#include "fuzz_common.h"
#include "fuzz_explorer.h"

using namespace loupe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json_text(reinterpret_cast<const char*>(data), size);
  BundleReadResult first = read_bundle(json_text);
  if (!first.corpus) {
    if (first.error.empty()) fuzz::finding("a bundle refused without a message");
    return 0;
  }
  if (!first.error.empty()) fuzz::finding("a bundle read with an error", first.error);

  const std::string written = write_bundle(*first.corpus);
  const BundleReadResult second = read_bundle(written);
  if (!second.corpus) fuzz::finding("a bundle that was read does not read again once written", second.error);
  if (write_bundle(*second.corpus) != written) fuzz::finding("a bundle written, read and written again changed");

  fuzz::exercise_loaded_corpus(std::move(*first.corpus), "has:quote");
  return 0;
}
