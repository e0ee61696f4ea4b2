#include "pipeline/router.hpp"

#include <algorithm>

namespace ingest::core {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : c; };
               return lower(x) == lower(y);
           });
}

bool contains_ci(std::vector<std::string> const& haystack, std::string_view needle) {
    return std::any_of(haystack.begin(), haystack.end(),
                       [&](std::string const& h) { return iequals(h, needle); });
}

}  // namespace

router::router(std::vector<config::route_config> const& routes) {
    auto const flags = std::regex::ECMAScript | std::regex::optimize;
    for (auto const& r : routes) {
        compiled_route c{r, std::nullopt, std::nullopt};
        if (r.when.title_matches) {
            c.title.emplace(*r.when.title_matches, flags);
        }
        if (r.when.body_matches) {
            c.body.emplace(*r.when.body_matches, flags);
        }
        routes_.push_back(std::move(c));
    }
}

bool router::matches(compiled_route const& route, sdk::release const& r, std::string_view source_id,
                     std::string_view source_plugin) {
    auto const& cfg = route.config;
    if (!cfg.from_all && std::find(cfg.from.begin(), cfg.from.end(), source_id) == cfg.from.end()) {
        return false;
    }
    auto const& w = cfg.when;
    if (!w.tags_any.empty() &&
        std::none_of(w.tags_any.begin(), w.tags_any.end(),
                     [&](std::string const& t) { return contains_ci(r.tags, t); })) {
        return false;
    }
    if (!std::all_of(w.tags_all.begin(), w.tags_all.end(),
                     [&](std::string const& t) { return contains_ci(r.tags, t); })) {
        return false;
    }
    if (!w.language.empty() && !contains_ci(w.language, r.language)) {
        return false;
    }
    if (!w.source_plugin.empty() && !contains_ci(w.source_plugin, source_plugin)) {
        return false;
    }
    if (route.title && !std::regex_search(r.title, *route.title)) {
        return false;
    }
    if (route.body && !std::regex_search(r.body_text, *route.body)) {
        return false;
    }
    return true;
}

std::vector<std::string> router::route(sdk::release const& r, std::string_view source_id,
                                       std::string_view source_plugin) const {
    std::vector<std::string> sinks;
    for (auto const& route : routes_) {
        if (!matches(route, r, source_id, source_plugin)) {
            continue;
        }
        for (auto const& to : route.config.to) {
            if (std::find(sinks.begin(), sinks.end(), to) == sinks.end()) {
                sinks.push_back(to);
            }
        }
    }
    return sinks;
}

}  // namespace ingest::core
