// Work spread over threads (see parallel.h).
#include "core/parallel.h"

#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

namespace loupe {

void for_each_index(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{0};
  auto take_indices = [&] {
    for (std::size_t i = next++; i < count; i = next++) work(i);
  };
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads && t < count; ++t) {
    try {
      helpers.emplace_back(take_indices);
    } catch (const std::system_error&) {
      break;  // no more threads here (WebAssembly without them): this one does the rest
    }
  }
  take_indices();
  for (std::thread& helper : helpers) helper.join();
}

unsigned available_threads() {
  static const unsigned threads = [] {
    const unsigned hardware = std::thread::hardware_concurrency();
    if (hardware <= 1) return 1u;
    try {
      std::thread([] {}).join();  // where no thread can start (WebAssembly without threads), one is all there is
    } catch (const std::system_error&) {
      return 1u;
    }
    return hardware;
  }();
  return threads;
}

}  // namespace loupe
