// ingestctl validate, ingestctl config show.
#include "commands.hpp"

#include "config/config.hpp"
#include "config/dump.hpp"
#include "plugin_host/plugin_host.hpp"

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace ingest::ctl {

namespace {

namespace cfg = ingest::core::config;

/// A configuration read, its plugins loaded, and the result of validating it.
struct checked_config {
    cfg::load_result result;
    std::vector<std::filesystem::path> plugin_dirs;  ///< where plugins were looked for
    std::size_t errors = 0;
    std::size_t warnings = 0;
};

std::string plural(std::size_t n, char const* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

/// Reads the configuration, loads the plugins it needs and validates it. Prints every
/// diagnostic (and every refused plugin library, as a warning) to err.
checked_config check(config_options const& options, std::ostream& err) {
    cfg::load_options load;
    load.drop_in_dir = options.drop_in_dir;
    load.read_drop_ins = !options.no_drop_ins;
    auto document = cfg::read_config(options.config, load);

    auto dirs = options.plugin_dirs;
    if (dirs.empty()) {
        dirs = document.daemon().plugin_dirs;
    }
    if (dirs.empty()) {
        dirs.push_back(core::default_plugin_dir());
    }
    core::plugin_loader loader;
    core::plugin_registry registry(loader);
    std::size_t refused = 0;
    for (auto const& dir : dirs) {
        for (auto const& message : registry.load_directory(dir)) {
            err << "warning: " << message << '\n';
            ++refused;
        }
    }

    checked_config out;
    out.plugin_dirs = dirs;
    out.result = cfg::resolve_config(document, cfg::catalog_of(registry));
    for (auto const& d : out.result.diagnostics) {
        err << d.str() << '\n';
    }
    out.errors = cfg::error_count(out.result.diagnostics);
    out.warnings = out.result.diagnostics.size() - out.errors + refused;
    return out;
}

void print_failure(config_options const& options, checked_config const& checked,
                   std::ostream& err) {
    err << "note: plugins were loaded from";
    for (std::size_t i = 0; i < checked.plugin_dirs.size(); ++i) {
        err << (i == 0 ? " " : ", ") << checked.plugin_dirs[i].string();
    }
    err << '\n';
    err << options.config.string() << ": invalid (" << plural(checked.errors, "error") << ", "
        << plural(checked.warnings, "warning") << ")\n";
}

}  // namespace

int validate_command(config_options const& options, std::ostream& out, std::ostream& err) {
    auto checked = check(options, err);
    if (!checked.result) {
        print_failure(options, checked, err);
        return exit_failure;
    }
    auto const& config = *checked.result.config;
    out << options.config.string() << ": OK (" << plural(config.sources.size(), "source") << ", "
        << plural(config.sinks.size(), "sink") << ", " << plural(config.routes.size(), "route")
        << ")\n";
    return exit_ok;
}

int config_show_command(config_options const& options, std::ostream& out, std::ostream& err) {
    auto checked = check(options, err);
    if (!checked.result) {
        print_failure(options, checked, err);
        return exit_failure;
    }
    out << cfg::effective_config_toml(*checked.result.config);
    return exit_ok;
}

}  // namespace ingest::ctl
