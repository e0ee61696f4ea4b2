// The versioned schema of the sqlite sink's database and its migrations.
//
// The schema version lives in PRAGMA user_version. Migration N -> N+1 is a list of SQL
// statements; migrate() runs the missing steps in order, each in its own IMMEDIATE
// transaction together with the new user_version, so a crash or an error leaves the file at
// the last completed version. The schema is a public interface (users and `ingestctl search`
// query it): a change is a new migration appended to schema_migrations(), never an edit of
// an old one, and README.md documents the result.
#pragma once

#include "sqlite_connection.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ingest::plugins::sink_sqlite {

/// One migration step: the SQL that brings version to_version - 1 to to_version.
struct migration {
    std::int64_t to_version;
    char const* sql;
};

/// PRAGMA application_id of a sink database ("INGS"), so that tools (and `file`) can tell
/// it from other SQLite files.
constexpr std::int64_t application_id = 0x494E4753;

/// The migrations of this build, in order; the last to_version is the current version.
std::vector<migration> schema_migrations();

/// The schema version this build creates and understands.
std::int64_t current_schema_version();

/// The result of migrate().
struct migrate_result {
    bool ok = false;
    std::int64_t from_version = 0;  ///< the version the file had when opened
    std::int64_t to_version = 0;    ///< the version it has now
    std::string error;              ///< why it failed; names the file and the versions
    sql_status status;              ///< the SQLite failure behind error, if any
};

/// Brings the database behind db to the last version of steps. Refuses, without touching
/// the file, a database newer than the steps know and a file that has tables but is not a
/// sink database. display_path names the file in messages. Requires: db is open and not in
/// a transaction. The steps must have to_version 1, 2, 3... in order.
migrate_result migrate(connection& db, std::string const& display_path,
                       std::vector<migration> const& steps = schema_migrations());

}  // namespace ingest::plugins::sink_sqlite
