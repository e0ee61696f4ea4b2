// The feed decoder: RSS 0.9x/1.0 (RDF)/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 to Release
// records, one per item or entry.
//
// The pipeline of one payload (see README.md for every rule):
//   bytes -> charset (BOM, HTTP charset, XML declaration, detection) -> UTF-8
//         -> safety checks (DOCTYPE with entities, size) -> HTML named entities mapped
//         -> pugixml / Boost.JSON -> format mapping -> one release per entry
//         (ids, links resolved, HTML sanitized, text extracted, dates parsed, limits).
//
// The decoder is pure and stateless after construction: parse() and decode() may run
// concurrently on one instance.
#pragma once

#include <ingest/sdk.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::decoder_feed {

namespace detail {
struct feed_document;  // detail/model.hpp
}

/// The configuration of a decoder (its validated settings).
struct options {
    /// Payloads larger than this are refused (setting "max_bytes", default 16MiB).
    std::uint64_t max_bytes = std::uint64_t{16} * 1024 * 1024;
    /// Feeds with more entries are refused (setting "max_items", default 10000).
    std::size_t max_items = 10000;
    /// Deeper element (or JSON) nesting is refused (setting "max_depth", default 64).
    std::size_t max_depth = 64;
    /// Titles are truncated to this many bytes (setting "max_title_bytes", default 4KiB).
    std::size_t max_title_bytes = 4096;
    /// Summaries and bodies are truncated to this many bytes (setting "max_content_bytes",
    /// default 1MiB).
    std::size_t max_content_bytes = std::size_t{1024} * 1024;
};

/// Feed-level metadata; also copied into every release (source.title and extensions
/// feed_title, feed_link, feed_subtitle, feed_language, feed_updated, feed_generator).
struct feed_info {
    std::string format;  ///< "rss-2.0", "rss-0.91", "rss-1.0", "atom-1.0", "atom-0.3", "json-1.1"
    std::string title;
    std::string link;
    std::string subtitle;
    std::string language;
    std::string updated;  ///< RFC 3339 UTC when parsed, else the raw text
    std::string generator;
    std::string encoding;  ///< the charset the bytes were read as ("utf-8", "windows-1252"...)
};

/// A decoded feed: its metadata and its releases in document order.
struct parsed_feed {
    feed_info feed;
    std::vector<sdk::release> releases;
};

/// The decoder plugin. Registration and settings live in plugin.cpp, behaviour in feed.cpp.
class feed_decoder final : public sdk::decoder {
public:
    static constexpr sdk::plugin_info info{
        "feed", "0.1.0", "RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.x: one release per entry"};

    static sdk::settings_spec settings();
    static std::vector<std::string> media_types();
    static std::vector<std::string> file_patterns();

    /// Reads the validated settings of the instance (plugin.cpp). Throws invalid_input for a
    /// value the settings table cannot express (a limit below 1).
    explicit feed_decoder(sdk::context& ctx);
    /// For tests, tools and the fuzzer: no host needed.
    explicit feed_decoder(options opts);

    /// Decodes a whole payload. Throws sdk::invalid_input naming the origin URI (and the byte
    /// offset where known) when the payload is refused: too large, DOCTYPE with entity
    /// declarations, nesting too deep, too many items, not a feed, or not well-formed. Never
    /// returns part of a refused payload.
    parsed_feed parse(sdk::decode_input const& in) const;

    /// Parse and field extraction alone: the first stage of parse() and decode() (charset,
    /// safety checks, entity mapping, the XML or JSON reader), the very code they run, with
    /// none of the release building (no HTML rendering, no NFC, no ids, dates left raw).
    /// Throws as parse() does. For benchmarks and tools (feed_bench --tier extract), which
    /// include detail/model.hpp to read the result.
    detail::feed_document read(sdk::decode_input const& in) const;

    options const& config() const noexcept { return options_; }

protected:
    /// As parse(), but each release is emitted as soon as it is built (none is emitted for a
    /// refused payload); stops when the host says so.
    void decode(sdk::decode_input const& in, sdk::release_emitter& out) override;

private:
    options options_;
};

}  // namespace ingest::plugins::decoder_feed
