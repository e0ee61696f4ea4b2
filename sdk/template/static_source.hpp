// Source "static": emits a fixed list of items from its configuration, once each, and
// remembers in the state store how far the core has acknowledged them, so that a restart
// continues where the last run stopped. Small, but it touches most of the SDK: settings of
// three types, emit with back-pressure, acknowledgements and a checkpoint, schedule_poll,
// stop_requested, logging and metrics.
//
// Items are numbered from 1 in the order of the `items` setting; the number is the item's
// acknowledgement token. The checkpoint (state key "checkpoint") is the count of items at
// the start of the list that are finished: acknowledged done, or failed (the core has put
// those in quarantine). An item acknowledged "retry later" is emitted again on a later poll.
#pragma once

#include <ingest/sdk.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace acme::static_source {

class static_source final : public ingest::sdk::source {
public:
    static constexpr ingest::sdk::plugin_info info{
        "static", "0.1.0", "Emits the items listed in its configuration, once each"};
    /// Defined in plugin.cpp.
    static ingest::sdk::settings_spec settings();

    explicit static_source(ingest::sdk::context& ctx);

protected:
    /// Reads the checkpoint.
    void start() override;
    /// Emits every item that is neither finished nor in flight.
    void poll(ingest::sdk::poll_context& poll) override;
    /// Finishes (done, failed) or releases (retry later) an item; advances the checkpoint.
    void on_ack(ingest::sdk::ack const& ack) override;

private:
    void advance_checkpoint();

    ingest::sdk::context& ctx_;
    std::vector<std::string> items_;
    std::string media_type_;
    std::chrono::milliseconds retry_delay_;
    std::size_t checkpoint_ = 0;      // items [0, checkpoint_) are finished
    std::set<std::size_t> finished_;  // finished items past the checkpoint
    std::set<std::size_t> in_flight_;
};

}  // namespace acme::static_source
