// Registration of the sqlite sink: its settings table and the plugin entry point. The
// behaviour lives in sqlite_sink.cpp, the schema in schema.cpp.
#include "sqlite_sink.hpp"

#include <ingest/sdk.hpp>

namespace ingest::plugins::sink_sqlite {

sdk::settings_spec sqlite_sink::settings() {
    using sdk::setting_type;
    return sdk::settings_spec{}
        .required("path", setting_type::path,
                  "SQLite database file; created with its parent directory when missing")
        .optional("synchronous", setting_type::string,
                  "SQLite synchronous mode: full (a committed batch survives power loss) or "
                  "normal (faster; in WAL mode the last batches may be lost on power loss, "
                  "never on a crash)",
                  "full", {"full", "normal"})
        .optional("busy_timeout", setting_type::duration,
                  "How long a batch waits for another writer's lock before it is retried", "5s")
        .optional("keep_revisions", setting_type::boolean,
                  "Keep every revision of a release in the revisions table", "true");
}

}  // namespace ingest::plugins::sink_sqlite

INGEST_PLUGIN(ingest::plugins::sink_sqlite::sqlite_sink)
