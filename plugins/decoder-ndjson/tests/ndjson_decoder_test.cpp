// Behaviour of the ndjson decoder against the fake host, and of the built library through
// the daemon's loader.
#include "ndjson_decoder.hpp"

#include <ingest/sdk/json.hpp>
#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/harness.hpp>
#include <ingest/sdk/testing/samples.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using ingest::plugins::decoder_ndjson::ndjson_decoder;
using ingest::sdk::descriptor_of;
using ingest::sdk::release;
using ingest::sdk::to_json;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::minimal_release;
using ingest::sdk::testing::sample_release;
using ingest::sdk::testing::settings_builder;

class ndjson_decoder_test : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(host_.create()); }

    fake_host host_{descriptor_of<ndjson_decoder>()};
};

TEST_F(ndjson_decoder_test, reads_back_what_to_json_writes) {
    std::vector<release> const in{sample_release("a"), minimal_release("b"), sample_release("c")};
    std::string text;
    for (auto const& r : in) {
        text += to_json(r) + "\n";
    }

    auto out = host_.decode(text, "application/x-ndjson", "releases.ndjson");

    ASSERT_TRUE(out) << out.status();
    EXPECT_EQ(*out, in);
    EXPECT_TRUE(host_.violations().empty());
}

TEST_F(ndjson_decoder_test, skips_blank_lines_and_accepts_crlf_a_bom_and_no_final_newline) {
    std::string const text = "\xEF\xBB\xBF" + to_json(minimal_release("1")) + "\r\n\r\n  \t\n" +
                             to_json(minimal_release("2")) + "\n\n" + to_json(minimal_release("3"));
    auto out = host_.decode(text);
    ASSERT_TRUE(out) << out.status();
    ASSERT_EQ(out->size(), 3u);
    EXPECT_EQ(out.value()[0].id, "1");
    EXPECT_EQ(out.value()[1].id, "2");
    EXPECT_EQ(out.value()[2].id, "3");
}

TEST_F(ndjson_decoder_test, reads_ingestctl_parse_output_feed_line_and_kind_keys) {
    std::string const text =
        "{\"kind\":\"feed\",\"uri\":\"https://a/feed\",\"title\":\"Press\",\"items\":2}\n"
        "{\"kind\":\"release\"," +
        to_json(minimal_release("1")).substr(1) + "\n" + "{\"kind\":\"release\"," +
        to_json(sample_release("2")).substr(1) + "\n";
    auto out = host_.decode(text);
    ASSERT_TRUE(out) << out.status();
    ASSERT_EQ(out->size(), 2u);
    EXPECT_EQ(out.value()[0], minimal_release("1"));
    EXPECT_EQ(out.value()[1], sample_release("2"));
    // "kind" anywhere else is still an unknown field.
    auto bad = host_.decode(R"({"id":"x","kind":"release","source":{"id":"s","plugin":"p"}})");
    EXPECT_FALSE(bad);
}

TEST_F(ndjson_decoder_test, empty_input_gives_no_releases) {
    auto out = host_.decode("");
    ASSERT_TRUE(out) << out.status();
    EXPECT_TRUE(out->empty());
    out = host_.decode("\n\n");
    ASSERT_TRUE(out) << out.status();
    EXPECT_TRUE(out->empty());
}

TEST_F(ndjson_decoder_test, accepts_a_hand_written_line_with_only_the_required_fields) {
    auto out =
        host_.decode(R"({"id":"x","source":{"id":"s","plugin":"p"},"title":"Hola","tags":["a"]})");
    ASSERT_TRUE(out) << out.status();
    ASSERT_EQ(out->size(), 1u);
    EXPECT_EQ(out.value()[0].title, "Hola");
    EXPECT_EQ(out.value()[0].tags, std::vector<std::string>{"a"});
    EXPECT_EQ(out.value()[0].revision, 1u);
}

TEST_F(ndjson_decoder_test, a_bad_line_fails_everything_and_names_the_line) {
    std::string const text = to_json(minimal_release("1")) + "\n" + to_json(minimal_release("2")) +
                             "\n[1,2]\n" + to_json(minimal_release("4")) + "\n";
    auto out = host_.decode(text);
    EXPECT_EQ(out.rc(), INGEST_INVALID_INPUT);
    EXPECT_EQ(out.message().rfind("line 3: expected object", 0), 0u) << out.status();
    EXPECT_TRUE(host_.last_releases().empty()) << "lines 1 and 2 must not be emitted";
}

TEST_F(ndjson_decoder_test, reports_json_syntax_and_type_errors_with_the_field) {
    auto out = host_.decode("{\"id\":\"x\",");
    EXPECT_EQ(out.rc(), INGEST_INVALID_INPUT);
    EXPECT_EQ(out.message().rfind("line 1: invalid JSON at byte ", 0), 0u) << out.status();

    auto line = to_json(minimal_release("x"));
    line.replace(line.find("\"revision\":1"), 12, "\"revision\":\"1\"");
    out = host_.decode("\n" + line);
    EXPECT_EQ(out.rc(), INGEST_INVALID_INPUT);
    EXPECT_EQ(out.message(), "line 2: revision: expected integer, got a string");
}

TEST(ndjson_decoder_limits, a_line_longer_than_max_line_size_is_refused) {
    fake_host host(descriptor_of<ndjson_decoder>());
    ASSERT_TRUE(host.create(settings_builder().set("max_line_size", "600")));
    auto const ok_line = to_json(minimal_release("1"));
    ASSERT_LE(ok_line.size(), 600u);
    auto long_release = minimal_release("2");
    long_release.body_text.assign(700, 'x');
    auto const long_line = to_json(long_release);

    auto out = host.decode(ok_line + "\n" + long_line + "\n");

    EXPECT_EQ(out.rc(), INGEST_INVALID_INPUT);
    EXPECT_EQ(out.message(), "line 2: the line is " + std::to_string(long_line.size()) +
                                 " bytes long, more than max_line_size (600 bytes)");
    EXPECT_TRUE(host.last_releases().empty());
}

TEST(ndjson_decoder_limits, the_default_line_limit_is_one_mebibyte) {
    fake_host host(descriptor_of<ndjson_decoder>());
    ASSERT_TRUE(host.create());
    auto r = minimal_release("big");
    r.body_text.assign(1024 * 1024, 'x');
    auto out = host.decode(to_json(r));
    EXPECT_EQ(out.rc(), INGEST_INVALID_INPUT);
    EXPECT_NE(out.message().find("more than max_line_size (1048576 bytes)"), std::string::npos)
        << out.status();
}

TEST(ndjson_decoder_limits, more_records_than_max_records_are_refused) {
    fake_host host(descriptor_of<ndjson_decoder>());
    ASSERT_TRUE(host.create(settings_builder().set("max_records", "3")));
    std::string text;
    for (int i = 1; i <= 3; ++i) {
        text += to_json(minimal_release(std::to_string(i))) + "\n\n";  // blank lines: free
    }
    auto out = host.decode(text);
    ASSERT_TRUE(out) << out.status();
    EXPECT_EQ(out->size(), 3u);

    text += to_json(minimal_release("4")) + "\n";
    out = host.decode(text);
    EXPECT_EQ(out.rc(), INGEST_INVALID_INPUT);
    EXPECT_EQ(out.message(), "line 7: more than max_records (3) records");
    EXPECT_TRUE(host.last_releases().empty());
}

TEST_F(ndjson_decoder_test, stops_producing_when_the_core_says_stop) {
    std::string text;
    for (int i = 1; i <= 3; ++i) {
        text += to_json(minimal_release(std::to_string(i))) + "\n";
    }
    host_.set_release_out_limit(1, INGEST_STOPPED);
    auto out = host_.decode(text);
    EXPECT_EQ(out.rc(), INGEST_STOPPED);
    ASSERT_EQ(host_.last_releases().size(), 1u);
    EXPECT_EQ(host_.last_releases()[0].id, "1");
    EXPECT_TRUE(host_.violations().empty()) << host_.violations()[0];
}

TEST(ndjson_decoder_library, the_built_library_loads_through_the_daemons_loader_and_decodes) {
    auto plugin = ingest::sdk::testing::load_plugin(NDJSON_DECODER_PLUGIN_FILE);
    ASSERT_TRUE(plugin) << plugin.error();
    EXPECT_EQ(plugin.name(), "ndjson");
    EXPECT_EQ(plugin.kind(), INGEST_KIND_DECODER);
    fake_host host(plugin);
    ASSERT_TRUE(host.create());
    auto const in = sample_release("lib");
    auto out = host.decode(to_json(in) + "\n");
    ASSERT_TRUE(out) << out.status();
    ASSERT_EQ(out->size(), 1u);
    EXPECT_EQ(out.value()[0], in);
}

}  // namespace
