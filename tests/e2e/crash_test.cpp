// The crash test of the delivery guarantee: a daemon ingesting 2,000 dropped files is
// killed with SIGKILL at random moments, at least ten times, and restarted; at the end every
// release is in the sink exactly once and every file is in processed/ or failed/.
#include "e2e_support.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <random>
#include <thread>

namespace ingest::e2e {
namespace {

constexpr int file_count = 2000;

pid_t spawn_daemon(fs::path const& config, fs::path const& log) {
    pid_t pid = ::fork();
    if (pid == 0) {
        int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        ::execl(INGESTD_PATH, INGESTD_PATH, "--config", config.c_str(), nullptr);
        ::_exit(127);
    }
    return pid;
}

TEST(crash, sigkill_at_random_moments_loses_nothing_and_duplicates_nothing) {
    temp_tree t;
    auto const drops = t / "drops";
    for (int i = 0; i < file_count; ++i) {
        write_file(drops / ("release-" + std::to_string(i) + ".txt"), press_release(i));
    }
    auto const config = t / "ingestd.toml";
    auto const root = t.root().string();
    write_file(config, "[daemon]\nstate_dir = \"" + root + "/state\"\nplugin_dirs = [\"" +
                           PLUGIN_DIR +
                           "\"]\nlog_level = \"warn\"\n\n"
                           "[[sources]]\nid = \"drops\"\nplugin = \"dir\"\npath = \"" +
                           root +
                           "/drops\"\nsettle_time = \"0s\"\nwatch = false\ninterval = \"100ms\"\n"
                           "jitter = \"0s\"\nmax_items_per_poll = 50\n\n"
                           "[[sinks]]\nid = \"archive\"\nplugin = \"sqlite\"\npath = \"" +
                           root +
                           "/releases.db\"\nbatch_size = 50\n\n"
                           "[[routes]]\nfrom = [\"*\"]\nto = [\"archive\"]\n");

    std::mt19937 rng(std::random_device{}());
    std::uniform_int_distribution<int> pause_ms(50, 600);
    int kills = 0;
    for (int round = 0; round < 12; ++round) {
        pid_t pid = spawn_daemon(config, t / "daemon.log");
        ASSERT_GT(pid, 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(rng)));
        ASSERT_EQ(::kill(pid, SIGKILL), 0);
        int status = 0;
        ::waitpid(pid, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status))
            << "the daemon exited on its own: " << read_file(t / "daemon.log");
        ++kills;
    }
    ASSERT_GE(kills, 10);

    // A last, clean run finishes the work.
    auto r = run(std::string(INGESTD_PATH) + " --config " + quote(config) + " --once");
    ASSERT_EQ(r.exit_code, 0) << r.output << read_file(t / "daemon.log");

    auto const db = t / "releases.db";
    EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM releases"), file_count);
    EXPECT_EQ(query_int(db, "SELECT COUNT(DISTINCT title) FROM releases"), file_count);
    EXPECT_EQ(query_int(db, "SELECT MAX(revision) FROM releases"), 1);
    EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM revisions"), file_count);
    EXPECT_EQ(count_files(drops), 0u) << "files stuck in the drop directory";
    EXPECT_EQ(count_files(drops / "processed") + count_files(drops / "failed"),
              static_cast<std::size_t>(file_count));
    EXPECT_EQ(count_files(drops / "failed"), 0u);
    EXPECT_EQ(query_int(t / "state" / "state.db", "SELECT COUNT(*) FROM outbox"), 0);
    EXPECT_EQ(query_int(t / "state" / "state.db", "SELECT COUNT(*) FROM dead_letters"), 0);
}

}  // namespace
}  // namespace ingest::e2e
