#include "charset.hpp"

#include "text.hpp"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <memory>
#include <optional>
#include <utility>

namespace ingest::plugins::decoder_feed::detail {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 24> charset_aliases{{
    {"iso-8859-1", "windows-1252"},
    {"iso8859-1", "windows-1252"},
    {"iso_8859-1", "windows-1252"},
    {"latin1", "windows-1252"},
    {"latin-1", "windows-1252"},
    {"l1", "windows-1252"},
    {"us-ascii", "windows-1252"},
    {"ascii", "windows-1252"},
    {"cp1252", "windows-1252"},
    {"x-cp1252", "windows-1252"},
    {"utf8", "utf-8"},
    {"unicode-1-1-utf-8", "utf-8"},
    {"x-sjis", "shift_jis"},
    {"shift-jis", "shift_jis"},
    {"sjis", "shift_jis"},
    {"ms_kanji", "shift_jis"},
    {"gb2312", "gbk"},
    {"x-gbk", "gbk"},
    {"ks_c_5601-1987", "euc-kr"},
    {"x-euc-jp", "euc-jp"},
    {"koi8r", "koi8-r"},
    {"utf-16", "utf-16le"},
    {"ucs-2", "utf-16le"},
    {"x-mac-roman", "macintosh"},
}};

/// The iconv name a normalized label is converted with. WHATWG decodes Shift_JIS as
/// Windows-31J and EUC-KR as windows-949: real documents use their extra characters (circled
/// digits, UHC syllables), and glibc's SHIFT_JIS would turn ASCII "~" and "\\" into U+203E
/// and U+00A5 (breaking URLs).
std::string iconv_name(std::string const& label) {
    if (label == "shift_jis") {
        return "CP932";
    }
    if (label == "euc-kr") {
        return "CP949";
    }
    return label;
}

struct iconv_closer {
    void operator()(void* cd) const noexcept { iconv_close(static_cast<iconv_t>(cd)); }
};

/// Converts with iconv; ill-formed input becomes U+FFFD. nullopt when iconv does not know
/// the charset.
std::optional<std::string> convert(std::string_view bytes, std::string const& charset,
                                   std::size_t& replaced) {
    iconv_t const cd = iconv_open("UTF-8", iconv_name(charset).c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        return std::nullopt;
    }
    std::unique_ptr<void, iconv_closer> const guard(cd);
    bool const wide = charset.rfind("utf-16", 0) == 0;
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2 + 16);
    std::array<char, 16384> buffer{};
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    replaced = 0;
    while (in_left > 0) {
        char* dst = buffer.data();
        std::size_t dst_left = buffer.size();
        std::size_t const rc = iconv(cd, &in, &in_left, &dst, &dst_left);
        out.append(buffer.data(), buffer.size() - dst_left);
        if (rc != static_cast<std::size_t>(-1)) {
            continue;
        }
        if (errno == E2BIG) {
            continue;
        }
        // EILSEQ or EINVAL (a sequence cut at the end): replace one unit and go on.
        out += "\xEF\xBF\xBD";
        ++replaced;
        std::size_t const skip = wide ? std::min<std::size_t>(2, in_left) : 1;
        in += skip;
        in_left -= skip;
    }
    return out;
}

std::string detect(std::string_view bytes) {
    uchardet_t const ud = uchardet_new();
    if (ud == nullptr) {
        return {};
    }
    std::string result;
    if (uchardet_handle_data(ud, bytes.data(), bytes.size()) == 0) {
        uchardet_data_end(ud);
        char const* name = uchardet_get_charset(ud);
        result = name == nullptr ? "" : name;
    }
    uchardet_delete(ud);
    return normalize_charset(result);
}

bool is_utf8_label(std::string_view label) {
    return label == "utf-8";
}

bool has_non_ascii(std::string_view bytes) {
    for (char const c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string charset_parameter(std::string_view content_type) {
    std::string const lower = ascii_lower(content_type);
    std::size_t pos = lower.find("charset");
    while (pos != std::string::npos) {
        std::size_t i = pos + 7;
        while (i < lower.size() && (lower[i] == ' ' || lower[i] == '\t')) {
            ++i;
        }
        if (i < lower.size() && lower[i] == '=') {
            ++i;
            while (i < lower.size() && (lower[i] == ' ' || lower[i] == '\t')) {
                ++i;
            }
            bool const quoted = i < lower.size() && (lower[i] == '"' || lower[i] == '\'');
            if (quoted) {
                ++i;
            }
            std::size_t end = i;
            while (end < lower.size() && lower[end] != ';' && lower[end] != ' ' &&
                   lower[end] != '"' && lower[end] != '\'' && lower[end] != ',') {
                ++end;
            }
            return std::string(content_type.substr(i, end - i));
        }
        pos = lower.find("charset", pos + 7);
    }
    return {};
}

std::string normalize_charset(std::string_view label) {
    std::string l = ascii_lower(trim(label));
    for (auto const& [alias, name] : charset_aliases) {
        if (l == alias) {
            return std::string(name);
        }
    }
    return l;
}

std::string xml_declared_charset(std::string_view bytes) {
    if (bytes.size() >= 4) {
        if (bytes[0] == '<' && bytes[1] == '\0' && bytes[2] == '?' && bytes[3] == '\0') {
            return "utf-16le";
        }
        if (bytes[0] == '\0' && bytes[1] == '<' && bytes[2] == '\0' && bytes[3] == '?') {
            return "utf-16be";
        }
    }
    std::string_view head = bytes.substr(0, 512);
    // Blank lines before the declaration (generators' stray output) do not hide it.
    head.remove_prefix(std::min(head.size(), head.find_first_not_of(" \t\r\n")));
    if (head.substr(0, 5) != "<?xml") {
        return {};
    }
    std::size_t const end = head.find("?>");
    if (end == std::string_view::npos) {
        return {};
    }
    std::string_view const decl = head.substr(0, end);
    std::size_t const pos = decl.find("encoding");
    if (pos == std::string_view::npos) {
        return {};
    }
    std::size_t i = pos + 8;
    while (i < decl.size() && (decl[i] == ' ' || decl[i] == '=' || decl[i] == '\t')) {
        ++i;
    }
    if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) {
        return {};
    }
    char const quote = decl[i++];
    std::size_t const close = decl.find(quote, i);
    if (close == std::string_view::npos) {
        return {};
    }
    return std::string(decl.substr(i, close - i));
}

namespace {

/// UTF-16 without a byte order mark or an XML declaration (which the XML specification
/// requires, and some exporters leave out): the first code unit that is not white space is
/// '<' followed by a letter, '!' or '?', with the zero high bytes on the side that tells
/// the byte order. Empty when the bytes do not start like that.
std::string sniff_utf16_markup(std::string_view bytes) {
    auto const is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    auto const starts_markup = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '!' || c == '?';
    };
    for (bool const little : {true, false}) {
        std::size_t i = 0;
        auto const low = [&](std::size_t unit) { return bytes[unit * 2 + (little ? 0 : 1)]; };
        auto const high = [&](std::size_t unit) { return bytes[unit * 2 + (little ? 1 : 0)]; };
        std::size_t const units = bytes.size() / 2;
        while (i < units && i < 256 && high(i) == '\0' && is_space(low(i))) {
            ++i;
        }
        if (i + 1 < units && high(i) == '\0' && low(i) == '<' && high(i + 1) == '\0' &&
            starts_markup(low(i + 1))) {
            return little ? "utf-16le" : "utf-16be";
        }
    }
    return {};
}

}  // namespace

utf8_document to_utf8(std::string_view bytes, std::string_view http_charset, bool is_xml,
                      bool may_borrow) {
    utf8_document doc;
    std::string label;
    // 1. A byte order mark wins over every declaration (WHATWG).
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        bytes.remove_prefix(3);
        label = "utf-8";
        doc.source = "bom";
    } else if (bytes.substr(0, 2) == "\xFF\xFE") {
        bytes.remove_prefix(2);
        label = "utf-16le";
        doc.source = "bom";
    } else if (bytes.substr(0, 2) == "\xFE\xFF") {
        bytes.remove_prefix(2);
        label = "utf-16be";
        doc.source = "bom";
    }
    // 2. HTTP, 3. the XML declaration.
    if (label.empty() && !trim(http_charset).empty()) {
        label = normalize_charset(http_charset);
        doc.source = "http";
    }
    if (label.empty() && is_xml) {
        label = normalize_charset(xml_declared_charset(bytes));
        if (!label.empty()) {
            doc.source = "xml";
        }
    }
    // 4. Detection, first of UTF-16 markup without BOM or declaration.
    if (label.empty() && is_xml) {
        label = sniff_utf16_markup(bytes);
        if (!label.empty()) {
            doc.source = "detected";
        }
    }
    // A declaration of UTF-16 in an ASCII-compatible document is wrong: pugixml and we
    // read the declaration itself as ASCII, so the bytes cannot be UTF-16.
    if (label.rfind("utf-16", 0) == 0 && doc.source != "bom" && doc.source != "detected" &&
        xml_declared_charset(bytes).rfind("utf-16", 0) != 0 && bytes.substr(0, 1) == "<") {
        doc.warnings.push_back("declared charset " + label + " does not match the bytes");
        label.clear();
    }
    // A legacy charset declared (or sent by a server default) over bytes that are
    // well-formed UTF-8 with non-ASCII text: the declaration is wrong, not the bytes.
    // Text in a single- or double-byte legacy charset is practically never valid UTF-8.
    if (!label.empty() && !is_utf8_label(label) && label.rfind("utf-16", 0) != 0 &&
        has_non_ascii(bytes) && is_valid_utf8(bytes)) {
        doc.warnings.push_back("declared charset " + label + " but the bytes are utf-8");
        label = "utf-8";
    }
    if (!label.empty() && !is_utf8_label(label)) {
        std::size_t replaced = 0;
        if (auto converted = convert(bytes, label, replaced)) {
            doc.text = std::move(*converted);
            doc.encoding = label;
            doc.replaced = replaced;
            if (replaced > 0) {
                doc.warnings.push_back(std::to_string(replaced) + " byte sequences invalid in " +
                                       label + " replaced by U+FFFD");
            }
            return doc;
        }
        doc.warnings.push_back("unknown charset '" + label + "' declared, detected instead");
        label.clear();
    }
    if (is_valid_utf8(bytes)) {
        if (may_borrow) {
            doc.borrowed = bytes;
        } else {
            doc.text = std::string(bytes);
        }
        doc.encoding = "utf-8";
        if (doc.source.empty() || label.empty()) {
            doc.source = label.empty() ? "default" : doc.source;
        }
        return doc;
    }
    // Ill-formed as UTF-8: detection, then repair.
    std::string const detected = detect(bytes);
    if (!detected.empty() && !is_utf8_label(detected)) {
        std::size_t replaced = 0;
        if (auto converted = convert(bytes, detected, replaced)) {
            if (!label.empty()) {
                doc.warnings.push_back("declared utf-8 but the bytes are " + detected);
            }
            doc.text = std::move(*converted);
            doc.encoding = detected;
            doc.source = "detected";
            doc.replaced = replaced;
            return doc;
        }
    }
    std::size_t replaced = 0;
    doc.text = repair_utf8(bytes, replaced);
    doc.encoding = "utf-8";
    doc.source = label.empty() ? "default" : doc.source;
    doc.replaced = replaced;
    doc.warnings.push_back(std::to_string(replaced) +
                           " invalid UTF-8 sequences replaced by U+FFFD");
    return doc;
}

}  // namespace ingest::plugins::decoder_feed::detail
