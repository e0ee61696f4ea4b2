// Registration of the jsonl sink: its settings table and the exported entry point.
#include "jsonl_sink.hpp"

namespace ingest::plugins::sink_jsonl {

ingest::sdk::settings_spec jsonl_sink::settings() {
    using ingest::sdk::setting_type;
    return ingest::sdk::settings_spec{}
        .required("path", setting_type::path,
                  "File to append one Release JSON line per release to (created with mode 0640)")
        .optional("fsync", setting_type::boolean,
                  "fsync the file after each batch, before reporting it delivered", "true");
}

}  // namespace ingest::plugins::sink_jsonl

INGEST_PLUGIN(ingest::plugins::sink_jsonl::jsonl_sink)
