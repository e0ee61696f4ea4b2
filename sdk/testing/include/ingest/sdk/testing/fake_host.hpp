// A fake ingestd host for unit tests of plugins: one plugin instance, driven call by call,
// with every host service recorded and scriptable.
//
//   ingest::sdk::testing::fake_host host(ingest::sdk::descriptor_of<my_sink>());
//   ASSERT_TRUE(host.create(settings_builder().set("path", dir / "out.jsonl")));
//   ASSERT_TRUE(host.start());
//   auto results = host.write_batch({release_a, release_b});
//   ASSERT_TRUE(results) << results.status();
//   EXPECT_TRUE(results.value()[0].delivered());
//
// What it does for the test:
//  - implements the whole ingest_host table for the instance: logs, metrics (counters
//    accumulate), an in-memory state store with a record of writes, emitted items (deep
//    copies, structured releases included), schedule_poll requests, a settable clock and
//    stop flag, and an HTTP client answered from scripted replies;
//  - resolves settings like the core: values in configuration syntax ("30s", "16MiB",
//    "true", "a,b") or typed, checked against the descriptor's table, defaults filled in,
//    unknown or missing required settings refused (rc INGEST_INVALID_INPUT, create() of the
//    plugin is then not called);
//  - refuses a descriptor that the daemon's loader would refuse (same check);
//  - returns every failure of a plugin call as a value (rc + message): nothing is thrown
//    from a plugin call, so tests assert on errors;
//  - notices broken ABI rules (emit outside poll, a batch completed twice or after a failed
//    write_batch, a wrong number of results, a token emitted twice while unacknowledged)
//    and lists them in violations(); a correct plugin leaves it empty.
//
// Threading: the recording side is thread-safe (a sink may complete batches, and a plugin
// may log, from its own threads). Calls into the plugin are made on the test's thread.
#pragma once

#include <ingest/plugin_abi.h>
#include <ingest/sdk/context.hpp>
#include <ingest/sdk/plugin.hpp>
#include <ingest/sdk/release.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ingest::sdk::testing {

class plugin_handle;

/// "INGEST_OK", "INGEST_INVALID_INPUT", ... ("ingest_rc(N)" for unknown values).
std::string rc_name(ingest_rc rc);

/// The outcome of one call: the plugin's return code and the message it wrote.
struct call_status {
    ingest_rc rc = INGEST_OK;
    std::string message;

    bool ok() const noexcept { return rc == INGEST_OK; }
    explicit operator bool() const noexcept { return ok(); }
};

/// Prints "INGEST_OK" or "INGEST_RETRY: <message>" (for gtest failure messages).
std::ostream& operator<<(std::ostream& os, call_status const& status);

/// A value, or the status of the call that failed to produce one.
template <class T>
class call_result {
public:
    call_result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
    call_result(call_status failure) : status_(std::move(failure)) {
        if (status_.ok()) {
            status_ = {INGEST_ERROR, "call_result built from an OK status without a value"};
        }
    }

    bool ok() const noexcept { return value_.has_value(); }
    explicit operator bool() const noexcept { return ok(); }
    call_status const& status() const noexcept { return status_; }
    ingest_rc rc() const noexcept { return status_.rc; }
    std::string const& message() const noexcept { return status_.message; }

    /// The value. Throws std::logic_error naming the failure when the call failed (a test
    /// bug: check ok() first).
    T const& value() const {
        if (!value_) {
            throw std::logic_error("call_result has no value: " + rc_name(status_.rc) + ": " +
                                   status_.message);
        }
        return *value_;
    }
    T& value() {
        if (!value_) {
            throw std::logic_error("call_result has no value: " + rc_name(status_.rc) + ": " +
                                   status_.message);
        }
        return *value_;
    }
    T const& operator*() const { return value(); }
    T const* operator->() const { return &value(); }

private:
    call_status status_;
    std::optional<T> value_;
};

/// One line the plugin logged.
struct log_line {
    sdk::log_level level = sdk::log_level::info;
    std::string message;
};

/// One call of the metric service.
struct metric_event {
    ingest_metric_kind kind = INGEST_METRIC_COUNTER;
    std::string name;
    std::string help;
    std::vector<std::pair<std::string, std::string>> labels;
    double value = 0;
};

/// One write to the state store; value is empty for an erase.
struct state_write {
    std::string key;
    std::optional<std::string> value;
};

/// An item a source emitted (deep copy).
struct emitted_item {
    std::uint64_t token = 0;
    std::string payload;
    std::string media_type;
    std::string origin_uri;
    std::string file_name;
    std::map<std::string, std::string> metadata;
    std::optional<release> record;  ///< set when the source emitted a structured release
};

/// An HTTP request a plugin made (deep copy).
struct sent_request {
    std::string method;
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::uint64_t max_body_bytes = 0;
    std::uint64_t timeout_ms = 0;
};

/// A scripted answer to an HTTP request.
struct http_reply {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string effective_url;                   ///< empty: the requested URL
    std::optional<std::string> transport_error;  ///< set: no response (rc INGEST_ERROR)

    /// 200 with a body.
    static http_reply ok(std::string body,
                         std::vector<std::pair<std::string, std::string>> headers = {});
    /// Any status, empty body.
    static http_reply with_status(int status,
                                  std::vector<std::pair<std::string, std::string>> headers = {});
    /// No response at all: DNS failure, connection refused, timeout...
    static http_reply failure(std::string transport_error);
};

/// The outcome a sink reported for one record.
struct delivery {
    ingest_delivery_status status = INGEST_DELIVERY_RETRY;
    std::uint64_t retry_after_ms = 0;
    std::string reason;

    bool delivered() const noexcept { return status == INGEST_DELIVERED; }
    bool retry() const noexcept { return status == INGEST_DELIVERY_RETRY; }
    bool rejected() const noexcept { return status == INGEST_DELIVERY_REJECTED; }
};

/// Everything decode() can be given.
struct decode_request {
    std::string payload;
    std::string media_type;
    std::string file_name;
    std::string origin_uri;
    std::map<std::string, std::string> metadata;
    /// By default the plugin gets a writable copy of the payload, as ingestd gives it
    /// (decode_input::writable_payload); true hands it read-only, as a host that keeps the
    /// payload would. The decoder must produce the same either way.
    bool read_only_payload = false;
};

/// Settings of the instance under test, as a configuration file would give them. Only the
/// settings named here are "given"; the others get their declared default (or stay absent).
/// Setting a name twice keeps the last value.
///
///     settings_builder().set("path", "/tmp/x").set("interval", "30s").set_int("max", 5)
class settings_builder {
public:
    /// A value in configuration syntax, parsed per the declared type: "42", "true"/"false",
    /// "90s"/"10m"/"1h30m"/"250ms", "16MiB"/"512KiB"/"100", "a,b,c" (list), plain text.
    settings_builder& set(std::string name, std::string text);
    settings_builder& set(std::string name, char const* text);
    settings_builder& set_int(std::string name, std::int64_t value);
    settings_builder& set_bool(std::string name, bool value);
    settings_builder& set_duration(std::string name, std::chrono::milliseconds value);
    settings_builder& set_size(std::string name, std::uint64_t bytes);
    settings_builder& set_list(std::string name, std::vector<std::string> items);

private:
    friend class fake_host;
    enum class form { text, integer, boolean, duration, size, list };
    struct given {
        form how = form::text;
        std::string text;
        std::int64_t integer = 0;
        std::vector<std::string> list;
    };
    settings_builder& put(std::string name, given g);
    std::vector<std::pair<std::string, given>> values_;
};

/// Configuration syntax, as the fake host reads it (exposed for tests of settings tables).
/// Each returns nullopt for text that is not valid for the type.
std::optional<std::int64_t> parse_int_setting(std::string_view text);
std::optional<bool> parse_bool_setting(std::string_view text);
/// "90s", "10m", "1h30m", "250ms", "2d" -> milliseconds.
std::optional<std::int64_t> parse_duration_setting(std::string_view text);
/// "100", "100B", "512KiB", "16MiB", "1GiB", "10KB", "5MB" -> bytes.
std::optional<std::int64_t> parse_size_setting(std::string_view text);
/// "a, b,c" -> {"a", "b", "c"}; "" -> {}.
std::vector<std::string> parse_list_setting(std::string_view text);

/// A fake host around one instance of one plugin. Not copyable or movable (the plugin
/// holds a pointer to it). The destructor stops a started instance and destroys it.
class fake_host {
public:
    /// Tests a plugin class compiled into the test: fake_host(descriptor_of<my_plugin>()).
    /// keep_alive is held for as long as the host lives (e.g. the module of a library).
    explicit fake_host(ingest_plugin_descriptor const* plugin, std::string instance_id = "test",
                       std::shared_ptr<void> keep_alive = {});
    /// Tests a plugin library loaded with load_plugin() (harness.hpp).
    explicit fake_host(plugin_handle const& plugin, std::string instance_id = "test");
    ~fake_host();
    fake_host(fake_host const&) = delete;
    fake_host& operator=(fake_host const&) = delete;

    ingest_plugin_descriptor const* descriptor() const noexcept;
    /// The ingest_host table handed to the plugin.
    ingest_host const& host_table() const noexcept;

    // --------------------------------------------------------------------- lifetime --

    /// Resolves the settings against the descriptor and calls create(). Fails with
    /// INGEST_INVALID_INPUT ("settings: ...") before calling the plugin when the settings
    /// are wrong, or when the daemon would refuse the descriptor.
    call_status create(settings_builder const& settings = {});
    bool has_instance() const noexcept;
    /// Clears the stop flag and calls start().
    call_status start();
    /// Sets the stop flag (as the core does) and calls stop().
    call_status stop();
    /// Destroys the instance. Held HTTP exchanges are first completed with INGEST_STOPPED.
    void destroy();

    // ---------------------------------------------------------------------- sources --

    /// Calls poll(); emit() is accepted only while it runs.
    call_status poll();
    /// Calls ack(token, outcome, detail). Fails only when there is no instance or no ack().
    call_status ack(std::uint64_t token, sdk::ack_outcome outcome, std::string_view detail = {});
    /// Acknowledges every emitted, not yet acknowledged item, oldest first.
    call_status ack_all(sdk::ack_outcome outcome = sdk::ack_outcome::done,
                        std::string_view detail = {});
    /// Every item emitted so far (or since clear_items()).
    std::vector<emitted_item> items() const;
    void clear_items();
    /// Tokens emitted and not yet acknowledged, oldest first.
    std::vector<std::uint64_t> unacked_tokens() const;
    /// After n more accepted items emit() answers INGEST_RETRY ("the core is full").
    /// nullopt: unlimited (the default).
    void set_emit_capacity(std::optional<std::size_t> n);
    /// ingest_host.run_flags the instance sees (INGEST_RUN_ONCE: an `ingestd --once` run).
    /// Set it before create(). Default 0.
    void set_run_flags(std::uint32_t flags);
    /// Every schedule_poll(delay_ms) request, in order.
    std::vector<std::uint64_t> scheduled_polls() const;

    // ---------------------------------------------------------- decoders, transforms --

    call_result<std::vector<release>> decode(std::string_view payload,
                                             std::string_view media_type = {},
                                             std::string_view file_name = {});
    call_result<std::vector<release>> decode(decode_request const& request);
    call_result<std::vector<release>> transform(release const& input);
    /// The releases the plugin passed to the release callback during the last decode() or
    /// transform(), also when that call failed (a decoder must not emit before an error).
    std::vector<release> last_releases() const;
    /// From now on the release callback of decode()/transform() accepts n releases and then
    /// answers rc (to test that a plugin stops producing). nullopt: accept all.
    void set_release_out_limit(std::optional<std::size_t> n, ingest_rc rc = INGEST_RETRY);

    // ------------------------------------------------------------------------ sinks --

    /// Calls write_batch() and waits for the completion (driving held HTTP exchanges while
    /// it waits, as the core's loop would). A non-OK return of write_batch() is the error;
    /// a batch not completed within the batch timeout is INGEST_ERROR.
    call_result<std::vector<delivery>> write_batch(std::vector<release> const& records);
    /// Calls write_batch() and returns at once; see batch_completed() and wait_batch().
    call_status begin_write_batch(std::vector<release> const& records);
    /// True once the batch of the last begin_write_batch() was completed.
    bool batch_completed() const;
    /// Waits for the batch of the last begin_write_batch() (see write_batch()).
    call_result<std::vector<delivery>> wait_batch();
    /// How long write_batch()/wait_batch() wait for a completion. Default 10 s.
    void set_batch_timeout(std::chrono::milliseconds timeout);

    // ---------------------------------------------------------------------- logging --

    std::vector<log_line> logs() const;
    /// True when a line of exactly this level contains substring.
    bool logged(sdk::log_level level, std::string_view substring) const;
    /// All lines as "[level] message\n", for failure messages.
    std::string log_text() const;

    // ---------------------------------------------------------------------- metrics --

    std::vector<metric_event> metric_events() const;
    /// Sum of the counter name{labels} (0 when never counted). Labels match as a set.
    double counter(std::string_view name, sdk::labels const& labels = {}) const;
    /// Last value of the gauge name{labels}.
    std::optional<double> gauge(std::string_view name, sdk::labels const& labels = {}) const;
    /// Every value observed in the histogram name{labels}.
    std::vector<double> observations(std::string_view name, sdk::labels const& labels = {}) const;

    // ------------------------------------------------------------------ state store --

    std::map<std::string, std::string> state() const;
    std::optional<std::string> state_value(std::string_view key) const;
    /// Seeds the store (as a previous run would have left it); not recorded as a write.
    void set_state(std::string key, std::string value);
    /// Every state_put/state_erase, in order.
    std::vector<state_write> state_writes() const;
    /// While on, state_put and state_erase fail with INGEST_ERROR (a full disk).
    void fail_state_writes(bool fail);

    // ------------------------------------------------------------------------- HTTP --

    /// Answers requests to url (exact match) with reply. Replies for one URL are used in
    /// the order given; the last one keeps answering. A request to a URL without a script
    /// gets rc INGEST_ERROR "fake_host: no scripted reply for <url>".
    void script_http(std::string url, http_reply reply);
    /// Off (default): exchanges are held until complete_http(), as on the real loop where
    /// the answer always comes later. On: done() runs inside http_request().
    void deliver_http_immediately(bool on);
    /// Completes every held exchange, including those started by completions. Returns how
    /// many completed.
    std::size_t complete_http();
    std::size_t pending_http() const;
    /// Every request made, in order.
    std::vector<sent_request> http_requests() const;

    // ---------------------------------------------------------------- clock and stop --

    /// The clock the plugin reads. Starts at 2020-05-26T08:00:00Z.
    void set_now_ms(std::int64_t unix_ms);
    void advance(std::chrono::milliseconds by);
    std::int64_t now_ms() const;
    /// The stop flag the plugin reads (stop() sets it; create() and start() clear it).
    void request_stop(bool on = true);

    // ------------------------------------------------------------------- ABI checks --

    /// Broken rules of the ABI noticed so far, one sentence each. Empty for a correct plugin.
    std::vector<std::string> violations() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace ingest::sdk::testing
