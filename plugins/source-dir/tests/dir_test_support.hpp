// Shared helpers of the dir source tests: a unique temporary directory, file helpers, and a
// fixture that runs one dir source instance in a fake host on a real drop directory.
#pragma once

#include "dir.hpp"

#include <ingest/sdk/testing/fake_host.hpp>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace ingest::plugins::dir::testing {

namespace fs = std::filesystem;
using sdk::testing::fake_host;
using sdk::testing::settings_builder;

/// A fresh directory under the system's temp dir, removed (whatever its mode) at the end.
class temp_dir {
public:
    temp_dir() {
        std::string tmpl = (fs::temp_directory_path() / "ingest-source-dir-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = tmpl;
    }
    ~temp_dir() {
        std::error_code ec;
        fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path_, ec);
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;

    fs::path const& path() const { return path_; }

private:
    fs::path path_;
};

inline void write_file(fs::path const& p, std::string const& content) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
}

inline std::string read_file(fs::path const& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Names of the entries of dir, sorted ("" entries when dir does not exist).
inline std::set<std::string> names_in(fs::path const& dir) {
    std::set<std::string> out;
    std::error_code ec;
    for (auto const& e : fs::directory_iterator(dir, ec)) {
        out.insert(e.path().filename().string());
    }
    return out;
}

/// Wall-clock now in Unix milliseconds (the fake clock is set to it, so that the mtimes of
/// real files make sense to the plugin).
inline std::int64_t wall_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// Sets the mtime of p to seconds_ago before now.
inline void age_file(fs::path const& p, int seconds_ago) {
    struct timespec times[2];
    ::clock_gettime(CLOCK_REALTIME, &times[0]);
    times[0].tv_sec -= seconds_ago;
    times[1] = times[0];
    ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, 0), 0);
}

/// The done key the plugin writes for the file at p as it is now.
inline std::string done_key_of(fs::path const& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0);
    return done_key(file_identity::of(st));
}

/// Polls cond every few milliseconds until it holds or timeout passes.
inline bool eventually(std::function<bool()> const& cond,
                       std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (cond()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return cond();
}

/// One dir source on a fresh drop directory. make() creates and starts it.
class dir_source_test : public ::testing::Test {
protected:
    dir_source_test() : drop_(tmp_.path() / "drop") {
        fs::create_directory(drop_);
        fs::permissions(drop_, fs::perms(0755));
    }

    ~dir_source_test() override {
        if (host_) {
            EXPECT_TRUE(host_->violations().empty()) << violations_text();
        }
    }

    /// The settings most tests start from: this drop dir, every file complete at once.
    settings_builder base() const {
        return settings_builder().set("path", drop_.string()).set("settle_time", "0s");
    }

    /// Creates and starts an instance with settings; the fake clock reads the wall clock.
    fake_host& make(settings_builder const& settings) {
        host_.reset();
        host_ = std::make_unique<fake_host>(sdk::descriptor_of<dir_source>());
        host_->set_now_ms(wall_now_ms());
        auto created = host_->create(settings);
        EXPECT_TRUE(created) << created;
        auto started = host_->start();
        EXPECT_TRUE(started) << started << "\n" << host_->log_text();
        return *host_;
    }

    /// Polls once and expects success; returns the items emitted by this poll.
    std::vector<sdk::testing::emitted_item> poll_new() {
        std::size_t before = host_->items().size();
        auto polled = host_->poll();
        EXPECT_TRUE(polled) << polled << "\n" << host_->log_text();
        auto all = host_->items();
        return std::vector<sdk::testing::emitted_item>(
            all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
    }

    std::string violations_text() const {
        std::string out;
        for (auto const& v : host_->violations()) {
            out += v + "\n";
        }
        return out;
    }

    temp_dir tmp_;
    fs::path drop_;
    std::unique_ptr<fake_host> host_;
};

}  // namespace ingest::plugins::dir::testing
