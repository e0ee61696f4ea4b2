// The hand-written fixtures of tests/data/feeds: every file listed in expected.json is decoded
// and compared with the values written there by hand (see tests/data/feeds/README.md).
#include "../detail/text.hpp"
#include "feed_test_util.hpp"

#include <ingest/sdk/json.hpp>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;

json::object const& manifest() {
    static json::object const m = [] {
        return json::parse(feed_test::read_fixture("expected.json")).as_object();
    }();
    return m;
}

std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    for (auto const& kv : manifest()) {
        names.emplace_back(kv.key());
    }
    return names;
}

std::string s(json::value const& v) {
    return std::string(v.as_string().c_str());
}

std::string time_of(ingest::sdk::timestamp const& t) {
    return t.unix_ms ? ingest::sdk::format_rfc3339(*t.unix_ms) : "unknown";
}

std::vector<std::string> strings(json::value const& v) {
    std::vector<std::string> out;
    for (auto const& e : v.as_array()) {
        out.push_back(s(e));
    }
    return out;
}

class feed_fixture : public ::testing::TestWithParam<std::string> {};

TEST_P(feed_fixture, decodes_to_the_expected_values) {
    std::string const& name = GetParam();
    json::object const& exp = manifest().at(name).as_object();
    std::string const payload = feed_test::read_fixture(name);
    std::string const media_type =
        exp.contains("media_type") ? s(exp.at("media_type")) : std::string();
    std::string const origin =
        exp.contains("origin") ? s(exp.at("origin")) : std::string(feed_test::default_uri);
    std::map<std::string, std::string> metadata;
    if (exp.contains("content_type")) {
        metadata["content_type"] = s(exp.at("content_type"));
    }
    if (exp.contains("error")) {
        try {
            (void)feed_test::parse(payload, media_type, origin, metadata);
            ADD_FAILURE() << name << ": accepted, expected " << s(exp.at("error"));
        } catch (ingest::sdk::invalid_input const& e) {
            EXPECT_EQ(std::string(e.what()).rfind(s(exp.at("error")), 0), 0u)
                << name << ": " << e.what();
            if (exp.contains("error_contains")) {
                EXPECT_NE(std::string(e.what()).find(s(exp.at("error_contains"))),
                          std::string::npos)
                    << name << ": " << e.what();
            }
            if (!origin.empty()) {
                EXPECT_NE(std::string(e.what()).find(origin), std::string::npos) << e.what();
            }
        }
        return;
    }
    auto const f = feed_test::parse(payload, media_type, origin, metadata);
    if (exp.contains("format")) {
        EXPECT_EQ(f.feed.format, s(exp.at("format")));
    }
    EXPECT_EQ(f.releases.size(), static_cast<std::size_t>(exp.at("count").as_int64()));
    if (exp.contains("feed_title_valid_utf8")) {
        EXPECT_TRUE(ingest::plugins::decoder_feed::detail::is_valid_utf8(f.feed.title));
    }
    if (exp.contains("feed")) {
        for (auto const& [key, value] : exp.at("feed").as_object()) {
            std::string const k(key);
            std::string const actual = k == "title"       ? f.feed.title
                                       : k == "link"      ? f.feed.link
                                       : k == "subtitle"  ? f.feed.subtitle
                                       : k == "language"  ? f.feed.language
                                       : k == "updated"   ? f.feed.updated
                                       : k == "generator" ? f.feed.generator
                                                          : "<unknown key " + k + ">";
            EXPECT_EQ(actual, s(value)) << name << " feed." << k;
        }
    }
    if (!exp.contains("items")) {
        return;
    }
    for (auto const& item : exp.at("items").as_array()) {
        auto const& o = item.as_object();
        auto const i = static_cast<std::size_t>(o.at("i").as_int64());
        ASSERT_LT(i, f.releases.size()) << name;
        auto const& r = f.releases[i];
        for (auto const& [key, value] : o) {
            std::string const k(key);
            std::string const where = name + " item " + std::to_string(i) + " " + k;
            if (k == "i") {
                continue;
            } else if (k == "title") {
                EXPECT_EQ(r.title, s(value)) << where;
            } else if (k == "link") {
                EXPECT_EQ(r.link, s(value)) << where;
            } else if (k == "native_id") {
                EXPECT_EQ(r.native_id, s(value)) << where;
            } else if (k == "native_id_prefix") {
                EXPECT_EQ(r.native_id.rfind(s(value), 0), 0u) << where << ": " << r.native_id;
            } else if (k == "summary") {
                EXPECT_EQ(r.summary, s(value)) << where;
            } else if (k == "body_text") {
                EXPECT_EQ(r.body_text, s(value)) << where;
            } else if (k == "body_html") {
                EXPECT_EQ(r.body_html, s(value)) << where;
            } else if (k == "published") {
                EXPECT_EQ(time_of(r.published), s(value)) << where;
            } else if (k == "published_raw") {
                EXPECT_EQ(r.published.raw, s(value)) << where;
            } else if (k == "updated") {
                EXPECT_EQ(time_of(r.updated), s(value)) << where;
            } else if (k == "authors") {
                EXPECT_EQ(r.authors, strings(value)) << where;
            } else if (k == "tags") {
                EXPECT_EQ(r.tags, strings(value)) << where;
            } else if (k == "language") {
                EXPECT_EQ(r.language, s(value)) << where;
            } else if (k == "source_title") {
                EXPECT_EQ(r.source.title, s(value)) << where;
            } else if (k == "attachments") {
                EXPECT_EQ(r.attachments.size(), static_cast<std::size_t>(value.as_int64()))
                    << where;
            } else if (k == "attachment0_uri") {
                ASSERT_FALSE(r.attachments.empty()) << where;
                EXPECT_EQ(r.attachments[0].uri, s(value)) << where;
            } else if (k == "attachment0_size") {
                ASSERT_FALSE(r.attachments.empty()) << where;
                EXPECT_EQ(r.attachments[0].size, static_cast<std::uint64_t>(value.as_int64()))
                    << where;
            } else if (k == "title_valid_utf8") {
                EXPECT_TRUE(ingest::plugins::decoder_feed::detail::is_valid_utf8(r.title)) << where;
            } else if (k == "warnings_contains") {
                auto const it = r.extensions.find("warnings");
                ASSERT_NE(it, r.extensions.end()) << where;
                EXPECT_NE(it->second.find(s(value)), std::string::npos)
                    << where << ": " << it->second;
            } else if (k.rfind("ext.", 0) == 0) {
                auto const it = r.extensions.find(k.substr(4));
                ASSERT_NE(it, r.extensions.end()) << where;
                EXPECT_EQ(it->second, s(value)) << where;
            } else {
                ADD_FAILURE() << where << ": unknown expectation key";
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(files, feed_fixture, ::testing::ValuesIn(fixture_names()),
                         [](::testing::TestParamInfo<std::string> const& info) {
                             std::string n = info.param;
                             for (auto& c : n) {
                                 if (!std::isalnum(static_cast<unsigned char>(c))) {
                                     c = '_';
                                 }
                             }
                             return n;
                         });

TEST(feed_fixtures, every_file_has_an_expectation) {
    namespace fs = std::filesystem;
    for (auto const& entry : fs::recursive_directory_iterator(FEED_DATA_DIR)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        std::string const rel = fs::relative(entry.path(), FEED_DATA_DIR).generic_string();
        if (rel == "expected.json" || rel == "README.md" || rel == "make_fixtures.py") {
            continue;
        }
        EXPECT_TRUE(manifest().contains(rel)) << rel << " has no entry in expected.json";
    }
}

}  // namespace
