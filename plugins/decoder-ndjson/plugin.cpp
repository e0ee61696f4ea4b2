// Registration of the ndjson decoder: its settings table, its claims and the entry point.
#include "ndjson_decoder.hpp"

namespace ingest::plugins::decoder_ndjson {

ingest::sdk::settings_spec ndjson_decoder::settings() {
    using ingest::sdk::setting_type;
    return ingest::sdk::settings_spec{}
        .optional("max_line_size", setting_type::size,
                  "Longest accepted line; a longer one fails the whole input", "1MiB")
        .optional("max_records", setting_type::integer,
                  "Most releases accepted from one input; more fail the whole input", "10000");
}

std::vector<std::string> ndjson_decoder::media_types() {
    return {"application/x-ndjson", "application/jsonl"};
}

std::vector<std::string> ndjson_decoder::file_patterns() {
    return {"*.ndjson", "*.jsonl"};
}

}  // namespace ingest::plugins::decoder_ndjson

INGEST_PLUGIN(ingest::plugins::decoder_ndjson::ndjson_decoder)
