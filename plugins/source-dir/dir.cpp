#include "dir.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ingest::plugins::dir {

namespace {

constexpr char const* metric_emitted = "ingest_dir_emitted_total";
constexpr char const* help_emitted = "Files the dir source emitted";
constexpr char const* metric_acked = "ingest_dir_acked_total";
constexpr char const* help_acked = "Acknowledgements the dir source received, per outcome";
constexpr char const* metric_skipped = "ingest_dir_skipped_total";
constexpr char const* help_skipped =
    "Files the dir source left in place because they are unsafe to read, per reason";
constexpr char const* metric_failed = "ingest_dir_failed_total";
constexpr char const* help_failed = "Files the dir source moved to failed_dir, per reason";
constexpr char const* metric_bytes = "ingest_dir_read_bytes_total";
constexpr char const* help_bytes = "Bytes the dir source read from dropped files";
constexpr char const* metric_errors = "ingest_dir_errors_total";
constexpr char const* help_errors = "File system operations of the dir source that failed";

/// Names writers give to files they have not finished.
constexpr std::string_view temporary_suffixes[] = {".tmp", ".part", ".swp", "~"};

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

after_ack_mode parse_mode(std::string const& text) {
    if (text == "move") {
        return after_ack_mode::move;
    }
    if (text == "delete") {
        return after_ack_mode::remove;
    }
    if (text == "keep") {
        return after_ack_mode::keep;
    }
    throw sdk::invalid_input("after_ack: '" + text + "' is not one of move, delete, keep");
}

char const* outcome_label(sdk::ack_outcome outcome) {
    switch (outcome) {
        case sdk::ack_outcome::done:
            return "done";
        case sdk::ack_outcome::failed:
            return "failed";
        case sdk::ack_outcome::retry_later:
            return "retry_later";
    }
    return "unknown";
}

/// The skip label and message for a file type that is not a regular file.
std::pair<std::string, std::string> not_regular(mode_t mode) {
    if (S_ISLNK(mode)) {
        return {"symlink", "not a regular file (symlink)"};
    }
    if (S_ISFIFO(mode)) {
        return {"fifo", "not a regular file (fifo)"};
    }
    if (S_ISSOCK(mode)) {
        return {"socket", "not a regular file (socket)"};
    }
    if (S_ISCHR(mode) || S_ISBLK(mode)) {
        return {"device", "not a regular file (device)"};
    }
    return {"other", "not a regular file"};
}

/// The absolute path of the directory open as fd, or fallback.
std::string path_of_fd(int fd, std::string const& fallback) {
    std::string link = "/proc/self/fd/" + std::to_string(fd);
    char buf[PATH_MAX];
    ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
    if (n > 0 && buf[0] == '/') {
        return std::string(buf, static_cast<std::size_t>(n));
    }
    char* resolved = ::realpath(fallback.c_str(), nullptr);
    if (resolved != nullptr) {
        std::string out(resolved);
        ::free(resolved);
        return out;
    }
    return fallback;
}

/// Opens (creating it) failed_dir or processed_dir and checks it against the drop directory.
unique_fd open_side_dir(int drop_fd, struct stat const& drop_st, std::string const& setting,
                        std::string const& configured, std::string& shown_path) {
    int err = 0;
    unique_fd fd = open_or_create_dir(drop_fd, configured, err);
    if (!fd) {
        // O_DIRECTORY | O_NOFOLLOW on a symlink fails with ENOTDIR, not ELOOP: tell them apart.
        struct stat lst {};
        bool symlink = err == ELOOP ||
                       (err == ENOTDIR &&
                        ::fstatat(drop_fd, configured.c_str(), &lst, AT_SYMLINK_NOFOLLOW) == 0 &&
                        S_ISLNK(lst.st_mode));
        std::string why = symlink          ? "is a symlink (give the real directory)"
                          : err == ENOTDIR ? "is not a directory"
                                           : "cannot be opened or created: " + errno_text(err);
        throw sdk::invalid_input(setting + " '" + configured + "' " + why);
    }
    shown_path = path_of_fd(fd.get(), configured);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        throw std::runtime_error(setting + " '" + shown_path + "': fstat: " + errno_text(errno));
    }
    if (st.st_dev == drop_st.st_dev && st.st_ino == drop_st.st_ino) {
        throw sdk::invalid_input(setting + " '" + shown_path +
                                 "' is the drop directory itself: give a directory of its own");
    }
    if (st.st_dev != drop_st.st_dev) {
        throw sdk::invalid_input(setting + " '" + shown_path +
                                 "' is on another file system than the drop directory: files "
                                 "are moved with rename(2), so put it on the same file system");
    }
    return fd;
}

}  // namespace

bool wanted_name(std::string_view name, std::string const& pattern) {
    if (name.empty() || name.front() == '.') {
        return false;
    }
    for (auto suffix : temporary_suffixes) {
        if (ends_with(name, suffix)) {
            return false;
        }
    }
    return ::fnmatch(pattern.c_str(), std::string(name).c_str(), 0) == 0;
}

std::string done_key(file_identity const& id) {
    return "done/" + id.key();
}

dir_source::dir_source(sdk::context& ctx) : ctx_(ctx) {
    auto const& s = ctx.settings();
    path_ = s.get_string("path");
    pattern_ = s.get_string("pattern");
    mode_ = parse_mode(s.get_string("after_ack"));
    processed_dir_ = s.has("processed_dir") ? s.get_string("processed_dir") : "processed";
    failed_dir_ = s.has("failed_dir") ? s.get_string("failed_dir") : "failed";
    settle_ms_ = s.get_duration("settle_time").count();
    max_file_size_ = s.get_size("max_file_size");
    std::int64_t max_items = s.get_int("max_items_per_poll");
    watch_ = s.get_bool("watch");
    media_type_ = s.has("media_type") ? s.get_string("media_type") : std::string();

    if (path_.empty()) {
        throw sdk::invalid_input("path: the drop directory must be given");
    }
    if (pattern_.empty()) {
        throw sdk::invalid_input("pattern: must not be empty (\"*\" takes every file)");
    }
    if (processed_dir_.empty() || failed_dir_.empty()) {
        throw sdk::invalid_input("processed_dir and failed_dir must not be empty");
    }
    if (settle_ms_ < 0) {
        throw sdk::invalid_input("settle_time: must not be negative");
    }
    if (max_file_size_ == 0) {
        throw sdk::invalid_input("max_file_size: must be at least 1 byte");
    }
    if (max_items < 1) {
        throw sdk::invalid_input("max_items_per_poll: must be at least 1, not " +
                                 std::to_string(max_items));
    }
    max_items_per_poll_ = static_cast<std::size_t>(max_items);
}

dir_source::~dir_source() {
    if (watcher_) {
        watcher_->stop();
    }
    try {
        flush_done_keys();  // acks that arrived after stop()
    } catch (...) {
        // Keys left behind are harmless (see flush_done_keys).
    }
}

void dir_source::start() {
    if (watcher_) {
        watcher_->stop();
        watcher_.reset();
    }
    unique_fd drop(::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!drop) {
        int err = errno;
        if (err == ENOENT) {
            throw std::runtime_error("drop directory '" + path_ +
                                     "' does not exist: create it or fix path");
        }
        if (err == ENOTDIR) {
            throw sdk::invalid_input("drop directory '" + path_ + "' is not a directory");
        }
        throw std::runtime_error("drop directory '" + path_ +
                                 "' cannot be opened: " + errno_text(err));
    }
    struct stat st {};
    if (::fstat(drop.get(), &st) != 0) {
        throw std::runtime_error("drop directory '" + path_ + "': fstat: " + errno_text(errno));
    }
    if ((st.st_mode & S_IWOTH) != 0 && (st.st_mode & S_ISVTX) == 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        throw sdk::invalid_input("drop directory '" + path_ + "' is world-writable without the " +
                                 "sticky bit (mode " + mode + "): anyone could swap files in " +
                                 "it; chmod o-w (or chmod +t)");
    }
    std::string drop_path = path_of_fd(drop.get(), path_);
    std::string failed_path;
    unique_fd failed = open_side_dir(drop.get(), st, "failed_dir", failed_dir_, failed_path);
    std::string processed_path;
    unique_fd processed;
    if (mode_ == after_ack_mode::move) {
        processed = open_side_dir(drop.get(), st, "processed_dir", processed_dir_, processed_path);
    }

    drop_fd_ = std::move(drop);
    failed_fd_ = std::move(failed);
    processed_fd_ = std::move(processed);
    drop_path_ = std::move(drop_path);
    failed_path_ = std::move(failed_path);
    processed_path_ = std::move(processed_path);

    if (watch_) {
        std::string error;
        std::string pattern = pattern_;
        sdk::context* ctx = &ctx_;
        watcher_ = inotify_watcher::start(
            drop_fd_.get(), drop_path_,
            [pattern](std::string_view name) { return wanted_name(name, pattern); },
            [ctx] { ctx->schedule_poll(0); }, error);
        if (!watcher_) {
            ctx_.warn("inotify unavailable for " + drop_path_ + " (" + error +
                      "): files are taken once they settled (settle_time)");
        }
    }
    ctx_.info("taking files matching '" + pattern_ + "' from " + drop_path_ +
              (watcher_ ? " (inotify and settle_time)" : " (settle_time)"));
}

void dir_source::stop() {
    flush_done_keys();
    if (watcher_) {
        watcher_->stop();
        watcher_.reset();
    }
}

void dir_source::poll(sdk::poll_context& poll) {
    if (!drop_fd_) {
        throw std::runtime_error("poll() before start()");
    }
    flush_done_keys();
    if (watcher_) {
        if (auto problem = watcher_->take_problem()) {
            ctx_.warn(drop_path_ + ": " + *problem + " (files are taken once they settled)");
        }
    }

    if (listing_pos_ >= listing_.size()) {
        list_directory();
    }

    std::int64_t now_ms = ctx_.now_ms();
    std::size_t emitted = 0;
    while (listing_pos_ < listing_.size()) {
        if (poll.stop_requested()) {
            return;
        }
        if (emitted >= max_items_per_poll_) {
            ctx_.schedule_poll(0);  // the rest of this pass, after the core took these
            return;
        }
        auto const& [name, type] = listing_[listing_pos_];
        switch (take_entry(poll, name, type, now_ms, pass_wait_ms_)) {
            case taken::emitted:
                ++emitted;
                break;
            case taken::core_full:
                return;  // the core polls again when it has room; this entry comes first
            case taken::nothing:
                break;
        }
        ++listing_pos_;
    }
    // The pass is complete: the next poll lists the directory again.
    if (pass_wait_ms_) {
        ctx_.schedule_poll(static_cast<std::uint64_t>(std::max<std::int64_t>(*pass_wait_ms_, 1)));
        pass_wait_ms_.reset();
    }
}

void dir_source::list_directory() {
    listing_.clear();
    listing_pos_ = 0;
    pass_wait_ms_.reset();
    // A fresh open file description each time, so that listing starts at the beginning.
    unique_fd list_fd(::openat(drop_fd_.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    DIR* dir = list_fd ? ::fdopendir(list_fd.get()) : nullptr;
    if (dir == nullptr) {
        ctx_.count(metric_errors, help_errors, {{"op", "list"}});
        throw std::runtime_error("cannot list " + drop_path_ + ": " + errno_text(errno));
    }
    list_fd.release();  // owned by dir now
    auto& entries = listing_;
    errno = 0;
    while (dirent* e = ::readdir(dir)) {
        std::string_view name(e->d_name);
        if (name != "." && name != "..") {
            entries.emplace_back(std::string(name), e->d_type);
        }
    }
    int list_errno = errno;
    ::closedir(dir);
    if (list_errno != 0) {
        entries.clear();
        ctx_.count(metric_errors, help_errors, {{"op", "list"}});
        throw std::runtime_error("cannot list " + drop_path_ + ": " + errno_text(list_errno));
    }
    std::sort(entries.begin(), entries.end());

    // Forget what is known about names that are gone, so that a new file under an old name
    // is judged afresh (and a skip is logged again).
    // (entries is sorted: a binary search per remembered name, no set of every name, which
    // matters with 100,000 files waiting.)
    auto present = [&entries](std::string const& name) {
        auto it = std::lower_bound(entries.begin(), entries.end(), name,
                                   [](std::pair<std::string, unsigned char> const& e,
                                      std::string const& n) { return e.first < n; });
        return it != entries.end() && it->first == name;
    };
    for (auto it = observations_.begin(); it != observations_.end();) {
        it = present(it->first) ? std::next(it) : observations_.erase(it);
    }
    for (auto it = reported_.begin(); it != reported_.end();) {
        it = present(it->first) ? std::next(it) : reported_.erase(it);
    }
    for (auto* by_name : {&kept_, &unfinished_}) {
        for (auto it = by_name->begin(); it != by_name->end();) {
            it = present(it->first) ? std::next(it) : by_name->erase(it);
        }
    }
}

dir_source::taken dir_source::take_entry(sdk::poll_context& poll, std::string const& name,
                                         unsigned char d_type, std::int64_t now_ms,
                                         std::optional<std::int64_t>& wait_ms) {
    if (!wanted_name(name, pattern_) || in_flight_names_.count(name) != 0) {
        return taken::nothing;
    }
    // The entry type spares opening what is plainly not a file (a device must not even be
    // opened); the checks that count are made on the descriptor below.
    switch (d_type) {
        case DT_DIR:
            return taken::nothing;
        case DT_LNK:
            skip(name, "symlink", "not a regular file (symlink)");
            return taken::nothing;
        case DT_FIFO:
            skip(name, "fifo", "not a regular file (fifo)");
            return taken::nothing;
        case DT_SOCK:
            skip(name, "socket", "not a regular file (socket)");
            return taken::nothing;
        case DT_CHR:
        case DT_BLK:
            skip(name, "device", "not a regular file (device)");
            return taken::nothing;
        default:
            break;
    }

    int err = 0;
    unique_fd fd = open_entry(drop_fd_.get(), name, err);
    if (!fd) {
        if (err == ENOENT) {
            return taken::nothing;  // gone since the listing
        }
        if (err == ELOOP) {
            skip(name, "symlink", "not a regular file (symlink)");
        } else if (err == ENXIO) {
            skip(name, "socket", "not a regular file (socket)");
        } else {
            skip(name, "unreadable", "cannot open: " + errno_text(err));
        }
        return taken::nothing;
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        report(name, "stat", "fstat failed: " + errno_text(errno));
        return taken::nothing;
    }
    if (S_ISDIR(st.st_mode)) {
        return taken::nothing;
    }
    if (!S_ISREG(st.st_mode)) {
        auto [label, reason] = not_regular(st.st_mode);
        skip(name, label, reason);
        return taken::nothing;
    }
    if (st.st_nlink > 1) {
        skip(name, "nlink", "st_nlink > 1");
        return taken::nothing;
    }
    if (st.st_nlink == 0) {
        return taken::nothing;  // unlinked since the listing
    }
    file_identity id = file_identity::of(st);
    if (auto kept = kept_.find(name); kept != kept_.end() && kept->second == id) {
        return taken::nothing;
    }
    if (auto done = unfinished_.find(name); done != unfinished_.end() && done->second == id) {
        finish_done(name, id, done_key(id));
        return taken::nothing;
    }
    if (!ready(name, id, now_ms, wait_ms)) {
        return taken::nothing;
    }
    if (id.size > max_file_size_) {
        quarantine(name, id, {}, "too_large",
                   "file too large (" + std::to_string(id.size) + " bytes > " +
                       std::to_string(max_file_size_) + ")");
        return taken::nothing;
    }

    std::string payload;
    switch (read_all(fd.get(), id.size, max_file_size_, payload, err)) {
        case read_status::ok:
            break;
        case read_status::too_large:
            // It grew while being read: not complete after all.
            observations_[name] = {id, now_ms};
            if (watcher_) {
                watcher_->forget(name);
            }
            ctx_.count(metric_bytes, help_bytes, {}, static_cast<double>(payload.size()));
            return taken::nothing;
        case read_status::error:
            report(name, "read", "read failed: " + errno_text(err));
            return taken::nothing;
    }
    ctx_.count(metric_bytes, help_bytes, {}, static_cast<double>(payload.size()));
    struct stat after {};
    if (::fstat(fd.get(), &after) != 0 || file_identity::of(after) != id ||
        payload.size() != id.size) {
        // Written to while being read: wait until it settles (or is closed) again.
        observations_[name] = {file_identity::of(after), now_ms};
        if (watcher_) {
            watcher_->forget(name);
        }
        return taken::nothing;
    }
    fd.reset();

    std::string sha256 = sha256_hex(payload);
    std::string key = done_key(id);
    if (auto done = ctx_.state_get(key)) {
        if (*done == sha256) {
            // Acknowledged before (in an earlier run): never emitted again.
            if (mode_ == after_ack_mode::keep) {
                kept_[name] = id;
            } else {
                ctx_.info("finishing the interrupted acknowledgement of " + path_of(name));
                finish_done(name, id, key);
            }
            return taken::nothing;
        }
        // Another content under a reused identity: the key is stale.
        if (mode_ != after_ack_mode::keep) {
            ctx_.state_erase(key);
        }
    }

    sdk::item it;
    it.token = next_token_;
    it.payload = std::move(payload);
    it.media_type = media_type_;
    it.origin_uri = path_of(name);
    it.file_name = name;
    it.metadata = {{"size", std::to_string(id.size)}, {"mtime", rfc3339_utc(id.mtime_ns)}};
    if (!poll.emit(it)) {
        return taken::core_full;
    }
    ++next_token_;
    in_flight_[it.token] = in_flight_file{name, id, std::move(sha256)};
    in_flight_names_.insert(name);
    observations_.erase(name);
    reported_.erase(name);
    ctx_.count(metric_emitted, help_emitted);
    return taken::emitted;
}

bool dir_source::ready(std::string const& name, file_identity const& id, std::int64_t now_ms,
                       std::optional<std::int64_t>& wait_ms) {
    if (settle_ms_ == 0 || (watcher_ && watcher_->is_complete(name))) {
        return true;
    }
    auto [it, inserted] = observations_.try_emplace(name, observation{id, now_ms});
    if (!inserted && it->second.id != id) {
        it->second = observation{id, now_ms};
    }
    std::int64_t mtime_ms = id.mtime_ns / 1000000;
    std::int64_t quiet_ms = std::max(now_ms - mtime_ms, now_ms - it->second.since_ms);
    if (quiet_ms >= settle_ms_) {
        return true;
    }
    std::int64_t remaining = settle_ms_ - quiet_ms;
    wait_ms = wait_ms ? std::min(*wait_ms, remaining) : remaining;
    return false;
}

void dir_source::skip(std::string const& name, std::string const& label,
                      std::string const& reason) {
    std::string message = "skipped: " + reason;
    auto& last = reported_[name];
    if (last == message) {
        return;
    }
    last = message;
    ctx_.warn(path_of(name) + ": " + message);
    ctx_.count(metric_skipped, help_skipped, {{"reason", label}});
}

void dir_source::report(std::string const& name, std::string const& op,
                        std::string const& message) {
    ctx_.count(metric_errors, help_errors, {{"op", op}});
    auto& last = reported_[name];
    if (last == message) {
        return;
    }
    last = message;
    ctx_.error(path_of(name) + ": " + message);
}

void dir_source::forget(std::string const& name) {
    observations_.erase(name);
    reported_.erase(name);
    if (watcher_) {
        watcher_->forget(name);
    }
}

bool dir_source::still_same(std::string const& name, file_identity const& id) const {
    int err = 0;
    unique_fd fd = open_entry(drop_fd_.get(), name, err);
    struct stat st {};
    return fd && ::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
           file_identity::of(st) == id;
}

void dir_source::quarantine(std::string const& name, file_identity const& id,
                            std::string const& sha256, std::string const& label,
                            std::string const& detail) {
    int err = 0;
    auto moved = rename_unique(drop_fd_.get(), name, failed_fd_.get(), ".error", err);
    if (!moved) {
        report(name, "move",
               "cannot move to " + failed_path_ + " (" + detail + "): " + errno_text(err));
        return;
    }
    forget(name);
    ctx_.count(metric_failed, help_failed, {{"reason", label}});
    std::string target = failed_path_ + "/" + *moved;
    ctx_.warn(path_of(name) + " moved to " + target + ": " + detail);

    std::string note = "file: " + path_of(name) + "\n";
    note += "failed_at: " + rfc3339_utc(ctx_.now_ms() * 1000000) + "\n";
    note += "size: " + std::to_string(id.size) + "\n";
    note += "mtime: " + rfc3339_utc(id.mtime_ns) + "\n";
    if (!sha256.empty()) {
        note += "sha256: " + sha256 + "\n";
    }
    note += "detail: " + detail + "\n";
    if (!write_new_file(failed_fd_.get(), *moved + ".error", note, err)) {
        ctx_.count(metric_errors, help_errors, {{"op", "write_error_file"}});
        ctx_.error("cannot write " + target + ".error: " + errno_text(err));
    }
}

void dir_source::finish_done(std::string const& name, file_identity const& id,
                             std::string const& key) {
    if (!still_same(name, id)) {
        // Changed, replaced or removed since it was read: what is there now is another
        // version, taken on its own; the done key of the old version is of no use.
        ctx_.info(path_of(name) + " changed or went away after it was read; left as it is");
        unfinished_.erase(name);
        ctx_.state_erase(key);
        return;
    }
    int err = 0;
    if (mode_ == after_ack_mode::move) {
        auto moved = rename_unique(drop_fd_.get(), name, processed_fd_.get(), {}, err);
        if (!moved) {
            unfinished_[name] = id;
            report(name, "move",
                   "done, but cannot move to " + processed_path_ + ": " + errno_text(err) +
                       " (retried on the next poll)");
            return;
        }
        ctx_.debug(path_of(name) + " moved to " + processed_path_ + "/" + *moved);
    } else {
        if (::unlinkat(drop_fd_.get(), name.c_str(), 0) != 0) {
            unfinished_[name] = id;
            report(name, "delete",
                   "done, but cannot delete: " + errno_text(errno) + " (retried on the next poll)");
            return;
        }
        ctx_.debug(path_of(name) + " deleted");
    }
    // The move must be on disk before the key that protects against a second read goes:
    // flush_done_keys() syncs the directories once for every file finished since the last
    // poll, then erases their keys.
    forget(name);
    unfinished_.erase(name);
    keys_to_erase_.push_back(key);
}

void dir_source::flush_done_keys() {
    if (keys_to_erase_.empty()) {
        return;
    }
    if (mode_ == after_ack_mode::move && processed_fd_) {
        ::fsync(processed_fd_.get());
    }
    if (drop_fd_) {
        ::fsync(drop_fd_.get());
    }
    for (auto const& key : keys_to_erase_) {
        try {
            ctx_.state_erase(key);
        } catch (std::exception const& e) {
            // A key left behind is harmless: it names a file identity that is gone.
            ctx_.count(metric_errors, help_errors, {{"op", "state"}});
            ctx_.warn(std::string("cannot erase a done key: ") + e.what());
        }
    }
    keys_to_erase_.clear();
}

void dir_source::on_ack(sdk::ack const& ack) {
    auto it = in_flight_.find(ack.token);
    if (it == in_flight_.end()) {
        ctx_.warn("ack for unknown token " + std::to_string(ack.token) + " ignored");
        return;
    }
    in_flight_file file = std::move(it->second);
    in_flight_.erase(it);
    in_flight_names_.erase(file.name);
    ctx_.count(metric_acked, help_acked, {{"outcome", outcome_label(ack.outcome)}});

    switch (ack.outcome) {
        case sdk::ack_outcome::done: {
            std::string key = done_key(file.id);
            // Durable before the file moves: a crash in between must not read it again.
            try {
                ctx_.state_put(key, file.sha256);
            } catch (std::exception const& e) {
                ctx_.count(metric_errors, help_errors, {{"op", "state"}});
                ctx_.error(path_of(file.name) + " is done, but recording it failed (" + e.what() +
                           "): left in place, it will be emitted again");
                return;
            }
            if (mode_ == after_ack_mode::keep) {
                kept_[file.name] = file.id;
            } else {
                finish_done(file.name, file.id, key);
            }
            return;
        }
        case sdk::ack_outcome::failed: {
            if (!still_same(file.name, file.id)) {
                ctx_.info(path_of(file.name) +
                          " failed, but changed or went away since it was read; left as it is");
                return;
            }
            std::string detail(ack.detail);
            quarantine(file.name, file.id, file.sha256, "ack_failed",
                       detail.empty() ? "failed (the core gave no detail)" : detail);
            return;
        }
        case sdk::ack_outcome::retry_later:
            return;  // not in flight any more: a later poll emits it again
    }
    ctx_.warn("ack with unknown outcome " + std::to_string(static_cast<int>(ack.outcome)) +
              " for " + path_of(file.name) + " taken as retry_later");
}

std::string dir_source::path_of(std::string const& name) const {
    return drop_path_ == "/" ? "/" + name : drop_path_ + "/" + name;
}

}  // namespace ingest::plugins::dir
