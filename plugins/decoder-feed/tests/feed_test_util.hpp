// Helpers shared by the feed decoder tests: decode a payload directly (no host) and read
// fixture files.
#pragma once

#include "../feed.hpp"

#include <gtest/gtest.h>
#include <ingest/sdk/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace feed_test {

namespace fd = ingest::plugins::decoder_feed;

inline constexpr std::string_view default_uri = "https://example.org/news/feed.xml";

/// Decodes payload with default options, twice: read-only, and as ingestd hands it, writable
/// (the decoder then parses the payload itself in place). Both must give the same feed and
/// releases, or the same refusal; a difference is a test failure.
inline fd::parsed_feed parse(std::string_view payload, std::string_view media_type = {},
                             std::string_view uri = default_uri,
                             std::map<std::string, std::string> metadata = {},
                             fd::options opts = {}) {
    ingest::sdk::decode_input in;
    in.payload = payload;
    in.media_type = media_type;
    in.origin_uri = uri;
    in.metadata = std::move(metadata);
    fd::feed_decoder const decoder(opts);
    auto attempt = [&](ingest::sdk::decode_input const& input, std::string& refused) {
        try {
            return std::optional<fd::parsed_feed>(decoder.parse(input));
        } catch (ingest::sdk::invalid_input const& e) {
            refused = e.what();
            return std::optional<fd::parsed_feed>();
        }
    };
    std::string read_only_refusal;
    std::string in_place_refusal;
    auto read_only = attempt(in, read_only_refusal);
    std::string writable(payload);
    ingest::sdk::decode_input in_place = in;
    in_place.payload = writable;
    in_place.writable_payload = writable.data();
    auto parsed_in_place = attempt(in_place, in_place_refusal);
    EXPECT_EQ(in_place_refusal, read_only_refusal) << "read-only and in-place decoding differ";
    if (read_only && parsed_in_place) {
        auto const& a = read_only->feed;
        auto const& b = parsed_in_place->feed;
        EXPECT_EQ(std::tie(a.format, a.title, a.link, a.subtitle, a.language, a.updated,
                           a.generator, a.encoding),
                  std::tie(b.format, b.title, b.link, b.subtitle, b.language, b.updated,
                           b.generator, b.encoding))
            << "read-only and in-place decoding differ";
        EXPECT_EQ(read_only->releases.size(), parsed_in_place->releases.size());
        for (std::size_t i = 0;
             i < std::min(read_only->releases.size(), parsed_in_place->releases.size()); ++i) {
            EXPECT_EQ(ingest::sdk::to_json(read_only->releases[i]),
                      ingest::sdk::to_json(parsed_in_place->releases[i]))
                << "read-only and in-place decoding differ at release " << i;
        }
    }
    if (!read_only) {
        throw ingest::sdk::invalid_input(read_only_refusal);
    }
    return std::move(*read_only);
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
