// The sqlite sink: the embedded default sink of ingestd. It keeps every release in one
// SQLite file (WAL mode), one row per release id with its latest revision, the history of
// revisions, and an FTS5 index over title and body text. The schema is documented for
// users in README.md and versioned in schema.hpp.
//
// Delivery contract (at-least-once upstream, exactly-once effect here):
//  - one transaction per batch, completed before write_batch() returns;
//  - the same (id, revision) stored twice changes nothing; an older revision never replaces
//    a newer one in `releases` (it is still recorded in `revisions` when keep_revisions);
//  - a record that is malformed or that the database refuses (a constraint) is rejected on
//    its own, the others are still delivered;
//  - when the database cannot take the batch (busy, locked, full, I/O error, read-only,
//    cannot open) every record is retried, with SQLite's error text as the reason.
#pragma once

#include "sqlite_connection.hpp"

#include <ingest/sdk.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ingest::plugins::sink_sqlite {

/// The settings of one instance, read from the validated settings of the core.
struct sink_options {
    std::string path;
    std::string synchronous = "full";  ///< "full" or "normal"
    std::chrono::milliseconds busy_timeout{5000};
    bool keep_revisions = true;

    /// Reads the settings declared in plugin.cpp. Throws sdk::invalid_input for values the
    /// settings table cannot rule out (an empty path, ":memory:").
    static sink_options from_settings(sdk::settings const& settings);
};

/// What became of one record of a batch.
enum class record_outcome {
    pending,    ///< not handled yet
    inserted,   ///< first revision of a new release id
    updated,    ///< a newer revision replaced the stored one
    unchanged,  ///< this revision was stored before (a replay)
    stale,      ///< older than the stored revision: kept only in `revisions`
    rejected,   ///< malformed, or refused by the database
};

/// "inserted", "updated", ... (the `outcome` label of the records metric).
char const* outcome_name(record_outcome outcome) noexcept;

/// Who a failed statement is blamed on.
enum class failure_scope {
    record,  ///< the record (a constraint, too big): reject it, keep the batch going
    batch,   ///< the database (busy, full, I/O, read-only...): retry the whole batch
};

/// Classifies an (extended) SQLite result code of a failed statement.
failure_scope classify_failure(int code) noexcept;

/// Why a record cannot be stored, found without touching the database; nullopt when it can.
std::optional<std::string> validate_record(sdk::release const& record);

/// The value of the `published`/`updated` columns: RFC 3339 UTC for years 0000-9999,
/// nullopt when the time is unknown or cannot be written as RFC 3339.
std::optional<std::string> column_time(sdk::timestamp const& time);

/// The sink. Calls never overlap (the SDK serializes them); SQLite is used synchronously.
class sqlite_sink final : public sdk::sink {
public:
    static constexpr sdk::plugin_info info{
        "sqlite", "0.1.0", "Stores releases in an SQLite file with revisions and full-text search"};

    /// The settings table (plugin.cpp).
    static sdk::settings_spec settings();

    /// Reads the settings; opens nothing (start() does). Throws sdk::invalid_input for an
    /// unusable path.
    explicit sqlite_sink(sdk::context& ctx);
    ~sqlite_sink() override;
    sqlite_sink(sqlite_sink const&) = delete;
    sqlite_sink& operator=(sqlite_sink const&) = delete;

protected:
    /// Creates the parent directory, opens the file, applies the pragmas and migrates the
    /// schema. Throws sdk::retry_later for passing failures (busy, I/O), std::runtime_error
    /// for the others (a newer schema, not a sink database, cannot create the directory).
    void start() override;
    /// Closes the database.
    void stop() override;
    /// Stores the batch in one transaction (opening the database first if needed).
    void write_batch(sdk::batch b) override;

private:
    struct statements;
    struct open_failure {
        std::string message;
        bool transient = false;
    };
    /// Which file the connection opened (device and inode of `path` at open time).
    struct file_identity {
        std::uint64_t device = 0;
        std::uint64_t inode = 0;
        bool operator==(file_identity const& o) const {
            return device == o.device && inode == o.inode;
        }
    };
    /// restart: a record was rejected and the transaction must run again without it;
    /// isolate: a record failed in a transaction without savepoints (all rolled back).
    enum class transaction_result { committed, restart, isolate, failed };

    std::optional<open_failure> open_database();
    void close_database() noexcept;
    /// nullopt when nothing exists at path.
    std::optional<file_identity> identify_path() const;
    /// False when the open file was moved, deleted or replaced since it was opened.
    bool still_at_path() const;
    transaction_result write_transaction(std::vector<sdk::release> const& records,
                                         std::vector<std::string> const& jsons,
                                         std::string const& stored_at,
                                         std::vector<record_outcome>& outcomes,
                                         std::vector<std::string>& reasons, sql_status& failure,
                                         bool isolate);
    sql_status store_record(sdk::release const& record, std::string const& json,
                            std::string const& stored_at, record_outcome& outcome);
    void fail_batch(sdk::batch& b, sql_status const& failure);

    sdk::context& ctx_;
    sink_options options_;
    connection db_;
    std::unique_ptr<statements> statements_;
    std::optional<file_identity> opened_file_;
};

}  // namespace ingest::plugins::sink_sqlite
