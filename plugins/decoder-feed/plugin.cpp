// Registration of the feed decoder: its settings table, the media types and file names it
// claims, and the exported entry point.
#include "feed.hpp"

#include <string>
#include <vector>

namespace ingest::plugins::decoder_feed {

sdk::settings_spec feed_decoder::settings() {
    using sdk::setting_type;
    return sdk::settings_spec{}
        .optional("max_bytes", setting_type::size,
                  "Payloads larger than this are refused as invalid input", "16MiB")
        .optional("max_items", setting_type::integer,
                  "Feeds with more items or entries than this are refused", "10000")
        .optional("max_depth", setting_type::integer,
                  "Element (or JSON) nesting deeper than this is refused", "64")
        .optional("max_title_bytes", setting_type::size,
                  "Titles longer than this are truncated (extension truncated=title)", "4KiB")
        .optional("max_content_bytes", setting_type::size,
                  "Summaries and bodies longer than this are truncated (extension truncated)",
                  "1MiB");
}

std::vector<std::string> feed_decoder::media_types() {
    return {"application/rss+xml", "application/atom+xml", "application/feed+json",
            "application/rdf+xml", "application/xml",      "text/xml",
            "application/json"};
}

std::vector<std::string> feed_decoder::file_patterns() {
    // Not "*.json": JSON Feeds are recognized by media type or content, and other decoders
    // own plain JSON files.
    return {"*.rss", "*.atom", "*.rdf", "*.xml", "*.feed", "*.jsonfeed", "*.feed.json"};
}

namespace {

std::size_t at_least_one(sdk::settings const& s, std::string const& name) {
    std::int64_t const n = s.get_int(name);
    if (n < 1) {
        throw sdk::invalid_input(name + " must be at least 1, not " + std::to_string(n));
    }
    return static_cast<std::size_t>(n);
}

std::size_t size_at_least_one(sdk::settings const& s, std::string const& name) {
    std::uint64_t const n = s.get_size(name);
    if (n < 1) {
        throw sdk::invalid_input(name + " must be at least 1 byte");
    }
    return static_cast<std::size_t>(n);
}

options options_from(sdk::settings const& s) {
    options o;
    if (s.has("max_bytes")) {
        o.max_bytes = s.get_size("max_bytes");
    }
    if (s.has("max_items")) {
        o.max_items = at_least_one(s, "max_items");
    }
    if (s.has("max_depth")) {
        o.max_depth = at_least_one(s, "max_depth");
    }
    if (s.has("max_title_bytes")) {
        o.max_title_bytes = size_at_least_one(s, "max_title_bytes");
    }
    if (s.has("max_content_bytes")) {
        o.max_content_bytes = size_at_least_one(s, "max_content_bytes");
    }
    return o;
}

}  // namespace

feed_decoder::feed_decoder(sdk::context& ctx) : feed_decoder(options_from(ctx.settings())) {}

}  // namespace ingest::plugins::decoder_feed

INGEST_PLUGIN(ingest::plugins::decoder_feed::feed_decoder)
