#include "config/dump.hpp"

#include "config/detail/document.hpp"
#include "config/units.hpp"

#include <sstream>

namespace ingest::core::config {

namespace {

using detail::quote;

bool is_bare_key(std::string_view key) {
    if (key.empty()) {
        return false;
    }
    for (char c : key) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::string key_text(std::string_view key) {
    return is_bare_key(key) ? std::string(key) : quote(key);
}

std::string list_text(std::vector<std::string> const& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i > 0 ? ", " : "") + quote(items[i]);
    }
    return out + "]";
}

std::string paths_text(std::vector<std::filesystem::path> const& paths) {
    std::vector<std::string> items;
    for (auto const& p : paths) {
        items.push_back(p.string());
    }
    return list_text(items);
}

/// The TOML text of a setting's value (sensitive ones redacted).
std::string value_text(setting_value const& v) {
    if (v.sensitive) {
        return quote(redacted);
    }
    switch (v.type) {
        case INGEST_SETTING_STRING:
        case INGEST_SETTING_SECRET:
        case INGEST_SETTING_URL:
        case INGEST_SETTING_PATH:
            return quote(v.text);
        case INGEST_SETTING_INT:
            return std::to_string(v.integer);
        case INGEST_SETTING_BOOL:
            return v.integer != 0 ? "true" : "false";
        case INGEST_SETTING_DURATION:
            return quote(format_duration(std::chrono::milliseconds(v.integer)));
        case INGEST_SETTING_SIZE:
            return quote(format_size(v.integer));
        case INGEST_SETTING_LIST:
            return list_text(v.list);
    }
    return quote(redacted);  // a type this host does not know: show nothing
}

class writer {
public:
    void line(std::string_view text) { out_ << text << '\n'; }
    void entry(std::string_view key, std::string const& value) {
        out_ << key_text(key) << " = " << value << '\n';
    }
    void blank() { out_ << '\n'; }

    void settings(plugin_section const& section) {
        for (auto const& v : section.settings) {
            if (!v.present) {
                out_ << "# " << key_text(v.name) << ": not set\n";
                continue;
            }
            out_ << key_text(v.name) << " = " << value_text(v);
            if (v.from_default) {
                out_ << "  # default";
            }
            out_ << '\n';
        }
    }

    void header(std::string_view section, plugin_section const& s) {
        blank();
        out_ << "[[" << section << "]]\n";
        entry("id", quote(s.id));
        entry("plugin", quote(s.plugin));
    }

    std::string str() const { return out_.str(); }

private:
    std::ostringstream out_;
};

}  // namespace

std::string effective_config_toml(configuration const& config) {
    writer w;
    if (!config.files.empty()) {
        w.line("# Effective configuration of " + config.files.front().string());
        for (std::size_t i = 1; i < config.files.size(); ++i) {
            w.line("#   with drop-in " + config.files[i].string());
        }
    }
    w.line("# Defaults are filled in (marked \"# default\"); secrets are shown as \"" +
           std::string(redacted) + "\".");
    w.blank();

    auto const& d = config.daemon;
    w.line("[daemon]");
    w.entry("state_dir", quote(d.state_dir.string()));
    if (d.plugin_dirs.empty()) {
        w.entry("plugin_dirs", "[]  # empty: the default plugin directory");
    } else {
        w.entry("plugin_dirs", paths_text(d.plugin_dirs));
    }
    w.entry("log_level", quote(d.log_level));
    w.entry("http_listen", quote(d.http_listen));
    if (d.user_agent_contact) {
        w.entry("user_agent_contact", quote(*d.user_agent_contact));
    } else {
        w.line("# user_agent_contact: not set");
    }

    for (auto const& s : config.decoders) {
        w.header("decoders", s);
        if (s.implicit) {
            w.line("# implicit: a source names this plugin directly; all settings are defaults");
        }
        w.settings(s);
    }
    for (auto const& s : config.transforms) {
        w.header("transforms", s);
        if (s.implicit) {
            w.line("# implicit: a source names this plugin directly; all settings are defaults");
        }
        w.settings(s);
    }
    for (auto const& s : config.sources) {
        w.header("sources", s);
        w.entry("enabled", s.enabled ? "true" : "false");
        if (!s.decoder.empty()) {
            w.entry("decoder", quote(s.decoder));
        } else {
            w.line("# decoder: chosen by media type and file name");
        }
        w.entry("transforms", list_text(s.transforms));
        w.entry("interval", quote(format_duration(s.interval)));
        w.entry("jitter", quote(format_duration(s.jitter)));
        w.settings(s);
    }
    for (auto const& s : config.sinks) {
        w.header("sinks", s);
        w.entry("enabled", s.enabled ? "true" : "false");
        w.entry("batch_size", std::to_string(s.batch_size));
        w.entry("retry_initial", quote(format_duration(s.retry_initial)));
        w.entry("retry_max", quote(format_duration(s.retry_max)));
        w.entry("max_attempts", std::to_string(s.max_attempts));
        w.settings(s);
    }
    for (auto const& r : config.routes) {
        w.blank();
        w.line("[[routes]]");
        w.entry("from", r.from_all ? list_text({"*"}) : list_text(r.from));
        w.entry("to", list_text(r.to));
        if (!r.when.empty()) {
            std::vector<std::string> parts;
            auto add_list = [&](char const* key, std::vector<std::string> const& items) {
                if (!items.empty()) {
                    parts.push_back(std::string(key) + " = " + list_text(items));
                }
            };
            add_list("tags_any", r.when.tags_any);
            add_list("tags_all", r.when.tags_all);
            add_list("language", r.when.language);
            if (r.when.title_matches) {
                parts.push_back("title_matches = " + quote(*r.when.title_matches));
            }
            if (r.when.body_matches) {
                parts.push_back("body_matches = " + quote(*r.when.body_matches));
            }
            add_list("source_plugin", r.when.source_plugin);
            std::string when = "{ ";
            for (std::size_t i = 0; i < parts.size(); ++i) {
                when += (i > 0 ? ", " : "") + parts[i];
            }
            w.entry("when", when + " }");
        }
    }
    return w.str();
}

}  // namespace ingest::core::config
