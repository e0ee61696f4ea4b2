// The daemon's configuration: the model, and how it is read and validated.
//
// Reading happens in two steps, because the plugin directories are themselves configured:
//   1. read_config() parses the main file and its conf.d drop-ins, merges them and resolves
//      [daemon] (so the caller learns daemon().plugin_dirs and can load the plugins);
//   2. resolve_config() validates every plugin section against the settings table of its
//      plugin, fills defaults, resolves references and routes, and yields the configuration.
// load_config() does both for callers that already have their plugins.
//
// Every problem is reported, not only the first, each as a diagnostic with file:line:col.
// Nothing here throws for bad input; only allocation failure escapes.
#pragma once

#include "config/diagnostics.hpp"
#include "config/interpolate.hpp"
#include "plugin_host/plugin_host.hpp"

#include <ingest/plugin_abi.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::core::config {

/// Defaults of the core keys (documented in docs/configuration.md).
namespace defaults {
inline constexpr std::string_view state_dir = "/var/lib/ingestd";
inline constexpr std::string_view log_level = "info";
inline constexpr std::string_view http_listen = "127.0.0.1:9464";
inline constexpr std::chrono::milliseconds source_interval{5 * 60 * 1000};
inline constexpr std::chrono::milliseconds source_jitter{30 * 1000};
inline constexpr std::int64_t sink_batch_size = 100;
inline constexpr std::chrono::milliseconds sink_retry_initial{1000};
inline constexpr std::chrono::milliseconds sink_retry_max{5 * 60 * 1000};
inline constexpr std::int64_t sink_max_attempts = 10;
}  // namespace defaults

// ------------------------------------------------------------------------------ the model --

/// One plugin setting after validation: the configured value or the plugin's default.
struct setting_value {
    std::string name;
    ingest_setting_type type = INGEST_SETTING_STRING;
    /// False only for an optional setting without default that the configuration left out.
    bool present = false;
    bool from_default = false;  ///< the value is the plugin's default
    /// A secret, or a value that used ${file:...}: never shown in dumps, logs or messages.
    bool sensitive = false;
    std::string text;               ///< string, secret, url, path
    std::int64_t integer = 0;       ///< int; duration in milliseconds; size in bytes; bool 0 or 1
    std::vector<std::string> list;  ///< list
    location where;                 ///< where the value was given; empty for defaults
};

/// The C view of a plugin's settings, for its create(): one ingest_setting_value per declared
/// setting, in declaration order. It borrows the strings of the settings it was made from:
/// valid while those are alive and unchanged. Movable (the views stay valid), not copyable.
class abi_settings {
public:
    explicit abi_settings(std::vector<setting_value> const& values);
    abi_settings(abi_settings&&) noexcept = default;
    abi_settings& operator=(abi_settings&&) noexcept = default;
    abi_settings(abi_settings const&) = delete;
    abi_settings& operator=(abi_settings const&) = delete;

    std::vector<ingest_setting_value> const& values() const noexcept { return values_; }
    ingest_setting_value const* data() const noexcept { return values_.data(); }
    std::size_t size() const noexcept { return values_.size(); }

private:
    std::vector<std::vector<ingest_str>> lists_;  // storage the list views point into
    std::vector<ingest_setting_value> values_;
};

/// A configured plugin instance: a [[sources]], [[decoders]], [[transforms]] or [[sinks]]
/// entry, validated against its plugin's settings table.
struct plugin_section {
    std::string id;
    std::string plugin;          ///< the plugin's name
    std::string plugin_version;  ///< as the plugin declared it
    ingest_kind kind = INGEST_KIND_SOURCE;
    std::size_t index = 0;  ///< position in its section across all files, from 0
    location where;         ///< the section header (for an implicit one: the reference)
    /// A decoder or transform that a source named by plugin name rather than by id: it is
    /// instantiated once, with the plugin's defaults, and its id is the plugin's name.
    bool implicit = false;
    /// Every declared setting, in the plugin's order.
    std::vector<setting_value> settings;

    /// The setting called name, or nullptr when the plugin does not declare it.
    setting_value const* find_setting(std::string_view name) const;
    /// The settings as create() takes them; borrows from this section.
    abi_settings abi() const { return abi_settings(settings); }
};

struct source_config : plugin_section {
    /// Id of an entry of configuration::decoders; empty: the core picks a decoder by the
    /// item's media type and file name.
    std::string decoder;
    std::vector<std::string> transforms;  ///< ids of entries of configuration::transforms
    std::chrono::milliseconds interval = defaults::source_interval;
    std::chrono::milliseconds jitter = defaults::source_jitter;
    bool enabled = true;
};

struct sink_config : plugin_section {
    bool enabled = true;
    std::int64_t batch_size = defaults::sink_batch_size;
    std::chrono::milliseconds retry_initial = defaults::sink_retry_initial;
    std::chrono::milliseconds retry_max = defaults::sink_retry_max;
    std::int64_t max_attempts = defaults::sink_max_attempts;
};

/// The optional `when` of a route. Every given condition must hold; an empty list or an
/// absent regex is no condition.
struct route_condition {
    std::vector<std::string> tags_any;         ///< the release has at least one of these tags
    std::vector<std::string> tags_all;         ///< the release has all of these tags
    std::vector<std::string> language;         ///< the release's language is one of these
    std::optional<std::string> title_matches;  ///< ECMAScript regex (known to compile), searched
    std::optional<std::string> body_matches;   ///< ECMAScript regex over body_text, searched
    std::vector<std::string> source_plugin;    ///< the release came from one of these plugins

    bool empty() const noexcept {
        return tags_any.empty() && tags_all.empty() && language.empty() && !title_matches &&
               !body_matches && source_plugin.empty();
    }
};

struct route_config {
    std::size_t index = 0;
    location where;
    bool from_all = false;          ///< from = ["*"]
    std::vector<std::string> from;  ///< source ids (empty when from_all)
    std::vector<std::string> to;    ///< sink ids
    route_condition when;
};

struct daemon_config {
    /// Relative paths in [daemon] are resolved against the directory of the file that set them.
    std::filesystem::path state_dir{std::string(defaults::state_dir)};
    std::vector<std::filesystem::path> plugin_dirs;  ///< empty: default_plugin_dir()
    std::string log_level{defaults::log_level};      ///< trace, debug, info, warn or error
    std::string http_listen{defaults::http_listen};  ///< "host:port", "[v6]:port"
    std::optional<std::string> user_agent_contact;
};

/// A complete, valid configuration.
struct configuration {
    std::vector<std::filesystem::path> files;  ///< the main file, then drop-ins in merge order
    daemon_config daemon;
    std::vector<source_config> sources;
    std::vector<plugin_section> decoders;  ///< configured ones, then implicit ones
    std::vector<plugin_section> transforms;
    std::vector<sink_config> sinks;
    std::vector<route_config> routes;

    source_config const* find_source(std::string_view id) const;
    plugin_section const* find_decoder(std::string_view id) const;
    plugin_section const* find_transform(std::string_view id) const;
    sink_config const* find_sink(std::string_view id) const;
};

// ---------------------------------------------------------------------------- the loading --

/// The plugins a configuration is validated against.
struct plugin_catalog {
    /// The descriptor of the plugin called name, or nullptr. Descriptors must stay valid for
    /// as long as resolve_config() runs.
    std::function<ingest_plugin_descriptor const*(std::string_view name)> find;
    /// Names of all plugins, only for "did you mean" suggestions; may be empty.
    std::vector<std::string> names;
};

/// A catalog over a registry (which must outlive it).
plugin_catalog catalog_of(plugin_registry const& registry);
/// A catalog over descriptors held elsewhere (e.g. ingest::sdk::descriptor_of<T>() in tests).
plugin_catalog catalog_of(std::vector<ingest_plugin_descriptor const*> descriptors);

struct load_options {
    /// Where drop-ins are read from; default: conf.d next to the main file, where a missing
    /// directory means "no drop-ins". An explicit directory must exist.
    std::optional<std::filesystem::path> drop_in_dir;
    bool read_drop_ins = true;
    /// Resolves ${NAME}; default: the process environment.
    env_lookup env;
};

namespace detail {
struct document_data;
}

class config_document;

struct load_result {
    std::optional<configuration> config;  ///< set exactly when there is no error
    /// Every error and warning, ordered by file (main first), line and column.
    diagnostic_list diagnostics;

    explicit operator bool() const noexcept { return config.has_value(); }
};

/// Reads main_file and its drop-ins (merged in file-name order: arrays of tables are appended,
/// [daemon] keys of later files override earlier ones).
config_document read_config(std::filesystem::path const& main_file,
                            load_options const& options = {});

/// The parsed and merged files, with [daemon] resolved; not yet checked against plugins.
class config_document {
public:
    config_document(config_document&&) noexcept;
    config_document& operator=(config_document&&) noexcept;
    ~config_document();

    /// The main file, then the drop-ins that were read, in merge order.
    std::vector<std::filesystem::path> const& files() const noexcept;
    /// [daemon] merged over all files; fields with errors keep their defaults.
    daemon_config const& daemon() const noexcept;
    /// Problems found so far (syntax, unknown top-level keys, [daemon]).
    diagnostic_list const& diagnostics() const noexcept;

private:
    friend config_document read_config(std::filesystem::path const&, load_options const&);
    friend load_result resolve_config(config_document const&, plugin_catalog const&);
    explicit config_document(std::unique_ptr<detail::document_data> data);
    std::unique_ptr<detail::document_data> data_;
};

/// Validates the document against the plugins and builds the configuration.
load_result resolve_config(config_document const& document, plugin_catalog const& plugins);

/// The settings of an instance configured with nothing but the plugin's defaults (what an
/// implicit instance gets; also for decoders the core picks by media type). nullopt when the
/// plugin has a required setting or a malformed default; problems, when given, then receives
/// one message per reason ("missing required setting 'x'", "plugin bug: ...").
std::optional<std::vector<setting_value>> default_settings(
    ingest_plugin_descriptor const& plugin, std::vector<std::string>* problems = nullptr);

/// read_config() then resolve_config().
load_result load_config(std::filesystem::path const& main_file, plugin_catalog const& plugins,
                        load_options const& options = {});

}  // namespace ingest::core::config
