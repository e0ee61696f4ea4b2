// Helpers shared by the feed decoder tests: decode a payload directly (no host) and read
// fixture files.
#pragma once

#include "../feed.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>

namespace feed_test {

namespace fd = ingest::plugins::decoder_feed;

inline constexpr std::string_view default_uri = "https://example.org/news/feed.xml";

/// Decodes payload with default options.
inline fd::parsed_feed parse(std::string_view payload, std::string_view media_type = {},
                             std::string_view uri = default_uri,
                             std::map<std::string, std::string> metadata = {},
                             fd::options opts = {}) {
    ingest::sdk::decode_input in;
    in.payload = payload;
    in.media_type = media_type;
    in.origin_uri = uri;
    in.metadata = std::move(metadata);
    return fd::feed_decoder(opts).parse(in);
}

/// The message of the invalid_input a payload is refused with, "" when it is accepted.
inline std::string refusal(std::string_view payload, std::string_view media_type = {},
                           fd::options opts = {}) {
    try {
        (void)parse(payload, media_type, default_uri, {}, opts);
    } catch (ingest::sdk::invalid_input const& e) {
        return e.what();
    }
    return {};
}

inline std::string read_fixture(std::string const& name) {
    std::ifstream in(std::filesystem::path(FEED_DATA_DIR) / name, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// An RSS 2.0 document around items (raw XML).
inline std::string rss(std::string_view items, std::string_view channel_extra = {}) {
    return std::string(
               "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" "
               "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
               "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
               "xmlns:media=\"http://search.yahoo.com/mrss/\" "
               "xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>T</title>"
               "<link>https://example.org/</link>") +
           std::string(channel_extra) + std::string(items) + "</channel></rss>";
}

/// An Atom 1.0 document around entries.
inline std::string atom(std::string_view entries, std::string_view feed_extra = {}) {
    return std::string(
               "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
               "<title>A</title><id>urn:feed</id><updated>2020-05-26T10:00:00Z</updated>") +
           std::string(feed_extra) + std::string(entries) + "</feed>";
}

}  // namespace feed_test
