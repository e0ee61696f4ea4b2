// UTF-8 validation, shared by the SDK's JSON serializer and plugins that check text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ingest::sdk {

/// Decodes the UTF-8 sequence starting at s[i]. Returns its length in bytes (1 to 4) and
/// sets cp to the code point, or returns 0 when the bytes there are not well-formed UTF-8
/// (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, truncated).
inline std::size_t utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& cp) noexcept {
    auto const c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    std::size_t len = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07u;
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        auto const cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0u) != 0x80u) {
            return 0;
        }
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
        return 0;
    }
    return len;
}

}  // namespace ingest::sdk
