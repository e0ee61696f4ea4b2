// End-to-end: real ingestd and ingestctl binaries, real plugins loaded by the real loader,
// real directories and a real SQLite sink.
#include "e2e_support.hpp"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace ingest::e2e {
namespace {

using testing::HasSubstr;

/// A drop directory, a state directory and a configuration around them.
class scenario {
public:
    scenario() { fs::create_directories(drops); }

    temp_tree tree;
    fs::path drops = tree / "drops";
    fs::path db = tree / "releases.db";
    fs::path config = tree / "ingestd.toml";
    std::string source_extra;
    std::string daemon_extra;  ///< more [daemon] keys
    std::string sinks = R"(
[[sinks]]
id = "archive"
plugin = "sqlite"
path = "@ROOT@/releases.db"
)";
    std::string routes = R"(
[[routes]]
from = ["*"]
to = ["archive"]
)";

    void write_config() const {
        std::string text = R"(
[daemon]
state_dir = "@ROOT@/state"
plugin_dirs = [")" PLUGIN_DIR R"(", ")" FIXTURE_PLUGIN_DIR R"(/test-sinks"]
log_level = "info"
)" + daemon_extra + R"(
[[sources]]
id = "drops"
plugin = "dir"
path = "@ROOT@/drops"
settle_time = "0s"
watch = false
)" + source_extra + sinks + routes;
        std::string out;
        for (std::size_t pos = 0;;) {
            auto at = text.find("@ROOT@", pos);
            out += text.substr(pos, at - pos);
            if (at == std::string::npos) {
                break;
            }
            out += tree.root().string();
            pos = at + 6;
        }
        write_file(config, out);
    }

    command_result once(std::string const& extra = "--drain-timeout 2s") const {
        write_config();
        return run(std::string(INGESTD_PATH) + " --config " + quote(config) + " --once " + extra);
    }
    command_result ctl(std::string const& args) const {
        return run(std::string(INGESTCTL_PATH) + " " + args);
    }
    /// Writes the configuration and starts ingestd in daemon mode, stderr in daemon.log.
    pid_t start_daemon() const {
        write_config();
        pid_t pid = ::fork();
        if (pid == 0) {
            std::freopen(log().c_str(), "w", stderr);
            ::execl(INGESTD_PATH, INGESTD_PATH, "--config", config.c_str(), nullptr);
            ::_exit(127);
        }
        return pid;
    }
    fs::path log() const { return tree / "daemon.log"; }
    /// Rows in the sink's releases table once it holds `want` (or after 60 s).
    long long wait_for_rows(long long want) const {
        long long rows = 0;
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < deadline) {
            if (fs::exists(db)) {
                try {
                    rows = query_int(db, "SELECT COUNT(*) FROM releases");
                } catch (std::exception const&) {
                    rows = 0;  // the sink is creating its schema
                }
            }
            if (rows == want) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return rows;
    }
    /// The rejecting test sink, rejecting while the file receiver-rejects exists (created
    /// here), as the only route's destination.
    fs::path use_rejecting_sink() {
        auto const cause = tree / "receiver-rejects";
        write_file(cause, "");
        sinks = R"(
[[sinks]]
id = "picky"
plugin = "test-rejecting"
path = "@ROOT@/delivered.tsv"
reject_while = "@ROOT@/receiver-rejects"
)";
        routes = R"(
[[routes]]
from = ["*"]
to = ["picky"]
)";
        return cause;
    }
    void drop(std::string const& name, std::string const& content) const {
        write_file(drops / name, content);
    }
};

TEST(pipeline, drops_reach_sqlite_and_a_second_drop_adds_nothing) {
    scenario s;
    for (int f = 0; f < 10; ++f) {
        s.drop("file" + std::to_string(f) + ".txt",
               press_release(2 * f) + "\n" + press_release(2 * f + 1));
    }
    auto r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("ingested 10 item(s), 20 release(s): 20 new"));
    EXPECT_THAT(r.output, HasSubstr("sink archive: 20 delivered"));
    EXPECT_EQ(query_int(s.db, "SELECT COUNT(*) FROM releases"), 20);
    EXPECT_EQ(count_files(s.drops), 0u);
    EXPECT_EQ(count_files(s.drops / "processed"), 10u);

    // The same files dropped again (a restart, a re-delivery by the producer).
    for (int f = 0; f < 10; ++f) {
        s.drop("file" + std::to_string(f) + ".txt",
               press_release(2 * f) + "\n" + press_release(2 * f + 1));
    }
    r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("20 release(s): 0 new, 0 changed, 20 unchanged"));
    EXPECT_THAT(r.output, HasSubstr("sink archive: 0 delivered, 0 queued, 20 already had"));
    EXPECT_EQ(query_int(s.db, "SELECT COUNT(*) FROM releases"), 20);
    EXPECT_EQ(query_int(s.db, "SELECT MAX(revision) FROM releases"), 1);
    EXPECT_EQ(count_files(s.drops / "processed"), 20u);
}

TEST(pipeline, a_changed_file_is_revision_2) {
    scenario s;
    s.drop("story.txt", press_release(1));
    ASSERT_EQ(s.once().exit_code, 0);
    s.drop("story.txt", press_release(1, " (corrected)"));
    auto r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("1 release(s): 0 new, 1 changed"));
    EXPECT_EQ(query_int(s.db, "SELECT COUNT(*) FROM releases"), 1);
    EXPECT_EQ(query_int(s.db, "SELECT revision FROM releases"), 2);
    EXPECT_EQ(query_int(s.db, "SELECT COUNT(*) FROM releases WHERE title LIKE '%(corrected)%'"), 1);
}

TEST(pipeline, a_bad_file_goes_to_failed_with_its_reason_and_the_rest_is_ingested) {
    scenario s;
    s.drop("good1.txt", press_release(1));
    s.drop("broken.txt", "This is not a press release at all.\nJust two lines.\n");
    s.drop("mystery.bin", "\x01\x02\x03");
    s.drop("good2.txt", press_release(2));
    auto r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(query_int(s.db, "SELECT COUNT(*) FROM releases"), 2);
    EXPECT_TRUE(fs::exists(s.drops / "failed" / "broken.txt"));
    EXPECT_TRUE(fs::exists(s.drops / "failed" / "mystery.bin"));
    EXPECT_THAT(read_file(s.drops / "failed" / "broken.txt.error"), HasSubstr("press-text"));
    EXPECT_THAT(read_file(s.drops / "failed" / "mystery.bin.error"),
                HasSubstr("no decoder accepts 'mystery.bin'"));
    EXPECT_THAT(r.output, HasSubstr("2 failed"));
}

TEST(pipeline, a_file_whose_decoder_fails_midway_leaves_none_of_its_releases) {
    // The test-halfway decoder emits each line's release as it reads it and fails at the
    // line FAIL, after emitting the lines before it. A small file is decoded before the
    // intake; a file of 64 KiB and more inside it, its releases written as they come and
    // rolled back with their item. Either way the items around it are committed and nothing
    // of the failed one is left.
    std::string const small = "alpha Alpha\nbeta Beta\n";
    std::string big;
    std::size_t big_count = 0;
    while (big.size() < std::size_t{64} * 1024 + 1000) {
        big += "big-" + std::to_string(big_count) + " Big " + std::string(400, 'w') + "\n";
        ++big_count;
    }
    scenario s;
    s.drop("good1.txt", press_release(1));
    s.drop("half.halfway", small + "FAIL\n");
    s.drop("big.halfway", big + "FAIL\n");
    s.drop("good2.txt", press_release(2));
    auto r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(query_int(s.db, "SELECT COUNT(*) FROM releases"), 2);
    EXPECT_TRUE(fs::exists(s.drops / "failed" / "half.halfway"));
    EXPECT_TRUE(fs::exists(s.drops / "failed" / "big.halfway"));
    EXPECT_THAT(read_file(s.drops / "failed" / "half.halfway.error"), HasSubstr("line 3: FAIL"));
    EXPECT_THAT(read_file(s.drops / "failed" / "big.halfway.error"),
                HasSubstr("line " + std::to_string(big_count + 1) + ": FAIL"));
    EXPECT_THAT(r.output, HasSubstr("2 failed"));
    // Nothing of them is left in the state either: once fixed, all come in as new releases.
    s.drop("half.halfway", small);
    s.drop("big.halfway", big);
    r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(query_int(s.db,
                        "SELECT COUNT(*) FROM releases WHERE title IN ('alpha Alpha', "
                        "'beta Beta')"),
              2);
    EXPECT_EQ(query_int(s.db, "SELECT COUNT(*) FROM releases WHERE title LIKE 'big-% Big %'"),
              static_cast<long long>(big_count));
    EXPECT_EQ(query_int(s.db, "SELECT MAX(revision) FROM releases"), 1);
}

TEST(pipeline, a_failing_sink_keeps_releases_in_the_outbox_until_it_recovers) {
    scenario s;
    auto const down = s.tree / "sink-is-down";
    write_file(down, "");
    s.sinks = R"(
[[sinks]]
id = "flaky"
plugin = "test-flaky"
path = "@ROOT@/delivered.tsv"
fail_while = "@ROOT@/sink-is-down"
retry_initial = "20ms"
retry_max = "50ms"
max_attempts = 1000
)";
    s.routes = R"(
[[routes]]
from = ["drops"]
to = ["flaky"]
)";
    for (int i = 0; i < 5; ++i) {
        s.drop("r" + std::to_string(i) + ".txt", press_release(i));
    }
    auto r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("sink flaky: 0 delivered, 5 queued"));
    EXPECT_THAT(r.output, HasSubstr("5 waiting"));
    EXPECT_THAT(r.output, HasSubstr("destination down"));
    EXPECT_FALSE(fs::exists(s.tree / "delivered.tsv"));

    fs::remove(down);
    r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("sink flaky: 5 delivered"));
    EXPECT_THAT(r.output, HasSubstr("0 waiting"));
    auto const lines = read_file(s.tree / "delivered.tsv");
    EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 5);
}

TEST(pipeline, planned_failures_are_retried_with_backoff_in_one_run) {
    scenario s;
    s.sinks = R"(
[[sinks]]
id = "flaky"
plugin = "test-flaky"
path = "@ROOT@/delivered.tsv"
fail_batches = 3
retry_initial = "10ms"
retry_max = "40ms"
)";
    s.routes = R"(
[[routes]]
from = ["*"]
to = ["flaky"]
)";
    s.drop("a.txt", press_release(1) + "\n" + press_release(2));
    auto r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    // Three failed batches: each failed attempt of each record counts, and the two records may
    // come back in one batch or in two (their retry times are jittered independently).
    EXPECT_THAT(r.output, testing::ContainsRegex("sink flaky: 2 delivered, 2 queued, 0 already "
                                                 "had, [3-6] retried, 0 dead-lettered"));
    auto const lines = read_file(s.tree / "delivered.tsv");
    EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 2);
}

TEST(pipeline, rejected_releases_go_to_the_dead_letter_table_and_replay_delivers_them) {
    scenario s;
    auto const cause = s.use_rejecting_sink();
    s.drop("a.txt", press_release(1) + "\n" + press_release(2) + "\n" + press_release(3));
    auto r = s.once();
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_THAT(r.output, HasSubstr("sink picky: 0 delivered, 3 queued, 0 already had, 0 retried, "
                                    "3 dead-lettered"));
    auto list = s.ctl("dlq list " + quote(s.config));
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_THAT(list.output, HasSubstr("picky"));
    EXPECT_THAT(list.output, HasSubstr("422 Unprocessable"));
    EXPECT_THAT(list.output, HasSubstr("Press release number 2"));

    fs::remove(cause);
    auto replay = s.ctl("dlq replay " + quote(s.config) + " --all");
    ASSERT_EQ(replay.exit_code, 0) << replay.output;
    EXPECT_THAT(replay.output, HasSubstr("3 dead letter(s) back in their outbox"));
    r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("sink picky: 3 delivered"));
    auto const lines = read_file(s.tree / "delivered.tsv");
    EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 3);
    EXPECT_THAT(s.ctl("dlq list " + quote(s.config)).output, HasSubstr("no dead letters"));
}

TEST(pipeline, routes_pick_sinks_by_condition) {
    scenario s;
    s.sinks += R"(
[[sinks]]
id = "region0"
plugin = "test-flaky"
path = "@ROOT@/region0.tsv"
)";
    s.routes += R"(
[[routes]]
from = ["drops"]
to = ["region0"]
when = { tags_any = ["Region 0"], title_matches = "number [0-9]+" }
)";
    for (int i = 0; i < 10; ++i) {
        s.drop("r" + std::to_string(i) + ".txt", press_release(i));
    }
    auto r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(query_int(s.db, "SELECT COUNT(*) FROM releases"), 10);
    auto const lines = read_file(s.tree / "region0.tsv");
    EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 2);  // i = 0 and 5
    EXPECT_THAT(lines, HasSubstr("Press release number 5:"));
}

TEST(pipeline, releases_no_route_takes_are_counted_and_logged) {
    scenario s;
    s.routes = R"(
[[routes]]
from = ["drops"]
to = ["archive"]
when = { tags_all = ["nothing has this tag"] }
)";
    s.drop("a.txt", press_release(1));
    auto r = s.once();
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("1 unrouted"));
    EXPECT_THAT(r.output, HasSubstr("matched no route"));
}

}  // namespace
}  // namespace ingest::e2e

namespace ingest::e2e {
namespace {

using testing::HasSubstr;

TEST(tools, ingestctl_lists_every_first_party_plugin_with_kind_and_settings) {
    auto r = run(std::string(INGESTCTL_PATH) + " plugins --path " PLUGIN_DIR);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (auto const& [name, kind] :
         std::vector<std::pair<std::string, std::string>>{{"dir", "source"},
                                                          {"press-text", "decoder"},
                                                          {"ndjson", "decoder"},
                                                          {"tag", "transform"},
                                                          {"jsonl", "sink"},
                                                          {"sqlite", "sink"}}) {
        auto const text = "\n" + r.output;
        auto const at = text.find("\n" + name + " ");
        ASSERT_NE(at, std::string::npos) << name << " missing from:\n" << r.output;
        auto const block = text.substr(at, text.find("\n\n", at + 1) - at);
        EXPECT_THAT(block, testing::ContainsRegex("kind: +" + kind + "\n")) << block;
        EXPECT_THAT(block, HasSubstr("settings:")) << block;
    }
    EXPECT_THAT(r.output, HasSubstr("after_ack"));
    EXPECT_THAT(r.output, HasSubstr("keep_revisions"));
}

TEST(tools, ingestd_version_names_the_abi_range) {
    auto r = run(std::string(INGESTD_PATH) + " --version");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_THAT(r.output, testing::MatchesRegex("ingestd [0-9]+\\.[0-9]+\\.[0-9]+ \\(plugin ABI "
                                                "1\\.2; loads plugins built for ABI 1\\.0 to "
                                                "1\\.2\\)\n"));
}

TEST(tools, the_shipped_example_configurations_validate) {
    for (auto const* file : {"ingestd.toml", "quickstart.toml"}) {
        auto r = run("INGEST_ROOT=/srv " + std::string(INGESTCTL_PATH) + " validate " +
                     SOURCE_DIR "/config/" + file + " --plugin-dir " PLUGIN_DIR);
        EXPECT_EQ(r.exit_code, 0) << file << ": " << r.output;
        EXPECT_THAT(r.output, HasSubstr(": OK (")) << file;
    }
}

TEST(tools, ingestctl_parse_prints_releases_and_fails_on_bad_input) {
    temp_tree t;
    write_file(t / "two.txt", press_release(1) + "\n" + press_release(2));
    write_file(t / "bad.txt", "no press release in here\n");
    auto r = run(std::string(INGESTCTL_PATH) + " parse --plugin-dir " PLUGIN_DIR " " +
                 quote(t / "two.txt"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 2);
    EXPECT_THAT(r.output, HasSubstr("{\"kind\":\"release\",\"id\":\""));
    EXPECT_THAT(r.output, HasSubstr("\"title\":\"Press release number 2: regional office"));
    EXPECT_THAT(r.output, HasSubstr("\"tags\":[\"region 2\",\"offices\"]"));

    r = run(std::string(INGESTCTL_PATH) + " parse --plugin-dir " PLUGIN_DIR " " +
            quote(t / "bad.txt"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("bad.txt: press-text"));
    EXPECT_THAT(r.output, HasSubstr("decode failed"));

    r = run(std::string(INGESTCTL_PATH) + " parse --plugin-dir " PLUGIN_DIR " --decoder ndjson " +
            quote(t / "two.txt"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("line 1"));
}

TEST(tools, ingestctl_search_finds_releases_in_the_sqlite_sink) {
    scenario s;
    s.drop("a.txt", press_release(7));
    s.drop("b.txt", press_release(8));
    ASSERT_EQ(s.once().exit_code, 0);
    auto r = s.ctl("search " + quote(s.db) + " 'number AND 7'");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_THAT(r.output, HasSubstr("Press release number 7:"));
    EXPECT_EQ(r.output.find("number 8"), std::string::npos);
    r = s.ctl("search " + quote(s.db) + " --list");
    EXPECT_THAT(r.output, HasSubstr("number 8"));
    r = s.ctl("search " + quote(s.db) + " nothingmatchesthis");
    EXPECT_THAT(r.output, HasSubstr("no release matches 'nothingmatchesthis'"));
    r = s.ctl("search " + quote(s.db) + " '\"unbalanced'");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("ingestctl search:"));
}

}  // namespace
}  // namespace ingest::e2e

namespace ingest::e2e {
namespace {

using testing::HasSubstr;

TEST(daemon, sigterm_stops_the_sources_drains_and_exits_0) {
    scenario s;
    s.source_extra = "interval = \"1s\"\njitter = \"0s\"\n";
    for (int i = 0; i < 20; ++i) {
        s.drop("r" + std::to_string(i) + ".txt", press_release(i));
    }
    auto const log = s.log();
    pid_t pid = s.start_daemon();
    ASSERT_GT(pid, 0);
    // Wait (bounded) until the daemon delivered everything, then ask it to stop.
    long long const rows = s.wait_for_rows(20);
    EXPECT_EQ(rows, 20);
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status)) << read_file(log);
    EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(log);
    EXPECT_THAT(read_file(log), HasSubstr("signal 15: stopping sources, draining outboxes"));
    EXPECT_THAT(read_file(log), HasSubstr("stopped"));
    EXPECT_EQ(query_int(s.tree / "state" / "state.db", "SELECT COUNT(*) FROM outbox"), 0);
}

/// A loopback port that was free a moment ago.
std::uint16_t free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

/// One HTTP/1.0 exchange with 127.0.0.1:port; the whole response ("" when unreachable).
std::string http_exchange(std::uint16_t port, std::string const& request) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    std::string out;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
        char buf[4096];
        ssize_t n = 0;
        while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
            out.append(buf, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return out;
}

std::string http_get(std::uint16_t port, std::string const& path) {
    return http_exchange(port, "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
}

TEST(daemon, serves_metrics_healthz_and_status_on_http_listen) {
    scenario s;
    auto const port = free_port();
    // A host name, as the configuration allows: resolved, IPv4 preferred.
    s.daemon_extra = "http_listen = \"localhost:" + std::to_string(port) + "\"\n";
    s.source_extra = "interval = \"1s\"\njitter = \"0s\"\n";
    for (int i = 0; i < 5; ++i) {
        s.drop("r" + std::to_string(i) + ".txt", press_release(i));
    }
    auto const log = s.log();
    pid_t pid = s.start_daemon();
    ASSERT_GT(pid, 0);
    std::string status;
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline &&
           status.find("\"delivered\":5") == std::string::npos) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        status = http_get(port, "/status");
    }
    EXPECT_THAT(status, HasSubstr("HTTP/1.0 200 OK")) << read_file(log);
    EXPECT_THAT(status, HasSubstr("Content-Type: application/json"));
    EXPECT_THAT(status, HasSubstr("\"sources\":[{\"id\":\"drops\",\"items\":5,"));
    EXPECT_THAT(status, HasSubstr("{\"id\":\"archive\",\"enqueued\":5,"));
    EXPECT_THAT(status, HasSubstr("\"delivered\":5"));

    auto metrics = http_get(port, "/metrics");
    EXPECT_THAT(metrics, HasSubstr("text/plain; version=0.0.4"));
    EXPECT_THAT(metrics, HasSubstr("# TYPE ingest_sink_delivered_total counter"));
    EXPECT_THAT(metrics, HasSubstr("ingest_sink_delivered_total{sink=\"archive\"} 5"));

    auto health = http_get(port, "/healthz");
    EXPECT_THAT(health, HasSubstr("200 OK"));
    EXPECT_THAT(health, HasSubstr("\r\n\r\nok\n"));
    EXPECT_THAT(http_get(port, "/nope"), HasSubstr("404 Not Found"));
    EXPECT_THAT(http_exchange(port, "POST /metrics HTTP/1.0\r\nContent-Length: 0\r\n\r\n"),
                HasSubstr("405 Method Not Allowed"));
    EXPECT_THAT(http_exchange(port, "garbage\r\n\r\n"), ::testing::Not(HasSubstr("200")));

    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    int code = 0;
    ASSERT_EQ(::waitpid(pid, &code, 0), pid);
    ASSERT_TRUE(WIFEXITED(code)) << read_file(log);
    EXPECT_EQ(WEXITSTATUS(code), 0) << read_file(log);
    EXPECT_THAT(read_file(log), HasSubstr("serving /metrics, /healthz and /status on localhost:"));
}

TEST(daemon, a_taken_http_listen_port_is_an_error_but_ingestion_goes_on) {
    // Hold the port for the whole run.
    int holder = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ASSERT_EQ(::bind(holder, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ASSERT_EQ(::listen(holder, 1), 0);
    ::getsockname(holder, reinterpret_cast<sockaddr*>(&a), &len);
    scenario s;
    s.daemon_extra = "http_listen = \"127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "\"\n";
    s.source_extra = "interval = \"1s\"\njitter = \"0s\"\n";
    s.drop("r.txt", press_release(1));
    auto const log = s.log();
    pid_t pid = s.start_daemon();
    ASSERT_GT(pid, 0);
    long long const rows = s.wait_for_rows(1);
    ::kill(pid, SIGTERM);
    int code = 0;
    ASSERT_EQ(::waitpid(pid, &code, 0), pid);
    ::close(holder);
    EXPECT_EQ(rows, 1) << read_file(log);
    EXPECT_TRUE(WIFEXITED(code) && WEXITSTATUS(code) == 0) << read_file(log);
    EXPECT_THAT(read_file(log), HasSubstr("cannot listen"));
    EXPECT_THAT(read_file(log), HasSubstr("/metrics, /healthz and /status are not served"));
}

TEST(tools, ingestctl_run_once_and_dlq_show_and_drop) {
    scenario s;
    auto const cause = s.use_rejecting_sink();
    s.drop("a.txt", press_release(1) + "\n" + press_release(2));
    s.write_config();
    auto r = s.ctl("run --once " + quote(s.config) + " --drain-timeout 2s");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_THAT(r.output, HasSubstr("2 dead-lettered"));

    auto show = s.ctl("dlq show " + quote(s.config) + " 1");
    ASSERT_EQ(show.exit_code, 0) << show.output;
    EXPECT_THAT(show.output, HasSubstr("sink:       picky"));
    EXPECT_THAT(show.output, HasSubstr("error:      rejected: 422 Unprocessable"));
    EXPECT_THAT(show.output, HasSubstr("\"title\":\"Press release number 1"));
    EXPECT_EQ(s.ctl("dlq show " + quote(s.config) + " 99").exit_code, 1);

    auto drop = s.ctl("dlq drop " + quote(s.config) + " 1");
    ASSERT_EQ(drop.exit_code, 0) << drop.output;
    EXPECT_THAT(drop.output, HasSubstr("1 dead letter(s) dropped"));
    EXPECT_EQ(s.ctl("dlq drop " + quote(s.config)).exit_code, 2) << "neither id nor --all";
    auto list = s.ctl("dlq list " + quote(s.config));
    EXPECT_THAT(list.output, HasSubstr("Press release number 2"));
    EXPECT_EQ(list.output.find("Press release number 1:"), std::string::npos);
    drop = s.ctl("dlq drop " + quote(s.config) + " --all");
    EXPECT_THAT(drop.output, HasSubstr("1 dead letter(s) dropped"));
}

TEST(daemon, an_invalid_configuration_starts_nothing) {
    scenario s;
    s.sinks = R"(
[[sinks]]
id = "archive"
plugin = "sqlite"
pth = "@ROOT@/releases.db"
)";
    auto r = s.once();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.output, HasSubstr("ingestd.toml:"));
    EXPECT_THAT(r.output, HasSubstr("unknown setting 'pth'; did you mean 'path'?"));
    EXPECT_THAT(r.output, HasSubstr("configuration rejected"));
    EXPECT_FALSE(fs::exists(s.tree / "state"));
}

}  // namespace
}  // namespace ingest::e2e

namespace ingest::e2e {
namespace {

TEST(tools, ingestctl_parse_prints_the_feed_object_first) {
    temp_tree t;
    write_file(t / "news.rss",
               "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Agency news</title>"
               "<link>https://agency.example/</link><language>en</language>"
               "<item><title>One</title><guid>a1</guid></item>"
               "<item><title>Two</title><guid>a2</guid></item></channel></rss>");
    auto r = run(std::string(INGESTCTL_PATH) + " parse --plugin-dir " PLUGIN_DIR " " +
                 quote(t / "news.rss"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output.rfind("{\"kind\":\"feed\",", 0), 0u) << r.output;
    EXPECT_THAT(r.output, testing::HasSubstr("\"title\":\"Agency news\",\"link\":\"https://"
                                             "agency.example/\""));
    EXPECT_THAT(r.output, testing::HasSubstr("\"items\":2}"));
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 3);
}

}  // namespace
}  // namespace ingest::e2e
