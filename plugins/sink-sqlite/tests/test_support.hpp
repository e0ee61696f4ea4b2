// Helpers shared by the sqlite sink tests: unique temporary directories, releases to store,
// a sink instance behind the SDK's fake host, and queries on the resulting database.
#pragma once

#include "sqlite_connection.hpp"
#include "sqlite_sink.hpp"

#include <ingest/sdk.hpp>
#include <ingest/sdk/testing/fake_host.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace ingest::plugins::sink_sqlite::test {

namespace fs = std::filesystem;
namespace sdk_testing = ingest::sdk::testing;

/// A fresh directory under the system's temporary directory, removed with its contents.
class temp_dir {
public:
    temp_dir() {
        std::string pattern = (fs::temp_directory_path() / "ingest-sink-sqlite-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
        }
        path_ = pattern;
    }
    ~temp_dir() {
        std::error_code ec;
        // Tests may have taken permissions away; give them back so removal works.
        for (auto it = fs::recursive_directory_iterator(path_, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
        }
        fs::remove_all(path_, ec);
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;

    fs::path const& path() const noexcept { return path_; }
    fs::path operator/(std::string const& name) const { return path_ / name; }

private:
    fs::path path_;
};

/// 2024-03-01T12:00:00Z.
constexpr std::int64_t published_ms = 1709294400000;
/// 2024-03-01T12:05:00Z.
constexpr std::int64_t fetched_ms = 1709294700000;

/// A release as the core hands it to a sink: id, source, content hash, revision, fetched_at.
inline sdk::release make_release(std::string id, std::uint32_t revision = 1,
                                 std::string title = "Press release",
                                 std::string body = "Body text of the press release.") {
    sdk::release r;
    r.id = std::move(id);
    r.source = {"iom-news", "http", "https://www.iom.int/news/rss.xml", "IOM News"};
    r.native_id = "guid-" + r.id;
    r.link = "https://www.iom.int/news/" + r.id;
    r.title = std::move(title);
    r.body_text = std::move(body);
    r.language = "en";
    r.published = {published_ms, "Fri, 01 Mar 2024 12:00:00 GMT"};
    r.content_hash = "sha256:" + r.id + "-" + std::to_string(revision);
    r.revision = revision;
    r.fetched_at_ms = fetched_ms;
    return r;
}

/// A sqlite sink instance behind the fake host, created and started on db_path.
struct sink_fixture {
    explicit sink_fixture(fs::path db_path, sdk_testing::settings_builder extra = {})
        : path(std::move(db_path)),
          host(std::make_unique<sdk_testing::fake_host>(sdk::descriptor_of<sqlite_sink>(),
                                                        "archive")) {
        created = host->create(extra.set("path", path.string()));
        if (created) {
            started = host->start();
        }
    }

    /// Writes one batch and returns the outcomes (fails the test when the call failed).
    std::vector<sdk_testing::delivery> write(std::vector<sdk::release> const& records) {
        auto result = host->write_batch(records);
        EXPECT_TRUE(result) << result.status();
        if (!result) {
            return {};
        }
        EXPECT_EQ(result->size(), records.size());
        return result.value();
    }

    fs::path path;
    std::unique_ptr<sdk_testing::fake_host> host;
    sdk_testing::call_status created;
    sdk_testing::call_status started{INGEST_ERROR, "not started"};
};

/// Opens the database for the test's own queries.
inline connection open_db(fs::path const& path) {
    connection db;
    auto st = db.open(path.string(), SQLITE_OPEN_READWRITE);
    EXPECT_TRUE(st.ok()) << st.describe();
    return db;
}

/// The integer a query yields (first column of the first row).
inline std::int64_t query_int(connection& db, std::string const& sql) {
    std::int64_t out = -1;
    auto st = db.query_int64(sql.c_str(), out);
    EXPECT_TRUE(st.ok()) << sql << ": " << st.describe();
    return out;
}

/// Every row of a one-column query, NULL as nullopt.
inline std::vector<std::optional<std::string>> query_column(connection& db, std::string const& sql,
                                                            std::string const& param = {}) {
    std::vector<std::optional<std::string>> out;
    statement stmt;
    auto st = db.prepare(sql, stmt);
    EXPECT_TRUE(st.ok()) << sql << ": " << st.describe();
    if (!st.ok()) {
        return out;
    }
    if (sql.find('?') != std::string::npos) {
        stmt.bind_text(1, param);
    }
    int rc = SQLITE_ROW;
    while ((rc = stmt.step()) == SQLITE_ROW) {
        out.push_back(stmt.column_text(0));
    }
    EXPECT_EQ(rc, SQLITE_DONE) << sql << ": " << db.status(rc).describe();
    return out;
}

/// One text value (first column of the first row); nullopt for NULL or no row.
inline std::optional<std::string> query_text(connection& db, std::string const& sql,
                                             std::string const& param = {}) {
    auto rows = query_column(db, sql, param);
    return rows.empty() ? std::nullopt : rows.front();
}

/// The ids of the releases whose title or body matches an FTS5 query, sorted.
inline std::vector<std::string> search(connection& db, std::string const& match) {
    std::vector<std::string> ids;
    for (auto const& id : query_column(db,
                                       "SELECT r.id FROM releases_fts f JOIN releases r "
                                       "ON r.doc_id = f.rowid WHERE releases_fts MATCH ?1 "
                                       "ORDER BY r.id",
                                       match)) {
        ids.push_back(id.value_or("<null>"));
    }
    return ids;
}

/// Counts the outcomes of a batch: {delivered, retry, rejected}.
struct outcome_counts {
    std::size_t delivered = 0;
    std::size_t retry = 0;
    std::size_t rejected = 0;
};
inline outcome_counts count_outcomes(std::vector<sdk_testing::delivery> const& results) {
    outcome_counts out;
    for (auto const& d : results) {
        if (d.delivered()) {
            ++out.delivered;
        } else if (d.retry()) {
            ++out.retry;
        } else if (d.rejected()) {
            ++out.rejected;
        }
    }
    return out;
}

}  // namespace ingest::plugins::sink_sqlite::test
