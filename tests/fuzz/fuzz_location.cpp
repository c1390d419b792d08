// Fuzz target: the URL fragment (location.h). The input is a fragment as a link or the browser's
// address bar gives it ("#q=mistral&f=has%3Aquote&view=money&doc=..."). percent_decode must undo
// percent_encode on any bytes; the fragment's actions are applied to an explorer over the seed
// articles (annotated by a tiny tagger, loaded once and copied for each input), whose panels are
// then all asked for; and the fragment of the resulting view, applied to a fresh explorer, must
// give the same view back (location_of is a fixed point).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/explorer.h"
#include "core/location.h"
#include "fuzz_common.h"
#include "fuzz_explorer.h"

using namespace loupe;

namespace {

const Explorer& seed_explorer() {
  static const Explorer explorer = [] {
    Explorer loaded;
    loaded.load(fuzz::annotated_seed_corpus());
    return loaded;
  }();
  return explorer;
}

void apply_all(Explorer& explorer, const std::vector<Action>& actions) {
  for (const Action& action : actions) (void)explorer.apply(action);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  seed_explorer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view fragment(reinterpret_cast<const char*>(data), size);

  if (percent_decode(percent_encode(fragment)) != fragment) fuzz::finding("percent_decode does not undo percent_encode");
  (void)percent_decode(fragment);

  Explorer explorer = seed_explorer();
  apply_all(explorer, actions_for_location(fragment));
  fuzz::exercise_explorer(explorer);

  const std::string location = location_of(explorer);
  Explorer restored = seed_explorer();
  apply_all(restored, actions_for_location("#" + location));
  const std::string restored_location = location_of(restored);
  if (restored_location != location) fuzz::finding("a view's fragment gives another view", location + " -> " + restored_location);
  return 0;
}
