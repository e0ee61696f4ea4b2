// End to end: the real ingestd with the http source (through the core's libcurl service),
// the ndjson decoder and the jsonl sink, pulling from a Beast server on a loopback port.
// First poll 200 → two releases in the sink; later polls send If-None-Match and get 304 →
// nothing new; SIGTERM → exit 0.
#include "test_server.hpp"

#include <ingest/sdk/testing/temp_dir.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace ingest::testing {
namespace {

namespace fs = std::filesystem;

using sdk::testing::read_file;
using sdk::testing::temp_dir;

std::size_t count_lines(fs::path const& p) {
    auto text = read_file(p);
    std::size_t n = 0;
    for (char c : text) {
        n += c == '\n' ? 1 : 0;
    }
    return n;
}

/// Writes the configuration (one http source polling url, ndjson, jsonl) and starts ingestd
/// with stderr in daemon.log.
pid_t start_daemon(temp_dir const& tree, std::vector<std::string> const& urls, bool once = false,
                   std::string const& url_jitter = "0s") {
    auto const config = tree / "ingestd.toml";
    {
        std::ofstream cfg(config);
        cfg << "[daemon]\n"
            << "state_dir = \"" << (tree / "state").string() << "\"\n"
            << "plugin_dirs = [\"" << PLUGIN_DIR << "\"]\n"
            << "log_level = \"debug\"\n"
            << "user_agent_contact = \"https://example.org/ops\"\n\n"
            << "[[sources]]\n"
            << "id = \"feeds\"\n"
            << "plugin = \"http\"\n"
            << "decoder = \"ndjson\"\n"
            << "interval = \"1s\"\n"
            << "jitter = \"0s\"\n"
            << "urls = [";
        for (std::size_t i = 0; i < urls.size(); ++i) {
            cfg << (i == 0 ? "" : ", ") << "\"" << urls[i] << "\"";
        }
        cfg << "]\n"
            << "min_interval = \"1s\"\n"
            << "url_jitter = \"" << url_jitter << "\"\n"
            << "allow_private_addresses = true\n\n"
            << "[[sinks]]\n"
            << "id = \"out\"\n"
            << "plugin = \"jsonl\"\n"
            << "path = \"" << (tree / "out.jsonl").string() << "\"\n\n"
            << "[[routes]]\n"
            << "from = [\"*\"]\n"
            << "to = [\"out\"]\n";
    }
    auto const log = tree / "daemon.log";
    pid_t pid = ::fork();
    if (pid == 0) {
        std::freopen(log.c_str(), "w", stderr);
        if (once) {
            ::execl(INGESTD_PATH, INGESTD_PATH, "--config", config.c_str(), "--once", nullptr);
        } else {
            ::execl(INGESTD_PATH, INGESTD_PATH, "--config", config.c_str(), nullptr);
        }
        ::_exit(127);
    }
    return pid;
}

TEST(http_source_e2e, polls_a_local_server_with_conditional_gets_into_jsonl) {
    test_server server;
    temp_dir tree;
    auto const out = tree / "out.jsonl";
    auto const log = tree / "daemon.log";
    pid_t pid = start_daemon(tree, {server.url("/releases.ndjson")});
    ASSERT_GT(pid, 0);
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline &&
           (count_lines(out) < 2 || server.not_modified() < 2)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    auto const log_text = read_file(log);
    ASSERT_TRUE(WIFEXITED(status)) << log_text;
    EXPECT_EQ(WEXITSTATUS(status), 0) << log_text;
    EXPECT_EQ(count_lines(out), 2u) << read_file(out) << log_text;
    EXPECT_GE(server.not_modified(), 2) << "later polls must be conditional\n" << log_text;
    EXPECT_EQ(server.hits("/releases.ndjson"), server.not_modified() + 1) << log_text;
    auto const lines = read_file(out);
    EXPECT_NE(lines.find("First release"), std::string::npos) << lines;
    EXPECT_NE(lines.find("Second release"), std::string::npos) << lines;
}

TEST(http_source_e2e, once_waits_for_the_responses_then_delivers_and_exits) {
    test_server server;
    temp_dir tree;
    pid_t pid = start_daemon(tree, {server.url("/releases.ndjson")}, true);
    ASSERT_GT(pid, 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    auto const log_text = read_file(tree / "daemon.log");
    ASSERT_TRUE(WIFEXITED(status)) << log_text;
    EXPECT_EQ(WEXITSTATUS(status), 0) << log_text;
    EXPECT_EQ(count_lines(tree / "out.jsonl"), 2u) << log_text;
    EXPECT_EQ(server.hits("/releases.ndjson"), 1) << log_text;
}

TEST(http_source_e2e, once_fetches_every_url_once_at_once_without_retries) {
    test_server server;
    temp_dir tree;
    // A jitter of an hour would spread a daemon's first polls; a once run ignores it.
    auto const started = std::chrono::steady_clock::now();
    pid_t pid = start_daemon(
        tree, {server.url("/releases.ndjson"), server.url("/503"), server.url("/etag-only")}, true,
        "1h");
    ASSERT_GT(pid, 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    auto const took = std::chrono::steady_clock::now() - started;
    auto const log_text = read_file(tree / "daemon.log");
    ASSERT_TRUE(WIFEXITED(status)) << log_text;
    EXPECT_EQ(WEXITSTATUS(status), 0) << log_text;
    EXPECT_LT(took, std::chrono::seconds(20)) << log_text;
    EXPECT_EQ(count_lines(tree / "out.jsonl"), 2u) << log_text;
    EXPECT_EQ(server.hits("/releases.ndjson"), 1) << log_text;
    EXPECT_EQ(server.hits("/503"), 1) << "no retry in a once run\n" << log_text;
    EXPECT_EQ(server.hits("/etag-only"), 1) << log_text;
    EXPECT_NE(log_text.find("not retried"), std::string::npos) << log_text;
}

TEST(http_source_e2e, sigterm_with_a_request_in_flight_exits_0_promptly) {
    test_server server;
    temp_dir tree;
    pid_t pid = start_daemon(tree, {server.url("/slow")});
    ASSERT_GT(pid, 0);
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline && server.hits("/slow") < 1) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(server.hits("/slow"), 1);
    auto const stop_at = std::chrono::steady_clock::now();
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    auto const took = std::chrono::steady_clock::now() - stop_at;
    auto const log_text = read_file(tree / "daemon.log");
    ASSERT_TRUE(WIFEXITED(status)) << log_text;
    EXPECT_EQ(WEXITSTATUS(status), 0) << log_text;
    EXPECT_LT(took, std::chrono::seconds(10)) << log_text;
    EXPECT_EQ(count_lines(tree / "out.jsonl"), 0u);
}

}  // namespace
}  // namespace ingest::testing
