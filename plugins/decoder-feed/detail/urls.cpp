#include "urls.hpp"

#include "text.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <array>

namespace ingest::plugins::decoder_feed::detail {

namespace {

/// Percent-encodes the characters feeds put in links that RFC 3986 does not allow
/// (spaces, quotes, angle brackets, non-ASCII...), leaving everything else as is.
bool kept_loose(unsigned char c) noexcept {
    return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' &&
           c != '`' && c != '{' && c != '|' && c != '}';
}

std::string encode_loose(std::string_view ref) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::size_t i = 0;
    while (i < ref.size() && kept_loose(static_cast<unsigned char>(ref[i]))) {
        ++i;
    }
    std::string out(ref.substr(0, i));  // most links need no encoding at all
    if (i == ref.size()) {
        return out;
    }
    out.reserve(ref.size() + 16);
    for (; i < ref.size(); ++i) {
        auto const c = static_cast<unsigned char>(ref[i]);
        if (kept_loose(c)) {
            out += ref[i];
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0x0F];
        }
    }
    return out;
}

bool is_alnum(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_hex(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// RFC 3986 pchar, '/' and '?' (what a path, query and fragment are made of), but for the
/// '%' of a pct-encoded triplet, which the caller checks.
bool is_path_query_char(char c) noexcept {
    if (is_alnum(c)) {
        return true;
    }
    switch (c) {
        case '-':
        case '.':
        case '_':
        case '~':  // unreserved
        case '!':
        case '$':
        case '&':
        case '\'':
        case '(':
        case ')':  // sub-delims
        case '*':
        case '+':
        case ',':
        case ';':
        case '=':
        case ':':
        case '@':
        case '/':
        case '?':
            return true;
        default:
            return false;
    }
}

}  // namespace

bool is_plain_http_url(std::string_view s) noexcept {
    std::size_t i = 0;
    if (s.rfind("http://", 0) == 0) {
        i = 7;
    } else if (s.rfind("https://", 0) == 0) {
        i = 8;
    } else {
        return false;
    }
    // host: a reg-name of letters, digits, '-', '.', '_', '~'; then an optional port.
    std::size_t const host = i;
    while (i < s.size() &&
           (is_alnum(s[i]) || s[i] == '-' || s[i] == '.' || s[i] == '_' || s[i] == '~')) {
        ++i;
    }
    if (i == host) {
        return false;
    }
    if (i < s.size() && s[i] == ':') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            ++i;
        }
    }
    if (i < s.size() && s[i] != '/' && s[i] != '?' && s[i] != '#') {
        return false;  // userinfo, an IP literal, or a character no URI has there
    }
    bool fragment = false;
    for (; i < s.size(); ++i) {
        char const c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size() || !is_hex(s[i + 1]) || !is_hex(s[i + 2])) {
                return false;
            }
            i += 2;
        } else if (c == '#') {
            if (fragment) {
                return false;
            }
            fragment = true;
        } else if (!is_path_query_char(c)) {
            return false;
        }
    }
    return true;
}

namespace {

bool has_scheme(std::string_view ref) {
    std::size_t const colon = ref.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return false;
    }
    for (std::size_t i = 0; i < colon; ++i) {
        char const c = ref[i];
        bool const alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        bool const other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!alpha && !(i > 0 && other)) {
            return false;
        }
    }
    return true;
}

}  // namespace

bool is_forbidden_scheme(std::string_view ref) {
    std::string scheme;
    for (char const c : ref) {
        if (c == ':') {
            break;
        }
        auto const u = static_cast<unsigned char>(c);
        if (u <= 0x20) {
            continue;  // browsers drop tabs, newlines and leading controls
        }
        scheme += c;
        if (scheme.size() > 16) {
            return false;
        }
    }
    scheme = ascii_lower(scheme);
    return ref.find(':') != std::string_view::npos &&
           (scheme == "javascript" || scheme == "vbscript" || scheme == "data" || scheme == "file");
}

resolved_link resolve_link(std::string_view base, std::string_view ref) {
    resolved_link out;
    ref = trim(ref);
    if (ref.empty()) {
        return out;
    }
    if (is_forbidden_scheme(ref)) {
        out.warning = "link dropped: forbidden scheme in '" + std::string(ref.substr(0, 64)) + "'";
        return out;
    }
    std::string encoded = encode_loose(ref);
    if (is_plain_http_url(encoded)) {
        out.url = std::move(encoded);  // absolute and well-formed: nothing to resolve
        return out;
    }
    auto const parsed_ref = boost::urls::parse_uri_reference(encoded);
    if (!parsed_ref) {
        out.url = std::string(ref);
        out.warning = "link kept unresolved: not a valid URI reference";
        return out;
    }
    if (has_scheme(encoded)) {
        out.url = encoded;
        return out;
    }
    auto const parsed_base = boost::urls::parse_uri(trim(base));
    if (base.empty() || !parsed_base) {
        out.url = encoded;
        out.warning = "link kept relative: no base URI";
        return out;
    }
    boost::urls::url dest;
    auto const rc = boost::urls::resolve(*parsed_base, *parsed_ref, dest);
    if (!rc) {
        out.url = encoded;
        out.warning = "link kept relative: " + rc.error().message();
        return out;
    }
    out.url = std::string(dest.buffer());
    return out;
}

std::string resolve_base(std::string_view base, std::string_view ref) {
    if (trim(ref).empty()) {
        return std::string(base);
    }
    auto const r = resolve_link(base, ref);
    if (r.url.empty() || !has_scheme(r.url)) {
        return std::string(base);
    }
    return r.url;
}

}  // namespace ingest::plugins::decoder_feed::detail
