// The UTF-8 sequence decoder at its edges.
#include <ingest/sdk/utf8.hpp>

#include <gtest/gtest.h>

#include <string>

using ingest::sdk::utf8_sequence;

namespace {

std::size_t len_of(std::string const& s, std::uint32_t& cp) {
    return utf8_sequence(s, 0, cp);
}

}  // namespace

TEST(utf8, accepts_each_length_at_its_bounds) {
    std::uint32_t cp = 0;
    EXPECT_EQ(len_of("\x7F", cp), 1u);
    EXPECT_EQ(cp, 0x7Fu);
    EXPECT_EQ(len_of("\xC2\x80", cp), 2u);
    EXPECT_EQ(cp, 0x80u);
    EXPECT_EQ(len_of("\xE0\xA0\x80", cp), 3u);
    EXPECT_EQ(cp, 0x800u);
    EXPECT_EQ(len_of("\xED\x9F\xBF", cp), 3u);  // U+D7FF, just below the surrogates
    EXPECT_EQ(len_of("\xF0\x90\x80\x80", cp), 4u);
    EXPECT_EQ(cp, 0x10000u);
    EXPECT_EQ(len_of("\xF4\x8F\xBF\xBF", cp), 4u);
    EXPECT_EQ(cp, 0x10FFFFu);
}

TEST(utf8, refuses_malformed_sequences) {
    std::uint32_t cp = 0;
    EXPECT_EQ(len_of("\x80", cp), 0u) << "stray continuation byte";
    EXPECT_EQ(len_of("\xC1\xBF", cp), 0u) << "overlong 2-byte";
    EXPECT_EQ(len_of("\xE0\x9F\xBF", cp), 0u) << "overlong 3-byte";
    EXPECT_EQ(len_of("\xED\xA0\x80", cp), 0u) << "surrogate U+D800";
    EXPECT_EQ(len_of("\xF4\x90\x80\x80", cp), 0u) << "past U+10FFFF";
    EXPECT_EQ(len_of("\xF5\x80\x80\x80", cp), 0u);
    EXPECT_EQ(len_of("\xE2\x82", cp), 0u) << "truncated";
    EXPECT_EQ(len_of("\xE2\x28\xA1", cp), 0u) << "bad continuation";
}
