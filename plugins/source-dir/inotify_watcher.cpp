#include "inotify_watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace ingest::plugins::dir {

namespace {

constexpr std::uint32_t watch_mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY |
                                     IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF |
                                     IN_ONLYDIR;

/// Room for many events per read (each is a header plus a name of at most NAME_MAX + 1).
constexpr std::size_t event_buffer_size = 64 * 1024;

}  // namespace

std::unique_ptr<inotify_watcher> inotify_watcher::start(int dirfd, std::string const& path,
                                                        name_filter wanted,
                                                        std::function<void()> on_complete,
                                                        std::string& error) {
    unique_fd ifd(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
    if (!ifd) {
        error = "inotify_init1: " + errno_text(errno);
        return nullptr;
    }
    // Watch the very directory the source opened, not whatever the path names now.
    std::string self = "/proc/self/fd/" + std::to_string(dirfd);
    int wd = ::inotify_add_watch(ifd.get(), self.c_str(), watch_mask);
    if (wd < 0 && errno == ENOENT) {
        wd = ::inotify_add_watch(ifd.get(), path.c_str(), watch_mask);
    }
    if (wd < 0) {
        int err = errno;
        error = "inotify_add_watch(" + path + "): " + errno_text(err);
        if (err == ENOSPC) {
            error += " (fs.inotify.max_user_watches reached)";
        }
        return nullptr;
    }
    unique_fd efd(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!efd) {
        error = "eventfd: " + errno_text(errno);
        return nullptr;
    }
    std::unique_ptr<inotify_watcher> w(new inotify_watcher(
        std::move(ifd), std::move(efd), std::move(wanted), std::move(on_complete)));
    w->thread_ = std::thread([raw = w.get()] { raw->run(); });
    return w;
}

inotify_watcher::inotify_watcher(unique_fd inotify_fd, unique_fd stop_fd, name_filter wanted,
                                 std::function<void()> on_complete)
    : inotify_fd_(std::move(inotify_fd)),
      stop_fd_(std::move(stop_fd)),
      wanted_(std::move(wanted)),
      on_complete_(std::move(on_complete)) {}

inotify_watcher::~inotify_watcher() {
    stop();
}

void inotify_watcher::stop() {
    if (!thread_.joinable()) {
        return;
    }
    std::uint64_t one = 1;
    while (::write(stop_fd_.get(), &one, sizeof one) < 0 && errno == EINTR) {
    }
    thread_.join();
}

bool inotify_watcher::is_complete(std::string const& name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !ended_ && complete_.count(name) != 0;
}

void inotify_watcher::forget(std::string const& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    complete_.erase(name);
}

std::optional<std::string> inotify_watcher::take_problem() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::optional<std::string> out;
    out.swap(problem_);
    return out;
}

void inotify_watcher::note_problem(std::string problem) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (problem_) {
        *problem_ += "; " + problem;
    } else {
        problem_ = std::move(problem);
    }
}

void inotify_watcher::end_with_problem(std::string problem) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        complete_.clear();
        ended_ = true;
    }
    note_problem("inotify watcher stopped: " + problem);
}

void inotify_watcher::run() {
    // Events are copied out with memcpy, so the buffer needs no particular alignment.
    std::vector<char> buffer(event_buffer_size);
    char* buf = buffer.data();
    pollfd fds[2] = {{inotify_fd_.get(), POLLIN, 0}, {stop_fd_.get(), POLLIN, 0}};
    for (;;) {
        int ready = ::poll(fds, 2, -1);
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            end_with_problem("poll: " + errno_text(errno));
            return;
        }
        if (fds[1].revents != 0) {
            return;  // stop() asked
        }
        if ((fds[0].revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) {
            end_with_problem("the inotify descriptor failed");
            return;
        }
        bool notify = false;
        bool watching = true;
        for (;;) {
            ssize_t n = ::read(inotify_fd_.get(), buf, buffer.size());
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                if (errno != EAGAIN) {
                    end_with_problem("read: " + errno_text(errno));
                    watching = false;
                }
                break;
            }
            if (n == 0) {
                break;
            }
            watching = handle_events(buf, static_cast<std::size_t>(n), notify);
            if (!watching) {
                break;
            }
        }
        if (notify) {
            on_complete_();
        }
        if (!watching) {
            return;
        }
    }
}

bool inotify_watcher::handle_events(char const* buf, std::size_t size, bool& notify) {
    std::size_t offset = 0;
    while (offset + sizeof(struct inotify_event) <= size) {
        struct inotify_event ev;
        std::memcpy(&ev, buf + offset, sizeof ev);
        char const* name_ptr = buf + offset + sizeof(struct inotify_event);
        offset += sizeof(struct inotify_event) + ev.len;

        if ((ev.mask & IN_Q_OVERFLOW) != 0) {
            // Events were lost: no mark can be trusted. The settle time decides until new
            // events come, and a poll now catches up with what was missed.
            {
                std::lock_guard<std::mutex> lock(mutex_);
                complete_.clear();
            }
            note_problem("inotify queue overflowed (fs.inotify.max_queued_events): events lost");
            notify = true;
            continue;
        }
        if ((ev.mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) != 0) {
            end_with_problem("the drop directory was removed, moved or unmounted");
            return false;
        }
        if (ev.len == 0 || (ev.mask & IN_ISDIR) != 0) {
            continue;
        }
        std::string name(name_ptr, ::strnlen(name_ptr, ev.len));
        if ((ev.mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0) {
            if (wanted_(name)) {
                std::lock_guard<std::mutex> lock(mutex_);
                complete_.insert(std::move(name));
                notify = true;
            }
        } else {
            std::lock_guard<std::mutex> lock(mutex_);
            complete_.erase(name);
        }
    }
    return true;
}

}  // namespace ingest::plugins::dir
