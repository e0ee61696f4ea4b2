// The state database: revisions, per-sink dedup, outbox outcomes, backoff, dead letters.
#include "state/state_db.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <thread>

namespace fs = std::filesystem;
using namespace ingest::core;

namespace {

class state_db_test : public testing::Test {
protected:
    void SetUp() override {
        std::string tmpl = (fs::temp_directory_path() / "ingest-state-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        dir_ = tmpl;
        db_ = std::make_unique<state_db>(dir_ / "state");
    }
    void TearDown() override {
        db_.reset();
        fs::remove_all(dir_);
    }
    static routed_release make(std::string const& id, std::string const& hash,
                               std::vector<std::string> sinks) {
        routed_release r;
        r.record.id = id;
        r.record.source.id = "src";
        r.record.source.plugin = "dir";
        r.record.title = "title of " + id;
        r.record.content_hash = hash;
        r.sinks = std::move(sinks);
        return r;
    }
    fs::path dir_;
    std::unique_ptr<state_db> db_;
};

TEST_F(state_db_test, new_unchanged_and_changed_releases) {
    std::vector<routed_release> group{make("a", "h1", {"s1", "s2"}), make("b", "h2", {"s1"})};
    auto st = db_->commit(group, 1000);
    EXPECT_EQ(st.new_ids, 2u);
    EXPECT_EQ(st.enqueued, 3u);
    EXPECT_EQ(st.enqueued_by_sink["s1"], 2u);
    EXPECT_EQ(group[0].record.revision, 1u);

    std::vector<routed_release> again{make("a", "h1", {"s1", "s2"}), make("b", "h2b", {"s1"})};
    st = db_->commit(again, 2000);
    EXPECT_EQ(st.unchanged, 1u);
    EXPECT_EQ(st.revised, 1u);
    EXPECT_EQ(st.duplicates, 2u);
    EXPECT_EQ(st.enqueued, 1u);
    EXPECT_EQ(again[1].record.revision, 2u);
    EXPECT_EQ(db_->backlog("s1"), 3);
    EXPECT_EQ(db_->backlog("s2"), 1);
}

TEST_F(state_db_test, the_same_id_twice_in_one_group_is_enqueued_once) {
    std::vector<routed_release> group{make("a", "h1", {"s1"}), make("a", "h1", {"s1"})};
    auto st = db_->commit(group, 1000);
    EXPECT_EQ(st.enqueued, 1u);
    EXPECT_EQ(st.duplicates, 1u);
}

TEST_F(state_db_test, an_intake_keeps_whole_items_and_rolls_back_a_failed_one) {
    {
        state_db::intake in(*db_, 1000);
        in.begin_item();
        auto a = make("a", "h1", {"s"});
        in.add(a);
        in.end_item(true);
        in.begin_item();  // this item fails after one of its releases went in
        auto b = make("b", "h2", {"s"});
        in.add(b);
        in.end_item(false);
        in.begin_item();
        auto c = make("c", "h3", {"s"});
        auto c2 = make("a", "h1", {"s"});  // already taken by the first item
        in.add(c);
        in.add(c2);
        in.end_item(true);
        auto st = in.commit();
        EXPECT_EQ(st.releases, 3u);
        EXPECT_EQ(st.new_ids, 2u);
        EXPECT_EQ(st.enqueued, 2u);
        EXPECT_EQ(st.duplicates, 1u);
        EXPECT_EQ(st.enqueued_by_sink["s"], 2u);
    }
    auto due = db_->due_records("s", 10, 1000);
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].release_id, "a");
    EXPECT_EQ(due[1].release_id, "c");
    // The rolled-back release left no identity: it is new when it comes again.
    std::vector<routed_release> again{make("b", "h2", {"s"})};
    auto st = db_->commit(again, 2000);
    EXPECT_EQ(st.new_ids, 1u);
    EXPECT_EQ(again[0].record.revision, 1u);
}

TEST_F(state_db_test, an_intake_not_committed_leaves_nothing) {
    {
        state_db::intake in(*db_, 1000);
        in.begin_item();
        auto a = make("a", "h1", {"s"});
        in.add(a);
        in.end_item(true);
    }  // no commit: an error ended the intake
    EXPECT_EQ(db_->backlog("s"), 0);
    std::vector<routed_release> again{make("a", "h1", {"s"})};
    EXPECT_EQ(db_->commit(again, 2000).enqueued, 1u);
}

TEST_F(state_db_test, a_sink_sees_nothing_of_an_intake_before_it_commits) {
    std::optional<state_db::intake> in;
    in.emplace(*db_, 1000);
    in->begin_item();
    auto a = make("a", "h1", {"s"});
    in->add(a);
    in->end_item(true);
    std::size_t seen = 99;
    std::thread strand([&] { seen = db_->due_records("s", 10, 1000).size(); });
    // The strand waits for the intake: it must not read a record that may be rolled back.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(seen, 99u);
    in->commit();
    // Still held until the intake ends.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(seen, 99u);
    in.reset();
    strand.join();
    EXPECT_EQ(seen, 1u);
}

TEST_F(state_db_test, outcomes_move_records_out_of_the_outbox) {
    std::vector<routed_release> group{make("a", "h1", {"s"}), make("b", "h2", {"s"}),
                                      make("c", "h3", {"s"})};
    db_->commit(group, 1000);
    auto due = db_->due_records("s", 10, 1000);
    ASSERT_EQ(due.size(), 3u);
    EXPECT_NE(due[0].json.find("\"title\":\"title of a\""), std::string::npos);
    retry_policy policy{100, 1000, 3};
    auto st = db_->complete_batch("s",
                                  {{due[0].seq, record_outcome::kind::delivered, 0, ""},
                                   {due[1].seq, record_outcome::kind::retry, 5000, "busy"},
                                   {due[2].seq, record_outcome::kind::rejected, 0, "400 bad"}},
                                  policy, 1000);
    EXPECT_EQ(st.delivered, 1u);
    EXPECT_EQ(st.retried, 1u);
    EXPECT_EQ(st.dead_lettered, 1u);
    EXPECT_EQ(db_->backlog("s"), 1);
    // retry_after (5 s) beats the backoff (at most 100 ms for the first attempt).
    EXPECT_TRUE(db_->due_records("s", 10, 5999).empty());
    EXPECT_EQ(db_->due_records("s", 10, 6000).size(), 1u);
    auto dead = db_->dead_letters();
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].release_id, "c");
    EXPECT_EQ(dead[0].last_error, "rejected: 400 bad");
    EXPECT_EQ(dead[0].revision, 1);
    EXPECT_NE(dead[0].json.find("\"title\":\"title of c\""), std::string::npos);

    // A rejected release offered again unchanged is enqueued again (the sink never had it).
    std::vector<routed_release> again{make("c", "h3", {"s"})};
    EXPECT_EQ(db_->commit(again, 7000).enqueued, 1u);
}

TEST_F(state_db_test, a_record_that_keeps_failing_is_dead_lettered_after_max_attempts) {
    std::vector<routed_release> group{make("a", "h1", {"s"})};
    db_->commit(group, 0);
    retry_policy policy{1, 1, 3};
    std::int64_t now = 0;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        now += 10;
        auto due = db_->due_records("s", 10, now);
        ASSERT_EQ(due.size(), 1u) << "attempt " << attempt;
        db_->complete_batch("s", {{due[0].seq, record_outcome::kind::retry, 0, "503"}}, policy,
                            now);
    }
    EXPECT_EQ(db_->backlog("s"), 0);
    auto dead = db_->dead_letters("s");
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].attempts, 3);
    EXPECT_EQ(dead[0].last_error, "gave up after 3 attempts: 503");
}

TEST_F(state_db_test, replay_and_drop_dead_letters) {
    std::vector<routed_release> group{make("a", "h1", {"s"}), make("b", "h2", {"t"})};
    db_->commit(group, 0);
    retry_policy policy;
    for (auto const& sink : {"s", "t"}) {
        auto due = db_->due_records(sink, 10, 0);
        db_->complete_batch(sink, {{due[0].seq, record_outcome::kind::rejected, 0, "no"}}, policy,
                            0);
    }
    EXPECT_EQ(db_->dead_letters().size(), 2u);
    EXPECT_EQ(db_->replay(std::nullopt, std::string("s")), 1u);
    EXPECT_EQ(db_->backlog("s"), 1);
    EXPECT_EQ(db_->dead_letters().size(), 1u);
    auto id = db_->dead_letters()[0].id;
    EXPECT_TRUE(db_->dead_letter_by_id(id));
    EXPECT_EQ(db_->drop(id, std::nullopt), 1u);
    EXPECT_TRUE(db_->dead_letters().empty());
    EXPECT_FALSE(db_->dead_letter_by_id(id));
}

TEST_F(state_db_test, backoff_has_full_jitter_within_bounds) {
    retry_policy policy{100, 1000, 10};
    for (int attempts = 1; attempts <= 8; ++attempts) {
        std::int64_t cap = std::min<std::int64_t>(1000, 100LL << (attempts - 1));
        for (int i = 0; i < 50; ++i) {
            auto d = db_->backoff_ms(policy, attempts);
            EXPECT_GE(d, 1);
            EXPECT_LE(d, cap);
        }
    }
}

// A sink's strand records its batch outcome while the loop has a state group open: the
// outcome joins the group (a savepoint in it) instead of failing to begin a transaction,
// and both are durable once the group ends.
TEST_F(state_db_test, a_batch_outcome_recorded_during_a_state_group_joins_it) {
    std::vector<routed_release> group{make("a", "h1", {"s"}), make("b", "h2", {"s"})};
    db_->commit(group, 1000);
    auto due = db_->due_records("s", 10, 1000);
    ASSERT_EQ(due.size(), 2u);
    retry_policy policy{100, 1000, 3};

    db_->begin_state_group();
    db_->kv_put("source/a", "done:1", "x");
    batch_stats st;
    std::thread strand([&] {
        st = db_->complete_batch("s",
                                 {{due[0].seq, record_outcome::kind::delivered, 0, ""},
                                  {due[1].seq, record_outcome::kind::delivered, 0, ""}},
                                 policy, 1000);
    });
    strand.join();
    EXPECT_EQ(st.delivered, 2u);
    db_->kv_put("source/a", "done:2", "y");
    db_->end_state_group();

    db_.reset();
    db_ = std::make_unique<state_db>(dir_ / "state");
    EXPECT_EQ(db_->backlog("s"), 0);
    EXPECT_EQ(db_->kv_get("source/a", "done:1"), "x");
    EXPECT_EQ(db_->kv_get("source/a", "done:2"), "y");
    // The ledger kept the content: the same release is not enqueued again.
    std::vector<routed_release> again{make("a", "h1", {"s"})};
    EXPECT_EQ(db_->commit(again, 2000).enqueued, 0u);
}

TEST_F(state_db_test, plugin_state_is_durable_per_instance) {
    db_->kv_put("source/a", "etag", "\"x\"");
    db_->kv_put("source/b", "etag", "\"y\"");
    db_.reset();
    db_ = std::make_unique<state_db>(dir_ / "state");
    EXPECT_EQ(db_->kv_get("source/a", "etag"), "\"x\"");
    EXPECT_EQ(db_->kv_get("source/b", "etag"), "\"y\"");
    db_->kv_erase("source/a", "etag");
    EXPECT_FALSE(db_->kv_get("source/a", "etag"));
}

}  // namespace
