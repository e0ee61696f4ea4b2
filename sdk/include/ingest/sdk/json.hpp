// The one JSON serializer of the Release record (schema: sdk/schema/release.schema.json).
//
// Header-only and dependency-free so that every plugin and the core write byte-identical
// JSON. Empty strings are written as null, times as RFC 3339 UTC ("2020-05-26T00:00:00Z",
// milliseconds only when non-zero) with the raw text kept in <field>_raw.
#pragma once

#include <ingest/sdk/release.hpp>
#include <ingest/sdk/utf8.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace ingest::sdk {

namespace detail {

/// Appends s as a JSON string literal. Invalid UTF-8 bytes become U+FFFD so that the
/// output is always valid JSON.
inline void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"':
                    out += "\\\"";
                    break;
                case '\\':
                    out += "\\\\";
                    break;
                case '\n':
                    out += "\\n";
                    break;
                case '\r':
                    out += "\\r";
                    break;
                case '\t':
                    out += "\\t";
                    break;
                case '\b':
                    out += "\\b";
                    break;
                case '\f':
                    out += "\\f";
                    break;
                default:
                    if (c < 0x20) {
                        char buf[8];
                        std::snprintf(buf, sizeof buf, "\\u%04x", c);
                        out += buf;
                    } else {
                        out.push_back(static_cast<char>(c));
                    }
            }
            ++i;
            continue;
        }
        std::uint32_t cp = 0;
        std::size_t const len = utf8_sequence(s, i, cp);
        bool const ok = len != 0;
        if (ok) {
            // U+2028/U+2029 are valid JSON but break JavaScript consumers; escape them.
            if (cp == 0x2028 || cp == 0x2029) {
                out += cp == 0x2028 ? "\\u2028" : "\\u2029";
            } else {
                out.append(s.data() + i, len);
            }
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    out.push_back('"');
}

inline void append_json_nullable(std::string& out, std::string_view s) {
    if (s.empty()) {
        out += "null";
    } else {
        append_json_string(out, s);
    }
}

/// Days since 1970-01-01 to civil date (proleptic Gregorian), after H. Hinnant's algorithm.
inline void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    std::int64_t const era = (z >= 0 ? z : z - 146096) / 146097;
    auto const doe = static_cast<unsigned>(z - era * 146097);
    unsigned const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    unsigned const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned const mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2 ? 1 : 0;
}

}  // namespace detail

/// Formats Unix milliseconds as RFC 3339 UTC: 2020-05-26T08:00:00Z or ...:00.123Z.
inline std::string format_rfc3339(std::int64_t unix_ms) {
    std::int64_t secs = unix_ms / 1000;
    std::int64_t ms = unix_ms % 1000;
    if (ms < 0) {
        ms += 1000;
        secs -= 1;
    }
    std::int64_t days = secs / 86400;
    std::int64_t rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        days -= 1;
    }
    std::int64_t y = 0;
    unsigned m = 0;
    unsigned d = 0;
    detail::civil_from_days(days, y, m, d);
    char buf[64];
    int const hh = static_cast<int>(rem / 3600);
    int const mi = static_cast<int>((rem % 3600) / 60);
    int const ss = static_cast<int>(rem % 60);
    if (ms != 0) {
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                      static_cast<long long>(y), m, d, hh, mi, ss, static_cast<int>(ms));
    } else {
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
                      static_cast<long long>(y), m, d, hh, mi, ss);
    }
    return buf;
}

/// Serializes a release as one line of JSON (no trailing newline). Keys in schema order.
inline std::string to_json(release const& r) {
    using detail::append_json_nullable;
    using detail::append_json_string;
    std::string out;
    out.reserve(512 + r.body_text.size() + r.body_html.size() + r.summary.size());
    auto key = [&out](char const* k) {
        out.push_back(',');
        out.push_back('"');
        out += k;
        out += "\":";
    };
    auto time_field = [&](char const* k, char const* k_raw, timestamp const& t) {
        key(k);
        if (t.unix_ms) {
            append_json_string(out, format_rfc3339(*t.unix_ms));
        } else {
            out += "null";
        }
        key(k_raw);
        append_json_nullable(out, t.raw);
    };
    auto string_array = [&](char const* k, std::vector<std::string> const& v) {
        key(k);
        out.push_back('[');
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i != 0) {
                out.push_back(',');
            }
            append_json_string(out, v[i]);
        }
        out.push_back(']');
    };

    out += "{\"id\":";
    append_json_string(out, r.id);
    key("source");
    out += "{\"id\":";
    append_json_string(out, r.source.id);
    out += ",\"plugin\":";
    append_json_string(out, r.source.plugin);
    out += ",\"uri\":";
    append_json_nullable(out, r.source.uri);
    out += ",\"title\":";
    append_json_nullable(out, r.source.title);
    out.push_back('}');
    key("native_id");
    append_json_nullable(out, r.native_id);
    key("link");
    append_json_nullable(out, r.link);
    key("title");
    append_json_nullable(out, r.title);
    key("summary");
    append_json_nullable(out, r.summary);
    key("body_text");
    append_json_nullable(out, r.body_text);
    key("body_html");
    append_json_nullable(out, r.body_html);
    key("language");
    append_json_nullable(out, r.language);
    time_field("published", "published_raw", r.published);
    time_field("updated", "updated_raw", r.updated);
    key("dateline");
    append_json_nullable(out, r.dateline);
    string_array("authors", r.authors);
    key("contacts");
    out.push_back('[');
    for (std::size_t i = 0; i < r.contacts.size(); ++i) {
        auto const& c = r.contacts[i];
        out += i == 0 ? "{\"name\":" : ",{\"name\":";
        append_json_nullable(out, c.name);
        out += ",\"organization\":";
        append_json_nullable(out, c.organization);
        out += ",\"email\":";
        append_json_nullable(out, c.email);
        out += ",\"phone\":";
        append_json_nullable(out, c.phone);
        out.push_back('}');
    }
    out.push_back(']');
    string_array("tags", r.tags);
    key("attachments");
    out.push_back('[');
    for (std::size_t i = 0; i < r.attachments.size(); ++i) {
        auto const& a = r.attachments[i];
        out += i == 0 ? "{\"name\":" : ",{\"name\":";
        append_json_nullable(out, a.name);
        out += ",\"media_type\":";
        append_json_nullable(out, a.media_type);
        out += ",\"size\":" + std::to_string(a.size);
        out += ",\"sha256\":";
        append_json_nullable(out, a.sha256);
        out += ",\"uri\":";
        append_json_nullable(out, a.uri);
        out.push_back('}');
    }
    out.push_back(']');
    key("content_hash");
    append_json_nullable(out, r.content_hash);
    key("revision");
    out += std::to_string(r.revision);
    key("fetched_at");
    if (r.fetched_at_ms) {
        append_json_string(out, format_rfc3339(*r.fetched_at_ms));
    } else {
        out += "null";
    }
    key("extensions");
    out.push_back('{');
    bool first = true;
    for (auto const& [k, v] : r.extensions) {
        if (!first) {
            out.push_back(',');
        }
        first = false;
        append_json_string(out, k);
        out.push_back(':');
        append_json_string(out, v);
    }
    out += "}}";
    return out;
}

}  // namespace ingest::sdk
