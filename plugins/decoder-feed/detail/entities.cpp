#include "entities.hpp"

#include "text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <utility>

namespace ingest::plugins::decoder_feed::detail {

namespace {

struct entity_entry {
    std::string_view name;
    std::uint32_t first;
    std::uint32_t second;
};

constexpr entity_entry entity_table[] = {
#include "entity_table.inc"
};

bool is_name_start(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_name_char(char c) noexcept {
    return is_name_start(c) || (c >= '0' && c <= '9');
}

bool is_xml_entity(std::string_view name) noexcept {
    return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
}

/// Copies from xml[i] through the end of the marker `close` (or the end of the input).
std::size_t skip_past(std::string_view xml, std::size_t i, std::string_view close) noexcept {
    std::size_t const end = xml.find(close, i);
    return end == std::string_view::npos ? xml.size() : end + close.size();
}

/// The index of the first '<' or '&' of xml at or after i (xml.size() when none), eight
/// bytes at a time (find_first_of would call memchr on "<&" once per character).
std::size_t find_markup(std::string_view xml, std::size_t i) noexcept {
#if INGEST_FEED_BLOCK16
    while (i + 16 <= xml.size()) {
        block16 const block = block16::load(xml.data() + i);
        if (unsigned const marked = block.equal('<') | block.equal('&'); marked != 0) {
            return i + first_marked_in_block(marked);
        }
        i += 16;
    }
#endif
    constexpr std::uint64_t ones = 0x0101010101010101;
    constexpr std::uint64_t high_bits = 0x8080808080808080;
    constexpr std::uint64_t lt = ones * static_cast<unsigned char>('<');
    constexpr std::uint64_t amp = ones * static_cast<unsigned char>('&');
    while (i + 8 <= xml.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, xml.data() + i, sizeof word);
        // A byte of word ^ lt is zero where word has '<' (exact test for "any zero byte").
        std::uint64_t const a = word ^ lt;
        std::uint64_t const b = word ^ amp;
        if ((((a - ones) & ~a) | ((b - ones) & ~b)) & high_bits) {
            break;
        }
        i += 8;
    }
    while (i < xml.size() && xml[i] != '<' && xml[i] != '&') {
        ++i;
    }
    return i;
}

/// Windows-1252 meanings of the C1 code points 0x80-0x9F (0 where it has none).
constexpr std::uint32_t windows_1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/// What a numeric character reference means, the HTML way: C1 code points are the
/// Windows-1252 characters generators meant (&#146; is a right quote); NUL, surrogates,
/// values past U+10FFFF and the five C1 code points Windows-1252 leaves undefined are
/// U+FFFD (pugixml would cut the text at NUL or write ill-formed UTF-8).
std::uint32_t numeric_reference_meaning(std::uint32_t v) noexcept {
    if (v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) {
        return 0xFFFD;
    }
    if (v >= 0x80 && v <= 0x9F) {
        std::uint32_t const cp = windows_1252_c1[v - 0x80];
        return cp != 0 ? cp : 0xFFFD;
    }
    return v;
}

}  // namespace

std::optional<std::pair<std::uint32_t, std::size_t>> numeric_reference(std::string_view xml,
                                                                       std::size_t i) noexcept {
    std::size_t j = i + 2;
    bool const hex = j < xml.size() && (xml[j] == 'x' || xml[j] == 'X');
    if (hex) {
        ++j;
    }
    std::size_t const first_digit = j;
    std::uint32_t v = 0;
    for (; j < xml.size() && j - first_digit < 16; ++j) {
        char const c = xml[j];
        std::uint32_t d = 0;
        if (c >= '0' && c <= '9') {
            d = static_cast<std::uint32_t>(c - '0');
        } else if (hex && c >= 'a' && c <= 'f') {
            d = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (hex && c >= 'A' && c <= 'F') {
            d = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            break;
        }
        v = std::min<std::uint32_t>(v * (hex ? 16 : 10) + d, 0x110000);
    }
    if (j == first_digit || j >= xml.size() || xml[j] != ';') {
        return std::nullopt;
    }
    return std::make_pair(v, j + 1);
}

std::optional<entity_code_points> lookup_html_entity(std::string_view name) noexcept {
    auto const* begin = std::begin(entity_table);
    auto const* end = std::end(entity_table);
    auto const* it = std::lower_bound(
        begin, end, name, [](entity_entry const& e, std::string_view n) { return e.name < n; });
    if (it == end || it->name != name) {
        return std::nullopt;
    }
    return entity_code_points{static_cast<char32_t>(it->first), static_cast<char32_t>(it->second)};
}

std::size_t entity_rewrite::original_offset(std::size_t pos) const {
    auto it = std::upper_bound(
        shifts.begin(), shifts.end(), pos,
        [](std::size_t p, std::pair<std::size_t, std::size_t> const& s) { return p < s.first; });
    if (it == shifts.begin()) {
        return pos;
    }
    --it;
    return it->second + (pos - it->first);
}

namespace {

/// The rewrite of xml. The output is built lazily: out.text holds xml up to the last
/// rewritten reference; the rest is appended at the end only when something was rewritten
/// or copy_unchanged asks for a complete copy.
entity_rewrite rewrite_entities(std::string_view xml, bool copy_unchanged) {
    entity_rewrite out;
    std::size_t copied = 0;  // xml[0, copied) is in out.text
    auto replace = [&](std::size_t from, std::size_t to, std::string_view replacement) {
        if (copied == 0 && out.text.empty()) {
            out.text.reserve(xml.size() + 64);
        }
        out.text.append(xml.substr(copied, from - copied));
        out.text.append(replacement);
        copied = to;
        out.shifts.emplace_back(out.text.size(), to);
    };
    std::string replacement;
    std::size_t i = 0;
    while (i < xml.size()) {
        i = find_markup(xml, i);
        if (i == xml.size()) {
            break;
        }
        if (xml[i] == '<') {
            std::size_t end = i + 1;
            // Nearly every '<' is an element tag: the sections are only looked for after
            // "<!" and "<?".
            char const next = i + 1 < xml.size() ? xml[i + 1] : '\0';
            if (next == '!' || next == '?') {
                if (xml.compare(i, 9, "<![CDATA[") == 0) {
                    end = skip_past(xml, i + 9, "]]>");
                } else if (xml.compare(i, 4, "<!--") == 0) {
                    end = skip_past(xml, i + 4, "-->");
                } else if (xml.compare(i, 2, "<?") == 0) {
                    end = skip_past(xml, i + 2, "?>");
                }
            }
            i = end;
            continue;
        }
        // '&#...;': rewritten only when its meaning differs from pugixml's reading.
        if (i + 1 < xml.size() && xml[i + 1] == '#') {
            if (auto const ref = numeric_reference(xml, i)) {
                std::uint32_t const meaning = numeric_reference_meaning(ref->first);
                if (meaning != ref->first || xml[i + 2] == 'X') {
                    replacement = "&#" + std::to_string(meaning) + ";";
                    replace(i, ref->second, replacement);
                    i = ref->second;
                    continue;
                }
            }
        }
        // '&': a named reference?
        std::size_t j = i + 1;
        if (j < xml.size() && is_name_start(xml[j])) {
            while (j < xml.size() && is_name_char(xml[j]) && j - i < 40) {
                ++j;
            }
            if (j < xml.size() && xml[j] == ';') {
                std::string_view const name = xml.substr(i + 1, j - i - 1);
                if (!is_xml_entity(name)) {
                    if (auto cp = lookup_html_entity(name)) {
                        replacement =
                            "&#" + std::to_string(static_cast<std::uint32_t>(cp->first)) + ";";
                        if (cp->second != 0) {
                            replacement +=
                                "&#" + std::to_string(static_cast<std::uint32_t>(cp->second)) + ";";
                        }
                        replace(i, j + 1, replacement);
                        i = j + 1;
                        continue;
                    }
                    out.unknown.insert(std::string(name));
                }
            }
        }
        ++i;
    }
    if (!out.shifts.empty() || copy_unchanged) {
        out.text.append(xml.substr(copied));
    }
    return out;
}

}  // namespace

entity_rewrite rewrite_html_entities(std::string_view xml) {
    return rewrite_entities(xml, true);
}

entity_rewrite rewrite_html_entities_if_needed(std::string_view xml) {
    return rewrite_entities(xml, false);
}

std::optional<std::size_t> find_entity_declaration(std::string_view xml) noexcept {
    std::size_t i = 0;
    while (i < xml.size()) {
        char const c = xml[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++i;
            continue;
        }
        if (c != '<') {
            return std::nullopt;  // not XML; the parser reports it
        }
        if (xml.compare(i, 4, "<!--") == 0) {
            i = skip_past(xml, i + 4, "-->");
            continue;
        }
        if (xml.compare(i, 2, "<?") == 0) {
            i = skip_past(xml, i + 2, "?>");
            continue;
        }
        if (xml.compare(i, 9, "<!DOCTYPE") != 0 && xml.compare(i, 9, "<!doctype") != 0) {
            return std::nullopt;  // the root element: the prolog is over
        }
        // Inside the DOCTYPE: quoted literals, the internal subset and its comments.
        i += 9;
        int depth = 0;
        while (i < xml.size()) {
            char const d = xml[i];
            if (d == '"' || d == '\'') {
                std::size_t const close = xml.find(d, i + 1);
                i = close == std::string_view::npos ? xml.size() : close + 1;
            } else if (xml.compare(i, 4, "<!--") == 0) {
                i = skip_past(xml, i + 4, "-->");
            } else if (xml.compare(i, 8, "<!ENTITY") == 0) {
                return i;
            } else if (d == '[') {
                ++depth;
                ++i;
            } else if (d == ']') {
                --depth;
                ++i;
            } else if (d == '>' && depth <= 0) {
                ++i;
                break;
            } else {
                ++i;
            }
        }
    }
    return std::nullopt;
}

}  // namespace ingest::plugins::decoder_feed::detail
