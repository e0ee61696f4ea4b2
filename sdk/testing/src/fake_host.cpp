#include <ingest/sdk/testing/fake_host.hpp>

#include <ingest/sdk/testing/harness.hpp>

#include "plugin_host/plugin_host.hpp"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <sstream>

namespace ingest::sdk::testing {

namespace {

/// 2020-05-26T08:00:00Z: a fixed, recognizable default for the fake clock.
constexpr std::int64_t default_now_ms = 1590480000000;
constexpr std::size_t error_capacity = 4096;

std::string str(ingest_str s) {
    return s.data == nullptr ? std::string() : std::string(s.data, s.size);
}

char const* level_name(sdk::log_level level) {
    switch (level) {
        case sdk::log_level::trace:
            return "trace";
        case sdk::log_level::debug:
            return "debug";
        case sdk::log_level::info:
            return "info";
        case sdk::log_level::warn:
            return "warn";
        case sdk::log_level::error:
            return "error";
    }
    return "level?";
}

std::vector<std::pair<std::string, std::string>> sorted(
    std::vector<std::pair<std::string, std::string>> labels) {
    std::sort(labels.begin(), labels.end());
    return labels;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

/// Parses all of s as a non-negative decimal integer.
std::optional<std::int64_t> parse_unsigned(std::string_view s) {
    if (s.empty() || s.front() < '0' || s.front() > '9') {
        return std::nullopt;
    }
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b) {
    if (a != 0 && b > std::numeric_limits<std::int64_t>::max() / a) {
        return std::nullopt;
    }
    return a * b;
}

bool string_like(ingest_setting_type t) {
    return t == INGEST_SETTING_STRING || t == INGEST_SETTING_SECRET || t == INGEST_SETTING_URL ||
           t == INGEST_SETTING_PATH;
}

}  // namespace

// ------------------------------------------------------------------------------ status --

std::string rc_name(ingest_rc rc) {
    switch (rc) {
        case INGEST_OK:
            return "INGEST_OK";
        case INGEST_ERROR:
            return "INGEST_ERROR";
        case INGEST_INVALID_INPUT:
            return "INGEST_INVALID_INPUT";
        case INGEST_RETRY:
            return "INGEST_RETRY";
        case INGEST_UNSUPPORTED:
            return "INGEST_UNSUPPORTED";
        case INGEST_STOPPED:
            return "INGEST_STOPPED";
    }
    return "ingest_rc(" + std::to_string(static_cast<int>(rc)) + ")";
}

std::ostream& operator<<(std::ostream& os, call_status const& status) {
    os << rc_name(status.rc);
    if (!status.message.empty()) {
        os << ": " << status.message;
    }
    return os;
}

http_reply http_reply::ok(std::string body,
                          std::vector<std::pair<std::string, std::string>> headers) {
    http_reply r;
    r.status = 200;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

http_reply http_reply::with_status(int status,
                                   std::vector<std::pair<std::string, std::string>> headers) {
    http_reply r;
    r.status = status;
    r.headers = std::move(headers);
    return r;
}

http_reply http_reply::failure(std::string transport_error) {
    http_reply r;
    r.status = 0;
    r.transport_error = std::move(transport_error);
    return r;
}

// -------------------------------------------------------------------- configuration syntax --

std::optional<std::int64_t> parse_int_setting(std::string_view text) {
    text = trim(text);
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    auto v = parse_unsigned(text);
    if (!v) {
        return std::nullopt;
    }
    return negative ? -*v : *v;
}

std::optional<bool> parse_bool_setting(std::string_view text) {
    text = trim(text);
    if (text == "true") {
        return true;
    }
    if (text == "false") {
        return false;
    }
    return std::nullopt;
}

std::optional<std::int64_t> parse_duration_setting(std::string_view text) {
    text = trim(text);
    if (text == "0") {
        return 0;
    }
    if (text.empty()) {
        return std::nullopt;
    }
    std::int64_t total = 0;
    while (!text.empty()) {
        std::size_t n = 0;
        while (n < text.size() && text[n] >= '0' && text[n] <= '9') {
            ++n;
        }
        auto number = parse_unsigned(text.substr(0, n));
        if (!number) {
            return std::nullopt;
        }
        text.remove_prefix(n);
        std::size_t u = 0;
        while (u < text.size() && text[u] >= 'a' && text[u] <= 'z') {
            ++u;
        }
        std::string_view const unit = text.substr(0, u);
        text.remove_prefix(u);
        std::int64_t scale = 0;
        if (unit == "ms") {
            scale = 1;
        } else if (unit == "s") {
            scale = 1000;
        } else if (unit == "m") {
            scale = 60 * 1000;
        } else if (unit == "h") {
            scale = 3600 * 1000;
        } else if (unit == "d") {
            scale = 24 * 3600 * 1000;
        } else {
            return std::nullopt;
        }
        auto part = checked_mul(*number, scale);
        if (!part || *part > std::numeric_limits<std::int64_t>::max() - total) {
            return std::nullopt;
        }
        total += *part;
    }
    return total;
}

std::optional<std::int64_t> parse_size_setting(std::string_view text) {
    text = trim(text);
    std::size_t n = 0;
    while (n < text.size() && text[n] >= '0' && text[n] <= '9') {
        ++n;
    }
    auto number = parse_unsigned(text.substr(0, n));
    if (!number) {
        return std::nullopt;
    }
    std::string_view unit = text.substr(n);
    if (!unit.empty() && unit.front() == ' ') {
        unit.remove_prefix(1);
    }
    static constexpr std::pair<std::string_view, std::int64_t> units[] = {
        {"", 1},
        {"B", 1},
        {"KB", 1000},
        {"MB", 1000 * 1000},
        {"GB", 1000 * 1000 * 1000},
        {"TB", 1000LL * 1000 * 1000 * 1000},
        {"KiB", 1024},
        {"MiB", 1024 * 1024},
        {"GiB", 1024 * 1024 * 1024},
        {"TiB", 1024LL * 1024 * 1024 * 1024},
    };
    for (auto const& [name, scale] : units) {
        if (unit == name) {
            return checked_mul(*number, scale);
        }
    }
    return std::nullopt;
}

std::vector<std::string> parse_list_setting(std::string_view text) {
    std::vector<std::string> out;
    if (trim(text).empty()) {
        return out;
    }
    while (true) {
        auto const comma = text.find(',');
        out.emplace_back(trim(text.substr(0, comma)));
        if (comma == std::string_view::npos) {
            break;
        }
        text.remove_prefix(comma + 1);
    }
    return out;
}

// -------------------------------------------------------------------- settings_builder --

settings_builder& settings_builder::put(std::string name, given g) {
    for (auto& [n, v] : values_) {
        if (n == name) {
            v = std::move(g);
            return *this;
        }
    }
    values_.emplace_back(std::move(name), std::move(g));
    return *this;
}

settings_builder& settings_builder::set(std::string name, std::string text) {
    given g;
    g.how = form::text;
    g.text = std::move(text);
    return put(std::move(name), std::move(g));
}

settings_builder& settings_builder::set(std::string name, char const* text) {
    return set(std::move(name), std::string(text == nullptr ? "" : text));
}

settings_builder& settings_builder::set_int(std::string name, std::int64_t value) {
    given g;
    g.how = form::integer;
    g.integer = value;
    return put(std::move(name), std::move(g));
}

settings_builder& settings_builder::set_bool(std::string name, bool value) {
    given g;
    g.how = form::boolean;
    g.integer = value ? 1 : 0;
    return put(std::move(name), std::move(g));
}

settings_builder& settings_builder::set_duration(std::string name,
                                                 std::chrono::milliseconds value) {
    given g;
    g.how = form::duration;
    g.integer = static_cast<std::int64_t>(value.count());
    return put(std::move(name), std::move(g));
}

settings_builder& settings_builder::set_size(std::string name, std::uint64_t bytes) {
    given g;
    g.how = form::size;
    g.integer = static_cast<std::int64_t>(bytes);
    return put(std::move(name), std::move(g));
}

settings_builder& settings_builder::set_list(std::string name, std::vector<std::string> items) {
    given g;
    g.how = form::list;
    g.list = std::move(items);
    return put(std::move(name), std::move(g));
}

// ------------------------------------------------------------------------------- impl --

struct fake_host::impl {
    struct batch_slot {
        impl* host = nullptr;
        std::size_t expected = 0;
        bool returned = false;
        ingest_rc rc = INGEST_OK;
        std::string message;
        int completions = 0;
        std::vector<delivery> results;
    };

    struct held_exchange {
        ingest_http_callback done = nullptr;
        void* user = nullptr;
        std::string url;
        http_reply reply;
    };

    struct release_collector {
        impl* host = nullptr;
        std::vector<release> out;
        std::optional<ingest_rc> refused;  // what the callback answered when it said stop
    };

    // Set at construction, then read-only.
    ingest_plugin_descriptor const* descriptor = nullptr;
    std::string instance_id;
    std::shared_ptr<void> keep_alive;
    std::string no_descriptor_reason;
    ingest_host table{};

    // The instance (touched only by the test's thread).
    void* instance = nullptr;
    bool started = false;
    std::deque<std::string> setting_strings;  // storage behind the ingest_setting_values
    std::deque<std::vector<ingest_str>> setting_lists;
    std::vector<ingest_setting_value> setting_values;

    // Recordings; guarded by mutex.
    mutable std::mutex mutex;
    std::condition_variable cv;
    std::vector<log_line> logs;
    std::vector<metric_event> metrics;
    std::map<std::string, std::string, std::less<>> state;
    std::vector<state_write> writes;
    bool fail_writes = false;
    std::vector<emitted_item> items;
    std::vector<std::uint64_t> unacked;
    std::optional<std::size_t> emit_capacity;
    bool in_poll = false;
    bool stopped = false;  // stop() returned: no emit/http/schedule_poll any more
    std::vector<std::uint64_t> polls;
    std::optional<std::size_t> out_limit;
    ingest_rc out_limit_rc = INGEST_RETRY;
    std::vector<release> last_out;
    std::map<std::string, std::deque<http_reply>, std::less<>> scripts;
    bool http_immediate = false;
    std::deque<held_exchange> held;
    std::vector<sent_request> requests;
    std::int64_t now = default_now_ms;
    bool stop_flag = false;
    std::vector<std::string> violations;
    std::vector<std::unique_ptr<batch_slot>> batches;  // kept: late completions stay valid
    std::chrono::milliseconds batch_timeout{10000};

    static impl& self(void* ctx) { return *static_cast<impl*>(ctx); }

    /// Calls into the plugin. An exception that escapes (a hand-written entry point that
    /// throws) becomes INGEST_ERROR and a violation instead of unwinding into the test.
    template <class F>
    ingest_rc call(char const* what, ingest_error* err, F&& f) {
        try {
            return f();
        } catch (std::exception const& e) {
            escaped(what, e.what(), err);
        } catch (...) {
            escaped(what, "a non-standard exception", err);
        }
        return INGEST_ERROR;
    }

    void escaped(char const* what, std::string const& text, ingest_error* err) {
        std::string const m = std::string("an exception escaped ") + what + "(): " + text;
        {
            std::lock_guard<std::mutex> lock(mutex);
            violation(m);
        }
        ingest_error_set(err, m.data(), m.size());
    }

    void violation(std::string what) {  // mutex held by the caller
        violations.push_back(std::move(what));
    }

    // ---------------------------------------------------------- the ingest_host table --

    static void host_log(void* ctx, ingest_log_level level, ingest_str message) {
        auto& h = self(ctx);
        std::lock_guard<std::mutex> lock(h.mutex);
        h.logs.push_back({static_cast<sdk::log_level>(level), str(message)});
    }

    static void host_metric(void* ctx, ingest_metric_kind kind, ingest_str name, ingest_str help,
                            ingest_kv const* labels, std::size_t labels_count, double value) {
        auto& h = self(ctx);
        metric_event e;
        e.kind = kind;
        e.name = str(name);
        e.help = str(help);
        for (std::size_t i = 0; i < labels_count; ++i) {
            e.labels.emplace_back(str(labels[i].key), str(labels[i].value));
        }
        e.value = value;
        std::lock_guard<std::mutex> lock(h.mutex);
        if (e.name.empty()) {
            h.violation("metric() called with an empty name");
        }
        h.metrics.push_back(std::move(e));
    }

    static ingest_rc host_state_get(void* ctx, ingest_str key,
                                    void (*found)(void* user, ingest_str value), void* user) {
        auto& h = self(ctx);
        std::optional<std::string> value;
        {
            std::lock_guard<std::mutex> lock(h.mutex);
            auto it = h.state.find(to_view(key));
            if (it != h.state.end()) {
                value = it->second;
            }
        }
        if (value && found != nullptr) {
            found(user, ingest_str{value->data(), value->size()});
        }
        return INGEST_OK;
    }

    static ingest_rc host_state_put(void* ctx, ingest_str key, ingest_str value) {
        auto& h = self(ctx);
        std::lock_guard<std::mutex> lock(h.mutex);
        if (h.fail_writes) {
            return INGEST_ERROR;
        }
        h.state[str(key)] = str(value);
        h.writes.push_back({str(key), str(value)});
        return INGEST_OK;
    }

    static ingest_rc host_state_erase(void* ctx, ingest_str key) {
        auto& h = self(ctx);
        std::lock_guard<std::mutex> lock(h.mutex);
        if (h.fail_writes) {
            return INGEST_ERROR;
        }
        auto it = h.state.find(to_view(key));
        if (it != h.state.end()) {
            h.state.erase(it);
        }
        h.writes.push_back({str(key), std::nullopt});
        return INGEST_OK;
    }

    static ingest_rc host_http_request(void* ctx, ingest_http_request const* request,
                                       ingest_http_callback done, void* user) {
        auto& h = self(ctx);
        held_exchange x;
        {
            std::lock_guard<std::mutex> lock(h.mutex);
            if (request == nullptr || done == nullptr) {
                h.violation("http_request() called without a request or a callback");
                return INGEST_INVALID_INPUT;
            }
            if (h.stopped) {
                h.violation("http_request() called after stop() returned");
            }
            sent_request r;
            r.method = request->method.size == 0 ? "GET" : str(request->method);
            r.url = str(request->url);
            for (std::size_t i = 0; i < request->headers_count; ++i) {
                r.headers.emplace_back(str(request->headers[i].key),
                                       str(request->headers[i].value));
            }
            r.body = str(request->body);
            r.max_body_bytes = request->max_body_bytes;
            r.timeout_ms = request->timeout_ms;
            x.done = done;
            x.user = user;
            x.url = r.url;
            auto it = h.scripts.find(r.url);
            if (it == h.scripts.end() || it->second.empty()) {
                x.reply = http_reply::failure("fake_host: no scripted reply for " + r.url);
            } else {
                x.reply = it->second.front();
                if (it->second.size() > 1) {
                    it->second.pop_front();
                }
            }
            h.requests.push_back(std::move(r));
            if (!h.http_immediate) {
                h.held.push_back(std::move(x));
                return INGEST_OK;
            }
        }
        deliver(x, INGEST_OK, {});
        return INGEST_OK;
    }

    /// Calls done() of one exchange with its reply (or with rc and error when rc != OK).
    static void deliver(held_exchange const& x, ingest_rc rc, std::string const& error) {
        std::vector<ingest_kv> headers;
        for (auto const& [k, v] : x.reply.headers) {
            headers.push_back({to_abi(k), to_abi(v)});
        }
        std::string const effective = x.reply.effective_url.empty() ? x.url : x.reply.effective_url;
        std::string const err = rc != INGEST_OK ? error : x.reply.transport_error.value_or("");
        ingest_http_response resp{};
        resp.struct_size = sizeof resp;
        resp.rc = rc != INGEST_OK ? rc : (x.reply.transport_error ? INGEST_ERROR : INGEST_OK);
        resp.error = to_abi(err);
        resp.status = resp.rc == INGEST_OK ? x.reply.status : 0;
        resp.url = to_abi(effective);
        if (resp.rc == INGEST_OK) {
            resp.headers = headers.data();
            resp.headers_count = headers.size();
            resp.body = to_abi(x.reply.body);
        }
        x.done(x.user, &resp);
    }

    static ingest_rc host_emit(void* ctx, ingest_item const* item) {
        auto& h = self(ctx);
        std::lock_guard<std::mutex> lock(h.mutex);
        if (item == nullptr) {
            h.violation("emit() called with a NULL item");
            return INGEST_INVALID_INPUT;
        }
        if (!h.in_poll) {
            h.violation("emit() called outside poll()");
            return INGEST_ERROR;
        }
        if (item->struct_size < sizeof(ingest_item)) {
            h.violation("emit() with an ingest_item of struct_size " +
                        std::to_string(item->struct_size) + " < " +
                        std::to_string(sizeof(ingest_item)));
            return INGEST_INVALID_INPUT;
        }
        if (h.emit_capacity) {
            if (*h.emit_capacity == 0) {
                return INGEST_RETRY;
            }
            --*h.emit_capacity;
        }
        if (std::find(h.unacked.begin(), h.unacked.end(), item->token) != h.unacked.end()) {
            h.violation("emit() of token " + std::to_string(item->token) +
                        " while an item with that token is still unacknowledged");
        }
        emitted_item copy;
        copy.token = item->token;
        copy.payload = str(item->payload);
        copy.media_type = str(item->media_type);
        copy.origin_uri = str(item->origin_uri);
        copy.file_name = str(item->file_name);
        for (std::size_t i = 0; i < item->metadata_count; ++i) {
            copy.metadata[str(item->metadata[i].key)] = str(item->metadata[i].value);
        }
        if (item->release != nullptr) {
            if (item->release->struct_size < sizeof(ingest_release)) {
                h.violation("emit() of a release with struct_size " +
                            std::to_string(item->release->struct_size));
                return INGEST_INVALID_INPUT;
            }
            copy.record.emplace(*item->release);
        }
        h.items.push_back(std::move(copy));
        h.unacked.push_back(item->token);
        return INGEST_OK;
    }

    static void host_schedule_poll(void* ctx, std::uint64_t delay_ms) {
        auto& h = self(ctx);
        std::lock_guard<std::mutex> lock(h.mutex);
        if (h.stopped) {
            h.violation("schedule_poll() called after stop() returned");
        }
        h.polls.push_back(delay_ms);
    }

    static std::int32_t host_stop_requested(void* ctx) {
        auto& h = self(ctx);
        std::lock_guard<std::mutex> lock(h.mutex);
        return h.stop_flag ? 1 : 0;
    }

    static std::int64_t host_now_ms(void* ctx) {
        auto& h = self(ctx);
        std::lock_guard<std::mutex> lock(h.mutex);
        return h.now;
    }

    // ------------------------------------------------------------- release callbacks --

    static ingest_rc collect_release(void* user, ingest_release const* r) {
        auto& c = *static_cast<release_collector*>(user);
        auto& h = *c.host;
        std::lock_guard<std::mutex> lock(h.mutex);
        if (c.refused) {
            h.violation("the release callback was called again after it answered " +
                        rc_name(*c.refused));
            return *c.refused;
        }
        if (r == nullptr) {
            h.violation("the release callback was called with NULL");
            return INGEST_INVALID_INPUT;
        }
        if (r->struct_size < sizeof(ingest_release)) {
            h.violation("a release with struct_size " + std::to_string(r->struct_size) + " < " +
                        std::to_string(sizeof(ingest_release)));
            return INGEST_INVALID_INPUT;
        }
        if (h.out_limit && c.out.size() >= *h.out_limit) {
            c.refused = h.out_limit_rc;
            return h.out_limit_rc;
        }
        c.out.emplace_back(*r);
        return INGEST_OK;
    }

    // ----------------------------------------------------------------- batch callback --

    static void batch_done(void* user, ingest_delivery_result const* results, std::size_t count) {
        auto& slot = *static_cast<batch_slot*>(user);
        auto& h = *slot.host;
        std::lock_guard<std::mutex> lock(h.mutex);
        ++slot.completions;
        if (slot.completions > 1) {
            h.violation("a batch was completed " + std::to_string(slot.completions) +
                        " times (write_batch's done() must be called exactly once)");
        }
        if (slot.returned && slot.rc != INGEST_OK) {
            h.violation("a batch was completed although write_batch() returned " +
                        rc_name(slot.rc));
        }
        if (count != slot.expected) {
            h.violation("a batch of " + std::to_string(slot.expected) + " records completed with " +
                        std::to_string(count) + " results");
        }
        if (count > 0 && results == nullptr) {
            h.violation("a batch completed with a NULL results pointer");
            count = 0;
        }
        if (slot.completions == 1) {
            for (std::size_t i = 0; i < count; ++i) {
                slot.results.push_back(
                    {results[i].status, results[i].retry_after_ms, str(results[i].reason)});
            }
        }
        h.cv.notify_all();
    }

    // -------------------------------------------------------------------- settings --

    /// Resolves the given settings against the descriptor's table. Returns "" or the error.
    std::string resolve_settings(settings_builder const& given) {
        setting_strings.clear();
        setting_lists.clear();
        setting_values.clear();
        auto keep = [this](std::string s) {
            setting_strings.push_back(std::move(s));
            return ingest_str{setting_strings.back().data(), setting_strings.back().size()};
        };
        auto keep_list = [this, &keep](std::vector<std::string> const& values) {
            std::vector<ingest_str> abi;
            for (auto const& i : values) {
                abi.push_back(keep(i));
            }
            setting_lists.push_back(std::move(abi));
            return &setting_lists.back();
        };

        std::string declared;
        for (std::size_t i = 0; i < descriptor->settings_count; ++i) {
            declared += (declared.empty() ? "" : ", ") + str(descriptor->settings[i].name);
        }
        for (auto const& [name, value] : given.values_) {
            bool known = false;
            for (std::size_t i = 0; i < descriptor->settings_count; ++i) {
                known = known || str(descriptor->settings[i].name) == name;
            }
            if (!known) {
                return "settings: unknown setting '" + name + "' (the plugin declares: " +
                       (declared.empty() ? std::string("none") : declared) + ")";
            }
        }

        using form = settings_builder::form;
        for (std::size_t i = 0; i < descriptor->settings_count; ++i) {
            auto const& spec = descriptor->settings[i];
            std::string const name = str(spec.name);
            std::string const type = core::setting_type_name(spec.type);
            ingest_setting_value v{};
            v.name = keep(name);
            v.type = spec.type;

            settings_builder::given const* g = nullptr;
            for (auto const& [n, value] : given.values_) {
                if (n == name) {
                    g = &value;
                }
            }
            settings_builder::given from_default;
            std::string origin = "'" + name + "'";
            if (g == nullptr && spec.has_default != 0) {
                from_default.how = form::text;
                from_default.text = str(spec.default_value);
                g = &from_default;
                origin = "the default of '" + name + "' (a bug in the plugin's settings table)";
            }
            if (g == nullptr) {
                if (spec.required != 0) {
                    return "settings: required setting '" + name + "' (" + type + ") is missing";
                }
                v.present = 0;
                setting_values.push_back(v);
                continue;
            }

            v.present = 1;
            std::vector<std::string> list;
            std::string text;
            auto wrong_form = [&]() {
                return "settings: " + origin + " is a " + type + " setting; give it with set(\"" +
                       name + "\", text) or the matching set_" + type + "()";
            };
            switch (spec.type) {
                case INGEST_SETTING_STRING:
                case INGEST_SETTING_SECRET:
                case INGEST_SETTING_URL:
                case INGEST_SETTING_PATH:
                    if (g->how != form::text) {
                        return wrong_form();
                    }
                    text = g->text;
                    if (spec.type == INGEST_SETTING_URL && text.find("://") == std::string::npos) {
                        return "settings: " + origin + ": '" + text + "' is not an absolute URL";
                    }
                    if (spec.type == INGEST_SETTING_PATH && text.empty()) {
                        return "settings: " + origin + ": a path cannot be empty";
                    }
                    v.text = keep(text);
                    break;
                case INGEST_SETTING_INT:
                case INGEST_SETTING_BOOL:
                case INGEST_SETTING_DURATION:
                case INGEST_SETTING_SIZE: {
                    form const typed = spec.type == INGEST_SETTING_INT        ? form::integer
                                       : spec.type == INGEST_SETTING_BOOL     ? form::boolean
                                       : spec.type == INGEST_SETTING_DURATION ? form::duration
                                                                              : form::size;
                    std::optional<std::int64_t> n;
                    if (g->how == typed) {
                        n = g->integer;
                    } else if (g->how == form::text) {
                        if (spec.type == INGEST_SETTING_INT) {
                            n = parse_int_setting(g->text);
                        } else if (spec.type == INGEST_SETTING_BOOL) {
                            auto b = parse_bool_setting(g->text);
                            n = b ? std::optional<std::int64_t>(*b ? 1 : 0) : std::nullopt;
                        } else if (spec.type == INGEST_SETTING_DURATION) {
                            n = parse_duration_setting(g->text);
                        } else {
                            n = parse_size_setting(g->text);
                        }
                        if (!n) {
                            return "settings: " + origin + ": '" + g->text + "' is not a valid " +
                                   type;
                        }
                    } else {
                        return wrong_form();
                    }
                    v.integer = *n;
                    v.text = keep(g->how == form::text ? g->text : std::to_string(*n));
                    break;
                }
                case INGEST_SETTING_LIST:
                    if (g->how == form::list) {
                        list = g->list;
                    } else if (g->how == form::text) {
                        list = parse_list_setting(g->text);
                    } else {
                        return wrong_form();
                    }
                    break;
                default:
                    return "settings: '" + name + "' has an unknown type " + type;
            }

            if (spec.allowed_count > 0) {
                auto allowed = [&spec](std::string const& value) {
                    for (std::size_t k = 0; k < spec.allowed_count; ++k) {
                        if (str(spec.allowed[k]) == value) {
                            return true;
                        }
                    }
                    return false;
                };
                std::string choices;
                for (std::size_t k = 0; k < spec.allowed_count; ++k) {
                    choices += (choices.empty() ? "" : ", ") + str(spec.allowed[k]);
                }
                if (string_like(spec.type) && !allowed(text)) {
                    return "settings: " + origin + ": '" + text + "' is not one of: " + choices;
                }
                for (auto const& item : list) {
                    if (!allowed(item)) {
                        return "settings: " + origin + ": '" + item + "' is not one of: " + choices;
                    }
                }
            }
            if (spec.type == INGEST_SETTING_LIST) {
                auto const* abi = keep_list(list);
                v.list = abi->data();
                v.list_count = abi->size();
            }
            setting_values.push_back(v);
        }
        return {};
    }

    call_status no_instance(char const* call) const {
        return {INGEST_ERROR, std::string("fake_host: cannot call ") + call +
                                  "(): no instance (create() was not called or failed)"};
    }
    call_status missing_function(char const* call) const {
        return {INGEST_UNSUPPORTED, std::string("fake_host: the plugin has no ") + call +
                                        "() (its kind is " + core::kind_name(descriptor->kind) +
                                        ")"};
    }
};

// --------------------------------------------------------------------------- fake_host --

fake_host::fake_host(ingest_plugin_descriptor const* plugin, std::string instance_id,
                     std::shared_ptr<void> keep_alive)
    : impl_(std::make_unique<impl>()) {
    impl_->descriptor = plugin;
    impl_->instance_id = std::move(instance_id);
    impl_->keep_alive = std::move(keep_alive);
    if (plugin == nullptr) {
        impl_->no_descriptor_reason = "fake_host: no plugin descriptor (nullptr)";
    }
    auto& t = impl_->table;
    t.struct_size = sizeof t;
    t.host_ctx = impl_.get();
    t.abi_major = INGEST_ABI_VERSION_MAJOR;
    t.abi_minor = INGEST_ABI_VERSION_MINOR;
    t.instance_id = to_abi(impl_->instance_id);
    t.log = &impl::host_log;
    t.metric = &impl::host_metric;
    t.state_get = &impl::host_state_get;
    t.state_put = &impl::host_state_put;
    t.state_erase = &impl::host_state_erase;
    t.http_request = &impl::host_http_request;
    t.emit = &impl::host_emit;
    t.schedule_poll = &impl::host_schedule_poll;
    t.stop_requested = &impl::host_stop_requested;
    t.now_ms = &impl::host_now_ms;
    t.run_flags = 0;
}

fake_host::fake_host(plugin_handle const& plugin, std::string instance_id)
    : fake_host(plugin.descriptor(), std::move(instance_id), plugin.module()) {
    if (!plugin) {
        impl_->no_descriptor_reason = "fake_host: the plugin was not loaded: " + plugin.error();
    }
}

fake_host::~fake_host() {
    if (impl_->instance != nullptr) {
        if (impl_->started) {
            stop();
        }
        destroy();
    }
}

ingest_plugin_descriptor const* fake_host::descriptor() const noexcept {
    return impl_->descriptor;
}

ingest_host const& fake_host::host_table() const noexcept {
    return impl_->table;
}

call_status fake_host::create(settings_builder const& settings) {
    auto& h = *impl_;
    if (h.descriptor == nullptr) {
        return {INGEST_INVALID_INPUT, h.no_descriptor_reason};
    }
    if (h.instance != nullptr) {
        return {INGEST_ERROR, "fake_host: an instance exists already; destroy() it first"};
    }
    if (auto refused = core::check_descriptor(
            h.descriptor, "<in-process plugin " + str(h.descriptor->name) + ">")) {
        return {INGEST_INVALID_INPUT, *refused};
    }
    if (auto error = h.resolve_settings(settings); !error.empty()) {
        return {INGEST_INVALID_INPUT, error};
    }
    {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.stopped = false;
        h.stop_flag = false;
    }
    char buf[error_capacity] = {};
    ingest_error err{buf, sizeof buf, 0};
    void* instance = nullptr;
    auto rc = h.call("create", &err, [&] {
        return h.descriptor->create(&h.table, h.setting_values.data(), h.setting_values.size(),
                                    &instance, &err);
    });
    if (rc != INGEST_OK) {
        if (instance != nullptr) {
            std::lock_guard<std::mutex> lock(h.mutex);
            h.violation("create() failed but set *instance");
        }
        return {rc, std::string(buf, err.size)};
    }
    if (instance == nullptr) {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.violation("create() returned INGEST_OK without an instance");
        return {INGEST_ERROR, "fake_host: create() returned INGEST_OK with a NULL instance"};
    }
    h.instance = instance;
    return {};
}

bool fake_host::has_instance() const noexcept {
    return impl_->instance != nullptr;
}

call_status fake_host::start() {
    auto& h = *impl_;
    if (h.instance == nullptr) {
        return h.no_instance("start");
    }
    if (h.descriptor->start == nullptr) {
        return h.missing_function("start");
    }
    {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.stop_flag = false;
    }
    char buf[error_capacity] = {};
    ingest_error err{buf, sizeof buf, 0};
    auto rc = h.call("start", &err, [&] { return h.descriptor->start(h.instance, &err); });
    if (rc != INGEST_OK) {
        return {rc, std::string(buf, err.size)};
    }
    h.started = true;
    std::lock_guard<std::mutex> lock(h.mutex);
    h.stopped = false;
    return {};
}

call_status fake_host::stop() {
    auto& h = *impl_;
    if (h.instance == nullptr) {
        return h.no_instance("stop");
    }
    if (h.descriptor->stop == nullptr) {
        return h.missing_function("stop");
    }
    {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.stop_flag = true;
    }
    char buf[error_capacity] = {};
    ingest_error err{buf, sizeof buf, 0};
    auto rc = h.call("stop", &err, [&] { return h.descriptor->stop(h.instance, &err); });
    h.started = false;
    std::lock_guard<std::mutex> lock(h.mutex);
    h.stopped = true;
    if (rc != INGEST_OK) {
        return {rc, std::string(buf, err.size)};
    }
    return {};
}

void fake_host::destroy() {
    auto& h = *impl_;
    if (h.instance == nullptr) {
        return;
    }
    // The core answers every outstanding request, also when it shuts down.
    while (true) {
        std::deque<impl::held_exchange> held;
        {
            std::lock_guard<std::mutex> lock(h.mutex);
            held.swap(h.held);
        }
        if (held.empty()) {
            break;
        }
        for (auto const& x : held) {
            impl::deliver(x, INGEST_STOPPED, "fake_host: the instance is being destroyed");
        }
    }
    h.call("destroy", nullptr, [&] {
        h.descriptor->destroy(h.instance);
        return INGEST_OK;
    });
    h.instance = nullptr;
    h.started = false;
}

// ---------------------------------------------------------------------------- sources --

call_status fake_host::poll() {
    auto& h = *impl_;
    if (h.instance == nullptr) {
        return h.no_instance("poll");
    }
    if (h.descriptor->poll == nullptr) {
        return h.missing_function("poll");
    }
    {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.in_poll = true;
    }
    char buf[error_capacity] = {};
    ingest_error err{buf, sizeof buf, 0};
    auto rc = h.call("poll", &err, [&] { return h.descriptor->poll(h.instance, &err); });
    {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.in_poll = false;
    }
    if (rc != INGEST_OK) {
        return {rc, std::string(buf, err.size)};
    }
    return {};
}

call_status fake_host::ack(std::uint64_t token, sdk::ack_outcome outcome, std::string_view detail) {
    auto& h = *impl_;
    if (h.instance == nullptr) {
        return h.no_instance("ack");
    }
    if (h.descriptor->ack == nullptr) {
        return h.missing_function("ack");
    }
    {
        std::lock_guard<std::mutex> lock(h.mutex);
        auto it = std::find(h.unacked.begin(), h.unacked.end(), token);
        if (it != h.unacked.end()) {
            h.unacked.erase(it);
        }
    }
    h.call("ack", nullptr, [&] {
        h.descriptor->ack(h.instance, token, static_cast<ingest_ack_outcome>(outcome),
                          to_abi(detail));
        return INGEST_OK;
    });
    return {};
}

call_status fake_host::ack_all(sdk::ack_outcome outcome, std::string_view detail) {
    for (auto token : unacked_tokens()) {
        if (auto s = ack(token, outcome, detail); !s) {
            return s;
        }
    }
    return {};
}

std::vector<emitted_item> fake_host::items() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->items;
}

void fake_host::clear_items() {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->items.clear();
}

std::vector<std::uint64_t> fake_host::unacked_tokens() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->unacked;
}

void fake_host::set_run_flags(std::uint32_t flags) {
    impl_->table.run_flags = flags;
}

void fake_host::set_emit_capacity(std::optional<std::size_t> n) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->emit_capacity = n;
}

std::vector<std::uint64_t> fake_host::scheduled_polls() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->polls;
}

// ------------------------------------------------------------- decoders, transforms --

call_result<std::vector<release>> fake_host::decode(std::string_view payload,
                                                    std::string_view media_type,
                                                    std::string_view file_name) {
    decode_request r;
    r.payload = std::string(payload);
    r.media_type = std::string(media_type);
    r.file_name = std::string(file_name);
    return decode(r);
}

call_result<std::vector<release>> fake_host::decode(decode_request const& request) {
    auto& h = *impl_;
    if (h.instance == nullptr) {
        return h.no_instance("decode");
    }
    if (h.descriptor->decode == nullptr) {
        return h.missing_function("decode");
    }
    std::vector<ingest_kv> meta;
    for (auto const& [k, v] : request.metadata) {
        meta.push_back({to_abi(k), to_abi(v)});
    }
    std::string payload = request.payload;  // the plugin may overwrite this copy
    ingest_decode_input in{};
    in.struct_size = sizeof in;
    in.payload = to_abi(payload);
    in.payload_writable = request.read_only_payload ? nullptr : payload.data();
    in.media_type = to_abi(request.media_type);
    in.origin_uri = to_abi(request.origin_uri);
    in.file_name = to_abi(request.file_name);
    in.metadata = meta.data();
    in.metadata_count = meta.size();
    impl::release_collector collector;
    collector.host = &h;
    char buf[error_capacity] = {};
    ingest_error err{buf, sizeof buf, 0};
    auto rc = h.call("decode", &err, [&] {
        return h.descriptor->decode(h.instance, &in, &impl::collect_release, &collector, &err);
    });
    {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.last_out = collector.out;
    }
    if (rc != INGEST_OK) {
        return call_status{rc, std::string(buf, err.size)};
    }
    if (collector.refused) {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.violation("decode() returned INGEST_OK after the release callback answered " +
                    rc_name(*collector.refused));
    }
    return std::move(collector.out);
}

call_result<std::vector<release>> fake_host::transform(release const& input) {
    auto& h = *impl_;
    if (h.instance == nullptr) {
        return h.no_instance("transform");
    }
    if (h.descriptor->transform == nullptr) {
        return h.missing_function("transform");
    }
    impl::release_collector collector;
    collector.host = &h;
    char buf[error_capacity] = {};
    ingest_error err{buf, sizeof buf, 0};
    auto rc = h.call("transform", &err, [&] {
        return h.descriptor->transform(h.instance, &input.view(), &impl::collect_release,
                                       &collector, &err);
    });
    {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.last_out = collector.out;
    }
    if (rc != INGEST_OK) {
        return call_status{rc, std::string(buf, err.size)};
    }
    if (collector.refused) {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.violation("transform() returned INGEST_OK after the release callback answered " +
                    rc_name(*collector.refused));
    }
    return std::move(collector.out);
}

std::vector<release> fake_host::last_releases() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->last_out;
}

void fake_host::set_release_out_limit(std::optional<std::size_t> n, ingest_rc rc) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->out_limit = n;
    impl_->out_limit_rc = rc;
}

// ------------------------------------------------------------------------------ sinks --

call_result<std::vector<delivery>> fake_host::write_batch(std::vector<release> const& records) {
    auto status = begin_write_batch(records);
    if (!status) {
        return status;
    }
    return wait_batch();
}

call_status fake_host::begin_write_batch(std::vector<release> const& records) {
    auto& h = *impl_;
    if (h.instance == nullptr) {
        return h.no_instance("write_batch");
    }
    if (h.descriptor->write_batch == nullptr) {
        return h.missing_function("write_batch");
    }
    std::vector<ingest_release const*> views;
    views.reserve(records.size());
    for (auto const& r : records) {
        views.push_back(&r.view());
    }
    impl::batch_slot* slot = nullptr;
    {
        std::lock_guard<std::mutex> lock(h.mutex);
        h.batches.push_back(std::make_unique<impl::batch_slot>());
        slot = h.batches.back().get();
        slot->host = &h;
        slot->expected = records.size();
    }
    char buf[error_capacity] = {};
    ingest_error err{buf, sizeof buf, 0};
    auto rc = h.call("write_batch", &err, [&] {
        return h.descriptor->write_batch(h.instance, views.data(), views.size(), &impl::batch_done,
                                         slot, &err);
    });
    std::lock_guard<std::mutex> lock(h.mutex);
    slot->returned = true;
    slot->rc = rc;
    slot->message.assign(buf, err.size);
    if (rc != INGEST_OK && slot->completions > 0) {
        h.violation("write_batch() returned " + rc_name(rc) + " but had completed the batch");
    }
    if (rc != INGEST_OK) {
        return {rc, slot->message};
    }
    return {};
}

bool fake_host::batch_completed() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return !impl_->batches.empty() && impl_->batches.back()->completions > 0;
}

call_result<std::vector<delivery>> fake_host::wait_batch() {
    auto& h = *impl_;
    std::unique_lock<std::mutex> lock(h.mutex);
    if (h.batches.empty()) {
        return call_status{INGEST_ERROR, "fake_host: wait_batch() without a batch"};
    }
    auto* slot = h.batches.back().get();
    auto const deadline = std::chrono::steady_clock::now() + h.batch_timeout;
    while (true) {
        if (slot->rc != INGEST_OK) {
            return call_status{slot->rc, slot->message};
        }
        if (slot->completions > 0) {
            return slot->results;
        }
        if (!h.held.empty()) {
            lock.unlock();
            complete_http();
            lock.lock();
            continue;
        }
        if (h.cv.wait_until(lock, deadline) == std::cv_status::timeout && slot->completions == 0 &&
            h.held.empty()) {
            return call_status{INGEST_ERROR,
                               "fake_host: the sink did not complete the batch within " +
                                   std::to_string(h.batch_timeout.count()) + " ms"};
        }
    }
}

void fake_host::set_batch_timeout(std::chrono::milliseconds timeout) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->batch_timeout = timeout;
}

// ---------------------------------------------------------------------------- logging --

std::vector<log_line> fake_host::logs() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->logs;
}

bool fake_host::logged(sdk::log_level level, std::string_view substring) const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return std::any_of(impl_->logs.begin(), impl_->logs.end(), [&](log_line const& l) {
        return l.level == level && l.message.find(substring) != std::string::npos;
    });
}

std::string fake_host::log_text() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    std::string out;
    for (auto const& l : impl_->logs) {
        out += "[";
        out += level_name(l.level);
        out += "] ";
        out += l.message;
        out += "\n";
    }
    return out;
}

// ---------------------------------------------------------------------------- metrics --

std::vector<metric_event> fake_host::metric_events() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->metrics;
}

double fake_host::counter(std::string_view name, sdk::labels const& labels) const {
    auto const want = sorted(labels);
    std::lock_guard<std::mutex> lock(impl_->mutex);
    double sum = 0;
    for (auto const& e : impl_->metrics) {
        if (e.kind == INGEST_METRIC_COUNTER && e.name == name && sorted(e.labels) == want) {
            sum += e.value;
        }
    }
    return sum;
}

std::optional<double> fake_host::gauge(std::string_view name, sdk::labels const& labels) const {
    auto const want = sorted(labels);
    std::lock_guard<std::mutex> lock(impl_->mutex);
    std::optional<double> last;
    for (auto const& e : impl_->metrics) {
        if (e.kind == INGEST_METRIC_GAUGE && e.name == name && sorted(e.labels) == want) {
            last = e.value;
        }
    }
    return last;
}

std::vector<double> fake_host::observations(std::string_view name,
                                            sdk::labels const& labels) const {
    auto const want = sorted(labels);
    std::lock_guard<std::mutex> lock(impl_->mutex);
    std::vector<double> out;
    for (auto const& e : impl_->metrics) {
        if (e.kind == INGEST_METRIC_HISTOGRAM && e.name == name && sorted(e.labels) == want) {
            out.push_back(e.value);
        }
    }
    return out;
}

// ------------------------------------------------------------------------ state store --

std::map<std::string, std::string> fake_host::state() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return {impl_->state.begin(), impl_->state.end()};
}

std::optional<std::string> fake_host::state_value(std::string_view key) const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto it = impl_->state.find(key);
    if (it == impl_->state.end()) {
        return std::nullopt;
    }
    return it->second;
}

void fake_host::set_state(std::string key, std::string value) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->state[std::move(key)] = std::move(value);
}

std::vector<state_write> fake_host::state_writes() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->writes;
}

void fake_host::fail_state_writes(bool fail) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->fail_writes = fail;
}

// ------------------------------------------------------------------------------- HTTP --

void fake_host::script_http(std::string url, http_reply reply) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->scripts[std::move(url)].push_back(std::move(reply));
}

void fake_host::deliver_http_immediately(bool on) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->http_immediate = on;
}

std::size_t fake_host::complete_http() {
    std::size_t count = 0;
    while (true) {
        impl::held_exchange x;
        {
            std::lock_guard<std::mutex> lock(impl_->mutex);
            if (impl_->held.empty()) {
                return count;
            }
            x = std::move(impl_->held.front());
            impl_->held.pop_front();
        }
        impl::deliver(x, INGEST_OK, {});
        ++count;
    }
}

std::size_t fake_host::pending_http() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->held.size();
}

std::vector<sent_request> fake_host::http_requests() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->requests;
}

// ------------------------------------------------------------------- clock and stop --

void fake_host::set_now_ms(std::int64_t unix_ms) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->now = unix_ms;
}

void fake_host::advance(std::chrono::milliseconds by) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->now += static_cast<std::int64_t>(by.count());
}

std::int64_t fake_host::now_ms() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->now;
}

void fake_host::request_stop(bool on) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stop_flag = on;
}

std::vector<std::string> fake_host::violations() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->violations;
}

}  // namespace ingest::sdk::testing
