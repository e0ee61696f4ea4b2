// ingestctl plugins, ingestctl plugin inspect.
#include "commands.hpp"

#include "plugin_host/plugin_host.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::ctl {

namespace {

std::string text_of(ingest_str s) {
    return s.data == nullptr ? std::string() : std::string(s.data, s.size);
}

std::string abi_text(ingest_plugin_descriptor const& d) {
    return std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor);
}

std::string join(std::vector<std::string> const& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i > 0 ? std::string(separator) : std::string()) + items[i];
    }
    return out;
}

std::vector<std::string> strings_of(ingest_str const* items, std::size_t count) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
        out.push_back(text_of(items[i]));
    }
    return out;
}

/// Prints rows as columns separated by two spaces; the last column is not padded.
void print_table(std::ostream& out, std::string const& indent,
                 std::vector<std::vector<std::string>> const& rows) {
    std::vector<std::size_t> widths;
    for (auto const& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (auto const& row : rows) {
        std::string line = indent;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) {
                line += std::string(widths[i] - row[i].size() + 2, ' ');
            }
        }
        line.erase(line.find_last_not_of(' ') + 1);
        out << line << '\n';
    }
}

void print_plugin(std::ostream& out, core::plugin_module const& module) {
    auto const& d = module.descriptor();
    out << module.name() << ' ' << module.version() << '\n';
    std::vector<std::vector<std::string>> facts{
        {"kind:", core::kind_name(d.kind)},
        {"abi:", abi_text(d)},
        {"file:", module.path().string()},
        {"description:", text_of(d.description)},
        {"unload safe:", (d.flags & INGEST_PLUGIN_UNLOAD_SAFE) != 0 ? "yes" : "no"},
    };
    if (d.kind == INGEST_KIND_DECODER) {
        auto media = strings_of(d.media_types, d.media_types_count);
        auto patterns = strings_of(d.file_patterns, d.file_patterns_count);
        facts.push_back({"media types:", media.empty() ? "-" : join(media, ", ")});
        facts.push_back({"file patterns:", patterns.empty() ? "-" : join(patterns, ", ")});
    }
    if (d.settings_count == 0) {
        facts.push_back({"settings:", "none"});
        print_table(out, "  ", facts);
        return;
    }
    facts.push_back({"settings:", ""});
    print_table(out, "  ", facts);
    std::vector<std::vector<std::string>> rows{
        {"NAME", "TYPE", "REQUIRED", "DEFAULT", "ALLOWED", "DESCRIPTION"}};
    for (std::size_t i = 0; i < d.settings_count; ++i) {
        auto const& s = d.settings[i];
        auto allowed = strings_of(s.allowed, s.allowed_count);
        std::string default_text = "-";
        if (s.has_default != 0) {
            default_text = text_of(s.default_value);
            if (default_text.empty()) {
                default_text = "\"\"";
            }
        }
        rows.push_back({text_of(s.name), core::setting_type_name(s.type),
                        s.required != 0 ? "yes" : "no", default_text,
                        allowed.empty() ? "-" : join(allowed, ", "), text_of(s.description)});
    }
    print_table(out, "    ", rows);
}

boost::json::array json_strings(std::vector<std::string> const& items) {
    boost::json::array out;
    for (auto const& s : items) {
        out.emplace_back(s);
    }
    return out;
}

boost::json::object plugin_json(core::plugin_module const& module) {
    auto const& d = module.descriptor();
    boost::json::object o;
    o["name"] = module.name();
    o["version"] = module.version();
    o["kind"] = core::kind_name(d.kind);
    o["abi"] = abi_text(d);
    o["abi_major"] = d.abi_major;
    o["abi_minor"] = d.abi_minor;
    o["file"] = module.path().string();
    o["description"] = text_of(d.description);
    o["unload_safe"] = (d.flags & INGEST_PLUGIN_UNLOAD_SAFE) != 0;
    if (d.kind == INGEST_KIND_DECODER) {
        o["media_types"] = json_strings(strings_of(d.media_types, d.media_types_count));
        o["file_patterns"] = json_strings(strings_of(d.file_patterns, d.file_patterns_count));
    }
    boost::json::array settings;
    for (std::size_t i = 0; i < d.settings_count; ++i) {
        auto const& s = d.settings[i];
        boost::json::object setting;
        setting["name"] = text_of(s.name);
        setting["type"] = core::setting_type_name(s.type);
        setting["required"] = s.required != 0;
        if (s.has_default != 0) {
            setting["default"] = text_of(s.default_value);
        } else {
            setting["default"] = nullptr;
        }
        setting["description"] = text_of(s.description);
        setting["allowed"] = json_strings(strings_of(s.allowed, s.allowed_count));
        settings.emplace_back(std::move(setting));
    }
    o["settings"] = std::move(settings);
    return o;
}

}  // namespace

int plugins_command(std::vector<std::filesystem::path> const& dirs, bool json, std::ostream& out,
                    std::ostream& err) {
    auto search = dirs;
    if (search.empty()) {
        search.push_back(core::default_plugin_dir());
    }
    core::plugin_loader loader;
    core::plugin_registry registry(loader);
    std::vector<std::string> refused;
    for (auto const& dir : search) {
        for (auto& message : registry.load_directory(dir)) {
            err << "warning: " << message << '\n';
            refused.push_back(std::move(message));
        }
    }
    auto modules = registry.all();
    if (json) {
        boost::json::object doc;
        boost::json::array list;
        for (auto const& m : modules) {
            list.emplace_back(plugin_json(*m));
        }
        doc["plugins"] = std::move(list);
        doc["refused"] = json_strings(refused);
        out << boost::json::serialize(doc) << '\n';
        return exit_ok;
    }
    if (modules.empty()) {
        std::vector<std::string> names;
        for (auto const& dir : search) {
            names.push_back(dir.string());
        }
        out << "no plugins loaded from " << join(names, ", ") << '\n';
        return exit_ok;
    }
    for (std::size_t i = 0; i < modules.size(); ++i) {
        if (i > 0) {
            out << '\n';
        }
        print_plugin(out, *modules[i]);
    }
    return exit_ok;
}

int plugin_inspect_command(std::filesystem::path const& file, bool json, std::ostream& out,
                           std::ostream& err) {
    core::plugin_loader loader;
    auto loaded = loader.load(file);
    if (!loaded) {
        err << loaded.error << '\n';
        return exit_failure;
    }
    if (json) {
        out << boost::json::serialize(plugin_json(*loaded.module)) << '\n';
    } else {
        print_plugin(out, *loaded.module);
    }
    return exit_ok;
}

}  // namespace ingest::ctl
