// The expected-records format of the press-text corpus (tests/data/press-text/NAME.expected.jsonl):
// one JSON object per release, in file order. Every key present is asserted, a missing key
// is not:
//
//   {"title": "...", "published": "2020-05-26T00:00:00Z" | null, "published_raw": "...",
//    "dateline": "...", "tags": [...], "contacts": [{"name", "organization", "email", "phone"}],
//    "summary": "...", "summary_prefix": "...", "body_text": "...", "body_prefix": "...",
//    "body_contains": ["..."], "extensions": {...}, "language": "..."}
//
// "extensions" is compared as a whole map. Shared by the corpus test and press_text_dump.
#pragma once

#include <ingest/sdk/json.hpp>
#include <ingest/sdk/release.hpp>

#include <boost/json.hpp>

namespace ingest::plugins::decoder_press_text::testing {

/// The full expected record of r (every key), as press_text_dump writes it.
inline boost::json::object to_expected(sdk::release const& r) {
    boost::json::object o;
    o["title"] = r.title;
    if (r.published.unix_ms) {
        o["published"] = sdk::format_rfc3339(*r.published.unix_ms);
    } else {
        o["published"] = nullptr;
    }
    o["published_raw"] = r.published.raw;
    o["dateline"] = r.dateline;
    boost::json::array tags;
    for (auto const& t : r.tags) {
        tags.emplace_back(t);
    }
    o["tags"] = std::move(tags);
    boost::json::array contacts;
    for (auto const& c : r.contacts) {
        contacts.emplace_back(boost::json::object{{"name", c.name},
                                                  {"organization", c.organization},
                                                  {"email", c.email},
                                                  {"phone", c.phone}});
    }
    o["contacts"] = std::move(contacts);
    o["summary"] = r.summary;
    o["body_text"] = r.body_text;
    boost::json::object ext;
    for (auto const& [k, v] : r.extensions) {
        ext[k] = v;
    }
    o["extensions"] = std::move(ext);
    if (!r.language.empty()) {
        o["language"] = r.language;
    }
    return o;
}

}  // namespace ingest::plugins::decoder_press_text::testing
