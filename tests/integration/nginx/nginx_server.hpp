// A private nginx for integration tests: its own prefix in a temp dir (configuration, pid,
// logs, temp paths), one process (`master_process off`, so it runs as whoever runs the
// test, root included, and reads the served files with that user's rights), listening on
// 127.0.0.1 on a port the kernel picked (bound to port 0, released, then given to nginx;
// when someone else took it meanwhile nginx fails to bind and the next port is tried).
//
// What it serves, from www/ (write the files with put()):
//
//   /both/...     default rules: ETag and Last-Modified sent, 304 when the validators match
//   /etag-only/   ETag only: no Last-Modified in responses, and `if_modified_since off`,
//                 so a 304 can only come from If-None-Match
//   /lm-only/     Last-Modified only: `etag off`; 304 when If-Modified-Since matches exactly
//
// Note on nginx: with `if_modified_since off` alone (Last-Modified still sent) a request that
// carries both validators is always answered 200, whatever its If-None-Match says; hence the
// cleared Last-Modified in /etag-only/.
//
// Every request is logged to access.log as "status TAB uri TAB if-none-match TAB
// if-modified-since" (a missing header is "-"); requests() reads it back.
#pragma once

#include <ingest/sdk/testing/temp_dir.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace ingest::testing {

namespace fs = std::filesystem;

using sdk::testing::temp_dir;
inline std::string read_whole_file(fs::path const& p) {
    return sdk::testing::read_file(p);
}

/// One line of the access log.
struct logged_request {
    int status = 0;
    std::string uri;
    std::string if_none_match;      ///< "" when the request had none
    std::string if_modified_since;  ///< "" when the request had none
};

class nginx_server {
public:
    /// Starts nginx with its prefix in a new temp dir. Throws std::runtime_error, with the
    /// reason and nginx's own output, when the binary is missing or nginx will not start.
    explicit nginx_server(std::string binary) : binary_(std::move(binary)) {
        if (::access(binary_.c_str(), X_OK) != 0) {
            throw std::runtime_error(
                "nginx is not installed at " + binary_ +
                ": install the Debian package nginx-light (listed in tools/debian-packages.txt)");
        }
        for (auto const* sub : {"www/both", "www/etag-only", "www/lm-only", "logs", "tmp"}) {
            fs::create_directories(dir_ / sub);
        }
        std::string last_output;
        for (int attempt = 0; attempt < 10; ++attempt) {
            port_ = pick_free_port();
            write_config();
            if (launch()) {
                return;
            }
            last_output = read_whole_file(dir_ / "logs/nginx.out");
        }
        throw std::runtime_error("nginx would not start on a free loopback port; its output:\n" +
                                 last_output);
    }
    ~nginx_server() { shut_down(); }
    nginx_server(nginx_server const&) = delete;
    nginx_server& operator=(nginx_server const&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url(std::string const& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    /// Writes www/<path> (path like "/both/feed.xml") with its modification time set to
    /// mtime (seconds since the epoch), which is what nginx's ETag and Last-Modified are
    /// made of.
    void put(std::string const& path, std::string const& body, std::time_t mtime) const {
        auto const file = www(path);
        {
            std::ofstream out(file, std::ios::binary | std::ios::trunc);
            out << body;
        }
        set_mtime(file, mtime);
    }
    fs::path www(std::string const& path) const { return dir_ / ("www" + path); }

    /// The ETag nginx sends for a file of that size and mtime: "<hex mtime>-<hex size>".
    static std::string etag_of(std::time_t mtime, std::size_t size) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "\"%llx-%llx\"", static_cast<unsigned long long>(mtime),
                      static_cast<unsigned long long>(size));
        return buf;
    }
    /// The Last-Modified nginx sends for that mtime (an IMF-fixdate).
    static std::string http_date(std::time_t t) {
        std::tm tm{};
        ::gmtime_r(&t, &tm);
        char buf[64];
        std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        return buf;
    }

    /// Every request logged so far, in order.
    std::vector<logged_request> requests() const {
        std::vector<logged_request> out;
        std::istringstream in(read_whole_file(dir_ / "logs/access.log"));
        std::string line;
        while (std::getline(in, line)) {
            std::vector<std::string> f;
            std::size_t pos = 0;
            while (true) {
                auto tab = line.find('\t', pos);
                f.push_back(line.substr(pos, tab == std::string::npos ? tab : tab - pos));
                if (tab == std::string::npos) {
                    break;
                }
                pos = tab + 1;
            }
            if (f.size() != 4) {
                continue;
            }
            auto header = [](std::string const& v) { return v == "-" ? std::string() : v; };
            out.push_back({std::atoi(f[0].c_str()), f[1], header(f[2]), header(f[3])});
        }
        return out;
    }
    /// The requests of one path (e.g. "/both/feed.xml"), in order.
    std::vector<logged_request> requests(std::string const& uri) const {
        std::vector<logged_request> out;
        for (auto& r : requests()) {
            if (r.uri == uri) {
                out.push_back(std::move(r));
            }
        }
        return out;
    }
    std::string access_log() const { return read_whole_file(dir_ / "logs/access.log"); }
    std::string error_log() const { return read_whole_file(dir_ / "logs/error.log"); }

private:
    static std::uint16_t pick_free_port() {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) {
            throw std::runtime_error("socket() failed");
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        socklen_t len = sizeof addr;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            ::close(fd);
            throw std::runtime_error("cannot bind a loopback port");
        }
        ::close(fd);
        return ntohs(addr.sin_port);
    }

    static bool port_answers(std::uint16_t port) {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) {
            return false;
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(port);
        bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        return ok;
    }

    static void set_mtime(fs::path const& file, std::time_t mtime) {
        timespec times[2];
        times[0].tv_sec = mtime;
        times[0].tv_nsec = 0;
        times[1] = times[0];
        if (::utimensat(AT_FDCWD, file.c_str(), times, 0) != 0) {
            throw std::runtime_error("utimensat failed on " + file.string());
        }
    }

    void write_config() const {
        auto const d = dir_.path().string();
        std::ofstream c(dir_ / "nginx.conf", std::ios::trunc);
        c << "worker_processes 1;\n"
          << "master_process off;\n"
          << "pid " << d << "/logs/nginx.pid;\n"
          << "error_log " << d << "/logs/error.log info;\n"
          << "events { worker_connections 256; }\n"
          << "http {\n"
          << "    types { application/rss+xml xml rss; application/atom+xml atom; }\n"
          << "    default_type application/octet-stream;\n"
          << "    client_body_temp_path " << d << "/tmp/body;\n"
          << "    proxy_temp_path " << d << "/tmp/proxy;\n"
          << "    fastcgi_temp_path " << d << "/tmp/fastcgi;\n"
          << "    uwsgi_temp_path " << d << "/tmp/uwsgi;\n"
          << "    scgi_temp_path " << d << "/tmp/scgi;\n"
          << "    log_format validators escape=none "
          << "'$status\\t$request_uri\\t$http_if_none_match\\t$http_if_modified_since';\n"
          << "    access_log " << d << "/logs/access.log validators;\n"
          << "    server {\n"
          << "        listen 127.0.0.1:" << port_ << ";\n"
          << "        root " << d << "/www;\n"
          << "        location /both/ { }\n"
          << "        location /etag-only/ {\n"
          << "            if_modified_since off;\n"
          << "            add_header Last-Modified \"\";\n"
          << "        }\n"
          << "        location /lm-only/ { etag off; }\n"
          << "    }\n"
          << "}\n";
    }

    /// Starts nginx and waits until it accepts connections (true) or exits (false).
    bool launch() {
        auto const conf = (dir_ / "nginx.conf").string();
        auto const prefix = dir_.path().string();
        auto const out = (dir_ / "logs/nginx.out").string();
        pid_ = ::fork();
        if (pid_ < 0) {
            throw std::runtime_error("fork failed");
        }
        if (pid_ == 0) {
            if (std::freopen(out.c_str(), "w", stderr) == nullptr ||
                ::dup2(::fileno(stderr), STDOUT_FILENO) < 0) {
                ::_exit(126);
            }
            ::execl(binary_.c_str(), binary_.c_str(), "-p", prefix.c_str(), "-c", conf.c_str(),
                    "-g", "daemon off;", nullptr);
            ::_exit(127);
        }
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;  // exited: could not bind, or a configuration error
                return false;
            }
            if (port_answers(port_)) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        shut_down();
        return false;
    }

    void shut_down() {
        if (pid_ <= 0) {
            return;
        }
        ::kill(pid_, SIGTERM);
        int status = 0;
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        pid_ = -1;
    }

    std::string binary_;
    temp_dir dir_{"ingest-nginx-"};
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace ingest::testing
