// The SDK trampolines: whatever a hook throws becomes a return code and a message, and
// nothing crosses the C boundary. Test plugins are compiled into the test and driven
// through descriptor_of<T>() and the fake host, exactly as the core drives a library.
#include <ingest/sdk.hpp>
#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/samples.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <stdexcept>
#include <string>

namespace {

using ingest::sdk::context;
using ingest::sdk::descriptor_of;
using ingest::sdk::plugin_info;
using ingest::sdk::release;
using ingest::sdk::setting_type;
using ingest::sdk::settings_spec;
using ingest::sdk::testing::call_status;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::minimal_release;
using ingest::sdk::testing::settings_builder;

/// Settings of every test plugin here: what to throw, and where.
settings_spec thrower_settings() {
    return settings_spec{}
        .optional("throw", setting_type::string, "What the hooks throw", "none",
                  {"none", "runtime_error", "invalid_input", "retry_later", "int"})
        .optional("in", setting_type::string, "Which hook throws", "hook",
                  {"create", "start", "stop", "hook", "ack"});
}

/// Throws what the settings say when `where` is the configured place.
void maybe_throw(context const& ctx, char const* where) {
    auto const& mode = ctx.settings().get_string("throw");
    if (ctx.settings().get_string("in") != where) {
        return;
    }
    std::string const message = std::string(where) + ": boom";
    if (mode == "runtime_error") {
        throw std::runtime_error(message);
    }
    if (mode == "invalid_input") {
        throw ingest::sdk::invalid_input(message);
    }
    if (mode == "retry_later") {
        throw ingest::sdk::retry_later(message);
    }
    if (mode == "int") {
        throw 42;
    }
}

class throwing_source final : public ingest::sdk::source {
public:
    static constexpr plugin_info info{"test.throwing-source", "1.0.0", "throws"};
    static settings_spec settings() { return thrower_settings(); }
    explicit throwing_source(context& ctx) : ctx_(ctx) { maybe_throw(ctx_, "create"); }

protected:
    void start() override { maybe_throw(ctx_, "start"); }
    void stop() override { maybe_throw(ctx_, "stop"); }
    void poll(ingest::sdk::poll_context& p) override {
        ingest::sdk::item it;
        it.token = 1;
        it.payload = "x";
        p.emit(it);
        maybe_throw(ctx_, "hook");
    }
    void on_ack(ingest::sdk::ack const&) override { maybe_throw(ctx_, "ack"); }

private:
    context& ctx_;
};

class throwing_decoder final : public ingest::sdk::decoder {
public:
    static constexpr plugin_info info{"test.throwing-decoder", "1.0.0", "throws"};
    static settings_spec settings() { return thrower_settings(); }
    explicit throwing_decoder(context& ctx) : ctx_(ctx) { maybe_throw(ctx_, "create"); }

protected:
    void decode(ingest::sdk::decode_input const&, ingest::sdk::release_emitter&) override {
        maybe_throw(ctx_, "hook");
    }

private:
    context& ctx_;
};

class throwing_transform final : public ingest::sdk::transform {
public:
    static constexpr plugin_info info{"test.throwing-transform", "1.0.0", "throws"};
    static settings_spec settings() { return thrower_settings(); }
    explicit throwing_transform(context& ctx) : ctx_(ctx) { maybe_throw(ctx_, "create"); }

protected:
    void apply(release in, ingest::sdk::release_emitter& out) override {
        maybe_throw(ctx_, "hook");
        out.emit(in);
    }

private:
    context& ctx_;
};

class throwing_sink final : public ingest::sdk::sink {
public:
    static constexpr plugin_info info{"test.throwing-sink", "1.0.0", "throws"};
    static settings_spec settings() { return thrower_settings(); }
    explicit throwing_sink(context& ctx) : ctx_(ctx) { maybe_throw(ctx_, "create"); }

protected:
    void start() override { maybe_throw(ctx_, "start"); }
    void stop() override { maybe_throw(ctx_, "stop"); }
    void write_batch(ingest::sdk::batch b) override {
        b.all_delivered();
        maybe_throw(ctx_, "hook");
    }

private:
    context& ctx_;
};

struct thrown {
    char const* mode;
    ingest_rc rc;
    char const* message;  // for a hook named "hook"
};

void PrintTo(thrown const& t, std::ostream* os) {
    *os << t.mode;
}

class trampoline : public ::testing::TestWithParam<thrown> {
protected:
    static settings_builder throwing(char const* in) {
        return settings_builder().set("throw", GetParam().mode).set("in", in);
    }
    static void expect_failure(call_status const& s, char const* where) {
        EXPECT_EQ(s.rc, GetParam().rc) << s;
        std::string expected = GetParam().message;
        if (std::string(GetParam().mode) != "int") {
            expected = std::string(where) + ": boom";
        }
        EXPECT_EQ(s.message, expected);
    }
};

INSTANTIATE_TEST_SUITE_P(
    exceptions, trampoline,
    ::testing::Values(thrown{"runtime_error", INGEST_ERROR, ""},
                      thrown{"invalid_input", INGEST_INVALID_INPUT, ""},
                      thrown{"retry_later", INGEST_RETRY, ""},
                      thrown{"int", INGEST_ERROR, "plugin threw a non-standard exception"}),
    [](::testing::TestParamInfo<thrown> const& info) { return std::string(info.param.mode); });

TEST_P(trampoline, create_reports_a_throwing_constructor_and_leaves_no_instance) {
    fake_host host(descriptor_of<throwing_decoder>());
    expect_failure(host.create(throwing("create")), "create");
    EXPECT_FALSE(host.has_instance());
    EXPECT_TRUE(host.violations().empty());
}

TEST_P(trampoline, source_start_poll_and_stop) {
    for (char const* where : {"start", "stop"}) {
        fake_host host(descriptor_of<throwing_source>());
        ASSERT_TRUE(host.create(throwing(where)));
        auto const started = host.start();
        if (std::string(where) == "start") {
            expect_failure(started, where);
        } else {
            ASSERT_TRUE(started);
            expect_failure(host.stop(), where);
        }
    }
    fake_host host(descriptor_of<throwing_source>());
    ASSERT_TRUE(host.create(throwing("hook")));
    ASSERT_TRUE(host.start());
    expect_failure(host.poll(), "hook");
    EXPECT_EQ(host.items().size(), 1u) << "what was emitted before the throw stays emitted";
}

TEST_P(trampoline, source_ack_failure_is_logged_as_an_error) {
    fake_host host(descriptor_of<throwing_source>());
    ASSERT_TRUE(host.create(throwing("ack")));
    ASSERT_TRUE(host.start());
    ASSERT_TRUE(host.poll());
    ASSERT_TRUE(host.ack(1, ingest::sdk::ack_outcome::done));
    std::string const expected = std::string(GetParam().mode) == "int"
                                     ? "on_ack failed: plugin threw a non-standard exception"
                                     : "on_ack failed: ack: boom";
    EXPECT_TRUE(host.logged(ingest::sdk::log_level::error, expected)) << host.log_text();
}

/// Tells in each release's title whether decode() got the payload writable, and then
/// writes over it (what a decoder that parses in place does).
class payload_probe final : public ingest::sdk::decoder {
public:
    static constexpr plugin_info info{"test.payload-probe", "1.0.0", "probes the payload"};
    static settings_spec settings() { return {}; }
    explicit payload_probe(context&) {}

protected:
    void decode(ingest::sdk::decode_input const& in, ingest::sdk::release_emitter& out) override {
        release r = minimal_release();
        if (in.writable_payload == nullptr) {
            r.title = "read-only: " + std::string(in.payload);
        } else {
            r.title = std::string(in.writable_payload == in.payload.data() ? "writable: "
                                                                           : "elsewhere: ") +
                      std::string(in.payload);
            std::fill(in.writable_payload, in.writable_payload + in.payload.size(), 'x');
        }
        out.emit(r);
    }
};

TEST(decoder_payload, writable_as_ingestd_gives_it_unless_the_host_keeps_it) {
    fake_host host(descriptor_of<payload_probe>());
    ASSERT_TRUE(host.create(settings_builder()).ok());
    ingest::sdk::testing::decode_request request;
    request.payload = "<feed/>";
    auto out = host.decode(request);
    ASSERT_TRUE(out.ok()) << out.message();
    ASSERT_EQ(out.value().size(), 1u);
    EXPECT_EQ(out.value()[0].title, "writable: <feed/>");
    EXPECT_EQ(request.payload, "<feed/>");  // the host's copy was written over, not this

    request.read_only_payload = true;
    out = host.decode(request);
    ASSERT_TRUE(out.ok()) << out.message();
    EXPECT_EQ(out.value()[0].title, "read-only: <feed/>");
    EXPECT_TRUE(host.violations().empty());
}

TEST_P(trampoline, decoder) {
    fake_host host(descriptor_of<throwing_decoder>());
    ASSERT_TRUE(host.create(throwing("hook")));
    auto out = host.decode("bytes");
    EXPECT_FALSE(out);
    expect_failure(out.status(), "hook");
}

TEST_P(trampoline, transform) {
    fake_host host(descriptor_of<throwing_transform>());
    ASSERT_TRUE(host.create(throwing("hook")));
    auto out = host.transform(minimal_release());
    EXPECT_FALSE(out);
    expect_failure(out.status(), "hook");
}

TEST_P(trampoline, sink_write_batch_fails_and_never_completes) {
    fake_host host(descriptor_of<throwing_sink>());
    ASSERT_TRUE(host.create(throwing("hook")));
    ASSERT_TRUE(host.start());
    auto status = host.begin_write_batch({minimal_release("1"), minimal_release("2")});
    expect_failure(status, "hook");
    EXPECT_FALSE(host.batch_completed()) << "done() after a failed write_batch()";
    EXPECT_TRUE(host.violations().empty()) << host.violations()[0];
}

TEST(trampoline_without_exceptions, every_kind_works_when_nothing_throws) {
    {
        fake_host host(descriptor_of<throwing_source>());
        ASSERT_TRUE(host.create());
        ASSERT_TRUE(host.start());
        ASSERT_TRUE(host.poll());
        ASSERT_TRUE(host.ack_all());
        ASSERT_TRUE(host.stop());
    }
    {
        fake_host host(descriptor_of<throwing_transform>());
        ASSERT_TRUE(host.create());
        auto out = host.transform(minimal_release("t"));
        ASSERT_TRUE(out) << out.status();
        ASSERT_EQ(out->size(), 1u);
        EXPECT_EQ(out.value()[0], minimal_release("t"));
    }
    {
        fake_host host(descriptor_of<throwing_sink>());
        ASSERT_TRUE(host.create());
        ASSERT_TRUE(host.start());
        auto results = host.write_batch({minimal_release("1")});
        ASSERT_TRUE(results) << results.status();
        EXPECT_TRUE(results.value()[0].delivered());
        EXPECT_TRUE(host.violations().empty());
    }
}

TEST(trampoline_error_buffer, long_messages_are_truncated_and_nul_terminated) {
    char buf[8];
    ingest_error err{buf, sizeof buf, 0};
    ingest_error_set(&err, "0123456789", 10);
    EXPECT_EQ(err.size, 7u);
    EXPECT_STREQ(buf, "0123456");
    ingest_error_set(nullptr, "x", 1);  // safe
    ingest_error none{nullptr, 0, 0};
    ingest_error_set(&none, "x", 1);
    EXPECT_EQ(none.size, 0u);
}

}  // namespace
