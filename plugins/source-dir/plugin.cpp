// Registration of the dir source: its settings table and the plugin entry point. The
// behaviour is in dir.hpp / dir.cpp.
#include "dir.hpp"

#include <ingest/sdk.hpp>

namespace ingest::plugins::dir {

sdk::settings_spec dir_source::settings() {
    using sdk::setting_type;
    return sdk::settings_spec{}
        .required("path", setting_type::path,
                  "The drop directory. Refused when missing, not a directory, or world-writable "
                  "without the sticky bit")
        .optional("pattern", setting_type::string,
                  "Shell glob (fnmatch) on the file name. Hidden files and names ending in .tmp, "
                  ".part, .swp or ~ are never taken",
                  "*")
        .optional("after_ack", setting_type::string,
                  "What becomes of a file once its releases are committed: move (to "
                  "processed_dir), delete, or keep (left in place, remembered in the state store)",
                  "move", {"move", "delete", "keep"})
        .optional("processed_dir", setting_type::path,
                  "Where after_ack = move puts files (absolute, or relative to path; created). "
                  "Default: <path>/processed. Must be on the same file system as path")
        .optional("failed_dir", setting_type::path,
                  "Where files that failed go, each with NAME.error beside it (absolute, or "
                  "relative to path; created). Default: <path>/failed. Same file system as path")
        .optional("settle_time", setting_type::duration,
                  "Without an inotify close/move event, a file is complete once its size and "
                  "mtime have not changed for this long. 0s: every file is complete at once",
                  "2s")
        .optional("max_file_size", setting_type::size,
                  "Larger files are moved to failed_dir without being read", "64MiB")
        .optional("max_items_per_poll", setting_type::integer,
                  "Most files emitted by one poll (the rest follow on an immediate next poll)",
                  "500")
        .optional("watch", setting_type::boolean,
                  "Watch the directory with inotify, so that a file is taken as soon as its "
                  "writer closes it; without it (or when inotify fails) files wait settle_time",
                  "true")
        .optional("media_type", setting_type::string,
                  "Media type given to every item; empty: the core picks the decoder by the file "
                  "name");
}

}  // namespace ingest::plugins::dir

INGEST_PLUGIN(ingest::plugins::dir::dir_source)
