// A Beast HTTP/1.1 server on 127.0.0.1, port 0, running on its own thread, with one
// handler per misbehaviour the core's HTTP client must survive.
//
//   /releases.ndjson  two releases as NDJSON, ETag "n1"; 304 when If-None-Match matches
//   /feed        200 with ETag "v1" and Last-Modified; 304 when either validator matches
//   /etag-only   200 with ETag "e1" only; 304 when If-None-Match matches
//   /lm-only     200 with Last-Modified only; 304 when If-Modified-Since matches
//   /301 /302 /307 /308   redirect with that status to /feed
//   /301-to-302  301 to /302 (a chain with a temporary hop)
//   /loop        302 to itself
//   /to-metadata 302 to http://169.254.169.254/latest/meta-data/
//   /to-loopback 302 to http://127.0.0.2:<port>/feed
//   /to-file     302 to file:///etc/passwd
//   /410 /429 /503       that status (429: Retry-After: 7, 503: Retry-After: 3)
//   /slow        headers, then one byte every 300 ms
//   /endless     chunked body that never ends
//   /gzip-bomb   8 MiB of zeros, gzip-compressed (Content-Encoding: gzip)
//   /hold        200 after 300 ms (counts concurrent requests)
//   /echo-ua     200 with the User-Agent as the body
//   /press.rss   an RSS 2.0 feed of two releases in windows-1252, the charset named only by
//                the Content-Type header; ETag "p1"; 304 when If-None-Match matches
//   /echo-request  200 with "host=…", "authorization=…", "x-feed-key=…" lines as the body
//   /to-localhost-echo  302 to http://localhost:<port>/echo-request (another host name)
//   http://…     (an absolute-form target: a proxy request) 200 "proxied TARGET host=HOST"
#pragma once

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/zlib.hpp>
#include <boost/crc.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ingest::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

/// n zeros as a gzip member (RFC 1952), built with Beast's deflate and Boost.CRC so that
/// the test needs nothing outside Boost.
inline std::string gzip_zeros(std::size_t n) {
    std::string in(n, '\0');
    beast::zlib::deflate_stream ds;
    ds.reset(9, 15, 9, beast::zlib::Strategy::normal);
    std::string deflated(ds.upper_bound(n) + 64, '\0');
    beast::zlib::z_params zs;
    zs.next_in = in.data();
    zs.avail_in = in.size();
    zs.next_out = deflated.data();
    zs.avail_out = deflated.size();
    beast::error_code ec;
    ds.write(zs, beast::zlib::Flush::finish, ec);
    deflated.resize(zs.total_out);
    boost::crc_32_type crc;
    crc.process_bytes(in.data(), in.size());
    auto le32 = [](std::uint32_t v) {
        std::string b(4, '\0');
        for (int i = 0; i < 4; ++i) {
            b[static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
        }
        return b;
    };
    std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", 10);
    out += deflated;
    out += le32(crc.checksum());
    out += le32(static_cast<std::uint32_t>(n));
    return out;
}

class test_server {
public:
    static constexpr char const* last_modified = "Tue, 26 May 2020 07:00:00 GMT";
    static constexpr char const* releases_ndjson =
        R"({"id":"r1","source":{"id":"s","plugin":"p"},"title":"First release","tags":["a"]})"
        "\n"
        R"({"id":"r2","source":{"id":"s","plugin":"p"},"title":"Second release","tags":["b"]})"
        "\n";

    test_server() : acceptor_(io_, {net::ip::make_address("127.0.0.1"), 0}) {
        bomb_ = gzip_zeros(8 * 1024 * 1024);
        port_ = acceptor_.local_endpoint().port();
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~test_server() {
        io_.stop();
        thread_.join();
    }
    test_server(test_server const&) = delete;
    test_server& operator=(test_server const&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url(std::string const& path) const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }
    int max_concurrent_hold() const { return max_hold_.load(); }
    /// 304 answers of /releases.ndjson so far.
    int not_modified() const { return not_modified_.load(); }
    /// Requests served per path.
    int hits(std::string const& path) const {
        std::lock_guard lock(mutex_);
        auto it = hits_.find(path);
        return it == hits_.end() ? 0 : it->second;
    }

private:
    void accept() {
        acceptor_.async_accept([this](beast::error_code ec, net::ip::tcp::socket s) {
            if (!ec) {
                net::co_spawn(io_, session(std::move(s)), net::detached);
            }
            accept();
        });
    }

    net::awaitable<void> session(net::ip::tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        try {
            for (;;) {
                bhttp::request<bhttp::string_body> req;
                co_await bhttp::async_read(stream, buffer, req, net::use_awaitable);
                std::string target(req.target());
                {
                    std::lock_guard lock(mutex_);
                    ++hits_[target];
                }
                bool keep = co_await respond(stream, req, target);
                if (!keep) {
                    break;
                }
            }
        } catch (std::exception const&) {  // the client went away
        }
        beast::error_code ec;
        stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    }

    using response = bhttp::response<bhttp::string_body>;

    static response make(bhttp::status s, std::string body = {}) {
        response r{s, 11};
        r.set(bhttp::field::content_type, "application/rss+xml; charset=utf-8");
        r.body() = std::move(body);
        r.prepare_payload();
        return r;
    }

    response redirect(bhttp::status s, std::string const& location) {
        auto r = make(s);
        r.set(bhttp::field::location, location);
        return r;
    }

    net::awaitable<bool> respond(beast::tcp_stream& stream,
                                 bhttp::request<bhttp::string_body> const& req,
                                 std::string const& target) {
        auto send = [&](response r) -> net::awaitable<bool> {
            r.keep_alive(req.keep_alive());
            co_await bhttp::async_write(stream, r, net::use_awaitable);
            co_return req.keep_alive();
        };
        auto inm = std::string(req[bhttp::field::if_none_match]);
        auto ims = std::string(req[bhttp::field::if_modified_since]);
        if (target == "/feed") {
            if (inm == "\"v1\"" || ims == last_modified) {
                co_return co_await send(make(bhttp::status::not_modified));
            }
            auto r = make(bhttp::status::ok, "<rss>feed</rss>");
            r.set(bhttp::field::etag, "\"v1\"");
            r.set(bhttp::field::last_modified, last_modified);
            co_return co_await send(std::move(r));
        }
        if (target == "/releases.ndjson") {
            if (inm == "\"n1\"") {
                ++not_modified_;
                co_return co_await send(make(bhttp::status::not_modified));
            }
            auto r = make(bhttp::status::ok, releases_ndjson);
            r.set(bhttp::field::content_type, "application/x-ndjson");
            r.set(bhttp::field::etag, "\"n1\"");
            co_return co_await send(std::move(r));
        }
        if (target == "/etag-only") {
            if (inm == "\"e1\"") {
                co_return co_await send(make(bhttp::status::not_modified));
            }
            auto r = make(bhttp::status::ok, "<rss>etag</rss>");
            r.set(bhttp::field::etag, "\"e1\"");
            co_return co_await send(std::move(r));
        }
        if (target == "/lm-only") {
            if (ims == last_modified) {
                co_return co_await send(make(bhttp::status::not_modified));
            }
            auto r = make(bhttp::status::ok, "<rss>lm</rss>");
            r.set(bhttp::field::last_modified, last_modified);
            co_return co_await send(std::move(r));
        }
        for (int code : {301, 302, 307, 308}) {
            if (target == "/" + std::to_string(code)) {
                co_return co_await send(redirect(static_cast<bhttp::status>(code), "/feed"));
            }
        }
        if (target == "/301-to-302") {
            co_return co_await send(redirect(bhttp::status::moved_permanently, "/302"));
        }
        if (target == "/loop") {
            co_return co_await send(redirect(bhttp::status::found, "/loop"));
        }
        if (target == "/to-metadata") {
            co_return co_await send(
                redirect(bhttp::status::found, "http://169.254.169.254/latest/meta-data/"));
        }
        if (target == "/to-loopback") {
            co_return co_await send(redirect(
                bhttp::status::found, "http://127.0.0.2:" + std::to_string(port_) + "/feed"));
        }
        if (target == "/to-file") {
            co_return co_await send(redirect(bhttp::status::found, "file:///etc/passwd"));
        }
        if (target == "/410") {
            co_return co_await send(make(bhttp::status::gone));
        }
        if (target == "/429") {
            auto r = make(bhttp::status::too_many_requests);
            r.set(bhttp::field::retry_after, "7");
            co_return co_await send(std::move(r));
        }
        if (target == "/503") {
            auto r = make(bhttp::status::service_unavailable);
            r.set(bhttp::field::retry_after, "3");
            co_return co_await send(std::move(r));
        }
        if (target == "/press.rss") {
            if (inm == "\"p1\"") {
                co_return co_await send(make(bhttp::status::not_modified));
            }
            // "Pr\xe9fecture" and "\x93quoted\x94" are windows-1252: é and curly quotes.
            auto r = make(bhttp::status::ok,
                          "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                          "<title>Pr\xe9"
                          "fecture press office</title>"
                          "<link>https://prefecture.example/</link><ttl>60</ttl>"
                          "<item><title>Flood warning lifted</title>"
                          "<link>https://prefecture.example/r/1</link><guid>r-1</guid>"
                          "<pubDate>Tue, 26 May 2020 07:00:00 GMT</pubDate>"
                          "<description>The \x93red\x94 warning ends.</description></item>"
                          "<item><title>Roads reopened</title>"
                          "<link>https://prefecture.example/r/2</link><guid>r-2</guid>"
                          "<description>All roads are open.</description></item>"
                          "</channel></rss>\n");
            r.set(bhttp::field::content_type, "application/rss+xml; charset=windows-1252");
            r.set(bhttp::field::etag, "\"p1\"");
            co_return co_await send(std::move(r));
        }
        if (target == "/echo-request") {
            std::string body = "host=" + std::string(req[bhttp::field::host]) + "\n" +
                               "authorization=" + std::string(req[bhttp::field::authorization]) +
                               "\n" + "x-feed-key=" + std::string(req["X-Feed-Key"]) + "\n";
            co_return co_await send(make(bhttp::status::ok, body));
        }
        if (target == "/to-localhost-echo") {
            co_return co_await send(
                redirect(bhttp::status::found,
                         "http://localhost:" + std::to_string(port_) + "/echo-request"));
        }
        if (target.rfind("http://", 0) == 0) {
            co_return co_await send(
                make(bhttp::status::ok,
                     "proxied " + target + " host=" + std::string(req[bhttp::field::host])));
        }
        if (target == "/echo-ua") {
            co_return co_await send(
                make(bhttp::status::ok, std::string(req[bhttp::field::user_agent])));
        }
        if (target == "/gzip-bomb") {
            auto r = make(bhttp::status::ok, bomb_);
            r.set(bhttp::field::content_encoding, "gzip");
            r.prepare_payload();
            co_return co_await send(std::move(r));
        }
        if (target == "/hold") {
            int now = ++hold_;
            int seen = max_hold_.load();
            while (now > seen && !max_hold_.compare_exchange_weak(seen, now)) {
            }
            net::steady_timer t(stream.get_executor(), std::chrono::milliseconds(300));
            co_await t.async_wait(net::use_awaitable);
            --hold_;
            co_return co_await send(make(bhttp::status::ok, "held"));
        }
        if (target == "/slow") {
            bhttp::response<bhttp::empty_body> r{bhttp::status::ok, 11};
            r.set(bhttp::field::content_length, "100000");
            bhttp::response_serializer<bhttp::empty_body> sr{r};
            co_await bhttp::async_write_header(stream, sr, net::use_awaitable);
            for (int i = 0; i < 100000; ++i) {
                net::steady_timer t(stream.get_executor(), std::chrono::milliseconds(300));
                co_await t.async_wait(net::use_awaitable);
                co_await net::async_write(stream, net::buffer("x", 1), net::use_awaitable);
            }
            co_return false;
        }
        if (target == "/endless") {
            bhttp::response<bhttp::empty_body> r{bhttp::status::ok, 11};
            r.chunked(true);
            bhttp::response_serializer<bhttp::empty_body> sr{r};
            co_await bhttp::async_write_header(stream, sr, net::use_awaitable);
            std::string chunk(64 * 1024, 'a');
            for (;;) {
                co_await net::async_write(stream, bhttp::make_chunk(net::buffer(chunk)),
                                          net::use_awaitable);
            }
        }
        co_return co_await send(make(bhttp::status::not_found));
    }

    net::io_context io_;
    net::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::string bomb_;
    std::thread thread_;
    std::atomic<int> hold_{0};
    std::atomic<int> max_hold_{0};
    std::atomic<int> not_modified_{0};
    mutable std::mutex mutex_;
    std::map<std::string, int> hits_;
};

}  // namespace ingest::testing
