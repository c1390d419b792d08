// Tests of work spread over threads (core/parallel.h).
#include <doctest/doctest.h>

#include <atomic>
#include <vector>

#include "core/parallel.h"

using namespace loupe;

TEST_CASE("every index is handled exactly once, whatever the number of threads") {
  for (const unsigned threads : {1u, 2u, 7u}) {
    std::vector<std::atomic<int>> visits(1000);
    for_each_index(visits.size(), threads, [&](std::size_t i) { ++visits[i]; });
    for (const std::atomic<int>& count : visits) CHECK(count.load() == 1);
  }
}

TEST_CASE("no work and more threads than work are both fine") {
  int calls = 0;
  for_each_index(0, 4, [&](std::size_t) { ++calls; });
  CHECK(calls == 0);
  std::vector<int> squares(3);
  for_each_index(squares.size(), 16, [&](std::size_t i) { squares[i] = static_cast<int>(i * i); });
  CHECK(squares == std::vector<int>{0, 1, 4});
}

TEST_CASE("there is always at least one thread to use") { CHECK(available_threads() >= 1); }
