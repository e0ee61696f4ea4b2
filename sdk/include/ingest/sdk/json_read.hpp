// Reading the Release record back from JSON: the inverse of to_json() in json.hpp.
//
//   auto r = ingest::sdk::release_from_json(line);
//   if (!r) { throw ingest::sdk::invalid_input("line 3: " + r.error); }
//   use(*r.value);
//
// Optional header: it needs Boost.JSON (Boost 1.81 or newer) and is therefore not included
// by <ingest/sdk.hpp>. A plugin that includes it links Boost.JSON itself:
//   find_package(Boost 1.81 REQUIRED COMPONENTS json)
//   ingest_add_plugin(NAME ... SOURCES ... LINK_LIBRARIES Boost::json)
// (or includes <boost/json/src.hpp> in exactly one of its source files).
//
// The reader is strict about types and lenient about presence:
//  - the value must be an object; a field that to_json() does not write is an error;
//  - id and source (with source.id and source.plugin) are required; every other field may
//    be left out and is then empty, null or (revision) 1;
//  - strings that to_json() writes as "null when empty" accept null or a string; the others
//    (id, source.id, source.plugin, authors[], tags[], extension values) only a string;
//  - times are null or an RFC 3339 date-time, read back to Unix milliseconds (fractions
//    beyond the millisecond are truncated); <field>_raw is kept as it is;
//  - revision is an integer >= 1, attachments[].size an integer >= 0 (never a float).
// Errors come back as a value (release_result::error: "<field path>: <reason>"); no
// exception escapes except std::bad_alloc.
#pragma once

#include <ingest/sdk/json.hpp>
#include <ingest/sdk/release.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/stream_parser.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ingest::sdk {

namespace detail {

/// Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian), H. Hinnant's
/// algorithm; the inverse of civil_from_days() in json.hpp.
inline std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    std::int64_t const era = (y >= 0 ? y : y - 399) / 400;
    auto const yoe = static_cast<unsigned>(y - era * 400);
    unsigned const doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

inline bool read_digits(std::string_view s, std::size_t pos, std::size_t count,
                        unsigned& out) noexcept {
    if (pos + count > s.size()) {
        return false;
    }
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        out = out * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return true;
}

}  // namespace detail

/// Parses an RFC 3339 date-time to Unix milliseconds: "2020-05-26T08:00:00Z",
/// "2020-05-26t10:00:00.123+02:00", "2020-05-26 08:00:00Z" (the separator may be T, t or a
/// space; the zone Z, z or +hh:mm / -hh:mm). Digits past the millisecond are truncated; a
/// leap second (:60) counts as the first second of the next minute. Returns nullopt for
/// anything else, including impossible dates (2019-02-29) and a missing zone.
inline std::optional<std::int64_t> parse_rfc3339(std::string_view s) noexcept {
    using detail::read_digits;
    unsigned y = 0;
    unsigned mo = 0;
    unsigned d = 0;
    unsigned h = 0;
    unsigned mi = 0;
    unsigned se = 0;
    if (!read_digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !read_digits(s, 5, 2, mo) ||
        s[7] != '-' || !read_digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        !read_digits(s, 11, 2, h) || s[13] != ':' || !read_digits(s, 14, 2, mi) || s[16] != ':' ||
        !read_digits(s, 17, 2, se)) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    std::int64_t ms = 0;
    if (s[pos] == '.') {
        ++pos;
        std::size_t const first = pos;
        std::int64_t scale = 100;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            ms += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == first) {
            return std::nullopt;
        }
    }
    if (pos >= s.size()) {
        return std::nullopt;
    }
    std::int64_t offset_minutes = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        unsigned oh = 0;
        unsigned om = 0;
        if (!read_digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !read_digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
            return std::nullopt;
        }
        offset_minutes = static_cast<std::int64_t>(oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) {
        return std::nullopt;
    }
    static constexpr unsigned month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool const leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] + (mo == 2 && leap ? 1 : 0) ||
        h > 23 || mi > 59 || se > 60) {
        return std::nullopt;
    }
    std::int64_t const days = detail::days_from_civil(y, mo, d);
    std::int64_t const secs = days * 86400 + h * 3600 + mi * 60 + se - offset_minutes * 60;
    return secs * 1000 + ms;
}

/// What release_from_json() returns: the release, or why the input is not one.
struct release_result {
    std::optional<release> value;  ///< set on success
    std::string error;             ///< on failure: "<field path>: <reason>", e.g.
                                   ///< "contacts[1].email: expected string or null"
    explicit operator bool() const noexcept { return value.has_value(); }
};

namespace detail {

/// Internal: carries the first error out of the nested readers; never leaves this header.
struct release_json_error {
    std::string message;
};

[[noreturn]] inline void json_fail(std::string const& path, std::string_view why) {
    std::string m = path;
    m += ": ";
    m += why;
    throw release_json_error{std::move(m)};
}

inline std::string json_kind_name(boost::json::value const& v) {
    switch (v.kind()) {
        case boost::json::kind::null:
            return "null";
        case boost::json::kind::bool_:
            return "a boolean";
        case boost::json::kind::int64:
        case boost::json::kind::uint64:
        case boost::json::kind::double_:
            return "a number";
        case boost::json::kind::string:
            return "a string";
        case boost::json::kind::array:
            return "an array";
        case boost::json::kind::object:
            return "an object";
    }
    return "a value";
}

inline std::string json_to_string(boost::json::string const& s) {
    return std::string(s.data(), s.size());
}

/// A string (never null).
inline std::string json_string(boost::json::value const& v, std::string const& path) {
    if (auto const* s = v.if_string()) {
        return json_to_string(*s);
    }
    json_fail(path, "expected string, got " + json_kind_name(v));
}

/// A string, or null for "absent" (empty).
inline std::string json_nullable(boost::json::value const& v, std::string const& path) {
    if (v.is_null()) {
        return {};
    }
    if (auto const* s = v.if_string()) {
        return json_to_string(*s);
    }
    json_fail(path, "expected string or null, got " + json_kind_name(v));
}

/// null, or an RFC 3339 date-time.
inline std::optional<std::int64_t> json_time(boost::json::value const& v, std::string const& path) {
    if (v.is_null()) {
        return std::nullopt;
    }
    auto const* s = v.if_string();
    if (s == nullptr) {
        json_fail(path, "expected RFC 3339 date-time string or null, got " + json_kind_name(v));
    }
    auto ms = parse_rfc3339(std::string_view(s->data(), s->size()));
    if (!ms) {
        json_fail(path, "not an RFC 3339 date-time: \"" + json_to_string(*s) + "\"");
    }
    return ms;
}

/// An integer in [min, max] (JSON floats such as 1.0 are refused).
inline std::uint64_t json_uint(boost::json::value const& v, std::string const& path,
                               std::uint64_t min, std::uint64_t max) {
    std::uint64_t n = 0;
    if (auto const* i = v.if_int64()) {
        if (*i < 0) {
            json_fail(path, "must be >= " + std::to_string(min));
        }
        n = static_cast<std::uint64_t>(*i);
    } else if (auto const* u = v.if_uint64()) {
        n = *u;
    } else {
        json_fail(path, "expected integer, got " + json_kind_name(v));
    }
    if (n < min) {
        json_fail(path, "must be >= " + std::to_string(min));
    }
    if (n > max) {
        json_fail(path, "must be <= " + std::to_string(max));
    }
    return n;
}

inline boost::json::object const& json_object(boost::json::value const& v,
                                              std::string const& path) {
    if (auto const* o = v.if_object()) {
        return *o;
    }
    json_fail(path, "expected object, got " + json_kind_name(v));
}

inline boost::json::array const& json_array(boost::json::value const& v, std::string const& path) {
    if (auto const* a = v.if_array()) {
        return *a;
    }
    json_fail(path, "expected array, got " + json_kind_name(v));
}

inline std::string json_key(boost::json::key_value_pair const& kv) {
    return std::string(kv.key().data(), kv.key().size());
}

inline std::vector<std::string> json_string_array(boost::json::value const& v,
                                                  std::string const& path) {
    std::vector<std::string> out;
    auto const& a = json_array(v, path);
    out.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        out.push_back(json_string(a[i], path + "[" + std::to_string(i) + "]"));
    }
    return out;
}

inline source_ref json_source(boost::json::value const& v) {
    source_ref out;
    bool have_id = false;
    bool have_plugin = false;
    for (auto const& kv : json_object(v, "source")) {
        std::string const key = json_key(kv);
        std::string const path = "source." + key;
        if (key == "id") {
            out.id = json_string(kv.value(), path);
            have_id = true;
        } else if (key == "plugin") {
            out.plugin = json_string(kv.value(), path);
            have_plugin = true;
        } else if (key == "uri") {
            out.uri = json_nullable(kv.value(), path);
        } else if (key == "title") {
            out.title = json_nullable(kv.value(), path);
        } else {
            json_fail(path, "unknown field");
        }
    }
    if (!have_id) {
        json_fail("source.id", "missing");
    }
    if (!have_plugin) {
        json_fail("source.plugin", "missing");
    }
    return out;
}

inline std::vector<contact> json_contacts(boost::json::value const& v) {
    std::vector<contact> out;
    auto const& a = json_array(v, "contacts");
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::string const base = "contacts[" + std::to_string(i) + "]";
        contact c;
        for (auto const& kv : json_object(a[i], base)) {
            std::string const key = json_key(kv);
            std::string const path = base + "." + key;
            if (key == "name") {
                c.name = json_nullable(kv.value(), path);
            } else if (key == "organization") {
                c.organization = json_nullable(kv.value(), path);
            } else if (key == "email") {
                c.email = json_nullable(kv.value(), path);
            } else if (key == "phone") {
                c.phone = json_nullable(kv.value(), path);
            } else {
                json_fail(path, "unknown field");
            }
        }
        out.push_back(std::move(c));
    }
    return out;
}

inline std::vector<attachment> json_attachments(boost::json::value const& v) {
    std::vector<attachment> out;
    auto const& a = json_array(v, "attachments");
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::string const base = "attachments[" + std::to_string(i) + "]";
        attachment at;
        for (auto const& kv : json_object(a[i], base)) {
            std::string const key = json_key(kv);
            std::string const path = base + "." + key;
            if (key == "name") {
                at.name = json_nullable(kv.value(), path);
            } else if (key == "media_type") {
                at.media_type = json_nullable(kv.value(), path);
            } else if (key == "size") {
                at.size = json_uint(kv.value(), path, 0, std::numeric_limits<std::uint64_t>::max());
            } else if (key == "sha256") {
                at.sha256 = json_nullable(kv.value(), path);
            } else if (key == "uri") {
                at.uri = json_nullable(kv.value(), path);
            } else {
                json_fail(path, "unknown field");
            }
        }
        out.push_back(std::move(at));
    }
    return out;
}

inline release json_release(boost::json::value const& v) {
    auto const* o = v.if_object();
    if (o == nullptr) {
        throw release_json_error{"expected object, got " + json_kind_name(v)};
    }
    release r;
    bool have_id = false;
    bool have_source = false;
    for (auto const& kv : *o) {
        std::string const key = json_key(kv);
        auto const& val = kv.value();
        if (key == "id") {
            r.id = json_string(val, key);
            have_id = true;
        } else if (key == "source") {
            r.source = json_source(val);
            have_source = true;
        } else if (key == "native_id") {
            r.native_id = json_nullable(val, key);
        } else if (key == "link") {
            r.link = json_nullable(val, key);
        } else if (key == "title") {
            r.title = json_nullable(val, key);
        } else if (key == "summary") {
            r.summary = json_nullable(val, key);
        } else if (key == "body_text") {
            r.body_text = json_nullable(val, key);
        } else if (key == "body_html") {
            r.body_html = json_nullable(val, key);
        } else if (key == "language") {
            r.language = json_nullable(val, key);
        } else if (key == "published") {
            r.published.unix_ms = json_time(val, key);
        } else if (key == "published_raw") {
            r.published.raw = json_nullable(val, key);
        } else if (key == "updated") {
            r.updated.unix_ms = json_time(val, key);
        } else if (key == "updated_raw") {
            r.updated.raw = json_nullable(val, key);
        } else if (key == "dateline") {
            r.dateline = json_nullable(val, key);
        } else if (key == "authors") {
            r.authors = json_string_array(val, key);
        } else if (key == "contacts") {
            r.contacts = json_contacts(val);
        } else if (key == "tags") {
            r.tags = json_string_array(val, key);
        } else if (key == "attachments") {
            r.attachments = json_attachments(val);
        } else if (key == "content_hash") {
            r.content_hash = json_nullable(val, key);
        } else if (key == "revision") {
            r.revision = static_cast<std::uint32_t>(
                json_uint(val, key, 1, std::numeric_limits<std::uint32_t>::max()));
        } else if (key == "fetched_at") {
            r.fetched_at_ms = json_time(val, key);
        } else if (key == "extensions") {
            for (auto const& ext : json_object(val, key)) {
                std::string const name = json_key(ext);
                r.extensions[name] = json_string(ext.value(), "extensions." + name);
            }
        } else {
            json_fail(key, "unknown field");
        }
    }
    if (!have_id) {
        json_fail("id", "missing");
    }
    if (!have_source) {
        json_fail("source", "missing");
    }
    return r;
}

}  // namespace detail

/// Reads a release from a parsed JSON value (see the rules at the top of this file).
/// Never throws except std::bad_alloc.
inline release_result release_from_json(boost::json::value const& v) {
    release_result out;
    try {
        out.value = detail::json_release(v);
    } catch (detail::release_json_error& e) {
        out.error = std::move(e.message);
    }
    return out;
}

/// Parses one JSON text (one line of a .jsonl file) and reads a release from it. A syntax
/// error is reported as "invalid JSON at byte <offset>: <reason>". Never throws except
/// std::bad_alloc.
inline release_result release_from_json(std::string_view text) {
    boost::json::stream_parser parser;
    boost::json::error_code ec;
    std::size_t const used = parser.write(text.data(), text.size(), ec);
    if (!ec) {
        parser.finish(ec);
    }
    if (ec) {
        release_result out;
        out.error = "invalid JSON at byte " + std::to_string(used) + ": " + ec.message();
        return out;
    }
    return release_from_json(parser.release());
}

/// Overloads so that a literal or a std::string picks the text parser, not boost::json::value.
inline release_result release_from_json(char const* text) {
    return release_from_json(std::string_view(text));
}
inline release_result release_from_json(std::string const& text) {
    return release_from_json(std::string_view(text));
}

}  // namespace ingest::sdk
