#include "http/http_client.hpp"

#include <atomic>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <stdexcept>

#ifndef INGEST_VERSION
#define INGEST_VERSION "0.0.0"
#endif

namespace ingest::core::http {

namespace asio = boost::asio;

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) {
                   return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
               };
               return lower(x) == lower(y);
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return s;
}

std::optional<std::string> ipv4_class(std::uint32_t a) {  // host byte order
    auto in = [a](std::uint32_t net, int bits) {
        std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
        return (a & mask) == net;
    };
    if (in(0x7F000000, 8)) {
        return "loopback";
    }
    if (in(0x00000000, 8)) {
        return "unspecified";
    }
    if (in(0x0A000000, 8) || in(0xAC100000, 12) || in(0xC0A80000, 16)) {
        return "private";
    }
    if (in(0xA9FE0000, 16)) {
        return "link-local";
    }
    if (in(0x64400000, 10)) {
        return "CGNAT";
    }
    if (in(0xE0000000, 4)) {
        return "multicast";
    }
    if (in(0xF0000000, 4)) {
        return "reserved";
    }
    return std::nullopt;
}

std::optional<std::string> ipv6_class(std::array<unsigned char, 16> const& b) {
    static_assert(sizeof(in6_addr) == 16);
    bool zero10 = std::all_of(b.begin(), b.begin() + 10, [](unsigned char c) { return c == 0; });
    if (zero10 && b[10] == 0xFF && b[11] == 0xFF) {  // ::ffff:a.b.c.d
        return ipv4_class((std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16) |
                          (std::uint32_t{b[14]} << 8) | std::uint32_t{b[15]});
    }
    bool zero15 = std::all_of(b.begin(), b.begin() + 15, [](unsigned char c) { return c == 0; });
    if (zero15 && b[15] == 1) {
        return "loopback";
    }
    if (zero15 && b[15] == 0) {
        return "unspecified";
    }
    if (zero10 && b[10] == 0 && b[11] == 0) {  // deprecated IPv4-compatible ::a.b.c.d
        return "reserved";
    }
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) {
        return "link-local";
    }
    if ((b[0] & 0xFE) == 0xFC) {
        return "unique-local";
    }
    if (b[0] == 0xFF) {
        return "multicast";
    }
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) {  // NAT64 64:ff9b::/96
        return ipv4_class((std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16) |
                          (std::uint32_t{b[14]} << 8) | std::uint32_t{b[15]});
    }
    return std::nullopt;
}

std::string address_text(sockaddr const* address) {
    std::array<char, INET6_ADDRSTRLEN> buf{};
    if (address->sa_family == AF_INET) {
        auto const* in = reinterpret_cast<sockaddr_in const*>(address);
        inet_ntop(AF_INET, &in->sin_addr, buf.data(), buf.size());
    } else if (address->sa_family == AF_INET6) {
        auto const* in6 = reinterpret_cast<sockaddr_in6 const*>(address);
        inet_ntop(AF_INET6, &in6->sin6_addr, buf.data(), buf.size());
    } else {
        return "(address family " + std::to_string(address->sa_family) + ")";
    }
    return buf.data();
}

std::string host_of(std::string const& url) {
    std::string host;
    CURLU* u = curl_url();
    if (u != nullptr) {
        if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
            char* h = nullptr;
            if (curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h != nullptr) {
                host = h;
                curl_free(h);
            }
        }
        curl_url_cleanup(u);
    }
    return host;
}

/// curl_global_init once per process, before any handle (it is not thread-safe before
/// 7.84; the daemon creates its client on the main thread).
void global_init() {
    static bool const done = [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw std::runtime_error("http: curl_global_init failed");
        }
        return true;
    }();
    (void)done;
}

}  // namespace

std::string default_user_agent(std::optional<std::string> const& contact) {
    std::string ua = std::string("ingestd/") + INGEST_VERSION;
    if (contact && !contact->empty()) {
        ua += " (+" + *contact + ")";
    }
    return ua;
}

client_options daemon_options(std::optional<std::string> const& contact) {
    client_options o;
    o.user_agent = default_user_agent(contact);
    return o;
}

std::optional<std::string> private_address_class(sockaddr const* address) {
    if (address == nullptr) {
        return "reserved";
    }
    if (address->sa_family == AF_INET) {
        auto const* in = reinterpret_cast<sockaddr_in const*>(address);
        return ipv4_class(ntohl(in->sin_addr.s_addr));
    }
    if (address->sa_family == AF_INET6) {
        auto const* in6 = reinterpret_cast<sockaddr_in6 const*>(address);
        std::array<unsigned char, 16> b{};
        std::memcpy(b.data(), &in6->sin6_addr, 16);
        return ipv6_class(b);
    }
    return "reserved";  // AF_UNIX and others: never for a URL
}

std::optional<std::string> response::header(std::string_view name) const {
    for (auto const& [k, v] : headers) {
        if (iequals(k, name)) {
            return v;
        }
    }
    return std::nullopt;
}

request from_abi(ingest_http_request const& r) {
    auto str = [](ingest_str s) {
        return s.data == nullptr ? std::string() : std::string(s.data, s.size);
    };
    request out;
    out.method = str(r.method);
    if (out.method.empty()) {
        out.method = "GET";
    }
    out.url = str(r.url);
    for (std::size_t i = 0; i < r.headers_count; ++i) {
        auto name = str(r.headers[i].key);
        auto value = str(r.headers[i].value);
        if (iequals(name, allow_private_header)) {
            out.allow_private = trim(value) == "1" || iequals(trim(value), "true");
            continue;
        }
        if (iequals(name, proxy_header)) {
            out.proxy = std::string(trim(value));
            continue;
        }
        out.headers.emplace_back(std::move(name), std::move(value));
    }
    out.body = str(r.body);
    out.max_body_bytes = r.max_body_bytes;
    out.timeout_ms = r.timeout_ms;
    return out;
}

// ------------------------------------------------------------------------------ impl --

class http_client::impl {
public:
    impl(asio::io_context& io, client_options options)
        : io_(io), options_(std::move(options)), timer_(io) {
        global_init();
        if (options_.user_agent.empty()) {
            options_.user_agent = default_user_agent({});
        }
        multi_ = curl_multi_init();
        if (multi_ == nullptr) {
            throw std::runtime_error("http: curl_multi_init failed");
        }
        curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &impl::on_socket_cb);
        curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
        curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &impl::on_timer_cb);
        curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    }

    ~impl() {
        *alive_ = false;
        timer_.cancel();
        std::vector<std::pair<completion, response>> to_call;
        response stopped;
        stopped.stopped = true;
        stopped.error = "stopped: the daemon is shutting down";
        for (auto& [easy, t] : active_) {
            curl_multi_remove_handle(multi_, easy);
            curl_easy_cleanup(easy);
            curl_slist_free_all(t->header_list);
            to_call.emplace_back(std::move(t->done), stopped);
        }
        active_.clear();
        for (auto& [host, queue] : queued_) {
            for (auto& q : queue) {
                to_call.emplace_back(std::move(q.done), stopped);
            }
        }
        queued_.clear();
        curl_multi_cleanup(multi_);  // may close cached connections through close_socket()
        for (auto& [fd, ws] : sockets_) {
            ws->wanted = 0;
            ws->sd.release();
        }
        sockets_.clear();
        for (auto& [done, r] : to_call) {
            if (done) {
                try {
                    done(std::move(r));
                } catch (...) {  // NOLINT(bugprone-empty-catch): nothing to tell at shutdown
                }
            }
        }
    }

    void start(request req, completion done) {
        std::weak_ptr<bool> alive = alive_;
        ++starting_;  // counted as in flight from now on, not only once the loop took it
        asio::post(io_, [this, alive, req = std::move(req), done = std::move(done)]() mutable {
            if (auto a = alive.lock(); a && *a) {
                --starting_;
                enqueue(std::move(req), std::move(done));
            }
        });
    }

    std::size_t in_flight() const noexcept {
        std::size_t n = active_.size() + starting_.load();
        for (auto const& [host, q] : queued_) {
            n += q.size();
        }
        return n;
    }

    client_options const& options() const noexcept { return options_; }

private:
    std::atomic<std::size_t> starting_{0};
    struct queued_request {
        request req;
        completion done;
    };

    struct transfer {
        impl* owner = nullptr;
        std::string host;
        request req;
        completion done;
        response resp;
        curl_slist* header_list = nullptr;
        std::uint64_t cap = 0;
        bool too_large = false;
        std::string blocked;                 // why a connect was refused
        int current_status = 0;              // of the response whose headers arrive
        std::vector<std::string> redirects;  // status of every redirect response so far
        std::array<char, CURL_ERROR_SIZE> errbuf{};
    };

    struct watched_socket {
        explicit watched_socket(asio::io_context& io, int fd) : sd(io, fd) {}
        asio::posix::stream_descriptor sd;
        int wanted = 0;  // CURL_POLL_IN / OUT / INOUT
        bool reading = false;
        bool writing = false;
    };
    using socket_ptr = std::shared_ptr<watched_socket>;

    void enqueue(request req, completion done) {
        std::string host = host_of(req.url);
        auto it = running_per_host_.find(host);
        if (it != running_per_host_.end() &&
            it->second >= std::max<std::size_t>(1, options_.max_per_host)) {
            queued_[host].push_back({std::move(req), std::move(done)});
            return;
        }
        launch(std::move(host), std::move(req), std::move(done));
    }

    void launch(std::string host, request req, completion done) {
        auto t = std::make_unique<transfer>();
        t->owner = this;
        t->host = std::move(host);
        t->req = std::move(req);
        t->done = std::move(done);
        t->cap = options_.max_body_bytes;
        if (t->req.max_body_bytes != 0) {
            t->cap = std::min(t->cap, t->req.max_body_bytes);
        }
        CURL* easy = curl_easy_init();
        if (easy == nullptr) {
            response r;
            r.error = "http: curl_easy_init failed";
            finish_with(std::move(t), std::move(r));
            return;
        }
        configure(easy, *t);
        ++running_per_host_[t->host];
        transfer* raw = t.get();
        active_.emplace(easy, std::move(t));
        if (auto rc = curl_multi_add_handle(multi_, easy); rc != CURLM_OK) {
            auto node = active_.extract(easy);
            curl_easy_cleanup(easy);
            curl_slist_free_all(raw->header_list);
            if (auto it = running_per_host_.find(raw->host); it != running_per_host_.end()) {
                if (it->second <= 1) {
                    running_per_host_.erase(it);
                } else {
                    --it->second;
                }
            }
            response r;
            r.error = std::string("http: curl_multi_add_handle: ") + curl_multi_strerror(rc);
            finish_with(std::move(node.mapped()), std::move(r));
        }
    }

    void configure(CURL* easy, transfer& t) {
        auto const& o = options_;
        curl_easy_setopt(easy, CURLOPT_PRIVATE, &t);
        curl_easy_setopt(easy, CURLOPT_URL, t.req.url.c_str());
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t.errbuf.data());
        curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(easy, CURLOPT_MAXREDIRS, static_cast<long>(o.max_redirects));
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(easy, CURLOPT_USERAGENT, o.user_agent.c_str());
        // "" disables the environment's proxies; a request names its proxy explicitly.
        curl_easy_setopt(easy, CURLOPT_PROXY, t.req.proxy.c_str());
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(o.connect_timeout.count()));
        auto total = t.req.timeout_ms != 0 ? static_cast<long>(t.req.timeout_ms)
                                           : static_cast<long>(o.total_timeout.count());
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, total);
        curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT,
                         static_cast<long>(o.low_speed_bytes_per_second));
        curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.low_speed_time.count()));
        // Refuses early when the server announces a larger body; the write callback still
        // counts the decoded bytes.
        curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t.cap));
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &impl::on_body_cb);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &impl::on_header_cb);
        curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
        curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &impl::open_socket_cb);
        curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, &t);
        curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &impl::close_socket_cb);
        curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
        for (auto const& [name, value] : t.req.headers) {
            std::string line = name + (value.empty() ? ";" : ": " + value);
            t.header_list = curl_slist_append(t.header_list, line.c_str());
        }
        if (t.header_list != nullptr) {
            curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t.header_list);
        }
        if (t.req.method == "HEAD") {
            curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
        } else if (t.req.method == "POST") {
            curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(t.req.body.size()));
            curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t.req.body.data());
        } else if (t.req.method != "GET") {
            curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, t.req.method.c_str());
            if (!t.req.body.empty()) {
                curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                                 static_cast<curl_off_t>(t.req.body.size()));
                curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t.req.body.data());
            }
        }
    }

    // ------------------------------------------------------------- curl callbacks --

    static std::size_t on_body_cb(char* data, std::size_t size, std::size_t n, void* user) {
        auto* t = static_cast<transfer*>(user);
        std::size_t bytes = size * n;
        if (t->resp.body.size() + bytes > t->cap) {
            t->too_large = true;
            return 0;  // CURLE_WRITE_ERROR
        }
        t->resp.body.append(data, bytes);
        return bytes;
    }

    static std::size_t on_header_cb(char* data, std::size_t size, std::size_t n, void* user) {
        auto* t = static_cast<transfer*>(user);
        std::size_t bytes = size * n;
        std::string_view line(data, bytes);
        if (line.rfind("HTTP/", 0) == 0) {
            // A new response (after a redirect or 100 Continue): keep only the last one's
            // headers, plus one redirect_header per redirect followed so far.
            auto hops = std::move(t->redirects);
            t->resp.headers.clear();
            for (auto const& hop : hops) {
                t->resp.headers.emplace_back(std::string(redirect_header), hop);
            }
            t->redirects = std::move(hops);
            auto sp = line.find(' ');
            t->current_status = sp == std::string_view::npos
                                    ? 0
                                    : std::atoi(std::string(line.substr(sp + 1, 3)).c_str());
            return bytes;
        }
        auto colon = line.find(':');
        if (colon != std::string_view::npos && colon > 0) {
            auto name = trim(line.substr(0, colon));
            if (iequals(name, "Location") && t->current_status >= 300 && t->current_status < 400) {
                t->redirects.push_back(std::to_string(t->current_status));
            }
            t->resp.headers.emplace_back(std::string(name),
                                         std::string(trim(line.substr(colon + 1))));
        }
        return bytes;
    }

    static curl_socket_t open_socket_cb(void* user, curlsocktype purpose, curl_sockaddr* address) {
        auto* t = static_cast<transfer*>(user);
        if (purpose != CURLSOCKTYPE_IPCXN || address == nullptr) {
            return CURL_SOCKET_BAD;
        }
        if (!t->req.allow_private && t->req.proxy.empty() && !t->owner->exempt(&address->addr)) {
            if (auto why = private_address_class(&address->addr)) {
                t->blocked =
                    "blocked destination " + address_text(&address->addr) + " (" + *why + ")";
                return CURL_SOCKET_BAD;
            }
        }
        int fd = ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
        return fd < 0 ? CURL_SOCKET_BAD : fd;
    }

    static int close_socket_cb(void* user, curl_socket_t fd) {
        auto* self = static_cast<impl*>(user);
        if (auto it = self->sockets_.find(fd); it != self->sockets_.end()) {
            it->second->wanted = 0;
            it->second->sd.release();
            self->sockets_.erase(it);
        }
        return ::close(fd);
    }

    static int on_socket_cb(CURL*, curl_socket_t fd, int what, void* user, void*) {
        auto* self = static_cast<impl*>(user);
        auto it = self->sockets_.find(fd);
        if (what == CURL_POLL_REMOVE) {
            if (it != self->sockets_.end()) {
                it->second->wanted = 0;
                it->second->sd.release();  // cancels the waits; curl closes the descriptor
                self->sockets_.erase(it);
            }
            return 0;
        }
        if (it == self->sockets_.end()) {
            auto ws = std::make_shared<watched_socket>(self->io_, fd);
            it = self->sockets_.emplace(fd, std::move(ws)).first;
        }
        it->second->wanted = what;
        self->arm(fd, it->second);
        return 0;
    }

    static int on_timer_cb(CURLM*, long timeout_ms, void* user) {
        auto* self = static_cast<impl*>(user);
        if (timeout_ms < 0) {
            self->timer_.cancel();
            return 0;
        }
        self->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
        std::weak_ptr<bool> alive = self->alive_;
        self->timer_.async_wait([self, alive](boost::system::error_code ec) {
            if (ec) {
                return;
            }
            if (auto a = alive.lock(); a && *a) {
                self->action(CURL_SOCKET_TIMEOUT, 0);
            }
        });
        return 0;
    }

    bool exempt(sockaddr const* address) const {
        auto const& list = options_.exempt_endpoints_for_test;
        if (list.empty()) {
            return false;
        }
        unsigned port = 0;
        if (address->sa_family == AF_INET) {
            port = ntohs(reinterpret_cast<sockaddr_in const*>(address)->sin_port);
        } else if (address->sa_family == AF_INET6) {
            port = ntohs(reinterpret_cast<sockaddr_in6 const*>(address)->sin6_port);
        }
        auto endpoint = address_text(address) + ":" + std::to_string(port);
        return std::find(list.begin(), list.end(), endpoint) != list.end();
    }

    // ---------------------------------------------------------------- driving --

    void arm(int fd, socket_ptr const& ws) {
        std::weak_ptr<bool> alive = alive_;
        if ((ws->wanted & CURL_POLL_IN) != 0 && !ws->reading) {
            ws->reading = true;
            ws->sd.async_wait(asio::posix::stream_descriptor::wait_read,
                              [this, alive, fd, ws](boost::system::error_code ec) {
                                  ws->reading = false;
                                  auto a = alive.lock();
                                  if (ec || !a || !*a || (ws->wanted & CURL_POLL_IN) == 0) {
                                      return;
                                  }
                                  action(fd, CURL_CSELECT_IN);
                                  rearm(fd, ws);
                              });
        }
        if ((ws->wanted & CURL_POLL_OUT) != 0 && !ws->writing) {
            ws->writing = true;
            ws->sd.async_wait(asio::posix::stream_descriptor::wait_write,
                              [this, alive, fd, ws](boost::system::error_code ec) {
                                  ws->writing = false;
                                  auto a = alive.lock();
                                  if (ec || !a || !*a || (ws->wanted & CURL_POLL_OUT) == 0) {
                                      return;
                                  }
                                  action(fd, CURL_CSELECT_OUT);
                                  rearm(fd, ws);
                              });
        }
    }

    void rearm(int fd, socket_ptr const& ws) {
        auto it = sockets_.find(fd);
        if (it != sockets_.end() && it->second == ws) {
            arm(fd, ws);
        }
    }

    void action(curl_socket_t fd, int events) {
        int running = 0;
        curl_multi_socket_action(multi_, fd, events, &running);
        collect_done();
    }

    void collect_done() {
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
            if (msg->msg != CURLMSG_DONE) {
                continue;
            }
            CURL* easy = msg->easy_handle;
            CURLcode code = msg->data.result;
            auto node = active_.extract(easy);
            if (node.empty()) {
                continue;
            }
            auto t = std::move(node.mapped());
            response r = std::move(t->resp);
            if (code == CURLE_OK) {
                long status = 0;
                curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
                r.status = static_cast<int>(status);
                r.ok = true;
            } else {
                r.error = describe(code, *t);
                r.body.clear();
            }
            char* effective = nullptr;
            if (curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK &&
                effective != nullptr) {
                r.url = effective;
            } else {
                r.url = t->req.url;
            }
            curl_multi_remove_handle(multi_, easy);
            curl_easy_cleanup(easy);
            curl_slist_free_all(t->header_list);
            t->header_list = nullptr;
            auto host = t->host;
            if (auto it = running_per_host_.find(host); it != running_per_host_.end()) {
                if (it->second <= 1) {
                    running_per_host_.erase(it);  // thousands of hosts: keep only busy ones
                } else {
                    --it->second;
                }
            }
            finish_with(std::move(t), std::move(r));
            next_for(host);
        }
    }

    std::string describe(CURLcode code, transfer const& t) const {
        std::string detail = t.errbuf[0] != '\0' ? std::string(t.errbuf.data())
                                                 : std::string(curl_easy_strerror(code));
        switch (code) {
            case CURLE_WRITE_ERROR:
            case CURLE_FILESIZE_EXCEEDED:
                if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
                    return "feed too large after decompression (> " + std::to_string(t.cap) +
                           " bytes)";
                }
                return "write error: " + detail;
            case CURLE_COULDNT_CONNECT:
                if (!t.blocked.empty()) {
                    return t.blocked;
                }
                return "connect failed: " + detail;
            case CURLE_TOO_MANY_REDIRECTS:
                return "too many redirects (" + std::to_string(options_.max_redirects) + ")";
            case CURLE_UNSUPPORTED_PROTOCOL:
                return "protocol not allowed: " + detail;
            case CURLE_OPERATION_TIMEDOUT:
                if (detail.find("too slow") != std::string::npos) {
                    return "timeout: low speed: " + detail;
                }
                return "timeout: " + detail;
            case CURLE_PEER_FAILED_VERIFICATION:
            case CURLE_SSL_CACERT_BADFILE:
            case CURLE_SSL_CONNECT_ERROR:
                return "TLS verification failed: " + detail;
            default:
                if (!t.blocked.empty()) {
                    return t.blocked;
                }
                return detail;
        }
    }

    void finish_with(std::unique_ptr<transfer> t, response r) {
        auto done = std::move(t->done);
        t.reset();
        if (done) {
            done(std::move(r));
        }
    }

    void next_for(std::string const& host) {
        auto it = queued_.find(host);
        if (it == queued_.end() || it->second.empty()) {
            return;
        }
        auto q = std::move(it->second.front());
        it->second.pop_front();
        if (it->second.empty()) {
            queued_.erase(it);
        }
        launch(host, std::move(q.req), std::move(q.done));
    }

    asio::io_context& io_;
    client_options options_;
    asio::steady_timer timer_;
    CURLM* multi_ = nullptr;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    std::map<CURL*, std::unique_ptr<transfer>> active_;
    std::map<std::string, std::deque<queued_request>> queued_;
    std::map<std::string, std::size_t> running_per_host_;
    std::map<curl_socket_t, socket_ptr> sockets_;
};

// ------------------------------------------------------------------------ http_client --

http_client::http_client(asio::io_context& io, client_options options)
    : impl_(std::make_unique<impl>(io, std::move(options))) {}

http_client::~http_client() = default;

void http_client::start(request req, completion done) {
    impl_->start(std::move(req), std::move(done));
}

ingest_rc http_client::start_abi(ingest_http_request const& req, ingest_http_callback done,
                                 void* user) {
    impl_->start(from_abi(req), [done, user](response r) {
        auto abi = [](std::string const& s) { return ingest_str{s.data(), s.size()}; };
        std::vector<ingest_kv> headers;
        headers.reserve(r.headers.size());
        for (auto const& [k, v] : r.headers) {
            headers.push_back({abi(k), abi(v)});
        }
        ingest_http_response out{};
        out.struct_size = sizeof out;
        out.rc = r.ok ? INGEST_OK : (r.stopped ? INGEST_STOPPED : INGEST_ERROR);
        out.error = abi(r.error);
        out.status = r.status;
        out.url = abi(r.url);
        out.headers = headers.data();
        out.headers_count = headers.size();
        out.body = abi(r.body);
        done(user, &out);
    });
    return INGEST_OK;
}

std::size_t http_client::in_flight() const noexcept {
    return impl_->in_flight();
}

client_options const& http_client::options() const noexcept {
    return impl_->options();
}

}  // namespace ingest::core::http
