#include "sqlite_sink.hpp"

#include "schema.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <sys/stat.h>

namespace ingest::plugins::sink_sqlite {

namespace {

// The columns are projections of the release JSON written by sdk::to_json, so `releases`
// and `json` always agree (empty strings are NULL, invalid UTF-8 is U+FFFD in both).
// ?1 json, ?2 revision, ?3 published, ?4 updated, ?5 first_seen, ?6 stored_at.
constexpr char const* upsert_release_sql = R"sql(
INSERT INTO releases (id, revision, content_hash, source_id, source_plugin, native_id, link,
                      title, summary, body_text, language, published, published_raw, updated,
                      dateline, tags, contacts, json, first_seen, stored_at)
SELECT json_extract(j, '$.id'), ?2, json_extract(j, '$.content_hash'),
       json_extract(j, '$.source.id'), json_extract(j, '$.source.plugin'),
       json_extract(j, '$.native_id'), json_extract(j, '$.link'), json_extract(j, '$.title'),
       json_extract(j, '$.summary'), json_extract(j, '$.body_text'),
       json_extract(j, '$.language'), ?3, json_extract(j, '$.published_raw'), ?4,
       json_extract(j, '$.dateline'), json_extract(j, '$.tags'), json_extract(j, '$.contacts'),
       j, ?5, ?6
FROM (SELECT ?1 AS j) WHERE true
ON CONFLICT (id) DO UPDATE SET
    revision = excluded.revision,
    content_hash = excluded.content_hash,
    source_id = excluded.source_id,
    source_plugin = excluded.source_plugin,
    native_id = excluded.native_id,
    link = excluded.link,
    title = excluded.title,
    summary = excluded.summary,
    body_text = excluded.body_text,
    language = excluded.language,
    published = excluded.published,
    published_raw = excluded.published_raw,
    updated = excluded.updated,
    dateline = excluded.dateline,
    tags = excluded.tags,
    contacts = excluded.contacts,
    json = excluded.json,
    stored_at = excluded.stored_at
WHERE excluded.revision > releases.revision
)sql";

// ?1 json, ?2 revision, ?3 stored_at.
constexpr char const* insert_revision_sql = R"sql(
INSERT INTO revisions (release_id, revision, content_hash, json, stored_at)
SELECT json_extract(j, '$.id'), ?2, json_extract(j, '$.content_hash'), j, ?3
FROM (SELECT ?1 AS j) WHERE true
ON CONFLICT (release_id, revision) DO NOTHING
)sql";

constexpr char const* select_current_sql =
    "SELECT revision, content_hash FROM releases WHERE id = ?1";

// RFC 3339 needs a four-digit year: 0000-01-01T00:00:00Z .. 9999-12-31T23:59:59.999Z.
constexpr std::int64_t rfc3339_min_ms = -62167219200000;
constexpr std::int64_t rfc3339_max_ms = 253402300799999;

constexpr char const* records_metric = "sink_sqlite_records_total";
constexpr char const* records_help = "Records handled by the sqlite sink, by outcome";
constexpr char const* failures_metric = "sink_sqlite_batch_failures_total";
constexpr char const* failures_help =
    "Batches the sqlite sink could not store (all records retried), by SQLite result code";

/// True when s is well-formed UTF-8 without control characters.
bool is_clean_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        std::uint32_t cp = 0;
        std::size_t const len = ingest::sdk::utf8_sequence(s, i, cp);
        if (len == 0 || cp < 0x20 || cp == 0x7F) {
            return false;
        }
        i += len;
    }
    return true;
}

/// Failures after which the connection is dropped and reopened by the next batch: the file
/// may have been replaced, repaired, or made writable again.
bool needs_reopen(int code) noexcept {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_FULL:
        case SQLITE_NOMEM:
        case SQLITE_INTERRUPT:
            return false;
        default:
            return true;
    }
}

bool is_transient(int code) noexcept {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_NOMEM:
            return true;
        default:
            return false;
    }
}

}  // namespace

// --------------------------------------------------------------------------- free functions --

sink_options sink_options::from_settings(sdk::settings const& settings) {
    sink_options out;
    out.path = settings.get_string("path");
    if (out.path.empty()) {
        throw sdk::invalid_input("sqlite sink: `path` must name a file, it is empty");
    }
    if (out.path == ":memory:" || out.path.rfind("file:", 0) == 0) {
        throw sdk::invalid_input("sqlite sink: `path` must be a file path, not '" + out.path +
                                 "' (an in-memory or URI database would lose the releases)");
    }
    out.synchronous = settings.get_string("synchronous");
    if (out.synchronous != "full" && out.synchronous != "normal") {
        throw sdk::invalid_input(
            "sqlite sink: `synchronous` must be \"full\" or \"normal\", not \"" + out.synchronous +
            "\"");
    }
    out.busy_timeout = settings.get_duration("busy_timeout");
    if (out.busy_timeout.count() < 0) {
        throw sdk::invalid_input("sqlite sink: `busy_timeout` must not be negative");
    }
    out.keep_revisions = settings.get_bool("keep_revisions");
    return out;
}

char const* outcome_name(record_outcome outcome) noexcept {
    switch (outcome) {
        case record_outcome::pending:
            return "pending";
        case record_outcome::inserted:
            return "inserted";
        case record_outcome::updated:
            return "updated";
        case record_outcome::unchanged:
            return "unchanged";
        case record_outcome::stale:
            return "stale";
        case record_outcome::rejected:
            return "rejected";
    }
    return "unknown";
}

failure_scope classify_failure(int code) noexcept {
    switch (code & 0xff) {
        case SQLITE_CONSTRAINT:
        case SQLITE_TOOBIG:
        case SQLITE_MISMATCH:
            return failure_scope::record;
        default:
            return failure_scope::batch;
    }
}

std::optional<std::string> validate_record(sdk::release const& record) {
    if (record.id.empty()) {
        return std::string("release has an empty id");
    }
    if (!is_clean_utf8(record.id)) {
        return std::string("release id is not valid UTF-8 text without control characters");
    }
    if (record.revision < 1) {
        return "release " + record.id + " has revision 0 (revisions start at 1)";
    }
    return std::nullopt;
}

std::optional<std::string> column_time(sdk::timestamp const& time) {
    if (!time.unix_ms || *time.unix_ms < rfc3339_min_ms || *time.unix_ms > rfc3339_max_ms) {
        return std::nullopt;
    }
    return sdk::format_rfc3339(*time.unix_ms);
}

// ------------------------------------------------------------------------------------ sink --

/// The prepared statements of the open connection.
struct sqlite_sink::statements {
    statement begin;
    statement commit;
    statement rollback;
    statement savepoint;
    statement release_savepoint;
    statement rollback_to_savepoint;
    statement select_current;
    statement upsert_release;
    statement insert_revision;

    sql_status prepare(connection& db) {
        std::pair<statement*, char const*> const all[] = {
            {&begin, "BEGIN IMMEDIATE"},
            {&commit, "COMMIT"},
            {&rollback, "ROLLBACK"},
            {&savepoint, "SAVEPOINT record"},
            {&release_savepoint, "RELEASE record"},
            {&rollback_to_savepoint, "ROLLBACK TO record"},
            {&select_current, select_current_sql},
            {&upsert_release, upsert_release_sql},
            {&insert_revision, insert_revision_sql},
        };
        for (auto const& [stmt, sql] : all) {
            if (auto st = db.prepare(sql, *stmt); !st.ok()) {
                return st;
            }
        }
        return {};
    }
};

sqlite_sink::sqlite_sink(sdk::context& ctx)
    : ctx_(ctx), options_(sink_options::from_settings(ctx.settings())) {}

sqlite_sink::~sqlite_sink() {
    close_database();
}

void sqlite_sink::start() {
    if (auto failure = open_database()) {
        if (failure->transient) {
            throw sdk::retry_later(failure->message);
        }
        throw std::runtime_error(failure->message);
    }
}

void sqlite_sink::stop() {
    if (db_.is_open()) {
        // Lets SQLite refresh its query planner statistics; harmless when it fails.
        db_.exec("PRAGMA optimize");
    }
    close_database();
}

std::optional<sqlite_sink::open_failure> sqlite_sink::open_database() {
    close_database();
    namespace fs = std::filesystem;
    std::string const& path = options_.path;

    auto const parent = fs::path(path).parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        fs::create_directories(parent, ec);
        if (ec) {
            return open_failure{"sqlite sink: cannot create the directory " + parent.string() +
                                    " for " + path + ": " + ec.message(),
                                false};
        }
    }

    auto fail = [&](std::string what, sql_status const& st) {
        close_database();
        return open_failure{"sqlite sink: " + path + ": " + what + ": " + st.describe(),
                            is_transient(st.code)};
    };

    if (auto st = db_.open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
        !st.ok()) {
        return fail("cannot open the database", st);
    }
    auto const timeout_ms = std::min<std::int64_t>(options_.busy_timeout.count(), INT_MAX);
    sqlite3_busy_timeout(db_.get(), static_cast<int>(timeout_ms));

    std::string mode;
    if (auto st = db_.query_text("PRAGMA journal_mode = WAL", mode); !st.ok()) {
        return fail("cannot switch to WAL mode", st);
    }
    if (mode != "wal") {
        return fail("cannot switch to WAL mode",
                    {SQLITE_ERROR, "the journal mode stayed '" + mode + "'"});
    }
    std::string const synchronous = options_.synchronous == "normal" ? "PRAGMA synchronous = NORMAL"
                                                                     : "PRAGMA synchronous = FULL";
    // temp_store: statement journals (every upsert firing the FTS triggers inside a batch
    // needs one) in memory rather than in temp files under /var/tmp.
    for (char const* pragma : {synchronous.c_str(), "PRAGMA foreign_keys = ON",
                               "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -32768"}) {
        if (auto st = db_.exec(pragma); !st.ok()) {
            return fail(std::string("cannot apply ") + pragma, st);
        }
    }

    auto const migrated = migrate(db_, path);
    if (!migrated.ok) {
        close_database();
        return open_failure{"sqlite sink: " + migrated.error, is_transient(migrated.status.code)};
    }

    statements_ = std::make_unique<statements>();
    if (auto st = statements_->prepare(db_); !st.ok()) {
        return fail("cannot prepare the sink's statements", st);
    }

    opened_file_ = identify_path();
    if (migrated.from_version != migrated.to_version) {
        ctx_.info("opened " + path + ", schema migrated from version " +
                  std::to_string(migrated.from_version) + " to " +
                  std::to_string(migrated.to_version));
    } else {
        ctx_.info("opened " + path + ", schema version " + std::to_string(migrated.to_version));
    }
    if (db_.read_only()) {
        ctx_.warn(path + " is read-only: batches will be retried until it is writable");
    }
    return std::nullopt;
}

void sqlite_sink::close_database() noexcept {
    statements_.reset();  // finalize before closing
    db_.close();
    opened_file_.reset();
}

std::optional<sqlite_sink::file_identity> sqlite_sink::identify_path() const {
    struct ::stat st {};
    if (::stat(options_.path.c_str(), &st) != 0) {
        return std::nullopt;
    }
    return file_identity{static_cast<std::uint64_t>(st.st_dev),
                         static_cast<std::uint64_t>(st.st_ino)};
}

bool sqlite_sink::still_at_path() const {
    auto const now = identify_path();
    return now && opened_file_ && *now == *opened_file_;
}

void sqlite_sink::write_batch(sdk::batch b) {
    auto const& records = b.records();
    if (records.empty()) {
        return;
    }
    if (db_.is_open() && !still_at_path()) {
        // Writing on would put the batch into a file nobody finds at `path` any more (in
        // WAL mode SQLite does not notice a move). Open whatever is at path now.
        ctx_.warn(options_.path +
                  " was moved, deleted or replaced since it was opened; "
                  "reopening it");
        close_database();
    }
    if (!db_.is_open()) {
        if (auto failure = open_database()) {
            ctx_.warn("batch of " + std::to_string(records.size()) +
                      " not stored, will retry: " + failure->message);
            ctx_.count(failures_metric, failures_help, {{"code", "open"}});
            b.all_retry(failure->message);
            return;
        }
    }

    std::vector<record_outcome> outcomes(records.size(), record_outcome::pending);
    std::vector<std::string> reasons(records.size());
    std::vector<std::string> jsons(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (auto why = validate_record(records[i])) {
            outcomes[i] = record_outcome::rejected;
            reasons[i] = "sqlite sink: " + *why;
        } else {
            jsons[i] = sdk::to_json(records[i]);
        }
    }
    std::string const stored_at = sdk::format_rfc3339(ctx_.now_ms());

    // First the whole batch in one plain transaction. A savepoint per record would find a
    // record the database refuses without losing the others, but it also makes the FTS5
    // index write its pending terms at every savepoint (a segment per record instead of
    // one per batch): so savepoints only when a record did fail, on a second pass.
    sql_status failure;
    auto result = write_transaction(records, jsons, stored_at, outcomes, reasons, failure, false);
    if (result == transaction_result::isolate) {
        // A record whose failure rolled back the whole transaction is rejected and the batch
        // runs again without it, so this ends after at most size() + 1 attempts.
        for (std::size_t attempt = 0; attempt <= records.size(); ++attempt) {
            result = write_transaction(records, jsons, stored_at, outcomes, reasons, failure, true);
            if (result != transaction_result::restart) {
                break;
            }
        }
    }
    if (result != transaction_result::committed) {
        fail_batch(b, failure);
        return;
    }

    std::size_t counts[static_cast<std::size_t>(record_outcome::rejected) + 1] = {};
    for (std::size_t i = 0; i < records.size(); ++i) {
        ++counts[static_cast<std::size_t>(outcomes[i])];
        if (outcomes[i] == record_outcome::rejected) {
            ctx_.warn("rejected release '" + records[i].id + "': " + reasons[i]);
            b.rejected(i, reasons[i]);
        } else {
            b.delivered(i);
        }
    }
    for (std::size_t k = 1; k < std::size(counts); ++k) {
        if (counts[k] != 0) {
            ctx_.count(records_metric, records_help,
                       {{"outcome", outcome_name(static_cast<record_outcome>(k))}},
                       static_cast<double>(counts[k]));
        }
    }
    b.complete();
}

void sqlite_sink::fail_batch(sdk::batch& b, sql_status const& failure) {
    std::string const reason = "sqlite sink: " + options_.path + ": " + failure.describe();
    ctx_.warn("batch of " + std::to_string(b.size()) + " not stored, will retry: " + reason);
    ctx_.count(failures_metric, failures_help, {{"code", result_code_name(failure.code)}});
    if (needs_reopen(failure.code)) {
        close_database();
    }
    b.all_retry(reason);
}

sqlite_sink::transaction_result sqlite_sink::write_transaction(
    std::vector<sdk::release> const& records, std::vector<std::string> const& jsons,
    std::string const& stored_at, std::vector<record_outcome>& outcomes,
    std::vector<std::string>& reasons, sql_status& failure, bool isolate) {
    auto& s = *statements_;
    for (auto& outcome : outcomes) {
        if (outcome != record_outcome::rejected) {
            outcome = record_outcome::pending;
        }
    }
    auto abort = [&](sql_status st) {
        if (db_.in_transaction()) {
            s.rollback.run();
        }
        failure = std::move(st);
        return transaction_result::failed;
    };

    if (auto st = s.begin.run(); !st.ok()) {
        return abort(std::move(st));
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (outcomes[i] == record_outcome::rejected) {
            continue;
        }
        if (!isolate) {
            auto outcome = record_outcome::pending;
            auto st = store_record(records[i], jsons[i], stored_at, outcome);
            if (st.ok()) {
                outcomes[i] = outcome;
                continue;
            }
            if (classify_failure(st.code) == failure_scope::batch) {
                return abort(std::move(st));
            }
            if (db_.in_transaction()) {
                s.rollback.run();
            }
            return transaction_result::isolate;
        }
        if (auto st = s.savepoint.run(); !st.ok()) {
            return abort(std::move(st));
        }
        auto outcome = record_outcome::pending;
        auto st = store_record(records[i], jsons[i], stored_at, outcome);
        if (st.ok()) {
            if (auto released = s.release_savepoint.run(); !released.ok()) {
                return abort(std::move(released));
            }
            outcomes[i] = outcome;
            continue;
        }
        if (classify_failure(st.code) == failure_scope::batch) {
            return abort(std::move(st));
        }
        outcomes[i] = record_outcome::rejected;
        reasons[i] = "sqlite sink: the database refused the record: " + st.describe();
        if (!db_.in_transaction()) {
            // The failure (e.g. a RAISE(ROLLBACK) trigger) ended the whole transaction.
            return transaction_result::restart;
        }
        if (auto undone = s.rollback_to_savepoint.run(); !undone.ok()) {
            return abort(std::move(undone));
        }
        if (auto released = s.release_savepoint.run(); !released.ok()) {
            return abort(std::move(released));
        }
    }
    if (auto st = s.commit.run(); !st.ok()) {
        return abort(std::move(st));
    }
    return transaction_result::committed;
}

sql_status sqlite_sink::store_record(sdk::release const& record, std::string const& json,
                                     std::string const& stored_at, record_outcome& outcome) {
    auto& s = *statements_;
    auto const revision = static_cast<std::int64_t>(record.revision);

    std::optional<std::int64_t> current;
    std::optional<std::string> current_hash;
    int rc = s.select_current.bind_text(1, record.id);
    if (rc == SQLITE_OK) {
        rc = s.select_current.step();
        if (rc == SQLITE_ROW) {
            current = s.select_current.column_int64(0);
            current_hash = s.select_current.column_text(1);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        auto st = db_.status(rc);
        s.select_current.reset();
        return st;
    }
    s.select_current.reset();

    if (!current) {
        outcome = record_outcome::inserted;
    } else if (revision > *current) {
        outcome = record_outcome::updated;
    } else if (revision == *current) {
        outcome = record_outcome::unchanged;
        std::optional<std::string> const hash =
            record.content_hash.empty() ? std::nullopt : std::optional(record.content_hash);
        if (hash != current_hash) {
            ctx_.warn("release '" + record.id + "' revision " + std::to_string(revision) +
                      " arrived again with another content hash; the stored one is kept");
        }
    } else {
        outcome = record_outcome::stale;
    }

    auto bind_status = [&](statement& stmt, std::initializer_list<int> codes) {
        for (int code : codes) {
            if (code != SQLITE_OK) {
                stmt.reset();
                return db_.status(code);
            }
        }
        return sql_status{};
    };

    if (outcome == record_outcome::inserted || outcome == record_outcome::updated) {
        auto& u = s.upsert_release;
        auto const fetched = column_time(sdk::timestamp{record.fetched_at_ms, {}});
        if (auto st = bind_status(
                u, {u.bind_text(1, json), u.bind_int64(2, revision),
                    u.bind_optional_text(3, column_time(record.published)),
                    u.bind_optional_text(4, column_time(record.updated)),
                    u.bind_text(5, fetched.value_or(stored_at)), u.bind_text(6, stored_at)});
            !st.ok()) {
            return st;
        }
        if (auto st = u.run(); !st.ok()) {
            return st;
        }
    }
    if (options_.keep_revisions) {
        auto& r = s.insert_revision;
        if (auto st = bind_status(
                r, {r.bind_text(1, json), r.bind_int64(2, revision), r.bind_text(3, stored_at)});
            !st.ok()) {
            return st;
        }
        if (auto st = r.run(); !st.ok()) {
            return st;
        }
    }
    return {};
}

}  // namespace ingest::plugins::sink_sqlite
