// Settings of the tag transform: what is accepted and what create() refuses.
#include "tag_transform.hpp"

#include <ingest/sdk/testing/fake_host.hpp>

#include <gtest/gtest.h>

namespace {

using ingest::plugins::transform_tag::tag_transform;
using ingest::sdk::descriptor_of;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::settings_builder;

std::string str(ingest_str s) {
    return std::string(s.data, s.size);
}

TEST(tag_transform_config, declares_a_transform_with_required_tags_and_an_optional_regex) {
    auto const* d = descriptor_of<tag_transform>();
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->kind, INGEST_KIND_TRANSFORM);
    EXPECT_EQ(str(d->name), "tag");
    ASSERT_EQ(d->settings_count, 2u);
    EXPECT_EQ(str(d->settings[0].name), "tags");
    EXPECT_EQ(d->settings[0].type, INGEST_SETTING_LIST);
    EXPECT_EQ(d->settings[0].required, 1);
    EXPECT_EQ(str(d->settings[1].name), "only_if_title_matches");
    EXPECT_EQ(d->settings[1].type, INGEST_SETTING_STRING);
    EXPECT_EQ(d->settings[1].required, 0);
    EXPECT_EQ(d->settings[1].has_default, 0);
}

TEST(tag_transform_config, tags_are_required) {
    fake_host host(descriptor_of<tag_transform>());
    auto status = host.create();
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_NE(status.message.find("required setting 'tags'"), std::string::npos) << status;
}

TEST(tag_transform_config, an_empty_tag_list_is_refused_by_create) {
    fake_host host(descriptor_of<tag_transform>());
    auto status = host.create(settings_builder().set("tags", ""));
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_EQ(status.message, "tags: give at least one tag to add");
}

TEST(tag_transform_config, an_empty_tag_is_refused_by_create) {
    fake_host host(descriptor_of<tag_transform>());
    auto status = host.create(settings_builder().set_list("tags", {"a", " "}));
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_EQ(status.message, "tags: an empty tag is not allowed");
}

TEST(tag_transform_config, an_invalid_regex_fails_create_with_a_clear_message) {
    fake_host host(descriptor_of<tag_transform>());
    auto status =
        host.create(settings_builder().set("tags", "a").set("only_if_title_matches", "(unclosed"));
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_EQ(
        status.message.rfind("only_if_title_matches: invalid regular expression '(unclosed': ", 0),
        0u)
        << status;
    EXPECT_FALSE(host.has_instance());
}

TEST(tag_transform_config, accepts_tags_in_configuration_syntax_and_a_valid_regex) {
    fake_host host(descriptor_of<tag_transform>());
    EXPECT_TRUE(host.create(
        settings_builder().set("tags", "a, b").set("only_if_title_matches", "^(?:Press|News)")));
}

}  // namespace
