#include "http_source.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

namespace ingest::plugins::http {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
        s.remove_suffix(1);
    }
    return s;
}

/// FNV-1a 64, hex: stable across builds and runs (stored in the state store).
std::string fnv1a_hex(std::string_view data) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : data) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    std::ostringstream out;
    out << std::hex << h;
    return out.str();
}

std::string retired_key(std::string const& url) {
    return "retired/" + url;
}
std::string validators_key(std::string const& url) {
    return "validators/" + url;
}
std::string moved_key(std::string const& url) {
    return "moved/" + url;
}

std::string media_type_of(std::string_view content_type) {
    auto semi = content_type.find(';');
    std::string out(trim(content_type.substr(0, semi)));
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

std::optional<std::int64_t> parse_retry_after_ms(std::string_view value, std::int64_t now_ms) {
    value = trim(value);
    if (value.empty()) {
        return std::nullopt;
    }
    if (std::all_of(value.begin(), value.end(),
                    [](unsigned char c) { return std::isdigit(c) != 0; })) {
        if (value.size() > 9) {
            return std::nullopt;
        }
        return std::stoll(std::string(value)) * 1000;
    }
    std::tm tm{};
    std::string text(value);
    char const* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S", &tm);
    if (end == nullptr) {
        return std::nullopt;
    }
    auto rest = trim(std::string_view(end));
    if (!rest.empty() && rest != "GMT" && rest != "UTC") {
        return std::nullopt;
    }
    std::int64_t at_ms = static_cast<std::int64_t>(timegm(&tm)) * 1000;
    return std::max<std::int64_t>(0, at_ms - now_ms);
}

std::string host_of(std::string_view url) {
    auto scheme = url.find("://");
    if (scheme == std::string_view::npos) {
        return {};
    }
    auto rest = url.substr(scheme + 3);
    auto end = rest.find_first_of("/?#");
    auto authority = rest.substr(0, end);
    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        authority.remove_prefix(at + 1);
    }
    std::string out(authority);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<std::string> parse_url_list(std::string_view text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto nl = text.find('\n', pos);
        auto line =
            text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        auto hash = line.find('#');
        line = trim(line.substr(0, hash));
        if (!line.empty()) {
            out.emplace_back(line);
        }
        if (nl == std::string_view::npos) {
            break;
        }
        pos = nl + 1;
    }
    return out;
}

std::string validators::serialize() const {
    return etag + "\n" + last_modified + "\n" + body_hash;
}

validators validators::parse(std::string_view stored) {
    validators v;
    auto a = stored.find('\n');
    v.etag = std::string(stored.substr(0, a));
    if (a != std::string_view::npos) {
        auto rest = stored.substr(a + 1);
        auto b = rest.find('\n');
        v.last_modified = std::string(rest.substr(0, b));
        if (b != std::string_view::npos) {
            v.body_hash = std::string(rest.substr(b + 1));
        }
    }
    return v;
}

// ------------------------------------------------------------------------- http_source --

http_source::http_source(sdk::context& ctx) : ctx_(ctx) {
    auto const& s = ctx.settings();
    std::set<std::string> seen;
    auto add = [&](std::string const& url) {
        if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
            throw sdk::invalid_input("urls: '" + url + "' is not an http:// or https:// URL");
        }
        if (seen.insert(url).second) {
            urls_.push_back(url);
        }
    };
    if (s.has("urls")) {
        for (auto const& u : s.get_list("urls")) {
            add(std::string(trim(u)));
        }
    }
    if (s.has("urls_file")) {
        auto const& path = s.get_string("urls_file");
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            throw sdk::invalid_input("urls_file: cannot read '" + path + "'");
        }
        std::ostringstream text;
        text << in.rdbuf();
        for (auto const& u : parse_url_list(text.str())) {
            add(u);
        }
    }
    if (urls_.empty()) {
        throw sdk::invalid_input("urls / urls_file: at least one URL must be given");
    }
    min_interval_ms_ = s.get_duration("min_interval").count();
    jitter_ms_ = s.get_duration("url_jitter").count();
    backoff_initial_ms_ = s.get_duration("backoff_initial").count();
    backoff_max_ms_ = s.get_duration("backoff_max").count();
    sick_after_ms_ = s.get_duration("sick_after").count();
    max_body_ = s.get_size("max_body_size");
    timeout_ms_ =
        static_cast<std::uint64_t>(std::max<std::int64_t>(0, s.get_duration("timeout").count()));
    auto max_in_flight = s.get_int("max_in_flight");
    per_host_delay_ms_ = s.get_duration("per_host_delay").count();
    allow_private_ = s.get_bool("allow_private_addresses");
    media_type_ = s.has("media_type") ? s.get_string("media_type") : std::string();
    if (min_interval_ms_ < 1000) {
        throw sdk::invalid_input("min_interval: must be at least 1s");
    }
    if (jitter_ms_ < 0 || backoff_initial_ms_ < 1000 || backoff_max_ms_ < backoff_initial_ms_) {
        throw sdk::invalid_input(
            "url_jitter must not be negative, backoff_initial must be at least 1s and backoff_max "
            "at least backoff_initial");
    }
    if (per_host_delay_ms_ < 0) {
        throw sdk::invalid_input("per_host_delay: must not be negative");
    }
    if (max_in_flight < 1) {
        throw sdk::invalid_input("max_in_flight: must be at least 1");
    }
    max_in_flight_ = static_cast<std::size_t>(max_in_flight);
}

std::string http_source::fingerprint() const {
    std::string all;
    for (auto const& u : urls_) {
        all += u;
        all += '\n';
    }
    return fnv1a_hex(all);
}

void http_source::start() {
    stopped_ = false;
    if (!state_.empty()) {
        return;  // restarted: keep what is known
    }
    auto const now = ctx_.now_ms();
    auto const print = fingerprint();
    state_.reserve(urls_.size());
    for (auto const& url : urls_) {
        url_state u;
        u.configured = url;
        u.current = url;
        if (auto moved = ctx_.state_get(moved_key(url))) {
            u.current = *moved;
        }
        if (auto v = ctx_.state_get(validators_key(url))) {
            u.valid = validators::parse(*v);
        }
        if (auto r = ctx_.state_get(retired_key(url))) {
            if (*r == print) {
                u.retired = true;
            } else {
                ctx_.state_erase(retired_key(url));  // the configuration changed: try again
                ctx_.info("retired URL " + url + " is tried again: the configuration changed");
            }
        }
        u.next_due_ms = now + jitter_ms(std::min(jitter_ms_, min_interval_ms_));
        state_.push_back(std::move(u));
    }
    ctx_.gauge("ingest_http_source_urls", "URLs this source polls",
               static_cast<double>(urls_.size()));
    report_sick();
}

void http_source::stop() {
    stopped_ = true;
}

std::int64_t http_source::jitter_ms(std::int64_t max) {
    if (max <= 0) {
        return 0;
    }
    return std::uniform_int_distribution<std::int64_t>(0, max)(rng_);
}

void http_source::poll(sdk::poll_context& poll) {
    while (!ready_.empty()) {
        auto& r = ready_.front();
        if (!poll.emit(r.item)) {
            return;  // the core is full; the next poll tries again
        }
        unacked_[r.item.token] = ready_item{r.url, {}, std::move(r.valid)};
        ready_.pop_front();
    }
    auto const now = ctx_.now_ms();
    for (std::size_t i = 0; i < state_.size() && in_flight_ < max_in_flight_; ++i) {
        auto& u = state_[i];
        if (u.retired || u.in_flight || u.awaiting_ack || u.next_due_ms > now) {
            continue;
        }
        if (per_host_delay_ms_ > 0) {
            auto& free_at = host_free_at_ms_[host_of(u.current)];
            if (free_at > now) {
                u.next_due_ms = free_at;  // held back: due when its host is free again
                continue;
            }
            free_at = now + per_host_delay_ms_;
        }
        fetch(i);
    }
    if (per_host_delay_ms_ > 0) {
        std::erase_if(host_free_at_ms_, [now](auto const& kv) { return kv.second <= now; });
    }
    schedule_next_poll();
}

void http_source::schedule_next_poll() {
    std::optional<std::int64_t> next;
    for (auto const& u : state_) {
        if (!u.retired && !u.in_flight && !u.awaiting_ack) {
            next = next ? std::min(*next, u.next_due_ms) : u.next_due_ms;
        }
    }
    if (next && in_flight_ < max_in_flight_) {
        ctx_.schedule_poll(
            static_cast<std::uint64_t>(std::max<std::int64_t>(0, *next - ctx_.now_ms())));
    }
}

void http_source::fetch(std::size_t index) {
    auto& u = state_[index];
    sdk::http_request req;
    req.url = u.current;
    req.headers.emplace_back("Accept",
                             "application/rss+xml, application/atom+xml, application/feed+json, "
                             "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8");
    if (!u.valid.etag.empty()) {
        req.headers.emplace_back("If-None-Match", u.valid.etag);
    }
    if (!u.valid.last_modified.empty()) {
        req.headers.emplace_back("If-Modified-Since", u.valid.last_modified);
    }
    if (allow_private_) {
        req.headers.emplace_back(std::string(allow_private_header), "1");
    }
    req.max_body_bytes = max_body_;
    req.timeout_ms = timeout_ms_;
    u.in_flight = true;
    ++in_flight_;
    try {
        ctx_.http(req, [this, index](sdk::http_response r) { on_response(index, r); });
    } catch (sdk::retry_later const& e) {
        u.in_flight = false;
        --in_flight_;
        on_failure(u, e.what(), std::nullopt);
    }
}

void http_source::on_response(std::size_t index, sdk::http_response const& r) {
    auto& u = state_[index];
    u.in_flight = false;
    --in_flight_;
    ctx_.count("ingest_http_source_requests_total", "HTTP requests by outcome",
               {{"status", r.ok ? std::to_string(r.status) : "error"}});
    if (!r.ok) {
        if (stopped_ || ctx_.stop_requested()) {
            return;  // shutting down: nothing to learn from it
        }
        on_failure(u, r.error.empty() ? std::string("transport error") : r.error, std::nullopt);
    } else if (r.status == 304 || (r.status >= 200 && r.status < 300)) {
        on_success(u, r, index);
    } else if (r.status == 410) {
        retire(u, r.status);
    } else if (r.status == 429 || r.status == 503) {
        std::optional<std::int64_t> wait;
        if (auto ra = r.header("Retry-After")) {
            wait = parse_retry_after_ms(*ra, ctx_.now_ms());
        }
        on_failure(u, "HTTP " + std::to_string(r.status), wait);
    } else {
        on_failure(u, "HTTP " + std::to_string(r.status), std::nullopt);
    }
    if (!stopped_) {
        schedule_next_poll();
    }
}

void http_source::note_redirects(url_state& u, sdk::http_response const& r) {
    std::vector<int> hops;
    for (auto const& [k, v] : r.headers) {
        if (k == redirect_header) {
            hops.push_back(std::atoi(v.c_str()));
        }
    }
    bool permanent = !hops.empty() && std::all_of(hops.begin(), hops.end(),
                                                  [](int s) { return s == 301 || s == 308; });
    if (!permanent || r.url.empty() || r.url == u.current) {
        u.move_candidate.clear();
        u.move_confirmations = 0;
        return;
    }
    if (u.move_candidate == r.url) {
        ++u.move_confirmations;
    } else {
        u.move_candidate = r.url;
        u.move_confirmations = 1;
    }
    if (u.move_confirmations >= 2) {
        ctx_.info("URL " + u.current + " moved permanently to " + r.url +
                  " (confirmed twice); polling the new URL from now on");
        ctx_.state_put(moved_key(u.configured), r.url);
        ctx_.count("ingest_http_source_moved_total", "URLs moved by a confirmed 301/308");
        u.current = r.url;
        u.move_candidate.clear();
        u.move_confirmations = 0;
    }
}

void http_source::on_success(url_state& u, sdk::http_response const& r, std::size_t index) {
    auto const now = ctx_.now_ms();
    if (u.failing_since_ms != 0 || u.sick) {
        ctx_.info("URL " + u.current + " recovered after " + std::to_string(u.failures) +
                  " failure(s)");
    }
    bool const was_sick = u.sick;
    u.failures = 0;
    u.failing_since_ms = 0;
    u.sick = false;
    if (was_sick) {
        report_sick();
    }
    u.next_due_ms = now + min_interval_ms_ + jitter_ms(jitter_ms_);
    note_redirects(u, r);
    if (r.status == 304) {
        return;  // unchanged: nothing to decode
    }
    validators v;
    v.etag = r.header("ETag").value_or("");
    v.last_modified = r.header("Last-Modified").value_or("");
    v.body_hash = fnv1a_hex(r.body);
    if (!u.valid.body_hash.empty() && v.body_hash == u.valid.body_hash) {
        // The server ignored the validators but nothing changed: remember its new
        // validators, emit nothing.
        if (v.etag != u.valid.etag || v.last_modified != u.valid.last_modified) {
            u.valid = v;
            ctx_.state_put(validators_key(u.configured), v.serialize());
        }
        return;
    }
    auto content_type = r.header("Content-Type").value_or("");
    sdk::item it;
    it.token = next_token_++;
    it.payload = r.body;
    it.media_type = media_type_.empty() ? media_type_of(content_type) : media_type_;
    it.origin_uri = r.url.empty() ? u.current : r.url;
    it.metadata["content_type"] = content_type;
    it.metadata["etag"] = v.etag;
    it.metadata["last_modified"] = v.last_modified;
    it.metadata["status"] = std::to_string(r.status);
    it.metadata["url"] = u.configured;
    u.awaiting_ack = true;
    ready_.push_back(ready_item{index, std::move(it), std::move(v)});
    ctx_.schedule_poll(0);
}

void http_source::on_failure(url_state& u, std::string const& why,
                             std::optional<std::int64_t> retry_ms) {
    auto const now = ctx_.now_ms();
    ++u.failures;
    if (u.failing_since_ms == 0) {
        u.failing_since_ms = now;
    }
    std::int64_t delay = 0;
    if (retry_ms) {
        delay = std::max(*retry_ms, min_interval_ms_);
    } else {
        // Exponential, capped, with "equal jitter": between half and all of the step.
        std::int64_t step = backoff_initial_ms_;
        for (std::uint32_t i = 1; i < u.failures && step < backoff_max_ms_; ++i) {
            step *= 2;
        }
        step = std::min(step, backoff_max_ms_);
        delay = step / 2 + jitter_ms(step / 2);
    }
    u.next_due_ms = now + delay;
    ctx_.count("ingest_http_source_failures_total", "Failed polls of a URL");
    if (u.failures == 1) {
        ctx_.warn("URL " + u.current + ": " + why + "; retrying in " + std::to_string(delay) +
                  " ms");
    } else {
        ctx_.debug("URL " + u.current + ": " + why + " (failure " + std::to_string(u.failures) +
                   "); retrying in " + std::to_string(delay) + " ms");
    }
    if (!u.sick && now - u.failing_since_ms >= sick_after_ms_) {
        u.sick = true;
        ctx_.warn("URL " + u.current + " is sick: failing for " +
                  std::to_string((now - u.failing_since_ms) / 1000) + " s (last error: " + why +
                  ")");
        report_sick();
    }
}

void http_source::retire(url_state& u, int status) {
    u.retired = true;
    ctx_.state_put(retired_key(u.configured), fingerprint());
    ctx_.warn("URL " + u.current + " answered " + std::to_string(status) +
              " Gone: retired until the configuration changes");
    ctx_.count("ingest_http_source_retired_total", "URLs retired after 410 Gone");
    std::size_t retired = 0;
    for (auto const& s : state_) {
        retired += s.retired ? 1 : 0;
    }
    ctx_.gauge("ingest_http_source_retired_urls", "URLs retired after 410 Gone",
               static_cast<double>(retired));
}

void http_source::report_sick() {
    std::size_t sick = 0;
    for (auto const& s : state_) {
        sick += s.sick ? 1 : 0;
    }
    ctx_.gauge("ingest_http_source_sick_urls", "URLs failing for longer than sick_after",
               static_cast<double>(sick));
}

void http_source::on_ack(sdk::ack const& ack) {
    auto it = unacked_.find(ack.token);
    if (it == unacked_.end()) {
        return;
    }
    auto& u = state_[it->second.url];
    u.awaiting_ack = false;
    if (ack.outcome == sdk::ack_outcome::done) {
        u.valid = std::move(it->second.valid);
        ctx_.state_put(validators_key(u.configured), u.valid.serialize());
    } else {
        ctx_.debug("URL " + u.current + ": item not committed (" + std::string(ack.detail) +
                   "); validators kept, the next poll fetches it in full");
    }
    unacked_.erase(it);
}

}  // namespace ingest::plugins::http
