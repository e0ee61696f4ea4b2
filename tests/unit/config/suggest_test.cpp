#include "config/suggest.hpp"

#include <gtest/gtest.h>

namespace {

using ingest::core::config::closest_match;
using ingest::core::config::edit_distance;

TEST(suggest, edit_distance_counts_edits_and_adjacent_swaps) {
    EXPECT_EQ(edit_distance("", ""), 0u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("pth", "path"), 1u);
    EXPECT_EQ(edit_distance("tiemout", "timeout"), 1u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(edit_distance("sinks", "sink"), 1u);
}

TEST(suggest, closest_match_picks_a_plausible_typo) {
    std::vector<std::string> names{"path", "token", "timeout", "mode"};
    EXPECT_EQ(closest_match("pth", names), "path");
    EXPECT_EQ(closest_match("tiemout", names), "timeout");
    EXPECT_EQ(closest_match("Token", names), "token");
    EXPECT_EQ(closest_match("xyz", names), std::nullopt);   // nothing close
    EXPECT_EQ(closest_match("path", names), std::nullopt);  // not a typo
    EXPECT_EQ(closest_match("retries", names), std::nullopt);
    EXPECT_EQ(closest_match("mod", {"mode", "mod_"}), "mode");  // first of equals
}

}  // namespace
