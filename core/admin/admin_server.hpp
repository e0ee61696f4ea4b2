// The daemon's admin endpoint on [daemon] http_listen (loopback by default): GET /metrics
// (Prometheus text), GET /healthz ("ok" when the engine's loop answers within 2 s, else 503)
// and GET /status (JSON: version, uptime, per-source and per-sink counters, sick URLs).
//
// It runs on a thread of its own with its own io_context, so that a scrape never waits for
// the pipeline, and reads the engine's counters by a round trip through the engine's loop
// (engine::on_loop). One request per connection; requests are read with a 5 s deadline and
// at most 8 KiB of headers; every method but GET and HEAD gets 405.
#pragma once

#include "pipeline/engine.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace ingest::core {

class admin_server {
public:
    /// Binds listen ("host:port" or "[v6]:port") and starts serving. Throws
    /// std::runtime_error naming the address when it cannot bind.
    admin_server(std::string const& listen, engine& e, std::string version);
    /// Stops serving and joins the thread.
    ~admin_server();
    admin_server(admin_server const&) = delete;
    admin_server& operator=(admin_server const&) = delete;

    /// The port actually bound (useful with port 0).
    std::uint16_t port() const noexcept;

private:
    class impl;
    std::unique_ptr<impl> impl_;
};

/// The /status document for a summary (exposed for tests).
std::string status_json(run_summary const& s, std::string const& version,
                        std::chrono::seconds uptime, double sick_urls);

}  // namespace ingest::core
