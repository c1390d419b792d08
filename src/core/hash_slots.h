// An open-addressing table of (hash, position) slots for items kept elsewhere, numbered 0, 1, 2 ...
// in order of addition: the index's vocabulary (terms by folded form) and the tagger's word types
// (types by word) look up every token here. Finding an item takes one probe and one read of the
// item, where a node-based map takes three dependent reads. The table doubles before it is half
// full, so that a probe always ends.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace loupe {

class HashSlots {
 public:
  // The position of the item with this hash that `is_item(position)` accepts; if there is none,
  // `add()` adds it (its position must be size(), the number of items before) and it is placed.
  template <typename IsItem, typename Add>
  std::uint32_t find_or_add(std::size_t hash, IsItem&& is_item, Add&& add) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    std::size_t at = hash & mask;
    for (; slots_[at].position_after != 0; at = (at + 1) & mask) {
      const Slot& slot = slots_[at];
      if (slot.hash == hash && is_item(slot.position_after - 1)) return slot.position_after - 1;
    }
    const auto position = static_cast<std::uint32_t>(size_);
    add();
    slots_[at] = {hash, position + 1};
    ++size_;
    return position;
  }

  std::size_t size() const { return size_; }

  // Forgets every item; keeps the table's room unless it is larger than `most_slots`.
  void clear(std::size_t most_slots) {
    if (slots_.size() > most_slots) {
      slots_ = std::vector<Slot>();
    } else {
      std::fill(slots_.begin(), slots_.end(), Slot{});
    }
    size_ = 0;
  }

 private:
  struct Slot {
    std::size_t hash = 0;
    std::uint32_t position_after = 0;  // the item's position + 1; 0: an empty slot
  };
  static constexpr std::size_t kFirstSlots = 1024;  // a power of two

  void grow() {
    const std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max(kFirstSlots, old.size() * 2), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.position_after == 0) continue;
      std::size_t at = slot.hash & mask;
      while (slots_[at].position_after != 0) at = (at + 1) & mask;
      slots_[at] = slot;
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace loupe
