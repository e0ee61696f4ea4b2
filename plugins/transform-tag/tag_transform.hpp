// Transform "tag": adds the configured tags to every release (or only to those whose title
// matches only_if_title_matches), never duplicating a tag the release already has. Tags
// are compared without regard to case (fold_tag()); an existing tag keeps its spelling.
// Releases whose title does not match pass through unchanged.
#pragma once

#include <ingest/sdk.hpp>

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::transform_tag {

/// The form in which tags are compared: lower case for ASCII, Latin-1, Latin Extended-A,
/// Greek and Cyrillic letters; every other byte as it is. fold_tag("MÉXICO") ==
/// fold_tag("méxico").
std::string fold_tag(std::string_view tag);

class tag_transform final : public ingest::sdk::transform {
public:
    static constexpr ingest::sdk::plugin_info info{
        "tag", "1.0.0", "Adds configured tags to releases, optionally only when the title matches"};
    /// Defined in plugin.cpp.
    static ingest::sdk::settings_spec settings();

    /// Throws invalid_input for an empty tag list, an empty tag or an invalid regex.
    explicit tag_transform(ingest::sdk::context& ctx);

protected:
    void apply(ingest::sdk::release in, ingest::sdk::release_emitter& out) override;

private:
    struct tag {
        std::string text;
        std::string folded;
    };
    std::vector<tag> tags_;
    std::optional<std::regex> title_filter_;
};

}  // namespace ingest::plugins::transform_tag
