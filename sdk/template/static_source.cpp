#include "static_source.hpp"

#include <charconv>
#include <string_view>

namespace acme::static_source {

namespace {

constexpr char const* checkpoint_key = "checkpoint";

}  // namespace

static_source::static_source(ingest::sdk::context& ctx)
    : ctx_(ctx),
      items_(ctx.settings().get_list("items")),
      media_type_(ctx.settings().get_string("media_type")),
      retry_delay_(ctx.settings().get_duration("retry_delay")) {
    if (items_.empty()) {
        // Thrown from the constructor: create() fails with this message.
        throw ingest::sdk::invalid_input("items: list at least one item");
    }
}

void static_source::start() {
    checkpoint_ = 0;
    if (auto stored = ctx_.state_get(checkpoint_key)) {
        std::size_t value = 0;
        auto [end, ec] = std::from_chars(stored->data(), stored->data() + stored->size(), value);
        if (ec != std::errc() || end != stored->data() + stored->size()) {
            ctx_.warn("static: ignoring an unreadable checkpoint '" + *stored + "'");
        } else {
            checkpoint_ = value < items_.size() ? value : items_.size();
        }
    }
    ctx_.info("static: " + std::to_string(items_.size() - checkpoint_) + " of " +
              std::to_string(items_.size()) + " items to emit");
}

void static_source::poll(ingest::sdk::poll_context& poll) {
    for (std::size_t i = checkpoint_; i < items_.size(); ++i) {
        if (poll.stop_requested()) {
            return;
        }
        if (finished_.count(i) != 0 || in_flight_.count(i) != 0) {
            continue;
        }
        ingest::sdk::item it;
        it.token = i + 1;
        it.payload = items_[i];
        it.media_type = media_type_;
        it.origin_uri = "static:" + std::string(ctx_.instance_id()) + "/" + std::to_string(i + 1);
        it.metadata["index"] = std::to_string(i + 1);
        if (!poll.emit(it)) {
            return;  // the core is full: the rest goes out on a later poll
        }
        in_flight_.insert(i);
        ctx_.count("static_items_emitted_total", "Items emitted by the static source");
    }
}

void static_source::on_ack(ingest::sdk::ack const& ack) {
    if (ack.token == 0 || ack.token > items_.size()) {
        ctx_.warn("static: acknowledgement of unknown token " + std::to_string(ack.token));
        return;
    }
    std::size_t const i = ack.token - 1;
    in_flight_.erase(i);
    switch (ack.outcome) {
        case ingest::sdk::ack_outcome::done:
            finished_.insert(i);
            break;
        case ingest::sdk::ack_outcome::failed:
            ctx_.warn("static: item " + std::to_string(ack.token) +
                      " failed: " + std::string(ack.detail));
            ctx_.count("static_items_failed_total", "Items the core could not process");
            finished_.insert(i);
            break;
        case ingest::sdk::ack_outcome::retry_later:
            ctx_.schedule_poll(static_cast<std::uint64_t>(retry_delay_.count()));
            break;
    }
    advance_checkpoint();
}

void static_source::advance_checkpoint() {
    std::size_t next = checkpoint_;
    while (finished_.count(next) != 0) {
        ++next;
    }
    if (next == checkpoint_) {
        return;
    }
    // Durable before it returns: after a crash the source resumes from here. When it throws
    // (the store is unavailable) nothing changes here, and the next acknowledgement retries.
    ctx_.state_put(checkpoint_key, std::to_string(next));
    for (std::size_t i = checkpoint_; i < next; ++i) {
        finished_.erase(i);
    }
    checkpoint_ = next;
}

}  // namespace acme::static_source
