// Work spread over threads where the platform has them: the CLI and the desktop app tag, read
// and annotate documents on every core; the page's WebAssembly has no threads, and the same call
// then runs everything on the calling thread. Results must not depend on the number of threads:
// each index is handled once, by one thread, and callers write only to their own slot.
#pragma once

#include <cstddef>
#include <functional>

namespace loupe {

// Calls work(i) for every i in [0, count), on up to `threads` threads (the calling one
// included), each taking the next index as it becomes free. `work` must not throw.
void for_each_index(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work);

// Threads worth using here: the hardware's, at least 1; 1 where no thread can start.
unsigned available_threads();

}  // namespace loupe
