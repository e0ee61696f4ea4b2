// The commands of ingestctl. Each returns the process exit code: 0 success, 1 failure (the
// configuration is invalid, a plugin was refused), 2 usage error.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace ingest::ctl {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

/// Options shared by the commands that read a configuration.
struct config_options {
    std::filesystem::path config;
    std::vector<std::filesystem::path> plugin_dirs;    ///< --plugin-dir; empty: from [daemon]
    std::optional<std::filesystem::path> drop_in_dir;  ///< --drop-in-dir
    bool no_drop_ins = false;                          ///< --no-drop-ins
};

/// `ingestctl validate`: prints "CONFIG: OK (...)" or every problem.
int validate_command(config_options const& options, std::ostream& out, std::ostream& err);

/// `ingestctl config show`: prints the effective configuration with secrets redacted.
int config_show_command(config_options const& options, std::ostream& out, std::ostream& err);

/// `ingestctl plugins`: lists the plugins of dirs (default: the default plugin directory).
int plugins_command(std::vector<std::filesystem::path> const& dirs, bool json, std::ostream& out,
                    std::ostream& err);

/// `ingestctl plugin inspect`: what the loader makes of one library file.
int plugin_inspect_command(std::filesystem::path const& file, bool json, std::ostream& out,
                           std::ostream& err);

/// `ingestctl run [--once] CONFIG`: the daemon in the foreground (see ingestd).
int run_command(std::filesystem::path const& config,
                std::vector<std::filesystem::path> const& plugin_dirs, bool once,
                std::string const& drain_timeout, std::ostream& out, std::ostream& err);

/// `ingestctl parse FILE...`: decodes files with the plugins' defaults and prints every
/// release as one JSON object per line ({"kind":"release",...}). Exit 1 when any file fails.
/// ingestctl fetch: one GET with the http source's rules, then parse like parse_command.
struct fetch_options {
    std::string url;
    std::string decoder;
    std::vector<std::string> transforms;
    std::vector<std::filesystem::path> plugin_dirs;
    std::string if_none_match;
    std::string if_modified_since;
    std::vector<std::string> headers;  ///< "Name: value"
    std::string proxy;
    std::string contact;  ///< for the User-Agent
    bool allow_private = false;
    std::uint64_t max_body_bytes = 0;  ///< 0: the core's cap
};

/// Prints the status line and validators on err and the records on out. Exit 0 (also on
/// 304), 1 on a transport error, a non-2xx status or a decoder error.
int fetch_command(fetch_options const& options, std::ostream& out, std::ostream& err);

int parse_command(std::vector<std::filesystem::path> const& files, std::string const& decoder_name,
                  std::vector<std::string> const& transform_names,
                  std::vector<std::filesystem::path> const& plugin_dirs, std::ostream& out,
                  std::ostream& err);

/// `ingestctl dlq list|show|replay|drop CONFIG`: the dead-letter table of the state database.
int dlq_list_command(std::filesystem::path const& config, std::optional<std::string> const& sink,
                     std::ostream& out, std::ostream& err);
int dlq_show_command(std::filesystem::path const& config, std::int64_t id, std::ostream& out,
                     std::ostream& err);
int dlq_move_command(std::filesystem::path const& config, bool replay,
                     std::optional<std::int64_t> id, std::optional<std::string> const& sink,
                     std::ostream& out, std::ostream& err);

/// `ingestctl search DB QUERY` (FTS5 query) or `--list`: releases of an sqlite sink.
int search_command(std::filesystem::path const& db, std::string const& query, bool list, int limit,
                   std::ostream& out, std::ostream& err);

}  // namespace ingest::ctl
