// `ingestctl fetch URL` against the Beast server: one GET with the http source's rules, the
// records printed like `ingestctl parse` (feed object first), the status and validators on
// stderr, 304 and errors with their exit codes, private destinations refused by default.
#include "test_server.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace ingest::testing {
namespace {

struct run_result {
    int code = -1;
    std::string out;
    std::string err;
};

/// Runs ingestctl fetch with args; stdout and stderr captured separately.
run_result fetch(std::string const& args) {
    // One file per process: ctest runs the tests of this binary in parallel processes.
    std::string err_path =
        ::testing::TempDir() + "ingestctl_fetch_err." + std::to_string(::getpid()) + ".txt";
    std::string cmd = std::string(INGESTCTL_PATH) + " fetch --plugin-dir " PLUGIN_DIR " " + args +
                      " 2>" + err_path;
    run_result r;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) {
        return r;
    }
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) {
        r.out.append(buf.data(), n);
    }
    int status = ::pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (FILE* e = std::fopen(err_path.c_str(), "rb")) {
        while ((n = std::fread(buf.data(), 1, buf.size(), e)) > 0) {
            r.err.append(buf.data(), n);
        }
        std::fclose(e);
    }
    std::remove(err_path.c_str());
    return r;
}

std::vector<std::string> lines(std::string const& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        out.push_back(text.substr(pos, nl - pos));
        if (nl == std::string::npos) {
            break;
        }
        pos = nl + 1;
    }
    return out;
}

bool has(std::string const& text, std::string const& part) {
    return text.find(part) != std::string::npos;
}

class IngestctlFetch : public ::testing::Test {
protected:
    test_server server_;
};

TEST_F(IngestctlFetch, PrintsTheFeedThenEachReleaseAndTheValidatorsOnStderr) {
    auto r = fetch("--allow-private-addresses " + server_.url("/press.rss"));
    ASSERT_EQ(r.code, 0) << r.err;
    auto out = lines(r.out);
    ASSERT_EQ(out.size(), 3u) << r.out;
    EXPECT_EQ(out[0].rfind("{\"kind\":\"feed\"", 0), 0u) << out[0];
    // The charset came from the Content-Type header only.
    EXPECT_TRUE(has(out[0], "\"title\":\"Pr\u00e9fecture press office\"") ||
                has(out[0],
                    "\"title\":\"Pr\xc3\xa9"
                    "fecture press office\""))
        << out[0];
    EXPECT_TRUE(has(out[0], "\"items\":2")) << out[0];
    EXPECT_EQ(out[1].rfind("{\"kind\":\"release\"", 0), 0u);
    EXPECT_TRUE(has(out[1], "\"title\":\"Flood warning lifted\"")) << out[1];
    EXPECT_TRUE(has(out[1], "\"native_id\":\"r-1\"")) << out[1];
    EXPECT_TRUE(has(out[1], "\"published\":\"2020-05-26T07:00:00Z\"")) << out[1];
    EXPECT_TRUE(has(out[1], "\xe2\x80\x9cred\xe2\x80\x9d") || has(out[1], "\\u201cred\\u201d"))
        << out[1];
    EXPECT_TRUE(has(out[1], "\"plugin\":\"http\"")) << out[1];
    EXPECT_TRUE(has(out[2], "\"title\":\"Roads reopened\"")) << out[2];
    EXPECT_TRUE(has(r.err, "HTTP 200 " + server_.url("/press.rss"))) << r.err;
    EXPECT_TRUE(has(r.err, "ETag: \"p1\"")) << r.err;
    EXPECT_TRUE(has(r.err, "Content-Type: application/rss+xml; charset=windows-1252")) << r.err;
}

TEST_F(IngestctlFetch, NotModifiedPrintsNothingAndSucceeds) {
    auto r =
        fetch("--allow-private-addresses --if-none-match '\"p1\"' " + server_.url("/press.rss"));
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_TRUE(has(r.err, "HTTP 304")) << r.err;
    EXPECT_TRUE(has(r.err, "not modified")) << r.err;
}

TEST_F(IngestctlFetch, PrivateDestinationsAreRefusedByDefault) {
    auto r = fetch(server_.url("/press.rss"));
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.out.empty());
    EXPECT_TRUE(has(r.err, "blocked destination 127.0.0.1 (loopback)")) << r.err;
}

TEST_F(IngestctlFetch, ErrorStatusesAndUndecodableBodiesFail) {
    auto gone = fetch("--allow-private-addresses " + server_.url("/410"));
    EXPECT_EQ(gone.code, 1);
    EXPECT_TRUE(has(gone.err, "HTTP 410")) << gone.err;
    EXPECT_TRUE(has(gone.err, "nothing parsed")) << gone.err;

    auto text = fetch("--allow-private-addresses --decoder feed " + server_.url("/echo-ua"));
    EXPECT_EQ(text.code, 1) << text.out;
    EXPECT_TRUE(text.out.empty()) << text.out;
    EXPECT_TRUE(has(text.err, server_.url("/echo-ua") + ": ")) << text.err;

    auto size = fetch("--max-body-size 12XB " + server_.url("/press.rss"));
    EXPECT_EQ(size.code, 2);
    EXPECT_TRUE(has(size.err, "--max-body-size: ")) << size.err;

    auto small =
        fetch("--allow-private-addresses --max-body-size 100 " + server_.url("/press.rss"));
    EXPECT_EQ(small.code, 1);
    EXPECT_TRUE(small.out.empty()) << small.out;

    auto scheme = fetch("file:///etc/passwd");
    EXPECT_EQ(scheme.code, 1);
    EXPECT_TRUE(has(scheme.err, "is not an http:// or https:// URL")) << scheme.err;
}

TEST_F(IngestctlFetch, RedirectsAreReportedAndFollowed) {
    auto r = fetch("--allow-private-addresses --decoder feed " + server_.url("/301"));
    EXPECT_TRUE(has(r.err, "redirects: 301")) << r.err;
    EXPECT_TRUE(has(r.err, "HTTP 200 " + server_.url("/feed"))) << r.err;
}

}  // namespace
}  // namespace ingest::testing
