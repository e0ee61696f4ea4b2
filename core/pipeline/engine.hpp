// The pipeline engine: one boost::asio::io_context runs the schedule of the sources, the
// intake (decode, transform, identify, route, commit, acknowledge) and the drain of every
// sink's outbox. See ARCHITECTURE.md, "The flow of one item" and "Delivery guarantee".
//
// Threads: the loop thread polls sources, decodes, commits and acknowledges; sink calls run
// on a small worker pool, one batch at a time per sink, and their completions are posted
// back to the loop.
#pragma once

#include "config/config.hpp"
#include "metrics/metrics.hpp"
#include "plugin_host/plugin_host.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ingest::core {

struct engine_options {
    /// Poll every source until it has nothing more, deliver, and return (ingestd --once).
    bool once = false;
    /// At a stop, or at the end of a once run: how long to keep delivering what is due.
    std::chrono::milliseconds drain_deadline{30000};
    /// Items held between a source's emit and their commit; past it emit says "full".
    std::size_t max_pending_items = 500;
    /// Called on the loop thread once every sink and source started (systemd READY=1).
    std::function<void()> on_ready;
    /// Called on the loop thread when a stop begins (systemd STOPPING=1).
    std::function<void()> on_stopping;
};

struct source_summary {
    std::string id;
    std::uint64_t items = 0;     ///< items taken from the source
    std::uint64_t failed = 0;    ///< items no decoder accepted or that failed to decode
    std::uint64_t releases = 0;  ///< releases produced
    std::uint64_t unrouted = 0;  ///< releases no route took
    std::uint64_t poll_errors = 0;
};

struct sink_summary {
    std::string id;
    std::uint64_t enqueued = 0;    ///< put in the outbox this run
    std::uint64_t duplicates = 0;  ///< not enqueued: the sink already has this content
    std::uint64_t delivered = 0;
    std::uint64_t retried = 0;  ///< attempts that failed and will be retried
    std::uint64_t dead_lettered = 0;
    std::int64_t backlog = 0;  ///< still in the outbox at the end
};

struct run_summary {
    std::vector<source_summary> sources;
    std::vector<sink_summary> sinks;
    std::uint64_t new_releases = 0;
    std::uint64_t revised_releases = 0;
    std::uint64_t unchanged_releases = 0;

    bool any_dead_lettered() const;
    /// A human-readable table.
    std::string to_text() const;
};

class engine {
public:
    /// Creates and starts nothing yet; creates every plugin instance. Throws
    /// std::runtime_error naming every instance that could not be created.
    engine(config::configuration cfg, plugin_registry const& registry, engine_options options);
    ~engine();
    engine(engine const&) = delete;
    engine& operator=(engine const&) = delete;

    /// Runs until a stop (SIGINT/SIGTERM or request_stop()) or, with once, until every
    /// source is exhausted and the outboxes are drained (or the deadline passed). Returns
    /// the process exit code: 0, or 2 after a once run that dead-lettered anything.
    int run();
    /// Thread-safe.
    void request_stop();

    /// Loop thread only (or after run() returned); elsewhere use on_loop().
    run_summary summary() const;
    metrics_registry& metrics() noexcept;
    /// Runs fn on the loop thread, after what is queued there. Thread-safe. fn never runs
    /// when the loop has stopped.
    void on_loop(std::function<void()> fn);

private:
    class impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace ingest::core
