#include "text.hpp"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace ingest::plugins::decoder_feed::detail {

namespace {

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Length of the well-formed UTF-8 sequence at s[i], or 0 when ill-formed.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
    auto const b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char const c = b(i);
    if (c < 0x80) {
        return 1;
    }
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) {
            lo = 0xA0;
        } else if (c == 0xED) {
            hi = 0x9F;
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) {
            lo = 0x90;
        } else if (c == 0xF4) {
            hi = 0x8F;
        }
    } else {
        return 0;
    }
    if (i + n > s.size()) {
        return 0;
    }
    if (b(i + 1) < lo || b(i + 1) > hi) {
        return 0;
    }
    for (std::size_t k = 2; k < n; ++k) {
        if (b(i + k) < 0x80 || b(i + k) > 0xBF) {
            return 0;
        }
    }
    return n;
}

}  // namespace

std::string_view trim(std::string_view s) noexcept {
    for (;;) {
        if (!s.empty() && is_space(s.front())) {
            s.remove_prefix(1);
        } else if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') {
            s.remove_prefix(2);
        } else {
            break;
        }
    }
    for (;;) {
        if (!s.empty() && is_space(s.back())) {
            s.remove_suffix(1);
        } else if (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xA0') {
            s.remove_suffix(2);
        } else {
            break;
        }
    }
    return s;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool equals_icase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') {
            x = static_cast<char>(x - 'A' + 'a');
        }
        if (y >= 'A' && y <= 'Z') {
            y = static_cast<char>(y - 'A' + 'a');
        }
        if (x != y) {
            return false;
        }
    }
    return true;
}

std::string collapse_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool space = is_space(s[i]);
        if (!space && s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
            space = true;
            ++i;
        }
        if (space) {
            pending = !out.empty();
            continue;
        }
        if (pending) {
            out += ' ';
            pending = false;
        }
        out += s[i];
    }
    return out;
}

bool truncate_utf8(std::string& s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) {
        return false;
    }
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    s.resize(cut);
    return true;
}

bool is_valid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t const n = utf8_sequence_length(s, i);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

std::string repair_utf8(std::string_view s, std::size_t& replaced) {
    std::string out;
    out.reserve(s.size());
    replaced = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t const n = utf8_sequence_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++replaced;
            ++i;
            continue;
        }
        out.append(s.substr(i, n));
        i += n;
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        cp = 0xFFFD;
    }
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string nfc(std::string_view s) {
    // Quick check: text already in NFC (nearly all feed text) is returned as is. Code points
    // below U+0300 are NFC-stable; above, only combining marks, canonical decompositions,
    // composition exclusions and conjoining jamo can change.
    bool needed = false;
    for (std::size_t i = 0; i < s.size() && !needed;) {
        std::size_t const n = utf8_sequence_length(s, i);
        if (n == 0) {
            needed = true;
            break;
        }
        if (n >= 2) {
            utf8proc_int32_t cp = 0;
            utf8proc_iterate(reinterpret_cast<utf8proc_uint8_t const*>(s.data() + i),
                             static_cast<utf8proc_ssize_t>(n), &cp);
            if (cp >= 0x300) {
                utf8proc_property_t const* p = utf8proc_get_property(cp);
                needed = p->combining_class != 0 || p->comp_exclusion != 0 ||
                         (cp >= 0x1100 && cp <= 0x11FF) ||
                         (p->decomp_type == 0 && p->decomp_seqindex != UINT16_MAX);
            }
        }
        i += n;
    }
    if (!needed) {
        return std::string(s);
    }
    utf8proc_uint8_t* out = nullptr;
    auto const n = utf8proc_map(reinterpret_cast<utf8proc_uint8_t const*>(s.data()),
                                static_cast<utf8proc_ssize_t>(s.size()), &out,
                                static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (n < 0 || out == nullptr) {
        std::free(out);
        return std::string(s);
    }
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
    return std::string(reinterpret_cast<char const*>(out), static_cast<std::size_t>(n));
}

}  // namespace ingest::plugins::decoder_feed::detail
