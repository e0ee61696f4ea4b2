// Settings of the http source: the declared table and the values refused at create().
#include "http_source.hpp"

#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/harness.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>

namespace ingest::plugins::http {
namespace {

using sdk::testing::fake_host;
using sdk::testing::settings_builder;

std::map<std::string, sdk::setting_decl> declared() {
    std::map<std::string, sdk::setting_decl> out;
    auto const spec = http_source::settings();
    for (auto const& d : spec.items()) {
        out[d.name] = d;
    }
    return out;
}

TEST(HttpSourceSettings, TableDeclaresTypesAndDefaults) {
    auto s = declared();
    ASSERT_EQ(s.size(), 13u);
    EXPECT_EQ(s["urls"].type, sdk::setting_type::list);
    EXPECT_EQ(s["urls_file"].type, sdk::setting_type::path);
    EXPECT_EQ(s["min_interval"].default_value, "15m");
    EXPECT_EQ(s["url_jitter"].default_value, "1m");
    EXPECT_EQ(s["backoff_initial"].default_value, "1m");
    EXPECT_EQ(s["backoff_max"].default_value, "6h");
    EXPECT_EQ(s["sick_after"].default_value, "1d");
    EXPECT_EQ(s["max_body_size"].default_value, "16MiB");
    EXPECT_EQ(s["timeout"].default_value, "120s");
    EXPECT_EQ(s["max_in_flight"].default_value, "16");
    EXPECT_EQ(s["allow_private_addresses"].default_value, "false");
    EXPECT_EQ(s["per_host_delay"].default_value, "0s");
    for (auto const& [name, decl] : s) {
        EXPECT_FALSE(decl.required) << name;
        EXPECT_FALSE(decl.description.empty()) << name;
    }
}

TEST(HttpSourceSettings, NoUrlIsRefused) {
    fake_host host(sdk::descriptor_of<http_source>());
    auto status = host.create(settings_builder());
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_NE(status.message.find("at least one URL"), std::string::npos) << status.message;
}

TEST(HttpSourceSettings, NonHttpSchemesAreRefused) {
    for (auto const* url : {"file:///etc/passwd", "gopher://x/", "ftp://x/feed"}) {
        fake_host host(sdk::descriptor_of<http_source>());
        auto status = host.create(settings_builder().set("urls", url));
        EXPECT_EQ(status.rc, INGEST_INVALID_INPUT) << url;
        EXPECT_NE(status.message.find("not an http"), std::string::npos) << status.message;
    }
}

TEST(HttpSourceSettings, BadDurationsAreRefused) {
    fake_host host(sdk::descriptor_of<http_source>());
    EXPECT_EQ(
        host.create(settings_builder().set("urls", "https://a/").set("min_interval", "0s")).rc,
        INGEST_INVALID_INPUT);
    fake_host host2(sdk::descriptor_of<http_source>());
    EXPECT_EQ(host2
                  .create(settings_builder()
                              .set("urls", "https://a/")
                              .set("backoff_initial", "10m")
                              .set("backoff_max", "1m"))
                  .rc,
              INGEST_INVALID_INPUT);
}

TEST(HttpSourceSettings, UrlsFileIsReadAndMergedWithUrls) {
    std::string path = ::testing::TempDir() + "http_source_urls.txt";
    {
        std::ofstream out(path);
        out << "# press\nhttps://a.example/feed\n\nhttps://b.example/rss # b\nhttps://c.example/\n";
    }
    fake_host host(sdk::descriptor_of<http_source>());
    ASSERT_TRUE(host.create(settings_builder()
                                .set("urls", "https://c.example/")
                                .set("urls_file", path)
                                .set("url_jitter", "0s")));
    ASSERT_TRUE(host.start());
    ASSERT_TRUE(host.poll());
    auto sent = host.http_requests();
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_EQ(sent[0].url, "https://c.example/");
    EXPECT_EQ(sent[1].url, "https://a.example/feed");
    EXPECT_EQ(sent[2].url, "https://b.example/rss");
    EXPECT_EQ(host.gauge("ingest_http_source_urls"), 3);
    std::remove(path.c_str());
}

TEST(HttpSourceSettings, MissingUrlsFileIsRefused) {
    fake_host host(sdk::descriptor_of<http_source>());
    auto status = host.create(settings_builder().set("urls_file", "/nonexistent/urls.txt"));
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_NE(status.message.find("urls_file"), std::string::npos) << status.message;
}

TEST(HttpSourceLibrary, LoadsThroughTheDaemonsLoaderAndPolls) {
    auto plugin = sdk::testing::load_plugin(INGEST_SOURCE_HTTP_PLUGIN_FILE);
    ASSERT_TRUE(plugin) << plugin.error();
    EXPECT_EQ(plugin.name(), "http");
    EXPECT_EQ(plugin.kind(), INGEST_KIND_SOURCE);
    fake_host host(plugin);
    ASSERT_TRUE(host.create(
        settings_builder().set("urls", "https://a.example/feed").set("url_jitter", "0s")));
    ASSERT_TRUE(host.start());
    host.script_http("https://a.example/feed", sdk::testing::http_reply::ok("<rss/>"));
    ASSERT_TRUE(host.poll());
    host.complete_http();
    ASSERT_TRUE(host.poll());
    EXPECT_EQ(host.items().size(), 1u);
    EXPECT_TRUE(host.stop());
    EXPECT_TRUE(host.violations().empty());
}

}  // namespace
}  // namespace ingest::plugins::http
