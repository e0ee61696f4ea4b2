// The inotify watcher on its own: which events mark a name complete, which forget it, and
// that stop() ends the thread.
#include "inotify_watcher.hpp"
#include "dir_test_support.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>

namespace ingest::plugins::dir::testing {
namespace {

class InotifyWatcher : public ::testing::Test {
protected:
    InotifyWatcher() : dirfd_(::open(tmp_.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
        std::string error;
        watcher_ = inotify_watcher::start(
            dirfd_.get(), tmp_.path().string(),
            [](std::string_view name) { return wanted_name(name, "*"); }, [this] { ++notified_; },
            error);
        EXPECT_TRUE(watcher_) << error;
    }

    /// Waits until the watcher notified more than before times.
    bool notified_after(int before) {
        return eventually([&] { return notified_.load() > before; });
    }

    temp_dir tmp_;
    unique_fd dirfd_;
    std::atomic<int> notified_{0};
    std::unique_ptr<inotify_watcher> watcher_;
};

TEST_F(InotifyWatcher, CloseAfterWritingMarksTheNameComplete) {
    ASSERT_TRUE(watcher_);
    write_file(tmp_.path() / "a.txt", "x");
    ASSERT_TRUE(notified_after(0));
    EXPECT_TRUE(watcher_->is_complete("a.txt"));
    EXPECT_FALSE(watcher_->is_complete("b.txt"));
}

TEST_F(InotifyWatcher, MoveIntoTheDirectoryMarksTheNameComplete) {
    ASSERT_TRUE(watcher_);
    temp_dir elsewhere;
    write_file(elsewhere.path() / "staged", "x");
    int fd = ::open((tmp_.path() / ".staging").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    ::close(fd);  // a hidden name: no notification
    fs::rename(tmp_.path() / ".staging", tmp_.path() / "final.txt");
    ASSERT_TRUE(notified_after(0));
    EXPECT_TRUE(watcher_->is_complete("final.txt"));
    EXPECT_FALSE(watcher_->is_complete(".staging"));
}

TEST_F(InotifyWatcher, UnwantedNamesAreNotMarked) {
    ASSERT_TRUE(watcher_);
    write_file(tmp_.path() / ".hidden", "x");
    write_file(tmp_.path() / "draft.part", "x");
    write_file(tmp_.path() / "real.txt", "x");
    ASSERT_TRUE(notified_after(0));
    ASSERT_TRUE(eventually([&] { return watcher_->is_complete("real.txt"); }));
    EXPECT_FALSE(watcher_->is_complete(".hidden"));
    EXPECT_FALSE(watcher_->is_complete("draft.part"));
}

TEST_F(InotifyWatcher, WritingAgainForgetsTheMark) {
    ASSERT_TRUE(watcher_);
    write_file(tmp_.path() / "a.txt", "x");
    ASSERT_TRUE(notified_after(0));
    ASSERT_TRUE(watcher_->is_complete("a.txt"));

    int fd = ::open((tmp_.path() / "a.txt").c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, "more", 4), 4);
    // IN_MODIFY comes without a notification: wait until the mark is gone.
    EXPECT_TRUE(eventually([&] { return !watcher_->is_complete("a.txt"); }));
    int before = notified_.load();
    ::close(fd);
    ASSERT_TRUE(notified_after(before));
    EXPECT_TRUE(watcher_->is_complete("a.txt"));

    fs::remove(tmp_.path() / "a.txt");
    EXPECT_TRUE(eventually([&] { return !watcher_->is_complete("a.txt"); }));
}

TEST_F(InotifyWatcher, ForgetDropsTheMark) {
    ASSERT_TRUE(watcher_);
    write_file(tmp_.path() / "a.txt", "x");
    ASSERT_TRUE(notified_after(0));
    watcher_->forget("a.txt");
    EXPECT_FALSE(watcher_->is_complete("a.txt"));
}

TEST_F(InotifyWatcher, MovedDirectoryIsReportedAsAProblem) {
    ASSERT_TRUE(watcher_);
    fs::path sub = tmp_.path() / "sub";
    fs::create_directory(sub);
    unique_fd subfd(::open(sub.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    std::string error;
    auto sub_watcher = inotify_watcher::start(
        subfd.get(), sub.string(), [](std::string_view) { return true; }, [] {}, error);
    ASSERT_TRUE(sub_watcher) << error;
    // (A removal shows only once the last descriptor of the directory is closed; the source
    // holds one, so a move is what can be seen.)
    fs::rename(sub, tmp_.path() / "sub2");
    std::optional<std::string> problem;
    ASSERT_TRUE(eventually([&] {
        problem = sub_watcher->take_problem();
        return problem.has_value();
    }));
    EXPECT_NE(problem->find("moved"), std::string::npos) << *problem;
    EXPECT_FALSE(sub_watcher->take_problem());
}

TEST_F(InotifyWatcher, StopEndsTheThreadAndIsIdempotent) {
    ASSERT_TRUE(watcher_);
    watcher_->stop();
    watcher_->stop();
    int before = notified_.load();
    write_file(tmp_.path() / "late.txt", "x");
    // Nothing can notice the write any more; a short wait shows no late callback.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(notified_.load(), before);
}

}  // namespace
}  // namespace ingest::plugins::dir::testing
