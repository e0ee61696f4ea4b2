// Registration of the tag transform: its settings table and the exported entry point.
#include "tag_transform.hpp"

namespace ingest::plugins::transform_tag {

ingest::sdk::settings_spec tag_transform::settings() {
    using ingest::sdk::setting_type;
    return ingest::sdk::settings_spec{}
        .required("tags", setting_type::list,
                  "Tags to add to every release (compared without regard to case)")
        .optional("only_if_title_matches", setting_type::string,
                  "ECMAScript regular expression; only releases whose title contains a match "
                  "get the tags, the others pass unchanged");
}

}  // namespace ingest::plugins::transform_tag

INGEST_PLUGIN(ingest::plugins::transform_tag::tag_transform)
