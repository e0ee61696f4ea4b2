// Internals shared by the .cpp files of the configuration component. Not installed, not
// included by users: it pulls in toml++.
#pragma once

#include "config/config.hpp"
#include "config/diagnostics.hpp"
#include "config/interpolate.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::core::config::detail {

/// The parsed files and the merged view of them.
struct document_data {
    std::vector<std::filesystem::path> files;
    std::list<toml::table> roots;  // a list: node pointers below stay valid
    // Entries of each array of tables, across all files, in merge order.
    std::vector<toml::table const*> sources;
    std::vector<toml::table const*> decoders;
    std::vector<toml::table const*> transforms;
    std::vector<toml::table const*> sinks;
    std::vector<toml::table const*> routes;
    daemon_config daemon;
    diagnostic_list diagnostics;
    env_lookup env;
};

/// The location a toml++ node or key starts at.
location where(toml::source_region const& region);

/// "a string", "an integer", "a floating-point number", ... for messages.
std::string describe_type(toml::node const& node);

/// Quotes text as a TOML basic string ("..." with escapes), for dumps and messages.
std::string quote(std::string_view text);

/// quote(text), or <redacted> when sensitive.
std::string show(std::string_view text, bool sensitive);

/// "'a', 'b' or 'c'" from names.
std::string one_of(std::vector<std::string> const& names);

/// Reads a core key's string: a TOML string with ${NAME} interpolated. ${file:...} is refused
/// (core keys are never secret). Problems are reported as "<prefix>: key '<key>' ..." at the
/// node; the result is then nullopt.
std::optional<std::string> core_string(toml::node const& node, std::string_view prefix,
                                       std::string_view key, env_lookup const& env,
                                       diagnostic_list& out);

/// Reads a core key's array of strings, each as core_string().
std::optional<std::vector<std::string>> core_string_list(toml::node const& node,
                                                         std::string_view prefix,
                                                         std::string_view key,
                                                         env_lookup const& env,
                                                         diagnostic_list& out);

/// Appends an error.
void report_error(diagnostic_list& out, location where, std::string message);

/// Top-level keys of a configuration file.
inline constexpr std::string_view key_daemon = "daemon";
inline constexpr std::string_view key_sources = "sources";
inline constexpr std::string_view key_decoders = "decoders";
inline constexpr std::string_view key_transforms = "transforms";
inline constexpr std::string_view key_sinks = "sinks";
inline constexpr std::string_view key_routes = "routes";

}  // namespace ingest::core::config::detail
