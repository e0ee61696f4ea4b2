// The feed decoder as the daemon sees it: its descriptor and settings table through a fake
// host, decoding through the C ABI, and the built library loaded by the daemon's loader.
#include "../feed.hpp"
#include "feed_test_util.hpp"

#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/harness.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using ingest::plugins::decoder_feed::feed_decoder;
using ingest::sdk::descriptor_of;
using ingest::sdk::testing::decode_request;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::load_plugin;
using ingest::sdk::testing::settings_builder;

std::string str(ingest_str s) {
    return std::string(s.data, s.size);
}

TEST(feed_plugin, declares_a_decoder_with_its_media_types_and_file_patterns) {
    auto const* d = descriptor_of<feed_decoder>();
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->kind, INGEST_KIND_DECODER);
    EXPECT_EQ(str(d->name), "feed");
    std::vector<std::string> types;
    for (std::size_t i = 0; i < d->media_types_count; ++i) {
        types.push_back(str(d->media_types[i]));
    }
    EXPECT_EQ(types, (std::vector<std::string>{"application/rss+xml", "application/atom+xml",
                                               "application/feed+json", "application/rdf+xml",
                                               "application/xml", "text/xml", "application/json"}));
    std::vector<std::string> patterns;
    for (std::size_t i = 0; i < d->file_patterns_count; ++i) {
        patterns.push_back(str(d->file_patterns[i]));
    }
    EXPECT_EQ(patterns, (std::vector<std::string>{"*.rss", "*.atom", "*.rdf", "*.xml", "*.feed",
                                                  "*.jsonfeed", "*.feed.json"}));
}

TEST(feed_plugin, declares_its_settings_with_defaults) {
    auto const* d = descriptor_of<feed_decoder>();
    ASSERT_EQ(d->settings_count, 5u);
    EXPECT_EQ(str(d->settings[0].name), "max_bytes");
    EXPECT_EQ(str(d->settings[0].default_value), "16MiB");
    EXPECT_EQ(str(d->settings[1].name), "max_items");
    EXPECT_EQ(str(d->settings[1].default_value), "10000");
    EXPECT_EQ(str(d->settings[2].name), "max_depth");
    EXPECT_EQ(str(d->settings[2].default_value), "64");
    EXPECT_EQ(str(d->settings[3].name), "max_title_bytes");
    EXPECT_EQ(str(d->settings[4].name), "max_content_bytes");
    for (std::size_t i = 0; i < d->settings_count; ++i) {
        EXPECT_EQ(d->settings[i].required, 0) << str(d->settings[i].name);
    }
}

TEST(feed_plugin, creates_with_defaults_and_decodes_through_the_abi) {
    fake_host host(descriptor_of<feed_decoder>());
    ASSERT_TRUE(host.create());
    auto const rs =
        host.decode(feed_test::read_fixture("rss2-basic.rss"), "application/rss+xml", "feed.rss");
    ASSERT_TRUE(rs) << rs.status();
    ASSERT_EQ(rs->size(), 2u);
    EXPECT_EQ(rs.value()[0].title, "IOM Welcomes New Members");
    EXPECT_EQ(rs.value()[0].extensions.at("feed_title"), "IOM News");
    EXPECT_TRUE(host.violations().empty());
}

TEST(feed_plugin, origin_and_metadata_reach_the_decoder) {
    fake_host host(descriptor_of<feed_decoder>());
    ASSERT_TRUE(host.create());
    decode_request req;
    req.payload = feed_test::read_fixture("enc-http-overrides.xml");
    req.media_type = "application/rss+xml";
    req.origin_uri = "https://enc.example/feed";
    req.metadata["content_type"] = "application/rss+xml; charset=windows-1252";
    auto const rs = host.decode(req);
    ASSERT_TRUE(rs) << rs.status();
    EXPECT_EQ(rs.value()[0].source.title, "Caf\xC3\xA9");
}

TEST(feed_plugin, refusals_are_invalid_input_and_emit_nothing) {
    fake_host host(descriptor_of<feed_decoder>());
    ASSERT_TRUE(host.create());
    decode_request req;
    req.payload = feed_test::read_fixture("bad/xxe-file.xml");
    req.origin_uri = "https://evil.example/feed.xml";
    auto const rs = host.decode(req);
    EXPECT_EQ(rs.rc(), INGEST_INVALID_INPUT);
    EXPECT_NE(rs.message().find("feed rejected: DOCTYPE with entity declarations is not allowed "
                                "(https://evil.example/feed.xml, byte 37)"),
              std::string::npos)
        << rs.status();
    EXPECT_TRUE(host.last_releases().empty());
}

TEST(feed_plugin, refuses_unknown_and_bad_settings) {
    {
        fake_host host(descriptor_of<feed_decoder>());
        auto const st = host.create(settings_builder().set("max_item", "5"));
        EXPECT_EQ(st.rc, INGEST_INVALID_INPUT);
    }
    {
        fake_host host(descriptor_of<feed_decoder>());
        auto const st = host.create(settings_builder().set_int("max_items", 0));
        EXPECT_EQ(st.rc, INGEST_INVALID_INPUT) << st;
        EXPECT_NE(st.message.find("max_items must be at least 1"), std::string::npos) << st;
    }
    {
        fake_host host(descriptor_of<feed_decoder>());
        auto const st = host.create(settings_builder().set("max_bytes", "lots"));
        EXPECT_EQ(st.rc, INGEST_INVALID_INPUT) << st;
    }
}

TEST(feed_plugin, settings_apply) {
    fake_host host(descriptor_of<feed_decoder>());
    ASSERT_TRUE(host.create(settings_builder().set("max_bytes", "1KiB").set_int("max_items", 1)));
    auto const big = host.decode(std::string(2000, ' ') + "<rss/>");
    EXPECT_EQ(big.rc(), INGEST_INVALID_INPUT);
    EXPECT_NE(big.message().find("feed too large: 2006 bytes > max_bytes 1024"), std::string::npos)
        << big.status();
    auto const many = host.decode(feed_test::read_fixture("rss2-basic.rss"));
    EXPECT_EQ(many.rc(), INGEST_INVALID_INPUT);
    EXPECT_NE(many.message().find("more than 1 items"), std::string::npos) << many.status();
}

TEST(feed_plugin, stops_emitting_when_the_core_says_so) {
    fake_host host(descriptor_of<feed_decoder>());
    ASSERT_TRUE(host.create());
    host.set_release_out_limit(1, INGEST_RETRY);
    auto const rs = host.decode(feed_test::read_fixture("rss2-basic.rss"));
    EXPECT_EQ(rs.rc(), INGEST_RETRY) << rs.status();
    EXPECT_TRUE(host.violations().empty());
}

// Releases are handed to the host one by one as they are built; the first of an id still
// carries how many duplicates of it the document has.
TEST(feed_plugin, duplicates_are_counted_on_the_release_handed_out_first) {
    fake_host host(descriptor_of<feed_decoder>());
    ASSERT_TRUE(host.create());
    std::string items = "<item><title>a</title><guid>one</guid></item>";
    for (int i = 0; i < 3; ++i) {
        items += "<item><title>b</title><guid>two</guid></item>";
    }
    items += "<item><title>c</title><guid>one</guid></item>";
    auto const rs = host.decode(feed_test::rss(items));
    ASSERT_TRUE(rs) << rs.status();
    ASSERT_EQ(rs->size(), 2u);
    EXPECT_EQ(rs.value()[0].title, "a");
    EXPECT_EQ(rs.value()[0].extensions.at("duplicates_in_feed"), "1");
    EXPECT_EQ(rs.value()[1].title, "b");
    EXPECT_EQ(rs.value()[1].extensions.at("duplicates_in_feed"), "2");
    EXPECT_TRUE(host.violations().empty());
}

TEST(feed_plugin, the_built_library_loads_and_decodes_through_the_daemon_loader) {
    auto const plugin = load_plugin(FEED_PLUGIN_FILE);
    ASSERT_TRUE(plugin) << plugin.error();
    EXPECT_EQ(plugin.name(), "feed");
    EXPECT_EQ(plugin.kind(), INGEST_KIND_DECODER);
    fake_host host(plugin);
    ASSERT_TRUE(host.create());
    auto const rs = host.decode(feed_test::read_fixture("atom-basic.atom"), "application/atom+xml");
    ASSERT_TRUE(rs) << rs.status();
    ASSERT_EQ(rs->size(), 1u);
    EXPECT_EQ(rs.value()[0].authors, std::vector<std::string>{"Press Office"});
    auto const bad = host.decode("<rss><channel>");
    EXPECT_EQ(bad.rc(), INGEST_INVALID_INPUT);
    EXPECT_TRUE(host.violations().empty());
}

}  // namespace
