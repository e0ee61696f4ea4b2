#include "plugin_host/plugin_instance.hpp"

#include <chrono>
#include <exception>
#include <mutex>
#include <unordered_set>

namespace ingest::core {

namespace {

std::string_view view(ingest_str s) {
    return s.data == nullptr ? std::string_view() : std::string_view(s.data, s.size);
}

host_services& services_of(void* ctx) {
    return *static_cast<host_services*>(ctx);
}

// The ingest_host table: C trampolines into host_services. None lets an exception out.
void host_log(void* ctx, ingest_log_level level, ingest_str message) {
    try {
        services_of(ctx).log(level, view(message));
    } catch (...) {
    }
}

void host_metric(void* ctx, ingest_metric_kind kind, ingest_str name, ingest_str help,
                 ingest_kv const* labels, size_t labels_count, double value) {
    try {
        std::vector<std::pair<std::string, std::string>> l;
        for (size_t i = 0; i < labels_count; ++i) {
            l.emplace_back(view(labels[i].key), view(labels[i].value));
        }
        services_of(ctx).metric(kind, view(name), view(help), l, value);
    } catch (...) {
    }
}

ingest_rc host_state_get(void* ctx, ingest_str key, void (*found)(void*, ingest_str), void* user) {
    try {
        if (auto v = services_of(ctx).state_get(view(key))) {
            found(user, ingest_str{v->data(), v->size()});
        }
        return INGEST_OK;
    } catch (...) {
        return INGEST_ERROR;
    }
}

ingest_rc host_state_put(void* ctx, ingest_str key, ingest_str value) {
    try {
        return services_of(ctx).state_put(view(key), view(value)) ? INGEST_OK : INGEST_ERROR;
    } catch (...) {
        return INGEST_ERROR;
    }
}

ingest_rc host_state_erase(void* ctx, ingest_str key) {
    try {
        return services_of(ctx).state_erase(view(key)) ? INGEST_OK : INGEST_ERROR;
    } catch (...) {
        return INGEST_ERROR;
    }
}

ingest_rc host_http(void* ctx, ingest_http_request const* request, ingest_http_callback done,
                    void* user) {
    try {
        return services_of(ctx).http_request(*request, done, user);
    } catch (...) {
        return INGEST_ERROR;
    }
}

ingest_rc host_emit(void* ctx, ingest_item const* item) {
    try {
        return services_of(ctx).emit(*item);
    } catch (...) {
        return INGEST_ERROR;
    }
}

void host_schedule_poll(void* ctx, uint64_t delay_ms) {
    try {
        services_of(ctx).schedule_poll(delay_ms);
    } catch (...) {
    }
}

int32_t host_stop_requested(void* ctx) {
    try {
        return services_of(ctx).stop_requested() ? 1 : 0;
    } catch (...) {
        return 1;
    }
}

int64_t host_now_ms(void* ctx) {
    try {
        return services_of(ctx).now_ms();
    } catch (...) {
        return 0;
    }
}

/// Carries a batch completion across the C boundary. Two references: the caller's and the
/// callback's; whoever drops the last frees it. That way a plugin that breaks the contract
/// (calls done() and also returns an error) cannot make the core free it twice.
struct batch_completion {
    plugin_instance::batch_callback done;
};

/// The completions a sink still owes. batch_done() only acts on a pointer that is in here
/// (compared by value, never dereferenced otherwise), so a plugin that breaks the contract
/// (calls done() after returning an error, or twice) can make the core neither free a
/// completion twice nor use a freed one; and a failed write_batch() frees its completion at
/// once instead of keeping it for a call that should never come.
class pending_completions {
public:
    void add(batch_completion* c) {
        std::lock_guard<std::mutex> lock(mutex_);
        live_.insert(c);
    }
    /// Takes c out; nullptr when it is not (or no longer) pending.
    std::unique_ptr<batch_completion> take(void* c) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = live_.find(static_cast<batch_completion*>(c));
        if (it == live_.end()) {
            return nullptr;
        }
        live_.erase(it);
        return std::unique_ptr<batch_completion>(static_cast<batch_completion*>(c));
    }

private:
    std::mutex mutex_;
    std::unordered_set<batch_completion*> live_;
};

pending_completions& pending() {
    static pending_completions instance;  // shared by every sink instance
    return instance;
}

void batch_done(void* user, ingest_delivery_result const* results, size_t count) {
    auto c = pending().take(user);
    if (!c) {
        return;  // abandoned (write_batch failed) or already completed: ignored
    }
    try {
        std::vector<delivery_outcome> out;
        out.reserve(count);
        for (size_t i = 0; i < count; ++i) {
            out.push_back({results[i].status, results[i].retry_after_ms,
                           std::string(view(results[i].reason))});
        }
        c->done(std::move(out));
    } catch (...) {
        // The core's own callback must not throw; if it does, the batch stays in the
        // outbox and is retried, which is safe.
    }
}

ingest_rc release_trampoline(void* user, ingest_release const* r) {
    try {
        return (*static_cast<plugin_instance::release_callback const*>(user))(*r);
    } catch (...) {
        return INGEST_ERROR;
    }
}

}  // namespace

ingest_rc host_services::http_request(ingest_http_request const&, ingest_http_callback, void*) {
    return INGEST_UNSUPPORTED;
}
ingest_rc host_services::emit(ingest_item const&) {
    return INGEST_UNSUPPORTED;
}
void host_services::schedule_poll(std::uint64_t) {}
bool host_services::stop_requested() {
    return false;
}
std::int64_t host_services::now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::uint32_t host_services::run_flags() const {
    return 0;
}

std::unique_ptr<plugin_instance> plugin_instance::create(
    plugin_module_ptr module, std::string id, std::vector<ingest_setting_value> const& settings,
    std::shared_ptr<host_services> services, call_status& status) {
    std::unique_ptr<plugin_instance> self(new plugin_instance());
    self->module_ = std::move(module);
    self->id_ = std::move(id);
    self->services_ = std::move(services);
    auto& h = self->host_;
    h.struct_size = sizeof h;
    h.host_ctx = self->services_.get();
    h.abi_major = INGEST_ABI_VERSION_MAJOR;
    h.abi_minor = INGEST_ABI_VERSION_MINOR;
    h.instance_id = ingest_str{self->id_.data(), self->id_.size()};
    h.log = &host_log;
    h.metric = &host_metric;
    h.state_get = &host_state_get;
    h.state_put = &host_state_put;
    h.state_erase = &host_state_erase;
    h.http_request = &host_http;
    h.emit = &host_emit;
    h.schedule_poll = &host_schedule_poll;
    h.stop_requested = &host_stop_requested;
    h.now_ms = &host_now_ms;
    h.run_flags = self->services_->run_flags();

    auto* raw = self.get();
    status = self->guarded("create", [&](ingest_error* err) {
        return raw->module_->descriptor().create(&raw->host_, settings.data(), settings.size(),
                                                 &raw->instance_, err);
    });
    if (!status.ok()) {
        self->instance_ = nullptr;
        return nullptr;
    }
    return self;
}

plugin_instance::~plugin_instance() {
    if (instance_ != nullptr) {
        try {
            module_->descriptor().destroy(instance_);
        } catch (...) {
            log_failure(module_->label() + " [" + id_ + "]: destroy threw");
        }
    }
}

void plugin_instance::log_failure(std::string const& message) {
    if (services_) {
        try {
            services_->log(INGEST_LOG_ERROR, message);
        } catch (...) {
        }
    }
}

template <class F>
call_status plugin_instance::guarded(char const* call, F&& f) {
    char buffer[1024];
    ingest_error err{buffer, sizeof buffer, 0};
    buffer[0] = '\0';
    call_status status;
    try {
        status.rc = f(&err);
        if (status.rc != INGEST_OK) {
            status.message = std::string(buffer, std::min(err.size, sizeof buffer - 1));
            if (status.message.empty()) {
                status.message =
                    "no message (rc " + std::to_string(static_cast<int>(status.rc)) + ")";
            }
        }
    } catch (std::exception const& e) {
        // Only a plugin that bypassed the SDK's trampolines gets here.
        status.rc = INGEST_ERROR;
        status.message = std::string("exception escaped the plugin boundary: ") + e.what();
    } catch (...) {
        status.rc = INGEST_ERROR;
        status.message = "exception escaped the plugin boundary";
    }
    if (status.ok()) {
        consecutive_failures_ = 0;
        return status;
    }
    ++consecutive_failures_;
    ++total_failures_;
    status.message = module_->label() + " [" + id_ + "]: " + call + " failed: " + status.message;
    return status;
}

call_status plugin_instance::start() {
    return guarded("start",
                   [&](ingest_error* err) { return module_->descriptor().start(instance_, err); });
}

call_status plugin_instance::stop() {
    return guarded("stop",
                   [&](ingest_error* err) { return module_->descriptor().stop(instance_, err); });
}

call_status plugin_instance::poll() {
    return guarded("poll",
                   [&](ingest_error* err) { return module_->descriptor().poll(instance_, err); });
}

void plugin_instance::ack(std::uint64_t token, ingest_ack_outcome outcome,
                          std::string_view detail) {
    auto status = guarded("ack", [&](ingest_error*) {
        module_->descriptor().ack(instance_, token, outcome,
                                  ingest_str{detail.data(), detail.size()});
        return INGEST_OK;
    });
    if (!status.ok()) {
        log_failure(status.message);
    }
}

call_status plugin_instance::decode(ingest_decode_input const& input, release_callback const& out) {
    return guarded("decode", [&](ingest_error* err) {
        return module_->descriptor().decode(instance_, &input, &release_trampoline,
                                            const_cast<release_callback*>(&out), err);
    });
}

call_status plugin_instance::transform(ingest_release const& input, release_callback const& out) {
    return guarded("transform", [&](ingest_error* err) {
        return module_->descriptor().transform(instance_, &input, &release_trampoline,
                                               const_cast<release_callback*>(&out), err);
    });
}

call_status plugin_instance::write_batch(std::vector<ingest_release const*> const& records,
                                         batch_callback done) {
    auto* completion = new batch_completion{std::move(done)};
    pending().add(completion);
    auto status = guarded("write_batch", [&](ingest_error* err) {
        return module_->descriptor().write_batch(instance_, records.data(), records.size(),
                                                 &batch_done, completion, err);
    });
    if (!status.ok()) {
        // The contract says done() is not called now: drop the completion (a late done()
        // from a broken plugin finds nothing and is ignored).
        pending().take(completion);
    }
    return status;
}

}  // namespace ingest::core
