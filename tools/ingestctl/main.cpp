// ingestctl: the operator's tool: configurations, plugins, runs, dead letters, search.
#include "commands.hpp"

#include "config/units.hpp"

#include <ingest/plugin_abi.h>
#include <ingest/sdk/version.hpp>

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

namespace {

std::string version_text() {
    return std::string("ingestctl ") + INGEST_VERSION + " (plugin ABI " +
           std::to_string(INGEST_ABI_VERSION_MAJOR) + "." +
           std::to_string(INGEST_ABI_VERSION_MINOR) + ", SDK " + INGEST_SDK_VERSION + ")";
}

void add_config_options(CLI::App& command, ingest::ctl::config_options& options) {
    command.add_option("config", options.config, "The main configuration file (ingestd.toml)")
        ->required();
    command.add_option("--plugin-dir", options.plugin_dirs,
                       "Load plugins from DIR (repeatable); default: [daemon] plugin_dirs, "
                       "else the default plugin directory");
    command.add_option("--drop-in-dir", options.drop_in_dir,
                       "Read drop-ins from DIR instead of conf.d next to the main file");
    command.add_flag("--no-drop-ins", options.no_drop_ins, "Read no drop-ins");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ingestctl: validate and show ingestd configurations, list and inspect plugins",
                 "ingestctl"};
    app.set_version_flag("--version", version_text(), "Print the version and exit");
    app.require_subcommand(1);

    ingest::ctl::config_options validate_options;
    auto* validate = app.add_subcommand(
        "validate", "Check a configuration against the plugins' settings; print every problem");
    add_config_options(*validate, validate_options);

    std::vector<std::filesystem::path> plugin_paths;
    bool plugins_json = false;
    auto* plugins =
        app.add_subcommand("plugins", "List the loadable plugins with their settings tables");
    plugins->add_option("--path", plugin_paths,
                        "Plugin directory (repeatable); default: the default plugin directory");
    plugins->add_flag("--json", plugins_json, "Print JSON instead of text");

    auto* plugin = app.add_subcommand("plugin", "Work with one plugin library");
    plugin->require_subcommand(1);
    std::filesystem::path inspect_file;
    bool inspect_json = false;
    auto* inspect =
        plugin->add_subcommand("inspect", "Load one library file and show what the loader finds");
    inspect->add_option("file", inspect_file, "The plugin library (ingest-<kind>-<name>.so)")
        ->required();
    inspect->add_flag("--json", inspect_json, "Print JSON instead of text");

    auto* config = app.add_subcommand("config", "Work with configurations");
    config->require_subcommand(1);
    ingest::ctl::config_options show_options;
    auto* show = config->add_subcommand(
        "show",
        "Print the effective configuration (drop-ins merged, defaults filled, secrets "
        "redacted)");
    add_config_options(*show, show_options);

    // run
    std::filesystem::path run_config;
    std::vector<std::filesystem::path> run_plugin_dirs;
    bool run_once = false;
    std::string run_drain;
    auto* run = app.add_subcommand("run", "Run the pipeline in the foreground, like ingestd");
    run->add_option("config", run_config, "The configuration file")->required();
    run->add_flag("--once", run_once,
                  "Poll every source until it has nothing more, deliver, print a summary, exit "
                  "(exit code 2 when anything was dead-lettered)");
    run->add_option("--plugin-dir", run_plugin_dirs, "Load plugins from DIR (repeatable)");
    run->add_option("--drain-timeout", run_drain, "How long to keep delivering at the end");

    // parse
    std::vector<std::filesystem::path> parse_files;
    std::string parse_decoder;
    std::vector<std::string> parse_transforms;
    std::vector<std::filesystem::path> parse_plugin_dirs;
    auto* parse = app.add_subcommand(
        "parse", "Decode files and print each release as one JSON object per line");
    parse->add_option("files", parse_files, "Files to decode")->required();
    parse->add_option("--decoder", parse_decoder,
                      "Decoder plugin to use (default: picked by file name)");
    parse->add_option("--transform", parse_transforms, "Transform plugin to apply (repeatable)");
    parse->add_option("--plugin-dir", parse_plugin_dirs, "Load plugins from DIR (repeatable)");

    // fetch
    ingest::ctl::fetch_options fetch_options;
    std::string fetch_max_body;
    auto* fetch = app.add_subcommand(
        "fetch",
        "GET one URL with the http source's rules and print it like parse (status and "
        "validators on stderr)");
    fetch->add_option("url", fetch_options.url, "The http:// or https:// URL")->required();
    fetch->add_option("--decoder", fetch_options.decoder,
                      "Decoder plugin to use (default: picked by media type, then file name)");
    fetch->add_option("--transform", fetch_options.transforms,
                      "Transform plugin to apply (repeatable)");
    fetch->add_option("--plugin-dir", fetch_options.plugin_dirs,
                      "Load plugins from DIR (repeatable)");
    fetch->add_option("--if-none-match", fetch_options.if_none_match,
                      "Send If-None-Match with this ETag");
    fetch->add_option("--if-modified-since", fetch_options.if_modified_since,
                      "Send If-Modified-Since with this HTTP date");
    fetch->add_option("--header", fetch_options.headers,
                      "Extra request header 'Name: value' (repeatable)");
    fetch->add_option("--proxy", fetch_options.proxy,
                      "Proxy URL (http://, https://, socks5://, socks5h://)");
    fetch->add_option("--contact", fetch_options.contact,
                      "Contact URL for the User-Agent (daemon.user_agent_contact)");
    fetch->add_flag("--allow-private-addresses", fetch_options.allow_private,
                    "Allow loopback, private and link-local destinations");
    fetch->add_option("--max-body-size", fetch_max_body,
                      "Largest document after decompression (default and cap: 16MiB)");

    // dlq
    auto* dlq = app.add_subcommand("dlq", "The dead-letter table: list, show, replay, drop");
    dlq->require_subcommand(1);
    std::filesystem::path dlq_config;
    std::optional<std::string> dlq_sink;
    std::int64_t dlq_id = 0;
    bool dlq_all = false;
    auto* dlq_list = dlq->add_subcommand("list", "List dead letters");
    auto* dlq_show = dlq->add_subcommand("show", "Show one dead letter and its release");
    auto* dlq_replay =
        dlq->add_subcommand("replay", "Put dead letters back into their sink's outbox");
    auto* dlq_drop = dlq->add_subcommand("drop", "Delete dead letters");
    for (auto* c : {dlq_list, dlq_show, dlq_replay, dlq_drop}) {
        c->add_option("config", dlq_config, "The configuration file (for state_dir)")->required();
    }
    dlq_list->add_option("--sink", dlq_sink, "Only this sink's");
    dlq_show->add_option("id", dlq_id, "The dead letter's id (from dlq list)")->required();
    for (auto* c : {dlq_replay, dlq_drop}) {
        auto* id = c->add_option("id", dlq_id, "The dead letter's id (from dlq list)");
        auto* all = c->add_flag("--all", dlq_all, "All dead letters (of --sink, if given)");
        id->excludes(all);
        c->add_option("--sink", dlq_sink, "Only this sink's");
    }

    // search
    std::filesystem::path search_db;
    std::string search_query;
    bool search_list = false;
    int search_limit = 20;
    auto* search = app.add_subcommand(
        "search", "Full-text search over an sqlite sink: prints date, source and title");
    search->add_option("db", search_db, "The sqlite sink's database file")->required();
    search->add_option("query", search_query, "FTS5 query, e.g. 'water AND sahel'");
    search->add_flag("--list", search_list, "List the newest releases instead of searching");
    search->add_option("--limit", search_limit, "At most this many lines")
        ->check(CLI::PositiveNumber);

    try {
        app.parse(argc, argv);
    } catch (CLI::ParseError const& e) {
        int code = app.exit(e);
        return code == 0 ? ingest::ctl::exit_ok : ingest::ctl::exit_usage;
    }

    if (*validate) {
        return ingest::ctl::validate_command(validate_options, std::cout, std::cerr);
    }
    if (*plugins) {
        return ingest::ctl::plugins_command(plugin_paths, plugins_json, std::cout, std::cerr);
    }
    if (*inspect) {
        return ingest::ctl::plugin_inspect_command(inspect_file, inspect_json, std::cout,
                                                   std::cerr);
    }
    if (*show) {
        return ingest::ctl::config_show_command(show_options, std::cout, std::cerr);
    }
    if (*run) {
        return ingest::ctl::run_command(run_config, run_plugin_dirs, run_once, run_drain, std::cout,
                                        std::cerr);
    }
    if (*parse) {
        return ingest::ctl::parse_command(parse_files, parse_decoder, parse_transforms,
                                          parse_plugin_dirs, std::cout, std::cerr);
    }
    if (*fetch) {
        if (!fetch_max_body.empty()) {
            auto size = ingest::core::config::parse_size(fetch_max_body);
            if (!size) {
                std::cerr << "ingestctl fetch: --max-body-size: " << size.error << "\n";
                return ingest::ctl::exit_usage;
            }
            fetch_options.max_body_bytes = static_cast<std::uint64_t>(*size.value);
        }
        return ingest::ctl::fetch_command(fetch_options, std::cout, std::cerr);
    }
    if (*dlq_list) {
        return ingest::ctl::dlq_list_command(dlq_config, dlq_sink, std::cout, std::cerr);
    }
    if (*dlq_show) {
        return ingest::ctl::dlq_show_command(dlq_config, dlq_id, std::cout, std::cerr);
    }
    if (*dlq_replay || *dlq_drop) {
        auto* c = *dlq_replay ? dlq_replay : dlq_drop;
        if (!dlq_all && c->count("id") == 0) {
            std::cerr << "ingestctl dlq: give an id or --all\n";
            return ingest::ctl::exit_usage;
        }
        std::optional<std::int64_t> id;
        if (!dlq_all) {
            id = dlq_id;
        }
        return ingest::ctl::dlq_move_command(dlq_config, bool(*dlq_replay), id, dlq_sink, std::cout,
                                             std::cerr);
    }
    if (*search) {
        if (!search_list && search_query.empty()) {
            std::cerr << "ingestctl search: give a query, or --list\n";
            return ingest::ctl::exit_usage;
        }
        return ingest::ctl::search_command(search_db, search_query, search_list, search_limit,
                                           std::cout, std::cerr);
    }
    return ingest::ctl::exit_usage;
}
