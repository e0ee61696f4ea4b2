// Descriptor-based file operations of the dir source: every check and every read goes through
// a descriptor opened relative to an already open directory (RELIABILITY D1-D5), never
// through a path that could be swapped between a check and its use.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ingest::plugins::dir {

/// Owns one file descriptor and closes it on destruction. Move-only.
class unique_fd {
public:
    unique_fd() noexcept = default;
    explicit unique_fd(int fd) noexcept : fd_(fd) {}
    unique_fd(unique_fd&& other) noexcept : fd_(other.release()) {}
    unique_fd& operator=(unique_fd&& other) noexcept {
        if (this != &other) {
            reset(other.release());
        }
        return *this;
    }
    unique_fd(unique_fd const&) = delete;
    unique_fd& operator=(unique_fd const&) = delete;
    ~unique_fd() { reset(); }

    int get() const noexcept { return fd_; }
    explicit operator bool() const noexcept { return fd_ >= 0; }
    /// Gives up ownership and returns the descriptor (-1 when none).
    int release() noexcept {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }
    /// Closes the owned descriptor (if any) and takes fd.
    void reset(int fd = -1) noexcept;

private:
    int fd_ = -1;
};

/// One version of one file: where it lives (device, inode) and what it looked like (size,
/// modification time). A file that changes, or another file under the same name, has another
/// identity.
struct file_identity {
    std::uint64_t dev = 0;
    std::uint64_t ino = 0;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;

    static file_identity of(struct stat const& st) noexcept;
    /// "dev:ino:size:mtime_ns", the form used in state keys.
    std::string key() const;

    friend bool operator==(file_identity const& a, file_identity const& b) noexcept {
        return a.dev == b.dev && a.ino == b.ino && a.size == b.size && a.mtime_ns == b.mtime_ns;
    }
    friend bool operator!=(file_identity const& a, file_identity const& b) noexcept {
        return !(a == b);
    }
    friend bool operator<(file_identity const& a, file_identity const& b) noexcept;
};

/// strerror() of err, thread-safe.
std::string errno_text(int err);

/// Lower-case hex SHA-256 of data.
std::string sha256_hex(std::string_view data);

/// RFC 3339 UTC time of a Unix time in nanoseconds: "2024-05-01T12:00:00Z", with a
/// nine-digit fraction when the nanoseconds are not zero.
std::string rfc3339_utc(std::int64_t unix_ns);

/// Outcome of read_all().
enum class read_status { ok, too_large, error };

/// Reads everything from the current offset of fd to its end into out, failing with
/// too_large as soon as more than limit bytes came (out is then incomplete). size_hint is the
/// expected size (reserves memory). On error, err is the errno.
read_status read_all(int fd, std::uint64_t size_hint, std::uint64_t limit, std::string& out,
                     int& err);

/// Opens name in dirfd for reading as the dir source does: O_NOFOLLOW (a symlink fails with
/// ELOOP), O_NONBLOCK (a FIFO does not block), O_NOCTTY, O_CLOEXEC. Returns an invalid fd and
/// sets err on failure.
unique_fd open_entry(int dirfd, std::string const& name, int& err);

/// True when name exists in dirfd (any kind of entry, symlinks not followed), or when that
/// cannot be told (treated as taken).
bool entry_exists(int dirfd, std::string const& name);

/// Moves name from from_dirfd into to_dirfd under name, or under the first of name.1,
/// name.2, ... that is free; never replaces an entry. When companion_suffix is not empty the
/// chosen name must also leave candidate + companion_suffix free (for NAME.error beside
/// NAME). Both directories must be on the same file system. Returns the name chosen, or
/// nullopt with the errno in err.
std::optional<std::string> rename_unique(int from_dirfd, std::string const& name, int to_dirfd,
                                         std::string_view companion_suffix, int& err);

/// Creates name in dirfd (O_CREAT | O_EXCL | O_NOFOLLOW, mode 0640) and writes content.
/// Returns false with the errno in err.
bool write_new_file(int dirfd, std::string const& name, std::string_view content, int& err);

/// Opens the directory path (relative paths are relative to base_dirfd), creating it with
/// mode 0750 when it does not exist (its parent must exist). The last component must not be
/// a symlink (ELOOP). Returns an invalid fd with the errno in err.
unique_fd open_or_create_dir(int base_dirfd, std::string const& path, int& err);

}  // namespace ingest::plugins::dir
