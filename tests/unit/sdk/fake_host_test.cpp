// The fake host itself: settings resolution, recording of every host service, HTTP
// scripting, and the ABI rules it checks. Plugins are small classes compiled into the test.
#include <ingest/sdk.hpp>
#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/samples.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using ingest::sdk::context;
using ingest::sdk::descriptor_of;
using ingest::sdk::log_level;
using ingest::sdk::plugin_info;
using ingest::sdk::setting_type;
using ingest::sdk::settings_spec;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::http_reply;
using ingest::sdk::testing::parse_bool_setting;
using ingest::sdk::testing::parse_duration_setting;
using ingest::sdk::testing::parse_int_setting;
using ingest::sdk::testing::parse_list_setting;
using ingest::sdk::testing::parse_size_setting;
using ingest::sdk::testing::settings_builder;
using namespace std::chrono_literals;

// ------------------------------------------------------------------------------ settings --

/// A transform that declares one setting of each type and logs what it was given.
class settings_echo final : public ingest::sdk::transform {
public:
    static constexpr plugin_info info{"test.settings-echo", "1.0.0", "logs its settings"};
    static settings_spec settings() {
        return settings_spec{}
            .required("name", setting_type::string, "a string")
            .optional("count", setting_type::integer, "an int", "42")
            .optional("enabled", setting_type::boolean, "a bool", "true")
            .optional("interval", setting_type::duration, "a duration", "30s")
            .optional("limit", setting_type::size, "a size", "16MiB")
            .optional("tags", setting_type::list, "a list", "a,b")
            .optional("token", setting_type::secret, "a secret")
            .optional("url", setting_type::url, "a url", "https://example.org/")
            .optional("dir", setting_type::path, "a path", "/tmp")
            .optional("mode", setting_type::string, "one of", "fast", {"fast", "slow"});
    }
    explicit settings_echo(context& ctx) {
        auto const& s = ctx.settings();
        std::string tags;
        for (auto const& t : s.get_list("tags")) {
            tags += "[" + t + "]";
        }
        ctx.info("name=" + s.get_string("name") + " count=" + std::to_string(s.get_int("count")) +
                 " enabled=" + (s.get_bool("enabled") ? "true" : "false") +
                 " interval=" + std::to_string(s.get_duration("interval").count()) +
                 " limit=" + std::to_string(s.get_size("limit")) + " tags=" + tags +
                 " token=" + (s.has("token") ? s.get_string("token") : "<absent>") +
                 " url=" + s.get_string("url") + " dir=" + s.get_string("dir") +
                 " mode=" + s.get_string("mode"));
    }

protected:
    void apply(ingest::sdk::release in, ingest::sdk::release_emitter& out) override {
        out.emit(in);
    }
};

std::string echoed(settings_builder const& b) {
    fake_host host(descriptor_of<settings_echo>());
    auto status = host.create(b);
    EXPECT_TRUE(status) << status;
    auto logs = host.logs();
    return logs.empty() ? std::string() : logs.front().message;
}

std::string refusal(settings_builder const& b) {
    fake_host host(descriptor_of<settings_echo>());
    auto status = host.create(b);
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT) << status;
    EXPECT_FALSE(host.has_instance());
    return status.message;
}

TEST(fake_host_settings, fills_in_and_parses_the_declared_defaults) {
    EXPECT_EQ(echoed(settings_builder().set("name", "n")),
              "name=n count=42 enabled=true interval=30000 limit=16777216 tags=[a][b] "
              "token=<absent> url=https://example.org/ dir=/tmp mode=fast");
}

TEST(fake_host_settings, parses_given_text_in_configuration_syntax) {
    EXPECT_EQ(echoed(settings_builder()
                         .set("name", "n")
                         .set("count", "-7")
                         .set("enabled", "false")
                         .set("interval", "1h30m")
                         .set("limit", "512KiB")
                         .set("tags", " x , y,z ")
                         .set("token", "s3cret")
                         .set("url", "http://h/")
                         .set("dir", "/srv")
                         .set("mode", "slow")),
              "name=n count=-7 enabled=false interval=5400000 limit=524288 tags=[x][y][z] "
              "token=s3cret url=http://h/ dir=/srv mode=slow");
}

TEST(fake_host_settings, takes_typed_values) {
    EXPECT_EQ(echoed(settings_builder()
                         .set("name", "n")
                         .set_int("count", 5)
                         .set_bool("enabled", false)
                         .set_duration("interval", 250ms)
                         .set_size("limit", 100)
                         .set_list("tags", {"only"})),
              "name=n count=5 enabled=false interval=250 limit=100 tags=[only] "
              "token=<absent> url=https://example.org/ dir=/tmp mode=fast");
}

TEST(fake_host_settings, the_last_value_given_for_a_name_wins) {
    EXPECT_EQ(echoed(settings_builder().set("name", "first").set("name", "second"))
                  .rfind("name=second ", 0),
              0u);
}

TEST(fake_host_settings, refuses_what_the_core_would_refuse) {
    EXPECT_EQ(refusal(settings_builder()), "settings: required setting 'name' (string) is missing");
    EXPECT_EQ(refusal(settings_builder().set("name", "n").set("nmae", "x")),
              "settings: unknown setting 'nmae' (the plugin declares: name, count, enabled, "
              "interval, limit, tags, token, url, dir, mode)");
    EXPECT_EQ(refusal(settings_builder().set("name", "n").set("interval", "30x")),
              "settings: 'interval': '30x' is not a valid duration");
    EXPECT_EQ(refusal(settings_builder().set("name", "n").set("count", "4.5")),
              "settings: 'count': '4.5' is not a valid int");
    EXPECT_EQ(refusal(settings_builder().set("name", "n").set("url", "example.org")),
              "settings: 'url': 'example.org' is not an absolute URL");
    EXPECT_EQ(refusal(settings_builder().set("name", "n").set("mode", "medium")),
              "settings: 'mode': 'medium' is not one of: fast, slow");
    EXPECT_EQ(refusal(settings_builder().set("name", "n").set_int("interval", 5)),
              "settings: 'interval' is a duration setting; give it with set(\"interval\", text) "
              "or the matching set_duration()");
}

TEST(fake_host_settings, configuration_syntax) {
    EXPECT_EQ(parse_int_setting("+12"), 12);
    EXPECT_EQ(parse_int_setting("-0"), 0);
    EXPECT_FALSE(parse_int_setting("12a"));
    EXPECT_FALSE(parse_int_setting(""));
    EXPECT_FALSE(parse_int_setting("99999999999999999999"));
    EXPECT_EQ(parse_bool_setting("true"), true);
    EXPECT_EQ(parse_bool_setting("false"), false);
    EXPECT_FALSE(parse_bool_setting("yes"));
    EXPECT_EQ(parse_duration_setting("90s"), 90000);
    EXPECT_EQ(parse_duration_setting("10m"), 600000);
    EXPECT_EQ(parse_duration_setting("1h"), 3600000);
    EXPECT_EQ(parse_duration_setting("2d"), 172800000);
    EXPECT_EQ(parse_duration_setting("1m30s500ms"), 90500);
    EXPECT_EQ(parse_duration_setting("0"), 0);
    EXPECT_FALSE(parse_duration_setting("10"));
    EXPECT_FALSE(parse_duration_setting("s"));
    EXPECT_FALSE(parse_duration_setting("-5s"));
    EXPECT_FALSE(parse_duration_setting("1.5h"));
    EXPECT_EQ(parse_size_setting("100"), 100);
    EXPECT_EQ(parse_size_setting("100B"), 100);
    EXPECT_EQ(parse_size_setting("16MiB"), 16 * 1024 * 1024);
    EXPECT_EQ(parse_size_setting("1GiB"), 1024LL * 1024 * 1024);
    EXPECT_EQ(parse_size_setting("10KB"), 10000);
    EXPECT_EQ(parse_size_setting("5 MB"), 5000000);
    EXPECT_FALSE(parse_size_setting("1.5MiB"));
    EXPECT_FALSE(parse_size_setting("MiB"));
    EXPECT_FALSE(parse_size_setting("16mib"));
    EXPECT_EQ(parse_list_setting("a,b"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(parse_list_setting(" a , b "), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(parse_list_setting(""), (std::vector<std::string>{}));
    EXPECT_EQ(parse_list_setting("a,,b"), (std::vector<std::string>{"a", "", "b"}));
}

// ------------------------------------------------------------------- a source for tests --

/// A source that exercises every host service; what poll() does depends on "behaviour".
class service_source final : public ingest::sdk::source {
public:
    static constexpr plugin_info info{"test.service-source", "1.0.0", "uses every service"};
    static settings_spec settings() {
        return settings_spec{}
            .optional("behaviour", setting_type::string, "what poll does", "emit")
            .optional("count", setting_type::integer, "items per poll", "3");
    }
    explicit service_source(context& ctx)
        : ctx_(ctx),
          behaviour_(ctx.settings().get_string("behaviour")),
          count_(ctx.settings().get_int("count")) {}

protected:
    void start() override {
        if (behaviour_ == "emit_in_start") {
            ingest_item it{};
            it.struct_size = sizeof it;
            it.token = 99;
            ctx_.abi().emit(ctx_.abi().host_ctx, &it);  // not allowed outside poll()
        }
    }
    void poll(ingest::sdk::poll_context& p) override {
        if (behaviour_ == "http") {
            ingest::sdk::http_request req;
            req.url = "https://example.org/feed";
            req.headers = {{"If-None-Match", "\"v1\""}};
            ctx_.http(req, [this](ingest::sdk::http_response r) {
                ctx_.info("http ok=" + std::to_string(r.ok) + " status=" +
                          std::to_string(r.status) + " body=" + r.body + " error=" + r.error +
                          " etag=" + r.header("etag").value_or("-") + " url=" + r.url);
            });
            return;
        }
        if (behaviour_ == "services") {
            ctx_.count("polls_total", "polls", {{"feed", "a"}, {"kind", "rss"}});
            ctx_.count("polls_total", "polls", {{"kind", "rss"}, {"feed", "a"}}, 2);
            ctx_.count("polls_total", "polls", {{"feed", "b"}});
            ctx_.gauge("backlog", "items waiting", 5);
            ctx_.gauge("backlog", "items waiting", 3);
            ctx_.observe("latency_seconds", "fetch latency", 0.25);
            ctx_.observe("latency_seconds", "fetch latency", 0.5);
            ctx_.state_put("etag", "\"v2\"");
            ctx_.state_erase("old");
            ctx_.info("before=" + ctx_.state_get("seeded").value_or("-") +
                      " now=" + std::to_string(ctx_.now_ms()) +
                      " stop=" + std::to_string(ctx_.stop_requested()) +
                      " instance=" + std::string(ctx_.instance_id()));
            ctx_.schedule_poll(1500);
            return;
        }
        for (std::int64_t i = 0; i < count_; ++i) {
            ingest::sdk::item it;
            it.token = behaviour_ == "duplicate_tokens" ? 7 : static_cast<std::uint64_t>(next_++);
            it.payload = "payload " + std::to_string(it.token);
            it.media_type = "text/plain";
            it.origin_uri = "memory:" + std::to_string(it.token);
            it.file_name = "item.txt";
            it.metadata = {{"k", "v"}};
            if (behaviour_ == "records") {
                it.payload.clear();
                it.record = ingest::sdk::testing::sample_release("r" + std::to_string(it.token));
            }
            if (!p.emit(it)) {
                ctx_.info("core full after " + std::to_string(i));
                return;
            }
        }
    }
    void on_ack(ingest::sdk::ack const& a) override {
        ctx_.info("ack " + std::to_string(a.token) + " " +
                  std::to_string(static_cast<int>(a.outcome)) + " " + std::string(a.detail));
    }

private:
    context& ctx_;
    std::string behaviour_;
    std::int64_t count_;
    std::int64_t next_ = 1;
};

fake_host& source_with(fake_host& host, char const* behaviour, int count = 3) {
    auto status =
        host.create(settings_builder().set("behaviour", behaviour).set_int("count", count));
    EXPECT_TRUE(status) << status;
    EXPECT_TRUE(host.start());
    return host;
}

TEST(fake_host_source, records_emitted_items_and_drives_acks) {
    fake_host host(descriptor_of<service_source>());
    ASSERT_TRUE(source_with(host, "emit").poll());
    auto items = host.items();
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].token, 1u);
    EXPECT_EQ(items[2].payload, "payload 3");
    EXPECT_EQ(items[2].media_type, "text/plain");
    EXPECT_EQ(items[2].origin_uri, "memory:3");
    EXPECT_EQ(items[2].file_name, "item.txt");
    EXPECT_EQ(items[2].metadata.at("k"), "v");
    EXPECT_FALSE(items[2].record);
    EXPECT_EQ(host.unacked_tokens(), (std::vector<std::uint64_t>{1, 2, 3}));

    ASSERT_TRUE(host.ack(2, ingest::sdk::ack_outcome::failed, "bad bytes"));
    EXPECT_TRUE(host.logged(log_level::info, "ack 2 2 bad bytes"));
    EXPECT_EQ(host.unacked_tokens(), (std::vector<std::uint64_t>{1, 3}));
    ASSERT_TRUE(host.ack_all());
    EXPECT_TRUE(host.logged(log_level::info, "ack 1 1 "));
    EXPECT_TRUE(host.logged(log_level::info, "ack 3 1 "));
    EXPECT_TRUE(host.unacked_tokens().empty());
    EXPECT_TRUE(host.violations().empty());
}

TEST(fake_host_source, deep_copies_structured_releases) {
    fake_host host(descriptor_of<service_source>());
    ASSERT_TRUE(source_with(host, "records", 2).poll());
    auto items = host.items();
    ASSERT_EQ(items.size(), 2u);
    ASSERT_TRUE(items[1].record);
    EXPECT_EQ(*items[1].record, ingest::sdk::testing::sample_release("r2"));
}

TEST(fake_host_source, a_full_core_makes_emit_return_false) {
    fake_host host(descriptor_of<service_source>());
    source_with(host, "emit", 5);
    host.set_emit_capacity(2);
    ASSERT_TRUE(host.poll());
    EXPECT_EQ(host.items().size(), 2u);
    EXPECT_TRUE(host.logged(log_level::info, "core full after 2"));
}

TEST(fake_host_source, notices_emit_outside_poll_and_duplicate_tokens) {
    {
        fake_host host(descriptor_of<service_source>());
        source_with(host, "emit_in_start");
        ASSERT_EQ(host.violations().size(), 1u);
        EXPECT_EQ(host.violations()[0], "emit() called outside poll()");
        EXPECT_TRUE(host.items().empty());
    }
    {
        fake_host host(descriptor_of<service_source>());
        ASSERT_TRUE(source_with(host, "duplicate_tokens", 2).poll());
        ASSERT_EQ(host.violations().size(), 1u);
        EXPECT_EQ(host.violations()[0],
                  "emit() of token 7 while an item with that token is still unacknowledged");
    }
}

TEST(fake_host_services, records_metrics_state_clock_stop_and_schedule) {
    fake_host host(descriptor_of<service_source>(), "press-drops");
    host.set_state("seeded", "yes");
    host.set_state("old", "x");
    host.set_now_ms(1000);
    host.advance(500ms);
    source_with(host, "services");
    host.request_stop();
    ASSERT_TRUE(host.poll());

    EXPECT_EQ(host.counter("polls_total", {{"feed", "a"}, {"kind", "rss"}}), 3);
    EXPECT_EQ(host.counter("polls_total", {{"feed", "b"}}), 1);
    EXPECT_EQ(host.counter("polls_total"), 0) << "labels must match";
    EXPECT_EQ(host.gauge("backlog"), 3);
    EXPECT_FALSE(host.gauge("nothing"));
    EXPECT_EQ(host.observations("latency_seconds"), (std::vector<double>{0.25, 0.5}));
    ASSERT_EQ(host.metric_events().size(), 7u);
    EXPECT_EQ(host.metric_events()[0].help, "polls");

    EXPECT_EQ(host.state_value("etag"), "\"v2\"");
    EXPECT_FALSE(host.state_value("old"));
    ASSERT_EQ(host.state_writes().size(), 2u);
    EXPECT_EQ(host.state_writes()[0].key, "etag");
    EXPECT_EQ(host.state_writes()[1].key, "old");
    EXPECT_FALSE(host.state_writes()[1].value) << "an erase";
    EXPECT_EQ(host.state().size(), 2u);

    EXPECT_TRUE(host.logged(log_level::info, "before=yes now=1500 stop=1 instance=press-drops"))
        << host.log_text();
    EXPECT_EQ(host.scheduled_polls(), (std::vector<std::uint64_t>{1500}));
}

TEST(fake_host_services, failing_state_writes_fail_the_call) {
    fake_host host(descriptor_of<service_source>());
    source_with(host, "services");
    host.fail_state_writes(true);
    auto status = host.poll();
    EXPECT_EQ(status.rc, INGEST_RETRY);
    EXPECT_EQ(status.message, "host service state_put failed");
    EXPECT_TRUE(host.state_writes().empty());
}

TEST(fake_host_services, stop_sets_the_stop_flag) {
    fake_host host(descriptor_of<service_source>());
    source_with(host, "services");
    ASSERT_TRUE(host.stop());
    ASSERT_TRUE(host.start());
    ASSERT_TRUE(host.poll());
    EXPECT_TRUE(host.logged(log_level::info, "stop=0")) << "create() and start() clear it";
}

// ----------------------------------------------------------------------------------- HTTP --

TEST(fake_host_http, holds_exchanges_until_complete_http) {
    fake_host host(descriptor_of<service_source>());
    host.script_http("https://example.org/feed", http_reply::ok("<rss/>", {{"ETag", "\"v2\""}}));
    ASSERT_TRUE(source_with(host, "http").poll());
    EXPECT_EQ(host.pending_http(), 1u);
    EXPECT_TRUE(host.logs().empty()) << "the answer always comes later";

    auto requests = host.http_requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].method, "GET");
    EXPECT_EQ(requests[0].url, "https://example.org/feed");
    ASSERT_EQ(requests[0].headers.size(), 1u);
    EXPECT_EQ(requests[0].headers[0].second, "\"v1\"");

    EXPECT_EQ(host.complete_http(), 1u);
    EXPECT_EQ(host.pending_http(), 0u);
    EXPECT_TRUE(host.logged(log_level::info,
                            "http ok=1 status=200 body=<rss/> error= etag=\"v2\" "
                            "url=https://example.org/feed"))
        << host.log_text();
}

TEST(fake_host_http, uses_replies_in_order_and_repeats_the_last) {
    fake_host host(descriptor_of<service_source>());
    host.deliver_http_immediately(true);
    host.script_http("https://example.org/feed", http_reply::ok("first"));
    http_reply moved = http_reply::with_status(304);
    moved.effective_url = "https://cdn.example.org/feed";
    host.script_http("https://example.org/feed", moved);
    source_with(host, "http");
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(host.poll());
    }
    auto logs = host.logs();
    ASSERT_EQ(logs.size(), 3u);
    EXPECT_NE(logs[0].message.find("status=200 body=first"), std::string::npos) << logs[0].message;
    EXPECT_NE(logs[1].message.find("status=304 body= "), std::string::npos) << logs[1].message;
    EXPECT_NE(logs[1].message.find("url=https://cdn.example.org/feed"), std::string::npos);
    EXPECT_EQ(logs[2].message, logs[1].message);
}

TEST(fake_host_http, unscripted_urls_and_transport_errors_fail_the_exchange) {
    fake_host host(descriptor_of<service_source>());
    host.deliver_http_immediately(true);
    source_with(host, "http");
    ASSERT_TRUE(host.poll());
    EXPECT_TRUE(host.logged(log_level::info,
                            "http ok=0 status=0 body= error=fake_host: no scripted reply for "
                            "https://example.org/feed"))
        << host.log_text();

    host.script_http("https://example.org/feed", http_reply::failure("connection refused"));
    ASSERT_TRUE(host.poll());
    EXPECT_TRUE(host.logged(log_level::info, "ok=0 status=0 body= error=connection refused"))
        << host.log_text();
}

TEST(fake_host_http, destroy_answers_held_exchanges_with_stopped_first) {
    fake_host host(descriptor_of<service_source>());
    host.script_http("https://example.org/feed", http_reply::ok("never seen"));
    ASSERT_TRUE(source_with(host, "http").poll());
    ASSERT_TRUE(host.stop());
    host.destroy();
    EXPECT_TRUE(host.logged(log_level::info,
                            "http ok=0 status=0 body= error=fake_host: the instance is being "
                            "destroyed"))
        << host.log_text();
}

// ---------------------------------------------------------------------- errors as values --

TEST(fake_host_errors, calls_without_an_instance_or_of_another_kind_are_values_not_throws) {
    fake_host host(descriptor_of<service_source>());
    auto status = host.poll();
    EXPECT_EQ(status.rc, INGEST_ERROR);
    EXPECT_EQ(status.message,
              "fake_host: cannot call poll(): no instance (create() was not called or failed)");
    ASSERT_TRUE(host.create());
    auto decoded = host.decode("x");
    EXPECT_EQ(decoded.rc(), INGEST_UNSUPPORTED);
    EXPECT_EQ(decoded.message(), "fake_host: the plugin has no decode() (its kind is source)");
    EXPECT_THROW((void)decoded.value(), std::logic_error);
    EXPECT_EQ(host.create().message, "fake_host: an instance exists already; destroy() it first");

    std::ostringstream printed;
    printed << decoded.status();
    EXPECT_EQ(printed.str(),
              "INGEST_UNSUPPORTED: fake_host: the plugin has no decode() (its kind is source)");
}

/// A plugin the daemon would refuse: its setting name is not [a-z0-9_]+.
class badly_declared final : public ingest::sdk::transform {
public:
    static constexpr plugin_info info{"test.badly-declared", "1.0.0", "bad settings table"};
    static settings_spec settings() {
        return settings_spec{}.optional("Bad-Name", setting_type::string, "not allowed");
    }
    explicit badly_declared(context&) {}

protected:
    void apply(ingest::sdk::release, ingest::sdk::release_emitter&) override {}
};

TEST(fake_host_errors, refuses_a_descriptor_that_the_daemon_would_refuse) {
    fake_host host(descriptor_of<badly_declared>());
    auto status = host.create();
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_NE(status.message.find("name 'Bad-Name' is not [a-z0-9_]+"), std::string::npos)
        << status;
    EXPECT_FALSE(host.has_instance());

    fake_host none(nullptr);
    EXPECT_EQ(none.create().rc, INGEST_INVALID_INPUT);
}

// --------------------------------------------------------------- release callback rules --

/// A decoder that ignores emit()'s answer and keeps producing.
class stubborn_decoder final : public ingest::sdk::decoder {
public:
    static constexpr plugin_info info{"test.stubborn-decoder", "1.0.0", "ignores stop"};
    static settings_spec settings() { return {}; }
    explicit stubborn_decoder(context&) {}

protected:
    void decode(ingest::sdk::decode_input const&, ingest::sdk::release_emitter& out) override {
        for (int i = 0; i < 3; ++i) {
            (void)out.emit(ingest::sdk::testing::minimal_release(std::to_string(i)));
        }
    }
};

TEST(fake_host_release_out, the_sdk_stops_a_plugin_that_ignores_stop_and_returns_the_code) {
    fake_host host(descriptor_of<stubborn_decoder>());
    ASSERT_TRUE(host.create());
    host.set_release_out_limit(1, INGEST_STOPPED);
    auto out = host.decode("x");
    EXPECT_EQ(out.rc(), INGEST_STOPPED);
    EXPECT_EQ(out.message(), "the core stopped taking releases");
    EXPECT_EQ(host.last_releases().size(), 1u);
    EXPECT_TRUE(host.violations().empty()) << host.violations()[0];

    host.set_release_out_limit(std::nullopt);
    out = host.decode("x");
    ASSERT_TRUE(out) << out.status();
    EXPECT_EQ(out->size(), 3u);
}

}  // namespace

namespace {

// ------------------------------------------------------- hand-written entry points --

/// A hand-written (not SDK) transform entry point that lets an exception escape.
ingest_rc escaping_transform(void*, ingest_release const*, ingest_release_out, void*,
                             ingest_error*) {
    throw std::runtime_error("escaped");
}

TEST(fake_host_errors, an_exception_escaping_a_plugin_call_is_a_value_and_a_violation) {
    ingest_plugin_descriptor d = *descriptor_of<settings_echo>();
    d.transform = &escaping_transform;
    fake_host host(&d);
    ASSERT_TRUE(host.create(settings_builder().set("name", "n")));
    auto out = host.transform(ingest::sdk::testing::minimal_release());
    EXPECT_EQ(out.rc(), INGEST_ERROR);
    EXPECT_EQ(out.message(), "an exception escaped transform(): escaped");
    ASSERT_EQ(host.violations().size(), 1u);
    EXPECT_EQ(host.violations()[0], "an exception escaped transform(): escaped");
}

}  // namespace
