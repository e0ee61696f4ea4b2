// The host services of one plugin instance, wrapped for C++.
//
// A context is created by the SDK's create() trampoline and outlives the plugin object it
// is handed to. Every function forwards to the ingest_host table of the C ABI.
#pragma once

#include <ingest/plugin_abi.h>
#include <ingest/sdk/release.hpp>
#include <ingest/sdk/settings.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ingest::sdk {

/// Thrown by a plugin for input that is bad and will stay bad (becomes INGEST_INVALID_INPUT).
class invalid_input : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Thrown by a plugin for a passing failure worth retrying (becomes INGEST_RETRY).
class retry_later : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Log levels, as in the C ABI.
enum class log_level : int {
    trace = INGEST_LOG_TRACE,
    debug = INGEST_LOG_DEBUG,
    info = INGEST_LOG_INFO,
    warn = INGEST_LOG_WARN,
    error = INGEST_LOG_ERROR,
};

/// Metric labels as (name, value) pairs.
using labels = std::vector<std::pair<std::string, std::string>>;

/// An HTTP request for context::http().
struct http_request {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::uint64_t max_body_bytes = 0;  ///< 0: the host's default cap
    std::uint64_t timeout_ms = 0;      ///< 0: the host's default
};

/// A completed HTTP exchange (owning copy).
struct http_response {
    bool ok = false;    ///< a response was received (any status)
    std::string error;  ///< transport error when !ok
    int status = 0;
    std::string url;  ///< effective URL after redirects
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// First header with this name, compared case-insensitively.
    std::optional<std::string> header(std::string_view name) const {
        for (auto const& [k, v] : headers) {
            if (k.size() == name.size()) {
                bool same = true;
                for (std::size_t i = 0; i < k.size() && same; ++i) {
                    same = ascii_lower(k[i]) == ascii_lower(name[i]);
                }
                if (same) {
                    return v;
                }
            }
        }
        return std::nullopt;
    }

private:
    static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
};

/// Host services and validated settings of one instance.
class context {
public:
    context(ingest_host const* host, settings s) : host_(host), settings_(std::move(s)) {}
    context(context const&) = delete;
    context& operator=(context const&) = delete;

    /// The validated settings of this instance.
    sdk::settings const& settings() const noexcept { return settings_; }

    /// The id of this instance in the configuration.
    std::string_view instance_id() const noexcept { return to_view(host_->instance_id); }

    void log(log_level level, std::string_view message) const {
        host_->log(host_->host_ctx, static_cast<ingest_log_level>(level), to_abi(message));
    }
    void debug(std::string_view m) const { log(log_level::debug, m); }
    void info(std::string_view m) const { log(log_level::info, m); }
    void warn(std::string_view m) const { log(log_level::warn, m); }
    void error(std::string_view m) const { log(log_level::error, m); }

    /// Adds value to the counter name{labels}.
    void count(std::string_view name, std::string_view help, labels const& l = {},
               double value = 1) const {
        metric(INGEST_METRIC_COUNTER, name, help, l, value);
    }
    /// Sets the gauge name{labels}.
    void gauge(std::string_view name, std::string_view help, double value,
               labels const& l = {}) const {
        metric(INGEST_METRIC_GAUGE, name, help, l, value);
    }
    /// Observes value in the histogram name{labels}.
    void observe(std::string_view name, std::string_view help, double value,
                 labels const& l = {}) const {
        metric(INGEST_METRIC_HISTOGRAM, name, help, l, value);
    }

    /// Reads a durable state key of this instance.
    std::optional<std::string> state_get(std::string_view key) const {
        std::optional<std::string> out;
        auto rc = host_->state_get(
            host_->host_ctx, to_abi(key),
            [](void* user, ingest_str value) {
                *static_cast<std::optional<std::string>*>(user) = to_string(value);
            },
            &out);
        check(rc, "state_get");
        return out;
    }
    /// Writes a durable state key (committed when this returns).
    void state_put(std::string_view key, std::string_view value) const {
        check(host_->state_put(host_->host_ctx, to_abi(key), to_abi(value)), "state_put");
    }
    /// Removes a state key.
    void state_erase(std::string_view key) const {
        check(host_->state_erase(host_->host_ctx, to_abi(key)), "state_erase");
    }

    /// Starts an asynchronous HTTP request; done runs once, on the core's loop thread.
    /// Throws retry_later when the host could not start it (done is then never called).
    void http(http_request const& req, std::function<void(http_response)> done) const {
        std::vector<ingest_kv> headers;
        for (auto const& [k, v] : req.headers) {
            headers.push_back({to_abi(k), to_abi(v)});
        }
        ingest_http_request c{};
        c.struct_size = sizeof c;
        c.method = to_abi(req.method);
        c.url = to_abi(req.url);
        c.headers = headers.data();
        c.headers_count = headers.size();
        c.body = to_abi(req.body);
        c.max_body_bytes = req.max_body_bytes;
        c.timeout_ms = req.timeout_ms;
        auto holder = std::make_unique<pending_http>(pending_http{host_, std::move(done)});
        auto rc = host_->http_request(host_->host_ctx, &c, &http_trampoline, holder.get());
        if (rc != INGEST_OK) {
            throw retry_later(rc == INGEST_UNSUPPORTED
                                  ? "the host offers no HTTP service"
                                  : "the host could not start the HTTP request");
        }
        holder.release();  // owned by the pending request now; freed in http_trampoline
    }

    /// Asks the core to poll this source again after delay_ms.
    void schedule_poll(std::uint64_t delay_ms) const {
        host_->schedule_poll(host_->host_ctx, delay_ms);
    }
    /// True once the core asked this instance to stop.
    bool stop_requested() const { return host_->stop_requested(host_->host_ctx) != 0; }

    /// True when the core polls every source once and stops (INGEST_RUN_ONCE; ABI 1.1: a
    /// 1.0 host never sets it).
    bool run_once() const noexcept {
        return host_->struct_size >= offsetof(ingest_host, run_flags) + sizeof(std::uint32_t) &&
               (host_->run_flags & INGEST_RUN_ONCE) != 0;
    }
    /// Wall-clock now, Unix milliseconds (injected in tests).
    std::int64_t now_ms() const { return host_->now_ms(host_->host_ctx); }

    /// The raw C table, for the SDK's own trampolines.
    ingest_host const& abi() const noexcept { return *host_; }

private:
    void metric(ingest_metric_kind kind, std::string_view name, std::string_view help,
                labels const& l, double value) const {
        std::vector<ingest_kv> kv;
        kv.reserve(l.size());
        for (auto const& [k, v] : l) {
            kv.push_back({to_abi(k), to_abi(v)});
        }
        host_->metric(host_->host_ctx, kind, to_abi(name), to_abi(help), kv.data(), kv.size(),
                      value);
    }

    static void check(ingest_rc rc, char const* what) {
        if (rc != INGEST_OK) {
            throw retry_later(std::string("host service ") + what + " failed");
        }
    }

    struct pending_http {
        ingest_host const* host;
        std::function<void(http_response)> done;
    };

    static void http_trampoline(void* user, ingest_http_response const* r) noexcept {
        std::unique_ptr<pending_http> pending(static_cast<pending_http*>(user));
        // A completion that throws must not unwind into the core's loop: log it instead.
        std::string failure;
        try {
            http_response out;
            out.ok = r->rc == INGEST_OK;
            out.error = to_string(r->error);
            out.status = r->status;
            out.url = to_string(r->url);
            for (std::size_t i = 0; i < r->headers_count; ++i) {
                out.headers.emplace_back(to_string(r->headers[i].key),
                                         to_string(r->headers[i].value));
            }
            out.body = to_string(r->body);
            pending->done(std::move(out));
        } catch (std::exception const& e) {
            failure = std::string("HTTP completion handler threw: ") + e.what();
        } catch (...) {
            failure = "HTTP completion handler threw a non-standard exception";
        }
        if (!failure.empty()) {
            pending->host->log(pending->host->host_ctx, INGEST_LOG_ERROR, to_abi(failure));
        }
    }

    ingest_host const* host_;
    sdk::settings settings_;
};

}  // namespace ingest::sdk
