// Durations ("90s", "1h30m", "250ms") and sizes ("16MiB", "1GB", "100") as written in the
// configuration, and back. One parser each, used for user values and plugin defaults alike.
// Parsers do not throw: they return a value or the reason there is none.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ingest::core::config {

/// A parsed value, or why the text is not one. The reason may quote part of the text: a
/// caller holding a sensitive value must not show it.
template <class T>
struct parse_result {
    std::optional<T> value;
    std::string error;  ///< non-empty exactly when value is empty

    explicit operator bool() const noexcept { return value.has_value(); }
    static parse_result ok(T v) { return {std::move(v), {}}; }
    static parse_result fail(std::string why) { return {std::nullopt, std::move(why)}; }
};

/// Parses a duration: one or more <digits><unit> groups, units ms, s, m, h, d, from the
/// largest to the smallest, each at most once ("2d", "1h30m", "90s", "250ms", "0s"). No
/// sign, no spaces, no fractions. Fails when the total exceeds INT64_MAX milliseconds.
parse_result<std::chrono::milliseconds> parse_duration(std::string_view text);

/// A duration given as a TOML integer: a number of seconds (>= 0, no overflow in ms).
parse_result<std::chrono::milliseconds> duration_from_seconds(std::int64_t seconds);

/// Parses a size in bytes: <digits>[unit] with unit B, KB, MB, GB, TB (powers of 1000) or
/// KiB, MiB, GiB, TiB (powers of 1024); no unit means bytes. Units are case-sensitive. No
/// sign, no spaces, no fractions. Fails when the total exceeds INT64_MAX bytes.
parse_result<std::int64_t> parse_size(std::string_view text);

/// A size given as a TOML integer: a number of bytes (>= 0).
parse_result<std::int64_t> size_from_integer(std::int64_t bytes);

/// The canonical text of a duration, which parse_duration() reads back to the same value:
/// "1h30m", "250ms", "0s". Negative durations are written as "0s".
std::string format_duration(std::chrono::milliseconds d);

/// The canonical text of a size, which parse_size() reads back to the same value: the exact
/// unit giving the smallest number, binary on a tie ("16MiB", "1GB", "100B"). Negative sizes
/// are written as "0B".
std::string format_size(std::int64_t bytes);

}  // namespace ingest::core::config
