// Routes: which sinks a release goes to. Built once from the validated configuration;
// regexes are compiled here, never per release.
#pragma once

#include "config/config.hpp"

#include <ingest/sdk/release.hpp>

#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::core {

class router {
public:
    explicit router(std::vector<config::route_config> const& routes);

    /// The sinks (ids, no duplicates, in route order) that take r from source_id.
    std::vector<std::string> route(sdk::release const& r, std::string_view source_id,
                                   std::string_view source_plugin) const;

private:
    struct compiled_route {
        config::route_config config;
        std::optional<std::regex> title;
        std::optional<std::regex> body;
    };
    static bool matches(compiled_route const& route, sdk::release const& r,
                        std::string_view source_id, std::string_view source_plugin);
    std::vector<compiled_route> routes_;
};

}  // namespace ingest::core
