// Small UTF-8 string helpers shared by the feed decoder.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ingest::plugins::decoder_feed::detail {

// Eight bytes at a time: the scanners of the decoder look for the next byte that needs
// attention a word at a time. The masks are exact per byte (no carry or borrow crosses a
// byte), so the first marked byte is the first byte that matches.

/// The eight bytes at p (p[0, 8) must be readable) as one word, whatever their alignment.
inline std::uint64_t load_word(char const* p) noexcept {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    return word;
}

/// The high bit of every byte of word equal to b, no other bit.
constexpr std::uint64_t bytes_equal_mask(std::uint64_t word, unsigned char b) noexcept {
    constexpr std::uint64_t low_bits = 0x7F7F7F7F7F7F7F7F;
    constexpr std::uint64_t ones =
        0x0101010101010101;  // unsigned: b * ones must wrap, not overflow
    std::uint64_t const x = word ^ (ones * b);
    // (x & 0x7F) + 0x7F sets the high bit of a byte of x whose low bits are not all zero.
    return ~(((x & low_bits) + low_bits) | x) & ~low_bits;
}

/// The high bit of every byte of word below b (b <= 0x80), no other bit.
constexpr std::uint64_t bytes_below_mask(std::uint64_t word, unsigned char b) noexcept {
    constexpr std::uint64_t low_bits = 0x7F7F7F7F7F7F7F7F;
    constexpr std::uint64_t ones = 0x0101010101010101;
    // For a byte below 0x80, (x & 0x7F) + (0x80 - b) has its high bit set when x >= b.
    return ~(((word & low_bits) + ones * (0x80u - b)) | word) & ~low_bits;
}

/// The index (0-7, in input order) of the first byte marked in mask, a non-zero result of
/// the *_mask functions for a word read by load_word.
inline std::size_t first_marked_byte(std::uint64_t mask) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
        return static_cast<std::size_t>(std::countr_zero(mask)) / 8;
    } else {
        return static_cast<std::size_t>(std::countl_zero(mask)) / 8;
    }
}

// Sixteen bytes at a time where the target has SSE2 (every x86-64 processor): the hottest
// scanners read a block of sixteen bytes first, then words, then bytes. A block mask has
// bit k set for byte k of the block (input order).
#if defined(__SSE2__)
#define INGEST_FEED_BLOCK16 1
struct block16 {
    __m128i v;

    /// The sixteen bytes at p (p[0, 16) must be readable), whatever their alignment.
    static block16 load(char const* p) noexcept {
        return {_mm_loadu_si128(reinterpret_cast<__m128i const*>(p))};
    }
    /// Bytes equal to b.
    unsigned equal(unsigned char b) const noexcept {
        return static_cast<unsigned>(
            _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(b)))));
    }
    /// Bytes below b (unsigned, 1 <= b).
    unsigned below(unsigned char b) const noexcept {
        __m128i const top = _mm_set1_epi8(static_cast<char>(b - 1));
        return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, top), v)));
    }
    /// Bytes from 0x80 (not ASCII).
    unsigned high() const noexcept { return static_cast<unsigned>(_mm_movemask_epi8(v)); }
};

/// The index (0-15) of the first byte marked in a non-zero block mask.
inline std::size_t first_marked_in_block(unsigned mask) noexcept {
    return static_cast<std::size_t>(std::countr_zero(mask));
}
#endif

/// Skips Cyrillic letters U+0400..U+047F (lead byte 0xD0 or 0xD1, one continuation byte)
/// from s[i], four letters (eight bytes) at a time: s[i, result) is well-formed UTF-8 of
/// those letters only; up to three more of them may follow (the caller reads those one by
/// one). Such letters are never C1 controls, noncharacters or combining marks.
inline std::size_t skip_cyrillic_letters(std::string_view s, std::size_t i) noexcept {
    // Each pair: a lead byte 1101000x and a continuation byte 10xxxxxx, in input order.
    constexpr std::uint64_t pair_mask = std::bit_cast<std::uint64_t>(
        std::array<unsigned char, 8>{0xFE, 0xC0, 0xFE, 0xC0, 0xFE, 0xC0, 0xFE, 0xC0});
    constexpr std::uint64_t pair_bits = std::bit_cast<std::uint64_t>(
        std::array<unsigned char, 8>{0xD0, 0x80, 0xD0, 0x80, 0xD0, 0x80, 0xD0, 0x80});
    while (i + 8 <= s.size() && (load_word(s.data() + i) & pair_mask) == pair_bits) {
        i += 8;
    }
    return i;
}

/// ASCII whitespace and U+00A0 trimmed from both ends.
std::string_view trim(std::string_view s) noexcept;

/// ASCII lower-case copy.
std::string ascii_lower(std::string_view s);

/// True when a and b are equal ignoring ASCII case.
bool equals_icase(std::string_view a, std::string_view b) noexcept;

/// Runs of whitespace (ASCII and U+00A0) become one space; ends trimmed.
std::string collapse_space(std::string_view s);

/// Cuts s to at most max_bytes without splitting a UTF-8 sequence. Returns true when cut.
bool truncate_utf8(std::string& s, std::size_t max_bytes);

/// The longest prefix of s of at most max_bytes that does not split a UTF-8 sequence (s
/// itself when it is not longer): what truncate_utf8 keeps, without a copy.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) noexcept;

/// True when s is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s) noexcept;

/// s with every ill-formed UTF-8 sequence replaced by U+FFFD. replaced counts them.
std::string repair_utf8(std::string_view s, std::size_t& replaced);

/// Appends code point cp as UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// True when s is certainly in Unicode Normalization Form C: well-formed UTF-8 whose
/// characters NFC leaves as they are (the UAX #15 quick check, "maybe" counted as no).
/// Precomposed letters (é, й, が, ễ) and Hangul syllables pass without normalizing.
bool is_nfc(std::string_view s) noexcept;

/// is_nfc(s); when it is true, starters_only tells whether every character of s has
/// canonical combining class 0. Then a well-formed text made only of characters of s and of
/// ASCII is in NFC as well: each of its characters passes the quick check alone, and
/// without combining marks there is no order to check.
bool is_nfc(std::string_view s, bool& starters_only) noexcept;

/// True when every character of s (well-formed UTF-8) is a starter that NFC leaves alone
/// whatever stands next to it (is_nfc with starters_only): text made only of such
/// characters and ASCII, in any order, is in NFC.
inline bool nfc_stable_starters(std::string_view s) noexcept {
    bool starters_only = false;
    return is_nfc(s, starters_only) && starters_only;
}

/// NFC normalization (utf8proc). Text that is_nfc() accepts, nearly all feed text, is
/// returned as it came (moved, not copied); s is also returned unchanged when utf8proc
/// cannot normalize it (ill-formed UTF-8).
std::string nfc(std::string s);

}  // namespace ingest::plugins::decoder_feed::detail
