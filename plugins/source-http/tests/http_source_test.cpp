// Behaviour of the http source against the SDK's fake host and its scripted HTTP replies:
// scheduling, conditional GET, validators advancing on ack, redirects, 410, Retry-After,
// backoff and sickness.
#include "http_source.hpp"

#include <ingest/sdk/testing/fake_host.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

namespace ingest::plugins::http {
namespace {

using namespace std::chrono_literals;
using sdk::testing::fake_host;
using sdk::testing::http_reply;
using sdk::testing::settings_builder;

constexpr char const* feed_url = "https://news.example.com/feed.xml";
constexpr char const* moved_url = "https://press.example.com/feed.xml";

std::optional<std::string> header_of(sdk::testing::sent_request const& r, std::string_view name) {
    for (auto const& [k, v] : r.headers) {
        if (k == name) {
            return v;
        }
    }
    return std::nullopt;
}

settings_builder base_settings() {
    return settings_builder()
        .set("urls", feed_url)
        .set("min_interval", "1m")
        .set("url_jitter", "0s")
        .set("backoff_initial", "1m")
        .set("backoff_max", "8m")
        .set("sick_after", "10m");
}

class HttpSource : public ::testing::Test {
protected:
    void make(settings_builder const& s = base_settings()) {
        ASSERT_TRUE(host_.create(s));
        ASSERT_TRUE(host_.start());
    }
    /// One poll that starts the due requests, their completion, and the poll that emits.
    void cycle() {
        ASSERT_TRUE(host_.poll());
        host_.complete_http();
        ASSERT_TRUE(host_.poll());
    }
    std::size_t requests() const { return host_.http_requests().size(); }
    sdk::testing::sent_request last_request() const { return host_.http_requests().back(); }

    fake_host host_{sdk::descriptor_of<http_source>()};
};

http_reply feed(std::string body, std::string etag = "\"v1\"",
                std::string last_modified = "Tue, 26 May 2020 07:00:00 GMT") {
    std::vector<std::pair<std::string, std::string>> h{
        {"Content-Type", "application/rss+xml; charset=utf-8"}};
    if (!etag.empty()) {
        h.emplace_back("ETag", etag);
    }
    if (!last_modified.empty()) {
        h.emplace_back("Last-Modified", last_modified);
    }
    return http_reply::ok(std::move(body), std::move(h));
}

TEST_F(HttpSource, OkEmitsOneItemWithMetadataOnTheNextPoll) {
    make();
    host_.script_http(feed_url, feed("<rss/>"));
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(requests(), 1u);
    EXPECT_TRUE(host_.items().empty());
    EXPECT_EQ(host_.complete_http(), 1u);
    EXPECT_EQ(host_.scheduled_polls().back(), 0u);  // asked for the poll that emits
    ASSERT_TRUE(host_.poll());
    auto items = host_.items();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].payload, "<rss/>");
    EXPECT_EQ(items[0].media_type, "application/rss+xml");
    EXPECT_EQ(items[0].origin_uri, feed_url);
    EXPECT_EQ(items[0].metadata["content_type"], "application/rss+xml; charset=utf-8");
    EXPECT_EQ(items[0].metadata["etag"], "\"v1\"");
    EXPECT_EQ(items[0].metadata["last_modified"], "Tue, 26 May 2020 07:00:00 GMT");
    EXPECT_EQ(items[0].metadata["status"], "200");
    EXPECT_FALSE(header_of(last_request(), "If-None-Match"));
    EXPECT_FALSE(header_of(last_request(), "X-Ingest-Allow-Private"));
    EXPECT_TRUE(host_.violations().empty());
}

TEST_F(HttpSource, ValidatorsAdvanceOnlyWhenTheItemIsDone) {
    make();
    // The fake host answers in script order (the last reply repeats): script all upfront.
    host_.script_http(feed_url, feed("<rss>1</rss>"));
    host_.script_http(feed_url, feed("<rss>2</rss>", "\"v2\"", "Tue, 26 May 2020 07:30:00 GMT"));
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    ASSERT_EQ(host_.items().size(), 1u);
    host_.advance(2min);
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(requests(), 1u) << "no new request while the item is not acknowledged";
    EXPECT_FALSE(host_.state_value("validators/" + std::string(feed_url)));

    ASSERT_TRUE(host_.ack(host_.items()[0].token, sdk::ack_outcome::failed, "bad feed"));
    EXPECT_FALSE(host_.state_value("validators/" + std::string(feed_url)));
    cycle();
    EXPECT_FALSE(header_of(last_request(), "If-None-Match")) << "not done: full fetch";
    ASSERT_EQ(host_.items().size(), 2u);

    ASSERT_TRUE(host_.ack(host_.items()[1].token, sdk::ack_outcome::done));
    EXPECT_TRUE(host_.state_value("validators/" + std::string(feed_url)));
    host_.advance(1min);
    cycle();
    EXPECT_EQ(header_of(last_request(), "If-None-Match"), "\"v2\"");
    EXPECT_EQ(header_of(last_request(), "If-Modified-Since"), "Tue, 26 May 2020 07:30:00 GMT");
    EXPECT_EQ(host_.items().size(), 2u) << "304 emits nothing";
    EXPECT_TRUE(host_.violations().empty());
}

TEST_F(HttpSource, EtagAloneAndLastModifiedAloneAreSentIndependently) {
    make();
    host_.script_http(feed_url, feed("<rss>1</rss>", "\"only-etag\"", ""));
    host_.script_http(feed_url, feed("<rss>2</rss>", "", "Wed, 27 May 2020 07:00:00 GMT"));
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    ASSERT_TRUE(host_.ack_all());
    host_.advance(1min);
    cycle();
    EXPECT_EQ(header_of(last_request(), "If-None-Match"), "\"only-etag\"");
    EXPECT_FALSE(header_of(last_request(), "If-Modified-Since"));
    ASSERT_TRUE(host_.ack_all());
    host_.advance(1min);
    cycle();
    EXPECT_FALSE(header_of(last_request(), "If-None-Match"));
    EXPECT_EQ(header_of(last_request(), "If-Modified-Since"), "Wed, 27 May 2020 07:00:00 GMT");
}

TEST_F(HttpSource, ValidatorsSurviveARestartThroughTheStateStore) {
    host_.set_state("validators/" + std::string(feed_url), "\"old\"\nMon, 25 May 2020\n");
    make();
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    EXPECT_EQ(header_of(last_request(), "If-None-Match"), "\"old\"");
    EXPECT_EQ(header_of(last_request(), "If-Modified-Since"), "Mon, 25 May 2020");
}

TEST_F(HttpSource, UnchangedBodyFromAServerIgnoringValidatorsEmitsNothing) {
    make();
    host_.script_http(feed_url, feed("<rss>same</rss>"));
    cycle();
    ASSERT_TRUE(host_.ack_all());
    host_.advance(1min);
    cycle();
    EXPECT_EQ(requests(), 2u);
    EXPECT_EQ(host_.items().size(), 1u);
}

TEST_F(HttpSource, AUrlIsNotFetchedBeforeMinInterval) {
    make();
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    host_.advance(59s);
    cycle();
    EXPECT_EQ(requests(), 1u);
    host_.advance(1s);
    cycle();
    EXPECT_EQ(requests(), 2u);
    EXPECT_EQ(host_.scheduled_polls().back(), 60'000u);
}

TEST_F(HttpSource, PermanentRedirectMovesTheUrlAfterTwoConfirmations) {
    make();
    auto moved = http_reply::with_status(304, {{"X-Ingest-Redirect", "301"}});
    moved.effective_url = moved_url;
    host_.script_http(feed_url, moved);
    cycle();
    EXPECT_FALSE(host_.state_value("moved/" + std::string(feed_url)));
    host_.advance(1min);
    cycle();
    EXPECT_EQ(host_.state_value("moved/" + std::string(feed_url)), moved_url);
    EXPECT_TRUE(host_.logged(sdk::log_level::info, "moved permanently"));
    host_.script_http(moved_url, http_reply::with_status(304));
    host_.advance(1min);
    cycle();
    EXPECT_EQ(last_request().url, moved_url);
}

TEST_F(HttpSource, MovedUrlIsKeptAcrossRestarts) {
    host_.set_state("moved/" + std::string(feed_url), moved_url);
    make();
    host_.script_http(moved_url, http_reply::with_status(304));
    cycle();
    EXPECT_EQ(last_request().url, moved_url);
}

TEST_F(HttpSource, TemporaryRedirectsNeverMoveTheUrl) {
    make();
    for (auto const* status : {"302", "307", "302", "307"}) {
        auto r = http_reply::with_status(304, {{"X-Ingest-Redirect", status}});
        r.effective_url = moved_url;
        host_.script_http(feed_url, r);
        cycle();
        host_.advance(1min);
    }
    EXPECT_FALSE(host_.state_value("moved/" + std::string(feed_url)));
    EXPECT_EQ(last_request().url, feed_url);
}

TEST_F(HttpSource, MixedPermanentAndTemporaryChainDoesNotMove) {
    make();
    for (int i = 0; i < 3; ++i) {
        auto r = http_reply::with_status(
            304, {{"X-Ingest-Redirect", "301"}, {"X-Ingest-Redirect", "302"}});
        r.effective_url = moved_url;
        host_.script_http(feed_url, r);
        cycle();
        host_.advance(1min);
    }
    EXPECT_FALSE(host_.state_value("moved/" + std::string(feed_url)));
}

TEST_F(HttpSource, GoneRetiresTheUrlUntilTheConfigurationChanges) {
    make();
    host_.script_http(feed_url, http_reply::with_status(410));
    cycle();
    EXPECT_TRUE(host_.logged(sdk::log_level::warn, "retired"));
    EXPECT_EQ(host_.counter("ingest_http_source_retired_total"), 1);
    EXPECT_EQ(host_.gauge("ingest_http_source_retired_urls"), 1);
    auto key = "retired/" + std::string(feed_url);
    ASSERT_TRUE(host_.state_value(key));
    host_.advance(24h);
    cycle();
    EXPECT_EQ(requests(), 1u);

    // Same configuration after a restart: still retired.
    {
        fake_host again(sdk::descriptor_of<http_source>());
        again.set_state(key, *host_.state_value(key));
        ASSERT_TRUE(again.create(base_settings()));
        ASSERT_TRUE(again.start());
        ASSERT_TRUE(again.poll());
        EXPECT_TRUE(again.http_requests().empty());
    }
    // Another URL list: tried again.
    {
        fake_host changed(sdk::descriptor_of<http_source>());
        changed.set_state(key, *host_.state_value(key));
        ASSERT_TRUE(changed.create(
            base_settings().set_list("urls", {feed_url, "https://other.example.com/rss"})));
        ASSERT_TRUE(changed.start());
        ASSERT_TRUE(changed.poll());
        EXPECT_EQ(changed.http_requests().size(), 2u);
        EXPECT_FALSE(changed.state_value(key));
    }
}

TEST_F(HttpSource, TooManyRequestsHonoursRetryAfterSeconds) {
    make();
    host_.script_http(feed_url, http_reply::with_status(429, {{"Retry-After", "300"}}));
    cycle();
    host_.advance(299s);
    cycle();
    EXPECT_EQ(requests(), 1u);
    host_.advance(1s);
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(requests(), 2u);
}

TEST_F(HttpSource, UnavailableHonoursRetryAfterHttpDate) {
    make();
    // The fake clock starts at 2020-05-26T08:00:00Z.
    host_.script_http(
        feed_url, http_reply::with_status(503, {{"Retry-After", "Tue, 26 May 2020 08:10:00 GMT"}}));
    cycle();
    host_.advance(9min + 59s);
    cycle();
    EXPECT_EQ(requests(), 1u);
    host_.advance(1s);
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(requests(), 2u);
}

TEST_F(HttpSource, RetryAfterNeverPollsFasterThanMinInterval) {
    make();
    host_.script_http(feed_url, http_reply::with_status(429, {{"Retry-After", "1"}}));
    cycle();
    host_.advance(59s);
    cycle();
    EXPECT_EQ(requests(), 1u);
}

TEST_F(HttpSource, FailuresBackOffExponentiallyUpToTheCapAndNeverStop) {
    make();
    host_.script_http(feed_url, http_reply::with_status(500));
    cycle();  // failure 1: next in [30s, 60s]
    EXPECT_TRUE(host_.logged(sdk::log_level::warn, "HTTP 500"));
    std::int64_t step = 60'000;
    for (int failure = 1; failure <= 8; ++failure) {
        host_.advance(std::chrono::milliseconds(step / 2 - 1));
        ASSERT_TRUE(host_.poll());
        EXPECT_EQ(requests(), static_cast<std::size_t>(failure))
            << "too early, failure " << failure;
        host_.advance(std::chrono::milliseconds(step / 2 + 1));
        cycle();
        EXPECT_EQ(requests(), static_cast<std::size_t>(failure + 1)) << "failure " << failure;
        step = std::min<std::int64_t>(step * 2, 8 * 60'000);
    }
    EXPECT_EQ(host_.counter("ingest_http_source_failures_total"), 9);
}

TEST_F(HttpSource, TransportErrorsBackOffToo) {
    make();
    host_.script_http(feed_url, http_reply::failure("connect failed: refused"));
    cycle();
    EXPECT_TRUE(host_.logged(sdk::log_level::warn, "connect failed: refused"));
    host_.advance(29s);
    cycle();
    EXPECT_EQ(requests(), 1u);
    host_.advance(31s);
    cycle();
    EXPECT_EQ(requests(), 2u);
}

TEST_F(HttpSource, AUrlFailingLongerThanSickAfterIsReportedSickUntilItRecovers) {
    make();
    for (int i = 0; i < 7; ++i) {
        host_.script_http(feed_url, http_reply::with_status(502));
    }
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    EXPECT_EQ(host_.gauge("ingest_http_source_sick_urls"), 0);
    for (int i = 0; i < 6; ++i) {
        host_.advance(8min);
        cycle();
    }
    EXPECT_EQ(host_.gauge("ingest_http_source_sick_urls"), 1);
    EXPECT_TRUE(host_.logged(sdk::log_level::warn, "is sick"));
    EXPECT_EQ(requests(), 7u);
    host_.advance(8min);
    cycle();
    EXPECT_EQ(host_.gauge("ingest_http_source_sick_urls"), 0);
    EXPECT_TRUE(host_.logged(sdk::log_level::info, "recovered"));
}

TEST_F(HttpSource, AFullCoreKeepsTheResponseForALaterPoll) {
    make();
    host_.script_http(feed_url, feed("<rss/>"));
    host_.set_emit_capacity(0);
    cycle();
    EXPECT_TRUE(host_.items().empty());
    host_.set_emit_capacity(std::nullopt);
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(host_.items().size(), 1u);
    EXPECT_EQ(requests(), 1u);
}

TEST_F(HttpSource, AllowPrivateAddressesIsPassedToTheCore) {
    make(base_settings().set_bool("allow_private_addresses", true));
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    EXPECT_EQ(header_of(last_request(), "X-Ingest-Allow-Private"), "1");
}

TEST_F(HttpSource, RequestsCarryTheBodyCapAndTimeout) {
    make(base_settings().set("max_body_size", "1MiB").set("timeout", "30s"));
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    EXPECT_EQ(last_request().max_body_bytes, 1024u * 1024u);
    EXPECT_EQ(last_request().timeout_ms, 30'000u);
}

TEST_F(HttpSource, MaxInFlightLimitsConcurrentRequests) {
    make(
        base_settings()
            .set_list("urls", {"https://a.example/1", "https://a.example/2", "https://a.example/3"})
            .set_int("max_in_flight", 2));
    for (auto const* u : {"https://a.example/1", "https://a.example/2", "https://a.example/3"}) {
        host_.script_http(u, http_reply::with_status(304));
    }
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(requests(), 2u);
    host_.complete_http();
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(requests(), 3u);
}

TEST_F(HttpSource, PerHostDelaySpacesRequestsToOneHost) {
    make(
        base_settings()
            .set_list("urls", {"https://a.example/1", "https://A.example/2", "https://b.example/1"})
            .set("per_host_delay", "10s"));
    for (auto const* u : {"https://a.example/1", "https://A.example/2", "https://b.example/1"}) {
        host_.script_http(u, http_reply::with_status(304));
    }
    ASSERT_TRUE(host_.poll());
    ASSERT_EQ(requests(), 2u);
    EXPECT_EQ(host_.http_requests()[0].url, "https://a.example/1");
    EXPECT_EQ(host_.http_requests()[1].url, "https://b.example/1");
    host_.complete_http();
    EXPECT_EQ(host_.scheduled_polls().back(), 10'000u);
    host_.advance(9s);
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(requests(), 2u);
    host_.advance(1s);
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(requests(), 3u);
    EXPECT_EQ(last_request().url, "https://A.example/2");
}

TEST_F(HttpSource, ExtraHeadersAndBearerTokenAreSent) {
    make(base_settings()
             .set_list("headers", {"X-Feed-Key: k1", "Accept-Language: fr"})
             .set("auth_bearer_token", "s3cr3t"));
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    EXPECT_EQ(header_of(last_request(), "X-Feed-Key"), "k1");
    EXPECT_EQ(header_of(last_request(), "Accept-Language"), "fr");
    EXPECT_EQ(header_of(last_request(), "Authorization"), "Bearer s3cr3t");
    EXPECT_FALSE(header_of(last_request(), "X-Ingest-Proxy"));
}

TEST_F(HttpSource, BasicAuthenticationIsEncoded) {
    make(base_settings()
             .set("auth_basic_user", "Aladdin")
             .set("auth_basic_password", "open sesame"));
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    EXPECT_EQ(header_of(last_request(), "Authorization"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
}

TEST_F(HttpSource, TheProxyIsPassedToTheCore) {
    make(base_settings().set("proxy", "http://user:pw@proxy.example:3128"));
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    EXPECT_EQ(header_of(last_request(), "X-Ingest-Proxy"), "http://user:pw@proxy.example:3128");
}

TEST_F(HttpSource, TtlRaisesTheIntervalUpToMaxInterval) {
    make(base_settings().set("max_interval", "2h"));
    host_.script_http(feed_url, feed("<rss><channel><ttl>30</ttl><item/></channel></rss>"));
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    ASSERT_TRUE(host_.ack(host_.items()[0].token, sdk::ack_outcome::done));
    host_.advance(29min);
    cycle();
    EXPECT_EQ(requests(), 1u) << "ttl 30 minutes: not before 30 minutes";
    host_.advance(1min);
    cycle();
    EXPECT_EQ(requests(), 2u);
    // The 304 keeps the hint of the last full document.
    host_.advance(29min);
    cycle();
    EXPECT_EQ(requests(), 2u);
}

TEST_F(HttpSource, HintsAreCappedByMaxIntervalAndNeverLowerMinInterval) {
    make(base_settings().set("min_interval", "10m").set("max_interval", "1h"));
    host_.script_http(feed_url,
                      feed("<rss><channel><sy:updatePeriod>daily</sy:updatePeriod></channel>"));
    host_.script_http(feed_url, feed("<rss><channel><ttl>1</ttl></channel></rss>", "\"v2\""));
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    ASSERT_TRUE(host_.ack(host_.items()[0].token, sdk::ack_outcome::done));
    host_.advance(59min);
    cycle();
    EXPECT_EQ(requests(), 1u);
    host_.advance(1min);
    cycle();
    EXPECT_EQ(requests(), 2u) << "daily is capped at max_interval (1h)";
    ASSERT_TRUE(host_.ack(host_.items()[1].token, sdk::ack_outcome::done));
    host_.advance(9min);
    cycle();
    EXPECT_EQ(requests(), 2u) << "ttl 1 minute never polls faster than min_interval";
    host_.advance(1min);
    cycle();
    EXPECT_EQ(requests(), 3u);
}

TEST_F(HttpSource, CacheControlMaxAgeOfA304RaisesTheInterval) {
    make(base_settings().set("max_interval", "1h"));
    host_.script_http(feed_url, http_reply::with_status(304, {{"Cache-Control", "max-age=600"}}));
    cycle();
    host_.advance(9min);
    cycle();
    EXPECT_EQ(requests(), 1u);
    host_.advance(1min);
    cycle();
    EXPECT_EQ(requests(), 2u);
}

TEST_F(HttpSource, FeedHintsCanBeTurnedOff) {
    make(base_settings().set_bool("feed_hints", false));
    host_.script_http(feed_url, feed("<rss><channel><ttl>30</ttl></channel></rss>"));
    host_.script_http(feed_url, http_reply::with_status(304));
    cycle();
    ASSERT_TRUE(host_.ack(host_.items()[0].token, sdk::ack_outcome::done));
    host_.advance(1min);
    cycle();
    EXPECT_EQ(requests(), 2u);
}

TEST(HttpSourceOnce, EveryUrlOnceAtOnceWithoutRetries) {
    fake_host host{sdk::descriptor_of<http_source>()};
    host.set_run_flags(INGEST_RUN_ONCE);
    ASSERT_TRUE(host.create(
        settings_builder()
            .set_list("urls", {"https://a.example/1", "https://a.example/2", "https://b.example/3"})
            .set("url_jitter", "1h")  // no spreading in a once run
            .set("max_in_flight", "2")));
    ASSERT_TRUE(host.start());
    host.script_http("https://a.example/1", http_reply::ok("<rss>1</rss>"));
    host.script_http("https://a.example/2", http_reply::with_status(503, {{"Retry-After", "1"}}));
    host.script_http("https://b.example/3", http_reply::with_status(304));
    ASSERT_TRUE(host.poll());
    EXPECT_EQ(host.http_requests().size(), 2u) << "max_in_flight still holds";
    host.complete_http();
    ASSERT_TRUE(host.poll());  // emits the 200, starts the third URL
    EXPECT_EQ(host.items().size(), 1u);
    EXPECT_EQ(host.http_requests().size(), 3u);
    host.complete_http();
    auto polls_before = host.scheduled_polls().size();
    host.advance(std::chrono::hours(2));
    ASSERT_TRUE(host.poll());
    EXPECT_EQ(host.http_requests().size(), 3u) << "no URL twice, no retry of the 503";
    EXPECT_EQ(host.scheduled_polls().size(), polls_before) << "nothing more to ask for";
    EXPECT_TRUE(host.logged(sdk::log_level::warn, "not retried")) << host.log_text();
}

TEST(FeedHint, TtlUpdatePeriodAndMaxAge) {
    EXPECT_EQ(feed_hint_ms("<rss><channel><ttl>60</ttl>", std::nullopt), 3'600'000);
    EXPECT_EQ(feed_hint_ms("<rss><channel><ttl> 15 </ttl>", std::nullopt), 900'000);
    EXPECT_EQ(feed_hint_ms("<rdf:RDF><channel><sy:updatePeriod>hourly</sy:updatePeriod>"
                           "<sy:updateFrequency>2</sy:updateFrequency>",
                           std::nullopt),
              1'800'000);
    EXPECT_EQ(feed_hint_ms("<feed><syn:updatePeriod>Daily</syn:updatePeriod>", std::nullopt),
              86'400'000);
    EXPECT_EQ(feed_hint_ms("", std::string("public, max-age=300")), 300'000);
    EXPECT_EQ(feed_hint_ms("", std::string("max-age=\"120\"")), 120'000);
    // The largest hint wins.
    EXPECT_EQ(feed_hint_ms("<channel><ttl>10</ttl>", std::string("max-age=3600")), 3'600'000);
}

TEST(FeedHint, WhatIsNotAHint) {
    EXPECT_FALSE(feed_hint_ms("<rss><channel><title>x</title>", std::nullopt));
    EXPECT_FALSE(feed_hint_ms("<channel><ttl>soon</ttl>", std::nullopt));
    EXPECT_FALSE(feed_hint_ms("<channel><ttl>0</ttl>", std::nullopt));
    EXPECT_FALSE(feed_hint_ms("<channel><ttl/>", std::nullopt));
    EXPECT_FALSE(feed_hint_ms("<channel><item><ttl>60</ttl></item>", std::nullopt))
        << "an item's element is not the channel's";
    EXPECT_FALSE(
        feed_hint_ms("<channel><sy:updatePeriod>fortnightly</sy:updatePeriod>", std::nullopt));
    EXPECT_FALSE(feed_hint_ms("", std::string("no-cache, max-age=600")));
    EXPECT_FALSE(feed_hint_ms("", std::string("private, max-age=600")));
    EXPECT_FALSE(feed_hint_ms("", std::string("max-age=-5")));
    EXPECT_FALSE(feed_hint_ms("<channel><ttlx>60</ttlx>", std::nullopt));
    // Past nine digits a number is not read (no overflow); max_interval caps the rest.
    EXPECT_FALSE(feed_hint_ms("<channel><ttl>9999999999</ttl>", std::nullopt));
    EXPECT_EQ(feed_hint_ms("<channel><ttl>999999999</ttl>", std::nullopt), 999'999'999LL * 60'000);
}

TEST(Base64, Rfc4648Vectors) {
    EXPECT_EQ(base64(""), "");
    EXPECT_EQ(base64("f"), "Zg==");
    EXPECT_EQ(base64("fo"), "Zm8=");
    EXPECT_EQ(base64("foo"), "Zm9v");
    EXPECT_EQ(base64("foob"), "Zm9vYg==");
    EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64("\xff\xfe"), "//4=");
}

TEST(HostOf, HostAndPortLowerCased) {
    EXPECT_EQ(host_of("https://A.Example:8443/x?y#z"), "a.example:8443");
    EXPECT_EQ(host_of("http://user:pw@h.example/feed"), "h.example");
    EXPECT_EQ(host_of("http://h.example"), "h.example");
    EXPECT_EQ(host_of("h.example/x"), "");
}

TEST_F(HttpSource, DestroyWithARequestInFlightIsClean) {
    make();
    host_.script_http(feed_url, feed("<rss/>"));
    ASSERT_TRUE(host_.poll());
    ASSERT_TRUE(host_.stop());
    host_.destroy();  // completes the held exchange with INGEST_STOPPED first
    EXPECT_TRUE(host_.violations().empty());
}

// ---------------------------------------------------------------------- helpers --

TEST(RetryAfter, SecondsAndHttpDates) {
    std::int64_t const now = 1590480000000;  // 2020-05-26T08:00:00Z
    EXPECT_EQ(parse_retry_after_ms("120", now), 120'000);
    EXPECT_EQ(parse_retry_after_ms(" 0 ", now), 0);
    EXPECT_EQ(parse_retry_after_ms("Tue, 26 May 2020 08:01:00 GMT", now), 60'000);
    EXPECT_EQ(parse_retry_after_ms("Tue, 26 May 2020 07:00:00 GMT", now), 0);
    EXPECT_FALSE(parse_retry_after_ms("", now));
    EXPECT_FALSE(parse_retry_after_ms("soon", now));
    EXPECT_FALSE(parse_retry_after_ms("-5", now));
    EXPECT_FALSE(parse_retry_after_ms("99999999999999", now));
}

TEST(UrlList, CommentsAndBlankLines) {
    EXPECT_EQ(parse_url_list("# feeds\nhttps://a/1\n\n  https://b/2  # main\r\n#x\nhttp://c"),
              (std::vector<std::string>{"https://a/1", "https://b/2", "http://c"}));
    EXPECT_TRUE(parse_url_list("").empty());
}

TEST(Validators, RoundTrip) {
    validators v{"\"e\"", "Tue, 26 May 2020 07:00:00 GMT", "abc"};
    auto back = validators::parse(v.serialize());
    EXPECT_EQ(back.etag, v.etag);
    EXPECT_EQ(back.last_modified, v.last_modified);
    EXPECT_EQ(back.body_hash, v.body_hash);
    EXPECT_EQ(validators::parse("").etag, "");
}

}  // namespace
}  // namespace ingest::plugins::http
