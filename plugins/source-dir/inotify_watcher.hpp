// The dir source's watcher thread: inotify on the drop directory, so that a file is taken as
// soon as its writer closed it (IN_CLOSE_WRITE) or renamed it into place (IN_MOVED_TO)
// instead of after the settle time.
#pragma once

#include "dir_ops.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>

namespace ingest::plugins::dir {

/// Watches one directory from a thread of its own. Remembers the names whose writer finished
/// (closed after writing, or moved in) and calls on_complete() after each batch of events
/// that completed a wanted name. Forgets a name again when it is created, modified, deleted
/// or moved away, so a name counts as complete only for its last finished write.
///
/// Thread-safety: is_complete(), forget() and take_problem() may be called from any thread;
/// on_complete() runs on the watcher thread and must be thread-safe itself. Nothing is
/// logged from the watcher thread: problems are kept for take_problem().
class inotify_watcher {
public:
    using name_filter = std::function<bool(std::string_view)>;

    /// Starts watching the directory open as dirfd (path is only used when /proc is not
    /// mounted). wanted() filters the names worth a notification. Returns nullptr and sets
    /// error when inotify cannot be used (limits reached, no kernel support).
    static std::unique_ptr<inotify_watcher> start(int dirfd, std::string const& path,
                                                  name_filter wanted,
                                                  std::function<void()> on_complete,
                                                  std::string& error);

    /// Stops the thread and waits for it.
    ~inotify_watcher();
    inotify_watcher(inotify_watcher const&) = delete;
    inotify_watcher& operator=(inotify_watcher const&) = delete;

    /// Stops the thread and waits for it; on_complete() is not called after this returns.
    /// Idempotent.
    void stop();

    /// True when the writer of name finished and name was not touched since. Always false
    /// once the thread ended on a problem (no event can be trusted any more).
    bool is_complete(std::string const& name) const;
    /// Forgets name (after the source moved or deleted it).
    void forget(std::string const& name);
    /// A problem the thread met since the last call (queue overflow, watch removed, read
    /// error), to be logged by the caller; nullopt when none.
    std::optional<std::string> take_problem();

private:
    inotify_watcher(unique_fd inotify_fd, unique_fd stop_fd, name_filter wanted,
                    std::function<void()> on_complete);
    void run();
    /// Handles the events in buf; returns false when the watch ended.
    bool handle_events(char const* buf, std::size_t size, bool& notify);
    void note_problem(std::string problem);
    /// The thread ends on a problem: forget every mark and report it.
    void end_with_problem(std::string problem);

    unique_fd inotify_fd_;
    unique_fd stop_fd_;  // an eventfd: readable once stop() was asked
    name_filter wanted_;
    std::function<void()> on_complete_;

    mutable std::mutex mutex_;
    std::set<std::string> complete_;      // guarded by mutex_
    std::optional<std::string> problem_;  // guarded by mutex_
    bool ended_ = false;                  // guarded by mutex_

    std::thread thread_;
};

}  // namespace ingest::plugins::dir
