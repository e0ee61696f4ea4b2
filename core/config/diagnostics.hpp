// Problems found while reading and validating a configuration, each with the file, line and
// column it came from. The configuration component reports every problem it finds, not only
// the first, so a user fixes a file in one pass.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ingest::core::config {

/// Where a configuration node came from. line and column are 1-based; 0 means "the whole
/// file" (e.g. it cannot be read). An empty file means "not from a file" (e.g. a command-line
/// option or a plugin default).
struct location {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;

    /// "FILE:LINE:COL", "FILE" when line is 0, "" when there is no file.
    std::string str() const;
    bool operator==(location const&) const = default;
};

enum class severity { warning, error };

/// One problem. message never contains a sensitive value (secrets, ${file:...} contents).
struct diagnostic {
    severity level = severity::error;
    location where;
    std::string message;

    /// "FILE:LINE:COL: error: message" (the form compilers use, so editors can jump to it).
    std::string str() const;
};

using diagnostic_list = std::vector<diagnostic>;

/// Number of diagnostics of severity error.
std::size_t error_count(diagnostic_list const& list);

/// True when the list holds at least one error.
inline bool has_errors(diagnostic_list const& list) {
    return error_count(list) > 0;
}

}  // namespace ingest::core::config
