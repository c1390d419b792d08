// 16 bytes of text classified at once where SSE2 is there (x86-64's baseline; elsewhere, as in
// WebAssembly, the callers go a byte at a time): which bytes are ASCII letters and digits (the
// bytes of words, unicode.h's kAsciiWordBytes), which are the joiners a counted word goes on
// through (kWordJoiners), and which belong to code points beyond ASCII. Bit i of a mask is byte i.
// count_words and the tokenizer step over runs of ASCII with them.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace loupe::text {

// The ASCII joiners a counted word goes on through ("don't", "well-known"): count_words' table of
// kinds and the blocks' joiner mask both take them from here.
inline constexpr char kWordJoiners[2] = {'\'', '-'};

#if defined(__SSE2__)
inline constexpr std::size_t kAsciiBlockBytes = 16;

struct AsciiBlock {
  std::uint32_t word;
  std::uint32_t joiner;
  std::uint32_t beyond_ascii;
};

inline AsciiBlock classify_ascii_block(const char* at) {
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  // A byte is in a..z when, minus 'a' (wrapping), it is at most 25: subtracting 25 with
  // saturation then leaves 0. (Bytes beyond ASCII are neither letters nor digits this way.)
  const auto at_most = [](__m128i value, char most) { return _mm_cmpeq_epi8(_mm_subs_epu8(value, _mm_set1_epi8(most)), _mm_setzero_si128()); };
  const __m128i letter = at_most(_mm_sub_epi8(_mm_or_si128(bytes, _mm_set1_epi8(0x20)), _mm_set1_epi8('a')), 25);
  const __m128i digit = at_most(_mm_sub_epi8(bytes, _mm_set1_epi8('0')), 9);
  const __m128i joiner = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(kWordJoiners[0])), _mm_cmpeq_epi8(bytes, _mm_set1_epi8(kWordJoiners[1])));
  return AsciiBlock{static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit))),
                    static_cast<std::uint32_t>(_mm_movemask_epi8(joiner)), static_cast<std::uint32_t>(_mm_movemask_epi8(bytes))};
}

// The place of the lowest bit set in `bits` (not 0).
inline std::size_t lowest_bit(std::uint32_t bits) { return static_cast<std::size_t>(__builtin_ctz(bits)); }

// The bits set, in a few operations (std::popcount is a library call on a processor not known to
// have the instruction, as x86-64's baseline is not).
inline std::size_t bits_set(std::uint32_t bits) {
  bits = bits - ((bits >> 1) & 0x55555555u);
  bits = (bits & 0x33333333u) + ((bits >> 2) & 0x33333333u);
  bits = (bits + (bits >> 4)) & 0x0F0F0F0Fu;
  return (bits * 0x01010101u) >> 24;
}
#endif

}  // namespace loupe::text
