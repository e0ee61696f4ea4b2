#include "config/units.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>

namespace {

using namespace std::chrono_literals;
using ingest::core::config::duration_from_seconds;
using ingest::core::config::format_duration;
using ingest::core::config::format_size;
using ingest::core::config::parse_duration;
using ingest::core::config::parse_size;
using ingest::core::config::size_from_integer;

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

std::chrono::milliseconds duration(std::string const& text) {
    auto r = parse_duration(text);
    EXPECT_TRUE(r) << text << ": " << r.error;
    return r.value.value_or(-1ms);
}

std::string duration_error(std::string const& text) {
    auto r = parse_duration(text);
    EXPECT_FALSE(r) << text << " parsed as " << (r ? r.value->count() : 0);
    return r.error;
}

std::int64_t size(std::string const& text) {
    auto r = parse_size(text);
    EXPECT_TRUE(r) << text << ": " << r.error;
    return r.value.value_or(-1);
}

std::string size_error(std::string const& text) {
    auto r = parse_size(text);
    EXPECT_FALSE(r) << text << " parsed as " << (r ? *r.value : 0);
    return r.error;
}

TEST(duration, reads_every_unit) {
    EXPECT_EQ(duration("250ms"), 250ms);
    EXPECT_EQ(duration("90s"), 90s);
    EXPECT_EQ(duration("10m"), 10min);
    EXPECT_EQ(duration("1h"), 1h);
    EXPECT_EQ(duration("2d"), 48h);
    EXPECT_EQ(duration("0s"), 0ms);
}

TEST(duration, reads_groups_from_largest_to_smallest) {
    EXPECT_EQ(duration("1h30m"), 90min);
    EXPECT_EQ(duration("1d2h3m4s5ms"), 24h + 2h + 3min + 4s + 5ms);
    EXPECT_EQ(duration("1m0s"), 1min);
}

TEST(duration, refuses_malformed_text_with_a_reason) {
    EXPECT_EQ(duration_error(""), "empty duration");
    EXPECT_EQ(duration_error("10"), "missing unit after 10 (use ms, s, m, h or d)");
    EXPECT_EQ(duration_error("5 m"), "unexpected ' m' (use ms, s, m, h or d)");
    EXPECT_EQ(duration_error("1.5h"), "unexpected '.5h' (use ms, s, m, h or d)");
    EXPECT_EQ(duration_error("5x"), "unknown unit 'x' (use ms, s, m, h or d)");
    EXPECT_EQ(duration_error("5M"), "unknown unit 'M' (use ms, s, m, h or d)");
    EXPECT_EQ(duration_error("5minutes"), "unknown unit 'minutes' (use ms, s, m, h or d)");
    EXPECT_EQ(duration_error("-5s"), "must not be negative");
    EXPECT_EQ(duration_error("+5s"), "expected a number at '+5s'");
    EXPECT_EQ(duration_error("h"), "expected a number at 'h'");
    EXPECT_EQ(duration_error(" 5s"), "expected a number at ' 5s'");
    EXPECT_EQ(duration_error("30m1h"), "units must go from the largest to the smallest, each once");
    EXPECT_EQ(duration_error("1m1m"), "units must go from the largest to the smallest, each once");
}

TEST(duration, refuses_overflow_of_milliseconds) {
    EXPECT_EQ(duration("9223372036854775807ms").count(), int64_max);
    EXPECT_EQ(duration_error("9223372036854775808ms"), "too large");
    EXPECT_EQ(duration("9223372036854775s").count(), 9223372036854775000);
    EXPECT_EQ(duration_error("9223372036854776s"), "too large");
    EXPECT_EQ(duration("106751991167d").count(), 106751991167 * 86400000);
    EXPECT_EQ(duration_error("106751991168d"), "too large");
    // Each group fits, the sum does not.
    EXPECT_EQ(duration_error("106751991167d24h"), "too large");
    EXPECT_EQ(duration_error("99999999999999999999999s"), "too large");
}

TEST(duration, integer_seconds) {
    EXPECT_EQ(*duration_from_seconds(90).value, 90s);
    EXPECT_EQ(*duration_from_seconds(0).value, 0ms);
    EXPECT_EQ(duration_from_seconds(-1).error, "must not be negative");
    EXPECT_EQ(duration_from_seconds(int64_max / 1000 + 1).error, "too large");
    EXPECT_EQ(duration_from_seconds(int64_max / 1000).value->count(), int64_max / 1000 * 1000);
}

TEST(duration, formats_canonically_and_reads_back) {
    EXPECT_EQ(format_duration(90min), "1h30m");
    EXPECT_EQ(format_duration(250ms), "250ms");
    EXPECT_EQ(format_duration(0ms), "0s");
    EXPECT_EQ(format_duration(48h + 1ms), "2d1ms");
    EXPECT_EQ(format_duration(90s), "1m30s");
    for (auto ms : {std::int64_t{1}, std::int64_t{999}, std::int64_t{86'400'001},
                    std::int64_t{123'456'789}, int64_max}) {
        auto d = std::chrono::milliseconds(ms);
        EXPECT_EQ(duration(format_duration(d)), d) << format_duration(d);
    }
}

TEST(size, reads_plain_bytes_and_every_unit) {
    EXPECT_EQ(size("100"), 100);
    EXPECT_EQ(size("100B"), 100);
    EXPECT_EQ(size("0"), 0);
    EXPECT_EQ(size("512KiB"), 512 * 1024);
    EXPECT_EQ(size("16MiB"), 16 * 1024 * 1024);
    EXPECT_EQ(size("2GiB"), std::int64_t{2} << 30);
    EXPECT_EQ(size("2TiB"), std::int64_t{2} << 40);
    EXPECT_EQ(size("3KB"), 3'000);
    EXPECT_EQ(size("5MB"), 5'000'000);
    EXPECT_EQ(size("1GB"), 1'000'000'000);
    EXPECT_EQ(size("7TB"), 7'000'000'000'000);
}

TEST(size, refuses_malformed_text_with_a_reason) {
    EXPECT_EQ(size_error(""), "empty size");
    EXPECT_EQ(size_error("16mib"),
              "unknown unit 'mib' (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)");
    EXPECT_EQ(size_error("16 MiB"),
              "unknown unit ' MiB' (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)");
    EXPECT_EQ(size_error("1.5GiB"),
              "unknown unit '.5GiB' (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)");
    EXPECT_EQ(size_error("-1"), "must not be negative");
    EXPECT_EQ(size_error("KiB"), "expected a number at 'KiB'");
}

TEST(size, refuses_overflow_of_bytes) {
    EXPECT_EQ(size("9223372036854775807"), int64_max);
    EXPECT_EQ(size_error("9223372036854775808"), "too large");
    EXPECT_EQ(size("8388607TiB"), std::int64_t{8388607} << 40);
    EXPECT_EQ(size_error("8388608TiB"), "too large");  // exactly 2^63
    EXPECT_EQ(size_error("9223372036854776KB"), "too large");
}

TEST(size, integer_bytes) {
    EXPECT_EQ(*size_from_integer(4096).value, 4096);
    EXPECT_EQ(size_from_integer(-1).error, "must not be negative");
}

TEST(size, formats_with_the_smallest_exact_number) {
    EXPECT_EQ(format_size(16 * 1024 * 1024), "16MiB");
    EXPECT_EQ(format_size(1'000'000'000), "1GB");
    EXPECT_EQ(format_size(100), "100B");
    EXPECT_EQ(format_size(0), "0B");
    EXPECT_EQ(format_size(1'024'000), "1000KiB");  // not 1024KB
    EXPECT_EQ(format_size(1536), "1536B");
    EXPECT_EQ(format_size(3000), "3KB");
    EXPECT_EQ(format_size(1 << 20), "1MiB");  // binary on a tie with nothing
    for (auto bytes : {std::int64_t{1}, std::int64_t{1023}, std::int64_t{1} << 40,
                       std::int64_t{999'999'999'999}, int64_max}) {
        EXPECT_EQ(size(format_size(bytes)), bytes) << format_size(bytes);
    }
}

}  // namespace
