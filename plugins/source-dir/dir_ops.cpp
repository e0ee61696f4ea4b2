#include "dir_ops.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <stdexcept>
#include <tuple>

namespace ingest::plugins::dir {

namespace {

/// Upper bound on NAME.n candidates tried by rename_unique().
constexpr unsigned max_unique_attempts = 100000;

/// Read granularity of read_all() once the size hint is exhausted.
constexpr std::size_t read_chunk = 64 * 1024;

}  // namespace

void unique_fd::reset(int fd) noexcept {
    if (fd_ >= 0) {
        ::close(fd_);
    }
    fd_ = fd;
}

file_identity file_identity::of(struct stat const& st) noexcept {
    file_identity id;
    id.dev = static_cast<std::uint64_t>(st.st_dev);
    id.ino = static_cast<std::uint64_t>(st.st_ino);
    id.size = st.st_size < 0 ? 0 : static_cast<std::uint64_t>(st.st_size);
    id.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                  static_cast<std::int64_t>(st.st_mtim.tv_nsec);
    return id;
}

std::string file_identity::key() const {
    return std::to_string(dev) + ":" + std::to_string(ino) + ":" + std::to_string(size) + ":" +
           std::to_string(mtime_ns);
}

bool operator<(file_identity const& a, file_identity const& b) noexcept {
    return std::tie(a.dev, a.ino, a.size, a.mtime_ns) < std::tie(b.dev, b.ino, b.size, b.mtime_ns);
}

std::string errno_text(int err) {
    char buf[256];
    // GNU strerror_r: returns a pointer to the message (maybe not buf).
    return std::string(::strerror_r(err, buf, sizeof buf));
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &digest_size, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("sha256: EVP_Digest failed");
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(static_cast<std::size_t>(digest_size) * 2);
    for (unsigned int i = 0; i < digest_size; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 0x0f]);
    }
    return out;
}

std::string rfc3339_utc(std::int64_t unix_ns) {
    std::int64_t secs = unix_ns / 1000000000;
    std::int64_t nanos = unix_ns % 1000000000;
    if (nanos < 0) {
        nanos += 1000000000;
        secs -= 1;
    }
    time_t t = static_cast<time_t>(secs);
    struct tm tm_utc {};
    if (::gmtime_r(&t, &tm_utc) == nullptr) {
        return {};
    }
    char buf[64];
    std::size_t n = ::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm_utc);
    std::string out(buf, n);
    if (nanos != 0) {
        char frac[16];
        ::snprintf(frac, sizeof frac, ".%09lld", static_cast<long long>(nanos));
        out += frac;
    }
    out += 'Z';
    return out;
}

read_status read_all(int fd, std::uint64_t size_hint, std::uint64_t limit, std::string& out,
                     int& err) {
    out.clear();
    // One byte more than expected, so that a file that grew is noticed without a resize.
    std::uint64_t initial = (size_hint < limit ? size_hint : limit) + 1;
    out.resize(static_cast<std::size_t>(initial));
    std::size_t used = 0;
    for (;;) {
        if (used == out.size()) {
            if (used > limit) {
                out.resize(used);
                return read_status::too_large;
            }
            out.resize(used + read_chunk);
        }
        ssize_t n = ::read(fd, out.data() + used, out.size() - used);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            err = errno;
            out.resize(used);
            return read_status::error;
        }
        if (n == 0) {
            break;
        }
        used += static_cast<std::size_t>(n);
        if (used > limit) {
            out.resize(used);
            return read_status::too_large;
        }
    }
    out.resize(used);
    return read_status::ok;
}

unique_fd open_entry(int dirfd, std::string const& name, int& err) {
    int fd =
        ::openat(dirfd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        err = errno;
    }
    return unique_fd(fd);
}

bool entry_exists(int dirfd, std::string const& name) {
    struct stat st {};
    if (::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        return true;
    }
    return errno != ENOENT;
}

std::optional<std::string> rename_unique(int from_dirfd, std::string const& name, int to_dirfd,
                                         std::string_view companion_suffix, int& err) {
    bool noreplace_supported = true;
    for (unsigned n = 0; n < max_unique_attempts; ++n) {
        std::string candidate = n == 0 ? name : name + "." + std::to_string(n);
        if (!companion_suffix.empty() &&
            entry_exists(to_dirfd, candidate + std::string(companion_suffix))) {
            continue;
        }
        if (noreplace_supported) {
            if (::renameat2(from_dirfd, name.c_str(), to_dirfd, candidate.c_str(),
                            RENAME_NOREPLACE) == 0) {
                return candidate;
            }
            if (errno == EEXIST) {
                continue;
            }
            if (errno != EINVAL && errno != ENOSYS) {
                err = errno;
                return std::nullopt;
            }
            // The file system cannot refuse to replace: check, then rename (a small race).
            noreplace_supported = false;
        }
        if (entry_exists(to_dirfd, candidate)) {
            continue;
        }
        if (::renameat(from_dirfd, name.c_str(), to_dirfd, candidate.c_str()) == 0) {
            return candidate;
        }
        err = errno;
        return std::nullopt;
    }
    err = EEXIST;
    return std::nullopt;
}

bool write_new_file(int dirfd, std::string const& name, std::string_view content, int& err) {
    unique_fd fd(
        ::openat(dirfd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640));
    if (!fd) {
        err = errno;
        return false;
    }
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            err = errno;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

unique_fd open_or_create_dir(int base_dirfd, std::string const& path, int& err) {
    constexpr int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    int fd = ::openat(base_dirfd, path.c_str(), flags);
    if (fd < 0 && errno == ENOENT) {
        if (::mkdirat(base_dirfd, path.c_str(), 0750) != 0 && errno != EEXIST) {
            err = errno;
            return unique_fd();
        }
        fd = ::openat(base_dirfd, path.c_str(), flags);
    }
    if (fd < 0) {
        err = errno;
    }
    return unique_fd(fd);
}

}  // namespace ingest::plugins::dir
