#include "config/diagnostics.hpp"

#include <algorithm>

namespace ingest::core::config {

std::string location::str() const {
    if (file.empty()) {
        return {};
    }
    if (line == 0) {
        return file;
    }
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string diagnostic::str() const {
    std::string out = where.str();
    if (!out.empty()) {
        out += ": ";
    }
    out += level == severity::error ? "error: " : "warning: ";
    out += message;
    return out;
}

std::size_t error_count(diagnostic_list const& list) {
    return static_cast<std::size_t>(std::count_if(
        list.begin(), list.end(), [](diagnostic const& d) { return d.level == severity::error; }));
}

}  // namespace ingest::core::config
