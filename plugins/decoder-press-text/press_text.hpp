// The press-text decoder: plain-text press releases (the format of shared/seeds) to Release
// records.
//
// A file holds one or more releases, each
//
//     Title line
//     (blank lines)
//     Date Publish: 26 / 05 / 2020        <- or the date on the next line, or no date
//     (blank lines)
//     Mexico City - First paragraph ...   <- dateline, then the body in paragraphs
//     ...
//     For more information, please contact Liz Lizama at IOM Washington, Tel. ..., Email:
//     (blank line)
//     mexico, mexico city, international migrants day   <- optional tag line
//
// The decoder is pure and stateless after construction: parse() and decode() may run
// concurrently on one instance. See README.md for every rule and heuristic.
#pragma once

#include "detail/dates.hpp"

#include <ingest/sdk.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::decoder_press_text {

/// The configuration of a decoder (its validated settings).
struct options {
    /// Inputs larger than this are refused (setting "max_bytes", default 16MiB).
    std::uint64_t max_bytes = std::uint64_t{16} * 1024 * 1024;
    /// Inputs with more releases are refused (setting "max_releases", default 1000).
    std::size_t max_releases = 1000;
    /// Set as every release's language when not empty (setting "language").
    std::string language;
    /// How all-numeric dates are read (setting "numeric_dates", default "day-first").
    detail::date_order numeric_dates = detail::date_order::day_first;
};

/// The decoder plugin. Registration and settings live in plugin.cpp, behaviour in
/// press_text.cpp.
class press_text_decoder final : public sdk::decoder {
public:
    static constexpr sdk::plugin_info info{
        "press-text", "0.1.0",
        "Plain-text press releases: title, 'Date Publish:', dateline, body, contacts, tags"};

    static sdk::settings_spec settings();
    static std::vector<std::string> media_types();
    static std::vector<std::string> file_patterns();

    /// Reads the validated settings of the instance (plugin.cpp). Throws invalid_input for a
    /// value the settings table cannot express (max_releases below 1).
    explicit press_text_decoder(sdk::context& ctx);
    /// For tests, tools and the fuzzer: no host needed.
    explicit press_text_decoder(options opts);

    /// Decodes a whole payload into its releases, in file order. Throws sdk::invalid_input
    /// (naming the line where it applies) when the payload is too large, binary, holds no
    /// release, holds more than max_releases, or a release has no title. Never emits part
    /// of a bad payload: either every release or an error.
    std::vector<sdk::release> parse(std::string_view payload) const;

    options const& config() const noexcept { return options_; }

protected:
    void decode(sdk::decode_input const& in, sdk::release_emitter& out) override;

private:
    options options_;
};

}  // namespace ingest::plugins::decoder_press_text
