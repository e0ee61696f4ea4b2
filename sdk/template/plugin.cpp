// Registration of the static source: its settings table and the exported entry point.
// The whole public surface of the plugin is in this file.
#include "static_source.hpp"

namespace acme::static_source {

ingest::sdk::settings_spec static_source::settings() {
    using ingest::sdk::setting_type;
    return ingest::sdk::settings_spec{}
        .required("items", setting_type::list, "Payloads to emit, one item each")
        .optional("media_type", setting_type::string, "Media type of every item", "text/plain")
        .optional("retry_delay", setting_type::duration,
                  "How soon to poll again after the core asked to retry an item", "30s");
}

}  // namespace acme::static_source

INGEST_PLUGIN(acme::static_source::static_source)
