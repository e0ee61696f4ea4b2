// Identity of a release: the core, not the plugins, gives every release its id and content
// hash, so that the same item seen again is recognized whatever decoder produced it.
#pragma once

#include <ingest/sdk/release.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace ingest::core {

/// Lower-case hex SHA-256 of data.
std::string sha256_hex(std::string_view data);

/// SHA-256 over everything that is content: every field except id, source, native_id,
/// revision, fetched_at and content_hash themselves, and the feed_* extensions.
std::string content_hash_of(sdk::release const& r);

/// Extensions with this prefix describe the feed a release came in, not the release: they
/// are not part of content_hash_of().
inline constexpr std::string_view feed_extension_prefix = "feed_";

/// Where a release came from, for complete_identity().
struct origin {
    std::string_view source_id;
    std::string_view source_plugin;
    std::string_view uri;        ///< the item's origin URI (file path, URL)
    std::string_view file_name;  ///< may be empty
    std::size_t ordinal = 1;     ///< position of the release in its item, from 1
};

/// Fills source (id, plugin, uri; title kept if set), fetched_at (if unset), native_id (when
/// the decoder left it empty: "<file name or uri>#<ordinal>"), id (kept when set, else the
/// first 32 hex digits of SHA-256(source id, native id)) and content_hash.
void complete_identity(sdk::release& r, origin const& from, std::int64_t now_ms);

}  // namespace ingest::core
