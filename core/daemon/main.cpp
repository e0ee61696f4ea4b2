// ingestd: the ingestion daemon.
#include "config/units.hpp"
#include "daemon/daemon.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"ingestd: ingests press releases from feeds, mail and file drops into sinks"};
    ingest::core::daemon_options options;
    std::string config;
    std::vector<std::string> plugin_dirs;
    std::string log_level;
    std::string drain_timeout;
    bool version = false;
    app.add_flag("--version", version, "Print the version and the plugin ABI range, then exit");
    app.add_option("-c,--config", config, "Configuration file (TOML)");
    app.add_flag("--once", options.once,
                 "Poll every source until it has nothing more, deliver, print a summary, exit "
                 "(exit code 2 when anything was dead-lettered)");
    app.add_flag("--check", options.check_only, "Validate the configuration and exit");
    app.add_option("--plugin-dir", plugin_dirs,
                   "Load plugins from this directory (repeatable; overrides plugin_dirs)");
    app.add_option("--log-level", log_level, "trace, debug, info, warn or error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
    app.add_option("--drain-timeout", drain_timeout,
                   "At a stop or the end of --once, keep delivering for at most this long "
                   "(duration, e.g. 30s; default 30s)");
    CLI11_PARSE(app, argc, argv);
    if (version) {
        std::cout << ingest::core::version_text("ingestd") << "\n";
        return 0;
    }
    if (config.empty()) {
        std::cerr << "ingestd: --config FILE is required (see --help)\n";
        return 1;
    }
    options.config = config;
    for (auto const& d : plugin_dirs) {
        options.plugin_dirs.emplace_back(d);
    }
    if (!drain_timeout.empty()) {
        auto d = ingest::core::config::parse_duration(drain_timeout);
        if (!d) {
            std::cerr << "ingestd: --drain-timeout: " << d.error << "\n";
            return 1;
        }
        options.drain_timeout = *d.value;
    }
    if (!log_level.empty()) {
        options.log_level = log_level;
    }
    return ingest::core::run_daemon(options, std::cout);
}
