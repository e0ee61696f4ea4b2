// The core's HTTP service: libcurl's multi interface driven by the engine's asio loop.
//
// One http_client serves every plugin instance of a daemon. libcurl never blocks the loop:
// its sockets are watched with asio::posix::stream_descriptor::async_wait
// (CURLMOPT_SOCKETFUNCTION) and its timeouts run on an asio::steady_timer
// (CURLMOPT_TIMERFUNCTION); both call curl_multi_socket_action. There is no thread per
// request (libcurl's own resolver thread aside).
//
// Protections that are always on (see RELIABILITY.md F9, F10, H1-H9):
//  - connect timeout, total timeout, low-speed abort, at most max_redirects redirects;
//  - only http and https, also after a redirect;
//  - TLS peer and host verification;
//  - the body is capped after decompression, in the write callback;
//  - the connected address is checked before connect() (CURLOPT_OPENSOCKETFUNCTION), which
//    also covers redirects and DNS rebinding: loopback, private, link-local (metadata),
//    CGNAT, ULA, multicast, unspecified and v4-mapped forms of those are refused unless the
//    request allows private addresses;
//  - at most max_per_host transfers at once per host name; the rest wait in a queue.
//
// Threading: start() may be called from any thread; everything else happens on the loop
// thread, and so does every completion. Destroying the client completes every unfinished
// request with `stopped` (on the destroying thread), so that no plugin waits forever.
#pragma once

#include <ingest/plugin_abi.h>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sockaddr;

namespace ingest::core::http {

/// The request header a plugin sets ("1") to allow private destinations for that request.
/// The core removes it before sending. Plugins are trusted code loaded from a root-owned
/// directory, so the policy is theirs to state (the http source maps its
/// allow_private_addresses setting to it); the ABI 1.0 request has no field for it.
inline constexpr std::string_view allow_private_header = "X-Ingest-Allow-Private";

/// A response header the core adds, once per redirect it followed, in order; the value is
/// that redirect's status ("301", "302", "307", "308"). Lets a source tell a permanent move
/// from a temporary one while the core follows redirects (and checks every hop).
inline constexpr std::string_view redirect_header = "X-Ingest-Redirect";

/// The request header a plugin sets to send one request through a proxy (an http://,
/// https://, socks5:// or socks5h:// URL, credentials allowed). The core removes it before
/// sending. Without it no proxy is used: the http_proxy / https_proxy environment variables
/// are ignored, so that what a source fetches through is always in its configuration.
/// Through a proxy the only connection is to the proxy, which the operator named: its
/// address is not checked against the private-address rule.
inline constexpr std::string_view proxy_header = "X-Ingest-Proxy";

/// Limits and identity of a client. The defaults are the daemon's.
struct client_options {
    std::string user_agent;  ///< empty: default_user_agent({})
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds total_timeout{120'000};  ///< per request unless it sets its own
    std::int64_t low_speed_bytes_per_second = 1024;    ///< abort below this rate ...
    std::chrono::seconds low_speed_time{30};           ///< ... sustained for this long
    std::int64_t max_redirects = 5;
    std::uint64_t max_body_bytes = 16ULL * 1024 * 1024;  ///< per request unless it sets less
    std::size_t max_per_host = 4;
    /// "address:port" endpoints connected to even when private ("127.0.0.1:41234"). For
    /// tests only: a loopback server standing in for a public host, so that a redirect from
    /// it to a private address can be refused.
    std::vector<std::string> exempt_endpoints_for_test;
};

/// "ingestd/<version>" or "ingestd/<version> (+<contact>)".
std::string default_user_agent(std::optional<std::string> const& contact);

/// The daemon's defaults, with the User-Agent naming the operator's contact URL (if any).
client_options daemon_options(std::optional<std::string> const& contact);

/// One request.
struct request {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::uint64_t max_body_bytes = 0;  ///< 0: the client's cap; larger values are clamped
    std::uint64_t timeout_ms = 0;      ///< 0: the client's total timeout
    bool allow_private = false;        ///< allow loopback/private/link-local destinations
    std::string proxy;                 ///< empty: no proxy (environment variables ignored)
};

/// The outcome of one request.
struct response {
    bool ok = false;       ///< a complete response was received (any status)
    bool stopped = false;  ///< the client shut down before the request finished
    std::string error;     ///< when !ok: what went wrong, for a log line
    int status = 0;
    std::string url;                                           ///< effective URL, after redirects
    std::vector<std::pair<std::string, std::string>> headers;  ///< of the final response
    std::string body;

    /// The first header of that name, compared without regard to case.
    std::optional<std::string> header(std::string_view name) const;
};

using completion = std::function<void(response)>;

/// Why an address may not be connected to without allow_private, or nullopt when it may:
/// "loopback", "private", "link-local", "CGNAT", "unique-local", "multicast",
/// "unspecified", "reserved".
std::optional<std::string> private_address_class(sockaddr const* address);

/// Converts a request of the C ABI; allow_private_header and proxy_header are removed and
/// set allow_private and proxy.
request from_abi(ingest_http_request const& r);

class http_client {
public:
    /// The client runs on io; io must outlive it.
    http_client(boost::asio::io_context& io, client_options options);
    /// Completes every unfinished request with `stopped`.
    ~http_client();
    http_client(http_client const&) = delete;
    http_client& operator=(http_client const&) = delete;

    /// Starts a request. Returns at once; done runs exactly once, later, on the loop thread
    /// (or in the destructor). Thread-safe.
    void start(request req, completion done);

    /// start() for the C ABI: converts the request (from_abi) and calls done(user, …) with
    /// a borrowed ingest_http_response. Always INGEST_OK.
    ingest_rc start_abi(ingest_http_request const& req, ingest_http_callback done, void* user);

    /// Requests running or queued (loop thread).
    std::size_t in_flight() const noexcept;

    client_options const& options() const noexcept;

private:
    class impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace ingest::core::http
