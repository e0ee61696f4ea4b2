#include "config/interpolate.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>

namespace ingest::core::config {

namespace {

bool is_name_start(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9');
}

bool is_variable_name(std::string_view name) {
    if (name.empty() || !is_name_start(name.front())) {
        return false;
    }
    for (char c : name) {
        if (!is_name_char(c)) {
            return false;
        }
    }
    return true;
}

std::string errno_text(int err) {
    return std::generic_category().message(err);
}

/// Closes a descriptor on every path out of read_secret_file().
struct fd_guard {
    int fd;
    ~fd_guard() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

constexpr std::string_view file_prefix = "file:";

}  // namespace

env_lookup process_environment() {
    return [](std::string const& name) -> std::optional<std::string> {
        char const* v = std::getenv(name.c_str());
        if (v == nullptr) {
            return std::nullopt;
        }
        return std::string(v);
    };
}

file_read_result read_secret_file(std::string const& path) {
    file_read_result out;
    fd_guard fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (fd.fd < 0) {
        out.error = "cannot read '" + path + "': " + errno_text(errno);
        return out;
    }
    struct stat st {};
    if (::fstat(fd.fd, &st) != 0) {
        out.error = "cannot read '" + path + "': " + errno_text(errno);
        return out;
    }
    if (S_ISDIR(st.st_mode)) {
        out.error = "cannot read '" + path + "': " + errno_text(EISDIR);
        return out;
    }
    std::string data;
    char buffer[4096];
    for (;;) {
        auto n = ::read(fd.fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            out.error = "cannot read '" + path + "': " + errno_text(errno);
            return out;
        }
        if (n == 0) {
            break;
        }
        data.append(buffer, static_cast<std::size_t>(n));
        if (data.size() > max_interpolated_file_size) {
            out.error = "cannot read '" + path + "': larger than " +
                        std::to_string(max_interpolated_file_size) + " bytes";
            return out;
        }
    }
    if (data.ends_with("\r\n")) {
        data.resize(data.size() - 2);
    } else if (data.ends_with('\n')) {
        data.pop_back();
    }
    out.contents = std::move(data);
    return out;
}

interpolation interpolate(std::string_view text, env_lookup const& env) {
    interpolation out;
    out.value.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c != '$') {
            out.value += c;
            ++i;
            continue;
        }
        if (text.substr(i, 3) == "$${") {
            out.value += "${";
            i += 3;
            continue;
        }
        if (text.substr(i, 2) != "${") {
            out.value += c;
            ++i;
            continue;
        }
        auto close = text.find('}', i + 2);
        if (close == std::string_view::npos) {
            out.errors.push_back("unterminated '${' (write '$${' for a literal '${')");
            out.value.append(text.substr(i));
            break;
        }
        auto ref = text.substr(i + 2, close - i - 2);
        i = close + 1;
        if (ref.starts_with(file_prefix)) {
            auto path = std::string(ref.substr(file_prefix.size()));
            // A sensitive reference makes the whole value sensitive, even when it fails.
            out.sensitive = true;
            if (path.empty() || path.front() != '/') {
                out.errors.push_back("'${file:" + path + "}' needs an absolute path");
                continue;
            }
            auto file = read_secret_file(path);
            if (!file.contents) {
                out.errors.push_back("'${file:" + path + "}': " + file.error);
                continue;
            }
            out.value += *file.contents;
            continue;
        }
        auto name = std::string(ref);
        if (!is_variable_name(name)) {
            out.errors.push_back("invalid reference '${" + name +
                                 "}' (an environment variable name is letters, digits and '_'; "
                                 "'${file:/path}' reads a file; '$${' is a literal '${')");
            continue;
        }
        auto value = env ? env(name) : std::nullopt;
        if (!value) {
            out.errors.push_back("environment variable '" + name + "' is not set (in '${" + name +
                                 "}')");
            continue;
        }
        out.value += *value;
    }
    return out;
}

}  // namespace ingest::core::config
