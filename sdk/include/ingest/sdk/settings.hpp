// Declared settings (what a plugin accepts) and validated settings (what it was given).
//
// A plugin declares its settings with settings_spec; the core validates the configuration
// against that table before it creates any instance, fills defaults and resolves secrets.
// The plugin reads the result through settings, typed, and never parses configuration.
#pragma once

#include <ingest/plugin_abi.h>
#include <ingest/sdk/release.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ingest::sdk {

/// Setting types, as in the C ABI.
enum class setting_type : int {
    string = INGEST_SETTING_STRING,
    integer = INGEST_SETTING_INT,
    boolean = INGEST_SETTING_BOOL,
    duration = INGEST_SETTING_DURATION,
    size = INGEST_SETTING_SIZE,
    list = INGEST_SETTING_LIST,
    secret = INGEST_SETTING_SECRET,
    url = INGEST_SETTING_URL,
    path = INGEST_SETTING_PATH,
};

/// One declared setting.
struct setting_decl {
    std::string name;
    setting_type type = setting_type::string;
    bool required = false;
    std::optional<std::string> default_value;  ///< configuration syntax: "30s", "true", "a,b"
    std::string description;
    std::vector<std::string> allowed;  ///< empty: any value
};

/// The table of settings a plugin accepts. Build it in the plugin's static settings():
///
///     return ingest::sdk::settings_spec{}
///         .required("path", setting_type::path, "File to append to")
///         .optional("fsync", setting_type::boolean, "fsync after each batch", "true");
class settings_spec {
public:
    /// A setting the configuration must give.
    settings_spec& required(std::string name, setting_type type, std::string description,
                            std::vector<std::string> allowed = {}) {
        items_.push_back({std::move(name), type, true, std::nullopt, std::move(description),
                          std::move(allowed)});
        return *this;
    }

    /// A setting that may be left out; default_value (configuration syntax) fills it then.
    settings_spec& optional(std::string name, setting_type type, std::string description,
                            std::optional<std::string> default_value = std::nullopt,
                            std::vector<std::string> allowed = {}) {
        items_.push_back({std::move(name), type, false, std::move(default_value),
                          std::move(description), std::move(allowed)});
        return *this;
    }

    std::vector<setting_decl> const& items() const noexcept { return items_; }

private:
    std::vector<setting_decl> items_;
};

/// Thrown when a plugin asks for a setting it did not declare, or with the wrong type. This
/// is a bug in the plugin, reported as the failure of the call that asked.
class setting_error : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

/// The validated settings of one instance (a copy; safe to keep).
class settings {
public:
    settings() = default;

    /// Copies the values the core passed to create().
    settings(ingest_setting_value const* values, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) {
            auto const& v = values[i];
            value out;
            out.type = static_cast<setting_type>(v.type);
            out.present = v.present != 0;
            out.text = to_string(v.text);
            out.integer = v.integer;
            for (std::size_t k = 0; k < v.list_count; ++k) {
                out.list.push_back(to_string(v.list[k]));
            }
            values_[to_string(v.name)] = std::move(out);
        }
    }

    /// True when the setting was given or has a default.
    bool has(std::string const& name) const {
        auto it = values_.find(name);
        return it != values_.end() && it->second.present;
    }

    /// STRING, SECRET, URL and PATH settings.
    std::string const& get_string(std::string const& name) const {
        auto const& v = get(name, {setting_type::string, setting_type::secret, setting_type::url,
                                   setting_type::path});
        return v.text;
    }
    std::int64_t get_int(std::string const& name) const {
        return get(name, {setting_type::integer}).integer;
    }
    bool get_bool(std::string const& name) const {
        return get(name, {setting_type::boolean}).integer != 0;
    }
    std::chrono::milliseconds get_duration(std::string const& name) const {
        return std::chrono::milliseconds(get(name, {setting_type::duration}).integer);
    }
    std::uint64_t get_size(std::string const& name) const {
        return static_cast<std::uint64_t>(get(name, {setting_type::size}).integer);
    }
    std::vector<std::string> const& get_list(std::string const& name) const {
        return get(name, {setting_type::list}).list;
    }

private:
    struct value {
        setting_type type = setting_type::string;
        bool present = false;
        std::string text;
        std::int64_t integer = 0;
        std::vector<std::string> list;
    };

    value const& get(std::string const& name, std::initializer_list<setting_type> types) const {
        auto it = values_.find(name);
        if (it == values_.end()) {
            throw setting_error("setting '" + name + "' was not declared by the plugin");
        }
        bool type_ok = false;
        for (auto t : types) {
            type_ok = type_ok || t == it->second.type;
        }
        if (!type_ok) {
            throw setting_error("setting '" + name + "' read with the wrong type");
        }
        return it->second;
    }

    std::map<std::string, value> values_;
};

}  // namespace ingest::sdk
