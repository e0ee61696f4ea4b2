#include "pipeline/engine.hpp"

#include "http/http_client.hpp"
#include "pipeline/decoding.hpp"
#include "pipeline/identity.hpp"
#include "pipeline/router.hpp"
#include "plugin_host/plugin_instance.hpp"
#include "state/state_db.hpp"

#include <spdlog/spdlog.h>
#include <ingest/sdk/json.hpp>
#include <ingest/sdk/json_read.hpp>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <csignal>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>

namespace ingest::core {

namespace asio = boost::asio;
using steady = std::chrono::steady_clock;

namespace {

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string view(ingest_str s) {
    return s.data == nullptr ? std::string() : std::string(s.data, s.size);
}

spdlog::level::level_enum spd_level(ingest_log_level l) {
    switch (l) {
        case INGEST_LOG_TRACE:
            return spdlog::level::trace;
        case INGEST_LOG_DEBUG:
            return spdlog::level::debug;
        case INGEST_LOG_INFO:
            return spdlog::level::info;
        case INGEST_LOG_WARN:
            return spdlog::level::warn;
        case INGEST_LOG_ERROR:
            return spdlog::level::err;
    }
    return spdlog::level::info;
}

/// Groups the state writes that plugins make during one call into the engine (a poll, a
/// burst of acks) into one transaction: one commit instead of one per write. Failing to
/// group only costs speed; a failed commit is logged (the writes are checkpoints: the items
/// concerned may be read again and are then recognized as already delivered).
class state_write_group {
public:
    explicit state_write_group(state_db& db) : db_(db) {
        try {
            db_.begin_state_group();
            active_ = true;
        } catch (std::exception const& e) {
            spdlog::warn("cannot group checkpoint writes: {}", e.what());
        }
    }
    ~state_write_group() {
        if (!active_) {
            return;
        }
        try {
            db_.end_state_group();
        } catch (std::exception const& e) {
            spdlog::error(
                "checkpoint writes failed ({}); the items concerned may be read again and are "
                "then recognized as already delivered",
                e.what());
        }
    }
    state_write_group(state_write_group const&) = delete;
    state_write_group& operator=(state_write_group const&) = delete;

private:
    state_db& db_;
    bool active_ = false;
};

}  // namespace

// ------------------------------------------------------------------------ summaries --

bool run_summary::any_dead_lettered() const {
    return std::any_of(sinks.begin(), sinks.end(),
                       [](sink_summary const& s) { return s.dead_lettered > 0; });
}

std::string run_summary::to_text() const {
    std::ostringstream out;
    std::uint64_t items = 0;
    std::uint64_t releases = 0;
    for (auto const& s : sources) {
        items += s.items;
        releases += s.releases;
    }
    out << "ingested " << items << " item(s), " << releases << " release(s): " << new_releases
        << " new, " << revised_releases << " changed, " << unchanged_releases << " unchanged\n";
    for (auto const& s : sources) {
        out << "  source " << s.id << ": " << s.items << " item(s), " << s.releases
            << " release(s), " << s.failed << " failed";
        if (s.unrouted != 0) {
            out << ", " << s.unrouted << " unrouted";
        }
        if (s.poll_errors != 0) {
            out << ", " << s.poll_errors << " poll error(s)";
        }
        out << "\n";
    }
    for (auto const& s : sinks) {
        out << "  sink " << s.id << ": " << s.delivered << " delivered, " << s.enqueued
            << " queued, " << s.duplicates << " already had, " << s.retried << " retried, "
            << s.dead_lettered << " dead-lettered, " << s.backlog << " waiting\n";
    }
    return out.str();
}

// ----------------------------------------------------------------------------- impl --

class engine::impl {
public:
    impl(config::configuration cfg, plugin_registry const& registry, engine_options options);
    ~impl();

    int run();
    void request_stop();
    void post_to_loop(std::function<void()> fn) { asio::post(io_, std::move(fn)); }
    run_summary summary() const;
    metrics_registry metrics;

private:
    class services;

    struct pending_item {
        std::size_t source = 0;
        std::uint64_t token = 0;
        std::string payload;
        std::string media_type;
        std::string origin_uri;
        std::string file_name;
        std::vector<std::pair<std::string, std::string>> metadata;
        std::optional<sdk::release> record;
    };

    struct source_rt {
        config::source_config cfg;
        std::shared_ptr<services> svc;
        std::unique_ptr<plugin_instance> inst;
        std::unique_ptr<asio::steady_timer> timer;
        steady::time_point next_poll{};
        source_summary stats;
        std::uint64_t emitted_this_poll = 0;
        bool exhausted = false;  // once mode: a poll emitted nothing
    };

    struct decoder_rt {
        std::string id;
        std::shared_ptr<services> svc;
        std::unique_ptr<plugin_instance> inst;
    };

    struct transform_rt {
        std::string id;
        std::shared_ptr<services> svc;
        std::unique_ptr<plugin_instance> inst;
    };

    struct sink_rt {
        config::sink_config cfg;
        retry_policy policy;
        std::shared_ptr<services> svc;
        std::unique_ptr<plugin_instance> inst;
        std::unique_ptr<asio::steady_timer> timer;
        std::unique_ptr<asio::strand<asio::thread_pool::executor_type>> strand;
        bool busy = false;
        sink_summary stats;
    };

    ingest_rc on_emit(std::size_t source, ingest_item const& item);
    void schedule_source(std::size_t index, std::chrono::milliseconds delay);
    void poll_source(std::size_t index);
    void process_pending();
    decoder_rt* pick_decoder(source_rt const& s, pending_item const& it, std::string& why);
    struct transform_failed {};  // thrown through a decoder to stop it (decode_item)
    /// Decodes an item and passes each release through the source's transforms, handing
    /// what comes out to each as it is produced. False with why when the decoder or a
    /// transform fails: what each took of the item is then to be dropped. Rethrows what
    /// each throws.
    bool decode_item(source_rt& s, pending_item& it, release_consumer const& each,
                     std::string& why);
    bool run_transforms(source_rt& s, std::vector<sdk::release>& releases, std::string& why);
    /// One batch on its way to a sink: the releases read back from the outbox, their views
    /// handed to the plugin, their outbox seqs, and what unreadable records cost.
    struct batch_data {
        std::vector<sdk::release> releases;
        std::vector<ingest_release const*> views;
        std::vector<std::int64_t> seqs;
        batch_stats corrupt;
    };

    void drain(std::size_t sink);
    void send_batch(std::size_t sink);
    void arm_sink_timer(std::size_t sink);
    void on_batch_done(std::size_t sink, std::shared_ptr<batch_data> const& data,
                       std::vector<delivery_outcome> const* outcomes, std::string const& error);
    void count_batch(std::size_t sink, batch_stats const& stats, std::string const& reason);
    void check_done();
    void begin_stop();
    void finish();
    std::chrono::milliseconds jitter(std::chrono::milliseconds max);

    config::configuration cfg_;
    engine_options options_;
    std::unique_ptr<state_db> state_;
    router router_;
    asio::io_context io_;
    asio::thread_pool workers_{2};
    asio::signal_set signals_{io_};
    std::vector<source_rt> sources_;
    std::vector<decoder_rt> decoders_;
    std::vector<decoder_claims> claims_;  // parallel to decoders_
    std::vector<transform_rt> transforms_;
    std::vector<sink_rt> sinks_;
    std::vector<pending_item> pending_;
    /// Guards sinks_[i].stats: the outcome counts are added on the sinks' strands.
    mutable std::mutex sink_stats_mutex_;
    std::atomic<bool> stopping_{false};
    bool sources_stopped_ = false;
    bool commit_failed_ = false;
    steady::time_point drain_until_{};
    std::mt19937_64 rng_{std::random_device{}()};
    run_summary totals_;
    int exit_code_ = 0;
    // Last member: destroyed first, so that the requests it completes with INGEST_STOPPED
    // still find their plugin instances alive.
    http::http_client http_{io_, http::daemon_options(cfg_.daemon.user_agent_contact)};
};

/// host_services for one instance: logs with its name, metrics with its labels, state in
/// the state database under "<kind>/<id>", and (for sources) emit into the engine.
class engine::impl::services final : public host_services {
public:
    services(impl& e, std::string kind, std::string id, std::string plugin,
             std::optional<std::size_t> source)
        : e_(e),
          scope_(kind + "/" + id),
          id_(std::move(id)),
          plugin_(std::move(plugin)),
          source_(source) {}

    void log(ingest_log_level level, std::string_view message) override {
        spdlog::log(spd_level(level), "[{} {}] {}", plugin_, id_, message);
    }
    void metric(ingest_metric_kind kind, std::string_view name, std::string_view help,
                std::vector<std::pair<std::string, std::string>> const& labels,
                double value) override {
        metric_labels l(labels.begin(), labels.end());
        l.emplace_back("plugin", plugin_);
        l.emplace_back("instance", id_);
        if (kind == INGEST_METRIC_COUNTER) {
            e_.metrics.add(name, help, std::move(l), value);
        } else if (kind == INGEST_METRIC_GAUGE) {
            e_.metrics.set(name, help, std::move(l), value);
        } else {
            e_.metrics.observe(name, help, std::move(l), value);
        }
    }
    std::optional<std::string> state_get(std::string_view key) override {
        return e_.state_->kv_get(scope_, key);
    }
    bool state_put(std::string_view key, std::string_view value) override {
        try {
            e_.state_->kv_put(scope_, key, value);
            return true;
        } catch (std::exception const& ex) {
            spdlog::error("[{} {}] state_put failed: {}", plugin_, id_, ex.what());
            return false;
        }
    }
    bool state_erase(std::string_view key) override {
        try {
            e_.state_->kv_erase(scope_, key);
            return true;
        } catch (std::exception const& ex) {
            spdlog::error("[{} {}] state_erase failed: {}", plugin_, id_, ex.what());
            return false;
        }
    }
    ingest_rc emit(ingest_item const& item) override {
        if (!source_) {
            return INGEST_UNSUPPORTED;
        }
        return e_.on_emit(*source_, item);
    }
    void schedule_poll(std::uint64_t delay_ms) override {
        if (!source_) {
            return;
        }
        auto idx = *source_;
        asio::post(e_.io_, [this, idx, delay_ms] {
            e_.schedule_source(idx, std::chrono::milliseconds(delay_ms));
        });
    }
    bool stop_requested() override { return e_.stopping_.load(); }
    std::uint32_t run_flags() const override {
        return e_.options_.once ? static_cast<std::uint32_t>(INGEST_RUN_ONCE) : 0U;
    }
    /// Runs on the engine's loop; done is called there (or with INGEST_STOPPED when the
    /// engine is destroyed first).
    ingest_rc http_request(ingest_http_request const& request, ingest_http_callback done,
                           void* user) override {
        return e_.http_.start_abi(request, done, user);
    }

private:
    impl& e_;
    std::string scope_;
    std::string id_;
    std::string plugin_;
    std::optional<std::size_t> source_;
};

engine::impl::impl(config::configuration cfg, plugin_registry const& registry,
                   engine_options options)
    : cfg_(std::move(cfg)),
      options_(options),
      state_(std::make_unique<state_db>(cfg_.daemon.state_dir)),
      router_(cfg_.routes) {
    std::vector<std::string> errors;
    auto make = [&](std::string const& kind, config::plugin_section const& sec,
                    std::optional<std::size_t> source,
                    std::shared_ptr<services>& svc) -> std::unique_ptr<plugin_instance> {
        auto module = registry.find(sec.plugin);
        if (!module) {
            errors.push_back(kind + " '" + sec.id + "': plugin '" + sec.plugin + "' is not loaded");
            return nullptr;
        }
        svc = std::make_shared<services>(*this, kind, sec.id, sec.plugin, source);
        auto abi = sec.abi();
        call_status status;
        auto inst = plugin_instance::create(module, sec.id, abi.values(), svc, status);
        if (!inst) {
            errors.push_back(kind + " '" + sec.id + "': " + status.message);
        }
        return inst;
    };

    for (auto const& d : cfg_.decoders) {
        decoder_rt rt;
        rt.id = d.id;
        rt.inst = make("decoder", d, std::nullopt, rt.svc);
        if (rt.inst) {
            claims_.push_back(decoder_claims::of(rt.id, rt.inst->module().descriptor()));
            decoders_.push_back(std::move(rt));
        }
    }
    // Every other loaded decoder that runs on its defaults is available for picking by
    // file name or media type, under its plugin name.
    for (auto const& module : registry.all()) {
        if (module->kind() != INGEST_KIND_DECODER || cfg_.find_decoder(module->name()) ||
            std::any_of(cfg_.decoders.begin(), cfg_.decoders.end(),
                        [&](auto const& d) { return d.plugin == module->name(); })) {
            continue;
        }
        auto defaults = config::default_settings(module->descriptor());
        if (!defaults) {
            continue;
        }
        config::plugin_section sec;
        sec.id = module->name();
        sec.plugin = module->name();
        sec.kind = INGEST_KIND_DECODER;
        sec.implicit = true;
        sec.settings = std::move(*defaults);
        cfg_.decoders.push_back(sec);
        decoder_rt rt;
        rt.id = sec.id;
        rt.inst = make("decoder", cfg_.decoders.back(), std::nullopt, rt.svc);
        if (rt.inst) {
            claims_.push_back(decoder_claims::of(rt.id, rt.inst->module().descriptor()));
            decoders_.push_back(std::move(rt));
        }
    }
    for (auto const& t : cfg_.transforms) {
        transform_rt rt;
        rt.id = t.id;
        rt.inst = make("transform", t, std::nullopt, rt.svc);
        if (rt.inst) {
            transforms_.push_back(std::move(rt));
        }
    }
    for (auto const& s : cfg_.sinks) {
        if (!s.enabled) {
            continue;
        }
        sink_rt rt;
        rt.cfg = s;
        rt.policy = {s.retry_initial.count(), s.retry_max.count(), s.max_attempts};
        rt.stats.id = s.id;
        rt.inst = make("sink", s, std::nullopt, rt.svc);
        rt.timer = std::make_unique<asio::steady_timer>(io_);
        rt.strand = std::make_unique<asio::strand<asio::thread_pool::executor_type>>(
            asio::make_strand(workers_.get_executor()));
        if (rt.inst) {
            sinks_.push_back(std::move(rt));
        }
    }
    for (auto const& s : cfg_.sources) {
        if (!s.enabled) {
            continue;
        }
        source_rt rt;
        rt.cfg = s;
        rt.stats.id = s.id;
        rt.timer = std::make_unique<asio::steady_timer>(io_);
        sources_.push_back(std::move(rt));
        auto& back = sources_.back();
        back.inst = make("source", s, sources_.size() - 1, back.svc);
        if (!back.inst) {
            sources_.pop_back();
        }
    }
    if (!errors.empty()) {
        std::string all = "cannot create plugin instances:";
        for (auto const& e : errors) {
            all += "\n  " + e;
        }
        throw std::runtime_error(all);
    }
}

engine::impl::~impl() {
    workers_.join();
}

std::chrono::milliseconds engine::impl::jitter(std::chrono::milliseconds max) {
    if (max.count() <= 0) {
        return std::chrono::milliseconds(0);
    }
    std::uniform_int_distribution<std::int64_t> dist(0, max.count());
    return std::chrono::milliseconds(dist(rng_));
}

// --------------------------------------------------------------------------- intake --

ingest_rc engine::impl::on_emit(std::size_t source, ingest_item const& item) {
    if (pending_.size() >= options_.max_pending_items) {
        return INGEST_RETRY;
    }
    pending_item p;
    p.source = source;
    p.token = item.token;
    p.payload = view(item.payload);
    p.media_type = view(item.media_type);
    p.origin_uri = view(item.origin_uri);
    p.file_name = view(item.file_name);
    for (std::size_t i = 0; i < item.metadata_count; ++i) {
        p.metadata.emplace_back(view(item.metadata[i].key), view(item.metadata[i].value));
    }
    if (item.release != nullptr) {
        p.record.emplace(*item.release);
    }
    pending_.push_back(std::move(p));
    ++sources_[source].emitted_this_poll;
    return INGEST_OK;
}

void engine::impl::schedule_source(std::size_t index, std::chrono::milliseconds delay) {
    if (stopping_ || sources_stopped_) {
        return;
    }
    auto& s = sources_[index];
    auto const when = steady::now() + delay;
    if (s.next_poll != steady::time_point{} && s.next_poll <= when) {
        return;  // already due earlier
    }
    s.next_poll = when;
    s.timer->expires_at(when);
    s.timer->async_wait([this, index](boost::system::error_code ec) {
        if (!ec) {
            poll_source(index);
        }
    });
}

void engine::impl::poll_source(std::size_t index) {
    auto& s = sources_[index];
    s.next_poll = {};
    if (stopping_) {
        return;
    }
    s.emitted_this_poll = 0;
    auto status = [&] {
        state_write_group group_writes(*state_);  // e.g. the keys a dir source erases
        return s.inst->poll();
    }();
    if (!status.ok()) {
        ++s.stats.poll_errors;
        metrics.add("ingest_source_poll_errors_total", "Source polls that failed",
                    {{"source", s.cfg.id}});
        spdlog::error("{}", status.message);
    }
    bool const emitted = s.emitted_this_poll > 0;
    process_pending();  // commits what it took; acks flow back before the next poll
    if (emitted && status.ok() && !commit_failed_) {
        // More may be waiting: poll again, after whatever else the loop has to do (sink
        // completions), so intake and delivery interleave.
        asio::post(io_, [this, index] { poll_source(index); });
        return;
    }
    if (options_.once && http_.in_flight() > 0 && status.ok()) {
        // Responses are still coming (a source that fetches asks for a poll when one
        // arrives): not exhausted yet; look again in a second at the latest.
        schedule_source(index, std::chrono::milliseconds(1000));
        return;
    }
    s.exhausted = true;
    if (options_.once) {
        check_done();
        return;
    }
    schedule_source(index, s.cfg.interval + jitter(s.cfg.jitter));
}

engine::impl::decoder_rt* engine::impl::pick_decoder(source_rt const& s, pending_item const& it,
                                                     std::string& why) {
    if (!s.cfg.decoder.empty()) {
        for (auto& d : decoders_) {
            if (d.id == s.cfg.decoder) {
                return &d;
            }
        }
        why = "decoder '" + s.cfg.decoder + "' of source '" + s.cfg.id + "' is not available";
        return nullptr;
    }
    auto const index = choose_decoder(claims_, it.file_name.empty() ? it.origin_uri : it.file_name,
                                      it.media_type, why);
    if (!index) {
        why += ". Fix: set decoder = \"...\" on source '" + s.cfg.id + "'";
        return nullptr;
    }
    return &decoders_[*index];
}

bool engine::impl::decode_item(source_rt& s, pending_item& it, release_consumer const& each,
                               std::string& why) {
    bool transformed = true;
    auto transform_then = [&](sdk::release&& r) {
        if (s.cfg.transforms.empty()) {
            each(std::move(r));
            return;
        }
        std::vector<sdk::release> one;
        one.push_back(std::move(r));
        if (!transformed || !run_transforms(s, one, why)) {
            transformed = false;
            throw transform_failed{};  // stops the decoder; caught below
        }
        for (auto& o : one) {
            each(std::move(o));
        }
    };
    if (it.record) {
        try {
            transform_then(sdk::release(*it.record));
        } catch (transform_failed const&) {
            return false;
        }
        return true;
    }
    auto* d = pick_decoder(s, it, why);
    if (d == nullptr) {
        return false;
    }
    std::size_t produced = 0;
    try {
        auto status =
            decode_with(*d->inst,
                        // The payload is not read again: the decoder may parse it in place.
                        decode_request{it.payload, it.media_type, it.origin_uri, it.file_name,
                                       &it.metadata, it.payload.data()},
                        [&](sdk::release&& r) {
                            ++produced;
                            transform_then(std::move(r));
                        });
        if (!status.ok()) {
            why = status.message;
            return false;  // all or nothing: what it emitted before failing is dropped
        }
    } catch (transform_failed const&) {
        return false;
    }
    if (produced == 0) {
        spdlog::debug("source '{}': decoder '{}' found no release in '{}'", s.cfg.id, d->id,
                      it.file_name.empty() ? it.origin_uri : it.file_name);
    }
    return true;
}

bool engine::impl::run_transforms(source_rt& s, std::vector<sdk::release>& releases,
                                  std::string& why) {
    for (auto const& tid : s.cfg.transforms) {
        auto it = std::find_if(transforms_.begin(), transforms_.end(),
                               [&](auto const& t) { return t.id == tid; });
        if (it == transforms_.end()) {
            why = "transform '" + tid + "' is not available";
            return false;
        }
        auto status = transform_with(*it->inst, releases);
        if (!status.ok()) {
            why = status.message;
            return false;
        }
    }
    return true;
}

void engine::impl::process_pending() {
    if (pending_.empty()) {
        return;
    }
    auto const now = wall_ms();
    struct ack_info {
        std::size_t source;
        std::uint64_t token;
        ingest_ack_outcome outcome;
        std::string detail;
    };
    std::vector<ack_info> acks;
    std::set<std::size_t> unrouted_logged;
    std::set<std::string> touched;
    commit_failed_ = false;

    // Small items are decoded first, outside the state database, so that the sinks'
    // strands can use it meanwhile. Large ones are decoded inside the intake transaction,
    // each release written as it is produced: their releases are never all held in memory.
    // An item's releases are kept together or not at all; the transaction is committed
    // before any item is acknowledged.
    auto items = std::move(pending_);
    pending_.clear();
    struct decoded_before {
        bool decoded = false;
        bool ok = false;
        std::string why;
        std::vector<sdk::release> releases;
    };
    std::vector<decoded_before> before(items.size());
    try {
        for (std::size_t k = 0; k < items.size(); ++k) {
            auto& it = items[k];
            if (it.payload.size() >= decode_in_intake_from_bytes) {
                continue;
            }
            auto& b = before[k];
            b.decoded = true;
            b.ok = decode_item(
                sources_[it.source], it,
                [&b](sdk::release&& r) { b.releases.push_back(std::move(r)); }, b.why);
            if (!b.ok) {
                b.releases.clear();  // all or nothing
            }
            it.payload = std::string();
        }
        state_db::intake in(*state_, now);
        for (std::size_t k = 0; k < items.size(); ++k) {
            auto& it = items[k];
            auto& s = sources_[it.source];
            ++s.stats.items;
            metrics.add("ingest_items_total", "Items taken from sources", {{"source", s.cfg.id}});
            std::size_t ordinal = 0;
            std::size_t unrouted = 0;
            std::string why;
            in.begin_item();
            auto take = [&](sdk::release&& r) {
                ++ordinal;
                complete_identity(
                    r, origin{s.cfg.id, s.cfg.plugin, it.origin_uri, it.file_name, ordinal}, now);
                auto sinks = router_.route(r, s.cfg.id, s.cfg.plugin);
                if (sinks.empty()) {
                    ++unrouted;
                    if (unrouted_logged.insert(it.source).second) {
                        spdlog::warn(
                            "source '{}': release '{}' ({}) matched no route; it is not "
                            "delivered anywhere (logged once per poll)",
                            s.cfg.id, r.title, r.native_id);
                    }
                    return;
                }
                routed_release rr{std::move(r), std::move(sinks)};
                in.add(rr);
            };
            bool ok = false;
            if (auto& b = before[k]; b.decoded) {
                ok = b.ok;
                why = std::move(b.why);
                for (auto& r : b.releases) {
                    take(std::move(r));
                }
                b.releases = {};
            } else {
                ok = decode_item(s, it, take, why);
            }
            in.end_item(ok);
            if (!ok) {
                ++s.stats.failed;
                metrics.add("ingest_items_failed_total", "Items that could not be decoded",
                            {{"source", s.cfg.id}});
                spdlog::warn("source '{}': {}: {}", s.cfg.id, it.origin_uri, why);
                acks.push_back({it.source, it.token, INGEST_ACK_FAILED, why});
                continue;
            }
            s.stats.releases += ordinal;
            s.stats.unrouted += unrouted;
            metrics.add("ingest_releases_total", "Releases produced", {{"source", s.cfg.id}},
                        static_cast<double>(ordinal));
            if (unrouted > 0) {
                metrics.add("ingest_releases_unrouted_total", "Releases no route took",
                            {{"source", s.cfg.id}}, static_cast<double>(unrouted));
            }
            acks.push_back({it.source, it.token, INGEST_ACK_DONE, {}});
            it.payload = std::string();  // not needed any more
        }
        auto stats = in.commit();
        totals_.new_releases += stats.new_ids;
        totals_.revised_releases += stats.revised;
        totals_.unchanged_releases += stats.unchanged;
        for (auto& sk : sinks_) {
            auto const& id = sk.cfg.id;
            std::lock_guard<std::mutex> lock(sink_stats_mutex_);
            if (auto e = stats.enqueued_by_sink.find(id); e != stats.enqueued_by_sink.end()) {
                sk.stats.enqueued += e->second;
                touched.insert(id);
                metrics.add("ingest_outbox_enqueued_total", "Records written to an outbox",
                            {{"sink", id}}, static_cast<double>(e->second));
            }
            if (auto d = stats.duplicates_by_sink.find(id); d != stats.duplicates_by_sink.end()) {
                sk.stats.duplicates += d->second;
                metrics.add("ingest_duplicates_total",
                            "Releases not enqueued because the sink already has that content",
                            {{"sink", id}}, static_cast<double>(d->second));
            }
        }
    } catch (std::exception const& e) {
        spdlog::error("intake commit failed, {} item(s) will be retried: {}", items.size(),
                      e.what());
        metrics.add("ingest_commit_errors_total", "Intake transactions that failed", {});
        commit_failed_ = true;
        touched.clear();
        // Every item not refused by its decoder is taken again later, including those the
        // failure came before the intake reached. Acks go out in the items' order.
        std::map<std::pair<std::size_t, std::uint64_t>, std::string> refused;
        for (auto& a : acks) {
            if (a.outcome == INGEST_ACK_FAILED) {
                refused[{a.source, a.token}] = std::move(a.detail);
            }
        }
        acks.clear();
        for (auto const& it : items) {
            if (auto r = refused.find({it.source, it.token}); r != refused.end()) {
                acks.push_back({it.source, it.token, INGEST_ACK_FAILED, std::move(r->second)});
            } else {
                acks.push_back({it.source, it.token, INGEST_ACK_RETRY_LATER,
                                std::string("commit failed: ") + e.what()});
            }
        }
    }
    {
        // The sources record their checkpoints while they take the acks.
        state_write_group group_writes(*state_);
        for (auto const& a : acks) {
            sources_[a.source].inst->ack(a.token, a.outcome, a.detail);
        }
    }
    for (std::size_t i = 0; i < sinks_.size(); ++i) {
        if (touched.count(sinks_[i].cfg.id) != 0) {
            drain(i);
        }
    }
}

// ---------------------------------------------------------------------------- sinks --

void engine::impl::arm_sink_timer(std::size_t index) {
    auto& sk = sinks_[index];
    auto next = state_->next_due_ms(sk.cfg.id);
    if (!next) {
        if (options_.once || stopping_) {
            check_done();
        }
        return;
    }
    auto const delay = std::max<std::int64_t>(0, *next - wall_ms());
    if (options_.once || stopping_) {
        if (steady::now() + std::chrono::milliseconds(delay) > drain_until_ &&
            drain_until_ != steady::time_point{}) {
            check_done();
            return;
        }
    }
    sk.timer->expires_after(std::chrono::milliseconds(delay));
    sk.timer->async_wait([this, index](boost::system::error_code ec) {
        if (!ec) {
            drain(index);
        }
    });
}

void engine::impl::drain(std::size_t index) {
    auto& sk = sinks_[index];
    if (sk.busy) {
        return;
    }
    // Reading the outbox, turning its JSON back into releases and recording the outcome
    // run on the sink's strand, off the loop, which goes on taking items meanwhile (the
    // state database serializes the two, and waits for a state group of the loop to end).
    sk.busy = true;
    asio::post(*sk.strand, [this, index] { send_batch(index); });
}

void engine::impl::send_batch(std::size_t index) {
    auto& sk = sinks_[index];  // on its strand: cfg, policy and inst only, never stats
    std::vector<outbox_record> records;
    try {
        records =
            state_->due_records(sk.cfg.id, static_cast<std::size_t>(sk.cfg.batch_size), wall_ms());
    } catch (std::exception const& e) {
        spdlog::error("sink '{}': cannot read its outbox: {}", sk.cfg.id, e.what());
        records.clear();
    }
    if (records.empty()) {
        asio::post(io_, [this, index] {
            sinks_[index].busy = false;
            arm_sink_timer(index);
        });
        return;
    }
    auto data = std::make_shared<batch_data>();
    std::vector<record_outcome> corrupt;
    for (auto const& r : records) {
        auto parsed = sdk::release_from_json(r.json);
        if (!parsed) {
            corrupt.push_back({r.seq, record_outcome::kind::rejected, 0,
                               "outbox record is not a valid release: " + parsed.error});
            continue;
        }
        data->releases.push_back(std::move(*parsed.value));
        data->seqs.push_back(r.seq);
    }
    if (!corrupt.empty()) {
        try {
            data->corrupt = state_->complete_batch(sk.cfg.id, corrupt, sk.policy, wall_ms());
        } catch (std::exception const& e) {
            spdlog::error("sink '{}': cannot dead-letter unreadable outbox records: {}", sk.cfg.id,
                          e.what());
        }
    }
    count_batch(index, data->corrupt, "outbox records that are not valid releases");
    if (data->releases.empty()) {
        asio::post(io_, [this, index] {
            sinks_[index].busy = false;
            drain(index);
        });
        return;
    }
    for (auto const& r : data->releases) {
        data->views.push_back(&r.view());
    }
    auto status = sk.inst->write_batch(data->views, [this, index, data](auto outcomes) {
        on_batch_done(index, data, &outcomes, {});
    });
    if (!status.ok()) {
        on_batch_done(index, data, nullptr, status.message);
    }
}

void engine::impl::on_batch_done(std::size_t index, std::shared_ptr<batch_data> const& data,
                                 std::vector<delivery_outcome> const* outcomes,
                                 std::string const& error) {
    // Any thread (the sink's strand, or a thread of the sink's own).
    auto& sk = sinks_[index];
    std::vector<record_outcome> result;
    for (std::size_t i = 0; i < data->seqs.size(); ++i) {
        record_outcome o;
        o.seq = data->seqs[i];
        if (outcomes == nullptr || i >= outcomes->size()) {
            o.status = record_outcome::kind::retry;
            o.reason = outcomes == nullptr ? error : "sink reported no outcome for the record";
        } else {
            auto const& d = (*outcomes)[i];
            o.status = d.status == INGEST_DELIVERED           ? record_outcome::kind::delivered
                       : d.status == INGEST_DELIVERY_REJECTED ? record_outcome::kind::rejected
                                                              : record_outcome::kind::retry;
            o.retry_after_ms = d.retry_after_ms;
            o.reason = d.reason;
        }
        result.push_back(std::move(o));
    }
    batch_stats stats;
    std::string reason = error;
    try {
        stats = state_->complete_batch(sk.cfg.id, result, sk.policy, wall_ms());
        for (auto const& o : result) {
            if (o.status != record_outcome::kind::delivered && !o.reason.empty()) {
                reason = o.reason;
                break;
            }
        }
    } catch (std::exception const& e) {
        spdlog::error("sink '{}': cannot record the batch outcome (it will be sent again): {}",
                      sk.cfg.id, e.what());
    }
    // Counted here, with the outcome just recorded: when the drain deadline has stopped the
    // loop meanwhile, the handler below never runs, and the summary must still count it.
    count_batch(index, stats, reason);
    asio::post(io_, [this, index] {
        sinks_[index].busy = false;
        drain(index);
    });
}

void engine::impl::count_batch(std::size_t index, batch_stats const& stats,
                               std::string const& reason) {
    auto& sk = sinks_[index];
    if (stats.delivered == 0 && stats.retried == 0 && stats.dead_lettered == 0) {
        return;
    }
    {
        std::lock_guard<std::mutex> lock(sink_stats_mutex_);
        sk.stats.delivered += stats.delivered;
        sk.stats.retried += stats.retried;
        sk.stats.dead_lettered += stats.dead_lettered;
    }
    metric_labels l{{"sink", sk.cfg.id}};
    metrics.add("ingest_sink_delivered_total", "Records a sink confirmed", l,
                static_cast<double>(stats.delivered));
    metrics.add("ingest_sink_retries_total", "Record attempts that failed and wait", l,
                static_cast<double>(stats.retried));
    metrics.add("ingest_dlq_items_total", "Records moved to the dead-letter table", l,
                static_cast<double>(stats.dead_lettered));
    if (!reason.empty() && (stats.retried > 0 || stats.dead_lettered > 0)) {
        spdlog::warn("sink '{}': {} delivered, {} to retry, {} dead-lettered: {}", sk.cfg.id,
                     stats.delivered, stats.retried, stats.dead_lettered, reason);
    }
}

// ------------------------------------------------------------------------ lifecycle --

void engine::impl::check_done() {
    if (!options_.once && !stopping_) {
        return;
    }
    if (!stopping_) {
        for (auto const& s : sources_) {
            if (!s.exhausted) {
                return;
            }
        }
        begin_stop();
        return;
    }
    for (auto const& sk : sinks_) {
        if (sk.busy) {
            return;
        }
        auto next = state_->next_due_ms(sk.cfg.id);
        if (next && steady::now() < drain_until_ &&
            steady::now() +
                    std::chrono::milliseconds(std::max<std::int64_t>(0, *next - wall_ms())) <=
                drain_until_) {
            return;  // something is still due before the deadline
        }
    }
    finish();
}

void engine::impl::begin_stop() {
    if (stopping_.exchange(true) && sources_stopped_) {
        return;
    }
    sources_stopped_ = true;
    if (options_.on_stopping) {
        options_.on_stopping();
    }
    drain_until_ = steady::now() + options_.drain_deadline;
    for (auto& s : sources_) {
        s.timer->cancel();
        auto status = s.inst->stop();
        if (!status.ok()) {
            spdlog::error("{}", status.message);
        }
    }
    process_pending();
    for (std::size_t i = 0; i < sinks_.size(); ++i) {
        drain(i);
    }
    // A deadline guard: whatever is still in flight then stays in the outbox.
    auto guard = std::make_shared<asio::steady_timer>(io_, options_.drain_deadline);
    guard->async_wait([this, guard](boost::system::error_code ec) {
        if (!ec) {
            spdlog::warn("drain deadline reached; undelivered records stay in the outbox");
            finish();
        }
    });
    check_done();
}

void engine::impl::finish() {
    for (auto& sk : sinks_) {
        sk.timer->cancel();
    }
    signals_.cancel();
    io_.stop();
}

void engine::impl::request_stop() {
    asio::post(io_, [this] { begin_stop(); });
}

int engine::impl::run() {
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    signals_.async_wait([this](boost::system::error_code ec, int sig) {
        if (!ec) {
            spdlog::info("signal {}: stopping sources, draining outboxes (at most {} ms)", sig,
                         options_.drain_deadline.count());
            begin_stop();
        }
    });
    for (auto& sk : sinks_) {
        auto status = sk.inst->start();
        if (!status.ok()) {
            throw std::runtime_error(status.message);
        }
    }
    for (auto& s : sources_) {
        auto status = s.inst->start();
        if (!status.ok()) {
            throw std::runtime_error(status.message);
        }
    }
    for (std::size_t i = 0; i < sources_.size(); ++i) {
        schedule_source(
            i, options_.once ? std::chrono::milliseconds(0)
                             : jitter(std::min(sources_[i].cfg.jitter, sources_[i].cfg.interval)));
    }
    for (std::size_t i = 0; i < sinks_.size(); ++i) {
        asio::post(io_, [this, i] { drain(i); });  // what an earlier run left in the outbox
    }
    if (options_.on_ready) {
        asio::post(io_, options_.on_ready);
    }
    if (options_.once && sources_.empty()) {
        asio::post(io_, [this] { begin_stop(); });
    }
    io_.run();
    workers_.join();  // a batch still running in a sink finishes before the sinks stop
    for (auto& sk : sinks_) {
        auto status = sk.inst->stop();
        if (!status.ok()) {
            spdlog::error("{}", status.message);
        }
        auto const backlog = state_->backlog(sk.cfg.id);
        std::lock_guard<std::mutex> lock(sink_stats_mutex_);
        sk.stats.backlog = backlog;
    }
    if (options_.once && summary().any_dead_lettered()) {
        exit_code_ = 2;
    }
    return exit_code_;
}

run_summary engine::impl::summary() const {
    run_summary out = totals_;
    for (auto const& s : sources_) {
        out.sources.push_back(s.stats);
    }
    std::lock_guard<std::mutex> lock(sink_stats_mutex_);
    for (auto const& sk : sinks_) {
        out.sinks.push_back(sk.stats);
    }
    return out;
}

// ----------------------------------------------------------------------------- facade --

engine::engine(config::configuration cfg, plugin_registry const& registry, engine_options options)
    : impl_(std::make_unique<impl>(std::move(cfg), registry, options)) {}
engine::~engine() = default;
int engine::run() {
    return impl_->run();
}
void engine::request_stop() {
    impl_->request_stop();
}
run_summary engine::summary() const {
    return impl_->summary();
}
metrics_registry& engine::metrics() noexcept {
    return impl_->metrics;
}
void engine::on_loop(std::function<void()> fn) {
    impl_->post_to_loop(std::move(fn));
}

}  // namespace ingest::core
