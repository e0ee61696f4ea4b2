#include "text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace ingest::plugins::decoder_feed::detail {

namespace {

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// The index of the first non-ASCII byte of s at or after i (s.size() when none), eight
/// bytes at a time.
std::size_t skip_ascii(std::string_view s, std::size_t i) noexcept {
#if INGEST_FEED_BLOCK16
    while (i + 16 <= s.size()) {
        if (unsigned const marked = block16::load(s.data() + i).high(); marked != 0) {
            return i + first_marked_in_block(marked);
        }
        i += 16;
    }
#endif
    constexpr std::uint64_t high_bits = 0x8080808080808080;
    // Sixteen bytes a step while they are all ASCII, then the word with the first other byte.
    while (i + 16 <= s.size() &&
           ((load_word(s.data() + i) | load_word(s.data() + i + 8)) & high_bits) == 0) {
        i += 16;
    }
    while (i + 8 <= s.size()) {
        std::uint64_t const non_ascii = load_word(s.data() + i) & high_bits;
        if (non_ascii != 0) {
            return i + first_marked_byte(non_ascii);
        }
        i += 8;
    }
    while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) {
        ++i;
    }
    return i;
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

/// Code points below this (Latin-1, Latin Extended, IPA) are starters that neither
/// decompose canonically into something else nor compose with what precedes them.
constexpr char32_t first_unstable = 0x300;

/// True when cp, which has a canonical decomposition, is the primary composite of that
/// decomposition: NFC composes the decomposition back into cp (é, й, が, ễ). False for
/// singletons (U+212B ANGSTROM SIGN, CJK compatibility ideographs), non-starter
/// decompositions and composition exclusions, which NFC replaces.
bool is_primary_composite(char32_t cp) noexcept {
    std::array<utf8proc_int32_t, 8> buffer{};
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buffer.data(),
                                                 static_cast<utf8proc_ssize_t>(buffer.size()),
                                                 UTF8PROC_DECOMPOSE, &boundclass);
    if (n < 2 || n > static_cast<utf8proc_ssize_t>(buffer.size())) {
        return false;
    }
    n = utf8proc_normalize_utf32(buffer.data(), n, UTF8PROC_COMPOSE);
    return n == 1 && buffer[0] == static_cast<utf8proc_int32_t>(cp);
}

/// The quick check's verdict on a code point at or above first_unstable that NFC may change
/// whatever precedes it (NFC_QC=No or Maybe); not a canonical combining class (at most 240).
constexpr std::uint8_t nfc_changes = 0xFF;

/// The NFC quick check of UAX #15 for one code point at or above first_unstable, apart from
/// the order of combining marks: nfc_changes, or its canonical combining class when NFC
/// leaves it as it is. Conservative where utf8proc's data does not say more: every
/// conjoining jamo is "maybe".
std::uint8_t nfc_class(char32_t cp) noexcept {
    utf8proc_property_t const* const p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
    if (p->comp_exclusion != 0) {
        return nfc_changes;
    }
    // utf8proc marks the second character of a composition pair (U+0301, U+3099, U+0B3E...)
    // with the high bit of comb_index: it may combine with the character before
    // (NFC_QC=Maybe). The feed_nfc tests pin this reading of utf8proc's data.
    if (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000) != 0) {
        return nfc_changes;
    }
    // Hangul L+V and LV+T jamo are composed by algorithm, not by utf8proc's pair table.
    if (cp >= 0x1100 && cp <= 0x11FF) {
        return nfc_changes;
    }
    bool const canonical_decomposition = p->decomp_type == 0 && p->decomp_seqindex != UINT16_MAX;
    if (canonical_decomposition && !is_primary_composite(cp)) {
        return nfc_changes;
    }
    return static_cast<std::uint8_t>(std::min<int>(p->combining_class, nfc_changes - 1));
}

/// nfc_class() of the BMP code points from first_unstable on, indexed by cp - first_unstable.
using bmp_nfc_classes = std::array<std::uint8_t, 0x10000 - first_unstable>;

/// The table of nfc_class() over the BMP, built on first use from utf8proc's data (a
/// function-local static: thread-safe initialization, no destructor). 64 KiB, so that the
/// quick check costs one load per character instead of a property lookup and, for
/// precomposed letters (й, が), a decomposition and recomposition.
bmp_nfc_classes const& bmp_nfc_table() noexcept {
    static bmp_nfc_classes const table = [] {
        bmp_nfc_classes t{};
        for (char32_t cp = first_unstable; cp < 0x10000; ++cp) {
            // Surrogates are never looked up: is_nfc rejects them as ill-formed UTF-8.
            t[cp - first_unstable] = cp >= 0xD800 && cp <= 0xDFFF ? nfc_changes : nfc_class(cp);
        }
        return t;
    }();
    return table;
}

/// The NFC quick check of UAX #15 for a code point at or above first_unstable whose
/// nfc_class() is cls, with the canonical combining class of the previous one: false when
/// NFC may change the text here (marks out of canonical order, NFC_QC=No or Maybe), true
/// when it certainly does not.
bool stays_in_nfc(std::uint8_t cls, int& last_ccc) noexcept {
    if (cls == nfc_changes) {
        return false;
    }
    int const ccc = cls;
    if (ccc != 0 && last_ccc > ccc) {
        return false;  // combining marks to be reordered
    }
    last_ccc = ccc;
    return true;
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
    // The length of the whitespace at s[i] (is_space or U+00A0), 0 if none.
    auto const space_at = [s](std::size_t i) -> std::size_t {
        if (is_space(s[i])) {
            return 1;
        }
        return s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0' ? 2 : 0;
    };
    bool pending = false;
    for (std::size_t i = 0; i < s.size();) {
        if (std::size_t const w = space_at(i); w > 0) {
            pending = !out.empty();
            i += w;
            continue;
        }
        std::size_t end = i + 1;  // a word, appended whole
        while (end < s.size() && space_at(end) == 0) {
            ++end;
        }
        if (pending) {
            out += ' ';
            pending = false;
        }
        out.append(s, i, end - i);
        i = end;
    }
    return out;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) noexcept {
    if (s.size() <= max_bytes) {
        return s;
    }
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return s.substr(0, cut);
}

bool truncate_utf8(std::string& s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) {
        return false;
    }
    s.resize(utf8_prefix(s, max_bytes).size());
    return true;
}

bool is_valid_utf8(std::string_view s) noexcept {
    // utf8_sequence_length's rules, inlined: this runs over every byte of every document.
    auto const* const p = reinterpret_cast<unsigned char const*>(s.data());
    std::size_t const size = s.size();
    std::size_t i = 0;
    while (i < size) {
        i = skip_ascii(s, i);
        // A run of non-ASCII characters (Cyrillic, kana and kanji words).
        while (i < size && p[i] >= 0x80) {
            if (std::size_t const next = skip_cyrillic_letters(s, i); next != i) {
                i = next;
                continue;
            }
            unsigned char const c = p[i];
            std::size_t const left = size - i;
            if (c >= 0xC2 && c <= 0xDF) {
                if (left < 2 || (p[i + 1] & 0xC0) != 0x80) {
                    return false;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                unsigned char const lo = c == 0xE0 ? 0xA0 : 0x80;
                unsigned char const hi = c == 0xED ? 0x9F : 0xBF;
                if (left < 3 || p[i + 1] < lo || p[i + 1] > hi || (p[i + 2] & 0xC0) != 0x80) {
                    return false;
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                unsigned char const lo = c == 0xF0 ? 0x90 : 0x80;
                unsigned char const hi = c == 0xF4 ? 0x8F : 0xBF;
                if (left < 4 || p[i + 1] < lo || p[i + 1] > hi || (p[i + 2] & 0xC0) != 0x80 ||
                    (p[i + 3] & 0xC0) != 0x80) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
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

bool is_nfc(std::string_view s) noexcept {
    bool starters_only = false;
    return is_nfc(s, starters_only);
}

bool is_nfc(std::string_view s, bool& starters_only) noexcept {
    starters_only = true;
    auto const* const bytes = reinterpret_cast<unsigned char const*>(s.data());
    bmp_nfc_classes const* table = nullptr;  // looked up at the first character that needs it
    int last_ccc = 0;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char const c = bytes[i];
        if (c < 0x80) {
            last_ccc = 0;
            i = skip_ascii(s, i + 1);
            continue;
        }
        if (std::size_t const next = skip_cyrillic_letters(s, i); next != i) {
            last_ccc = 0;  // starters that NFC leaves alone (the feed_text tests check all)
            i = next;
            continue;
        }
        // Two- and three-byte sequences decoded here, with the checks of
        // utf8_sequence_length(); four-byte ones by it.
        std::size_t const left = s.size() - i;
        char32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            if (left < 2 || (bytes[i + 1] & 0xC0) != 0x80) {
                return false;
            }
            cp = (char32_t{c} & 0x1F) << 6 | (char32_t{bytes[i + 1]} & 0x3F);
            i += 2;
            if (cp < first_unstable) {
                last_ccc = 0;  // U+0080..U+02FF (é, ß, ł...)
                continue;
            }
        } else if (c >= 0xE0 && c <= 0xEF) {
            unsigned char const lo = c == 0xE0 ? 0xA0 : 0x80;
            unsigned char const hi = c == 0xED ? 0x9F : 0xBF;
            if (left < 3 || bytes[i + 1] < lo || bytes[i + 1] > hi ||
                (bytes[i + 2] & 0xC0) != 0x80) {
                return false;
            }
            cp = (char32_t{c} & 0x0F) << 12 | (char32_t{bytes[i + 1]} & 0x3F) << 6 |
                 (char32_t{bytes[i + 2]} & 0x3F);
            i += 3;
        } else {
            if (utf8_sequence_length(s, i) != 4) {
                return false;
            }
            cp = (char32_t{c} & 0x07) << 18 | (char32_t{bytes[i + 1]} & 0x3F) << 12 |
                 (char32_t{bytes[i + 2]} & 0x3F) << 6 | (char32_t{bytes[i + 3]} & 0x3F);
            i += 4;
        }
        std::uint8_t cls = 0;
        if (cp < 0x10000) {
            if (table == nullptr) {
                table = &bmp_nfc_table();
            }
            cls = (*table)[cp - first_unstable];
        } else {
            cls = nfc_class(cp);
        }
        if (!stays_in_nfc(cls, last_ccc)) {
            return false;
        }
        if (cls != 0) {
            starters_only = false;
        }
    }
    return true;
}

std::string nfc(std::string s) {
    if (is_nfc(s)) {
        return s;  // nearly all feed text: no copy, no second pass
    }
    utf8proc_uint8_t* out = nullptr;
    auto const n = utf8proc_map(reinterpret_cast<utf8proc_uint8_t const*>(s.data()),
                                static_cast<utf8proc_ssize_t>(s.size()), &out,
                                static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (n < 0 || out == nullptr) {
        std::free(out);
        return s;
    }
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
    return std::string(reinterpret_cast<char const*>(out), static_cast<std::size_t>(n));
}

}  // namespace ingest::plugins::decoder_feed::detail
