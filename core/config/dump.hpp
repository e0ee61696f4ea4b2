// The effective configuration as TOML: what the daemon runs with after drop-ins are merged
// and defaults filled. `ingestctl config show` prints it.
#pragma once

#include "config/config.hpp"

#include <string>

namespace ingest::core::config {

/// The text shown instead of a sensitive value.
inline constexpr char redacted[] = "<redacted>";

/// Renders a resolved configuration as TOML that read_config() reads back. Sensitive values
/// (secrets, values that used ${file:...}) are written as "<redacted>", never in clear text.
/// Defaults are written out and marked "# default"; optional settings without a value are
/// listed as comments.
std::string effective_config_toml(configuration const& config);

}  // namespace ingest::core::config
