// Step 1 of loading: read the main file and its drop-ins, merge them, resolve [daemon].
#include "config/detail/document.hpp"
#include "config/config.hpp"
#include "config/suggest.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

namespace ingest::core::config {

namespace detail {

location where(toml::source_region const& region) {
    location out;
    if (region.path) {
        out.file = *region.path;
    }
    out.line = region.begin.line;
    out.column = region.begin.column;
    return out;
}

std::string describe_type(toml::node const& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a floating-point number";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::table:
            return "a table";
        case toml::node_type::date:
            return "a date";
        case toml::node_type::time:
            return "a time";
        case toml::node_type::date_time:
            return "a date-time";
        case toml::node_type::none:
            break;
    }
    return "nothing";
}

std::string quote(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (u < 0x20 || u == 0x7F) {
                    out += "\\u00";
                    out += hex[u >> 4];
                    out += hex[u & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

std::string show(std::string_view text, bool sensitive) {
    return sensitive ? std::string("<redacted>") : quote(text);
}

std::string one_of(std::vector<std::string> const& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            out += i + 1 == names.size() ? " or " : ", ";
        }
        out += "'" + names[i] + "'";
    }
    return out;
}

void report_error(diagnostic_list& out, location where, std::string message) {
    out.push_back({severity::error, std::move(where), std::move(message)});
}

namespace {

/// core_string() with the subject of the messages ("key 'id'", "key 'transforms'[1]").
std::optional<std::string> read_core_string(toml::node const& node, std::string const& head,
                                            env_lookup const& env, diagnostic_list& out) {
    auto const* s = node.as_string();
    if (s == nullptr) {
        report_error(out, where(node.source()),
                     head + " must be a string, not " + describe_type(node));
        return std::nullopt;
    }
    auto result = interpolate(s->get(), env);
    if (result.sensitive) {
        report_error(out, where(node.source()),
                     head + ": '${file:...}' may only be used in plugin settings");
        return std::nullopt;
    }
    for (auto const& e : result.errors) {
        report_error(out, where(node.source()), head + ": " + e);
    }
    if (!result.errors.empty()) {
        return std::nullopt;
    }
    return std::move(result.value);
}

}  // namespace

std::optional<std::string> core_string(toml::node const& node, std::string_view prefix,
                                       std::string_view key, env_lookup const& env,
                                       diagnostic_list& out) {
    return read_core_string(node, std::string(prefix) + ": key '" + std::string(key) + "'", env,
                            out);
}

std::optional<std::vector<std::string>> core_string_list(toml::node const& node,
                                                         std::string_view prefix,
                                                         std::string_view key,
                                                         env_lookup const& env,
                                                         diagnostic_list& out) {
    auto head = std::string(prefix) + ": key '" + std::string(key) + "'";
    auto const* array = node.as_array();
    if (array == nullptr) {
        report_error(out, where(node.source()),
                     head + " must be an array of strings, not " + describe_type(node));
        return std::nullopt;
    }
    std::vector<std::string> values;
    bool ok = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto value =
            read_core_string(*array->get(i), head + "[" + std::to_string(i) + "]", env, out);
        if (value) {
            values.push_back(std::move(*value));
        } else {
            ok = false;
        }
    }
    if (!ok) {
        return std::nullopt;
    }
    return values;
}

}  // namespace detail

namespace {

using detail::core_string;
using detail::core_string_list;
using detail::describe_type;
using detail::quote;
using detail::report_error;
using detail::where;

constexpr std::array<std::string_view, 5> log_levels{"trace", "debug", "info", "warn", "error"};
constexpr std::array<std::string_view, 5> daemon_keys{"state_dir", "plugin_dirs", "log_level",
                                                      "http_listen", "user_agent_contact"};

std::vector<std::string> to_strings(auto const& views) {
    return std::vector<std::string>(views.begin(), views.end());
}

/// Reads a whole file; nullopt and an error message when it cannot be read.
std::optional<std::string> read_text_file(std::filesystem::path const& file, std::string& error) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        error = "cannot open the file: " + std::generic_category().message(errno);
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        error = "cannot read the file: " + std::generic_category().message(errno);
        return std::nullopt;
    }
    return std::move(buffer).str();
}

/// Resolves a path given in a file against that file's directory.
std::filesystem::path relative_to_file(std::filesystem::path const& value,
                                       std::string const& file) {
    if (value.is_absolute() || file.empty()) {
        return value;
    }
    return (std::filesystem::path(file).parent_path() / value).lexically_normal();
}

/// "host:port" or "[ipv6]:port" with a port 1..65535.
bool is_listen_address(std::string_view text) {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        return false;
    }
    auto host = text.substr(0, colon);
    auto port = text.substr(colon + 1);
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') {
            return false;
        }
    } else if (host.find(':') != std::string_view::npos) {
        return false;  // an IPv6 address needs brackets
    }
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    return ec == std::errc() && end == port.data() + port.size() && value >= 1 && value <= 65535;
}

class document_reader {
public:
    document_reader(detail::document_data& data) : data_(data) {}

    void read_file(std::filesystem::path const& file) {
        data_.files.push_back(file);
        std::string error;
        auto text = read_text_file(file, error);
        if (!text) {
            report_error(data_.diagnostics, location{file.string()}, error);
            return;
        }
        try {
            data_.roots.push_back(toml::parse(*text, file.string()));
        } catch (toml::parse_error const& e) {
            report_error(data_.diagnostics, where(e.source()), std::string(e.description()));
            return;
        }
        merge(data_.roots.back());
    }

    /// The *.toml regular files of dir, sorted by name. A missing directory is an error only
    /// when it was named explicitly.
    std::vector<std::filesystem::path> drop_ins(std::filesystem::path const& dir,
                                                bool explicit_dir) {
        std::vector<std::filesystem::path> files;
        std::error_code ec;
        if (!std::filesystem::exists(dir, ec)) {
            if (explicit_dir) {
                report_error(data_.diagnostics, location{dir.string()},
                             "drop-in directory does not exist");
            }
            return files;
        }
        std::filesystem::directory_iterator it(dir, ec);
        if (ec) {
            report_error(data_.diagnostics, location{dir.string()},
                         "cannot read the drop-in directory: " + ec.message());
            return files;
        }
        for (auto const& entry : it) {
            std::error_code type_ec;
            if (entry.path().extension() == ".toml" && entry.is_regular_file(type_ec)) {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end(), [](auto const& a, auto const& b) {
            return a.filename().string() < b.filename().string();
        });
        return files;
    }

private:
    void merge(toml::table const& root) {
        for (auto&& [key, node] : root) {
            auto name = key.str();
            if (name == detail::key_daemon) {
                merge_daemon(node);
            } else if (name == detail::key_sources) {
                append(name, node, data_.sources);
            } else if (name == detail::key_decoders) {
                append(name, node, data_.decoders);
            } else if (name == detail::key_transforms) {
                append(name, node, data_.transforms);
            } else if (name == detail::key_sinks) {
                append(name, node, data_.sinks);
            } else if (name == detail::key_routes) {
                append(name, node, data_.routes);
            } else {
                auto message = "unknown top-level key '" + std::string(name) + "'";
                auto hint = closest_match(
                    name, {"daemon", "sources", "decoders", "transforms", "sinks", "routes"});
                if (hint) {
                    message += "; did you mean '" + *hint + "'?";
                } else {
                    message +=
                        " (expected [daemon], [[sources]], [[decoders]], "
                        "[[transforms]], [[sinks]] or [[routes]])";
                }
                report_error(data_.diagnostics, where(key.source()), message);
            }
        }
    }

    void append(std::string_view name, toml::node const& node,
                std::vector<toml::table const*>& entries) {
        auto const* array = node.as_array();
        if (array == nullptr) {
            report_error(data_.diagnostics, where(node.source()),
                         "'" + std::string(name) + "' must be an array of tables: write [[" +
                             std::string(name) + "]], not [" + std::string(name) + "]");
            return;
        }
        for (auto const& element : *array) {
            if (auto const* table = element.as_table()) {
                entries.push_back(table);
            } else {
                report_error(data_.diagnostics, where(element.source()),
                             "'" + std::string(name) + "' entries must be tables, not " +
                                 describe_type(element));
            }
        }
    }

    void merge_daemon(toml::node const& node) {
        auto const* table = node.as_table();
        if (table == nullptr) {
            report_error(data_.diagnostics, where(node.source()),
                         "'daemon' must be a table: write [daemon]");
            return;
        }
        auto& out = data_.diagnostics;
        auto const& env = data_.env;
        auto& daemon = data_.daemon;
        constexpr std::string_view prefix = "daemon";
        for (auto&& [key, value] : *table) {
            auto name = key.str();
            auto file = value.source().path ? *value.source().path : std::string();
            if (name == "state_dir") {
                if (auto s = core_string(value, prefix, name, env, out)) {
                    if (s->empty()) {
                        report_error(out, where(value.source()),
                                     "daemon: key 'state_dir' must not be empty");
                    } else {
                        daemon.state_dir = relative_to_file(*s, file);
                    }
                }
            } else if (name == "plugin_dirs") {
                if (auto list = core_string_list(value, prefix, name, env, out)) {
                    std::vector<std::filesystem::path> dirs;
                    for (auto const& d : *list) {
                        dirs.push_back(relative_to_file(d, file));
                    }
                    daemon.plugin_dirs = std::move(dirs);
                }
            } else if (name == "log_level") {
                if (auto s = core_string(value, prefix, name, env, out)) {
                    if (std::find(log_levels.begin(), log_levels.end(), *s) == log_levels.end()) {
                        report_error(out, where(value.source()),
                                     "daemon: key 'log_level' must be one of " +
                                         detail::one_of(to_strings(log_levels)) + ", not " +
                                         quote(*s));
                    } else {
                        daemon.log_level = *s;
                    }
                }
            } else if (name == "http_listen") {
                if (auto s = core_string(value, prefix, name, env, out)) {
                    if (!is_listen_address(*s)) {
                        report_error(out, where(value.source()),
                                     "daemon: key 'http_listen' must be \"host:port\" (e.g. "
                                     "\"127.0.0.1:9464\" or \"[::1]:9464\"), not " +
                                         quote(*s));
                    } else {
                        daemon.http_listen = *s;
                    }
                }
            } else if (name == "user_agent_contact") {
                if (auto s = core_string(value, prefix, name, env, out)) {
                    daemon.user_agent_contact = *s;
                }
            } else {
                auto message = "daemon: unknown key '" + std::string(name) + "'";
                if (auto hint = closest_match(name, to_strings(daemon_keys))) {
                    message += "; did you mean '" + *hint + "'?";
                }
                report_error(out, where(key.source()), message);
            }
        }
    }

    detail::document_data& data_;
};

}  // namespace

config_document::config_document(std::unique_ptr<detail::document_data> data)
    : data_(std::move(data)) {}
config_document::config_document(config_document&&) noexcept = default;
config_document& config_document::operator=(config_document&&) noexcept = default;
config_document::~config_document() = default;

std::vector<std::filesystem::path> const& config_document::files() const noexcept {
    return data_->files;
}
daemon_config const& config_document::daemon() const noexcept {
    return data_->daemon;
}
diagnostic_list const& config_document::diagnostics() const noexcept {
    return data_->diagnostics;
}

config_document read_config(std::filesystem::path const& main_file, load_options const& options) {
    auto data = std::make_unique<detail::document_data>();
    data->env = options.env ? options.env : process_environment();
    document_reader reader(*data);
    reader.read_file(main_file);
    if (options.read_drop_ins) {
        auto dir = options.drop_in_dir.value_or(main_file.parent_path() / "conf.d");
        for (auto const& file : reader.drop_ins(dir, options.drop_in_dir.has_value())) {
            reader.read_file(file);
        }
    }
    return config_document(std::move(data));
}

}  // namespace ingest::core::config
