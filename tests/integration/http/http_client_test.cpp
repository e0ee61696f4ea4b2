// The core's HTTP client (core/http) against a real Beast server on 127.0.0.1, port 0:
// conditional GET, redirects, error statuses, the protections of RELIABILITY.md F9, F10 and
// H1-H8 (low speed, endless body, gzip bomb, redirect loop, private destinations, other
// schemes), the per-host cap, and the ABI adapter used by the engine.
#include "http/http_client.hpp"
#include "test_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <gtest/gtest.h>

#include <chrono>
#include <optional>

namespace ingest::core::http {
namespace {

using namespace std::chrono_literals;
using ingest::testing::test_server;

std::optional<std::string> header(response const& r, std::string_view name) {
    return r.header(name);
}

std::vector<std::string> all(response const& r, std::string_view name) {
    std::vector<std::string> out;
    for (auto const& [k, v] : r.headers) {
        if (k == name) {
            out.push_back(v);
        }
    }
    return out;
}

class HttpClient : public ::testing::Test {
protected:
    client_options options() {
        client_options o;
        o.user_agent = default_user_agent("https://example.org/contact");
        o.exempt_endpoints_for_test = {server_.endpoint()};
        o.low_speed_time = 1s;
        o.total_timeout = 20s;
        return o;
    }

    /// Runs the loop until the request completed.
    response fetch(http_client& client, request req) {
        std::optional<response> out;
        client.start(std::move(req), [&](response r) { out = std::move(r); });
        io_.restart();
        auto deadline = std::chrono::steady_clock::now() + 30s;
        while (!out && std::chrono::steady_clock::now() < deadline) {
            io_.run_one_for(100ms);
        }
        if (!out) {
            ADD_FAILURE() << "no completion within 30 s";
            return {};
        }
        return std::move(*out);
    }
    response get(std::string const& path,
                 std::vector<std::pair<std::string, std::string>> headers = {},
                 std::optional<client_options> o = std::nullopt) {
        http_client client(io_, o ? *o : options());
        request req;
        req.url = server_.url(path);
        req.headers = std::move(headers);
        return fetch(client, std::move(req));
    }

    test_server server_;
    boost::asio::io_context io_;
};

TEST_F(HttpClient, OkCarriesStatusHeadersBodyAndEffectiveUrl) {
    auto r = get("/feed");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "<rss>feed</rss>");
    EXPECT_EQ(header(r, "ETag"), "\"v1\"");
    EXPECT_EQ(header(r, "Last-Modified"), test_server::last_modified);
    EXPECT_EQ(header(r, "Content-Type"), "application/rss+xml; charset=utf-8");
    EXPECT_EQ(r.url, server_.url("/feed"));
    EXPECT_TRUE(all(r, redirect_header).empty());
}

TEST_F(HttpClient, NotModifiedForEachValidatorAloneAndBoth) {
    EXPECT_EQ(get("/feed", {{"If-None-Match", "\"v1\""}}).status, 304);
    EXPECT_EQ(get("/feed", {{"If-Modified-Since", test_server::last_modified}}).status, 304);
    EXPECT_EQ(get("/feed",
                  {{"If-None-Match", "\"v1\""}, {"If-Modified-Since", test_server::last_modified}})
                  .status,
              304);
    EXPECT_EQ(get("/feed", {{"If-None-Match", "\"v0\""}}).status, 200);
    EXPECT_EQ(get("/etag-only", {{"If-None-Match", "\"e1\""}}).status, 304);
    EXPECT_EQ(get("/lm-only", {{"If-Modified-Since", test_server::last_modified}}).status, 304);
    auto r = get("/feed", {{"If-None-Match", "\"v1\""}});
    EXPECT_TRUE(r.body.empty());
}

TEST_F(HttpClient, RedirectsAreFollowedAndReportedPerHop) {
    for (int code : {301, 302, 307, 308}) {
        auto r = get("/" + std::to_string(code));
        ASSERT_TRUE(r.ok) << code << ": " << r.error;
        EXPECT_EQ(r.status, 200) << code;
        EXPECT_EQ(r.url, server_.url("/feed")) << code;
        EXPECT_EQ(all(r, redirect_header), std::vector<std::string>{std::to_string(code)});
        EXPECT_EQ(header(r, "ETag"), "\"v1\"") << "headers are the final response's";
        EXPECT_FALSE(header(r, "Location")) << code;
    }
    auto chain = get("/301-to-302");
    EXPECT_EQ(all(chain, redirect_header), (std::vector<std::string>{"301", "302"}));
}

TEST_F(HttpClient, ErrorStatusesAreResponsesWithTheirHeaders) {
    EXPECT_EQ(get("/410").status, 410);
    auto r429 = get("/429");
    ASSERT_TRUE(r429.ok);
    EXPECT_EQ(r429.status, 429);
    EXPECT_EQ(header(r429, "Retry-After"), "7");
    auto r503 = get("/503");
    EXPECT_EQ(r503.status, 503);
    EXPECT_EQ(header(r503, "Retry-After"), "3");
    EXPECT_EQ(get("/nothing-here").status, 404);
}

TEST_F(HttpClient, RedirectLoopStopsAtFive) {
    auto r = get("/loop");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "too many redirects (5)");
    EXPECT_EQ(server_.hits("/loop"), 6);
}

TEST_F(HttpClient, SlowDripIsAbortedByTheLowSpeedLimit) {
    auto start = std::chrono::steady_clock::now();
    auto r = get("/slow");
    auto took = std::chrono::steady_clock::now() - start;
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("timeout: low speed"), std::string::npos) << r.error;
    EXPECT_LT(took, 10s);
}

TEST_F(HttpClient, TotalTimeoutOfTheRequestWins) {
    http_client client(io_, options());
    request req;
    req.url = server_.url("/slow");
    req.timeout_ms = 500;
    auto r = fetch(client, req);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("timeout"), std::string::npos) << r.error;
}

TEST_F(HttpClient, EndlessChunkedBodyStopsAtTheCap) {
    auto o = options();
    o.max_body_bytes = 1024 * 1024;
    auto r = get("/endless", {}, o);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "feed too large after decompression (> 1048576 bytes)");
    EXPECT_TRUE(r.body.empty());
}

TEST_F(HttpClient, GzipBombStopsAtTheCapCountedAfterDecompression) {
    auto o = options();
    o.max_body_bytes = 1024 * 1024;  // the bomb is ~8 KiB on the wire, 8 MiB decoded
    auto r = get("/gzip-bomb", {}, o);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "feed too large after decompression (> 1048576 bytes)");
}

TEST_F(HttpClient, GzipIsDecodedWithinTheCap) {
    auto r = get("/gzip-bomb");  // 8 MiB < 16 MiB default
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.body.size(), 8u * 1024 * 1024);
}

TEST_F(HttpClient, RequestCapIsClampedToTheClientCap) {
    http_client client(io_, options());
    request req;
    req.url = server_.url("/gzip-bomb");
    req.max_body_bytes = 4096;
    auto r = fetch(client, req);
    EXPECT_EQ(r.error, "feed too large after decompression (> 4096 bytes)");
}

TEST_F(HttpClient, LoopbackIsRefusedWithoutAllowPrivate) {
    auto o = options();
    o.exempt_endpoints_for_test.clear();
    auto r = get("/feed", {}, o);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "blocked destination 127.0.0.1 (loopback)");
    EXPECT_EQ(server_.hits("/feed"), 0);

    http_client client(io_, o);
    request allowed;
    allowed.url = server_.url("/feed");
    allowed.allow_private = true;
    EXPECT_EQ(fetch(client, allowed).status, 200);
}

TEST_F(HttpClient, RedirectToMetadataIsRefusedBeforeConnecting) {
    auto r = get("/to-metadata");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "blocked destination 169.254.169.254 (link-local)");
}

TEST_F(HttpClient, RedirectToAnotherLoopbackAddressIsRefused) {
    auto r = get("/to-loopback");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "blocked destination 127.0.0.2 (loopback)");
    EXPECT_EQ(server_.hits("/feed"), 0);
}

TEST_F(HttpClient, RedirectToAnotherSchemeIsRefused) {
    auto r = get("/to-file");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("protocol not allowed"), std::string::npos) << r.error;
}

TEST_F(HttpClient, OtherSchemesAreRefused) {
    http_client client(io_, options());
    request req;
    req.url = "file:///etc/passwd";
    auto r = fetch(client, req);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("protocol not allowed"), std::string::npos) << r.error;
}

TEST_F(HttpClient, UserAgentNamesIngestdAndTheContact) {
    auto r = get("/echo-ua");
    EXPECT_EQ(r.body.rfind("ingestd/", 0), 0u) << r.body;
    EXPECT_NE(r.body.find("(+https://example.org/contact)"), std::string::npos) << r.body;
}

TEST_F(HttpClient, ProxyCarriesTheRequestAndItsAddressIsNotChecked) {
    auto o = options();
    o.exempt_endpoints_for_test.clear();  // the proxy is on loopback: no exemption needed
    http_client client(io_, o);
    request req;
    req.url = "http://press.example.invalid/feed.xml";  // resolved by the proxy only
    req.proxy = "http://" + server_.endpoint();
    auto r = fetch(client, std::move(req));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "proxied http://press.example.invalid/feed.xml host=press.example.invalid");
}

TEST_F(HttpClient, EnvironmentProxiesAreIgnored) {
    ::setenv("http_proxy", "http://127.0.0.1:9", 1);  // would fail: discard port
    ::setenv("HTTP_PROXY", "http://127.0.0.1:9", 1);
    auto r = get("/feed");
    ::unsetenv("http_proxy");
    ::unsetenv("HTTP_PROXY");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "<rss>feed</rss>");
}

TEST_F(HttpClient, CustomHeadersAreSentAndAuthorizationNotToAnotherHost) {
    auto r = get("/echo-request", {{"Authorization", "Bearer t0k3n"}, {"X-Feed-Key", "k1"}});
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_NE(r.body.find("authorization=Bearer t0k3n\n"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("x-feed-key=k1\n"), std::string::npos) << r.body;

    http_client client(io_, options());
    request req;
    req.url = server_.url("/to-localhost-echo");
    req.headers = {{"Authorization", "Bearer t0k3n"}, {"X-Feed-Key", "k1"}};
    req.allow_private = true;
    auto redirected = fetch(client, std::move(req));
    ASSERT_TRUE(redirected.ok) << redirected.error;
    EXPECT_EQ(redirected.status, 200);
    EXPECT_NE(redirected.body.find("host=localhost:"), std::string::npos) << redirected.body;
    EXPECT_NE(redirected.body.find("authorization=\n"), std::string::npos)
        << "credentials must not follow a redirect to another host: " << redirected.body;
    EXPECT_NE(redirected.body.find("x-feed-key=k1\n"), std::string::npos) << redirected.body;
}

TEST_F(HttpClient, AtMostFourRequestsPerHostRunAtOnce) {
    http_client client(io_, options());
    int done = 0;
    for (int i = 0; i < 10; ++i) {
        request req;
        req.url = server_.url("/hold");
        client.start(req, [&](response r) {
            EXPECT_EQ(r.status, 200) << r.error;
            ++done;
        });
    }
    auto deadline = std::chrono::steady_clock::now() + 20s;
    while (done < 10 && std::chrono::steady_clock::now() < deadline) {
        io_.run_one_for(100ms);
    }
    EXPECT_EQ(done, 10);
    EXPECT_EQ(server_.max_concurrent_hold(), 4);
    EXPECT_EQ(client.in_flight(), 0u);
}

TEST_F(HttpClient, DestroyingTheClientCompletesPendingRequestsAsStopped) {
    std::optional<response> out;
    {
        http_client client(io_, options());
        request req;
        req.url = server_.url("/slow");
        client.start(req, [&](response r) { out = std::move(r); });
        io_.restart();
        for (int i = 0; i < 5; ++i) {
            io_.run_one_for(50ms);
        }
    }
    ASSERT_TRUE(out);
    EXPECT_TRUE(out->stopped);
    EXPECT_FALSE(out->ok);
}

TEST_F(HttpClient, AbiAdapterStripsTheAllowPrivateHeaderAndReportsTheResponse) {
    auto o = options();
    o.exempt_endpoints_for_test.clear();
    http_client client(io_, o);
    std::string url = server_.url("/feed");
    ingest_kv h[] = {{{"X-Ingest-Allow-Private", 22}, {"1", 1}}};
    ingest_http_request req{};
    req.struct_size = sizeof req;
    req.url = {url.data(), url.size()};
    req.headers = h;
    req.headers_count = 1;
    struct seen {
        bool called = false;
        ingest_rc rc = INGEST_ERROR;
        int status = 0;
        std::string body;
    } s;
    ASSERT_EQ(client.start_abi(
                  req,
                  [](void* user, ingest_http_response const* r) {
                      auto* out = static_cast<seen*>(user);
                      out->called = true;
                      out->rc = r->rc;
                      out->status = r->status;
                      out->body.assign(r->body.data, r->body.size);
                  },
                  &s),
              INGEST_OK);
    EXPECT_FALSE(s.called) << "never inside start";
    io_.restart();
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!s.called && std::chrono::steady_clock::now() < deadline) {
        io_.run_one_for(100ms);
    }
    ASSERT_TRUE(s.called);
    EXPECT_EQ(s.rc, INGEST_OK);
    EXPECT_EQ(s.status, 200);
    EXPECT_EQ(s.body, "<rss>feed</rss>");
}

// ------------------------------------------------------------------ pure functions --

std::optional<std::string> class_of(char const* text) {
    sockaddr_storage ss{};
    if (inet_pton(AF_INET, text, &reinterpret_cast<sockaddr_in*>(&ss)->sin_addr) == 1) {
        ss.ss_family = AF_INET;
    } else if (inet_pton(AF_INET6, text, &reinterpret_cast<sockaddr_in6*>(&ss)->sin6_addr) == 1) {
        ss.ss_family = AF_INET6;
    } else {
        ADD_FAILURE() << "not an address: " << text;
    }
    return private_address_class(reinterpret_cast<sockaddr const*>(&ss));
}

TEST(PrivateAddress, ClassesOfBlockedAndPublicAddresses) {
    EXPECT_EQ(class_of("127.0.0.1"), "loopback");
    EXPECT_EQ(class_of("127.255.0.9"), "loopback");
    EXPECT_EQ(class_of("0.0.0.0"), "unspecified");
    EXPECT_EQ(class_of("10.1.2.3"), "private");
    EXPECT_EQ(class_of("172.16.0.1"), "private");
    EXPECT_EQ(class_of("172.31.255.255"), "private");
    EXPECT_EQ(class_of("192.168.1.1"), "private");
    EXPECT_EQ(class_of("169.254.169.254"), "link-local");
    EXPECT_EQ(class_of("100.64.0.1"), "CGNAT");
    EXPECT_EQ(class_of("224.0.0.1"), "multicast");
    EXPECT_EQ(class_of("255.255.255.255"), "reserved");
    EXPECT_EQ(class_of("::1"), "loopback");
    EXPECT_EQ(class_of("::"), "unspecified");
    EXPECT_EQ(class_of("fe80::1"), "link-local");
    EXPECT_EQ(class_of("fd00:ec2::254"), "unique-local");
    EXPECT_EQ(class_of("fc00::1"), "unique-local");
    EXPECT_EQ(class_of("ff02::1"), "multicast");
    EXPECT_EQ(class_of("::ffff:169.254.169.254"), "link-local");
    EXPECT_EQ(class_of("::ffff:127.0.0.1"), "loopback");
    EXPECT_EQ(class_of("64:ff9b::a9fe:a9fe"), "link-local");
    EXPECT_FALSE(class_of("8.8.8.8"));
    EXPECT_FALSE(class_of("172.32.0.1"));
    EXPECT_FALSE(class_of("100.128.0.1"));
    EXPECT_FALSE(class_of("2001:4860:4860::8888"));
    EXPECT_FALSE(class_of("::ffff:8.8.8.8"));
}

TEST(FromAbi, TheProxyHeaderBecomesTheProxy) {
    ingest_kv headers[] = {{{"X-Ingest-Proxy", 14}, {" http://proxy.example:3128 ", 27}},
                           {{"Accept", 6}, {"*/*", 3}}};
    ingest_http_request r{};
    r.struct_size = sizeof r;
    r.url = {"http://a.example/", 17};
    r.headers = headers;
    r.headers_count = 2;
    auto out = from_abi(r);
    EXPECT_EQ(out.proxy, "http://proxy.example:3128");
    ASSERT_EQ(out.headers.size(), 1u);
    EXPECT_EQ(out.headers[0].first, "Accept");
}

TEST(FromAbi, DefaultsAndTheAllowPrivateHeader) {
    ingest_kv h[] = {{{"x-ingest-allow-private", 22}, {"1", 1}}, {{"Accept", 6}, {"*/*", 3}}};
    ingest_http_request r{};
    r.struct_size = sizeof r;
    r.url = {"http://a/", 9};
    r.headers = h;
    r.headers_count = 2;
    auto out = from_abi(r);
    EXPECT_EQ(out.method, "GET");
    EXPECT_TRUE(out.allow_private);
    ASSERT_EQ(out.headers.size(), 1u);
    EXPECT_EQ(out.headers[0].first, "Accept");
    r.headers_count = 0;
    EXPECT_FALSE(from_abi(r).allow_private);
}

TEST(UserAgent, NamesVersionAndContact) {
    EXPECT_EQ(default_user_agent(std::nullopt).rfind("ingestd/", 0), 0u);
    EXPECT_EQ(default_user_agent(std::string()).find('('), std::string::npos);
    auto ua = default_user_agent("mailto:ops@example.org");
    EXPECT_NE(ua.find(" (+mailto:ops@example.org)"), std::string::npos) << ua;
}

}  // namespace
}  // namespace ingest::core::http
