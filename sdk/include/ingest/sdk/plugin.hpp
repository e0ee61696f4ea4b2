// Base classes for the four plugin kinds, and INGEST_PLUGIN(Class), which turns a class into
// the C ABI entry point of a plugin library.
//
// What an author implements: a class deriving from exactly one of source, decoder,
// transform or sink, with
//   static constexpr ingest::sdk::plugin_info info{"name", "1.0.0", "one line"};
//   static ingest::sdk::settings_spec settings();
//   explicit Class(ingest::sdk::context& ctx);
// and the kind's protected hooks (poll/on_ack, decode, transform, write_batch).
//
// What is handled for the author: the descriptor and settings table, creation and
// destruction, error translation (every trampoline is noexcept; invalid_input becomes
// INGEST_INVALID_INPUT, retry_later INGEST_RETRY, any other exception INGEST_ERROR with its
// message), and locking: the hooks of one source or sink instance never run concurrently.
// Decoders and transforms are pure and may be called concurrently: they take no lock.
#pragma once

#include <ingest/plugin_abi.h>
#include <ingest/sdk/context.hpp>
#include <ingest/sdk/release.hpp>
#include <ingest/sdk/settings.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace ingest::sdk {

/// Identity of a plugin: name (unique, [a-z0-9._-]), version, one-line description.
struct plugin_info {
    char const* name;
    char const* version;
    char const* description;
};

namespace detail {
struct access;
}

// ----------------------------------------------------------------------------- sources --

/// An item a source hands to the core.
struct item {
    std::uint64_t token = 0;  ///< acknowledgement token, unique among unacknowledged items
    std::string payload;
    std::string media_type;
    std::string origin_uri;
    std::string file_name;
    std::map<std::string, std::string> metadata;
    std::optional<release> record;  ///< set when the source produced the release itself
};

/// What the core did with an item.
enum class ack_outcome : int {
    done = INGEST_ACK_DONE,
    failed = INGEST_ACK_FAILED,
    retry_later = INGEST_ACK_RETRY_LATER,
};

struct ack {
    std::uint64_t token;
    ack_outcome outcome;
    std::string_view detail;
};

/// Passed to source::poll(): emits items to the core.
class poll_context {
public:
    explicit poll_context(context& ctx) : ctx_(ctx) {}

    /// Hands an item to the core. Returns false when the core is full: stop emitting and
    /// return; the item was not taken.
    bool emit(item const& it) {
        std::vector<ingest_kv> meta;
        for (auto const& [k, v] : it.metadata) {
            meta.push_back({to_abi(k), to_abi(v)});
        }
        ingest_item c{};
        c.struct_size = sizeof c;
        c.token = it.token;
        c.payload = to_abi(it.payload);
        c.media_type = to_abi(it.media_type);
        c.origin_uri = to_abi(it.origin_uri);
        c.file_name = to_abi(it.file_name);
        c.metadata = meta.data();
        c.metadata_count = meta.size();
        c.release = it.record ? &it.record->view() : nullptr;
        auto rc = ctx_.abi().emit(ctx_.abi().host_ctx, &c);
        if (rc == INGEST_RETRY) {
            return false;
        }
        if (rc != INGEST_OK) {
            throw retry_later("the core refused the item " + it.origin_uri);
        }
        return true;
    }

    bool stop_requested() const { return ctx_.stop_requested(); }

private:
    context& ctx_;
};

/// Base of source plugins. Implement poll() and on_ack(); start()/stop() are optional.
class source {
public:
    virtual ~source() = default;

protected:
    /// Opens what the source needs. Called once before the first poll.
    virtual void start() {}
    /// Releases it. No emit happens after stop() returns.
    virtual void stop() {}
    /// Emits the items that are ready. Must not block for long.
    virtual void poll(poll_context& poll) = 0;
    /// Only after ack_outcome::done may the source advance its checkpoint for the token.
    virtual void on_ack(ack const& a) = 0;

private:
    friend struct detail::access;
    std::mutex mutex_;
};

// ---------------------------------------------------------------------------- decoders --

/// Input of a decoder (borrowed for the duration of decode()).
struct decode_input {
    std::string_view payload;
    std::string_view media_type;
    std::string_view origin_uri;
    std::string_view file_name;
    std::map<std::string, std::string> metadata;
    /// payload.data() itself, writable, when the host will not read the payload after
    /// decode() returns (ABI 1.2; ingestd always gives it): the decoder may overwrite those
    /// payload.size() bytes, e.g. to parse in place without a copy. nullptr: read-only.
    char* writable_payload = nullptr;
};

/// Receives releases from a decoder or transform.
class release_emitter {
public:
    release_emitter(ingest_release_out out, void* user) : out_(out), user_(user) {}

    /// Passes a release to the core (which copies it). Returns false when the core asks to
    /// stop producing: return from the hook then.
    /// Once the core has said stop, later calls return false without calling the core.
    bool emit(release const& r) {
        if (rc_ != INGEST_OK) {
            return false;
        }
        rc_ = out_(user_, &r.view());
        ++count_;
        return rc_ == INGEST_OK;
    }
    std::size_t count() const noexcept { return count_; }
    ingest_rc last_rc() const noexcept { return rc_; }

private:
    ingest_release_out out_;
    void* user_;
    ingest_rc rc_ = INGEST_OK;
    std::size_t count_ = 0;
};

/// Base of decoder plugins: bytes in, releases out. Pure: no I/O, no state. Optionally
/// declare `static std::vector<std::string> media_types();` and `file_patterns();`.
class decoder {
public:
    virtual ~decoder() = default;

protected:
    /// Throw invalid_input for bytes this decoder cannot read (with where and why).
    virtual void decode(decode_input const& in, release_emitter& out) = 0;

private:
    friend struct detail::access;
};

// -------------------------------------------------------------------------- transforms --

/// Base of transform plugins: one release in, zero (filtered) or more out. Pure.
class transform {
public:
    virtual ~transform() = default;

protected:
    virtual void apply(release in, release_emitter& out) = 0;

private:
    friend struct detail::access;
};

// ------------------------------------------------------------------------------- sinks --

/// A batch handed to a sink. Report an outcome per record, then complete() (or let the
/// batch go out of scope: records without an outcome are then retried). Safe to move into
/// an asynchronous operation and complete from another thread.
///
/// The core learns the outcomes exactly once, and only when write_batch() returned normally:
/// a completion that happens while the write_batch() hook is still running (explicitly, or
/// because the batch was destroyed) is held back until the hook returns, and dropped when
/// the hook throws (the whole batch is then retried by the core).
class batch {
public:
    batch(std::vector<release> records, ingest_batch_done done, void* user)
        : state_(std::make_shared<state>()) {
        state_->records = std::move(records);
        state_->results.assign(state_->records.size(),
                               result{INGEST_DELIVERY_RETRY, 0, "no outcome reported by sink"});
        state_->done = done;
        state_->user = user;
    }
    batch(batch&&) noexcept = default;
    batch& operator=(batch&& o) noexcept {
        if (this != &o) {
            if (state_) {
                complete();
            }
            state_ = std::move(o.state_);
        }
        return *this;
    }
    batch(batch const&) = delete;
    batch& operator=(batch const&) = delete;
    ~batch() {
        if (state_) {
            complete();
        }
    }

    std::vector<release> const& records() const noexcept { return state_->records; }
    std::size_t size() const noexcept { return state_->records.size(); }

    void delivered(std::size_t i) { state_->results.at(i) = {INGEST_DELIVERED, 0, {}}; }
    void retry(std::size_t i, std::string reason, std::uint64_t after_ms = 0) {
        state_->results.at(i) = {INGEST_DELIVERY_RETRY, after_ms, std::move(reason)};
    }
    void rejected(std::size_t i, std::string reason) {
        state_->results.at(i) = {INGEST_DELIVERY_REJECTED, 0, std::move(reason)};
    }
    void all_delivered() {
        for (std::size_t i = 0; i < size(); ++i) {
            delivered(i);
        }
    }
    void all_retry(std::string const& reason, std::uint64_t after_ms = 0) {
        for (std::size_t i = 0; i < size(); ++i) {
            retry(i, reason, after_ms);
        }
    }

    /// Reports the outcomes to the core. Only the first call has an effect; outcomes set
    /// after it are ignored.
    void complete() {
        std::vector<result> snapshot;
        {
            std::lock_guard<std::mutex> lock(state_->mutex);
            if (state_->completed) {
                return;
            }
            state_->completed = true;
            if (state_->in_call) {
                state_->deferred = state_->results;
                return;
            }
            snapshot = state_->results;
        }
        deliver(*state_, snapshot);
    }

private:
    friend struct detail::access;
    struct result {
        ingest_delivery_status status;
        std::uint64_t retry_after_ms;
        std::string reason;
    };
    struct state {
        std::vector<release> records;
        std::vector<result> results;
        ingest_batch_done done = nullptr;
        void* user = nullptr;
        std::mutex mutex;
        // in_call: the write_batch() hook has not returned yet. completed: complete() ran,
        // or the batch was abandoned. deferred: the outcomes of a completion during the call.
        bool in_call = false;
        bool completed = false;
        std::optional<std::vector<result>> deferred;
    };

    static void deliver(state const& st, std::vector<result> const& results) {
        std::vector<ingest_delivery_result> out;
        out.reserve(results.size());
        for (auto const& r : results) {
            out.push_back({r.status, r.retry_after_ms, to_abi(r.reason)});
        }
        st.done(st.user, out.data(), out.size());
    }

    std::shared_ptr<state> state_;
};

/// Base of sink plugins. write_batch() reports per record: delivered, retry, rejected.
class sink {
public:
    virtual ~sink() = default;

protected:
    virtual void start() {}
    virtual void stop() {}
    /// Deliver the batch, synchronously or by moving it into an asynchronous operation.
    /// Throwing means "the whole batch failed, retry it later"; the batch is not completed.
    virtual void write_batch(batch b) = 0;

private:
    friend struct detail::access;
    std::mutex mutex_;
};

// ---------------------------------------------------------------------- the trampolines --

namespace detail {

template <class T, class = void>
struct has_media_types : std::false_type {};
template <class T>
struct has_media_types<T, std::void_t<decltype(T::media_types())>> : std::true_type {};
template <class T, class = void>
struct has_file_patterns : std::false_type {};
template <class T>
struct has_file_patterns<T, std::void_t<decltype(T::file_patterns())>> : std::true_type {};
template <class T, class = void>
struct has_info : std::false_type {};
template <class T>
struct has_info<T, std::void_t<decltype(T::info.name)>> : std::true_type {};
template <class T, class = void>
struct has_settings : std::false_type {};
template <class T>
struct has_settings<T, std::enable_if_t<std::is_same_v<decltype(T::settings()), settings_spec>>>
    : std::true_type {};
template <class T, class = void>
struct has_unload_safe : std::false_type {};
template <class T>
struct has_unload_safe<T, std::void_t<decltype(T::unload_safe)>> : std::true_type {};

/// Runs f, turning every exception into an ABI result code plus message.
template <class F>
ingest_rc guarded(ingest_error* err, F&& f) noexcept {
    try {
        f();
        return INGEST_OK;
    } catch (invalid_input const& e) {
        ingest_error_set(err, e.what(), std::char_traits<char>::length(e.what()));
        return INGEST_INVALID_INPUT;
    } catch (retry_later const& e) {
        ingest_error_set(err, e.what(), std::char_traits<char>::length(e.what()));
        return INGEST_RETRY;
    } catch (std::exception const& e) {
        ingest_error_set(err, e.what(), std::char_traits<char>::length(e.what()));
        return INGEST_ERROR;
    } catch (...) {
        static constexpr char msg[] = "plugin threw a non-standard exception";
        ingest_error_set(err, msg, sizeof msg - 1);
        return INGEST_ERROR;
    }
}

template <class P>
struct instance {
    instance(ingest_host const* host, settings s) : ctx(host, std::move(s)) {}
    context ctx;
    std::unique_ptr<P> plugin;  // destroyed before ctx
};

/// Grants the trampolines access to the protected hooks.
struct access {
    static void start(source& s) {
        std::lock_guard<std::mutex> lock(s.mutex_);
        s.start();
    }
    static void stop(source& s) {
        std::lock_guard<std::mutex> lock(s.mutex_);
        s.stop();
    }
    static void poll(source& s, poll_context& p) {
        std::lock_guard<std::mutex> lock(s.mutex_);
        s.poll(p);
    }
    static void on_ack(source& s, ack const& a) {
        std::lock_guard<std::mutex> lock(s.mutex_);
        s.on_ack(a);
    }
    static void decode(decoder& d, decode_input const& in, release_emitter& out) {
        d.decode(in, out);
    }
    static void apply(transform& t, release in, release_emitter& out) {
        t.apply(std::move(in), out);
    }
    static void start(sink& s) {
        std::lock_guard<std::mutex> lock(s.mutex_);
        s.start();
    }
    static void stop(sink& s) {
        std::lock_guard<std::mutex> lock(s.mutex_);
        s.stop();
    }
    static void write_batch(sink& s, batch b) {
        std::lock_guard<std::mutex> lock(s.mutex_);
        s.write_batch(std::move(b));
    }
    /// Marks the batch as being inside the write_batch() hook (completion is deferred).
    static std::shared_ptr<void> begin_call(batch const& b) {
        std::lock_guard<std::mutex> lock(b.state_->mutex);
        b.state_->in_call = true;
        return b.state_;
    }
    /// The hook returned (returned_ok) or threw: deliver a deferred completion, or drop it.
    static void end_call(std::shared_ptr<void> const& st, bool returned_ok) {
        auto& s = *static_cast<batch::state*>(st.get());
        std::optional<std::vector<batch::result>> deferred;
        {
            std::lock_guard<std::mutex> lock(s.mutex);
            s.in_call = false;
            if (!returned_ok) {
                s.completed = true;  // abandoned: the core retries the whole batch
                return;
            }
            deferred.swap(s.deferred);
        }
        if (deferred) {
            batch::deliver(s, *deferred);
        }
    }
};

template <class P>
P& self(void* inst) {
    return *static_cast<instance<P>*>(inst)->plugin;
}

template <class P>
ingest_rc create(ingest_host const* host, ingest_setting_value const* values, std::size_t count,
                 void** out, ingest_error* err) noexcept {
    return guarded(err, [&] {
        auto inst = std::make_unique<instance<P>>(host, settings(values, count));
        inst->plugin = std::make_unique<P>(inst->ctx);
        *out = inst.release();
    });
}

template <class P>
void destroy(void* inst) noexcept {
    try {
        delete static_cast<instance<P>*>(inst);
    } catch (...) {
        // A destructor that throws would terminate anyway; nothing sensible to report to.
    }
}

template <class P>
ingest_rc start(void* inst, ingest_error* err) noexcept {
    return guarded(err, [&] { access::start(self<P>(inst)); });
}

template <class P>
ingest_rc stop(void* inst, ingest_error* err) noexcept {
    return guarded(err, [&] { access::stop(self<P>(inst)); });
}

template <class P>
ingest_rc poll(void* inst, ingest_error* err) noexcept {
    return guarded(err, [&] {
        auto* i = static_cast<instance<P>*>(inst);
        poll_context p(i->ctx);
        access::poll(*i->plugin, p);
    });
}

template <class P>
void on_ack(void* inst, std::uint64_t token, ingest_ack_outcome outcome,
            ingest_str detail) noexcept {
    char buf[512];
    ingest_error err{buf, sizeof buf, 0};
    auto rc = guarded(&err, [&] {
        access::on_ack(self<P>(inst),
                       ack{token, static_cast<ack_outcome>(outcome), to_view(detail)});
    });
    if (rc != INGEST_OK) {
        // ack has no error channel: report through the host log.
        auto& ctx = static_cast<instance<P>*>(inst)->ctx;
        std::string msg = "on_ack failed: ";
        msg.append(buf, err.size);
        ctx.abi().log(ctx.abi().host_ctx, INGEST_LOG_ERROR, to_abi(msg));
    }
}

/// The ABI: when out() returns non-OK the plugin stops producing and returns that code.
inline ingest_rc emitter_result(ingest_rc hook_rc, release_emitter const& emitter,
                                ingest_error* err) noexcept {
    if (emitter.last_rc() == INGEST_OK) {
        return hook_rc;
    }
    if (hook_rc == INGEST_OK) {
        static constexpr char msg[] = "the core stopped taking releases";
        ingest_error_set(err, msg, sizeof msg - 1);
    }
    return emitter.last_rc();
}

template <class P>
ingest_rc decode(void* inst, ingest_decode_input const* in, ingest_release_out out, void* user,
                 ingest_error* err) noexcept {
    release_emitter emitter(out, user);
    auto rc = guarded(err, [&] {
        decode_input input{to_view(in->payload),
                           to_view(in->media_type),
                           to_view(in->origin_uri),
                           to_view(in->file_name),
                           {},
                           nullptr};
        for (std::size_t i = 0; i < in->metadata_count; ++i) {
            input.metadata[to_string(in->metadata[i].key)] = to_string(in->metadata[i].value);
        }
        if (in->struct_size >=
                offsetof(ingest_decode_input, payload_writable) + sizeof in->payload_writable &&
            in->payload_writable == in->payload.data) {
            input.writable_payload = in->payload_writable;
        }
        access::decode(self<P>(inst), input, emitter);
    });
    return emitter_result(rc, emitter, err);
}

template <class P>
ingest_rc apply(void* inst, ingest_release const* in, ingest_release_out out, void* user,
                ingest_error* err) noexcept {
    release_emitter emitter(out, user);
    auto rc = guarded(err, [&] { access::apply(self<P>(inst), release(*in), emitter); });
    return emitter_result(rc, emitter, err);
}

template <class P>
ingest_rc write_batch(void* inst, ingest_release const* const* records, std::size_t count,
                      ingest_batch_done done, void* user, ingest_error* err) noexcept {
    std::shared_ptr<void> st;
    auto rc = guarded(err, [&] {
        std::vector<release> copies;
        copies.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            copies.emplace_back(*records[i]);
        }
        batch b(std::move(copies), done, user);
        st = access::begin_call(b);
        access::write_batch(self<P>(inst), std::move(b));
    });
    if (st) {
        // The contract: done() exactly once after an OK return, never after any other.
        // The batch handed to the hook is destroyed before guarded() catches, so a
        // completion it triggered while unwinding is only dropped here.
        access::end_call(st, rc == INGEST_OK);
    }
    return rc;
}

/// Owns the static descriptor of plugin class P and the storage it points into.
template <class P>
struct descriptor_holder {
    std::vector<setting_decl> decls;
    std::vector<std::vector<ingest_str>> allowed;
    std::vector<ingest_setting_spec> specs;
    std::vector<std::string> media_types;
    std::vector<std::string> file_patterns;
    std::vector<ingest_str> media_types_abi;
    std::vector<ingest_str> file_patterns_abi;
    ingest_plugin_descriptor d{};

    descriptor_holder() {
        static_assert(has_info<P>::value,
                      "an ingest plugin class needs: static constexpr ingest::sdk::plugin_info "
                      "info{\"name\", \"version\", \"description\"};");
        static_assert(has_settings<P>::value,
                      "an ingest plugin class needs: static ingest::sdk::settings_spec "
                      "settings();");
        static_assert(std::is_constructible_v<P, context&>,
                      "an ingest plugin class needs: explicit P(ingest::sdk::context& ctx);");
        constexpr int kinds =
            int(std::is_base_of_v<source, P>) + int(std::is_base_of_v<decoder, P>) +
            int(std::is_base_of_v<transform, P>) + int(std::is_base_of_v<sink, P>);
        static_assert(kinds == 1,
                      "an ingest plugin class derives from exactly one of ingest::sdk::source, "
                      "decoder, transform or sink");

        decls = P::settings().items();
        allowed.resize(decls.size());
        for (std::size_t i = 0; i < decls.size(); ++i) {
            auto const& s = decls[i];
            for (auto const& a : s.allowed) {
                allowed[i].push_back(to_abi(a));
            }
            ingest_setting_spec spec{};
            spec.name = to_abi(s.name);
            spec.type = static_cast<ingest_setting_type>(s.type);
            spec.required = s.required ? 1 : 0;
            spec.has_default = s.default_value ? 1 : 0;
            spec.default_value = s.default_value ? to_abi(*s.default_value) : ingest_str{};
            spec.description = to_abi(s.description);
            spec.allowed = allowed[i].data();
            spec.allowed_count = allowed[i].size();
            specs.push_back(spec);
        }

        d.struct_size = sizeof d;
        d.abi_major = INGEST_ABI_VERSION_MAJOR;
        d.abi_minor = INGEST_ABI_VERSION_MINOR;
        d.name = to_abi(P::info.name);
        d.version = to_abi(P::info.version);
        d.description = to_abi(P::info.description);
        d.settings = specs.data();
        d.settings_count = specs.size();
        if constexpr (has_unload_safe<P>::value) {
            d.flags = P::unload_safe ? INGEST_PLUGIN_UNLOAD_SAFE : 0u;
        }
        d.create = &create<P>;
        d.destroy = &destroy<P>;
        if constexpr (std::is_base_of_v<source, P>) {
            d.kind = INGEST_KIND_SOURCE;
            d.start = &start<P>;
            d.stop = &stop<P>;
            d.poll = &poll<P>;
            d.ack = &on_ack<P>;
        } else if constexpr (std::is_base_of_v<decoder, P>) {
            d.kind = INGEST_KIND_DECODER;
            d.decode = &decode<P>;
            if constexpr (has_media_types<P>::value) {
                media_types = P::media_types();
            }
            if constexpr (has_file_patterns<P>::value) {
                file_patterns = P::file_patterns();
            }
            for (auto const& m : media_types) {
                media_types_abi.push_back(to_abi(m));
            }
            for (auto const& f : file_patterns) {
                file_patterns_abi.push_back(to_abi(f));
            }
            d.media_types = media_types_abi.data();
            d.media_types_count = media_types_abi.size();
            d.file_patterns = file_patterns_abi.data();
            d.file_patterns_count = file_patterns_abi.size();
        } else if constexpr (std::is_base_of_v<transform, P>) {
            d.kind = INGEST_KIND_TRANSFORM;
            d.transform = &apply<P>;
        } else {
            d.kind = INGEST_KIND_SINK;
            d.start = &start<P>;
            d.stop = &stop<P>;
            d.write_batch = &write_batch<P>;
        }
    }
};

}  // namespace detail

/// The static descriptor of plugin class P (what INGEST_PLUGIN(P) exports). Also usable
/// directly in unit tests, without loading a library.
template <class P>
ingest_plugin_descriptor const* descriptor_of() noexcept {
    try {
        static detail::descriptor_holder<P> const holder;
        return &holder.d;
    } catch (...) {
        return nullptr;
    }
}

}  // namespace ingest::sdk

/// Exports the C entry point for plugin class Class. Use once per library, at namespace
/// scope, after the class definition.
#define INGEST_PLUGIN(Class)                                                          \
    extern "C" __attribute__((visibility("default"))) ingest_plugin_descriptor const* \
    ingest_plugin_entry(uint16_t host_abi_major, uint16_t host_abi_minor) noexcept {  \
        (void)host_abi_major;                                                         \
        (void)host_abi_minor;                                                         \
        return ::ingest::sdk::descriptor_of<Class>();                                 \
    }
