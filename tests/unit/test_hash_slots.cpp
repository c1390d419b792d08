// Tests of core/hash_slots.h: items found by hash and equality, numbered in order of addition,
// through the table's growth, with colliding hashes, and after clear().
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/hash_slots.h"

namespace {

// Words numbered in order of first use, as the index's vocabulary numbers its terms.
struct Words {
  loupe::HashSlots slots;
  std::vector<std::string> items;
  std::uint32_t add(const std::string& word, std::size_t hash) {
    return slots.find_or_add(hash, [&](std::uint32_t at) { return items[at] == word; }, [&] { items.push_back(word); });
  }
};

}  // namespace

TEST_CASE("hash slots number items in order of first addition, and find each again") {
  Words words;
  for (std::uint32_t i = 0; i < 5000; ++i) CHECK(words.add("w" + std::to_string(i), std::hash<std::string>{}("w" + std::to_string(i))) == i);
  CHECK(words.slots.size() == 5000);
  for (std::uint32_t i = 0; i < 5000; ++i) CHECK(words.add("w" + std::to_string(i), std::hash<std::string>{}("w" + std::to_string(i))) == i);
  CHECK(words.items.size() == 5000);
}

TEST_CASE("hash slots tell apart items whose hashes are all the same") {
  Words words;
  for (std::uint32_t i = 0; i < 300; ++i) CHECK(words.add("w" + std::to_string(i), 7) == i);
  for (std::uint32_t i = 0; i < 300; ++i) CHECK(words.add("w" + std::to_string(i), 7) == i);
  CHECK(words.items.size() == 300);
}

TEST_CASE("hash slots forget every item on clear, with or without keeping their room") {
  for (const std::size_t most_slots : {std::size_t{0}, std::size_t{1} << 20}) {
    CAPTURE(most_slots);
    Words words;
    for (std::uint32_t i = 0; i < 3000; ++i) words.add("w" + std::to_string(i), i);
    words.slots.clear(most_slots);
    words.items.clear();
    CHECK(words.slots.size() == 0);
    CHECK(words.add("w2999", 2999) == 0);  // not found: added again, as the first
    CHECK(words.add("w5", 5) == 1);
    CHECK(words.add("w2999", 2999) == 0);
  }
}
