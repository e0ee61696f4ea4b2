// Step 2 of loading: validate every section against the plugins' settings tables, fill
// defaults, resolve decoder/transform references and routes.
#include "config/config.hpp"
#include "config/detail/document.hpp"
#include "config/suggest.hpp"
#include "config/units.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <regex>
#include <set>
#include <span>
#include <utility>

namespace ingest::core::config {

namespace {

using detail::describe_type;
using detail::quote;
using detail::show;
using detail::where;

constexpr std::array<std::string_view, 7> source_core_keys{
    "id", "plugin", "decoder", "transforms", "interval", "jitter", "enabled"};
constexpr std::array<std::string_view, 2> plain_core_keys{"id", "plugin"};
constexpr std::array<std::string_view, 7> sink_core_keys{
    "id", "plugin", "enabled", "batch_size", "retry_initial", "retry_max", "max_attempts"};
constexpr std::array<std::string_view, 3> route_keys{"from", "to", "when"};
constexpr std::array<std::string_view, 6> when_keys{
    "tags_any", "tags_all", "language", "title_matches", "body_matches", "source_plugin"};

std::vector<std::string> to_strings(std::span<std::string_view const> views) {
    return std::vector<std::string>(views.begin(), views.end());
}

bool contains(std::span<std::string_view const> keys, std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string_view section_of(ingest_kind kind) {
    switch (kind) {
        case INGEST_KIND_SOURCE:
            return detail::key_sources;
        case INGEST_KIND_DECODER:
            return detail::key_decoders;
        case INGEST_KIND_TRANSFORM:
            return detail::key_transforms;
        case INGEST_KIND_SINK:
            return detail::key_sinks;
    }
    return "unknown";
}

std::string text_of(ingest_str s) {
    return s.data == nullptr ? std::string() : std::string(s.data, s.size);
}

bool is_valid_id(std::string_view id) {
    auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (id.empty() || !lower_or_digit(id.front())) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [&](char c) {
        return lower_or_digit(c) || c == '.' || c == '_' || c == '-';
    });
}

/// What a value of this type must be, for "must be X, not Y".
std::string expected_of(ingest_setting_type type) {
    switch (type) {
        case INGEST_SETTING_STRING:
        case INGEST_SETTING_SECRET:
            return "a string";
        case INGEST_SETTING_URL:
            return "a URL string";
        case INGEST_SETTING_PATH:
            return "a path string";
        case INGEST_SETTING_INT:
            return "an integer";
        case INGEST_SETTING_BOOL:
            return "a boolean (true or false)";
        case INGEST_SETTING_DURATION:
            return "a duration like \"90s\" or an integer number of seconds";
        case INGEST_SETTING_SIZE:
            return "a size like \"16MiB\" or an integer number of bytes";
        case INGEST_SETTING_LIST:
            return "an array of strings";
    }
    return "a value of an unknown type";
}

/// A plugin's setting declaration, copied out of the C struct.
struct spec {
    std::string name;
    ingest_setting_type type = INGEST_SETTING_STRING;
    bool required = false;
    std::optional<std::string> default_value;
    std::string description;
    std::vector<std::string> allowed;

    explicit spec(ingest_setting_spec const& c)
        : name(text_of(c.name)),
          type(c.type),
          required(c.required != 0),
          description(text_of(c.description)) {
        if (c.has_default != 0) {
            default_value = text_of(c.default_value);
        }
        for (std::size_t i = 0; i < c.allowed_count; ++i) {
            allowed.push_back(text_of(c.allowed[i]));
        }
    }

    /// " — <description>", appended to every message about this setting.
    std::string help() const { return description.empty() ? std::string() : " — " + description; }

    bool allows(std::string const& value) const {
        return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
    }

    std::string allowed_text() const {
        std::string out;
        for (std::size_t i = 0; i < allowed.size(); ++i) {
            if (i > 0) {
                out += i + 1 == allowed.size() ? " or " : ", ";
            }
            out += quote(allowed[i]);
        }
        return out;
    }
};

std::vector<spec> specs_of(ingest_plugin_descriptor const& d) {
    std::vector<spec> out;
    for (std::size_t i = 0; i < d.settings_count; ++i) {
        out.emplace_back(d.settings[i]);
    }
    return out;
}

std::string trim(std::string_view s) {
    auto begin = s.find_first_not_of(" \t");
    if (begin == std::string_view::npos) {
        return {};
    }
    auto end = s.find_last_not_of(" \t");
    return std::string(s.substr(begin, end - begin + 1));
}

/// Checks text as a value of s and stores it in out. Used for string-typed TOML values
/// (after interpolation) and for every plugin default. Returns the problem, phrased to follow
/// "setting 'x' ", or nullopt.
std::optional<std::string> fill_from_text(spec const& s, std::string const& text, bool sensitive,
                                          setting_value& out) {
    switch (s.type) {
        case INGEST_SETTING_STRING:
        case INGEST_SETTING_SECRET:
        case INGEST_SETTING_URL:
        case INGEST_SETTING_PATH:
            if (s.type == INGEST_SETTING_PATH && text.empty()) {
                return "must not be empty";
            }
            if (s.type == INGEST_SETTING_URL && !boost::urls::parse_absolute_uri(text)) {
                return "is not an absolute URL (scheme://host/path): " + show(text, sensitive);
            }
            if (!s.allows(text)) {
                return "must be one of " + s.allowed_text() + ", not " + show(text, sensitive);
            }
            out.text = text;
            return std::nullopt;
        case INGEST_SETTING_INT: {
            std::int64_t value = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size()) {
                return "is not an integer: " + show(text, sensitive);
            }
            out.integer = value;
            return std::nullopt;
        }
        case INGEST_SETTING_BOOL:
            if (text != "true" && text != "false") {
                return "is not a boolean (true or false): " + show(text, sensitive);
            }
            out.integer = text == "true" ? 1 : 0;
            return std::nullopt;
        case INGEST_SETTING_DURATION: {
            auto d = parse_duration(text);
            if (!d) {
                return sensitive ? "is not a valid duration"
                                 : "is not a valid duration: " + quote(text) + ": " + d.error;
            }
            out.integer = d.value->count();
            return std::nullopt;
        }
        case INGEST_SETTING_SIZE: {
            auto n = parse_size(text);
            if (!n) {
                return sensitive ? "is not a valid size"
                                 : "is not a valid size: " + quote(text) + ": " + n.error;
            }
            out.integer = *n.value;
            return std::nullopt;
        }
        case INGEST_SETTING_LIST: {
            // Only defaults arrive here: "a,b" in configuration syntax; "" is the empty list.
            std::vector<std::string> items;
            if (!text.empty()) {
                std::size_t begin = 0;
                for (;;) {
                    auto comma = text.find(',', begin);
                    items.push_back(trim(std::string_view(text).substr(
                        begin, comma == std::string::npos ? std::string::npos : comma - begin)));
                    if (comma == std::string::npos) {
                        break;
                    }
                    begin = comma + 1;
                }
            }
            for (auto const& item : items) {
                if (!s.allows(item)) {
                    return "must hold only " + s.allowed_text() + ", not " + show(item, sensitive);
                }
            }
            out.list = std::move(items);
            return std::nullopt;
        }
    }
    return "has a type this host does not know (" + std::to_string(static_cast<int>(s.type)) + ")";
}

/// Sorts diagnostics by file (in merge order), line, column; keeps the order of equals.
void sort_diagnostics(diagnostic_list& list, std::vector<std::filesystem::path> const& files) {
    auto rank = [&](location const& l) -> std::size_t {
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (files[i].string() == l.file) {
                return i + 1;
            }
        }
        return l.file.empty() ? 0 : files.size() + 1;
    };
    std::stable_sort(list.begin(), list.end(), [&](diagnostic const& a, diagnostic const& b) {
        auto ra = rank(a.where);
        auto rb = rank(b.where);
        if (ra != rb) {
            return ra < rb;
        }
        if (a.where.file != b.where.file) {
            return a.where.file < b.where.file;
        }
        if (a.where.line != b.where.line) {
            return a.where.line < b.where.line;
        }
        return a.where.column < b.where.column;
    });
}

/// A decoder or transform named by a source, resolved once all sections are read.
struct pending_reference {
    std::size_t source;  // index into configuration::sources
    std::string name;
    location where;
    ingest_kind kind;      // INGEST_KIND_DECODER or INGEST_KIND_TRANSFORM
    std::size_t position;  // index into the source's transforms
};

/// Where an id was first declared, for duplicate reports.
struct id_origin {
    std::string section;  // "sinks[0]"
    location where;
};

class resolver {
public:
    resolver(detail::document_data const& doc, plugin_catalog const& catalog)
        : doc_(doc), catalog_(catalog), diagnostics_(doc.diagnostics) {}

    load_result run() {
        config_.files = doc_.files;
        config_.daemon = doc_.daemon;
        for (std::size_t i = 0; i < doc_.decoders.size(); ++i) {
            plugin_section section;
            read_section(*doc_.decoders[i], INGEST_KIND_DECODER, i, plain_core_keys, section);
            config_.decoders.push_back(std::move(section));
        }
        for (std::size_t i = 0; i < doc_.transforms.size(); ++i) {
            plugin_section section;
            read_section(*doc_.transforms[i], INGEST_KIND_TRANSFORM, i, plain_core_keys, section);
            config_.transforms.push_back(std::move(section));
        }
        for (std::size_t i = 0; i < doc_.sources.size(); ++i) {
            read_source(*doc_.sources[i], i);
        }
        for (std::size_t i = 0; i < doc_.sinks.size(); ++i) {
            read_sink(*doc_.sinks[i], i);
        }
        resolve_references();
        for (std::size_t i = 0; i < doc_.routes.size(); ++i) {
            read_route(*doc_.routes[i], i);
        }
        warn_unrouted_sources();

        load_result result;
        sort_diagnostics(diagnostics_, doc_.files);
        if (!has_errors(diagnostics_)) {
            result.config = std::move(config_);
        }
        result.diagnostics = std::move(diagnostics_);
        return result;
    }

private:
    void error(location where, std::string message) {
        diagnostics_.push_back({severity::error, std::move(where), std::move(message)});
    }
    void warning(location where, std::string message) {
        diagnostics_.push_back({severity::warning, std::move(where), std::move(message)});
    }

    // ------------------------------------------------------------------- core key readers --

    std::optional<std::string> core_string(toml::node const& node, std::string const& prefix,
                                           std::string_view key) {
        return detail::core_string(node, prefix, key, doc_.env, diagnostics_);
    }

    std::optional<std::vector<std::string>> core_list(toml::node const& node,
                                                      std::string const& prefix,
                                                      std::string_view key) {
        return detail::core_string_list(node, prefix, key, doc_.env, diagnostics_);
    }

    std::optional<bool> core_bool(toml::node const& node, std::string const& prefix,
                                  std::string_view key) {
        if (auto const* b = node.as_boolean()) {
            return b->get();
        }
        error(where(node.source()), prefix + ": key '" + std::string(key) +
                                        "' must be a boolean (true or false), not " +
                                        describe_type(node));
        return std::nullopt;
    }

    std::optional<std::int64_t> core_int(toml::node const& node, std::string const& prefix,
                                         std::string_view key, std::int64_t minimum) {
        auto const* i = node.as_integer();
        if (i == nullptr) {
            error(where(node.source()), prefix + ": key '" + std::string(key) +
                                            "' must be an integer, not " + describe_type(node));
            return std::nullopt;
        }
        if (i->get() < minimum) {
            error(where(node.source()), prefix + ": key '" + std::string(key) +
                                            "' must be at least " + std::to_string(minimum) +
                                            ", not " + std::to_string(i->get()));
            return std::nullopt;
        }
        return i->get();
    }

    std::optional<std::chrono::milliseconds> core_duration(toml::node const& node,
                                                           std::string const& prefix,
                                                           std::string_view key) {
        auto head = prefix + ": key '" + std::string(key) + "'";
        if (auto const* i = node.as_integer()) {
            auto d = duration_from_seconds(i->get());
            if (!d) {
                error(where(node.source()), head + " is not a valid duration: " +
                                                std::to_string(i->get()) + ": " + d.error);
            }
            return d.value;
        }
        if (!node.is_string()) {
            error(where(node.source()), head + " must be " + expected_of(INGEST_SETTING_DURATION) +
                                            ", not " + describe_type(node));
            return std::nullopt;
        }
        auto text = core_string(node, prefix, key);
        if (!text) {
            return std::nullopt;
        }
        auto d = parse_duration(*text);
        if (!d) {
            error(where(node.source()),
                  head + " is not a valid duration: " + quote(*text) + ": " + d.error);
        }
        return d.value;
    }

    // --------------------------------------------------------------------- plugin sections --

    /// Reads id, plugin and the plugin settings of a plugin section; the caller reads the
    /// other core keys. Returns the message prefix ("sinks[0] 'x' (plugin 'y')").
    std::string read_section(toml::table const& table, ingest_kind kind, std::size_t index,
                             std::span<std::string_view const> core_keys, plugin_section& out) {
        auto section = std::string(section_of(kind));
        auto prefix = section + "[" + std::to_string(index) + "]";
        out.kind = kind;
        out.index = index;
        out.where = where(table.source());

        auto const* id_node = table.get("id");
        std::optional<std::string> id;
        if (id_node != nullptr) {
            id = core_string(*id_node, prefix, "id");
            if (id && !is_valid_id(*id)) {
                error(where(id_node->source()),
                      prefix + ": invalid id " + quote(*id) +
                          " (use a-z, 0-9, '.', '_' and '-', starting with a letter or digit)");
                declared_ids_[kind].insert(*id);  // still known, so references do not cascade
                id.reset();
            }
        }
        if (id) {
            prefix += " '" + *id + "'";
        }
        auto const* plugin_node = table.get("plugin");
        std::optional<std::string> plugin;
        if (plugin_node != nullptr) {
            plugin = core_string(*plugin_node, prefix, "plugin");
        }
        if (plugin) {
            prefix += " (plugin '" + *plugin + "')";
        }
        if (id_node == nullptr) {
            error(out.where, prefix + ": missing required key 'id'");
        }
        if (plugin_node == nullptr) {
            error(out.where, prefix + ": missing required key 'plugin'");
        }
        if (id) {
            out.id = *id;
            remember_id(kind, *id, section + "[" + std::to_string(index) + "]",
                        where(id_node->source()), prefix);
        }

        ingest_plugin_descriptor const* descriptor = nullptr;
        if (plugin) {
            out.plugin = *plugin;
            descriptor = find_plugin(*plugin, kind, where(plugin_node->source()), prefix);
        }
        if (descriptor != nullptr) {
            out.plugin_version = text_of(descriptor->version);
            read_settings(table, *descriptor, core_keys, prefix, out);
        }
        return prefix;
    }

    void remember_id(ingest_kind kind, std::string const& id, std::string section, location where,
                     std::string const& prefix) {
        declared_ids_[kind].insert(id);
        auto& seen = ids_[kind];
        auto it = seen.find(id);
        if (it != seen.end()) {
            error(where, prefix + ": duplicate id '" + id + "'; " + it->second.section + " at " +
                             it->second.where.str() + " already uses it");
            return;
        }
        seen.emplace(id, id_origin{std::move(section), std::move(where)});
    }

    /// The descriptor of a plugin of the given kind, or nullptr after reporting why not.
    ingest_plugin_descriptor const* find_plugin(std::string const& name, ingest_kind kind,
                                                location const& at, std::string const& prefix) {
        auto const* d = catalog_.find ? catalog_.find(name) : nullptr;
        if (d == nullptr) {
            auto message = prefix + ": no plugin named '" + name + "' is loaded";
            if (auto hint = closest_match(name, plugin_names(kind))) {
                message += "; did you mean '" + *hint + "'?";
            }
            error(at, message);
            return nullptr;
        }
        if (d->kind != kind) {
            error(at, prefix + ": plugin '" + name + "' is a " + kind_name(d->kind) +
                          " plugin, not a " + kind_name(kind) + " plugin");
            return nullptr;
        }
        return d;
    }

    /// Names of the loaded plugins of a kind.
    std::vector<std::string> plugin_names(ingest_kind kind) const {
        std::vector<std::string> out;
        for (auto const& name : catalog_.names) {
            auto const* d = catalog_.find ? catalog_.find(name) : nullptr;
            if (d != nullptr && d->kind == kind) {
                out.push_back(name);
            }
        }
        return out;
    }

    void read_settings(toml::table const& table, ingest_plugin_descriptor const& descriptor,
                       std::span<std::string_view const> core_keys, std::string const& prefix,
                       plugin_section& out) {
        auto specs = specs_of(descriptor);
        std::vector<bool> given(specs.size(), false);
        out.settings.assign(specs.size(), setting_value{});
        for (std::size_t i = 0; i < specs.size(); ++i) {
            out.settings[i].name = specs[i].name;
            out.settings[i].type = specs[i].type;
            if (contains(core_keys, specs[i].name)) {
                error(out.where, prefix + ": plugin bug: setting '" + specs[i].name +
                                     "' has the name of a core key of [[" +
                                     std::string(section_of(out.kind)) +
                                     "]] and cannot be configured; tell the plugin's author");
                given[i] = true;  // nothing more to say about it
            }
        }
        for (auto&& [key, node] : table) {
            auto name = std::string(key.str());
            if (contains(core_keys, name)) {
                continue;
            }
            auto found = std::find_if(specs.begin(), specs.end(),
                                      [&](spec const& s) { return s.name == name; });
            if (found == specs.end()) {
                unknown_setting(name, where(key.source()), specs, core_keys, prefix);
                continue;
            }
            auto i = static_cast<std::size_t>(found - specs.begin());
            given[i] = true;
            if (auto value = read_setting(node, *found, prefix)) {
                out.settings[i] = std::move(*value);
            }
        }
        fill_defaults(specs, given, out.where, prefix, out.settings);
    }

    /// Fills every setting that was not given: default, or absent, or an error when required.
    void fill_defaults(std::vector<spec> const& specs, std::vector<bool> const& given,
                       location const& at, std::string const& prefix,
                       std::vector<setting_value>& settings) {
        for (std::size_t i = 0; i < specs.size(); ++i) {
            if (given[i]) {
                continue;
            }
            auto const& s = specs[i];
            auto& value = settings[i];
            value.name = s.name;
            value.type = s.type;
            if (s.required) {
                error(at, prefix + ": missing required setting '" + s.name + "'" + s.help());
                continue;
            }
            if (!s.default_value) {
                value.present = false;
                continue;
            }
            value.present = true;
            value.from_default = true;
            value.sensitive = s.type == INGEST_SETTING_SECRET;
            if (auto problem = fill_from_text(s, *s.default_value, value.sensitive, value)) {
                error(at, prefix + ": plugin bug: the default of setting '" + s.name + "' " +
                              *problem + "; tell the plugin's author" + s.help());
            }
        }
    }

    void unknown_setting(std::string const& name, location at, std::vector<spec> const& specs,
                         std::span<std::string_view const> core_keys, std::string const& prefix) {
        std::vector<std::string> candidates;
        for (auto const& s : specs) {
            candidates.push_back(s.name);
        }
        for (auto k : core_keys) {
            candidates.emplace_back(k);
        }
        auto message = prefix + ": unknown setting '" + name + "'";
        if (auto hint = closest_match(name, candidates)) {
            message += "; did you mean '" + *hint + "'?";
            for (auto const& s : specs) {
                if (s.name == *hint) {
                    message += s.help();
                }
            }
        } else if (specs.empty()) {
            message += " (the plugin has no settings)";
        } else {
            std::string names;
            for (auto const& s : specs) {
                names += (names.empty() ? "" : ", ") + s.name;
            }
            message += " (the plugin's settings are: " + names + ")";
        }
        error(std::move(at), message);
    }

    /// Interpolates a string node for a plugin setting; reports problems.
    std::optional<interpolation> setting_text(toml::node const& node, spec const& s,
                                              std::string const& head) {
        auto result = interpolate(node.as_string()->get(), doc_.env);
        for (auto const& e : result.errors) {
            error(where(node.source()), head + ": " + e + s.help());
        }
        if (!result.errors.empty()) {
            return std::nullopt;
        }
        return result;
    }

    /// Validates one configured value against its declaration.
    std::optional<setting_value> read_setting(toml::node const& node, spec const& s,
                                              std::string const& prefix) {
        auto head = prefix + ": setting '" + s.name + "'";
        auto at = where(node.source());
        setting_value value;
        value.name = s.name;
        value.type = s.type;
        value.present = true;
        value.where = at;
        value.sensitive = s.type == INGEST_SETTING_SECRET;
        auto wrong_type = [&] {
            error(at, head + " must be " + expected_of(s.type) + ", not " + describe_type(node) +
                          s.help());
            return std::nullopt;
        };
        auto check_text = [&](std::string const& text) -> std::optional<setting_value> {
            if (auto problem = fill_from_text(s, text, value.sensitive, value)) {
                error(at, head + " " + *problem + s.help());
                return std::nullopt;
            }
            return value;
        };

        switch (s.type) {
            case INGEST_SETTING_STRING:
            case INGEST_SETTING_SECRET:
            case INGEST_SETTING_URL:
            case INGEST_SETTING_PATH:
            case INGEST_SETTING_DURATION:
            case INGEST_SETTING_SIZE:
                if (node.is_string()) {
                    auto text = setting_text(node, s, head);
                    if (!text) {
                        return std::nullopt;
                    }
                    value.sensitive = value.sensitive || text->sensitive;
                    return check_text(text->value);
                }
                if (auto const* i = node.as_integer();
                    i != nullptr &&
                    (s.type == INGEST_SETTING_DURATION || s.type == INGEST_SETTING_SIZE)) {
                    if (s.type == INGEST_SETTING_DURATION) {
                        auto d = duration_from_seconds(i->get());
                        if (!d) {
                            error(at, head + " is not a valid duration: " +
                                          std::to_string(i->get()) + ": " + d.error + s.help());
                            return std::nullopt;
                        }
                        value.integer = d.value->count();
                    } else {
                        auto n = size_from_integer(i->get());
                        if (!n) {
                            error(at, head + " is not a valid size: " + std::to_string(i->get()) +
                                          ": " + n.error + s.help());
                            return std::nullopt;
                        }
                        value.integer = *n.value;
                    }
                    return value;
                }
                return wrong_type();
            case INGEST_SETTING_INT:
                if (auto const* i = node.as_integer()) {
                    value.integer = i->get();
                    return value;
                }
                return wrong_type();
            case INGEST_SETTING_BOOL:
                if (auto const* b = node.as_boolean()) {
                    value.integer = b->get() ? 1 : 0;
                    return value;
                }
                return wrong_type();
            case INGEST_SETTING_LIST:
                return read_list_setting(node, s, head, value);
        }
        error(at, head + " has a type this host does not know (" +
                      std::to_string(static_cast<int>(s.type)) + ")" + s.help());
        return std::nullopt;
    }

    std::optional<setting_value> read_list_setting(toml::node const& node, spec const& s,
                                                   std::string const& head, setting_value value) {
        auto const* array = node.as_array();
        if (array == nullptr) {
            error(where(node.source()), head + " must be " + expected_of(s.type) + ", not " +
                                            describe_type(node) + s.help());
            return std::nullopt;
        }
        bool ok = true;
        std::vector<std::pair<std::string, location>> items;
        for (std::size_t i = 0; i < array->size(); ++i) {
            auto const& element = *array->get(i);
            auto element_head = head + "[" + std::to_string(i) + "]";
            if (!element.is_string()) {
                error(where(element.source()),
                      element_head + " must be a string, not " + describe_type(element) + s.help());
                ok = false;
                continue;
            }
            auto text = setting_text(element, s, element_head);
            if (!text) {
                ok = false;
                continue;
            }
            value.sensitive = value.sensitive || text->sensitive;
            items.emplace_back(std::move(text->value), where(element.source()));
        }
        // Checked after the loop: a ${file:...} in any element hides every element.
        for (auto const& [item, at] : items) {
            if (!s.allows(item)) {
                error(at, head + " must hold only " + s.allowed_text() + ", not " +
                              show(item, value.sensitive) + s.help());
                ok = false;
            }
        }
        if (!ok) {
            return std::nullopt;
        }
        for (auto& item : items) {
            value.list.push_back(std::move(item.first));
        }
        return value;
    }

    // ------------------------------------------------------------------ sources and sinks --

    void read_source(toml::table const& table, std::size_t index) {
        source_config source;
        auto prefix = read_section(table, INGEST_KIND_SOURCE, index, source_core_keys, source);
        auto position = config_.sources.size();
        if (auto const* node = table.get("decoder")) {
            if (auto name = core_string(*node, prefix, "decoder")) {
                if (name->empty()) {
                    error(where(node->source()),
                          prefix +
                              ": key 'decoder' must not be empty (leave it out to pick a "
                              "decoder by media type)");
                } else {
                    references_.push_back(
                        {position, *name, where(node->source()), INGEST_KIND_DECODER, 0});
                    source.decoder = *name;
                }
            }
        }
        if (auto const* node = table.get("transforms")) {
            if (auto names = core_list(*node, prefix, "transforms")) {
                auto const* array = node->as_array();
                for (std::size_t i = 0; i < names->size(); ++i) {
                    references_.push_back({position, (*names)[i], where(array->get(i)->source()),
                                           INGEST_KIND_TRANSFORM, i});
                }
                source.transforms = std::move(*names);
            }
        }
        if (auto const* node = table.get("interval")) {
            if (auto d = core_duration(*node, prefix, "interval")) {
                if (d->count() == 0) {
                    error(where(node->source()),
                          prefix + ": key 'interval' must be longer than 0s");
                } else {
                    source.interval = *d;
                }
            }
        }
        if (auto const* node = table.get("jitter")) {
            if (auto d = core_duration(*node, prefix, "jitter")) {
                source.jitter = *d;
            }
        }
        if (auto const* node = table.get("enabled")) {
            if (auto b = core_bool(*node, prefix, "enabled")) {
                source.enabled = *b;
            }
        }
        prefixes_.push_back(prefix);
        config_.sources.push_back(std::move(source));
    }

    void read_sink(toml::table const& table, std::size_t index) {
        sink_config sink;
        auto prefix = read_section(table, INGEST_KIND_SINK, index, sink_core_keys, sink);
        if (auto const* node = table.get("enabled")) {
            if (auto b = core_bool(*node, prefix, "enabled")) {
                sink.enabled = *b;
            }
        }
        if (auto const* node = table.get("batch_size")) {
            if (auto n = core_int(*node, prefix, "batch_size", 1)) {
                sink.batch_size = *n;
            }
        }
        if (auto const* node = table.get("max_attempts")) {
            if (auto n = core_int(*node, prefix, "max_attempts", 1)) {
                sink.max_attempts = *n;
            }
        }
        auto const* initial_node = table.get("retry_initial");
        if (initial_node != nullptr) {
            if (auto d = core_duration(*initial_node, prefix, "retry_initial")) {
                if (d->count() == 0) {
                    error(where(initial_node->source()),
                          prefix + ": key 'retry_initial' must be longer than 0s");
                } else {
                    sink.retry_initial = *d;
                }
            }
        }
        auto const* max_node = table.get("retry_max");
        if (max_node != nullptr) {
            if (auto d = core_duration(*max_node, prefix, "retry_max")) {
                sink.retry_max = *d;
            }
        }
        if (sink.retry_max < sink.retry_initial) {
            auto const* at = max_node != nullptr ? max_node : initial_node;
            error(at != nullptr ? where(at->source()) : sink.where,
                  prefix + ": key 'retry_max' (" + format_duration(sink.retry_max) +
                      ") must not be shorter than 'retry_initial' (" +
                      format_duration(sink.retry_initial) + ")");
        }
        config_.sinks.push_back(std::move(sink));
    }

    // ------------------------------------------------------------------------- references --

    /// Resolves each source's decoder and transforms: an id of a configured section, or else
    /// the name of a plugin of that kind, instantiated once with its defaults.
    void resolve_references() {
        for (auto const& ref : references_) {
            auto& configured =
                ref.kind == INGEST_KIND_DECODER ? config_.decoders : config_.transforms;
            auto const& prefix = prefixes_[ref.source];
            auto section = std::string(section_of(ref.kind));
            auto word = std::string(ref.kind == INGEST_KIND_DECODER ? "decoder" : "transform");
            bool known = declared_ids_[ref.kind].count(ref.name) > 0;
            if (known) {
                continue;
            }
            auto const* d = catalog_.find ? catalog_.find(ref.name) : nullptr;
            if (d == nullptr) {
                std::vector<std::string> candidates(declared_ids_[ref.kind].begin(),
                                                    declared_ids_[ref.kind].end());
                for (auto const& name : plugin_names(ref.kind)) {
                    candidates.push_back(name);
                }
                auto message = prefix + ": " + word + " '" + ref.name +
                               "' is neither the id of a [[" + section +
                               "]] section nor a loaded " + word + " plugin";
                if (auto hint = closest_match(ref.name, candidates)) {
                    message += "; did you mean '" + *hint + "'?";
                }
                error(ref.where, message);
                continue;
            }
            if (d->kind != ref.kind) {
                error(ref.where, prefix + ": " + word + " '" + ref.name + "' names a " +
                                     kind_name(d->kind) + " plugin, not a " + word + " plugin");
                continue;
            }
            implicit_instance(*d, ref, prefix, configured);
        }
    }

    void implicit_instance(ingest_plugin_descriptor const& d, pending_reference const& ref,
                           std::string const& prefix, std::vector<plugin_section>& configured) {
        auto specs = specs_of(d);
        std::vector<std::string> required;
        for (auto const& s : specs) {
            if (s.required) {
                required.push_back(s.name);
            }
        }
        auto word = std::string(ref.kind == INGEST_KIND_DECODER ? "decoder" : "transform");
        if (!required.empty()) {
            error(ref.where, prefix + ": " + word + " plugin '" + ref.name +
                                 "' has required settings (" + detail::one_of(required) +
                                 "): configure it in a [[" + std::string(section_of(ref.kind)) +
                                 "]] section and name that section's id here");
            declared_ids_[ref.kind].insert(ref.name);
            return;
        }
        plugin_section section;
        section.id = ref.name;
        section.plugin = ref.name;
        section.plugin_version = text_of(d.version);
        section.kind = ref.kind;
        section.index = configured.size();
        section.where = ref.where;
        section.implicit = true;
        section.settings.resize(specs.size());
        fill_defaults(specs, std::vector<bool>(specs.size(), false), ref.where,
                      prefix + ": " + word + " '" + ref.name + "'", section.settings);
        configured.push_back(std::move(section));
        declared_ids_[ref.kind].insert(ref.name);
    }

    // ----------------------------------------------------------------------------- routes --

    void read_route(toml::table const& table, std::size_t index) {
        route_config route;
        route.index = index;
        route.where = where(table.source());
        auto prefix = "routes[" + std::to_string(index) + "]";
        for (auto&& [key, node] : table) {
            if (!contains(route_keys, key.str())) {
                auto message = prefix + ": unknown key '" + std::string(key.str()) + "'";
                if (auto hint = closest_match(key.str(), to_strings(route_keys))) {
                    message += "; did you mean '" + *hint + "'?";
                } else {
                    message += " (a route has 'from', 'to' and 'when')";
                }
                error(where(key.source()), message);
            }
        }
        if (auto const* node = table.get("from")) {
            read_route_from(*node, prefix, route);
        } else {
            error(route.where, prefix + ": missing required key 'from' (source ids, or [\"*\"])");
        }
        if (auto const* node = table.get("to")) {
            if (auto names = core_list(*node, prefix, "to")) {
                if (names->empty()) {
                    error(where(node->source()), prefix + ": key 'to' must not be empty");
                }
                auto const* array = node->as_array();
                for (std::size_t i = 0; i < names->size(); ++i) {
                    check_reference(INGEST_KIND_SINK, (*names)[i], where(array->get(i)->source()),
                                    prefix, "to");
                }
                route.to = std::move(*names);
            }
        } else {
            error(route.where, prefix + ": missing required key 'to' (sink ids)");
        }
        if (auto const* node = table.get("when")) {
            read_route_when(*node, prefix, route.when);
        }
        config_.routes.push_back(std::move(route));
    }

    void read_route_from(toml::node const& node, std::string const& prefix, route_config& route) {
        auto names = core_list(node, prefix, "from");
        if (!names) {
            return;
        }
        if (names->empty()) {
            error(where(node.source()),
                  prefix + ": key 'from' must not be empty (use [\"*\"] for every source)");
            return;
        }
        auto const* array = node.as_array();
        bool star = std::find(names->begin(), names->end(), "*") != names->end();
        if (star) {
            if (names->size() > 1) {
                error(where(node.source()),
                      prefix + ": key 'from' mixes \"*\" with source ids; \"*\" must stand alone");
            }
            route.from_all = true;
            return;
        }
        for (std::size_t i = 0; i < names->size(); ++i) {
            check_reference(INGEST_KIND_SOURCE, (*names)[i], where(array->get(i)->source()), prefix,
                            "from");
        }
        route.from = std::move(*names);
    }

    void check_reference(ingest_kind kind, std::string const& id, location at,
                         std::string const& prefix, std::string_view key) {
        auto const& ids = declared_ids_[kind];
        if (ids.count(id) > 0) {
            return;
        }
        auto message =
            prefix + ": unknown " + kind_name(kind) + " '" + id + "' in '" + std::string(key) + "'";
        if (auto hint = closest_match(id, std::vector<std::string>(ids.begin(), ids.end()))) {
            message += "; did you mean '" + *hint + "'?";
        }
        error(std::move(at), message);
    }

    void read_route_when(toml::node const& node, std::string const& prefix, route_condition& when) {
        auto const* table = node.as_table();
        if (table == nullptr) {
            error(where(node.source()), prefix +
                                            ": key 'when' must be a table like "
                                            "{ tags_any = [\"x\"] }, not " +
                                            describe_type(node));
            return;
        }
        for (auto&& [key, value] : *table) {
            auto name = key.str();
            if (name == "tags_any" || name == "tags_all" || name == "language" ||
                name == "source_plugin") {
                auto list = core_list(value, prefix, "when." + std::string(name));
                if (!list) {
                    continue;
                }
                if (name == "tags_any") {
                    when.tags_any = std::move(*list);
                } else if (name == "tags_all") {
                    when.tags_all = std::move(*list);
                } else if (name == "language") {
                    when.language = std::move(*list);
                } else {
                    auto const* array = value.as_array();
                    for (std::size_t i = 0; i < list->size(); ++i) {
                        check_source_plugin((*list)[i], where(array->get(i)->source()), prefix);
                    }
                    when.source_plugin = std::move(*list);
                }
            } else if (name == "title_matches" || name == "body_matches") {
                auto pattern = core_string(value, prefix, "when." + std::string(name));
                if (!pattern) {
                    continue;
                }
                try {
                    std::regex compiled(*pattern, std::regex::ECMAScript);
                } catch (std::regex_error const& e) {
                    error(where(value.source()), prefix + ": key 'when." + std::string(name) +
                                                     "' is not a valid regular expression: " +
                                                     quote(*pattern) + ": " + e.what());
                    continue;
                }
                (name == "title_matches" ? when.title_matches : when.body_matches) = *pattern;
            } else {
                auto message = prefix + ": unknown condition 'when." + std::string(name) + "'";
                if (auto hint = closest_match(name, to_strings(when_keys))) {
                    message += "; did you mean '" + *hint + "'?";
                } else {
                    message +=
                        " (known: tags_any, tags_all, language, title_matches, "
                        "body_matches, source_plugin)";
                }
                error(where(key.source()), message);
            }
        }
    }

    void check_source_plugin(std::string const& name, location at, std::string const& prefix) {
        auto const* d = catalog_.find ? catalog_.find(name) : nullptr;
        if (d != nullptr && d->kind == INGEST_KIND_SOURCE) {
            return;
        }
        auto message = prefix + ": key 'when.source_plugin' names '" + name + "', ";
        message += d == nullptr
                       ? "which is not a loaded plugin"
                       : "which is a " + kind_name(d->kind) + " plugin, not a source plugin";
        if (auto hint = closest_match(name, plugin_names(INGEST_KIND_SOURCE)); hint && !d) {
            message += "; did you mean '" + *hint + "'?";
        }
        error(std::move(at), message);
    }

    void warn_unrouted_sources() {
        for (std::size_t i = 0; i < config_.sources.size(); ++i) {
            auto const& source = config_.sources[i];
            if (source.id.empty() || !source.enabled) {
                continue;
            }
            bool routed = std::any_of(
                config_.routes.begin(), config_.routes.end(), [&](route_config const& r) {
                    return r.from_all ||
                           std::find(r.from.begin(), r.from.end(), source.id) != r.from.end();
                });
            if (!routed) {
                warning(source.where, prefixes_[i] +
                                          ": no route takes releases from this source; add it "
                                          "to a [[routes]] 'from' or use from = [\"*\"]");
            }
        }
    }

    detail::document_data const& doc_;
    plugin_catalog const& catalog_;
    diagnostic_list diagnostics_;
    configuration config_;
    std::vector<std::string> prefixes_;  // message prefix of each source, by index
    std::vector<pending_reference> references_;
    std::map<ingest_kind, std::map<std::string, id_origin>> ids_;  // valid ids, first origin
    std::map<ingest_kind, std::set<std::string>> declared_ids_;    // every id given, even bad
};

}  // namespace

std::optional<std::vector<setting_value>> default_settings(ingest_plugin_descriptor const& plugin,
                                                           std::vector<std::string>* problems) {
    std::vector<setting_value> out;
    bool ok = true;
    auto problem = [&](std::string message) {
        ok = false;
        if (problems != nullptr) {
            problems->push_back(std::move(message));
        }
    };
    for (auto const& s : specs_of(plugin)) {
        setting_value value;
        value.name = s.name;
        value.type = s.type;
        if (s.required) {
            problem("missing required setting '" + s.name + "'" + s.help());
        } else if (s.default_value) {
            value.present = true;
            value.from_default = true;
            value.sensitive = s.type == INGEST_SETTING_SECRET;
            if (auto why = fill_from_text(s, *s.default_value, value.sensitive, value)) {
                problem("plugin bug: the default of setting '" + s.name + "' " + *why +
                        "; tell the plugin's author" + s.help());
            }
        }
        out.push_back(std::move(value));
    }
    if (!ok) {
        return std::nullopt;
    }
    return out;
}

load_result resolve_config(config_document const& document, plugin_catalog const& plugins) {
    return resolver(*document.data_, plugins).run();
}

load_result load_config(std::filesystem::path const& main_file, plugin_catalog const& plugins,
                        load_options const& options) {
    return resolve_config(read_config(main_file, options), plugins);
}

}  // namespace ingest::core::config
