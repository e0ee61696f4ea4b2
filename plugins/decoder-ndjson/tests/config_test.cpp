// Settings and claims of the ndjson decoder.
#include "ndjson_decoder.hpp"

#include <ingest/sdk/testing/fake_host.hpp>

#include <gtest/gtest.h>

namespace {

using ingest::plugins::decoder_ndjson::ndjson_decoder;
using ingest::sdk::descriptor_of;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::settings_builder;

std::string str(ingest_str s) {
    return std::string(s.data, s.size);
}

TEST(ndjson_decoder_config, claims_ndjson_and_jsonl_media_types_and_file_names) {
    auto const* d = descriptor_of<ndjson_decoder>();
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->kind, INGEST_KIND_DECODER);
    EXPECT_EQ(str(d->name), "ndjson");
    ASSERT_EQ(d->media_types_count, 2u);
    EXPECT_EQ(str(d->media_types[0]), "application/x-ndjson");
    EXPECT_EQ(str(d->media_types[1]), "application/jsonl");
    ASSERT_EQ(d->file_patterns_count, 2u);
    EXPECT_EQ(str(d->file_patterns[0]), "*.ndjson");
    EXPECT_EQ(str(d->file_patterns[1]), "*.jsonl");
}

TEST(ndjson_decoder_config, declares_both_limits_with_defaults) {
    auto const* d = descriptor_of<ndjson_decoder>();
    ASSERT_EQ(d->settings_count, 2u);
    EXPECT_EQ(str(d->settings[0].name), "max_line_size");
    EXPECT_EQ(d->settings[0].type, INGEST_SETTING_SIZE);
    EXPECT_EQ(str(d->settings[0].default_value), "1MiB");
    EXPECT_EQ(str(d->settings[1].name), "max_records");
    EXPECT_EQ(d->settings[1].type, INGEST_SETTING_INT);
    EXPECT_EQ(str(d->settings[1].default_value), "10000");
}

TEST(ndjson_decoder_config, creates_with_no_settings_at_all) {
    fake_host host(descriptor_of<ndjson_decoder>());
    EXPECT_TRUE(host.create()) << host.log_text();
}

TEST(ndjson_decoder_config, refuses_a_size_that_is_not_a_size) {
    fake_host host(descriptor_of<ndjson_decoder>());
    auto status = host.create(settings_builder().set("max_line_size", "big"));
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_NE(status.message.find("'big' is not a valid size"), std::string::npos) << status;
}

TEST(ndjson_decoder_config, refuses_limits_below_one) {
    {
        fake_host host(descriptor_of<ndjson_decoder>());
        auto status = host.create(settings_builder().set_int("max_records", 0));
        EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
        EXPECT_EQ(status.message, "max_records must be at least 1, not 0");
    }
    {
        fake_host host(descriptor_of<ndjson_decoder>());
        auto status = host.create(settings_builder().set("max_line_size", "0"));
        EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
        EXPECT_EQ(status.message, "max_line_size must be at least 1 byte");
    }
}

}  // namespace
