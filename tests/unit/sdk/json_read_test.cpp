// Reading releases back from JSON: release_from_json and parse_rfc3339.
#include <ingest/sdk/json.hpp>
#include <ingest/sdk/json_read.hpp>
#include <ingest/sdk/testing/samples.hpp>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

namespace {

using ingest::sdk::format_rfc3339;
using ingest::sdk::parse_rfc3339;
using ingest::sdk::release;
using ingest::sdk::release_from_json;
using ingest::sdk::to_json;
using ingest::sdk::testing::minimal_release;
using ingest::sdk::testing::sample_release;

std::vector<release> rich_releases() {
    std::vector<release> out{sample_release(), minimal_release(), release()};
    release times = minimal_release("times");
    times.published = {-1, "a second before 1970"};
    times.updated = {std::nullopt, "ayer por la tarde"};
    times.fetched_at_ms = 0;
    out.push_back(times);
    release extremes = minimal_release("extremes");
    extremes.revision = std::numeric_limits<std::uint32_t>::max();
    extremes.attachments = {{"", "", std::numeric_limits<std::uint64_t>::max(), "", ""},
                            {"n", "text/plain", 0, "", "file:///x"}};
    extremes.contacts = {{}, {"only name", "", "", ""}};
    extremes.authors = {""};
    extremes.tags = {"", "\"quoted\"", "back\\slash"};
    extremes.extensions = {{"", "empty key"}, {"k", ""}, {"ключ", "значение"}};
    extremes.body_text = std::string("nul \0 inside", 12) + "\x01\x1f\u2028\u2029";
    out.push_back(extremes);
    return out;
}

TEST(release_from_json, is_the_inverse_of_to_json) {
    for (auto const& r : rich_releases()) {
        auto const json = to_json(r);
        auto back = release_from_json(json);
        ASSERT_TRUE(back) << back.error << "\n" << json;
        EXPECT_EQ(*back.value, r) << json;
        EXPECT_EQ(to_json(*back.value), json);
    }
}

TEST(release_from_json, reads_a_parsed_boost_json_value_too) {
    auto const r = sample_release("v");
    auto back = release_from_json(boost::json::parse(to_json(r)));
    ASSERT_TRUE(back) << back.error;
    EXPECT_EQ(*back.value, r);
}

TEST(release_from_json, keeps_the_raw_text_of_unknown_times) {
    auto back = release_from_json(
        R"({"id":"x","source":{"id":"s","plugin":"p"},"published":null,"published_raw":"ayer"})");
    ASSERT_TRUE(back) << back.error;
    EXPECT_FALSE(back.value->published.unix_ms);
    EXPECT_EQ(back.value->published.raw, "ayer");
}

TEST(release_from_json, converts_offsets_and_fractions_to_utc_milliseconds) {
    auto back = release_from_json(
        R"({"id":"x","source":{"id":"s","plugin":"p"},"published":"2020-05-26T10:00:00.5+02:00",)"
        R"("fetched_at":"2020-05-26T08:00:00Z"})");
    ASSERT_TRUE(back) << back.error;
    EXPECT_EQ(back.value->published.unix_ms, 1590480000500);
    EXPECT_EQ(back.value->fetched_at_ms, 1590480000000);
}

struct bad_input {
    char const* json;
    char const* error;
};

void PrintTo(bad_input const& b, std::ostream* os) {
    *os << b.json;
}

class release_from_json_errors : public ::testing::TestWithParam<bad_input> {};

TEST_P(release_from_json_errors, names_the_field_and_the_reason) {
    auto const& p = GetParam();
    auto back = release_from_json(std::string(p.json));
    EXPECT_FALSE(back);
    EXPECT_FALSE(back.value.has_value());
    EXPECT_EQ(back.error, p.error) << p.json;
}

#define SRC R"("source":{"id":"s","plugin":"p"})"

INSTANTIATE_TEST_SUITE_P(
    strict_types, release_from_json_errors,
    ::testing::Values(bad_input{"[1]", "expected object, got an array"},
                      bad_input{"\"text\"", "expected object, got a string"},
                      bad_input{"{" SRC "}", "id: missing"},
                      bad_input{R"({"id":"x"})", "source: missing"},
                      bad_input{R"({"id":"x","source":{"id":"s"}})", "source.plugin: missing"},
                      bad_input{R"({"id":"x","source":{"id":"s","plugin":"p","x":1}})",
                                "source.x: unknown field"},
                      bad_input{R"({"id":"x",)" SRC R"(,"colour":"red"})", "colour: unknown field"},
                      bad_input{R"({"id":null,)" SRC "}", "id: expected string, got null"},
                      bad_input{R"({"id":"x",)" SRC R"(,"title":5})",
                                "title: expected string or null, got a number"},
                      bad_input{R"({"id":"x",)" SRC R"(,"tags":["a",null]})",
                                "tags[1]: expected string, got null"},
                      bad_input{R"({"id":"x",)" SRC R"(,"authors":"a"})",
                                "authors: expected array, got a string"},
                      bad_input{R"({"id":"x",)" SRC R"(,"contacts":[{},{"email":1}]})",
                                "contacts[1].email: expected string or null, got a number"},
                      bad_input{R"({"id":"x",)" SRC R"(,"contacts":[{"fax":"1"}]})",
                                "contacts[0].fax: unknown field"},
                      bad_input{R"({"id":"x",)" SRC R"(,"attachments":[{"size":-1}]})",
                                "attachments[0].size: must be >= 0"},
                      bad_input{R"({"id":"x",)" SRC R"(,"attachments":[{"size":1.5}]})",
                                "attachments[0].size: expected integer, got a number"},
                      bad_input{R"({"id":"x",)" SRC R"(,"revision":0})", "revision: must be >= 1"},
                      bad_input{R"({"id":"x",)" SRC R"(,"revision":1.0})",
                                "revision: expected integer, got a number"},
                      bad_input{R"({"id":"x",)" SRC R"(,"revision":4294967296})",
                                "revision: must be <= 4294967295"},
                      bad_input{R"({"id":"x",)" SRC R"(,"revision":"1"})",
                                "revision: expected integer, got a string"},
                      bad_input{R"({"id":"x",)" SRC R"(,"published":"yesterday"})",
                                "published: not an RFC 3339 date-time: \"yesterday\""},
                      bad_input{
                          R"({"id":"x",)" SRC R"(,"updated":true})",
                          "updated: expected RFC 3339 date-time string or null, got a boolean"},
                      bad_input{R"({"id":"x",)" SRC R"(,"fetched_at":"2020-05-26T08:00:00"})",
                                "fetched_at: not an RFC 3339 date-time: \"2020-05-26T08:00:00\""},
                      bad_input{R"({"id":"x",)" SRC R"(,"extensions":[]})",
                                "extensions: expected object, got an array"},
                      bad_input{R"({"id":"x",)" SRC R"(,"extensions":{"k":1}})",
                                "extensions.k: expected string, got a number"}));

#undef SRC

TEST(release_from_json, reports_syntax_errors_with_the_byte_offset) {
    auto back = release_from_json(std::string(R"({"id":"x",})"));
    EXPECT_FALSE(back);
    EXPECT_EQ(back.error.rfind("invalid JSON at byte ", 0), 0u) << back.error;

    back = release_from_json(std::string(""));
    EXPECT_FALSE(back);
    EXPECT_EQ(back.error.rfind("invalid JSON at byte 0", 0), 0u) << back.error;

    back = release_from_json(std::string(R"({"id":"x"} {})"));
    EXPECT_FALSE(back) << "trailing data";

    back = release_from_json(std::string("{\"id\":\"\xff\"}"));
    EXPECT_FALSE(back) << "invalid UTF-8";
}

TEST(parse_rfc3339, reads_utc_and_offsets) {
    EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(parse_rfc3339("2020-05-26T08:00:00Z"), 1590480000000);
    EXPECT_EQ(parse_rfc3339("2020-05-26t08:00:00z"), 1590480000000);
    EXPECT_EQ(parse_rfc3339("2020-05-26 08:00:00Z"), 1590480000000);
    EXPECT_EQ(parse_rfc3339("2020-05-26T10:00:00+02:00"), 1590480000000);
    EXPECT_EQ(parse_rfc3339("2020-05-26T02:30:00-05:30"), 1590480000000);
    EXPECT_EQ(parse_rfc3339("2020-05-26T08:00:00+00:00"), 1590480000000);
    EXPECT_EQ(parse_rfc3339("2020-05-26T08:00:00-00:00"), 1590480000000);
}

TEST(parse_rfc3339, reads_fractions_truncated_to_milliseconds) {
    EXPECT_EQ(parse_rfc3339("2020-05-26T08:00:00.5Z"), 1590480000500);
    EXPECT_EQ(parse_rfc3339("2020-05-26T08:00:00.123Z"), 1590480000123);
    EXPECT_EQ(parse_rfc3339("2020-05-26T08:00:00.123999999Z"), 1590480000123);
    EXPECT_EQ(parse_rfc3339("2020-05-26T08:00:00.007Z"), 1590480000007);
}

TEST(parse_rfc3339, reads_times_before_1970_and_leap_days_and_seconds) {
    EXPECT_EQ(parse_rfc3339("1969-12-31T23:59:59.999Z"), -1);
    EXPECT_EQ(parse_rfc3339("0001-01-01T00:00:00Z"), -62135596800000);
    EXPECT_EQ(parse_rfc3339("2000-02-29T00:00:00Z"), 951782400000);
    EXPECT_EQ(parse_rfc3339("2016-12-31T23:59:60Z"), parse_rfc3339("2017-01-01T00:00:00Z"));
}

TEST(parse_rfc3339, is_the_inverse_of_format_rfc3339) {
    for (std::int64_t ms : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1590480000123},
                            std::int64_t{-62135596800000}, std::int64_t{253402300799999},
                            std::int64_t{951782400000}, std::int64_t{1234567890}}) {
        EXPECT_EQ(parse_rfc3339(format_rfc3339(ms)), ms) << format_rfc3339(ms);
    }
}

TEST(parse_rfc3339, refuses_everything_else) {
    for (char const* bad : {"",
                            "2020-05-26",
                            "2020-05-26T08:00:00",
                            "2020-05-26T08:00Z",
                            "2020-05-26T08:00:00.Z",
                            "2020-05-26T08:00:00+0200",
                            "2020-05-26T08:00:00+02",
                            "2020-05-26T08:00:00+24:00",
                            "2020-05-26T08:00:00+02:60",
                            "2020-05-26T08:00:00ZZ",
                            "2020-05-26X08:00:00Z",
                            "2019-02-29T00:00:00Z",
                            "1900-02-29T00:00:00Z",
                            "2020-13-01T00:00:00Z",
                            "2020-00-01T00:00:00Z",
                            "2020-04-31T00:00:00Z",
                            "2020-05-00T00:00:00Z",
                            "2020-05-26T24:00:00Z",
                            "2020-05-26T08:60:00Z",
                            "2020-05-26T08:00:61Z",
                            "20-05-26T08:00:00Z",
                            "2020-5-26T08:00:00Z",
                            "+2020-05-26T08:00:00Z",
                            "2020-05-26T08:00:00 Z",
                            " 2020-05-26T08:00:00Z",
                            "Tue, 26 May 2020 08:00:00 GMT"}) {
        EXPECT_FALSE(parse_rfc3339(bad).has_value()) << bad;
    }
}

}  // namespace
