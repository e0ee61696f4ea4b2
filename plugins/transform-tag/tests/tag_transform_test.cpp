// Behaviour of the tag transform against the fake host, and of the built library through
// the daemon's loader.
#include "tag_transform.hpp"

#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/harness.hpp>
#include <ingest/sdk/testing/samples.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using ingest::plugins::transform_tag::fold_tag;
using ingest::plugins::transform_tag::tag_transform;
using ingest::sdk::descriptor_of;
using ingest::sdk::release;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::minimal_release;
using ingest::sdk::testing::sample_release;
using ingest::sdk::testing::settings_builder;
using tags = std::vector<std::string>;

release with_tags(tags t, std::string const& title = "Title") {
    auto r = minimal_release("r", title);
    r.tags = std::move(t);
    return r;
}

/// Runs one release through a tag transform made with settings; expects exactly one out.
release run(settings_builder const& settings, release const& in) {
    fake_host host(descriptor_of<tag_transform>());
    auto created = host.create(settings);
    EXPECT_TRUE(created) << created;
    auto out = host.transform(in);
    EXPECT_TRUE(out) << out.status();
    EXPECT_TRUE(host.violations().empty());
    if (!out || out->size() != 1) {
        ADD_FAILURE() << "expected exactly one release out";
        return {};
    }
    return out.value()[0];
}

TEST(tag_transform, adds_the_configured_tags_in_order_after_the_existing_ones) {
    auto out = run(settings_builder().set("tags", "mexico, government"), with_tags({"press"}));
    EXPECT_EQ(out.tags, (tags{"press", "mexico", "government"}));
}

TEST(tag_transform, changes_nothing_but_the_tags) {
    auto in = sample_release("full");
    auto out = run(settings_builder().set("tags", "extra"), in);
    in.tags.push_back("extra");
    EXPECT_EQ(out, in);
}

TEST(tag_transform, does_not_duplicate_a_tag_in_another_case_and_keeps_its_spelling) {
    auto out = run(settings_builder().set_list("tags", {"méxico", "PRESS", "new"}),
                   with_tags({"MÉXICO", "Press"}));
    EXPECT_EQ(out.tags, (tags{"MÉXICO", "Press", "new"}));
}

TEST(tag_transform, configured_duplicates_are_added_once) {
    auto out = run(settings_builder().set("tags", "a,A,b,a"), with_tags({}));
    EXPECT_EQ(out.tags, (tags{"a", "b"}));
}

TEST(tag_transform, folds_latin_greek_and_cyrillic_letters) {
    EXPECT_EQ(fold_tag("MÉXICO"), fold_tag("méxico"));
    EXPECT_EQ(fold_tag("ŁÓDŹ"), fold_tag("łódź"));
    EXPECT_EQ(fold_tag("ΑΘΗΝΑ"), fold_tag("αθηνα"));
    EXPECT_EQ(fold_tag("ΟΔΥΣΣΕΥΣ"), fold_tag("οδυσσευς"));
    EXPECT_EQ(fold_tag("МОСКВА"), fold_tag("москва"));
    EXPECT_EQ(fold_tag("ЁЛКА"), fold_tag("ёлка"));
    EXPECT_NE(fold_tag("east"), fold_tag("easy"));
    EXPECT_EQ(fold_tag("東京 2020"), "東京 2020");
    EXPECT_EQ(fold_tag("\xC3"), "\xC3");  // a truncated sequence is kept as it is
}

TEST(tag_transform, with_a_title_filter_only_matching_releases_get_the_tags) {
    auto settings = settings_builder()
                        .set("tags", "earnings")
                        .set("only_if_title_matches", "\\b(Q[1-4]|quarterly)\\b");
    EXPECT_EQ(run(settings, with_tags({"x"}, "ACME reports Q3 results")).tags,
              (tags{"x", "earnings"}));
    EXPECT_EQ(run(settings, with_tags({"x"}, "Our quarterly letter")).tags,
              (tags{"x", "earnings"}));
    auto const unmatched = with_tags({"x"}, "ACME opens a new plant");
    EXPECT_EQ(run(settings, unmatched), unmatched) << "passes through unchanged";
}

TEST(tag_transform, the_built_library_loads_through_the_daemons_loader_and_tags) {
    auto plugin = ingest::sdk::testing::load_plugin(TAG_TRANSFORM_PLUGIN_FILE);
    ASSERT_TRUE(plugin) << plugin.error();
    EXPECT_EQ(plugin.name(), "tag");
    EXPECT_EQ(plugin.kind(), INGEST_KIND_TRANSFORM);
    fake_host host(plugin);
    ASSERT_TRUE(host.create(settings_builder().set("tags", "from-the-library")));
    auto out = host.transform(with_tags({"a"}));
    ASSERT_TRUE(out) << out.status();
    ASSERT_EQ(out->size(), 1u);
    EXPECT_EQ(out.value()[0].tags, (tags{"a", "from-the-library"}));

    auto refused = fake_host(plugin).create(
        settings_builder().set("tags", "a").set("only_if_title_matches", "["));
    EXPECT_EQ(refused.rc, INGEST_INVALID_INPUT);
}

}  // namespace
