// SHA-256 for content-derived ids.
#pragma once

#include <string>
#include <string_view>

namespace ingest::plugins::decoder_feed::detail {

/// Lower-case hex SHA-256 of data.
std::string sha256_hex(std::string_view data);

}  // namespace ingest::plugins::decoder_feed::detail
