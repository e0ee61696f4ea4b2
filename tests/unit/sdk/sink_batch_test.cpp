// Sink batch semantics: done() exactly once after an OK write_batch(), never after a
// failed one; records without an outcome are retried; completion may come from another
// thread, before or after write_batch() returns.
#include <ingest/sdk.hpp>
#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/samples.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

using ingest::sdk::batch;
using ingest::sdk::context;
using ingest::sdk::descriptor_of;
using ingest::sdk::plugin_info;
using ingest::sdk::release;
using ingest::sdk::setting_type;
using ingest::sdk::settings_spec;
using ingest::sdk::testing::delivery;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::minimal_release;
using ingest::sdk::testing::settings_builder;

/// A sink whose write_batch() does what its "mode" setting says.
class scripted_sink final : public ingest::sdk::sink {
public:
    static constexpr plugin_info info{"test.scripted-sink", "1.0.0", "does as told"};
    static settings_spec settings() {
        return settings_spec{}.required("mode", setting_type::string, "What write_batch does");
    }
    explicit scripted_sink(context& ctx) : mode_(ctx.settings().get_string("mode")) {}
    ~scripted_sink() override {
        if (worker_.joinable()) {
            worker_.join();
        }
    }

protected:
    void write_batch(batch b) override {
        if (mode_ == "nothing") {
            return;
        }
        if (mode_ == "mixed") {
            b.delivered(0);
            b.retry(1, "busy", 1500);
            b.rejected(2, "no title");
            return;  // completes when b goes out of scope
        }
        if (mode_ == "complete_twice") {
            b.all_delivered();
            b.complete();
            b.complete();
            b.rejected(0, "too late: ignored after complete()");
            return;
        }
        if (mode_ == "throw_after_outcomes") {
            b.all_delivered();
            throw std::runtime_error("disk gone");
        }
        if (mode_ == "complete_then_throw") {
            b.all_delivered();
            b.complete();
            throw std::runtime_error("changed my mind");
        }
        if (mode_ == "async") {
            if (worker_.joinable()) {
                worker_.join();
            }
            worker_ = std::thread([b = std::move(b)]() mutable {
                b.delivered(0);
                b.rejected(1, "from another thread");
                b.complete();
            });
            return;
        }
        if (mode_ == "keep") {
            kept_.push_back(std::move(b));  // completed later, by complete_kept()
            return;
        }
        if (mode_ == "move_assign") {
            batch other = std::move(b);
            other.all_delivered();
            return;
        }
        throw std::logic_error("unknown mode " + mode_);
    }

private:
    std::string mode_;
    std::thread worker_;
    std::vector<batch> kept_;
};

std::vector<release> three() {
    return {minimal_release("1"), minimal_release("2"), minimal_release("3")};
}

fake_host& started(fake_host& host, char const* mode) {
    auto created = host.create(settings_builder().set("mode", mode));
    EXPECT_TRUE(created) << created;
    EXPECT_TRUE(host.start());
    return host;
}

TEST(sink_batch, records_without_an_outcome_are_retried) {
    fake_host host(descriptor_of<scripted_sink>());
    auto results = started(host, "nothing").write_batch(three());
    ASSERT_TRUE(results) << results.status();
    ASSERT_EQ(results->size(), 3u);
    for (auto const& d : *results) {
        EXPECT_TRUE(d.retry());
        EXPECT_EQ(d.retry_after_ms, 0u);
        EXPECT_EQ(d.reason, "no outcome reported by sink");
    }
    EXPECT_TRUE(host.violations().empty()) << host.violations()[0];
}

TEST(sink_batch, reports_delivered_retry_with_delay_and_rejected_per_record) {
    fake_host host(descriptor_of<scripted_sink>());
    auto results = started(host, "mixed").write_batch(three());
    ASSERT_TRUE(results) << results.status();
    ASSERT_EQ(results->size(), 3u);
    EXPECT_TRUE(results.value()[0].delivered());
    EXPECT_TRUE(results.value()[1].retry());
    EXPECT_EQ(results.value()[1].retry_after_ms, 1500u);
    EXPECT_EQ(results.value()[1].reason, "busy");
    EXPECT_TRUE(results.value()[2].rejected());
    EXPECT_EQ(results.value()[2].reason, "no title");
}

TEST(sink_batch, completes_exactly_once_and_ignores_outcomes_after_complete) {
    fake_host host(descriptor_of<scripted_sink>());
    auto results = started(host, "complete_twice").write_batch(three());
    ASSERT_TRUE(results) << results.status();
    EXPECT_TRUE(results.value()[0].delivered());
    EXPECT_TRUE(host.violations().empty()) << host.violations()[0];
}

TEST(sink_batch, no_completion_after_a_throw_even_with_outcomes_reported) {
    for (char const* mode : {"throw_after_outcomes", "complete_then_throw"}) {
        fake_host host(descriptor_of<scripted_sink>());
        auto status = started(host, mode).begin_write_batch(three());
        EXPECT_EQ(status.rc, INGEST_ERROR) << mode;
        EXPECT_FALSE(host.batch_completed()) << mode;
        EXPECT_TRUE(host.violations().empty()) << mode << ": " << host.violations()[0];
        auto waited = host.wait_batch();
        EXPECT_EQ(waited.rc(), INGEST_ERROR) << mode;
    }
}

TEST(sink_batch, completes_from_another_thread) {
    fake_host host(descriptor_of<scripted_sink>());
    started(host, "async");
    for (int round = 0; round < 20; ++round) {
        auto results = host.write_batch({minimal_release("a"), minimal_release("b")});
        ASSERT_TRUE(results) << results.status();
        ASSERT_EQ(results->size(), 2u);
        EXPECT_TRUE(results.value()[0].delivered());
        EXPECT_TRUE(results.value()[1].rejected());
        EXPECT_EQ(results.value()[1].reason, "from another thread");
    }
    EXPECT_TRUE(host.violations().empty()) << host.violations()[0];
}

TEST(sink_batch, a_batch_kept_by_the_sink_completes_when_the_sink_lets_it_go) {
    fake_host host(descriptor_of<scripted_sink>());
    ASSERT_TRUE(started(host, "keep").begin_write_batch(three()));
    EXPECT_FALSE(host.batch_completed()) << "the sink still holds the batch";
    host.destroy();  // the sink drops it: records without an outcome are retried
    EXPECT_TRUE(host.batch_completed());
    auto results = host.wait_batch();
    ASSERT_TRUE(results) << results.status();
    EXPECT_TRUE(results.value()[2].retry());
}

TEST(sink_batch, survives_a_move_assignment) {
    fake_host host(descriptor_of<scripted_sink>());
    auto results = started(host, "move_assign").write_batch(three());
    ASSERT_TRUE(results) << results.status();
    EXPECT_TRUE(results.value()[1].delivered());
    EXPECT_TRUE(host.violations().empty()) << host.violations()[0];
}

TEST(sink_batch, a_batch_outside_the_trampoline_completes_on_destruction) {
    struct seen {
        int calls = 0;
        std::vector<ingest_delivery_status> statuses;
    } s;
    auto done = [](void* user, ingest_delivery_result const* r, std::size_t n) {
        auto& out = *static_cast<seen*>(user);
        ++out.calls;
        for (std::size_t i = 0; i < n; ++i) {
            out.statuses.push_back(r[i].status);
        }
    };
    {
        batch b({minimal_release("1"), minimal_release("2")}, done, &s);
        b.rejected(1, "bad");
        batch target({}, done, &s);  // completes (empty) when overwritten
        target = std::move(b);
    }
    EXPECT_EQ(s.calls, 2);
    EXPECT_EQ(s.statuses, (std::vector<ingest_delivery_status>{INGEST_DELIVERY_RETRY,
                                                               INGEST_DELIVERY_REJECTED}));
}

}  // namespace
