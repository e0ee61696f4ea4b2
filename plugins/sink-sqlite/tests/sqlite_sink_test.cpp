// Storing releases: rows and columns, full-text search, revisions, idempotent replays,
// per-record rejections, large batches.
#include "test_support.hpp"

#include <boost/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ingest::plugins::sink_sqlite::test {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing::IsEmpty;

using ids = std::vector<std::string>;

class sqlite_sink_test : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(sink_.created) << sink_.created;
        ASSERT_TRUE(sink_.started) << sink_.started << "\n" << sink_.host->log_text();
    }
    void TearDown() override { EXPECT_THAT(sink_.host->violations(), IsEmpty()); }

    /// Writes a batch and expects every record delivered.
    void write_all(std::vector<sdk::release> const& records) {
        auto results = sink_.write(records);
        for (std::size_t i = 0; i < results.size(); ++i) {
            EXPECT_TRUE(results[i].delivered()) << "record " << i << ": " << results[i].reason;
        }
    }

    temp_dir dir_;
    sink_fixture sink_{dir_ / "releases.db"};
    connection db_ = open_db(sink_.path);
};

TEST_F(sqlite_sink_test, a_release_becomes_one_row_with_every_column) {
    auto r = make_release("iom-2024-001", 1, "Volcano watch on Citlaltépetl",
                          "Authorities in Puebla raised the alert level.");
    r.summary = "Alert level raised";
    r.updated = {published_ms + 3600000, ""};
    r.dateline = "Mexico City";
    r.tags = {"mexico", "volcano"};
    r.contacts = {{"Ana Pérez", "IOM", "press@iom.int", "+52 55 1234"}};
    sink_.host->set_now_ms(fetched_ms + 60000);
    write_all({r});

    auto column = [&](char const* name) {
        return query_text(db_, std::string("SELECT ") + name + " FROM releases WHERE id = ?1",
                          r.id);
    };
    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM releases"), 1);
    EXPECT_EQ(column("revision"), "1");
    EXPECT_EQ(column("content_hash"), r.content_hash);
    EXPECT_EQ(column("source_id"), "iom-news");
    EXPECT_EQ(column("source_plugin"), "http");
    EXPECT_EQ(column("native_id"), "guid-iom-2024-001");
    EXPECT_EQ(column("link"), "https://www.iom.int/news/iom-2024-001");
    EXPECT_EQ(column("title"), "Volcano watch on Citlaltépetl");
    EXPECT_EQ(column("summary"), "Alert level raised");
    EXPECT_EQ(column("body_text"), "Authorities in Puebla raised the alert level.");
    EXPECT_EQ(column("language"), "en");
    EXPECT_EQ(column("published"), "2024-03-01T12:00:00Z");
    EXPECT_EQ(column("published_raw"), "Fri, 01 Mar 2024 12:00:00 GMT");
    EXPECT_EQ(column("updated"), "2024-03-01T13:00:00Z");
    EXPECT_EQ(column("dateline"), "Mexico City");
    EXPECT_EQ(column("first_seen"), "2024-03-01T12:05:00Z");
    EXPECT_EQ(column("stored_at"), "2024-03-01T12:06:00Z");

    auto tags = boost::json::parse(column("tags").value_or("null"));
    EXPECT_EQ(tags, boost::json::parse(R"(["mexico","volcano"])"));
    auto contacts = boost::json::parse(column("contacts").value_or("null"));
    EXPECT_EQ(contacts.at(0).at("name"), "Ana Pérez");
    EXPECT_EQ(contacts.at(0).at("email"), "press@iom.int");

    // The json column is the SDK's serialization, and parses as JSON.
    auto const json = column("json").value_or("");
    EXPECT_EQ(json, sdk::to_json(r));
    boost::system::error_code ec;
    auto parsed = boost::json::parse(json, ec);
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_EQ(parsed.at("id"), "iom-2024-001");
    EXPECT_EQ(parsed.at("revision"), 1);
    EXPECT_EQ(parsed.at("title"), "Volcano watch on Citlaltépetl");

    EXPECT_EQ(query_int(db_,
                        "SELECT count(*) FROM revisions WHERE release_id = 'iom-2024-001' "
                        "AND revision = 1"),
              1);
    auto revision_json = query_text(db_, "SELECT json FROM revisions WHERE release_id = ?1", r.id);
    EXPECT_EQ(revision_json, json);
    EXPECT_EQ(sink_.host->counter("sink_sqlite_records_total", {{"outcome", "inserted"}}), 1);
}

TEST_F(sqlite_sink_test, absent_fields_are_null) {
    sdk::release r;
    r.id = "bare";
    r.source = {"drops", "dir", "", ""};
    write_all({r});
    for (char const* name : {"content_hash", "native_id", "link", "title", "summary", "body_text",
                             "language", "published", "published_raw", "updated", "dateline"}) {
        EXPECT_EQ(query_text(db_, std::string("SELECT ") + name + " FROM releases"), std::nullopt)
            << name;
    }
    EXPECT_EQ(query_text(db_, "SELECT tags FROM releases"), "[]");
    EXPECT_EQ(query_text(db_, "SELECT contacts FROM releases"), "[]");
    // Without fetched_at, first_seen is when the sink stored the release.
    EXPECT_EQ(query_text(db_, "SELECT first_seen FROM releases"),
              query_text(db_, "SELECT stored_at FROM releases"));
}

TEST_F(sqlite_sink_test, times_outside_rfc3339_are_null_with_the_raw_text_kept) {
    auto r = make_release("far-future");
    r.published = {std::int64_t{400000000000000}, "year 14645"};
    write_all({r});
    EXPECT_EQ(query_text(db_, "SELECT published FROM releases"), std::nullopt);
    EXPECT_EQ(query_text(db_, "SELECT published_raw FROM releases"), "year 14645");
}

TEST_F(sqlite_sink_test, full_text_search_finds_title_and_body_words) {
    write_all({
        make_release("volcano", 1, "Volcano watch on Citlaltépetl",
                     "Ash fell on Ciudad Serdán overnight."),
        make_release("floods", 1, "Floods in Tabasco", "Rivers rose above the warning mark."),
    });
    EXPECT_THAT(search(db_, "volcano"), ElementsAre("volcano"));
    EXPECT_THAT(search(db_, "Citlaltépetl"), ElementsAre("volcano"));
    EXPECT_THAT(search(db_, "citlaltepetl"), ElementsAre("volcano"));  // diacritics folded
    EXPECT_THAT(search(db_, "Serdán"), ElementsAre("volcano"));
    EXPECT_THAT(search(db_, "rivers"), ElementsAre("floods"));
    EXPECT_THAT(search(db_, "title:tabasco"), ElementsAre("floods"));
    EXPECT_THAT(search(db_, "title:rivers"), IsEmpty());
    EXPECT_THAT(search(db_, "earthquake"), IsEmpty());
}

TEST_F(sqlite_sink_test, a_newer_revision_replaces_the_row_and_its_search_words) {
    sink_.host->set_now_ms(fetched_ms + 1000);
    write_all({make_release("r1", 1, "Volcano watch on Citlaltépetl",
                            "Ash fell on Ciudad Serdán overnight.")});
    auto const first_seen = query_text(db_, "SELECT first_seen FROM releases");

    auto v2 = make_release("r1", 2, "Volcano alert lifted on Citlaltépetl",
                           "Authorities in Puebla lowered the alert level.");
    v2.fetched_at_ms = fetched_ms + 7200000;
    sink_.host->set_now_ms(fetched_ms + 7201000);
    write_all({v2});

    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM releases"), 1);
    EXPECT_EQ(query_int(db_, "SELECT revision FROM releases"), 2);
    EXPECT_EQ(query_text(db_, "SELECT title FROM releases"),
              "Volcano alert lifted on Citlaltépetl");
    EXPECT_EQ(query_text(db_, "SELECT content_hash FROM releases"), v2.content_hash);
    EXPECT_EQ(query_text(db_, "SELECT first_seen FROM releases"), first_seen);
    EXPECT_EQ(query_text(db_, "SELECT stored_at FROM releases"), "2024-03-01T14:05:01Z");
    EXPECT_EQ(query_text(db_, "SELECT json FROM releases"), sdk::to_json(v2));

    EXPECT_THAT(search(db_, "ash"), IsEmpty());
    EXPECT_THAT(search(db_, "watch"), IsEmpty());
    EXPECT_THAT(search(db_, "Serdán"), IsEmpty());
    EXPECT_THAT(search(db_, "lifted"), ElementsAre("r1"));
    EXPECT_THAT(search(db_, "Puebla"), ElementsAre("r1"));
    EXPECT_THAT(search(db_, "citlaltepetl"), ElementsAre("r1"));
    EXPECT_TRUE(
        db_.exec("INSERT INTO releases_fts (releases_fts) VALUES ('integrity-check')").ok());

    EXPECT_EQ(query_column(db_,
                           "SELECT revision FROM revisions WHERE release_id = 'r1' "
                           "ORDER BY revision"),
              (std::vector<std::optional<std::string>>{"1", "2"}));
    EXPECT_EQ(sink_.host->counter("sink_sqlite_records_total", {{"outcome", "updated"}}), 1);
}

TEST_F(sqlite_sink_test, a_replayed_batch_changes_nothing) {
    std::vector<sdk::release> batch = {make_release("a", 1, "Alpha"), make_release("b", 2, "Beta")};
    write_all(batch);
    auto const before = query_column(db_,
                                     "SELECT json || stored_at || first_seen || doc_id "
                                     "FROM releases ORDER BY id");
    auto const changes_before = query_int(db_, "SELECT count(*) FROM revisions");

    sink_.host->advance(std::chrono::hours(1));
    write_all(batch);
    write_all(batch);

    EXPECT_EQ(query_column(db_,
                           "SELECT json || stored_at || first_seen || doc_id "
                           "FROM releases ORDER BY id"),
              before);
    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM revisions"), changes_before);
    EXPECT_THAT(search(db_, "alpha"), ElementsAre("a"));
    EXPECT_TRUE(
        db_.exec("INSERT INTO releases_fts (releases_fts) VALUES ('integrity-check')").ok());
    EXPECT_EQ(sink_.host->counter("sink_sqlite_records_total", {{"outcome", "unchanged"}}), 4);
}

TEST_F(sqlite_sink_test, an_older_revision_does_not_overwrite_but_is_kept_in_history) {
    write_all({make_release("r1", 3, "Third")});
    write_all({make_release("r1", 2, "Second")});
    EXPECT_EQ(query_int(db_, "SELECT revision FROM releases"), 3);
    EXPECT_EQ(query_text(db_, "SELECT title FROM releases"), "Third");
    EXPECT_THAT(search(db_, "second"), IsEmpty());
    EXPECT_EQ(query_column(db_,
                           "SELECT json_extract(json, '$.title') FROM revisions "
                           "ORDER BY revision"),
              (std::vector<std::optional<std::string>>{"Second", "Third"}));
    EXPECT_EQ(sink_.host->counter("sink_sqlite_records_total", {{"outcome", "stale"}}), 1);
}

TEST_F(sqlite_sink_test, revisions_of_one_release_in_one_batch_end_at_the_newest) {
    write_all({make_release("r1", 1, "One"), make_release("r1", 3, "Three"),
               make_release("r1", 2, "Two"), make_release("r1", 3, "Three")});
    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM releases"), 1);
    EXPECT_EQ(query_text(db_, "SELECT title FROM releases"), "Three");
    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM revisions"), 3);
    EXPECT_THAT(search(db_, "one OR two"), IsEmpty());
    EXPECT_THAT(search(db_, "three"), ElementsAre("r1"));
}

TEST_F(sqlite_sink_test, same_revision_with_another_hash_keeps_the_stored_one_and_warns) {
    write_all({make_release("r1", 1, "Original")});
    auto changed = make_release("r1", 1, "Changed");
    changed.content_hash = "sha256:other";
    write_all({changed});
    EXPECT_EQ(query_text(db_, "SELECT title FROM releases"), "Original");
    EXPECT_TRUE(sink_.host->logged(sdk::log_level::warn, "another content hash"))
        << sink_.host->log_text();
}

TEST_F(sqlite_sink_test, a_malformed_record_is_rejected_alone) {
    auto empty_id = make_release("");
    auto bad_utf8_id = make_release(std::string("bad\xff", 4));
    auto control_id = make_release(std::string("tab\tid"));
    auto results = sink_.write(
        {make_release("good-1"), empty_id, bad_utf8_id, control_id, make_release("good-2")});
    ASSERT_EQ(results.size(), 5u);
    EXPECT_TRUE(results[0].delivered()) << results[0].reason;
    EXPECT_TRUE(results[1].rejected());
    EXPECT_THAT(results[1].reason, HasSubstr("empty id"));
    EXPECT_TRUE(results[2].rejected());
    EXPECT_THAT(results[2].reason, HasSubstr("UTF-8"));
    EXPECT_TRUE(results[3].rejected());
    EXPECT_TRUE(results[4].delivered()) << results[4].reason;
    EXPECT_EQ(query_column(db_, "SELECT id FROM releases ORDER BY id"),
              (std::vector<std::optional<std::string>>{"good-1", "good-2"}));
    EXPECT_EQ(sink_.host->counter("sink_sqlite_records_total", {{"outcome", "rejected"}}), 3);
}

TEST_F(sqlite_sink_test, a_record_the_database_refuses_is_rejected_and_undone_alone) {
    // A user's trigger refuses one release after its row was written: the savepoint must
    // undo that row, and the records around it must still be stored.
    ASSERT_TRUE(db_.exec("CREATE TRIGGER refuse_evil BEFORE INSERT ON revisions "
                         "WHEN new.release_id = 'evil' "
                         "BEGIN SELECT RAISE(ABORT, 'evil releases are refused'); END;")
                    .ok());
    auto results = sink_.write({make_release("a"), make_release("evil"), make_release("b")});
    ASSERT_EQ(results.size(), 3u);
    EXPECT_TRUE(results[0].delivered()) << results[0].reason;
    EXPECT_TRUE(results[1].rejected());
    EXPECT_THAT(results[1].reason, HasSubstr("evil releases are refused"));
    EXPECT_THAT(results[1].reason, HasSubstr("SQLITE_CONSTRAINT"));
    EXPECT_TRUE(results[2].delivered()) << results[2].reason;
    EXPECT_EQ(query_column(db_, "SELECT id FROM releases ORDER BY id"),
              (std::vector<std::optional<std::string>>{"a", "b"}));
    EXPECT_THAT(search(db_, "press"), ElementsAre("a", "b"));
}

TEST_F(sqlite_sink_test, a_record_whose_failure_ends_the_transaction_is_rejected_alone) {
    // RAISE(ROLLBACK) ends the whole transaction: the batch is written again without it.
    ASSERT_TRUE(db_.exec("CREATE TRIGGER refuse_evil BEFORE INSERT ON releases "
                         "WHEN new.id = 'evil' "
                         "BEGIN SELECT RAISE(ROLLBACK, 'evil releases roll back'); END;")
                    .ok());
    auto results = sink_.write({make_release("a"), make_release("evil"), make_release("b")});
    ASSERT_EQ(results.size(), 3u);
    EXPECT_TRUE(results[0].delivered()) << results[0].reason;
    EXPECT_TRUE(results[1].rejected());
    EXPECT_THAT(results[1].reason, HasSubstr("evil releases roll back"));
    EXPECT_TRUE(results[2].delivered()) << results[2].reason;
    EXPECT_EQ(query_column(db_, "SELECT id FROM releases ORDER BY id"),
              (std::vector<std::optional<std::string>>{"a", "b"}));
    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM revisions"), 2);
}

TEST_F(sqlite_sink_test, invalid_utf8_in_text_is_stored_as_replacement_characters) {
    auto r = make_release("r1", 1, std::string("Caf\xe9 opens", 10), "Body with \xc3 broken");
    write_all({r});
    EXPECT_EQ(query_text(db_, "SELECT title FROM releases"), "Caf\xef\xbf\xbd opens");
    EXPECT_TRUE(query_text(db_, "SELECT json_valid(json) FROM releases") == "1");
    EXPECT_THAT(search(db_, "opens"), ElementsAre("r1"));
}

TEST_F(sqlite_sink_test, a_batch_of_a_thousand_is_stored_in_one_call) {
    std::vector<sdk::release> batch;
    for (int i = 0; i < 1000; ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "release-%04d", i);
        batch.push_back(
            make_release(id, 1, std::string("Bulletin ") + id,
                         "Shelter update number " + std::to_string(i) + " from Veracruz."));
    }
    auto results = sink_.write(batch);
    auto counts = count_outcomes(results);
    EXPECT_EQ(counts.delivered, 1000u);
    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM releases"), 1000);
    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM revisions"), 1000);
    EXPECT_EQ(search(db_, "veracruz").size(), 1000u);
    EXPECT_THAT(search(db_, "\"release-0999\""), ElementsAre("release-0999"));
    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM releases WHERE json_valid(json)"), 1000);
    EXPECT_EQ(sink_.host->counter("sink_sqlite_records_total", {{"outcome", "inserted"}}), 1000);
}

TEST_F(sqlite_sink_test, deleting_a_release_removes_its_history_and_search_entry) {
    write_all({make_release("r1", 1, "Volcano"), make_release("r1", 2, "Volcano again")});
    ASSERT_TRUE(db_.exec("PRAGMA foreign_keys = ON; DELETE FROM releases WHERE id = 'r1';").ok());
    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM revisions"), 0);
    EXPECT_THAT(search(db_, "volcano"), IsEmpty());
}

TEST_F(sqlite_sink_test, an_empty_batch_completes) {
    auto results = sink_.host->write_batch({});
    ASSERT_TRUE(results) << results.status();
    EXPECT_TRUE(results->empty());
}

TEST_F(sqlite_sink_test, write_after_stop_reopens_the_database) {
    ASSERT_TRUE(sink_.host->stop());
    write_all({make_release("late")});
    EXPECT_EQ(query_int(db_, "SELECT count(*) FROM releases"), 1);
}

}  // namespace
}  // namespace ingest::plugins::sink_sqlite::test
