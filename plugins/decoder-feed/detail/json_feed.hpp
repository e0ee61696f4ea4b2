// JSON Feed 1.0 / 1.1 read with Boost.JSON into a raw_feed.
#pragma once

#include "model.hpp"

#include <string_view>

namespace ingest::plugins::decoder_feed::detail {

/// True when text looks like a JSON Feed: an object whose "version" names jsonfeed.org.
bool looks_like_json_feed(std::string_view text) noexcept;

/// Reads a JSON Feed from UTF-8 text. Refuses (sdk::invalid_input): invalid JSON (with the
/// byte offset), nesting deeper than max_depth, a document that is not a JSON Feed, more
/// than max_items items.
raw_feed read_json_feed(std::string_view utf8, read_options const& opts);

}  // namespace ingest::plugins::decoder_feed::detail
