// Start-up shared by `ingestd` and `ingestctl run`: read the configuration, load the
// plugins it needs, validate, build the engine and run it.
#pragma once

#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace ingest::core {

struct daemon_options {
    std::filesystem::path config;
    std::vector<std::filesystem::path> plugin_dirs;  ///< overrides [daemon].plugin_dirs
    bool once = false;
    bool check_only = false;               ///< validate and exit
    std::optional<std::string> log_level;  ///< overrides [daemon].log_level
    /// At a stop or the end of a once run, how long to keep delivering (default 30s).
    std::optional<std::chrono::milliseconds> drain_timeout;
};

/// Runs the daemon; returns the process exit code (0 ok, 1 configuration or start-up error,
/// 2 a once run dead-lettered something). Problems go to the log (stderr or the journal);
/// a once run's summary goes to out.
int run_daemon(daemon_options const& options, std::ostream& out);

/// "ingestd 0.1.0 (plugin ABI 1.0; loads plugins built for ABI 1.0 to 1.0)".
std::string version_text(std::string const& program);

}  // namespace ingest::core
