// The one Release JSON serializer: ingest::sdk::to_json and format_rfc3339.
#include <ingest/sdk/json.hpp>
#include <ingest/sdk/testing/samples.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using ingest::sdk::format_rfc3339;
using ingest::sdk::release;
using ingest::sdk::to_json;
using ingest::sdk::testing::minimal_release;

std::string json_string(std::string const& s) {
    std::string out;
    ingest::sdk::detail::append_json_string(out, s);
    return out;
}

std::string const fffd = "\xEF\xBF\xBD";

TEST(json_serializer, escapes_quotes_backslashes_and_named_controls) {
    EXPECT_EQ(json_string("a\"b\\c"), R"("a\"b\\c")");
    EXPECT_EQ(json_string("\n\r\t\b\f"), R"("\n\r\t\b\f")");
    EXPECT_EQ(json_string("/"), R"("/")");
}

TEST(json_serializer, escapes_other_control_characters_as_u_escapes) {
    EXPECT_EQ(json_string(std::string("\0", 1)), R"("\u0000")");
    EXPECT_EQ(json_string("\x01\x1f"), R"("\u0001\u001f")");
    EXPECT_EQ(json_string("\x7f"), "\"\x7f\"") << "DEL is valid in JSON strings";
}

TEST(json_serializer, passes_valid_utf8_through) {
    EXPECT_EQ(json_string("México 東京 🚀 Ελληνικά"), "\"México 東京 🚀 Ελληνικά\"");
}

TEST(json_serializer, replaces_invalid_utf8_bytes_with_u_fffd) {
    EXPECT_EQ(json_string("a\xff"
                          "b"),
              "\"a" + fffd + "b\"");
    EXPECT_EQ(json_string("\x80"), "\"" + fffd + "\"") << "lone continuation byte";
    EXPECT_EQ(json_string("\xC0\xAF"), "\"" + fffd + fffd + "\"") << "overlong";
    EXPECT_EQ(json_string("\xE0\x80\xAF"), "\"" + fffd + fffd + fffd + "\"") << "overlong";
    EXPECT_EQ(json_string("\xED\xA0\x80"), "\"" + fffd + fffd + fffd + "\"") << "surrogate";
    EXPECT_EQ(json_string("\xF4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\"")
        << "above U+10FFFF";
    EXPECT_EQ(json_string("ok\xE2\x82"), "\"ok" + fffd + fffd + "\"") << "truncated at the end";
    EXPECT_EQ(json_string("\xE2\x82"
                          "A"),
              "\"" + fffd + fffd + "A\"")
        << "interrupted";
}

TEST(json_serializer, escapes_line_and_paragraph_separators) {
    EXPECT_EQ(json_string("a\u2028b\u2029c"), R"("a\u2028b\u2029c")");
}

TEST(json_serializer, formats_rfc3339_utc_with_milliseconds_only_when_non_zero) {
    EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_rfc3339(1590480000000), "2020-05-26T08:00:00Z");
    EXPECT_EQ(format_rfc3339(1590480000123), "2020-05-26T08:00:00.123Z");
    EXPECT_EQ(format_rfc3339(1590480000007), "2020-05-26T08:00:00.007Z");
    EXPECT_EQ(format_rfc3339(951782400000), "2000-02-29T00:00:00Z");
    EXPECT_EQ(format_rfc3339(253402300799999), "9999-12-31T23:59:59.999Z");
}

TEST(json_serializer, formats_times_before_1970) {
    EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59.999Z");
    EXPECT_EQ(format_rfc3339(-1000), "1969-12-31T23:59:59Z");
    EXPECT_EQ(format_rfc3339(-86400000), "1969-12-31T00:00:00Z");
    EXPECT_EQ(format_rfc3339(-62135596800000), "0001-01-01T00:00:00Z");
}

TEST(json_serializer, writes_every_key_in_schema_order_with_null_for_empty) {
    EXPECT_EQ(
        to_json(minimal_release("id-1", "T")),
        R"({"id":"id-1","source":{"id":"test-source","plugin":"test","uri":null,"title":null},)"
        R"("native_id":null,"link":null,"title":"T","summary":null,"body_text":null,)"
        R"("body_html":null,"language":null,"published":null,"published_raw":null,)"
        R"("updated":null,"updated_raw":null,"dateline":null,"authors":[],"contacts":[],)"
        R"("tags":[],"attachments":[],"content_hash":null,"revision":1,"fetched_at":null,)"
        R"("extensions":{}})");
}

TEST(json_serializer, writes_arrays_objects_times_and_raw_text) {
    release r = minimal_release("x", "T");
    r.published = {1590480000123, "26 May 2020 08:00:00.123 GMT"};
    r.updated = {std::nullopt, "ayer"};
    r.authors = {"A", ""};
    r.contacts = {{"N", "", "e@x", ""}};
    r.tags = {"t1", "t2"};
    r.attachments = {{"f.pdf", "", 18446744073709551615ull, "", "u"}};
    r.revision = 4294967295u;
    r.fetched_at_ms = 0;
    r.extensions = {{"b", "2"}, {"a", ""}};
    auto const json = to_json(r);
    auto contains = [&json](std::string const& part) {
        return json.find(part) != std::string::npos;
    };
    EXPECT_TRUE(contains(R"("published":"2020-05-26T08:00:00.123Z")")) << json;
    EXPECT_TRUE(contains(R"("published_raw":"26 May 2020 08:00:00.123 GMT")")) << json;
    EXPECT_TRUE(contains(R"("updated":null,"updated_raw":"ayer")")) << json;
    EXPECT_TRUE(contains(R"("authors":["A",""])")) << json;
    EXPECT_TRUE(
        contains(R"("contacts":[{"name":"N","organization":null,"email":"e@x","phone":null}])"))
        << json;
    EXPECT_TRUE(contains(R"("tags":["t1","t2"])")) << json;
    EXPECT_TRUE(
        contains(R"("attachments":[{"name":"f.pdf","media_type":null,"size":18446744073709551615,)"
                 R"("sha256":null,"uri":"u"}])"))
        << json;
    EXPECT_TRUE(contains(R"("revision":4294967295)")) << json;
    EXPECT_TRUE(contains(R"("fetched_at":"1970-01-01T00:00:00Z")")) << json;
    EXPECT_TRUE(contains(R"("extensions":{"a":"","b":"2"}})")) << json;
    EXPECT_EQ(json.find('\n'), std::string::npos) << "one line";
}

}  // namespace
