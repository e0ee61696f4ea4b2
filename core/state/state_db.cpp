#include "state/state_db.hpp"

#include <ingest/sdk/json.hpp>

#include <algorithm>
#include <chrono>
#include <system_error>

namespace ingest::core {

namespace {

namespace fs = std::filesystem;

constexpr int schema_version = 1;

constexpr char const* schema_v1 = R"sql(
CREATE TABLE kv (
    instance TEXT NOT NULL,
    key      TEXT NOT NULL,
    value    BLOB NOT NULL,
    PRIMARY KEY (instance, key)
) WITHOUT ROWID;
CREATE TABLE identities (
    release_id   TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    source_id    TEXT,
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE ledger (
    sink_id      TEXT NOT NULL,
    release_id   TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    accepted_at  INTEGER NOT NULL,
    delivered_at INTEGER,  -- no longer written: delivered = no outbox row left
    PRIMARY KEY (sink_id, release_id)
) WITHOUT ROWID;
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    sink_id         TEXT NOT NULL,
    release_id      TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    json            TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    enqueued_at     INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (sink_id, next_attempt_at, seq);
CREATE TABLE dead_letters (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    sink_id    TEXT NOT NULL,
    release_id TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    json       TEXT NOT NULL,
    attempts   INTEGER NOT NULL,
    last_error TEXT NOT NULL,
    failed_at  INTEGER NOT NULL
);
CREATE INDEX dead_letters_sink ON dead_letters (sink_id, id);
)sql";

fs::path prepare_dir(fs::path const& state_dir, bool read_only) {
    if (!read_only) {
        std::error_code ec;
        fs::create_directories(state_dir, ec);
        if (ec) {
            throw std::runtime_error("cannot create state_dir " + state_dir.string() + ": " +
                                     ec.message());
        }
    }
    return state_dir / "state.db";
}

}  // namespace

state_db::state_db(fs::path const& state_dir, bool read_only)
    : path_(prepare_dir(state_dir, read_only)),
      db_(path_.string(), read_only),
      rng_(std::random_device{}()) {
    db_.exec("PRAGMA busy_timeout = 10000");
    // Statement journals and sort spills in memory: on disk they were temp files under
    // /var/tmp written for every statement of a batch (more writes than the WAL itself).
    db_.exec("PRAGMA temp_store = MEMORY");
    if (!read_only) {
        db_.exec("PRAGMA journal_mode = WAL");
        // NORMAL for everything but commit(): in WAL mode a NORMAL commit survives a crash
        // of the process, and a power loss may only take the latest ones back, which costs a
        // re-read (a checkpoint, a delivered mark) but never a release. commit() switches to
        // FULL, because the source forgets its items right after it returns; its sync also
        // makes every earlier NORMAL commit durable.
        db_.exec("PRAGMA synchronous = NORMAL");
        // The outbox is written, read back and deleted within seconds: a page cache that
        // holds a few batches of it spares re-reading those pages from the file (16 MiB
        // at most), and a checkpoint every 4,000 pages (16 MiB of WAL) instead of 1,000
        // lets a row's insert and delete reach the database file as one write.
        db_.exec("PRAGMA cache_size = -16384");
        db_.exec("PRAGMA wal_autocheckpoint = 4000");
        migrate();
    }
}

void state_db::migrate() {
    auto version_stmt = db_.prepare("PRAGMA user_version");
    version_stmt.step();
    auto const version = version_stmt.column_int(0);
    if (version > schema_version) {
        throw std::runtime_error("state database " + path_.string() + " has schema version " +
                                 std::to_string(version) + ", newer than this ingestd's " +
                                 std::to_string(schema_version) +
                                 ". Fix: run the newer ingestd, or point state_dir elsewhere");
    }
    if (version < 1) {
        sqlite::transaction tx(db_);
        db_.exec(schema_v1);
        db_.exec("PRAGMA user_version = 1");
        tx.commit();
    }
}

// ------------------------------------------------------------------------------- kv --

std::optional<std::string> state_db::kv_get(std::string_view instance, std::string_view key) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto st = db_.cached("SELECT value FROM kv WHERE instance = ?1 AND key = ?2");
    st.bind(1, instance).bind(2, key);
    if (st.step()) {
        return st.column_text(0);
    }
    return std::nullopt;
}

void state_db::kv_put(std::string_view instance, std::string_view key, std::string_view value) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto st = db_.cached(
        "INSERT INTO kv (instance, key, value) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (instance, key) DO UPDATE SET value = excluded.value");
    st.bind(1, instance).bind(2, key).bind(3, value);
    st.run();
}

void state_db::kv_erase(std::string_view instance, std::string_view key) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto st = db_.cached("DELETE FROM kv WHERE instance = ?1 AND key = ?2");
    st.bind(1, instance).bind(2, key);
    st.run();
}

void state_db::begin_state_group() {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    if (!in_group_) {
        db_.exec("BEGIN IMMEDIATE");
        in_group_ = true;
    }
}

void state_db::end_state_group() {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    if (in_group_) {
        in_group_ = false;
        try {
            db_.exec("COMMIT");
        } catch (...) {
            // A failed COMMIT can leave the transaction open: end it, or every later
            // transaction on this connection fails. The group's writes are lost: checkpoints
            // (the items concerned are read again and found already delivered) and batch
            // outcomes recorded meanwhile (those records are delivered again, and sinks
            // absorb a repeated id and revision).
            try {
                db_.exec("ROLLBACK");
            } catch (...) {
                // Already ended by SQLite.
            }
            throw;
        }
    }
}

// --------------------------------------------------------------------------- intake --

state_db::intake::intake(state_db& db, std::int64_t now_ms)
    : db_(db), lock_(db.mutex_), now_ms_(now_ms) {
    db_.db_.exec("PRAGMA synchronous = FULL");
    try {
        tx_.emplace(db_.db_);
    } catch (...) {
        db_.db_.exec("PRAGMA synchronous = NORMAL");
        throw;
    }
}

state_db::intake::~intake() {
    item_tx_.reset();
    tx_.reset();  // rolls back unless committed
    try {
        db_.db_.exec("PRAGMA synchronous = NORMAL");
    } catch (...) {
        // Stays FULL: slower, never less safe.
    }
}

void state_db::intake::begin_item() {
    end_item(false);
    item_tx_.emplace(db_.db_);  // a savepoint in the intake's transaction
}

void state_db::intake::end_item(bool keep) {
    if (!item_tx_) {
        return;
    }
    if (keep) {
        item_tx_->commit();
        stats_.releases += item_stats_.releases;
        stats_.new_ids += item_stats_.new_ids;
        stats_.revised += item_stats_.revised;
        stats_.unchanged += item_stats_.unchanged;
        stats_.enqueued += item_stats_.enqueued;
        stats_.duplicates += item_stats_.duplicates;
        for (auto const& [sink, n] : item_stats_.enqueued_by_sink) {
            stats_.enqueued_by_sink[sink] += n;
        }
        for (auto const& [sink, n] : item_stats_.duplicates_by_sink) {
            stats_.duplicates_by_sink[sink] += n;
        }
    }
    item_tx_.reset();  // rolls back to the savepoint unless kept
    item_stats_ = {};
}

commit_stats state_db::intake::commit() {
    if (item_tx_) {
        throw std::logic_error("state_db::intake::commit with an item open");
    }
    tx_->commit();
    return std::move(stats_);
}

void state_db::intake::add(routed_release& rr) {
    if (!item_tx_) {
        throw std::logic_error("state_db::intake::add outside an item");
    }
    auto& db = db_.db_;
    auto const now_ms = now_ms_;
    auto& stats = item_stats_;
    auto get_identity =
        db.cached("SELECT content_hash, revision FROM identities WHERE release_id = ?1");
    auto put_identity = db.cached(
        "INSERT INTO identities (release_id, content_hash, revision, source_id, first_seen, "
        "last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?5) "
        "ON CONFLICT (release_id) DO UPDATE SET content_hash = excluded.content_hash, "
        "revision = excluded.revision, last_seen = excluded.last_seen");
    auto touch_identity = db.cached("UPDATE identities SET last_seen = ?2 WHERE release_id = ?1");
    auto get_ledger =
        db.cached("SELECT content_hash FROM ledger WHERE sink_id = ?1 AND release_id = ?2");
    auto put_ledger = db.cached(
        "INSERT INTO ledger (sink_id, release_id, revision, content_hash, accepted_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sink_id, release_id) DO UPDATE SET "
        "revision = excluded.revision, content_hash = excluded.content_hash, "
        "accepted_at = excluded.accepted_at, delivered_at = NULL");
    auto enqueue = db.cached(
        "INSERT INTO outbox (sink_id, release_id, revision, json, enqueued_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");

    auto& r = rr.record;
    ++stats.releases;
    get_identity.reset();
    get_identity.bind(1, r.id);
    if (get_identity.step()) {
        auto const old_hash = get_identity.column_text(0);
        auto const old_revision = get_identity.column_int(1);
        if (old_hash == r.content_hash) {
            r.revision = static_cast<std::uint32_t>(old_revision);
            ++stats.unchanged;
            touch_identity.reset();
            touch_identity.bind(1, r.id).bind(2, now_ms);
            touch_identity.run();
        } else {
            r.revision = static_cast<std::uint32_t>(old_revision + 1);
            ++stats.revised;
            put_identity.reset();
            put_identity.bind(1, r.id).bind(2, r.content_hash).bind(3, r.revision);
            put_identity.bind(4, r.source.id).bind(5, now_ms);
            put_identity.run();
        }
    } else {
        r.revision = 1;
        ++stats.new_ids;
        put_identity.reset();
        put_identity.bind(1, r.id).bind(2, r.content_hash).bind(3, 1);
        put_identity.bind(4, r.source.id).bind(5, now_ms);
        put_identity.run();
    }

    std::string json;
    for (auto const& sink : rr.sinks) {
        get_ledger.reset();
        get_ledger.bind(1, sink).bind(2, r.id);
        if (get_ledger.step() && get_ledger.column_text(0) == r.content_hash) {
            ++stats.duplicates;
            ++stats.duplicates_by_sink[sink];
            continue;
        }
        if (json.empty()) {
            json = sdk::to_json(r);
        }
        put_ledger.reset();
        put_ledger.bind(1, sink).bind(2, r.id).bind(3, r.revision);
        put_ledger.bind(4, r.content_hash).bind(5, now_ms);
        put_ledger.run();
        enqueue.reset();
        enqueue.bind(1, sink).bind(2, r.id).bind(3, r.revision).bind(4, json);
        enqueue.bind(5, now_ms);
        enqueue.run();
        ++stats.enqueued;
        ++stats.enqueued_by_sink[sink];
    }
}

commit_stats state_db::commit(std::vector<routed_release>& releases, std::int64_t now_ms) {
    intake in(*this, now_ms);
    in.begin_item();
    for (auto& rr : releases) {
        in.add(rr);
    }
    in.end_item(true);
    return in.commit();
}

// --------------------------------------------------------------------------- outbox --

std::vector<outbox_record> state_db::due_records(std::string_view sink_id, std::size_t limit,
                                                 std::int64_t now_ms) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto st = db_.cached(
        "SELECT seq, release_id, revision, json, attempts FROM outbox "
        "WHERE sink_id = ?1 AND next_attempt_at <= ?2 ORDER BY seq LIMIT ?3");
    st.bind(1, sink_id).bind(2, now_ms).bind(3, static_cast<std::int64_t>(limit));
    std::vector<outbox_record> out;
    while (st.step()) {
        outbox_record r;
        r.seq = st.column_int(0);
        r.sink_id = std::string(sink_id);
        r.release_id = st.column_text(1);
        r.revision = st.column_int(2);
        r.json = st.column_text(3);
        r.attempts = st.column_int(4);
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<std::int64_t> state_db::next_due_ms(std::string_view sink_id) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto st = db_.cached("SELECT MIN(next_attempt_at) FROM outbox WHERE sink_id = ?1");
    st.bind(1, sink_id);
    if (st.step() && !st.column_is_null(0)) {
        return st.column_int(0);
    }
    return std::nullopt;
}

std::int64_t state_db::backlog(std::string_view sink_id) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto st = db_.cached("SELECT COUNT(*) FROM outbox WHERE sink_id = ?1");
    st.bind(1, sink_id);
    st.step();
    return st.column_int(0);
}

std::int64_t state_db::backoff_ms(retry_policy const& policy, std::int64_t attempts) {
    // Full jitter: uniform in [0, min(max, initial * 2^(attempts-1))], at least 1 ms.
    std::int64_t cap = policy.initial_ms;
    for (std::int64_t i = 1; i < attempts && cap < policy.max_ms; ++i) {
        cap *= 2;
    }
    cap = std::clamp<std::int64_t>(cap, 1, std::max<std::int64_t>(policy.max_ms, 1));
    std::uniform_int_distribution<std::int64_t> dist(1, cap);
    return dist(rng_);
}

batch_stats state_db::complete_batch(std::string_view sink_id,
                                     std::vector<record_outcome> const& outcomes,
                                     retry_policy const& policy, std::int64_t now_ms) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    batch_stats stats;
    sqlite::transaction tx(db_);
    auto get =
        db_.cached("SELECT release_id, attempts FROM outbox WHERE seq = ?1 AND sink_id = ?2");
    auto remove = db_.cached("DELETE FROM outbox WHERE seq = ?1");
    auto reschedule = db_.cached(
        "UPDATE outbox SET attempts = ?2, next_attempt_at = ?3, last_error = ?4 WHERE seq = ?1");
    auto bury = db_.cached(
        "INSERT INTO dead_letters (sink_id, release_id, revision, json, attempts, last_error, "
        "failed_at) SELECT sink_id, release_id, revision, json, ?2, ?3, ?4 FROM outbox "
        "WHERE seq = ?1");
    auto forget = db_.cached("DELETE FROM ledger WHERE sink_id = ?1 AND release_id = ?2");

    for (auto const& o : outcomes) {
        get.reset();
        get.bind(1, o.seq).bind(2, sink_id);
        if (!get.step()) {
            continue;  // already completed (e.g. replayed twice); nothing to do
        }
        auto const release_id = get.column_text(0);
        auto const attempts = get.column_int(1) + 1;
        if (o.status == record_outcome::kind::delivered) {
            // The ledger row stays as it is: with its outbox row gone it reads "delivered".
            // (Stamping delivered_at here rewrote a random ledger page per record, as much
            // I/O as accepting the record; the column is kept for existing databases.)
            remove.reset();
            remove.bind(1, o.seq);
            remove.run();
            ++stats.delivered;
            continue;
        }
        bool const exhausted = attempts >= policy.max_attempts;
        if (o.status == record_outcome::kind::rejected || exhausted) {
            std::string const why =
                o.status == record_outcome::kind::rejected
                    ? "rejected: " + o.reason
                    : "gave up after " + std::to_string(attempts) + " attempts: " + o.reason;
            bury.reset();
            bury.bind(1, o.seq).bind(2, attempts).bind(3, why).bind(4, now_ms);
            bury.run();
            remove.reset();
            remove.bind(1, o.seq);
            remove.run();
            // The sink never got it: a later identical release must be offered again.
            forget.reset();
            forget.bind(1, sink_id).bind(2, release_id);
            forget.run();
            ++stats.dead_lettered;
            continue;
        }
        std::int64_t delay = backoff_ms(policy, attempts);
        delay = std::max<std::int64_t>(delay, static_cast<std::int64_t>(o.retry_after_ms));
        reschedule.reset();
        reschedule.bind(1, o.seq).bind(2, attempts).bind(3, now_ms + delay).bind(4, o.reason);
        reschedule.run();
        ++stats.retried;
    }
    tx.commit();
    return stats;
}

// ----------------------------------------------------------------------- dead letters --

namespace {
dead_letter read_dead_letter(sqlite::statement& st) {
    dead_letter d;
    d.id = st.column_int(0);
    d.sink_id = st.column_text(1);
    d.release_id = st.column_text(2);
    d.revision = st.column_int(3);
    d.json = st.column_text(4);
    d.attempts = st.column_int(5);
    d.last_error = st.column_text(6);
    d.failed_at_ms = st.column_int(7);
    return d;
}
constexpr char const* dead_letter_columns =
    "SELECT id, sink_id, release_id, revision, json, attempts, last_error, failed_at "
    "FROM dead_letters ";
}  // namespace

std::vector<dead_letter> state_db::dead_letters(std::optional<std::string> const& sink_id) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto st = db_.prepare(std::string(dead_letter_columns) +
                          "WHERE (?1 IS NULL OR sink_id = ?1) ORDER BY id");
    st.bind(1, sink_id);
    std::vector<dead_letter> out;
    while (st.step()) {
        out.push_back(read_dead_letter(st));
    }
    return out;
}

std::optional<dead_letter> state_db::dead_letter_by_id(std::int64_t id) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto st = db_.prepare(std::string(dead_letter_columns) + "WHERE id = ?1");
    st.bind(1, id);
    if (st.step()) {
        return read_dead_letter(st);
    }
    return std::nullopt;
}

std::size_t state_db::replay(std::optional<std::int64_t> id,
                             std::optional<std::string> const& sink_id) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    sqlite::transaction tx(db_);
    auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    std::string const where = "WHERE (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR sink_id = ?2)";
    auto ledger = db_.prepare(
        "INSERT INTO ledger (sink_id, release_id, revision, content_hash, accepted_at) "
        "SELECT d.sink_id, d.release_id, d.revision, COALESCE(i.content_hash, ''), ?3 "
        "FROM dead_letters d LEFT JOIN identities i ON i.release_id = d.release_id " +
        std::string("WHERE (?1 IS NULL OR d.id = ?1) AND (?2 IS NULL OR d.sink_id = ?2) ") +
        "ON CONFLICT (sink_id, release_id) DO UPDATE SET delivered_at = NULL");
    if (id) {
        ledger.bind(1, *id);
    } else {
        ledger.bind_null(1);
    }
    ledger.bind(2, sink_id).bind(3, now);
    ledger.run();
    auto move = db_.prepare(
        "INSERT INTO outbox (sink_id, release_id, revision, json, enqueued_at) "
        "SELECT sink_id, release_id, revision, json, ?3 FROM dead_letters " +
        where + " ORDER BY id");
    if (id) {
        move.bind(1, *id);
    } else {
        move.bind_null(1);
    }
    move.bind(2, sink_id).bind(3, now);
    move.run();
    auto const moved = static_cast<std::size_t>(db_.changes());
    auto del = db_.prepare("DELETE FROM dead_letters " + where);
    if (id) {
        del.bind(1, *id);
    } else {
        del.bind_null(1);
    }
    del.bind(2, sink_id);
    del.run();
    tx.commit();
    return moved;
}

std::size_t state_db::drop(std::optional<std::int64_t> id,
                           std::optional<std::string> const& sink_id) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto del = db_.prepare(
        "DELETE FROM dead_letters WHERE (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR sink_id = "
        "?2)");
    if (id) {
        del.bind(1, *id);
    } else {
        del.bind_null(1);
    }
    del.bind(2, sink_id);
    del.run();
    return static_cast<std::size_t>(db_.changes());
}

}  // namespace ingest::core
