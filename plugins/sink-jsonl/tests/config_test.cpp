// Settings of the jsonl sink: what its table declares, what the host accepts and refuses.
#include "jsonl_sink.hpp"

#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/temp_dir.hpp>

#include <gtest/gtest.h>

namespace {

using ingest::plugins::sink_jsonl::jsonl_sink;
using ingest::sdk::descriptor_of;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::settings_builder;
using ingest::sdk::testing::temp_dir;

std::string str(ingest_str s) {
    return std::string(s.data, s.size);
}

TEST(jsonl_sink_config, declares_a_sink_named_jsonl_with_path_and_fsync) {
    auto const* d = descriptor_of<jsonl_sink>();
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->kind, INGEST_KIND_SINK);
    EXPECT_EQ(str(d->name), "jsonl");
    ASSERT_EQ(d->settings_count, 2u);
    EXPECT_EQ(str(d->settings[0].name), "path");
    EXPECT_EQ(d->settings[0].type, INGEST_SETTING_PATH);
    EXPECT_EQ(d->settings[0].required, 1);
    EXPECT_EQ(str(d->settings[1].name), "fsync");
    EXPECT_EQ(d->settings[1].type, INGEST_SETTING_BOOL);
    EXPECT_EQ(d->settings[1].required, 0);
    EXPECT_EQ(d->settings[1].has_default, 1);
    EXPECT_EQ(str(d->settings[1].default_value), "true");
}

TEST(jsonl_sink_config, path_is_required) {
    fake_host host(descriptor_of<jsonl_sink>());
    auto status = host.create();
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_NE(status.message.find("required setting 'path'"), std::string::npos) << status;
    EXPECT_FALSE(host.has_instance());
}

TEST(jsonl_sink_config, an_unknown_setting_is_refused) {
    fake_host host(descriptor_of<jsonl_sink>());
    auto status = host.create(settings_builder().set("path", "/tmp/x").set("fsnyc", "false"));
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_NE(status.message.find("unknown setting 'fsnyc'"), std::string::npos) << status;
}

TEST(jsonl_sink_config, fsync_must_be_a_bool) {
    fake_host host(descriptor_of<jsonl_sink>());
    auto status = host.create(settings_builder().set("path", "/tmp/x").set("fsync", "maybe"));
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_NE(status.message.find("'maybe' is not a valid bool"), std::string::npos) << status;
}

TEST(jsonl_sink_config, accepts_a_path_with_fsync_defaulted_or_given) {
    temp_dir dir("ingest-jsonl-config-");
    {
        fake_host host(descriptor_of<jsonl_sink>());
        ASSERT_TRUE(host.create(settings_builder().set("path", (dir / "a.jsonl").string())));
        ASSERT_TRUE(host.start());
        EXPECT_TRUE(host.logged(ingest::sdk::log_level::info, "(fsync after each batch)"))
            << host.log_text();
    }
    {
        fake_host host(descriptor_of<jsonl_sink>());
        ASSERT_TRUE(host.create(
            settings_builder().set("path", (dir / "b.jsonl").string()).set_bool("fsync", false)));
        ASSERT_TRUE(host.start());
        EXPECT_FALSE(host.logged(ingest::sdk::log_level::info, "fsync")) << host.log_text();
    }
}

}  // namespace
