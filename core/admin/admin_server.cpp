#include "admin/admin_server.hpp"

#include <ingest/sdk/json.hpp>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <future>
#include <stdexcept>
#include <thread>

namespace ingest::core {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {

/// The endpoint of "host:port" / "[v6]:port" (the configuration checked the form). A host
/// name is resolved; of its addresses the first IPv4 one is taken when there is one, so that
/// "localhost:9464" means 127.0.0.1 wherever ::1 is listed first.
net::ip::tcp::endpoint resolve_listen(net::io_context& io, std::string const& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon + 1 == listen.size()) {
        throw std::runtime_error("http_listen " + listen + ": not host:port");
    }
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    net::ip::tcp::resolver resolver(io);
    boost::system::error_code ec;
    auto results = resolver.resolve(host, listen.substr(colon + 1),
                                    net::ip::tcp::resolver::numeric_service, ec);
    if (ec || results.empty()) {
        throw std::runtime_error("http_listen " + listen + ": cannot resolve '" + host +
                                 "': " + (ec ? ec.message() : std::string("no address")));
    }
    for (auto const& r : results) {
        if (r.endpoint().address().is_v4()) {
            return r.endpoint();
        }
    }
    return results.begin()->endpoint();
}

void append_field(std::string& out, char const* name, std::uint64_t value, bool first = false) {
    if (!first) {
        out += ',';
    }
    out += '"';
    out += name;
    out += "\":";
    out += std::to_string(value);
}

}  // namespace

std::string status_json(run_summary const& s, std::string const& version,
                        std::chrono::seconds uptime, double sick_urls) {
    std::string out = "{\"version\":";
    sdk::detail::append_json_string(out, version);
    out += ",\"uptime_seconds\":" + std::to_string(uptime.count());
    append_field(out, "new_releases", s.new_releases);
    append_field(out, "revised_releases", s.revised_releases);
    append_field(out, "unchanged_releases", s.unchanged_releases);
    out += ",\"sick_urls\":" + std::to_string(static_cast<std::uint64_t>(sick_urls));
    out += ",\"sources\":[";
    for (std::size_t i = 0; i < s.sources.size(); ++i) {
        auto const& src = s.sources[i];
        out += i == 0 ? "{\"id\":" : ",{\"id\":";
        sdk::detail::append_json_string(out, src.id);
        append_field(out, "items", src.items);
        append_field(out, "failed", src.failed);
        append_field(out, "releases", src.releases);
        append_field(out, "unrouted", src.unrouted);
        append_field(out, "poll_errors", src.poll_errors);
        out += '}';
    }
    out += "],\"sinks\":[";
    for (std::size_t i = 0; i < s.sinks.size(); ++i) {
        auto const& sk = s.sinks[i];
        out += i == 0 ? "{\"id\":" : ",{\"id\":";
        sdk::detail::append_json_string(out, sk.id);
        append_field(out, "enqueued", sk.enqueued);
        append_field(out, "duplicates", sk.duplicates);
        append_field(out, "delivered", sk.delivered);
        append_field(out, "retried", sk.retried);
        append_field(out, "dead_lettered", sk.dead_lettered);
        out += '}';
    }
    out += "]}";
    return out;
}

class admin_server::impl {
public:
    impl(std::string const& listen, engine& e, std::string version)
        : engine_(e), version_(std::move(version)), acceptor_(io_) {
        auto endpoint = resolve_listen(io_, listen);
        boost::system::error_code ec;
        acceptor_.open(endpoint.protocol(), ec);
        if (!ec) {
            acceptor_.set_option(net::socket_base::reuse_address(true), ec);
            acceptor_.bind(endpoint, ec);
        }
        if (!ec) {
            acceptor_.listen(net::socket_base::max_listen_connections, ec);
        }
        if (ec) {
            throw std::runtime_error("http_listen " + listen + ": cannot listen: " + ec.message());
        }
        port_ = acceptor_.local_endpoint().port();
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~impl() {
        io_.stop();
        thread_.join();
    }

    std::uint16_t port() const noexcept { return port_; }

private:
    using response = bhttp::response<bhttp::string_body>;

    void accept() {
        acceptor_.async_accept([this](beast::error_code ec, net::ip::tcp::socket s) {
            if (!ec) {
                net::co_spawn(io_, session(std::move(s)), net::detached);
            }
            if (acceptor_.is_open()) {
                accept();
            }
        });
    }

    net::awaitable<void> session(net::ip::tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer(8192);
        try {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(8192);
            parser.body_limit(8192);
            stream.expires_after(std::chrono::seconds(5));
            co_await bhttp::async_read(stream, buffer, parser, net::use_awaitable);
            auto res = answer(parser.get());
            stream.expires_after(std::chrono::seconds(5));
            co_await bhttp::async_write(stream, res, net::use_awaitable);
        } catch (std::exception const&) {  // a client that went away or sent garbage
        }
        beast::error_code ec;
        stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    }

    /// The engine's summary, read on its loop; nullopt when the loop did not answer in 2 s.
    std::optional<run_summary> summary() {
        auto done = std::make_shared<std::promise<run_summary>>();
        auto future = done->get_future();
        engine_.on_loop([done, this] { done->set_value(engine_.summary()); });
        if (future.wait_for(std::chrono::seconds(2)) != std::future_status::ready) {
            return std::nullopt;
        }
        try {
            return future.get();
        } catch (std::future_error const&) {  // the loop ended and dropped the request
            return std::nullopt;
        }
    }

    response answer(bhttp::request<bhttp::string_body> const& req) {
        auto make = [&req](bhttp::status status, std::string body, char const* type) {
            response r{status, req.version()};
            r.set(bhttp::field::server, "ingestd");
            r.set(bhttp::field::content_type, type);
            r.set(bhttp::field::cache_control, "no-store");
            r.keep_alive(false);
            r.body() = req.method() == bhttp::verb::head ? std::string() : std::move(body);
            r.prepare_payload();
            return r;
        };
        if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) {
            auto r = make(bhttp::status::method_not_allowed, "only GET and HEAD\n",
                          "text/plain; charset=utf-8");
            r.set(bhttp::field::allow, "GET, HEAD");
            return r;
        }
        std::string_view target = req.target();
        target = target.substr(0, target.find('?'));
        if (target == "/metrics") {
            return make(bhttp::status::ok, engine_.metrics().render(),
                        "text/plain; version=0.0.4; charset=utf-8");
        }
        if (target == "/healthz") {
            return summary() ? make(bhttp::status::ok, "ok\n", "text/plain; charset=utf-8")
                             : make(bhttp::status::service_unavailable,
                                    "the pipeline loop did not answer within 2 s\n",
                                    "text/plain; charset=utf-8");
        }
        if (target == "/status") {
            auto s = summary();
            if (!s) {
                return make(bhttp::status::service_unavailable,
                            "{\"error\":\"the pipeline loop did not answer within 2 s\"}",
                            "application/json");
            }
            auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::steady_clock::now() - started_);
            return make(bhttp::status::ok,
                        status_json(*s, version_, uptime,
                                    engine_.metrics().total("ingest_http_source_sick_urls")),
                        "application/json");
        }
        return make(bhttp::status::not_found, "not found: /metrics, /healthz, /status\n",
                    "text/plain; charset=utf-8");
    }

    engine& engine_;
    std::string version_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    net::io_context io_;
    net::ip::tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

admin_server::admin_server(std::string const& listen, engine& e, std::string version)
    : impl_(std::make_unique<impl>(listen, e, std::move(version))) {}
admin_server::~admin_server() = default;
std::uint16_t admin_server::port() const noexcept {
    return impl_->port();
}

}  // namespace ingest::core
