#include "daemon/daemon.hpp"

#include "admin/admin_server.hpp"
#include "config/config.hpp"
#include "pipeline/engine.hpp"
#include "plugin_host/plugin_host.hpp"

#include <ingest/plugin_abi.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include <memory>
#include <ostream>

namespace ingest::core {

std::string version_text(std::string const& program) {
    auto const abi =
        std::to_string(INGEST_ABI_VERSION_MAJOR) + "." + std::to_string(INGEST_ABI_VERSION_MINOR);
    return program + " " + INGEST_VERSION + " (plugin ABI " + abi +
           "; loads plugins built for ABI " + std::to_string(INGEST_ABI_VERSION_MAJOR) + ".0 to " +
           abi + ")";
}

namespace {

void setup_logging(std::string const& level) {
    static bool done = false;
    if (!done) {
        auto logger = spdlog::stderr_color_mt("ingestd");
        spdlog::set_default_logger(logger);
        spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
        done = true;
    }
    spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace

int run_daemon(daemon_options const& options, std::ostream& out) {
    setup_logging(options.log_level.value_or("info"));
    auto document = config::read_config(options.config);
    if (!options.log_level) {
        setup_logging(document.daemon().log_level);
    }
    auto dirs = options.plugin_dirs;
    if (dirs.empty()) {
        dirs = document.daemon().plugin_dirs;
    }
    if (dirs.empty()) {
        dirs.push_back(default_plugin_dir());
    }
    plugin_loader loader;
    plugin_registry registry(loader);
    for (auto const& dir : dirs) {
        for (auto const& refusal : registry.load_directory(dir)) {
            spdlog::warn("{}", refusal);
        }
    }
    auto loaded = config::resolve_config(document, config::catalog_of(registry));
    for (auto const& d : loaded.diagnostics) {
        if (d.level == config::severity::error) {
            spdlog::error("{}", d.str());
        } else {
            spdlog::warn("{}", d.str());
        }
    }
    if (!loaded) {
        spdlog::error("{}: configuration rejected ({} error(s)); nothing was started",
                      options.config.string(), config::error_count(loaded.diagnostics));
        return 1;
    }
    if (options.check_only) {
        out << options.config.string() << ": OK\n";
        return 0;
    }
    try {
        engine_options eo;
        eo.once = options.once;
        // Under systemd (Type=notify) say when the daemon is ready and when it stops; a
        // no-op without NOTIFY_SOCKET.
        eo.on_ready = [] { sd_notify(0, "READY=1\nSTATUS=ingesting"); };
        eo.on_stopping = [] { sd_notify(0, "STOPPING=1\nSTATUS=draining outboxes"); };
        if (options.drain_timeout) {
            eo.drain_deadline = *options.drain_timeout;
        }
        auto const listen = loaded.config->daemon.http_listen;
        engine e(std::move(*loaded.config), registry, eo);
        spdlog::info("{} started ({} mode)", version_text("ingestd"),
                     options.once ? "once" : "daemon");
        // The admin endpoint, in daemon mode only. Not being able to serve it is an error in
        // the log, not a reason to stop ingesting.
        std::unique_ptr<admin_server> admin;
        if (!options.once) {
            try {
                admin = std::make_unique<admin_server>(listen, e, version_text("ingestd"));
                spdlog::info("serving /metrics, /healthz and /status on {}", listen);
            } catch (std::exception const& ex) {
                spdlog::error("{}; /metrics, /healthz and /status are not served", ex.what());
            }
        }
        int const code = e.run();
        if (options.once) {
            out << e.summary().to_text();
        }
        spdlog::info("stopped");
        return code;
    } catch (std::exception const& ex) {
        spdlog::error("{}", ex.what());
        return 1;
    }
}

}  // namespace ingest::core
