// Helpers of the end-to-end tests: temporary trees, generated press releases, running the
// real binaries, reading the real SQLite sink.
#pragma once

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ingest::e2e {

namespace fs = std::filesystem;

/// A private temporary directory, removed at the end of the test.
class temp_tree {
public:
    temp_tree() {
        std::string tmpl = (fs::temp_directory_path() / "ingest-e2e-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        root_ = tmpl;
    }
    ~temp_tree() {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    temp_tree(temp_tree const&) = delete;
    temp_tree& operator=(temp_tree const&) = delete;
    fs::path const& root() const { return root_; }
    fs::path operator/(std::string const& rel) const { return root_ / rel; }

private:
    fs::path root_;
};

inline void write_file(fs::path const& p, std::string const& content) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    if (!out) {
        throw std::runtime_error("cannot write " + p.string());
    }
}

inline std::string read_file(fs::path const& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// One press release in the plain-text format, with a distinct title for index i.
inline std::string press_release(int i, std::string const& variant = "") {
    std::ostringstream out;
    out << "Press release number " << i << variant << ": regional office opens in town " << i
        << "\n\nDate Publish: \n"
        << (1 + i % 28) << " / " << (1 + i % 12) << " / 2024\n\n"
        << "Town " << i << " – The regional office opened today and will serve " << (100 + i)
        << " families" << variant << ".\n\n"
        << "“We are here to stay,” said the head of office.\n\n"
        << "For more information, please contact Ana Pérez at Regional Office " << i
        << ", Tel: +41 22 717 " << (1000 + i) << ", Email: press" << i << "@example.org\n\n"
        << "region " << (i % 5) << ", offices\n";
    return out.str();
}

struct command_result {
    int exit_code = -1;
    std::string output;  ///< stdout and stderr together
};

/// Runs a shell command line, capturing stdout and stderr.
inline command_result run(std::string const& command) {
    command_result r;
    std::string const full = command + " 2>&1";
    FILE* p = ::popen(full.c_str(), "r");
    if (p == nullptr) {
        throw std::runtime_error("popen failed: " + command);
    }
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) {
        r.output.append(buf.data(), n);
    }
    int const status = ::pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

inline std::string quote(fs::path const& p) {
    return "'" + p.string() + "'";
}

/// Runs one SQL query returning a single integer.
inline long long query_int(fs::path const& db, std::string const& sql) {
    sqlite3* h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(h);
        throw std::runtime_error("cannot open " + db.string());
    }
    sqlite3_stmt* st = nullptr;
    long long v = -1;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        v = sqlite3_column_int64(st, 0);
    }
    std::string const err = sqlite3_errmsg(h);
    sqlite3_finalize(st);
    sqlite3_close(h);
    if (v < 0) {
        throw std::runtime_error("query failed: " + sql + ": " + err);
    }
    return v;
}

/// Files directly in dir (not in subdirectories).
inline std::size_t count_files(fs::path const& dir) {
    std::size_t n = 0;
    std::error_code ec;
    for (auto const& e : fs::directory_iterator(dir, ec)) {
        n += e.is_regular_file() ? 1 : 0;
    }
    return n;
}

}  // namespace ingest::e2e
