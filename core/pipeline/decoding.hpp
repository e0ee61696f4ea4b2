// Decoding and transforming one item, shared by the engine and `ingestctl parse`: which
// decoder claims an item, and the all-or-nothing calls into decoder and transform instances.
#pragma once

#include "config/config.hpp"
#include "plugin_host/plugin_instance.hpp"

#include <ingest/plugin_abi.h>
#include <ingest/sdk/release.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ingest::core {

/// What one decoder instance claims.
struct decoder_claims {
    std::string id;
    std::vector<std::string> patterns;     ///< shell globs on the file name
    std::vector<std::string> media_types;  ///< compared case-insensitively, without parameters

    static decoder_claims of(std::string id, ingest_plugin_descriptor const& d);
};

/// The first decoder whose pattern matches file_name, else the first whose media type is
/// media_type. nullopt with why ("no decoder accepts 'x' (media type y); decoders
/// available: ...") when none does.
std::optional<std::size_t> choose_decoder(std::vector<decoder_claims> const& decoders,
                                          std::string_view file_name, std::string_view media_type,
                                          std::string& why);

/// The bytes of one item, borrowed.
struct decode_request {
    std::string_view payload;
    std::string_view media_type;
    std::string_view origin_uri;
    std::string_view file_name;
    std::vector<std::pair<std::string, std::string>> const* metadata = nullptr;
    /// payload.data() itself when the caller will not read the payload afterwards: the
    /// decoder may then overwrite it (parse it in place) instead of copying it.
    char* writable_payload = nullptr;
};

/// Payloads from this size are decoded inside the intake transaction, each release written
/// as it comes, so that a large feed's releases are never all in memory; smaller ones are
/// decoded before it, outside the state database, their releases held meanwhile (at most a
/// few times this size).
inline constexpr std::size_t decode_in_intake_from_bytes = std::size_t{64} * 1024;

/// Takes each release as the decoder produces it. May throw: the decoder is then asked to
/// stop, and the exception is rethrown by decode_with once the decoder has returned.
using release_consumer = std::function<void(sdk::release&&)>;

/// Decodes with a decoder instance, handing each release to each as it is produced, so
/// that the releases of a payload are never all held here. On failure each may already
/// have taken some of them: the caller drops those (an item is all or nothing).
call_status decode_with(plugin_instance& decoder, decode_request const& request,
                        release_consumer const& each);

/// Decodes with a decoder instance, collecting the releases. All or nothing: on failure
/// out is left empty.
call_status decode_with(plugin_instance& decoder, decode_request const& request,
                        std::vector<sdk::release>& out);

/// Passes every release through a transform instance (0, 1 or more out each). On failure
/// releases is left unchanged.
call_status transform_with(plugin_instance& transform, std::vector<sdk::release>& releases);

}  // namespace ingest::core
