// Unit tests of the static source, against the SDK's fake host: no daemon, no network.
#include "static_source.hpp"

#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/harness.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {

using acme::static_source::static_source;
using ingest::sdk::ack_outcome;
using ingest::sdk::descriptor_of;
using ingest::sdk::log_level;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::settings_builder;
using tokens = std::vector<std::uint64_t>;

/// Tokens of the items emitted so far.
tokens emitted(fake_host const& host) {
    tokens out;
    for (auto const& item : host.items()) {
        out.push_back(item.token);
    }
    return out;
}

class static_source_test : public ::testing::Test {
protected:
    void start(settings_builder settings = settings_builder().set("items", "one,two,three")) {
        auto created = host_.create(settings);
        ASSERT_TRUE(created) << created;
        auto started = host_.start();
        ASSERT_TRUE(started) << started;
    }

    fake_host host_{descriptor_of<static_source>(), "drops"};
};

TEST_F(static_source_test, emits_every_item_once_with_its_token_and_media_type) {
    start();
    ASSERT_TRUE(host_.poll());
    auto items = host_.items();
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].token, 1u);
    EXPECT_EQ(items[0].payload, "one");
    EXPECT_EQ(items[0].media_type, "text/plain");
    EXPECT_EQ(items[2].origin_uri, "static:drops/3");
    EXPECT_EQ(items[2].metadata.at("index"), "3");
    EXPECT_EQ(host_.counter("static_items_emitted_total"), 3);

    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(host_.items().size(), 3u) << "items in flight are not emitted again";
    EXPECT_TRUE(host_.violations().empty());
}

TEST_F(static_source_test, the_checkpoint_advances_only_over_finished_items_in_order) {
    start();
    ASSERT_TRUE(host_.poll());
    ASSERT_TRUE(host_.ack(1, ack_outcome::done));
    EXPECT_EQ(host_.state_value("checkpoint"), "1");
    ASSERT_TRUE(host_.ack(3, ack_outcome::done));
    EXPECT_EQ(host_.state_value("checkpoint"), "1") << "item 2 is still in flight";
    ASSERT_TRUE(host_.ack(2, ack_outcome::failed, "not a press release"));
    EXPECT_EQ(host_.state_value("checkpoint"), "3");
    EXPECT_TRUE(host_.logged(log_level::warn, "item 2 failed: not a press release"));
    EXPECT_EQ(host_.counter("static_items_failed_total"), 1);
    EXPECT_EQ(host_.state_writes().size(), 2u);
}

TEST_F(static_source_test, an_item_to_retry_is_emitted_again_and_a_poll_is_scheduled) {
    start(settings_builder().set("items", "a,b").set("retry_delay", "5s"));
    ASSERT_TRUE(host_.poll());
    ASSERT_TRUE(host_.ack(1, ack_outcome::retry_later, "outbox full"));
    EXPECT_EQ(host_.scheduled_polls(), tokens{5000});
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(emitted(host_), (tokens{1, 2, 1}));
    EXPECT_FALSE(host_.state_value("checkpoint"));
}

TEST_F(static_source_test, a_restart_resumes_after_the_checkpoint) {
    host_.set_state("checkpoint", "2");
    start();
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(emitted(host_), tokens{3});
    EXPECT_TRUE(host_.logged(log_level::info, "1 of 3 items to emit"));
}

TEST_F(static_source_test, an_unreadable_checkpoint_starts_over_with_a_warning) {
    host_.set_state("checkpoint", "lots");
    start();
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(emitted(host_), (tokens{1, 2, 3}));
    EXPECT_TRUE(host_.logged(log_level::warn, "unreadable checkpoint 'lots'"));
}

TEST_F(static_source_test, stops_emitting_when_the_core_is_full) {
    start();
    host_.set_emit_capacity(1);
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(emitted(host_), tokens{1});
    host_.set_emit_capacity(std::nullopt);
    ASSERT_TRUE(host_.poll());
    EXPECT_EQ(emitted(host_), (tokens{1, 2, 3}));
}

TEST_F(static_source_test, a_failed_checkpoint_write_is_caught_up_by_the_next_ack) {
    start();
    ASSERT_TRUE(host_.poll());
    host_.fail_state_writes(true);
    ASSERT_TRUE(host_.ack(1, ack_outcome::done));
    EXPECT_TRUE(host_.logged(log_level::error, "on_ack failed: host service state_put failed"));
    EXPECT_FALSE(host_.state_value("checkpoint"));
    host_.fail_state_writes(false);
    ASSERT_TRUE(host_.ack(2, ack_outcome::done));
    EXPECT_EQ(host_.state_value("checkpoint"), "2");
}

TEST(static_source_settings, items_are_required_and_must_not_be_empty) {
    fake_host host(descriptor_of<static_source>());
    EXPECT_EQ(host.create().rc, INGEST_INVALID_INPUT);
    auto empty = host.create(settings_builder().set("items", ""));
    EXPECT_EQ(empty.rc, INGEST_INVALID_INPUT);
    EXPECT_EQ(empty.message, "items: list at least one item");
    auto bad_delay = host.create(settings_builder().set("items", "a").set("retry_delay", "soon"));
    EXPECT_EQ(bad_delay.rc, INGEST_INVALID_INPUT);
}

TEST(static_source_library, the_built_library_loads_through_the_daemons_loader) {
    auto plugin = ingest::sdk::testing::load_plugin(STATIC_SOURCE_PLUGIN_FILE);
    ASSERT_TRUE(plugin) << plugin.error();
    EXPECT_EQ(plugin.name(), "static");
    EXPECT_EQ(plugin.kind(), INGEST_KIND_SOURCE);

    fake_host host(plugin);
    ASSERT_TRUE(host.create(settings_builder().set_list("items", {"x", "y"})));
    ASSERT_TRUE(host.start());
    ASSERT_TRUE(host.poll());
    EXPECT_EQ(host.items().size(), 2u);
    ASSERT_TRUE(host.ack_all());
    EXPECT_EQ(host.state_value("checkpoint"), "2");
}

}  // namespace
