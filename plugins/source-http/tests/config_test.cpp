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
    ASSERT_EQ(s.size(), 20u);
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
    EXPECT_EQ(s["feed_hints"].default_value, "true");
    EXPECT_EQ(s["max_interval"].default_value, "1d");
    EXPECT_EQ(s["headers"].type, sdk::setting_type::list);
    // Credentials are secrets: redacted in every dump and message.
    EXPECT_EQ(s["auth_basic_password"].type, sdk::setting_type::secret);
    EXPECT_EQ(s["auth_bearer_token"].type, sdk::setting_type::secret);
    EXPECT_EQ(s["proxy"].type, sdk::setting_type::secret);
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

TEST(HttpSourceSettings, BadHeadersAuthAndProxyAreRefusedWithTheReason) {
    struct bad_case {
        settings_builder settings;
        char const* expected;
    };
    auto base = [] { return settings_builder().set("urls", "https://a.example/"); };
    std::vector<bad_case> cases{
        {base().set_list("headers", {"NoColon"}), "is not of the form 'Name: value'"},
        {base().set_list("headers", {"Bad Name: x"}), "is not a valid header name"},
        {base().set_list("headers", {"X-A: one\r\nX-B: two"}), "line break"},
        {base().set_list("headers", {"Authorization: Basic abc"}), "use auth_*"},
        {base().set_list("headers", {"If-None-Match: x"}), "set by the source itself"},
        {base().set_list("headers", {"X-Ingest-Allow-Private: 1"}), "reserved"},
        {base().set("auth_basic_password", "pw"), "auth_basic_user is required"},
        {base().set("auth_basic_user", "a:b").set("auth_basic_password", "pw"),
         "must not contain ':'"},
        {base().set("auth_basic_user", "a").set("auth_bearer_token", "t"),
         "choose basic or bearer"},
        {base().set("auth_bearer_token", "two words"), "one non-empty token"},
        {base().set("proxy", "ftp://user:hunter2@proxy/"), "must be an http://"},
        {base().set("min_interval", "1h").set("max_interval", "30m"),
         "max_interval: must be at least min_interval"},
    };
    for (auto& c : cases) {
        fake_host host(sdk::descriptor_of<http_source>());
        auto status = host.create(c.settings);
        EXPECT_EQ(status.rc, INGEST_INVALID_INPUT) << c.expected;
        EXPECT_NE(status.message.find(c.expected), std::string::npos) << status.message;
        EXPECT_EQ(status.message.find("hunter2"), std::string::npos)
            << "a proxy's credentials are never repeated: " << status.message;
    }
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
