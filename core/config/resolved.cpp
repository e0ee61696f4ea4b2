#include "config/config.hpp"

#include <algorithm>
#include <utility>

namespace ingest::core::config {

namespace {

ingest_str view(std::string const& s) {
    return ingest_str{s.data(), s.size()};
}

template <class Section>
Section const* find_by_id(std::vector<Section> const& sections, std::string_view id) {
    auto it = std::find_if(sections.begin(), sections.end(),
                           [&](Section const& s) { return s.id == id; });
    return it == sections.end() ? nullptr : &*it;
}

}  // namespace

abi_settings::abi_settings(std::vector<setting_value> const& values) {
    lists_.resize(values.size());
    values_.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        auto const& v = values[i];
        for (auto const& item : v.list) {
            lists_[i].push_back(view(item));
        }
        ingest_setting_value out{};
        out.name = view(v.name);
        out.type = v.type;
        out.present = v.present ? 1 : 0;
        out.text = view(v.text);
        out.integer = v.integer;
        out.list = lists_[i].empty() ? nullptr : lists_[i].data();
        out.list_count = lists_[i].size();
        values_.push_back(out);
    }
}

setting_value const* plugin_section::find_setting(std::string_view name) const {
    auto it = std::find_if(settings.begin(), settings.end(),
                           [&](setting_value const& s) { return s.name == name; });
    return it == settings.end() ? nullptr : &*it;
}

source_config const* configuration::find_source(std::string_view id) const {
    return find_by_id(sources, id);
}
plugin_section const* configuration::find_decoder(std::string_view id) const {
    return find_by_id(decoders, id);
}
plugin_section const* configuration::find_transform(std::string_view id) const {
    return find_by_id(transforms, id);
}
sink_config const* configuration::find_sink(std::string_view id) const {
    return find_by_id(sinks, id);
}

plugin_catalog catalog_of(plugin_registry const& registry) {
    plugin_catalog catalog;
    catalog.find = [&registry](std::string_view name) -> ingest_plugin_descriptor const* {
        auto module = registry.find(name);
        return module ? &module->descriptor() : nullptr;
    };
    for (auto const& module : registry.all()) {
        catalog.names.push_back(module->name());
    }
    return catalog;
}

plugin_catalog catalog_of(std::vector<ingest_plugin_descriptor const*> descriptors) {
    plugin_catalog catalog;
    for (auto const* d : descriptors) {
        catalog.names.emplace_back(d->name.data, d->name.size);
    }
    catalog.find = [descriptors = std::move(descriptors)](
                       std::string_view name) -> ingest_plugin_descriptor const* {
        for (auto const* d : descriptors) {
            if (std::string_view(d->name.data, d->name.size) == name) {
                return d;
            }
        }
        return nullptr;
    };
    return catalog;
}

}  // namespace ingest::core::config
