// Behaviour of the dir source on real directories, real files and real inotify, driven
// through the SDK's fake host: what is emitted, what each ack does to the file, what is
// skipped, and what survives a restart.
#include "dir_test_support.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <regex>

namespace ingest::plugins::dir::testing {
namespace {

using sdk::ack_outcome;
using sdk::log_level;
using sdk::testing::emitted_item;

class DirSource : public dir_source_test {
protected:
    std::vector<std::string> file_names(std::vector<emitted_item> const& items) {
        std::vector<std::string> out;
        for (auto const& it : items) {
            out.push_back(it.file_name);
        }
        std::sort(out.begin(), out.end());
        return out;
    }
    /// True once the plugin asked for a poll without delay (what the watcher does).
    bool asked_to_poll_now() const {
        auto polls = host_->scheduled_polls();
        return std::find(polls.begin(), polls.end(), 0u) != polls.end();
    }
    double skipped(std::string const& reason) {
        return host_->counter("ingest_dir_skipped_total", {{"reason", reason}});
    }
};

// ------------------------------------------------------------------------------ emitting --

TEST_F(DirSource, DroppedFilesAreEmittedOnceEach) {
    write_file(drop_ / "a.txt", "alpha");
    write_file(drop_ / "b.txt", "bravo!");
    make(base());

    auto items = poll_new();
    ASSERT_EQ(items.size(), 2u) << host_->log_text();
    EXPECT_EQ(items[0].file_name, "a.txt");
    EXPECT_EQ(items[0].payload, "alpha");
    EXPECT_EQ(items[0].origin_uri, (fs::canonical(drop_) / "a.txt").string());
    EXPECT_EQ(items[0].media_type, "");
    EXPECT_EQ(items[0].metadata.at("size"), "5");
    EXPECT_TRUE(std::regex_match(items[0].metadata.at("mtime"),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{9})?Z)")))
        << items[0].metadata.at("mtime");
    EXPECT_EQ(items[1].file_name, "b.txt");
    EXPECT_EQ(items[1].payload, "bravo!");
    EXPECT_NE(items[0].token, items[1].token);
    EXPECT_EQ(host_->counter("ingest_dir_emitted_total"), 2);
    EXPECT_EQ(host_->counter("ingest_dir_read_bytes_total"), 11);

    // In flight: never emitted again until acknowledged, however often the core polls.
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(poll_new().empty());
    }
    EXPECT_EQ(host_->unacked_tokens().size(), 2u);
}

TEST_F(DirSource, MediaTypeSettingIsGivenToEveryItem) {
    write_file(drop_ / "feed.xml", "<rss/>");
    make(base().set("media_type", "application/rss+xml"));
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].media_type, "application/rss+xml");
}

TEST_F(DirSource, EmptyFileIsEmitted) {
    write_file(drop_ / "empty.txt", "");
    make(base());
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].payload, "");
    EXPECT_EQ(items[0].metadata.at("size"), "0");
}

TEST_F(DirSource, HiddenAndTemporaryNamesAreNeverTaken) {
    for (auto name : {".hidden", ".x.txt", "a.tmp", "b.part", "c.swp", "d~"}) {
        write_file(drop_ / name, "half written");
    }
    write_file(drop_ / "ok", "done");
    make(base());
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].file_name, "ok");
    EXPECT_EQ(skipped("symlink") + skipped("fifo") + skipped("nlink"), 0);
    EXPECT_FALSE(host_->logged(log_level::warn, "skipped"));
}

TEST_F(DirSource, PatternSelectsFiles) {
    write_file(drop_ / "one.txt", "1");
    write_file(drop_ / "two.eml", "2");
    write_file(drop_ / "three.txt", "3");
    make(base().set("pattern", "*.txt"));
    EXPECT_EQ(file_names(poll_new()), (std::vector<std::string>{"one.txt", "three.txt"}));
}

TEST_F(DirSource, SubdirectoriesAreIgnoredSilently) {
    fs::create_directory(drop_ / "sub");
    write_file(drop_ / "sub" / "inner.txt", "x");
    make(base());
    EXPECT_TRUE(poll_new().empty());
    EXPECT_FALSE(host_->logged(log_level::warn, "skipped"));
}

TEST_F(DirSource, CoreFullStopsThePollAndLaterPollsEmitTheRest) {
    for (auto name : {"1", "2", "3"}) {
        write_file(drop_ / name, name);
    }
    make(base());
    host_->set_emit_capacity(1);
    EXPECT_EQ(poll_new().size(), 1u);
    EXPECT_TRUE(poll_new().empty());  // still full
    host_->set_emit_capacity(std::nullopt);
    EXPECT_EQ(poll_new().size(), 2u);
    EXPECT_EQ(file_names(host_->items()), (std::vector<std::string>{"1", "2", "3"}));
}

TEST_F(DirSource, MaxItemsPerPollLimitsAPollAndAsksForTheNext) {
    for (int i = 0; i < 5; ++i) {
        write_file(drop_ / ("f" + std::to_string(i)), "x");
    }
    make(base().set("max_items_per_poll", "2"));
    EXPECT_EQ(poll_new().size(), 2u);
    auto polls = host_->scheduled_polls();
    ASSERT_FALSE(polls.empty());
    EXPECT_EQ(polls.back(), 0u);
    EXPECT_EQ(poll_new().size(), 2u);
    EXPECT_EQ(poll_new().size(), 1u);
}

TEST_F(DirSource, APassOverABacklogListsTheDirectoryOnceAndNewFilesComeNext) {
    for (int i = 1; i <= 5; ++i) {
        write_file(drop_ / ("f" + std::to_string(i)), "x");
    }
    make(base().set("max_items_per_poll", "2"));
    EXPECT_EQ(file_names(poll_new()), (std::vector<std::string>{"f1", "f2"}));
    // Sorts first, but arrives during the pass: taken by the next pass, after f5.
    write_file(drop_ / "f0", "x");
    EXPECT_EQ(file_names(poll_new()), (std::vector<std::string>{"f3", "f4"}));
    // A file of the pass removed before its turn is passed over without an error.
    fs::remove(drop_ / "f5");
    EXPECT_TRUE(poll_new().empty());
    EXPECT_FALSE(host_->logged(log_level::warn, "f5")) << host_->log_text();
    EXPECT_EQ(file_names(poll_new()), (std::vector<std::string>{"f0"}));
    EXPECT_TRUE(violations_text().empty()) << violations_text();
}

// ---------------------------------------------------------------------------------- acks --

TEST_F(DirSource, AckDoneMovesTheFileToProcessed) {
    write_file(drop_ / "a.txt", "alpha");
    make(base());
    ASSERT_EQ(poll_new().size(), 1u);
    std::string key = done_key_of(drop_ / "a.txt");
    ASSERT_TRUE(host_->ack_all(ack_outcome::done));

    EXPECT_FALSE(fs::exists(drop_ / "a.txt"));
    EXPECT_EQ(read_file(drop_ / "processed" / "a.txt"), "alpha");
    // The done key was written before the move; it is erased once the move is synced to
    // disk, which the next poll does for every file finished since the last one.
    EXPECT_EQ(host_->state_writes().size(), 1u);
    EXPECT_TRUE(poll_new().empty());
    auto writes = host_->state_writes();
    ASSERT_EQ(writes.size(), 2u);
    EXPECT_EQ(writes[0].key, key);
    EXPECT_EQ(writes[0].value.value_or(""),
              "8ed3f6ad685b959ead7022518e1af76cd816f8e8ec7ccdda1ed4018e8f2223f8");
    EXPECT_EQ(writes[1].key, key);
    EXPECT_FALSE(writes[1].value);
    EXPECT_TRUE(host_->state().empty());
    EXPECT_EQ(host_->counter("ingest_dir_acked_total", {{"outcome", "done"}}), 1);
    EXPECT_TRUE(poll_new().empty());
}

TEST_F(DirSource, NameTakenInProcessedGetsANumberedName) {
    fs::create_directory(drop_ / "processed");
    write_file(drop_ / "processed" / "a.txt", "old");
    write_file(drop_ / "processed" / "a.txt.1", "older");
    write_file(drop_ / "a.txt", "new");
    make(base());
    ASSERT_EQ(poll_new().size(), 1u);
    ASSERT_TRUE(host_->ack_all(ack_outcome::done));
    EXPECT_EQ(read_file(drop_ / "processed" / "a.txt"), "old");
    EXPECT_EQ(read_file(drop_ / "processed" / "a.txt.1"), "older");
    EXPECT_EQ(read_file(drop_ / "processed" / "a.txt.2"), "new");
    EXPECT_FALSE(fs::exists(drop_ / "a.txt"));
}

TEST_F(DirSource, AckDoneInDeleteModeDeletesTheFile) {
    write_file(drop_ / "a.txt", "alpha");
    make(base().set("after_ack", "delete"));
    ASSERT_EQ(poll_new().size(), 1u);
    ASSERT_TRUE(host_->ack_all(ack_outcome::done));
    EXPECT_FALSE(fs::exists(drop_ / "a.txt"));
    EXPECT_FALSE(fs::exists(drop_ / "processed"));
    EXPECT_TRUE(poll_new().empty());  // syncs the directory, then erases the done key
    EXPECT_TRUE(host_->state().empty());
    EXPECT_EQ(host_->state_writes().size(), 2u);
}

TEST_F(DirSource, AckDoneInKeepModeRemembersTheFileAcrossARestart) {
    write_file(drop_ / "a.txt", "alpha");
    make(base().set("after_ack", "keep"));
    ASSERT_EQ(poll_new().size(), 1u);
    std::string key = done_key_of(drop_ / "a.txt");
    ASSERT_TRUE(host_->ack_all(ack_outcome::done));
    EXPECT_EQ(read_file(drop_ / "a.txt"), "alpha");
    EXPECT_TRUE(host_->state_value(key));
    EXPECT_TRUE(poll_new().empty());

    // A new instance over the same state store, as after a restart of the daemon.
    auto state = host_->state();
    make(base().set("after_ack", "keep"));
    for (auto const& [k, v] : state) {
        host_->set_state(k, v);
    }
    EXPECT_TRUE(poll_new().empty()) << host_->log_text();
    EXPECT_TRUE(poll_new().empty());
    EXPECT_EQ(read_file(drop_ / "a.txt"), "alpha");

    // Unless it changes.
    write_file(drop_ / "a.txt", "alpha, revised");
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].payload, "alpha, revised");
}

TEST_F(DirSource, AckFailedMovesTheFileToFailedWithTheReasonBesideIt) {
    write_file(drop_ / "bad.txt", "garbage");
    make(base());
    ASSERT_EQ(poll_new().size(), 1u);
    ASSERT_TRUE(host_->ack_all(ack_outcome::failed, "no decoder accepts bad.txt"));

    EXPECT_FALSE(fs::exists(drop_ / "bad.txt"));
    EXPECT_EQ(read_file(drop_ / "failed" / "bad.txt"), "garbage");
    std::string note = read_file(drop_ / "failed" / "bad.txt.error");
    EXPECT_NE(note.find("detail: no decoder accepts bad.txt"), std::string::npos) << note;
    EXPECT_NE(note.find("failed_at: "), std::string::npos) << note;
    EXPECT_NE(note.find((fs::canonical(drop_) / "bad.txt").string()), std::string::npos) << note;
    EXPECT_EQ(host_->counter("ingest_dir_failed_total", {{"reason", "ack_failed"}}), 1);
    EXPECT_EQ(host_->counter("ingest_dir_acked_total", {{"outcome", "failed"}}), 1);
    EXPECT_TRUE(host_->state().empty());
    EXPECT_TRUE(poll_new().empty());
}

TEST_F(DirSource, NameTakenInFailedKeepsFileAndReasonTogether) {
    fs::create_directory(drop_ / "failed");
    write_file(drop_ / "failed" / "bad.txt", "first");
    write_file(drop_ / "failed" / "bad.txt.error", "first reason");
    write_file(drop_ / "failed" / "bad.txt.1.error", "orphan reason");
    write_file(drop_ / "bad.txt", "second");
    make(base());
    ASSERT_EQ(poll_new().size(), 1u);
    ASSERT_TRUE(host_->ack_all(ack_outcome::failed, "still bad"));
    EXPECT_EQ(read_file(drop_ / "failed" / "bad.txt.error"), "first reason");
    EXPECT_EQ(read_file(drop_ / "failed" / "bad.txt.1.error"), "orphan reason");
    EXPECT_EQ(read_file(drop_ / "failed" / "bad.txt.2"), "second");
    EXPECT_NE(read_file(drop_ / "failed" / "bad.txt.2.error").find("still bad"), std::string::npos);
}

TEST_F(DirSource, AckRetryLaterEmitsTheFileAgainOnTheNextPoll) {
    write_file(drop_ / "a.txt", "alpha");
    make(base());
    auto first = poll_new();
    ASSERT_EQ(first.size(), 1u);
    ASSERT_TRUE(host_->ack_all(ack_outcome::retry_later));
    EXPECT_EQ(read_file(drop_ / "a.txt"), "alpha");
    auto again = poll_new();
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].payload, "alpha");
    EXPECT_NE(again[0].token, first[0].token);
    EXPECT_TRUE(host_->state_writes().empty());
    EXPECT_EQ(host_->counter("ingest_dir_acked_total", {{"outcome", "retry_later"}}), 1);
}

TEST_F(DirSource, FileReplacedWhileInFlightIsNotMovedAndTheNewVersionIsEmitted) {
    write_file(drop_ / "a.txt", "first version");
    make(base());
    ASSERT_EQ(poll_new().size(), 1u);
    write_file(drop_ / "b.tmp", "second version");
    fs::rename(drop_ / "b.tmp", drop_ / "a.txt");
    ASSERT_TRUE(host_->ack_all(ack_outcome::done));
    EXPECT_EQ(read_file(drop_ / "a.txt"), "second version");
    EXPECT_FALSE(fs::exists(drop_ / "processed" / "a.txt"));
    EXPECT_TRUE(host_->state().empty());
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].payload, "second version");
}

TEST_F(DirSource, StateStoreFailureOnDoneLeavesTheFileToBeEmittedAgain) {
    write_file(drop_ / "a.txt", "alpha");
    make(base());
    ASSERT_EQ(poll_new().size(), 1u);
    host_->fail_state_writes(true);
    ASSERT_TRUE(host_->ack_all(ack_outcome::done));
    EXPECT_EQ(read_file(drop_ / "a.txt"), "alpha");
    EXPECT_TRUE(host_->logged(log_level::error, "recording it failed"));
    host_->fail_state_writes(false);
    EXPECT_EQ(poll_new().size(), 1u);
}

TEST_F(DirSource, UnknownTokenIsIgnoredWithAWarning) {
    make(base());
    EXPECT_TRUE(host_->ack(4242, ack_outcome::done));
    EXPECT_TRUE(host_->logged(log_level::warn, "unknown token 4242"));
}

// ------------------------------------------------------------ restart after interruption --

TEST_F(DirSource, InterruptedAckIsFinishedNotEmitted) {
    write_file(drop_ / "a.txt", "alpha");
    // A previous run wrote the done key, then died before the move.
    std::string key = done_key_of(drop_ / "a.txt");
    make(base());
    host_->set_state(key, sha256_hex("alpha"));
    EXPECT_TRUE(poll_new().empty()) << host_->log_text();
    EXPECT_FALSE(fs::exists(drop_ / "a.txt"));
    EXPECT_EQ(read_file(drop_ / "processed" / "a.txt"), "alpha");
    EXPECT_TRUE(poll_new().empty());  // the key goes once the move is synced
    EXPECT_TRUE(host_->state().empty());
    EXPECT_EQ(host_->counter("ingest_dir_emitted_total"), 0);
}

TEST_F(DirSource, InterruptedAckInDeleteModeDeletes) {
    write_file(drop_ / "a.txt", "alpha");
    std::string key = done_key_of(drop_ / "a.txt");
    make(base().set("after_ack", "delete"));
    host_->set_state(key, sha256_hex("alpha"));
    EXPECT_TRUE(poll_new().empty());
    EXPECT_FALSE(fs::exists(drop_ / "a.txt"));
    EXPECT_TRUE(poll_new().empty());  // the key goes once the delete is synced
    EXPECT_TRUE(host_->state().empty());
}

TEST_F(DirSource, DoneKeyWithAnotherContentIsStaleAndTheFileIsEmitted) {
    write_file(drop_ / "a.txt", "alpha");
    std::string key = done_key_of(drop_ / "a.txt");
    make(base());
    host_->set_state(key, sha256_hex("something else"));
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].payload, "alpha");
    EXPECT_TRUE(fs::exists(drop_ / "a.txt"));
    EXPECT_FALSE(host_->state_value(key));
}

TEST_F(DirSource, DoneFileThatCannotBeMovedIsRetriedWithoutBeingReadAgain) {
    write_file(drop_ / "a.txt", "alpha");
    make(base());
    ASSERT_EQ(poll_new().size(), 1u);
    std::string key = done_key_of(drop_ / "a.txt");
    // processed/ goes away under the running source: every move into it fails.
    fs::remove(drop_ / "processed");
    ASSERT_TRUE(host_->ack_all(ack_outcome::done));
    EXPECT_TRUE(fs::exists(drop_ / "a.txt"));
    EXPECT_TRUE(host_->state_value(key)) << "the done key stays until the move happened";
    EXPECT_TRUE(host_->logged(log_level::error, "cannot move")) << host_->log_text();

    double read_before = host_->counter("ingest_dir_read_bytes_total");
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(poll_new().empty());
    }
    EXPECT_EQ(host_->counter("ingest_dir_read_bytes_total"), read_before);
    EXPECT_EQ(host_->counter("ingest_dir_errors_total", {{"op", "move"}}), 4);
    std::size_t error_lines = 0;
    for (auto const& line : host_->logs()) {
        error_lines += line.message.find("cannot move") != std::string::npos ? 1 : 0;
    }
    EXPECT_EQ(error_lines, 1u) << "logged once per file, not once per poll";

    // After a restart (processed/ is created again) the move is finished, nothing emitted.
    auto state = host_->state();
    make(base());
    for (auto const& [k, v] : state) {
        host_->set_state(k, v);
    }
    EXPECT_TRUE(poll_new().empty());
    EXPECT_EQ(read_file(drop_ / "processed" / "a.txt"), "alpha");
    EXPECT_FALSE(fs::exists(drop_ / "a.txt"));
    EXPECT_TRUE(poll_new().empty());
    EXPECT_TRUE(host_->state().empty());
}

// -------------------------------------------------------------------------------- safety --

TEST_F(DirSource, SymlinkIsSkippedOnceAndLeftInPlace) {
    write_file(tmp_.path() / "secret", "do not read");
    fs::create_symlink(tmp_.path() / "secret", drop_ / "link.txt");
    make(base());
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(poll_new().empty());
    }
    EXPECT_TRUE(host_->logged(log_level::warn, "skipped: not a regular file (symlink)"))
        << host_->log_text();
    EXPECT_EQ(skipped("symlink"), 1);
    EXPECT_TRUE(fs::is_symlink(drop_ / "link.txt"));
    EXPECT_EQ(host_->counter("ingest_dir_read_bytes_total"), 0);
}

TEST_F(DirSource, HardLinkIsSkippedOnce) {
    write_file(tmp_.path() / "outside", "not yours");
    fs::create_hard_link(tmp_.path() / "outside", drop_ / "linked.txt");
    make(base());
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(poll_new().empty());
    }
    EXPECT_TRUE(host_->logged(log_level::warn, "skipped: st_nlink > 1")) << host_->log_text();
    EXPECT_EQ(skipped("nlink"), 1);
    EXPECT_TRUE(fs::exists(drop_ / "linked.txt"));
    EXPECT_EQ(host_->counter("ingest_dir_read_bytes_total"), 0);
}

TEST_F(DirSource, FifoIsSkippedWithoutBlocking) {
    ASSERT_EQ(::mkfifo((drop_ / "pipe").c_str(), 0600), 0);
    write_file(drop_ / "after.txt", "x");
    make(base());
    // A naive open() of a FIFO blocks until a writer comes: ctest's timeout would catch it.
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].file_name, "after.txt");
    EXPECT_TRUE(poll_new().empty());
    EXPECT_TRUE(host_->logged(log_level::warn, "skipped: not a regular file (fifo)"))
        << host_->log_text();
    EXPECT_EQ(skipped("fifo"), 1);
}

TEST_F(DirSource, SkipIsLoggedAgainForANewFileUnderTheSameName) {
    fs::create_symlink("/etc/hostname", drop_ / "x");
    make(base());
    EXPECT_TRUE(poll_new().empty());
    fs::remove(drop_ / "x");
    EXPECT_TRUE(poll_new().empty());
    fs::create_symlink("/etc/hosts", drop_ / "x");
    EXPECT_TRUE(poll_new().empty());
    EXPECT_EQ(skipped("symlink"), 2);
}

TEST_F(DirSource, TooLargeFileGoesToFailedWithoutBeingRead) {
    write_file(drop_ / "big.txt", std::string(2048, 'x'));
    write_file(drop_ / "small.txt", "ok");
    make(base().set("max_file_size", "1KiB"));
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].file_name, "small.txt");
    EXPECT_FALSE(fs::exists(drop_ / "big.txt"));
    EXPECT_EQ(fs::file_size(drop_ / "failed" / "big.txt"), 2048u);
    std::string note = read_file(drop_ / "failed" / "big.txt.error");
    EXPECT_NE(note.find("file too large (2048 bytes > 1024)"), std::string::npos) << note;
    EXPECT_EQ(host_->counter("ingest_dir_read_bytes_total"), 2);
    EXPECT_EQ(host_->counter("ingest_dir_failed_total", {{"reason", "too_large"}}), 1);
}

// ------------------------------------------------------------------------- completeness --

/// A file held open by its writer.
class open_writer {
public:
    explicit open_writer(fs::path const& p)
        : fd_(::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) {}
    ~open_writer() { close(); }
    open_writer(open_writer const&) = delete;
    open_writer& operator=(open_writer const&) = delete;
    bool write(std::string const& s) {
        return ::write(fd_, s.data(), s.size()) == static_cast<ssize_t>(s.size());
    }
    void close() {
        if (fd_ >= 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }

private:
    int fd_;
};

TEST_F(DirSource, FileBeingWrittenWaitsUntilClosedWithInotify) {
    make(base().set("settle_time", "1h").set("watch", "true"));
    open_writer writer(drop_ / "slow.txt");
    ASSERT_TRUE(writer.write("first half, "));
    EXPECT_TRUE(poll_new().empty());
    ASSERT_TRUE(writer.write("second half"));
    EXPECT_TRUE(poll_new().empty());
    EXPECT_FALSE(asked_to_poll_now());

    writer.close();
    // The watcher thread sees IN_CLOSE_WRITE and asks for a poll at once.
    ASSERT_TRUE(eventually([&] { return asked_to_poll_now(); })) << host_->log_text();
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].payload, "first half, second half");
}

TEST_F(DirSource, FileRenamedIntoPlaceIsTakenAtOnceWithInotify) {
    make(base().set("settle_time", "1h"));
    write_file(drop_ / ".incoming.tmp", "complete");
    EXPECT_TRUE(poll_new().empty());
    fs::rename(drop_ / ".incoming.tmp", drop_ / "release.txt");
    ASSERT_TRUE(eventually([&] { return asked_to_poll_now(); }));
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].file_name, "release.txt");
}

TEST_F(DirSource, FileBeingWrittenWaitsUntilSettledWithoutInotify) {
    make(base().set("settle_time", "2s").set("watch", "false"));
    open_writer writer(drop_ / "slow.txt");
    ASSERT_TRUE(writer.write("part one"));
    EXPECT_TRUE(poll_new().empty());
    // The plugin asks to be polled when the file may have settled.
    auto polls = host_->scheduled_polls();
    ASSERT_FALSE(polls.empty());
    EXPECT_GT(polls.back(), 0u);
    EXPECT_LE(polls.back(), 2000u);

    host_->advance(std::chrono::milliseconds(1000));
    EXPECT_TRUE(poll_new().empty());
    host_->advance(std::chrono::milliseconds(1500));
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].payload, "part one");
}

TEST_F(DirSource, ChangingFileRestartsTheSettleTimeEvenWithAClockBehindTheMtimes) {
    make(base().set("settle_time", "2s").set("watch", "false"));
    // Our clock ten minutes behind the file system's: only the observed stability counts.
    host_->set_now_ms(wall_now_ms() - 600000);
    open_writer writer(drop_ / "slow.txt");
    ASSERT_TRUE(writer.write("a"));
    EXPECT_TRUE(poll_new().empty());
    host_->advance(std::chrono::milliseconds(1500));
    ASSERT_TRUE(writer.write("bb"));  // size changes: it has not settled
    EXPECT_TRUE(poll_new().empty());
    host_->advance(std::chrono::milliseconds(1500));
    EXPECT_TRUE(poll_new().empty());
    host_->advance(std::chrono::milliseconds(600));
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].payload, "abb");
}

TEST_F(DirSource, FilesOlderThanTheSettleTimeAreReadyAtStart) {
    write_file(drop_ / "old.txt", "old");
    age_file(drop_ / "old.txt", 60);
    write_file(drop_ / "fresh.txt", "fresh");
    make(base().set("settle_time", "2s").set("watch", "false"));
    auto items = poll_new();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].file_name, "old.txt");
}

TEST_F(DirSource, StopEndsTheWatcher) {
    make(base().set("settle_time", "1h"));
    ASSERT_TRUE(host_->stop());
    std::size_t before = host_->scheduled_polls().size();
    write_file(drop_ / "late.txt", "x");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(host_->scheduled_polls().size(), before);
}

TEST_F(DirSource, AcksAfterStopStillAdvance) {
    write_file(drop_ / "a.txt", "alpha");
    make(base());
    ASSERT_EQ(poll_new().size(), 1u);
    ASSERT_TRUE(host_->stop());
    ASSERT_TRUE(host_->ack_all(ack_outcome::done));
    EXPECT_TRUE(fs::exists(drop_ / "processed" / "a.txt"));
}

}  // namespace
}  // namespace ingest::plugins::dir::testing
