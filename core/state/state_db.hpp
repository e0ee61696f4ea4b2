// The daemon's durable state: one SQLite database (WAL) under state_dir holding, per sink,
// an outbox and the ledger of release ids and content hashes accepted for it; per release
// id, its identity (content hash and revision); per plugin instance, a key-value store for
// checkpoints; and the dead-letter table.
//
// Delivery guarantee: commit() writes every release of a group of source items to the
// outbox of every chosen sink in one transaction; only after it returns may the items be
// acknowledged. A record leaves the outbox only in complete_batch(), after its sink confirmed
// it, or into the dead-letter table.
#pragma once

#include "state/sqlite.hpp"

#include <ingest/sdk/release.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::core {

/// A release with the sinks the router chose for it.
struct routed_release {
    sdk::release record;
    std::vector<std::string> sinks;
};

struct commit_stats {
    std::size_t releases = 0;    ///< releases offered
    std::size_t new_ids = 0;     ///< first seen
    std::size_t revised = 0;     ///< seen before with other content: revision increased
    std::size_t unchanged = 0;   ///< seen before with the same content
    std::size_t enqueued = 0;    ///< outbox rows written (release x sink)
    std::size_t duplicates = 0;  ///< (release, sink) pairs skipped: already accepted unchanged
    std::map<std::string, std::size_t> enqueued_by_sink;
    std::map<std::string, std::size_t> duplicates_by_sink;
};

struct outbox_record {
    std::int64_t seq = 0;
    std::string sink_id;
    std::string release_id;
    std::int64_t revision = 0;
    std::string json;
    std::int64_t attempts = 0;
};

/// What a sink said about one outbox record.
struct record_outcome {
    std::int64_t seq = 0;
    enum class kind { delivered, retry, rejected } status = kind::retry;
    std::uint64_t retry_after_ms = 0;
    std::string reason;
};

/// Retry bounds of one sink: exponential backoff with full jitter.
struct retry_policy {
    std::int64_t initial_ms = 1000;
    std::int64_t max_ms = 300000;
    std::int64_t max_attempts = 10;
};

struct batch_stats {
    std::size_t delivered = 0;
    std::size_t retried = 0;
    std::size_t dead_lettered = 0;
};

struct dead_letter {
    std::int64_t id = 0;
    std::string sink_id;
    std::string release_id;
    std::int64_t revision = 0;
    std::string json;
    std::int64_t attempts = 0;
    std::string last_error;
    std::int64_t failed_at_ms = 0;
};

class state_db {
public:
    /// Opens or creates <state_dir>/state.db (creating state_dir), migrating the schema.
    explicit state_db(std::filesystem::path const& state_dir, bool read_only = false);

    std::filesystem::path const& path() const noexcept { return path_; }

    // ---- plugin key-value state (thread-safe) ----
    std::optional<std::string> kv_get(std::string_view instance, std::string_view key);
    void kv_put(std::string_view instance, std::string_view key, std::string_view value);
    void kv_erase(std::string_view instance, std::string_view key);

    /// Groups the plugin state writes that follow (e.g. a burst of source acks) into one
    /// transaction, committed by end_state_group(). Writes in the group are visible to
    /// state_get at once and survive a crash once the group ends. Not nestable (a second
    /// begin joins the open group). Other calls made meanwhile, from any thread, join the
    /// group too: their own transactions become savepoints in it.
    void begin_state_group();
    void end_state_group();

    // ---- intake ----
    /// One intake transaction, written release by release as the items of a group are
    /// decoded, so that no item's releases need to be held in memory all at once. Each
    /// release gets its revision (record.revision), is serialized, and is enqueued for each
    /// of its sinks unless that sink already accepted the same content. An item's releases
    /// are kept together or not at all (a savepoint per item). Nothing is visible to other
    /// threads before commit(): the intake holds the database until it ends (other calls
    /// wait), and rolls back unless committed. The commit is synchronous = FULL.
    class intake {
    public:
        intake(state_db& db, std::int64_t now_ms);
        ~intake();
        intake(intake const&) = delete;
        intake& operator=(intake const&) = delete;

        /// Starts an item (ending one still open as if end_item(false) were called).
        void begin_item();
        /// Adds a release to the open item.
        void add(routed_release& release);
        /// Ends the open item: its releases and counts are kept, or rolled back.
        void end_item(bool keep);
        /// Commits what the kept items wrote and returns their counts.
        commit_stats commit();

    private:
        state_db& db_;
        std::unique_lock<std::recursive_mutex> lock_;
        std::int64_t now_ms_;
        std::optional<sqlite::transaction> tx_;
        std::optional<sqlite::transaction> item_tx_;
        commit_stats stats_;
        commit_stats item_stats_;
    };

    /// The releases as one item of one intake.
    commit_stats commit(std::vector<routed_release>& releases, std::int64_t now_ms);

    // ---- outbox ----
    /// Up to limit records of sink that are due at now_ms, oldest first.
    std::vector<outbox_record> due_records(std::string_view sink_id, std::size_t limit,
                                           std::int64_t now_ms);
    /// Earliest next attempt time of sink's backlog, if any.
    std::optional<std::int64_t> next_due_ms(std::string_view sink_id);
    /// Records waiting for sink.
    std::int64_t backlog(std::string_view sink_id);
    /// Applies a sink's outcomes: delivered rows leave the outbox, retries are rescheduled
    /// with backoff, rejected or exhausted rows move to the dead-letter table.
    batch_stats complete_batch(std::string_view sink_id,
                               std::vector<record_outcome> const& outcomes,
                               retry_policy const& policy, std::int64_t now_ms);

    // ---- dead letters ----
    std::vector<dead_letter> dead_letters(std::optional<std::string> const& sink_id = {});
    std::optional<dead_letter> dead_letter_by_id(std::int64_t id);
    /// Moves dead letters back into their sink's outbox (attempts reset). Returns how many.
    std::size_t replay(std::optional<std::int64_t> id, std::optional<std::string> const& sink_id);
    /// Deletes dead letters. Returns how many.
    std::size_t drop(std::optional<std::int64_t> id, std::optional<std::string> const& sink_id);

    /// Delay before attempt number `attempts` (1-based) under policy, with full jitter.
    std::int64_t backoff_ms(retry_policy const& policy, std::int64_t attempts);

private:
    void migrate();

    std::filesystem::path path_;
    /// Held by every call: the loop and the sinks' strands share the connection.
    std::recursive_mutex mutex_;
    sqlite::database db_;
    std::mt19937_64 rng_;
    bool in_group_ = false;
};

}  // namespace ingest::core
