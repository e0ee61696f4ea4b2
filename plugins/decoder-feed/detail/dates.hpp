// Feed dates: RFC 822/2822 (pubDate; obsolete zone names, two-digit years, missing seconds
// or comma), ISO 8601 / RFC 3339 / W3CDTF (Atom, dc:date, JSON Feed) and common broken
// variants. One function: the format is recognized from the text.
#pragma once

#include <ingest/sdk/release.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace ingest::plugins::decoder_feed::detail {

/// Milliseconds since the Unix epoch (UTC) of a feed date, nullopt when the text is not a
/// date we can read (then the caller keeps the raw text). Years outside 1..9999, impossible
/// days and times, and bare numbers are not dates. A time without a zone is read as UTC.
std::optional<std::int64_t> parse_feed_date_ms(std::string_view text);

/// The timestamp of a feed date: unix_ms when readable, raw always the trimmed text.
sdk::timestamp parse_feed_date(std::string_view text);

}  // namespace ingest::plugins::decoder_feed::detail
