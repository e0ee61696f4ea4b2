// The dir source: takes the files dropped into a directory, one item per file, and moves,
// deletes or remembers each file once the core acknowledged it.
//
// Contract with the core (see README.md):
//  - poll() lists the drop directory and emits every complete file that is not in flight,
//    at most max_items_per_poll per call, and stops at the first emit the core refuses.
//  - on_ack(done) advances: move to processed_dir / delete / remember (keep). Before moving
//    or deleting, a state key for the file's identity is written, so that a restart after a
//    crash finishes the move instead of emitting the file again. on_ack(failed) moves the file
//    to failed_dir with NAME.error beside it; on_ack(retry_later) lets a later poll emit it
//    again.
//  - Files are only ever opened relative to the drop directory's descriptor, with
//    O_NOFOLLOW | O_NONBLOCK, and checked on that descriptor (regular, one link).
//
// Threading: the hooks run on the core's loop thread (the SDK serializes them). The inotify
// watcher runs on its own thread and only calls schedule_poll() on the host.
#pragma once

#include "dir_ops.hpp"
#include "inotify_watcher.hpp"

#include <ingest/sdk.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::dir {

/// What becomes of a file once its releases are committed (setting after_ack).
enum class after_ack_mode { move, remove, keep };

/// True when a file of this name may be taken: not hidden (".name"), not a writer's
/// temporary name (*.tmp, *.part, *.swp, *~), and matching the fnmatch(3) glob pattern.
bool wanted_name(std::string_view name, std::string const& pattern);

/// The state key that marks a file version as done: "done/<dev>:<ino>:<size>:<mtime_ns>";
/// its value is the SHA-256 of the content.
std::string done_key(file_identity const& id);

class dir_source final : public sdk::source {
public:
    static constexpr sdk::plugin_info info{"dir", "0.1.0",
                                           "Takes the files dropped into a directory"};
    /// The settings table (plugin.cpp).
    static sdk::settings_spec settings();

    /// Reads and checks the settings; touches no file (start() does). Throws
    /// sdk::invalid_input for values out of range.
    explicit dir_source(sdk::context& ctx);
    ~dir_source() override;

protected:
    /// Opens the drop directory and failed_dir/processed_dir (creating them), checks them
    /// (a directory, not world-writable without the sticky bit, one file system), and starts
    /// the watcher. Throws with a message naming the directory and the fix.
    void start() override;
    /// Stops the watcher thread. The directories stay open: acks may still arrive.
    void stop() override;
    void poll(sdk::poll_context& poll) override;
    void on_ack(sdk::ack const& ack) override;

private:
    /// Lists the drop directory into listing_ (sorted) and forgets what it knew about names
    /// that are gone. Throws std::runtime_error when the directory cannot be read.
    void list_directory();
    /// An emitted file waiting for its ack.
    struct in_flight_file {
        std::string name;
        file_identity id;
        std::string sha256;
    };
    /// When a file was first seen looking as it does now (for the settle time).
    struct observation {
        file_identity id;
        std::int64_t since_ms = 0;
    };
    /// What take_entry() did with one directory entry.
    enum class taken { nothing, emitted, core_full };

    taken take_entry(sdk::poll_context& poll, std::string const& name, unsigned char d_type,
                     std::int64_t now_ms, std::optional<std::int64_t>& wait_ms);
    /// True when the file is complete; otherwise lowers wait_ms to when it may be.
    bool ready(std::string const& name, file_identity const& id, std::int64_t now_ms,
               std::optional<std::int64_t>& wait_ms);
    /// Logs and counts a skipped file, once per file and reason.
    void skip(std::string const& name, std::string const& label, std::string const& reason);
    /// Logs a problem with one file, once until the problem changes or the file goes.
    void report(std::string const& name, std::string const& op, std::string const& message);
    /// Forgets everything known about name (it left the drop directory).
    void forget(std::string const& name);
    /// True when name is still the regular, singly linked file version id.
    bool still_same(std::string const& name, file_identity const& id) const;
    /// Moves name to failed_dir with NAME.error beside it.
    void quarantine(std::string const& name, file_identity const& id, std::string const& sha256,
                    std::string const& label, std::string const& detail);
    /// Moves or deletes a file whose done key is written, then erases the key. On failure
    /// the file is remembered in unfinished_ and retried by the next poll.
    void finish_done(std::string const& name, file_identity const& id, std::string const& key);
    /// Makes the moves/deletes of finished files durable (one fsync of each directory for
    /// all of them) and only then erases their done keys. Runs at the next poll and at stop.
    void flush_done_keys();
    std::string path_of(std::string const& name) const;

    sdk::context& ctx_;

    // Settings.
    std::string path_;
    std::string pattern_;
    after_ack_mode mode_ = after_ack_mode::move;
    std::string processed_dir_;
    std::string failed_dir_;
    std::int64_t settle_ms_ = 0;
    std::uint64_t max_file_size_ = 0;
    std::size_t max_items_per_poll_ = 0;
    bool watch_ = true;
    std::string media_type_;

    // Opened by start().
    unique_fd drop_fd_;
    unique_fd processed_fd_;
    unique_fd failed_fd_;
    std::string drop_path_;       // absolute path of the drop directory
    std::string processed_path_;  // for messages
    std::string failed_path_;     // for messages
    std::unique_ptr<inotify_watcher> watcher_;

    // Bookkeeping, on the loop thread.
    std::uint64_t next_token_ = 1;
    std::map<std::uint64_t, in_flight_file> in_flight_;
    std::set<std::string> in_flight_names_;
    // The directory listing of the current pass, sorted, and how far the pass got. A pass
    // spans several polls when more than max_items_per_poll files wait; the directory is
    // listed again only when a pass is complete (listing and sorting 100,000 names for each
    // poll of 500 made a big backlog quadratic).
    std::vector<std::pair<std::string, unsigned char>> listing_;
    std::size_t listing_pos_ = 0;
    std::optional<std::int64_t> pass_wait_ms_;  // the soonest settle wait seen in this pass
    std::map<std::string, observation> observations_;
    std::map<std::string, std::string> reported_;  // name -> last problem logged for it
    // keep mode: name -> the version of it known to be done (checked against the state store
    // once per run).
    std::map<std::string, file_identity> kept_;
    // move/delete modes: name -> a version that is done but could not be moved or deleted
    // yet; the next poll retries without reading it again.
    std::map<std::string, file_identity> unfinished_;
    std::vector<std::string> keys_to_erase_;  // done keys of files moved/deleted, not yet synced
};

}  // namespace ingest::plugins::dir
