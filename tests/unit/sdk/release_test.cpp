// ingest::sdk::release: the owning record and its C view.
#include <ingest/sdk/release.hpp>
#include <ingest/sdk/testing/samples.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

namespace {

using ingest::sdk::release;
using ingest::sdk::to_view;
using ingest::sdk::testing::minimal_release;
using ingest::sdk::testing::sample_release;

TEST(release, view_and_copy_back_round_trip) {
    for (auto const& r : {sample_release(), minimal_release(), release()}) {
        release const copy(r.view());
        EXPECT_EQ(copy, r) << r.id;
    }
}

TEST(release, view_borrows_every_field_of_the_record) {
    auto const r = sample_release("v");
    auto const& v = r.view();
    EXPECT_EQ(v.struct_size, sizeof(ingest_release));
    EXPECT_EQ(v.title.data, r.title.data());
    EXPECT_EQ(to_view(v.source.title), r.source.title);
    EXPECT_EQ(v.published.known, 1);
    EXPECT_EQ(v.published.unix_ms, *r.published.unix_ms);
    EXPECT_EQ(to_view(v.published.raw), r.published.raw);
    EXPECT_EQ(v.updated.known, 0);
    EXPECT_EQ(to_view(v.updated.raw), "martes pasado");
    ASSERT_EQ(v.authors_count, 2u);
    EXPECT_EQ(to_view(v.authors[1]), "María José Núñez");
    ASSERT_EQ(v.contacts_count, 2u);
    EXPECT_EQ(to_view(v.contacts[0].phone), "+52 55 1234 5678");
    ASSERT_EQ(v.attachments_count, 1u);
    EXPECT_EQ(v.attachments[0].size, 123456u);
    ASSERT_EQ(v.tags_count, 3u);
    ASSERT_EQ(v.extensions_count, 3u);
    EXPECT_EQ(to_view(v.extensions[0].key), "feed.category");  // std::map order
    EXPECT_EQ(v.revision, 3u);
    EXPECT_EQ(v.fetched_at_ms, 1590480005000);
}

TEST(release, a_new_view_reflects_changes) {
    auto r = minimal_release();
    EXPECT_EQ(r.view().tags_count, 0u);
    r.tags = {"a", "b"};
    r.title = "Changed";
    auto const& v = r.view();
    EXPECT_EQ(v.tags_count, 2u);
    EXPECT_EQ(to_view(v.title), "Changed");
}

TEST(release, a_copy_owns_its_data_and_its_view) {
    auto original = std::make_unique<release>(sample_release("o"));
    release copy = *original;
    release assigned;
    assigned = *original;
    auto const* copy_title = copy.view().title.data;
    EXPECT_NE(copy_title, original->view().title.data);
    original.reset();
    EXPECT_EQ(to_view(copy.view().title), sample_release().title);
    EXPECT_EQ(assigned, copy);

    release moved = std::move(copy);
    EXPECT_EQ(to_view(moved.view().title), sample_release().title);
}

TEST(release, reads_a_sparse_c_record_with_null_pointers) {
    ingest_release c{};
    c.struct_size = sizeof c;
    c.id = {"x", 1};
    c.revision = 0;       // producers that do not know revisions: 1
    c.fetched_at_ms = 0;  // unknown
    c.published = {123, 0, {"someday", 7}};
    release const r(c);
    EXPECT_EQ(r.id, "x");
    EXPECT_EQ(r.title, "");
    EXPECT_TRUE(r.tags.empty());
    EXPECT_TRUE(r.contacts.empty());
    EXPECT_EQ(r.revision, 1u);
    EXPECT_FALSE(r.fetched_at_ms.has_value());
    EXPECT_FALSE(r.published.unix_ms.has_value()) << "known = 0 means unknown";
    EXPECT_EQ(r.published.raw, "someday");
}

}  // namespace
