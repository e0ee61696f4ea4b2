// Behaviour of the jsonl sink against the fake host, and of the built library through the
// daemon's loader.
#include "jsonl_sink.hpp"

#include <ingest/sdk/json.hpp>
#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/harness.hpp>
#include <ingest/sdk/testing/samples.hpp>
#include <ingest/sdk/testing/temp_dir.hpp>

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using ingest::plugins::sink_jsonl::jsonl_sink;
using ingest::sdk::descriptor_of;
using ingest::sdk::release;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::minimal_release;
using ingest::sdk::testing::read_file;
using ingest::sdk::testing::sample_release;
using ingest::sdk::testing::settings_builder;
using ingest::sdk::testing::temp_dir;
using ingest::sdk::testing::write_file;

std::string lines_of(std::vector<release> const& records) {
    std::string out;
    for (auto const& r : records) {
        out += ingest::sdk::to_json(r) + "\n";
    }
    return out;
}

class jsonl_sink_test : public ::testing::Test {
protected:
    void SetUp() override { file_ = (dir_ / "releases.jsonl").string(); }

    /// Creates and starts a sink writing to file_.
    void open(fake_host& host, bool fsync = true) {
        ASSERT_TRUE(host.create(settings_builder().set("path", file_).set_bool("fsync", fsync)));
        ASSERT_TRUE(host.start());
    }

    temp_dir dir_{"ingest-jsonl-"};
    std::string file_;
};

TEST_F(jsonl_sink_test, appends_one_release_json_line_per_record) {
    fake_host host(descriptor_of<jsonl_sink>());
    open(host);
    std::vector<release> batch{sample_release("a"), minimal_release("b", "Second")};

    auto results = host.write_batch(batch);

    ASSERT_TRUE(results) << results.status();
    ASSERT_EQ(results->size(), 2u);
    EXPECT_TRUE(results.value()[0].delivered());
    EXPECT_TRUE(results.value()[1].delivered());
    EXPECT_EQ(read_file(file_), lines_of(batch));
    EXPECT_EQ(host.counter("ingest_sink_jsonl_records_total"), 2);
    EXPECT_EQ(host.counter("ingest_sink_jsonl_bytes_total"),
              static_cast<double>(lines_of(batch).size()));
    EXPECT_TRUE(host.violations().empty());
}

TEST_F(jsonl_sink_test, appends_across_batches_and_restarts_without_touching_old_lines) {
    write_file(file_, "{\"existing\":true}\n");
    std::vector<release> first{minimal_release("1")};
    std::vector<release> second{minimal_release("2"), minimal_release("3")};
    {
        fake_host host(descriptor_of<jsonl_sink>());
        open(host, false);
        ASSERT_TRUE(host.write_batch(first));
        ASSERT_TRUE(host.stop());
    }
    {
        fake_host host(descriptor_of<jsonl_sink>());
        open(host, false);
        ASSERT_TRUE(host.write_batch(second));
    }
    EXPECT_EQ(read_file(file_), "{\"existing\":true}\n" + lines_of(first) + lines_of(second));
}

TEST_F(jsonl_sink_test, creates_the_file_with_mode_0640) {
    mode_t const mask = ::umask(0);
    ::umask(mask);
    fake_host host(descriptor_of<jsonl_sink>());
    open(host);
    struct stat st {};
    ASSERT_EQ(::stat(file_.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u & ~mask);
}

TEST_F(jsonl_sink_test, an_empty_batch_writes_nothing_and_completes) {
    fake_host host(descriptor_of<jsonl_sink>());
    open(host);
    auto results = host.write_batch({});
    ASSERT_TRUE(results) << results.status();
    EXPECT_TRUE(results->empty());
    EXPECT_EQ(read_file(file_), "");
}

TEST_F(jsonl_sink_test, start_fails_with_the_path_and_the_reason) {
    fake_host host(descriptor_of<jsonl_sink>());
    std::string const missing = (dir_ / "no-such-dir" / "x.jsonl").string();
    ASSERT_TRUE(host.create(settings_builder().set("path", missing)));
    auto status = host.start();
    EXPECT_EQ(status.rc, INGEST_ERROR);
    EXPECT_NE(status.message.find(missing), std::string::npos) << status;
    EXPECT_NE(status.message.find("No such file or directory"), std::string::npos) << status;
}

TEST_F(jsonl_sink_test, a_batch_before_start_is_retried) {
    fake_host host(descriptor_of<jsonl_sink>());
    ASSERT_TRUE(host.create(settings_builder().set("path", file_)));
    auto results = host.write_batch({minimal_release()});
    ASSERT_TRUE(results) << results.status();
    ASSERT_EQ(results->size(), 1u);
    EXPECT_TRUE(results.value()[0].retry());
    EXPECT_NE(results.value()[0].reason.find("is not open"), std::string::npos);
}

TEST_F(jsonl_sink_test, a_failed_write_retries_the_whole_batch_with_errno_text_and_path) {
    fake_host host(descriptor_of<jsonl_sink>());
    ASSERT_TRUE(host.create(settings_builder().set("path", "/dev/full")));
    ASSERT_TRUE(host.start());

    auto results = host.write_batch({minimal_release("1"), minimal_release("2")});

    ASSERT_TRUE(results) << results.status();
    ASSERT_EQ(results->size(), 2u);
    for (auto const& r : *results) {
        EXPECT_TRUE(r.retry());
        EXPECT_NE(r.reason.find("/dev/full"), std::string::npos) << r.reason;
        EXPECT_NE(r.reason.find("No space left on device"), std::string::npos) << r.reason;
    }
    EXPECT_EQ(host.counter("ingest_sink_jsonl_write_failures_total"), 1);
    EXPECT_EQ(host.counter("ingest_sink_jsonl_records_total"), 0);
    EXPECT_TRUE(host.logged(ingest::sdk::log_level::warn, "/dev/full")) << host.log_text();
}

/// Lowers RLIMIT_FSIZE for the scope (and ignores SIGXFSZ, so that write() fails with
/// EFBIG instead of killing the process).
class file_size_limit {
public:
    explicit file_size_limit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &saved_);
        old_handler_ = ::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = saved_;
        lowered.rlim_cur = bytes;
        ok_ = ::setrlimit(RLIMIT_FSIZE, &lowered) == 0;
    }
    ~file_size_limit() {
        ::setrlimit(RLIMIT_FSIZE, &saved_);
        ::signal(SIGXFSZ, old_handler_);
    }
    bool ok() const { return ok_; }

private:
    rlimit saved_{};
    void (*old_handler_)(int) = nullptr;
    bool ok_ = false;
};

TEST_F(jsonl_sink_test, a_short_write_cuts_the_file_back_so_no_partial_line_remains) {
    fake_host host(descriptor_of<jsonl_sink>());
    open(host);
    std::vector<release> first{minimal_release("first")};
    ASSERT_TRUE(host.write_batch(first));
    std::string const before = read_file(file_);

    release big = sample_release("big");
    big.body_text.assign(64 * 1024, 'x');
    std::vector<release> results_batch{big};
    ingest::sdk::testing::call_result<std::vector<ingest::sdk::testing::delivery>> results =
        ingest::sdk::testing::call_status{INGEST_ERROR, "not run"};
    {
        // Room for a part of the big line only: write() is short, then fails with EFBIG.
        file_size_limit limit(before.size() + 100);
        ASSERT_TRUE(limit.ok());
        results = host.write_batch(results_batch);
    }

    ASSERT_TRUE(results) << results.status();
    ASSERT_EQ(results->size(), 1u);
    EXPECT_TRUE(results.value()[0].retry());
    EXPECT_NE(results.value()[0].reason.find(file_), std::string::npos);
    EXPECT_NE(results.value()[0].reason.find("File too large"), std::string::npos)
        << results.value()[0].reason;
    // A part of the line did reach the file before the failure, and was cut off again.
    EXPECT_NE(results.value()[0].reason.find("(after 100 of "), std::string::npos)
        << results.value()[0].reason;
    EXPECT_EQ(read_file(file_), before);

    // Once there is room again the same batch goes through.
    auto again = host.write_batch(results_batch);
    ASSERT_TRUE(again) << again.status();
    EXPECT_TRUE(again.value()[0].delivered());
    EXPECT_EQ(read_file(file_), before + lines_of(results_batch));
}

TEST_F(jsonl_sink_test, the_built_library_loads_through_the_daemons_loader_and_writes) {
    auto plugin = ingest::sdk::testing::load_plugin(JSONL_SINK_PLUGIN_FILE);
    ASSERT_TRUE(plugin) << plugin.error();
    EXPECT_EQ(plugin.name(), "jsonl");
    EXPECT_EQ(plugin.kind(), INGEST_KIND_SINK);

    fake_host host(plugin);
    open(host);
    std::vector<release> batch{sample_release("from-the-library")};
    auto results = host.write_batch(batch);
    ASSERT_TRUE(results) << results.status();
    EXPECT_TRUE(results.value()[0].delivered());
    EXPECT_EQ(read_file(file_), lines_of(batch));
}

/// Runs the schema validator on a file; returns its exit status.
int validate(std::string const& file) {
    std::string const command = std::string(SYSTEM_PYTHON) + " " + RELEASE_SCHEMA_VALIDATOR + " " +
                                RELEASE_SCHEMA_FILE + " '" + file + "'";
    int const status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(jsonl_sink_test, its_output_validates_against_the_release_schema) {
    fake_host host(descriptor_of<jsonl_sink>());
    open(host);
    release negative_time = minimal_release("negative-time");
    negative_time.published.unix_ms = -1;  // 1969-12-31T23:59:59.999Z
    negative_time.fetched_at_ms = 0;
    release unknown_time = minimal_release("unknown-time");
    unknown_time.published.raw = "yesterday";
    release empty;  // every field empty: ids become "", the rest null or []
    ASSERT_TRUE(host.write_batch(
        {sample_release("rich"), minimal_release("min"), negative_time, unknown_time, empty}));

    EXPECT_EQ(validate(file_), 0) << read_file(file_);
}

TEST_F(jsonl_sink_test, the_schema_refuses_what_to_json_never_writes) {
    std::string const good = ingest::sdk::to_json(minimal_release("x"));
    ASSERT_EQ((write_file(file_, good + "\n"), validate(file_)), 0);

    auto replace = [&good](std::string const& from, std::string const& to) {
        auto s = good;
        auto at = s.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return s.replace(at, from.size(), to);
    };
    std::vector<std::string> const bad{
        replace("\"revision\":1", "\"revision\":0"),
        replace("\"link\":null", "\"link\":\"\""),
        replace("\"published\":null", "\"published\":\"2020-05-26 08:00:00\""),
        replace("\"published\":null", "\"published\":\"2020-05-26T08:00:00+02:00\""),
        replace("\"tags\":[]", "\"tags\":[null]"),
        replace("\"extensions\":{}", "\"extensions\":{\"a\":1}"),
        replace("\"id\":\"x\",", ""),
        replace("\"id\":\"x\",", "\"id\":\"x\",\"unknown\":1,"),
    };
    for (auto const& line : bad) {
        write_file(file_, line + "\n");
        EXPECT_EQ(validate(file_), 1) << line;
    }
}

}  // namespace
