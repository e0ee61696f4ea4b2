// End to end against a real nginx: the real ingestd (`--once`) with the http source, the
// feed decoder and the jsonl sink polls feed files that nginx serves from a temp dir, with
// the same state_dir across runs, as a daemon restarted between polls would.
//
// Once mode and the http source (core/pipeline/engine.cpp poll_source, plugins/source-http):
// the first poll starts a request for every URL that is due (url_jitter = "0s": all of
// them), the engine keeps polling while the core's HTTP service has requests in flight,
// emits what came back, and ends the run at the first poll that emits nothing with nothing
// in flight. Each run makes one request per URL. min_interval = "1h" keeps a URL from
// falling due again within a run: with a min_interval of about a second, a URL answered 304
// could be fetched again, several times, in one run (the engine looks once a second while a
// request is in flight).
//
// nginx's validators are made of the file's mtime (ETag "<hex mtime>-<hex size>",
// Last-Modified), so every file is written with an explicit mtime in the past.
#include "nginx_server.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace ingest::testing {
namespace {

namespace json = boost::json;

struct feed_item {
    std::string guid;
    std::string title;
    std::string body;
};

std::string rss_feed(std::vector<feed_item> const& items,
                     std::string const& last_build_date = "Mon, 06 May 2024 09:00:00 GMT") {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<rss version=\"2.0\"><channel>\n"
        "<title>Ministry of Water: press releases</title>\n"
        "<link>https://water.example.org/press</link>\n"
        "<description>Releases of the ministry</description>\n"
        "<language>en</language>\n"
        "<lastBuildDate>" +
        last_build_date + "</lastBuildDate>\n";
    int day = 1;
    for (auto const& it : items) {
        char date[64];
        std::snprintf(date, sizeof date, "Wed, %02d May 2024 08:00:00 GMT", day++);
        out += "<item>\n<title>" + it.title + "</title>\n<link>https://water.example.org/press/" +
               it.guid + "</link>\n<guid isPermaLink=\"false\">" + it.guid + "</guid>\n<pubDate>" +
               date + "</pubDate>\n<description>&lt;p&gt;" + it.body +
               "&lt;/p&gt;</description>\n</item>\n";
    }
    return out + "</channel></rss>\n";
}

std::string atom_feed(std::vector<feed_item> const& items) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        "<title>Harbour authority news</title>\n"
        "<id>urn:example:harbour</id>\n"
        "<updated>2024-05-06T09:00:00Z</updated>\n"
        "<link rel=\"alternate\" href=\"https://harbour.example.org/\"/>\n";
    for (auto const& it : items) {
        out += "<entry>\n<id>urn:example:harbour:" + it.guid + "</id>\n<title>" + it.title +
               "</title>\n<link rel=\"alternate\" href=\"https://harbour.example.org/" + it.guid +
               "\"/>\n<updated>2024-05-02T08:00:00Z</updated>\n<summary>" + it.body +
               "</summary>\n</entry>\n";
    }
    return out + "</feed>\n";
}

std::vector<feed_item> three_items() {
    return {{"wr-101", "Reservoir levels rise after spring rains", "The northern reservoirs."},
            {"wr-102", "New pumping station opens in the valley", "It serves 40,000 homes."},
            {"wr-103", "Drought plan consultation begins", "Comments are open until June."}};
}

/// The releases the jsonl sink wrote, one JSON object per line.
std::vector<json::object> read_releases(fs::path const& jsonl) {
    std::vector<json::object> out;
    std::istringstream in(read_whole_file(jsonl));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) {
            out.push_back(json::parse(line).as_object());
        }
    }
    return out;
}

std::string text_of(json::object const& o, char const* key) {
    auto const* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t int_of(json::object const& o, char const* key) {
    auto const* v = o.if_contains(key);
    return v != nullptr && v->is_int64() ? v->as_int64() : -1;
}

struct run_result {
    int exit_code = -1;
    std::string log;
};

/// Fixture: a private nginx and a state tree shared by the runs of one test.
class nginx_feed_e2e : public ::testing::Test {
protected:
    void SetUp() override {
        try {
            nginx_ = std::make_unique<nginx_server>(NGINX_PATH);
        } catch (std::exception const& e) {
            FAIL() << e.what();
        }
        mtime_v1_ = std::time(nullptr) - 3600;
        mtime_v2_ = std::time(nullptr) - 1800;
    }

    /// Writes the configuration (one http source polling path on nginx, the feed decoder,
    /// the jsonl sink) and runs `ingestd --once` to its end; stderr goes to daemon-N.log.
    run_result run_once(std::string const& path) {
        auto const config = tree_ / "ingestd.toml";
        {
            std::ofstream cfg(config, std::ios::trunc);
            cfg << "[daemon]\n"
                << "state_dir = \"" << (tree_ / "state").string() << "\"\n"
                << "plugin_dirs = [\"" << PLUGIN_DIR << "\"]\n"
                << "log_level = \"debug\"\n\n"
                << "[[sources]]\n"
                << "id = \"press\"\n"
                << "plugin = \"http\"\n"
                << "decoder = \"feed\"\n"
                << "urls = [\"" << nginx_->url(path) << "\"]\n"
                << "min_interval = \"1h\"\n"
                << "url_jitter = \"0s\"\n"
                << "allow_private_addresses = true\n\n"
                << "[[sinks]]\n"
                << "id = \"out\"\n"
                << "plugin = \"jsonl\"\n"
                << "path = \"" << out_path().string() << "\"\n\n"
                << "[[routes]]\n"
                << "from = [\"*\"]\n"
                << "to = [\"out\"]\n";
        }
        auto const log = tree_ / ("daemon-" + std::to_string(++runs_) + ".log");
        pid_t pid = ::fork();
        if (pid == 0) {
            if (std::freopen(log.c_str(), "w", stderr) == nullptr) {
                ::_exit(126);
            }
            ::execl(INGESTD_PATH, INGESTD_PATH, "--config", config.c_str(), "--once", nullptr);
            ::_exit(127);
        }
        run_result r;
        if (pid < 0) {
            r.log = "fork failed";
            return r;
        }
        // A once run takes about a second here; one that hangs is killed and reported.
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        int status = 0;
        bool killed = false;
        while (::waitpid(pid, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, &status, 0);
                killed = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (!killed && WIFEXITED(status)) {
            r.exit_code = WEXITSTATUS(status);
        }
        r.log = read_whole_file(log);
        if (killed) {
            r.log += "(ingestd --once still running after 20 s: killed)\n";
        }
        return r;
    }

    fs::path out_path() const { return tree_ / "out.jsonl"; }
    std::vector<json::object> delivered() const { return read_releases(out_path()); }

    /// What to print when an expectation fails: the daemon's last log, nginx's access log.
    std::string context(run_result const& r) const {
        return "\n--- ingestd log ---\n" + r.log + "--- nginx access log ---\n" +
               nginx_->access_log() + "--- delivered ---\n" + read_whole_file(out_path());
    }

    std::unique_ptr<nginx_server> nginx_;
    temp_dir tree_{"ingest-nginx-e2e-"};
    std::time_t mtime_v1_ = 0;
    std::time_t mtime_v2_ = 0;
    int runs_ = 0;
};

TEST_F(nginx_feed_e2e, first_poll_200_then_304_with_both_validators) {
    auto const body = rss_feed(three_items());
    nginx_->put("/both/feed.xml", body, mtime_v1_);

    auto first = run_once("/both/feed.xml");
    ASSERT_EQ(first.exit_code, 0) << context(first);
    auto releases = delivered();
    ASSERT_EQ(releases.size(), 3u) << context(first);
    std::map<std::string, std::string> titles;
    for (auto const& r : releases) {
        titles[text_of(r, "native_id")] = text_of(r, "title");
        EXPECT_EQ(int_of(r, "revision"), 1) << json::serialize(r);
    }
    EXPECT_EQ(titles["wr-101"], "Reservoir levels rise after spring rains");
    EXPECT_EQ(titles["wr-102"], "New pumping station opens in the valley");
    EXPECT_EQ(titles["wr-103"], "Drought plan consultation begins");

    auto second = run_once("/both/feed.xml");
    ASSERT_EQ(second.exit_code, 0) << context(second);
    EXPECT_EQ(delivered().size(), 3u) << "a 304 delivers nothing" << context(second);

    auto const reqs = nginx_->requests("/both/feed.xml");
    ASSERT_EQ(reqs.size(), 2u) << "one request per --once run" << context(second);
    EXPECT_EQ(reqs[0].status, 200);
    EXPECT_EQ(reqs[0].if_none_match, "") << "nothing stored before the first poll";
    EXPECT_EQ(reqs[0].if_modified_since, "");
    EXPECT_EQ(reqs[1].status, 304) << context(second);
    EXPECT_EQ(reqs[1].if_none_match, nginx_server::etag_of(mtime_v1_, body.size()));
    EXPECT_EQ(reqs[1].if_modified_since, nginx_server::http_date(mtime_v1_));
}

TEST_F(nginx_feed_e2e, etag_alone_gets_304) {
    auto const body = atom_feed(three_items());
    nginx_->put("/etag-only/feed.atom", body, mtime_v1_);

    auto first = run_once("/etag-only/feed.atom");
    ASSERT_EQ(first.exit_code, 0) << context(first);
    ASSERT_EQ(delivered().size(), 3u) << context(first);

    auto second = run_once("/etag-only/feed.atom");
    ASSERT_EQ(second.exit_code, 0) << context(second);
    EXPECT_EQ(delivered().size(), 3u) << context(second);

    auto const reqs = nginx_->requests("/etag-only/feed.atom");
    ASSERT_EQ(reqs.size(), 2u) << context(second);
    EXPECT_EQ(reqs[0].status, 200);
    EXPECT_EQ(reqs[1].status, 304) << context(second);
    EXPECT_EQ(reqs[1].if_none_match, nginx_server::etag_of(mtime_v1_, body.size()))
        << context(second);
    EXPECT_EQ(reqs[1].if_modified_since, "")
        << "no Last-Modified was served, so none may be sent back" << context(second);
}

TEST_F(nginx_feed_e2e, last_modified_alone_gets_304) {
    auto const body = rss_feed(three_items());
    nginx_->put("/lm-only/feed.xml", body, mtime_v1_);

    auto first = run_once("/lm-only/feed.xml");
    ASSERT_EQ(first.exit_code, 0) << context(first);
    ASSERT_EQ(delivered().size(), 3u) << context(first);

    auto second = run_once("/lm-only/feed.xml");
    ASSERT_EQ(second.exit_code, 0) << context(second);
    EXPECT_EQ(delivered().size(), 3u) << context(second);

    auto const reqs = nginx_->requests("/lm-only/feed.xml");
    ASSERT_EQ(reqs.size(), 2u) << context(second);
    EXPECT_EQ(reqs[0].status, 200);
    EXPECT_EQ(reqs[1].status, 304) << context(second);
    EXPECT_EQ(reqs[1].if_modified_since, nginx_server::http_date(mtime_v1_)) << context(second);
    EXPECT_EQ(reqs[1].if_none_match, "")
        << "no ETag was served, so none may be sent back" << context(second);
}

/// Checks the run after a change: 200 to a conditional request, the edited and the added
/// item delivered (revision 2 and 1), nothing else; then a 304 on the next run.
void expect_only_changes_delivered(std::vector<json::object> const& all, std::size_t before,
                                   std::string const& ctx) {
    ASSERT_EQ(all.size(), before + 2) << "only the edited and the new item" << ctx;
    std::map<std::string, json::object> added;
    for (std::size_t i = before; i < all.size(); ++i) {
        added[text_of(all[i], "native_id")] = all[i];
    }
    ASSERT_EQ(added.count("wr-102"), 1u) << ctx;
    ASSERT_EQ(added.count("wr-104"), 1u) << ctx;
    auto const& edited = added["wr-102"];
    auto const& fresh = added["wr-104"];
    EXPECT_EQ(text_of(edited, "title"), "New pumping station opens in the valley (corrected)");
    EXPECT_EQ(int_of(edited, "revision"), 2) << json::serialize(edited);
    EXPECT_EQ(text_of(fresh, "title"), "Flood warning lifted for the lower basin");
    EXPECT_EQ(int_of(fresh, "revision"), 1) << json::serialize(fresh);
    // The edited release keeps its id: it is a new revision of the same release.
    for (std::size_t i = 0; i < before; ++i) {
        if (text_of(all[i], "native_id") == "wr-102") {
            EXPECT_EQ(text_of(all[i], "id"), text_of(edited, "id"));
        }
    }
}

std::vector<feed_item> changed_items() {
    auto items = three_items();
    items[1].title += " (corrected)";
    items[1].body = "It serves 42,000 homes.";
    items.push_back({"wr-104", "Flood warning lifted for the lower basin", "Rivers are back."});
    return items;
}

TEST_F(nginx_feed_e2e, changed_file_delivers_only_new_and_changed_items) {
    nginx_->put("/both/feed.xml", rss_feed(three_items()), mtime_v1_);
    auto first = run_once("/both/feed.xml");
    ASSERT_EQ(first.exit_code, 0) << context(first);
    ASSERT_EQ(delivered().size(), 3u) << context(first);

    // One item edited, one added, the others and the channel as they were; a newer mtime.
    auto const v2 = rss_feed(changed_items());
    nginx_->put("/both/feed.xml", v2, mtime_v2_);
    auto second = run_once("/both/feed.xml");
    ASSERT_EQ(second.exit_code, 0) << context(second);
    expect_only_changes_delivered(delivered(), 3, context(second));

    auto third = run_once("/both/feed.xml");
    ASSERT_EQ(third.exit_code, 0) << context(third);
    EXPECT_EQ(delivered().size(), 5u) << context(third);

    auto const reqs = nginx_->requests("/both/feed.xml");
    ASSERT_EQ(reqs.size(), 3u) << context(third);
    EXPECT_EQ(reqs[1].status, 200) << context(third);
    EXPECT_NE(reqs[1].if_none_match, "") << "the changed file was asked for conditionally";
    EXPECT_NE(reqs[1].if_modified_since, "");
    EXPECT_EQ(reqs[2].status, 304) << "the new validators were stored" << context(third);
    EXPECT_EQ(reqs[2].if_none_match, nginx_server::etag_of(mtime_v2_, v2.size()));
    EXPECT_EQ(reqs[2].if_modified_since, nginx_server::http_date(mtime_v2_));
}

// A real feed also moves its channel's lastBuildDate when an item changes; the items that
// did not change must still not be delivered again.
TEST_F(nginx_feed_e2e, changed_file_with_new_last_build_date_delivers_only_changes) {
    nginx_->put("/both/feed.xml", rss_feed(three_items(), "Mon, 06 May 2024 09:00:00 GMT"),
                mtime_v1_);
    auto first = run_once("/both/feed.xml");
    ASSERT_EQ(first.exit_code, 0) << context(first);
    ASSERT_EQ(delivered().size(), 3u) << context(first);

    nginx_->put("/both/feed.xml", rss_feed(changed_items(), "Tue, 07 May 2024 16:30:00 GMT"),
                mtime_v2_);
    auto second = run_once("/both/feed.xml");
    ASSERT_EQ(second.exit_code, 0) << context(second);
    expect_only_changes_delivered(delivered(), 3, context(second));
}

}  // namespace
}  // namespace ingest::testing
