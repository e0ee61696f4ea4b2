// When the database cannot take a batch: every record is retried with SQLite's reason, the
// sink never crashes, and it recovers once the cause is gone.
#include "test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <string>

namespace ingest::plugins::sink_sqlite::test {
namespace {

using testing::AllOf;
using testing::HasSubstr;

TEST(sqlite_failures, result_codes_are_blamed_on_the_record_or_the_batch) {
    for (int code : {SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_CHECK,
                     SQLITE_CONSTRAINT_TRIGGER, SQLITE_TOOBIG, SQLITE_MISMATCH}) {
        EXPECT_EQ(classify_failure(code), failure_scope::record) << code;
    }
    for (int code :
         {SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED, SQLITE_FULL, SQLITE_IOERR,
          SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC, SQLITE_READONLY, SQLITE_READONLY_DBMOVED,
          SQLITE_CANTOPEN, SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_NOMEM, SQLITE_ERROR}) {
        EXPECT_EQ(classify_failure(code), failure_scope::batch) << code;
    }
    EXPECT_EQ(result_code_name(SQLITE_IOERR_FSYNC), "SQLITE_IOERR");
    EXPECT_EQ(result_code_name(SQLITE_FULL), "SQLITE_FULL");
}

TEST(sqlite_failures, a_locked_database_retries_the_batch_and_recovers) {
    temp_dir dir;
    sink_fixture sink(dir / "releases.db",
                      sdk_testing::settings_builder().set("busy_timeout", "50ms"));
    ASSERT_TRUE(sink.started) << sink.started;

    auto other = open_db(sink.path);
    ASSERT_TRUE(other.exec("BEGIN IMMEDIATE").ok());  // another writer holds the lock

    std::vector<sdk::release> batch = {make_release("a"), make_release("b")};
    auto results = sink.write(batch);
    ASSERT_EQ(results.size(), 2u);
    for (auto const& d : results) {
        EXPECT_TRUE(d.retry());
        EXPECT_THAT(d.reason, AllOf(HasSubstr("database is locked"), HasSubstr("SQLITE_BUSY"),
                                    HasSubstr(sink.path.string())));
    }
    EXPECT_EQ(sink.host->counter("sink_sqlite_batch_failures_total", {{"code", "SQLITE_BUSY"}}), 1);
    EXPECT_TRUE(sink.host->logged(sdk::log_level::warn, "will retry")) << sink.host->log_text();

    ASSERT_TRUE(other.exec("ROLLBACK").ok());
    auto again = sink.write(batch);
    EXPECT_EQ(count_outcomes(again).delivered, 2u);
    EXPECT_EQ(query_int(other, "SELECT count(*) FROM releases"), 2);
    EXPECT_TRUE(sink.host->violations().empty());
}

TEST(sqlite_failures, a_directory_that_cannot_be_created_fails_start_and_retries_writes) {
    temp_dir dir;
    std::ofstream(dir / "not-a-dir") << "a file where a directory should be";
    sink_fixture sink(dir / "not-a-dir/state/releases.db");
    ASSERT_TRUE(sink.created) << sink.created;
    EXPECT_FALSE(sink.started);
    EXPECT_THAT(sink.started.message,
                AllOf(HasSubstr("cannot create the directory"), HasSubstr("not-a-dir/state")));

    auto results = sink.write({make_release("a"), make_release("b")});
    ASSERT_EQ(results.size(), 2u);
    for (auto const& d : results) {
        EXPECT_TRUE(d.retry());
        EXPECT_THAT(d.reason, HasSubstr("cannot create the directory"));
    }
    EXPECT_TRUE(sink.host->violations().empty());
}

/// Runs check in a forked child as user nobody (root ignores file permissions), or here when
/// the tests do not run as root. check returns "" on success, what went wrong otherwise.
template <class Check>
void expect_as_unprivileged(Check check) {
    if (::geteuid() != 0) {
        EXPECT_EQ(check(), "");
        return;
    }
    GTEST_FLAG_SET(death_test_style, "fast");
    EXPECT_EXIT(
        {
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) {
                std::fprintf(stderr, "cannot drop privileges\n");
                std::_Exit(2);
            }
            auto problem = check();
            std::fprintf(stderr, "%s\n", problem.empty() ? "check passed" : problem.c_str());
            std::_Exit(problem.empty() ? 0 : 1);
        },
        testing::ExitedWithCode(0), "check passed");
}

/// Creates a database at path with one release, and closes it.
void create_database(fs::path const& path) {
    sink_fixture writer(path);
    ASSERT_TRUE(writer.started) << writer.started;
    writer.write({make_release("a")});
}

/// Writes two releases to path; "" when both came back as retry with a reason that names
/// the file and contains expected_code.
std::string writes_are_retried(fs::path const& path, std::string const& expected_code,
                               bool expect_started) {
    sink_fixture sink(path);
    if (!sink.created) {
        return "create failed: " + sink.created.message;
    }
    if (sink.started.ok() != expect_started) {
        return "start: " + (sink.started.ok() ? std::string("succeeded") : sink.started.message);
    }
    auto results = sink.host->write_batch({make_release("b"), make_release("c")});
    if (!results) {
        return "write_batch failed: " + results.message();
    }
    for (auto const& d : results.value()) {
        if (!d.retry()) {
            return "a record was not retried: " + d.reason;
        }
        if (d.reason.find(path.string()) == std::string::npos ||
            d.reason.find(expected_code) == std::string::npos) {
            return "unexpected reason: " + d.reason;
        }
    }
    if (!sink.host->violations().empty()) {
        return "ABI violation: " + sink.host->violations().front();
    }
    return {};
}

TEST(sqlite_failures, a_database_in_a_read_only_directory_fails_start_and_retries_writes) {
    temp_dir dir;
    auto const path = dir / "releases.db";
    create_database(path);
    ASSERT_EQ(::chmod(path.c_str(), 0444), 0);
    ASSERT_EQ(::chmod(dir.path().c_str(), 0555), 0);
    // Not even the WAL index can be created: start() fails, writes are retried.
    expect_as_unprivileged([&] { return writes_are_retried(path, "SQLITE_READONLY", false); });
}

TEST(sqlite_failures, a_read_only_database_file_starts_and_retries_writes) {
    temp_dir dir;
    auto const path = dir / "releases.db";
    create_database(path);
    ASSERT_EQ(::chmod(path.c_str(), 0444), 0);
    ASSERT_EQ(::chmod(dir.path().c_str(), 0777), 0);
    // The file opens read-only (the WAL files can be created beside it): start() succeeds
    // with a warning, and the write transaction fails with SQLITE_READONLY.
    expect_as_unprivileged([&] { return writes_are_retried(path, "SQLITE_READONLY", true); });
}

/// In a child process: a batch that does not fit under RLIMIT_FSIZE (writes past the limit
/// fail as on a full disk) is retried with SQLite's reason, and goes through once the limit
/// is lifted. Returns the exit code; prints "check passed" or what went wrong.
int write_on_a_full_disk(fs::path const& path) {
    std::signal(SIGXFSZ, SIG_IGN);
    sink_fixture sink(path);
    std::vector<sdk::release> batch;
    for (int i = 0; i < 300; ++i) {
        batch.push_back(make_release("big-" + std::to_string(i), 1, "Big", std::string(4096, 'x')));
    }
    rlimit limit{};
    ::getrlimit(RLIMIT_FSIZE, &limit);
    rlimit const small{256 * 1024, limit.rlim_max};
    ::setrlimit(RLIMIT_FSIZE, &small);
    auto failed = sink.host->write_batch(batch);
    ::setrlimit(RLIMIT_FSIZE, &limit);
    if (!failed || count_outcomes(*failed).retry != batch.size()) {
        std::fprintf(stderr, "not all retried\n");
        return 1;
    }
    auto const& reason = failed->front().reason;
    if (reason.find("SQLITE_FULL") == std::string::npos &&
        reason.find("SQLITE_IOERR") == std::string::npos) {
        std::fprintf(stderr, "unexpected reason: %s\n", reason.c_str());
        return 1;
    }
    auto again = sink.host->write_batch(batch);
    if (!again || count_outcomes(*again).delivered != batch.size()) {
        std::fprintf(stderr, "not delivered after the limit was lifted\n");
        return 1;
    }
    std::fprintf(stderr, "check passed: %s\n", reason.c_str());
    return 0;
}

TEST(sqlite_failures, a_full_disk_retries_the_batch_and_leaves_the_database_intact) {
    temp_dir dir;
    auto const path = dir / "releases.db";
    create_database(path);

    // In a child, so that the file size limit does not leak into other tests.
    GTEST_FLAG_SET(death_test_style, "fast");
    EXPECT_EXIT(std::_Exit(write_on_a_full_disk(path)), testing::ExitedWithCode(0), "check passed");

    auto db = open_db(path);
    EXPECT_EQ(query_text(db, "PRAGMA integrity_check"), "ok");
    EXPECT_TRUE(db.exec("INSERT INTO releases_fts (releases_fts) VALUES ('integrity-check')").ok());
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM releases"), 301);
}

TEST(sqlite_failures, a_database_moved_away_is_reopened_at_path) {
    // An operator moves the file away while the sink runs. SQLite in WAL mode would keep
    // writing into the moved file; the sink notices and opens a new file at path instead.
    temp_dir dir;
    sink_fixture sink(dir / "releases.db");
    ASSERT_TRUE(sink.started) << sink.started;
    EXPECT_EQ(count_outcomes(sink.write({make_release("a")})).delivered, 1u);

    for (char const* suffix : {"", "-wal", "-shm"}) {
        std::error_code ec;  // -wal and -shm exist only while a connection is open
        fs::rename(dir / ("releases.db" + std::string(suffix)),
                   dir / ("moved.db" + std::string(suffix)), ec);
    }
    EXPECT_EQ(count_outcomes(sink.write({make_release("b")})).delivered, 1u);
    EXPECT_TRUE(sink.host->logged(sdk::log_level::warn, "was moved, deleted or replaced"))
        << sink.host->log_text();

    auto db = open_db(dir / "releases.db");
    EXPECT_EQ(query_column(db, "SELECT id FROM releases"),
              (std::vector<std::optional<std::string>>{"b"}));
    auto moved = open_db(dir / "moved.db");
    EXPECT_EQ(query_column(moved, "SELECT id FROM releases"),
              (std::vector<std::optional<std::string>>{"a"}));
    EXPECT_TRUE(sink.host->violations().empty());
}

}  // namespace
}  // namespace ingest::plugins::sink_sqlite::test
