// The bad-input corpus of shared/RELIABILITY.md, rows X1-X16, pinned to their outcomes. The
// small documents are files in tests/data/feeds/bad/ (also checked by the fixture test);
// the big ones are generated here.
#include "feed_test_util.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace {

using feed_test::parse;
using feed_test::read_fixture;
using feed_test::refusal;
using feed_test::rss;

constexpr std::string_view xxe = "feed rejected: DOCTYPE with entity declarations is not allowed";

bool starts_with(std::string const& s, std::string_view prefix) {
    return s.rfind(prefix, 0) == 0;
}

TEST(feed_reliability, x1_xxe_file) {
    std::string const e = refusal(read_fixture("bad/xxe-file.xml"));
    EXPECT_TRUE(starts_with(e, xxe)) << e;
    EXPECT_NE(e.find(feed_test::default_uri), std::string::npos) << e;
    EXPECT_NE(e.find("byte 37"), std::string::npos) << e;  // where <!ENTITY starts
}

TEST(feed_reliability, x2_xxe_http_makes_no_request) {
    // The decoder has no network access at all; refusing before parsing is the guarantee.
    EXPECT_TRUE(starts_with(refusal(read_fixture("bad/xxe-http.xml")), xxe));
}

TEST(feed_reliability, x3_billion_laughs_is_refused_fast) {
    std::string const doc = read_fixture("bad/billion-laughs.xml");
    auto const start = std::chrono::steady_clock::now();
    EXPECT_TRUE(starts_with(refusal(doc), xxe));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(10));
}

TEST(feed_reliability, x4_quadratic_blowup) {
    std::string doc = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"" +
                      std::string(100 * 1024, 'a') + "\">]><rss><channel><title>";
    for (int i = 0; i < 100000; ++i) {
        doc += "&a;";
    }
    doc += "</title></channel></rss>";
    EXPECT_TRUE(starts_with(refusal(doc), xxe));
}

TEST(feed_reliability, x5_deep_nesting) {
    std::string doc = "<rss version=\"2.0\"><channel><title>t</title><item><description>";
    for (int i = 0; i < 100000; ++i) {
        doc += "<d>";
    }
    for (int i = 0; i < 100000; ++i) {
        doc += "</d>";
    }
    doc += "</description></item></channel></rss>";
    std::string const e = refusal(doc);
    EXPECT_TRUE(starts_with(e, "feed rejected: nesting depth > 64")) << e.substr(0, 200);
    EXPECT_NE(e.find("byte "), std::string::npos);
    // JSON too.
    std::string json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [";
    json += std::string(1000, '[') + std::string(1000, ']') + "]}";
    EXPECT_TRUE(
        starts_with(refusal(json, "application/feed+json"), "feed rejected: nesting depth > 64"));
}

TEST(feed_reliability, x5_depth_64_is_still_accepted) {
    std::string doc =
        "<rss version=\"2.0\"><channel><title>t</title><item><title>x</title>"
        "<description>";
    for (int i = 0; i < 59; ++i) {  // rss, channel, item, description = 4; 4 + 59 = 63 + text
        doc += "<d>";
    }
    for (int i = 0; i < 59; ++i) {
        doc += "</d>";
    }
    doc += "</description><guid>1</guid></item></channel></rss>";
    EXPECT_EQ(refusal(doc), "");
}

TEST(feed_reliability, x6_html_error_page) {
    std::string const e = refusal(read_fixture("bad/not-xml.html"));
    EXPECT_TRUE(starts_with(e, "feed parse error at offset ")) << e;
}

TEST(feed_reliability, x7_truncated_document_emits_nothing) {
    std::string const e = refusal(read_fixture("bad/truncated.xml"));
    EXPECT_TRUE(starts_with(e, "feed parse error at offset ")) << e;
    EXPECT_NE(e.find("Start-end tags mismatch"), std::string::npos) << e;
}

TEST(feed_reliability, x8_bad_encoding_is_repaired_and_flagged) {
    auto const f = parse(read_fixture("bad/bad-encoding.xml"));
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_NE(f.releases[0].extensions.at("warnings").find("x-unknown"), std::string::npos);
    EXPECT_NE(f.releases[0].title.rfind("bad ", 0), std::string::npos);
}

TEST(feed_reliability, x9_utf16le_with_bom) {
    auto const f = parse(read_fixture("enc-utf16le-bom.xml"));
    EXPECT_EQ(f.feed.encoding, "utf-16le");
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_EQ(f.releases[0].title, "\xE4\xB8\xAD \xC3\xA9");
}

/// s (ASCII and two BMP characters) as UTF-16 code units, low byte first or last.
std::string utf16(std::u16string const& s, bool little) {
    std::string out;
    for (char16_t const c : s) {
        char const lo = static_cast<char>(c & 0xFF);
        char const hi = static_cast<char>(c >> 8);
        out += little ? lo : hi;
        out += little ? hi : lo;
    }
    return out;
}

TEST(feed_reliability, x9_utf16_without_bom_or_declaration_is_detected) {
    std::u16string const doc =
        u"\n<rss version=\"2.0\"><channel><title>Feed</title><item><guid>1</guid>"
        u"<title>\u4E2D \u00E9</title></item></channel></rss>";
    for (bool const little : {true, false}) {
        auto const f = parse(utf16(doc, little));
        EXPECT_EQ(f.feed.encoding, little ? "utf-16le" : "utf-16be");
        ASSERT_EQ(f.releases.size(), 1u);
        EXPECT_EQ(f.releases[0].title, "\xE4\xB8\xAD \xC3\xA9");
    }
    // ASCII markup is not taken for UTF-16.
    auto const ascii = parse(
        "<rss version=\"2.0\"><channel><item><guid>1</guid><title>a"
        "</title></item></channel></rss>");
    EXPECT_EQ(ascii.feed.encoding, "utf-8");
}

TEST(feed_reliability, x10_huge_payload) {
    std::string const doc =
        rss("<item><description>" + std::string(50u * 1024 * 1024, 'x') + "</description></item>");
    std::string const e = refusal(doc);
    EXPECT_TRUE(starts_with(e, "feed too large: ")) << e.substr(0, 100);
}

TEST(feed_reliability, x10_huge_field_under_the_body_cap_is_truncated) {
    std::string const doc =
        rss("<item><guid>1</guid><title>" + std::string(10000, 't') + "</title><description>" +
            std::string(2u * 1024 * 1024, 'x') + "</description></item>");
    auto const f = parse(doc);
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_EQ(f.releases[0].title.size(), 4096u);
    EXPECT_LE(f.releases[0].body_text.size(), 1024u * 1024u);
    EXPECT_EQ(f.releases[0].extensions.at("truncated"), "title,body");
}

TEST(feed_reliability, x11_many_items) {
    std::string items;
    items.reserve(1000000 * 7);
    for (int i = 0; i < 1000000; ++i) {
        items += "<item/>";
    }
    std::string const e = refusal(rss(items));
    EXPECT_TRUE(starts_with(e, "feed rejected: more than 10000 items")) << e;
    // The limit itself is fine, and configurable.
    std::string ten;
    for (int i = 0; i < 11; ++i) {
        ten += "<item><guid>" + std::to_string(i) + "</guid></item>";
    }
    ingest::plugins::decoder_feed::options o;
    o.max_items = 10;
    EXPECT_TRUE(starts_with(refusal(rss(ten), "", o), "feed rejected: more than 10 items"));
    o.max_items = 11;
    EXPECT_EQ(refusal(rss(ten), "", o), "");
}

TEST(feed_reliability, x12_duplicate_guids) {
    std::string items;
    for (int i = 0; i < 1000; ++i) {
        items += "<item><title>same</title><guid>dup</guid></item>";
    }
    auto const f = parse(rss(items));
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_EQ(f.releases[0].extensions.at("duplicates_in_feed"), "999");
}

TEST(feed_reliability, x13_no_guid_hash_is_stable_across_polls) {
    std::string const doc = read_fixture("bad/rss-no-guid.xml");
    auto const a = parse(doc);
    auto const b = parse(doc, "", "https://mirror.example/other-url.xml");
    ASSERT_EQ(a.releases.size(), 2u);
    EXPECT_EQ(a.releases[0].native_id, b.releases[0].native_id);
    EXPECT_EQ(a.releases[1].native_id, b.releases[1].native_id);
    EXPECT_NE(a.releases[0].native_id, a.releases[1].native_id);
}

TEST(feed_reliability, x14_bad_dates_keep_the_item_and_the_raw_text) {
    auto const f = parse(read_fixture("bad/dates.xml"));
    ASSERT_EQ(f.releases.size(), 5u);
    EXPECT_FALSE(f.releases[0].published.unix_ms);
    EXPECT_EQ(f.releases[0].published.raw, "Tue, 26 May 0000 10:00:00 GMT");
    EXPECT_NE(f.releases[2].extensions.at("warnings").find("date: unparseable"), std::string::npos);
    EXPECT_EQ(*f.releases[3].published.unix_ms, 1590505200000);
}

TEST(feed_reliability, x15_dangerous_links_dropped_item_kept) {
    auto const f = parse(read_fixture("bad/js-links.xml"));
    ASSERT_EQ(f.releases.size(), 3u);
    for (auto const& r : f.releases) {
        EXPECT_EQ(r.link, "");
        EXPECT_NE(r.extensions.at("warnings").find("link dropped"), std::string::npos);
        EXPECT_FALSE(r.native_id.empty());
    }
    EXPECT_TRUE(f.releases[2].attachments.empty());
}

TEST(feed_reliability, x16_entity_literals) {
    auto const f = parse(read_fixture("bad/entity-literal.xml"));
    ASSERT_EQ(f.releases.size(), 2u);
    EXPECT_EQ(f.releases[0].title, "A B \xC3\xA9t\xC3\xA9");
    EXPECT_EQ(f.releases[0].extensions.count("unknown_entities"), 0u);
    EXPECT_EQ(f.releases[1].title, "Unknown &zzzz; here");
    EXPECT_EQ(f.releases[1].extensions.at("unknown_entities"), "zzzz");
}

TEST(feed_reliability, parse_errors_name_the_url_and_map_offsets_through_entity_rewrites) {
    // "&eacute;" (8 bytes) becomes "&#233;" (6 bytes) before parsing: the offset reported
    // is still the one in the input.
    std::string const doc = "<rss><channel><title>&eacute;</title><bad></channel></rss>";
    std::string const e = refusal(doc);
    std::size_t const expected = doc.find("</channel>");
    EXPECT_TRUE(starts_with(e, "feed parse error at offset ")) << e;
    std::size_t const reported = std::stoul(e.substr(27));
    EXPECT_NEAR(static_cast<double>(reported), static_cast<double>(expected), 2.0) << e;
    EXPECT_NE(e.find(feed_test::default_uri), std::string::npos);
}

}  // namespace
