// ${...} references in configuration strings:
//   ${NAME}            the environment variable NAME ([A-Za-z_][A-Za-z0-9_]*); unset is an error
//   ${file:/abs/path}  the contents of the file, one trailing newline removed; the value
//                      becomes sensitive (never shown, never logged)
//   $${                a literal "${"
// A '$' not followed by '{' is kept as is. Substituted text is not interpolated again.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::core::config {

/// Looks up an environment variable; nullopt when it is not set.
using env_lookup = std::function<std::optional<std::string>(std::string const& name)>;

/// The process environment (std::getenv).
env_lookup process_environment();

/// Result of interpolating one string.
struct interpolation {
    std::string value;                ///< the text with every reference replaced
    bool sensitive = false;           ///< a ${file:...} reference was used (even a failed one)
    std::vector<std::string> errors;  ///< one per bad reference; never holds file contents
};

/// Largest file a ${file:...} reference reads.
inline constexpr std::size_t max_interpolated_file_size = std::size_t{1} << 20;

/// Replaces the references in text. Files are read from the real file system.
interpolation interpolate(std::string_view text, env_lookup const& env);

/// A file read for ${file:...}.
struct file_read_result {
    std::optional<std::string> contents;  ///< one trailing "\n" (or "\r\n") removed
    std::string error;                    ///< names the path and the reason
};

/// Reads a file for ${file:...} (at most max_interpolated_file_size bytes).
file_read_result read_secret_file(std::string const& path);

}  // namespace ingest::core::config
