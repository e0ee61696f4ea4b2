// The http source: polls one or thousands of URLs politely and emits each changed document
// as one item (the decoder, e.g. `feed`, turns it into releases).
//
// Contract with the core (see README.md):
//  - poll() first emits the responses that arrived since the last poll (HTTP completions
//    come on the loop thread outside poll(), where emit() is not allowed, so they are
//    buffered and a poll is requested at once), then starts a request for every URL that is
//    due, and asks to be polled again when the next URL falls due.
//  - Conditional GET: the ETag and Last-Modified of the last acknowledged document of a URL
//    are kept in the state store and sent independently (If-None-Match, If-Modified-Since);
//    a 304 emits nothing. Validators advance only on ack_outcome::done.
//  - 301/308 (every redirect of the chain permanent) move the stored URL once two polls in a
//    row confirmed the same target; 302/307 never do. 410 retires the URL until the
//    configuration changes. 429/503 honour Retry-After. Any other failure backs off
//    exponentially with jitter up to backoff_max and never gives up; a URL failing for longer
//    than sick_after is reported sick (log + gauge) until it succeeds again.
//  - Feed hints (RSS <ttl>, sy:updatePeriod/updateFrequency, Cache-Control max-age) raise a
//    URL's interval up to max_interval, never below min_interval.
//  - In a once run (ingestd --once) every URL is fetched once, at once: no spreading, no
//    retry; the source stops asking for polls when every URL was tried.
//  - Extra headers, basic or bearer authentication and a proxy are per source; the proxy
//    travels to the core in proxy_header.
//
// Threading: every hook and every HTTP completion runs on the core's loop thread.
#pragma once

#include <ingest/sdk.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::http {

/// The request header that asks the core to allow private destinations for one request,
/// and the response header the core adds per redirect followed (see core/http).
inline constexpr std::string_view allow_private_header = "X-Ingest-Allow-Private";
inline constexpr std::string_view redirect_header = "X-Ingest-Redirect";
/// The request header that names a proxy for one request (the core removes it and sets
/// CURLOPT_PROXY).
inline constexpr std::string_view proxy_header = "X-Ingest-Proxy";

/// The polling interval a document asks for, in ms, or nullopt when it names none: the
/// largest of Cache-Control max-age (seconds), RSS <ttl> (minutes) and sy:updatePeriod
/// divided by sy:updateFrequency, looked for in the first 64 KiB of an ASCII-compatible
/// body. no-store / no-cache / private directives do not count as hints.
std::optional<std::int64_t> feed_hint_ms(std::string_view body,
                                         std::optional<std::string> const& cache_control);

/// Standard base64 with padding (for basic authentication).
std::string base64(std::string_view data);

/// "Name: value" of the headers setting, split and checked: a token name, no CR/LF/NUL in
/// the value, not a header the source sets itself. Throws sdk::invalid_input.
std::pair<std::string, std::string> parse_header_setting(std::string_view line);

/// Delay named by a Retry-After value: delta-seconds or an HTTP date (relative to now_ms).
/// nullopt when the value is neither. A date in the past is 0.
std::optional<std::int64_t> parse_retry_after_ms(std::string_view value, std::int64_t now_ms);

/// The host (and port) of an http(s) URL, lower-cased: "https://A.example:8443/x" ->
/// "a.example:8443". Empty when there is none.
std::string host_of(std::string_view url);

/// The URLs of a urls_file: one per line, blank lines and `#` comments ignored.
std::vector<std::string> parse_url_list(std::string_view text);

/// The conditional-GET validators of a URL, as stored ("etag\nlast_modified\nbody_hash").
struct validators {
    std::string etag;
    std::string last_modified;
    std::string body_hash;  ///< of the last acknowledged body (a server ignoring validators)

    std::string serialize() const;
    static validators parse(std::string_view stored);
};

class http_source final : public sdk::source {
public:
    static constexpr sdk::plugin_info info{
        "http", "0.1.0", "Polls URLs with conditional GETs and emits each changed document"};
    /// The settings table (plugin.cpp).
    static sdk::settings_spec settings();

    /// Reads and checks the settings and the urls_file. Throws sdk::invalid_input.
    explicit http_source(sdk::context& ctx);

protected:
    /// Reads the state of every URL (validators, moves, retirements) and spreads the first
    /// requests over the jitter window.
    void start() override;
    void stop() override;
    void poll(sdk::poll_context& poll) override;
    void on_ack(sdk::ack const& ack) override;

private:
    struct url_state {
        std::string configured;  // the URL as configured: the key of its state
        std::string current;     // where it is fetched now (after confirmed moves)
        validators valid;
        bool retired = false;
        bool in_flight = false;
        bool awaiting_ack = false;
        std::int64_t next_due_ms = 0;
        std::uint32_t failures = 0;
        std::int64_t failing_since_ms = 0;  // 0: not failing
        bool sick = false;
        std::string move_candidate;
        std::uint32_t move_confirmations = 0;
        std::int64_t hint_ms = 0;  // interval asked for by the document (0: none)
        bool tried = false;        // once mode: fetched (or attempted) in this run
    };
    struct ready_item {
        std::size_t url = 0;
        sdk::item item;
        validators valid;
    };

    void fetch(std::size_t index);
    void on_response(std::size_t index, sdk::http_response const& r);
    void on_success(url_state& u, sdk::http_response const& r, std::size_t index);
    void on_failure(url_state& u, std::string const& why, std::optional<std::int64_t> retry_ms);
    void note_redirects(url_state& u, sdk::http_response const& r);
    void retire(url_state& u, int status);
    void report_sick();
    std::int64_t jitter_ms(std::int64_t max);
    std::string fingerprint() const;
    void schedule_next_poll();
    std::int64_t interval_ms(url_state const& u) const;

    sdk::context& ctx_;

    // Settings.
    std::vector<std::string> urls_;
    std::int64_t min_interval_ms_ = 0;
    std::int64_t jitter_ms_ = 0;
    std::int64_t backoff_initial_ms_ = 0;
    std::int64_t backoff_max_ms_ = 0;
    std::int64_t sick_after_ms_ = 0;
    std::uint64_t max_body_ = 0;
    std::uint64_t timeout_ms_ = 0;
    std::size_t max_in_flight_ = 0;
    std::int64_t per_host_delay_ms_ = 0;
    bool allow_private_ = false;
    std::string media_type_;
    std::int64_t max_interval_ms_ = 0;
    bool feed_hints_ = true;
    std::vector<std::pair<std::string, std::string>> extra_headers_;  // auth included
    std::string proxy_;

    std::vector<url_state> state_;
    std::deque<ready_item> ready_;
    std::map<std::uint64_t, ready_item> unacked_;  // token -> what it acknowledges
    std::uint64_t next_token_ = 1;
    std::size_t in_flight_ = 0;
    std::map<std::string, std::int64_t> host_free_at_ms_;  // per_host_delay bookkeeping
    bool stopped_ = false;
    bool once_ = false;  // INGEST_RUN_ONCE: every URL once, at once, no retries
    std::mt19937_64 rng_{std::random_device{}()};
};

}  // namespace ingest::plugins::http
