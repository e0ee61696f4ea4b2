#include "text.hpp"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace ingest::plugins::decoder_press_text::detail {

namespace {

constexpr char32_t replacement_character = 0xFFFD;

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

/// Length of the valid UTF-8 sequence at s[i], or 0 with bad set to the length of the
/// maximal invalid subpart (at least 1), after Unicode 15 §3.9 "U+FFFD substitution".
std::size_t valid_sequence_length(std::string_view s, std::size_t i, std::size_t& bad) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char const c = byte(i);
    if (c < 0x80) {
        return 1;
    }
    std::size_t need = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c == 0xE0) {
        need = 2;
        lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
        need = 2;
    } else if (c == 0xED) {
        need = 2;
        hi = 0x9F;
    } else if (c == 0xF0) {
        need = 3;
        lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
        need = 3;
    } else if (c == 0xF4) {
        need = 3;
        hi = 0x8F;
    } else {
        bad = 1;
        return 0;
    }
    for (std::size_t k = 1; k <= need; ++k) {
        if (i + k >= s.size()) {
            bad = k;
            return 0;
        }
        unsigned char const b = byte(i + k);
        bool const ok = k == 1 ? (b >= lo && b <= hi) : is_continuation(b);
        if (!ok) {
            bad = k;
            return 0;
        }
    }
    return need + 1;
}

decoded_text decode_utf8(std::string_view bytes) {
    decoded_text out;
    out.text.reserve(bytes.size());
    std::size_t i = 0;
    while (i < bytes.size()) {
        std::size_t bad = 0;
        std::size_t const n = valid_sequence_length(bytes, i, bad);
        if (n != 0) {
            out.text.append(bytes.substr(i, n));
            i += n;
        } else {
            out.repairs.push_back(out.text.size());
            append_utf8(out.text, replacement_character);
            i += bad;
        }
    }
    return out;
}

decoded_text decode_utf16(std::string_view bytes, bool little_endian) {
    decoded_text out;
    out.text.reserve(bytes.size());
    auto unit = [&](std::size_t k) -> char32_t {
        auto const a = static_cast<unsigned char>(bytes[k]);
        auto const b = static_cast<unsigned char>(bytes[k + 1]);
        return little_endian ? static_cast<char32_t>(a | (b << 8))
                             : static_cast<char32_t>((a << 8) | b);
    };
    auto repair = [&] {
        out.repairs.push_back(out.text.size());
        append_utf8(out.text, replacement_character);
    };
    std::size_t i = 2;  // after the byte-order mark
    while (i + 1 < bytes.size()) {
        char32_t const u = unit(i);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 1 < bytes.size()) {
                char32_t const v = unit(i);
                if (v >= 0xDC00 && v <= 0xDFFF) {
                    i += 2;
                    append_utf8(out.text, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                    continue;
                }
            }
            repair();
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            repair();
        } else {
            append_utf8(out.text, u);
        }
    }
    if (i < bytes.size()) {
        repair();  // an odd trailing byte
    }
    return out;
}

}  // namespace

decoded_text decode_payload(std::string_view bytes) {
    if (bytes.size() >= 2) {
        auto const b0 = static_cast<unsigned char>(bytes[0]);
        auto const b1 = static_cast<unsigned char>(bytes[1]);
        if (b0 == 0xFF && b1 == 0xFE) {
            return decode_utf16(bytes, true);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return decode_utf16(bytes, false);
        }
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        bytes.remove_prefix(3);
    }
    return decode_utf8(bytes);
}

std::vector<text_line> split_lines(std::string_view text) {
    std::vector<text_line> lines;
    for_each_line(text, [&](text_line const& l) { lines.push_back(l); });
    return lines;
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto const c = static_cast<unsigned char>(s[i]);
    std::size_t n = 1;
    char32_t cp = c;
    if (c >= 0xF0) {
        n = 4;
        cp = c & 0x07;
    } else if (c >= 0xE0) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xC0) {
        n = 2;
        cp = c & 0x1F;
    }
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    i += n;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t code_point_count(std::string_view s) {
    std::size_t n = 0;
    for (char const c : s) {
        if (!is_continuation(static_cast<unsigned char>(c))) {
            ++n;
        }
    }
    return n;
}

bool is_space_like(char32_t cp) {
    if (cp <= 0x20) {
        return cp != '\n' && cp != '\r' && cp != 0;
    }
    return cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_dropped(char32_t cp) {
    return cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

std::string normalize_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t const start = i;
        char32_t const cp = next_code_point(s, i);
        if (is_space_like(cp) || cp == '\n' || cp == '\r') {
            pending_space = !out.empty();
        } else if (!is_dropped(cp)) {
            if (pending_space) {
                out.push_back(' ');
                pending_space = false;
            }
            out.append(s.substr(start, i - start));
        }
    }
    return out;
}

bool is_blank(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t const cp = next_code_point(s, i);
        if (!is_space_like(cp) && !is_dropped(cp) && cp != '\n' && cp != '\r') {
            return false;
        }
    }
    return true;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && equals_icase(s.substr(0, prefix.size()), prefix);
}

bool equals_icase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        x = (x >= 'A' && x <= 'Z') ? static_cast<char>(x - 'A' + 'a') : x;
        y = (y >= 'A' && y <= 'Z') ? static_cast<char>(y - 'A' + 'a') : y;
        if (x != y) {
            return false;
        }
    }
    return true;
}

std::string fold_case(std::string_view s) {
    utf8proc_uint8_t* folded = nullptr;
    auto const options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                        UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    utf8proc_ssize_t const n =
        utf8proc_map(reinterpret_cast<utf8proc_uint8_t const*>(s.data()),
                     static_cast<utf8proc_ssize_t>(s.size()), &folded, options);
    if (n < 0) {
        return ascii_lower(s);  // not reached for valid UTF-8
    }
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(folded, &std::free);
    return std::string(reinterpret_cast<char const*>(folded), static_cast<std::size_t>(n));
}

namespace {
utf8proc_category_t category(char32_t cp) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp));
}
}  // namespace

bool is_letter(char32_t cp) {
    auto const c = category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
           c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO;
}

bool is_lowercase_letter(char32_t cp) {
    return category(cp) == UTF8PROC_CATEGORY_LL;
}

bool is_uppercase_letter(char32_t cp) {
    return category(cp) == UTF8PROC_CATEGORY_LU;
}

bool is_capital_or_caseless_letter(char32_t cp) {
    auto const c = category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LO;
}

bool is_decimal_digit(char32_t cp) {
    return category(cp) == UTF8PROC_CATEGORY_ND;
}

char32_t first_letter(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t const cp = next_code_point(s, i);
        if (is_letter(cp)) {
            return cp;
        }
    }
    return 0;
}

std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') {
            ++i;
        }
        std::size_t const start = i;
        while (i < s.size() && s[i] != ' ') {
            ++i;
        }
        if (i > start) {
            words.push_back(s.substr(start, i - start));
        }
    }
    return words;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') {
        s.remove_prefix(1);
    }
    while (!s.empty() && s.back() == ' ') {
        s.remove_suffix(1);
    }
    return s;
}

std::string_view trim_end_chars(std::string_view s, std::string_view chars) {
    while (!s.empty() && (s.back() == ' ' || chars.find(s.back()) != std::string_view::npos)) {
        s.remove_suffix(1);
    }
    return s;
}

}  // namespace ingest::plugins::decoder_press_text::detail
