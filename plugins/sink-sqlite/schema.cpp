#include "schema.hpp"

#include <iterator>
#include <utility>

namespace ingest::plugins::sink_sqlite {

namespace {

// Version 1. `releases` holds the latest revision of each release; `doc_id` is an explicit
// INTEGER PRIMARY KEY (not `id`) because the external-content FTS index refers to rows by
// rowid, and only an INTEGER PRIMARY KEY keeps rowids stable across VACUUM. `id` is still
// unique and is what users look releases up by.
constexpr char const* schema_v1 = R"sql(
CREATE TABLE releases (
    doc_id        INTEGER PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE CHECK (id <> ''),
    revision      INTEGER NOT NULL CHECK (revision >= 1),
    content_hash  TEXT,
    source_id     TEXT    NOT NULL,
    source_plugin TEXT    NOT NULL,
    native_id     TEXT,
    link          TEXT,
    title         TEXT,
    summary       TEXT,
    body_text     TEXT,
    language      TEXT,
    published     TEXT,
    published_raw TEXT,
    updated       TEXT,
    dateline      TEXT,
    tags          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    contacts      TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(contacts)),
    json          TEXT    NOT NULL CHECK (json_valid(json)),
    first_seen    TEXT    NOT NULL,
    stored_at     TEXT    NOT NULL
);
CREATE INDEX releases_published ON releases (published);
CREATE INDEX releases_source_id ON releases (source_id);

CREATE TABLE revisions (
    release_id   TEXT    NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    content_hash TEXT,
    json         TEXT    NOT NULL CHECK (json_valid(json)),
    stored_at    TEXT    NOT NULL,
    PRIMARY KEY (release_id, revision)
);

CREATE VIRTUAL TABLE releases_fts USING fts5 (
    title,
    body_text,
    content = 'releases',
    content_rowid = 'doc_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER releases_fts_insert AFTER INSERT ON releases BEGIN
    INSERT INTO releases_fts (rowid, title, body_text)
    VALUES (new.doc_id, new.title, new.body_text);
END;
CREATE TRIGGER releases_fts_delete AFTER DELETE ON releases BEGIN
    INSERT INTO releases_fts (releases_fts, rowid, title, body_text)
    VALUES ('delete', old.doc_id, old.title, old.body_text);
END;
CREATE TRIGGER releases_fts_update AFTER UPDATE OF doc_id, title, body_text ON releases BEGIN
    INSERT INTO releases_fts (releases_fts, rowid, title, body_text)
    VALUES ('delete', old.doc_id, old.title, old.body_text);
    INSERT INTO releases_fts (rowid, title, body_text)
    VALUES (new.doc_id, new.title, new.body_text);
END;

PRAGMA application_id = 1229866835;
)sql";

constexpr migration migrations[] = {
    {1, schema_v1},
};

static_assert(application_id == 1229866835, "schema_v1 writes application_id literally");

std::string version_text(std::int64_t v) {
    return std::to_string(v);
}

/// Rolls back whatever transaction a failed step left open.
void rollback_quietly(connection& db) {
    if (db.in_transaction()) {
        db.exec("ROLLBACK");
    }
}

}  // namespace

std::vector<migration> schema_migrations() {
    return std::vector<migration>(std::begin(migrations), std::end(migrations));
}

std::int64_t current_schema_version() {
    return std::end(migrations)[-1].to_version;
}

migrate_result migrate(connection& db, std::string const& display_path,
                       std::vector<migration> const& steps) {
    migrate_result out;
    std::int64_t const latest = steps.empty() ? 0 : steps.back().to_version;

    std::int64_t version = 0;
    std::int64_t app_id = 0;
    std::int64_t objects = 0;
    for (auto [sql, target] :
         {std::pair<char const*, std::int64_t*>{"PRAGMA user_version", &version},
          {"PRAGMA application_id", &app_id},
          {"SELECT count(*) FROM sqlite_master", &objects}}) {
        if (auto st = db.query_int64(sql, *target); !st.ok()) {
            out.error = display_path + ": cannot read the schema version: " + st.describe();
            out.status = st;
            return out;
        }
    }
    out.from_version = version;
    out.to_version = version;

    if (version > latest) {
        out.error = display_path + " has schema version " + version_text(version) +
                    ", but this sqlite sink knows versions up to " + version_text(latest) +
                    ": upgrade the sqlite sink plugin, or set `path` to another file";
        return out;
    }
    if ((app_id != 0 && app_id != application_id) || (version == 0 && objects != 0)) {
        out.error = display_path +
                    " is not an ingestd sqlite sink database (it has other tables or another "
                    "application id): set `path` to a new file";
        return out;
    }

    for (auto const& step : steps) {
        if (step.to_version <= version) {
            continue;
        }
        auto fail = [&](sql_status const& st, char const* what) {
            rollback_quietly(db);
            out.error = display_path + ": migrating the schema from version " +
                        version_text(step.to_version - 1) + " to " + version_text(step.to_version) +
                        " failed (" + what + "): " + st.describe();
            out.status = st;
            return out;
        };
        if (auto st = db.exec("BEGIN IMMEDIATE"); !st.ok()) {
            return fail(st, "cannot begin");
        }
        // Another process may have migrated while we waited for the write lock.
        std::int64_t now = 0;
        if (auto st = db.query_int64("PRAGMA user_version", now); !st.ok()) {
            return fail(st, "cannot read user_version");
        }
        if (now >= step.to_version) {
            if (auto st = db.exec("COMMIT"); !st.ok()) {
                return fail(st, "commit");
            }
            version = now;
            out.to_version = now;
            continue;
        }
        if (now != step.to_version - 1) {
            return fail({SQLITE_ERROR, "the file is at version " + version_text(now) +
                                           " after another process changed it"},
                        "unexpected version");
        }
        if (auto st = db.exec(step.sql); !st.ok()) {
            return fail(st, "step");
        }
        std::string const set_version = "PRAGMA user_version = " + version_text(step.to_version);
        if (auto st = db.exec(set_version); !st.ok()) {
            return fail(st, "cannot set user_version");
        }
        if (auto st = db.exec("COMMIT"); !st.ok()) {
            return fail(st, "commit");
        }
        version = step.to_version;
        out.to_version = version;
    }
    out.ok = true;
    return out;
}

}  // namespace ingest::plugins::sink_sqlite
