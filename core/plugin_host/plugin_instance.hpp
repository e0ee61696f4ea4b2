// One live instance of a plugin: the C ABI calls wrapped so that nothing a plugin does
// (an error code, a C++ exception that escaped a hand-written trampoline) takes the daemon
// down. Every failure comes back as a call_status naming the plugin, its version and the
// instance, and is counted.
#pragma once

#include "plugin_host/plugin_host.hpp"

#include <ingest/plugin_abi.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ingest::core {

/// What the core offers behind the ingest_host table of one instance. The daemon, the
/// tools and the tests each provide their own. Called from the threads the plugin calls
/// them on; implementations synchronize as needed.
class host_services {
public:
    virtual ~host_services() = default;
    virtual void log(ingest_log_level level, std::string_view message) = 0;
    virtual void metric(ingest_metric_kind kind, std::string_view name, std::string_view help,
                        std::vector<std::pair<std::string, std::string>> const& labels,
                        double value) = 0;
    virtual std::optional<std::string> state_get(std::string_view key) = 0;
    virtual bool state_put(std::string_view key, std::string_view value) = 0;
    virtual bool state_erase(std::string_view key) = 0;
    /// Default: no HTTP service (INGEST_UNSUPPORTED, done is never called).
    virtual ingest_rc http_request(ingest_http_request const& request, ingest_http_callback done,
                                   void* user);
    /// Default: refuses items (INGEST_UNSUPPORTED).
    virtual ingest_rc emit(ingest_item const& item);
    virtual void schedule_poll(std::uint64_t delay_ms);
    virtual bool stop_requested();
    virtual std::int64_t now_ms();
    /// ingest_host.run_flags of the instances made with these services. Default 0.
    virtual std::uint32_t run_flags() const;
};

/// Outcome of one call into a plugin.
struct call_status {
    ingest_rc rc = INGEST_OK;
    std::string message;  ///< "<plugin label> [instance]: <call> failed: <plugin's message>"
    bool ok() const noexcept { return rc == INGEST_OK; }
};

/// Per-record outcome of a sink batch (owning copy of ingest_delivery_result).
struct delivery_outcome {
    ingest_delivery_status status = INGEST_DELIVERY_RETRY;
    std::uint64_t retry_after_ms = 0;
    std::string reason;
};

class plugin_instance {
public:
    using release_callback = std::function<ingest_rc(ingest_release const&)>;
    using batch_callback = std::function<void(std::vector<delivery_outcome>)>;

    /// Calls the plugin's create(). On failure returns nullptr and the status says why.
    static std::unique_ptr<plugin_instance> create(
        plugin_module_ptr module, std::string id, std::vector<ingest_setting_value> const& settings,
        std::shared_ptr<host_services> services, call_status& status);

    ~plugin_instance();
    plugin_instance(plugin_instance const&) = delete;
    plugin_instance& operator=(plugin_instance const&) = delete;

    plugin_module const& module() const noexcept { return *module_; }
    std::string const& id() const noexcept { return id_; }
    /// Calls that failed in a row (reset by a successful call).
    std::uint32_t consecutive_failures() const noexcept { return consecutive_failures_; }
    std::uint64_t total_failures() const noexcept { return total_failures_; }

    call_status start();
    call_status stop();
    call_status poll();
    void ack(std::uint64_t token, ingest_ack_outcome outcome, std::string_view detail);
    call_status decode(ingest_decode_input const& input, release_callback const& out);
    call_status transform(ingest_release const& input, release_callback const& out);
    /// done runs exactly once when the status is OK (possibly on another thread, possibly
    /// before this returns), never otherwise.
    call_status write_batch(std::vector<ingest_release const*> const& records, batch_callback done);

private:
    plugin_instance() = default;
    template <class F>
    call_status guarded(char const* call, F&& f);
    void log_failure(std::string const& message);

    plugin_module_ptr module_;  // keeps the library loaded while the instance lives
    std::string id_;
    std::shared_ptr<host_services> services_;
    ingest_host host_{};
    void* instance_ = nullptr;
    std::atomic<std::uint32_t> consecutive_failures_{0};
    std::atomic<std::uint64_t> total_failures_{0};
};

}  // namespace ingest::core
