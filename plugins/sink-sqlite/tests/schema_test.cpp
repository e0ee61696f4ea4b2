// The versioned schema: creation, ordered transactional migrations, refusals.
#include "schema.hpp"
#include "test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace ingest::plugins::sink_sqlite::test {
namespace {

using testing::AllOf;
using testing::HasSubstr;

connection create_db(fs::path const& path) {
    connection db;
    auto st = db.open(path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    EXPECT_TRUE(st.ok()) << st.describe();
    return db;
}

bool has_object(connection& db, std::string const& type, std::string const& name) {
    return query_text(
               db, "SELECT name FROM sqlite_master WHERE type = '" + type + "' AND name = ?1", name)
        .has_value();
}

TEST(sqlite_schema, started_sink_creates_the_current_schema) {
    temp_dir dir;
    sink_fixture sink(dir / "releases.db");
    ASSERT_TRUE(sink.started) << sink.created << " / " << sink.started;

    auto db = open_db(sink.path);
    EXPECT_EQ(current_schema_version(), 1);
    EXPECT_EQ(query_int(db, "PRAGMA user_version"), current_schema_version());
    EXPECT_EQ(query_int(db, "PRAGMA application_id"), application_id);
    EXPECT_EQ(query_text(db, "PRAGMA journal_mode"), "wal");
    for (char const* table : {"releases", "revisions", "releases_fts"}) {
        EXPECT_TRUE(has_object(db, "table", table)) << table;
    }
    for (char const* index : {"releases_published", "releases_source_id"}) {
        EXPECT_TRUE(has_object(db, "index", index)) << index;
    }
    for (char const* trigger :
         {"releases_fts_insert", "releases_fts_delete", "releases_fts_update"}) {
        EXPECT_TRUE(has_object(db, "trigger", trigger)) << trigger;
    }
    EXPECT_TRUE(sink.host->logged(sdk::log_level::info, "migrated from version 0 to 1"))
        << sink.host->log_text();
}

TEST(sqlite_schema, reopening_a_current_database_migrates_nothing) {
    temp_dir dir;
    { sink_fixture first(dir / "releases.db"); }
    sink_fixture second(dir / "releases.db");
    ASSERT_TRUE(second.started) << second.started;
    EXPECT_TRUE(second.host->logged(sdk::log_level::info, "schema version 1"))
        << second.host->log_text();
    EXPECT_FALSE(second.host->logged(sdk::log_level::info, "migrated"));
}

TEST(sqlite_schema, migrations_run_in_order_one_transaction_each) {
    temp_dir dir;
    auto db = create_db(dir / "m.db");
    std::vector<migration> const steps = {
        {1, "CREATE TABLE log (step INTEGER); INSERT INTO log VALUES (1);"},
        {2, "INSERT INTO log VALUES (2);"},
        {3, "INSERT INTO log VALUES (3); CREATE TABLE three (x);"},
    };
    auto result = migrate(db, "m.db", steps);
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.from_version, 0);
    EXPECT_EQ(result.to_version, 3);
    EXPECT_EQ(query_int(db, "PRAGMA user_version"), 3);
    EXPECT_EQ(query_column(db, "SELECT step FROM log ORDER BY rowid"),
              (std::vector<std::optional<std::string>>{"1", "2", "3"}));

    // From version 3, only the new step runs.
    std::vector<migration> more = steps;
    more.push_back({4, "INSERT INTO log VALUES (4);"});
    result = migrate(db, "m.db", more);
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.from_version, 3);
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM log"), 4);
}

TEST(sqlite_schema, a_failing_step_leaves_the_last_completed_version) {
    temp_dir dir;
    auto db = create_db(dir / "m.db");
    std::vector<migration> const steps = {
        {1, "CREATE TABLE one (x);"},
        {2, "CREATE TABLE two (x); INSERT INTO no_such_table VALUES (1);"},
        {3, "CREATE TABLE three (x);"},
    };
    auto result = migrate(db, "m.db", steps);
    EXPECT_FALSE(result.ok);
    EXPECT_THAT(result.error, AllOf(HasSubstr("m.db"), HasSubstr("from version 1 to 2"),
                                    HasSubstr("no_such_table")));
    EXPECT_EQ(query_int(db, "PRAGMA user_version"), 1);
    EXPECT_TRUE(has_object(db, "table", "one"));
    EXPECT_FALSE(has_object(db, "table", "two"));
    EXPECT_FALSE(has_object(db, "table", "three"));
    EXPECT_FALSE(db.in_transaction());
}

TEST(sqlite_schema, a_newer_database_is_refused_with_file_and_versions) {
    temp_dir dir;
    auto const path = dir / "newer.db";
    {
        auto db = create_db(path);
        ASSERT_TRUE(db.exec("CREATE TABLE future (x); PRAGMA user_version = 7;").ok());
    }
    sink_fixture sink(path);
    ASSERT_TRUE(sink.created) << sink.created;
    EXPECT_FALSE(sink.started);
    EXPECT_THAT(sink.started.message,
                AllOf(HasSubstr(path.string()), HasSubstr("schema version 7"),
                      HasSubstr("knows versions up to 1"), HasSubstr("upgrade")));

    // Writes are retried with the same reason; the file is left as it was.
    auto results = sink.write({make_release("r1")});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_TRUE(results[0].retry());
    EXPECT_THAT(results[0].reason, HasSubstr("schema version 7"));
    auto db = open_db(path);
    EXPECT_EQ(query_int(db, "PRAGMA user_version"), 7);
    EXPECT_FALSE(has_object(db, "table", "releases"));
}

TEST(sqlite_schema, a_foreign_database_is_refused) {
    temp_dir dir;
    auto const path = dir / "other-app.db";
    {
        auto db = create_db(path);
        ASSERT_TRUE(db.exec("CREATE TABLE customers (name TEXT);").ok());
    }
    sink_fixture sink(path);
    EXPECT_FALSE(sink.started);
    EXPECT_THAT(sink.started.message,
                AllOf(HasSubstr(path.string()), HasSubstr("not an ingestd sqlite sink database")));
    auto db = open_db(path);
    EXPECT_FALSE(has_object(db, "table", "releases"));
}

TEST(sqlite_schema, a_file_that_is_not_a_database_fails_start_without_crashing) {
    temp_dir dir;
    auto const path = dir / "garbage.db";
    std::ofstream(path) << std::string(8192, 'x');
    sink_fixture sink(path);
    ASSERT_TRUE(sink.created) << sink.created;
    EXPECT_FALSE(sink.started);
    EXPECT_THAT(sink.started.message, AllOf(HasSubstr(path.string()), HasSubstr("not a database")));
    auto results = sink.write({make_release("r1")});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_TRUE(results[0].retry());
    EXPECT_THAT(results[0].reason, HasSubstr("not a database"));
}

TEST(sqlite_schema, an_empty_file_gets_the_schema) {
    temp_dir dir;
    auto const path = dir / "empty.db";
    std::ofstream{path};
    sink_fixture sink(path);
    ASSERT_TRUE(sink.started) << sink.started;
    auto db = open_db(path);
    EXPECT_EQ(query_int(db, "PRAGMA user_version"), current_schema_version());
}

}  // namespace
}  // namespace ingest::plugins::sink_sqlite::test
