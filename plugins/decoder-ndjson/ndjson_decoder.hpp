// Decoder "ndjson": Release JSON lines in, releases out. One JSON object per line, exactly
// the format that the jsonl sink writes and `ingestctl parse` prints (read back with
// ingest::sdk::release_from_json); blank lines are skipped, CRLF line ends and a leading
// UTF-8 byte order mark are accepted.
//
// Decoding is all or nothing: the first bad line fails the whole input with
// INGEST_INVALID_INPUT and a message naming the line ("line 3: expected object, got an
// array"), and no release of the lines before it is emitted. Two limits guard against
// hostile input, each with its own error: max_line_size (bytes per line) and max_records.
#pragma once

#include <ingest/sdk.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ingest::plugins::decoder_ndjson {

class ndjson_decoder final : public ingest::sdk::decoder {
public:
    static constexpr ingest::sdk::plugin_info info{
        "ndjson", "1.0.0", "Reads Release JSON lines (the jsonl sink's and ingestctl's format)"};
    /// Defined in plugin.cpp.
    static ingest::sdk::settings_spec settings();
    static std::vector<std::string> media_types();
    static std::vector<std::string> file_patterns();

    explicit ndjson_decoder(ingest::sdk::context& ctx);

protected:
    void decode(ingest::sdk::decode_input const& in, ingest::sdk::release_emitter& out) override;

private:
    std::uint64_t max_line_size_;
    std::size_t max_records_;
};

}  // namespace ingest::plugins::decoder_ndjson
