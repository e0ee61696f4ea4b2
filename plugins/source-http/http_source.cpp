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

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::optional<std::int64_t> parse_count(std::string_view text) {
    text = trim(text);
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return std::nullopt;
    }
    return std::stoll(std::string(text));
}

/// The text of the first opening element named `name` (any_prefix: also `prefix:name`, as
/// in <sy:updatePeriod>), up to the next '<'; nullopt when there is none.
std::optional<std::string_view> element_text(std::string_view doc, std::string_view name,
                                             bool any_prefix) {
    std::size_t pos = 0;
    while ((pos = doc.find('<', pos)) != std::string_view::npos) {
        ++pos;
        auto end = doc.find_first_of(" \t\r\n/>", pos);
        if (end == std::string_view::npos) {
            return std::nullopt;
        }
        auto tag = doc.substr(pos, end - pos);
        bool match = tag == name;
        if (!match && any_prefix && tag.size() > name.size() &&
            tag.substr(tag.size() - name.size()) == name &&
            tag[tag.size() - name.size() - 1] == ':') {
            match = true;
        }
        if (!match) {
            continue;
        }
        auto close = doc.find('>', end);
        if (close == std::string_view::npos || doc[close - 1] == '/') {
            continue;  // unterminated or empty element
        }
        auto text_end = doc.find('<', close + 1);
        if (text_end == std::string_view::npos) {
            return std::nullopt;
        }
        return trim(doc.substr(close + 1, text_end - close - 1));
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> feed_hint_ms(std::string_view body,
                                         std::optional<std::string> const& cache_control) {
    std::optional<std::int64_t> best;
    auto take = [&best](std::int64_t ms) {
        if (ms > 0) {
            best = best ? std::max(*best, ms) : ms;
        }
    };
    if (cache_control) {
        bool uncacheable = false;
        std::optional<std::int64_t> max_age;
        std::string_view cc = *cache_control;
        std::size_t pos = 0;
        while (pos <= cc.size()) {
            auto comma = cc.find(',', pos);
            auto directive =
                trim(cc.substr(pos, comma == std::string_view::npos ? cc.npos : comma - pos));
            auto eq = directive.find('=');
            auto name = trim(directive.substr(0, eq));
            if (iequals(name, "no-store") || iequals(name, "no-cache") ||
                iequals(name, "private")) {
                uncacheable = true;
            } else if (iequals(name, "max-age") && eq != std::string_view::npos) {
                auto value = trim(directive.substr(eq + 1));
                if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                    value = value.substr(1, value.size() - 2);
                }
                max_age = parse_count(value);
            }
            if (comma == std::string_view::npos) {
                break;
            }
            pos = comma + 1;
        }
        if (!uncacheable && max_age) {
            take(*max_age * 1000);
        }
    }
    auto head = body.substr(0, 64 * 1024);
    // Only the channel's own elements: stop before the first item or entry.
    for (auto marker : {"<item", "<entry"}) {
        if (auto at = head.find(marker); at != std::string_view::npos) {
            head = head.substr(0, at);
        }
    }
    if (auto ttl = element_text(head, "ttl", false)) {
        if (auto minutes = parse_count(*ttl)) {
            take(*minutes * 60'000);
        }
    }
    if (auto period = element_text(head, "updatePeriod", true)) {
        std::int64_t period_ms = 0;
        auto p = std::string(*period);
        std::transform(p.begin(), p.end(), p.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (p == "hourly") {
            period_ms = 3'600'000;
        } else if (p == "daily") {
            period_ms = 86'400'000;
        } else if (p == "weekly") {
            period_ms = 7 * 86'400'000LL;
        } else if (p == "monthly") {
            period_ms = 30 * 86'400'000LL;
        } else if (p == "yearly") {
            period_ms = 365 * 86'400'000LL;
        }
        std::int64_t frequency = 1;
        if (auto f = element_text(head, "updateFrequency", true)) {
            if (auto n = parse_count(*f); n && *n > 0) {
                frequency = *n;
            }
        }
        take(period_ms / frequency);
    }
    return best;
}

std::string base64(std::string_view data) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        auto n = (static_cast<unsigned char>(data[i]) << 16) |
                 (static_cast<unsigned char>(data[i + 1]) << 8) |
                 static_cast<unsigned char>(data[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (auto rest = data.size() - i; rest > 0) {
        auto n = static_cast<unsigned char>(data[i]) << 16;
        if (rest == 2) {
            n |= static_cast<unsigned char>(data[i + 1]) << 8;
        }
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += rest == 2 ? alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::pair<std::string, std::string> parse_header_setting(std::string_view line) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) {
        throw sdk::invalid_input("headers: '" + std::string(line) +
                                 "' is not of the form 'Name: value'");
    }
    auto name = trim(line.substr(0, colon));
    auto value = trim(line.substr(colon + 1));
    auto token_char = [](unsigned char c) {
        return std::isalnum(c) != 0 ||
               std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) !=
                   std::string_view::npos;
    };
    if (name.empty() || !std::all_of(name.begin(), name.end(), token_char)) {
        throw sdk::invalid_input("headers: '" + std::string(name) + "' is not a valid header name");
    }
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
        throw sdk::invalid_input("headers: the value of '" + std::string(name) +
                                 "' contains a line break or NUL");
    }
    for (auto reserved : {"If-None-Match", "If-Modified-Since", "Host", "Content-Length",
                          "Transfer-Encoding", "Authorization"}) {
        if (iequals(name, reserved)) {
            throw sdk::invalid_input(
                "headers: '" + std::string(name) +
                "' is set by the source itself (use auth_* for Authorization)");
        }
    }
    if (name.size() >= 9 && iequals(name.substr(0, 9), "X-Ingest-")) {
        throw sdk::invalid_input("headers: '" + std::string(name) +
                                 "': X-Ingest-* headers are reserved for the daemon");
    }
    return {std::string(name), std::string(value)};
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
    max_interval_ms_ = s.get_duration("max_interval").count();
    if (max_interval_ms_ < min_interval_ms_) {
        throw sdk::invalid_input("max_interval: must be at least min_interval");
    }
    feed_hints_ = s.get_bool("feed_hints");
    if (s.has("headers")) {
        for (auto const& h : s.get_list("headers")) {
            extra_headers_.push_back(parse_header_setting(h));
        }
    }
    bool const basic = s.has("auth_basic_user") || s.has("auth_basic_password");
    bool const bearer = s.has("auth_bearer_token");
    if (basic && bearer) {
        throw sdk::invalid_input(
            "auth_basic_user / auth_bearer_token: choose basic or bearer authentication");
    }
    if (basic) {
        if (!s.has("auth_basic_user")) {
            throw sdk::invalid_input("auth_basic_password: auth_basic_user is required too");
        }
        auto const& user = s.get_string("auth_basic_user");
        if (user.find(':') != std::string::npos) {
            throw sdk::invalid_input("auth_basic_user: must not contain ':'");
        }
        auto password =
            s.has("auth_basic_password") ? s.get_string("auth_basic_password") : std::string();
        extra_headers_.emplace_back("Authorization", "Basic " + base64(user + ":" + password));
    }
    if (bearer) {
        auto const& token = s.get_string("auth_bearer_token");
        if (token.empty() ||
            token.find_first_of(std::string_view("\r\n\0 ", 4)) != std::string::npos) {
            throw sdk::invalid_input(
                "auth_bearer_token: must be one non-empty token without spaces or line breaks");
        }
        extra_headers_.emplace_back("Authorization", "Bearer " + token);
    }
    if (s.has("proxy")) {
        proxy_ = s.get_string("proxy");
        auto scheme_end = proxy_.find("://");
        auto scheme =
            scheme_end == std::string::npos ? std::string() : proxy_.substr(0, scheme_end);
        if (scheme != "http" && scheme != "https" && scheme != "socks5" && scheme != "socks5h") {
            // The value may hold credentials: never repeat it.
            throw sdk::invalid_input(
                "proxy: must be an http://, https://, socks5:// or socks5h:// URL");
        }
    }
}

std::int64_t http_source::interval_ms(url_state const& u) const {
    if (!feed_hints_ || u.hint_ms <= min_interval_ms_) {
        return min_interval_ms_;
    }
    return std::min(u.hint_ms, max_interval_ms_);
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
    once_ = ctx_.run_once();
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
        u.next_due_ms = once_ ? now : now + jitter_ms(std::min(jitter_ms_, min_interval_ms_));
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
        if (u.retired || u.in_flight || u.awaiting_ack || u.tried || u.next_due_ms > now) {
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
        if (!u.retired && !u.in_flight && !u.awaiting_ack && !u.tried) {
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
    for (auto const& h : extra_headers_) {
        req.headers.push_back(h);
    }
    if (allow_private_) {
        req.headers.emplace_back(std::string(allow_private_header), "1");
    }
    if (!proxy_.empty()) {
        req.headers.emplace_back(std::string(proxy_header), proxy_);
    }
    req.max_body_bytes = max_body_;
    req.timeout_ms = timeout_ms_;
    u.in_flight = true;
    u.tried = once_;
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
    note_redirects(u, r);
    if (r.status == 304) {
        // Unchanged: nothing to decode. A 304 may carry a fresh Cache-Control; the body's
        // own hints are those of the last full response.
        if (auto cc = r.header("Cache-Control")) {
            if (auto h = feed_hint_ms({}, cc)) {
                u.hint_ms = std::max(u.hint_ms, *h);
            }
        }
        u.next_due_ms = now + interval_ms(u) + jitter_ms(jitter_ms_);
        return;
    }
    auto const previous_interval = interval_ms(u);
    u.hint_ms = feed_hint_ms(r.body, r.header("Cache-Control")).value_or(0);
    auto const interval = interval_ms(u);
    if (interval != previous_interval && interval != min_interval_ms_) {
        ctx_.debug("URL " + u.current + " asks to be polled every " +
                   std::to_string(interval / 1000) + " s (feed hints)");
    }
    u.next_due_ms = now + interval + jitter_ms(jitter_ms_);
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
    if (once_) {
        ctx_.warn("URL " + u.current + ": " + why +
                  " (not retried: a once run tries each URL once)");
        return;
    }
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
