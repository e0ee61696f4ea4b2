// Small UTF-8 string helpers shared by the feed decoder.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ingest::plugins::decoder_feed::detail {

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

/// NFC normalization (utf8proc). Text that is_nfc() accepts, nearly all feed text, is
/// returned as it came (moved, not copied); s is also returned unchanged when utf8proc
/// cannot normalize it (ill-formed UTF-8).
std::string nfc(std::string s);

}  // namespace ingest::plugins::decoder_feed::detail
