#include "config/units.hpp"

#include <array>
#include <limits>

namespace ingest::core::config {

namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Reads the digits at text[pos...] into value. Returns false on overflow of INT64_MAX.
bool read_number(std::string_view text, std::size_t& pos, std::int64_t& value) {
    value = 0;
    while (pos < text.size() && is_digit(text[pos])) {
        auto digit = static_cast<std::int64_t>(text[pos] - '0');
        if (value > (int64_max - digit) / 10) {
            return false;
        }
        value = value * 10 + digit;
        ++pos;
    }
    return true;
}

struct unit {
    std::string_view name;
    std::int64_t factor;
};

// Largest first: the order a duration's groups must follow.
constexpr std::array<unit, 5> duration_units{{
    {"d", 86'400'000},
    {"h", 3'600'000},
    {"m", 60'000},
    {"s", 1'000},
    {"ms", 1},
}};

constexpr char duration_units_hint[] = "use ms, s, m, h or d";

// B first, then binary, then decimal units: format_size() relies on this order for ties.
constexpr std::array<unit, 9> size_units{{
    {"B", 1},
    {"KiB", std::int64_t{1} << 10},
    {"MiB", std::int64_t{1} << 20},
    {"GiB", std::int64_t{1} << 30},
    {"TiB", std::int64_t{1} << 40},
    {"KB", 1'000},
    {"MB", 1'000'000},
    {"GB", 1'000'000'000},
    {"TB", 1'000'000'000'000},
}};

constexpr char size_units_hint[] = "use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB";

}  // namespace

parse_result<std::chrono::milliseconds> parse_duration(std::string_view text) {
    using result = parse_result<std::chrono::milliseconds>;
    if (text.empty()) {
        return result::fail("empty duration");
    }
    if (text.front() == '-') {
        return result::fail("must not be negative");
    }
    std::int64_t total = 0;
    std::size_t pos = 0;
    std::size_t previous_rank = 0;  // 1 + index into duration_units of the previous group
    while (pos < text.size()) {
        if (!is_digit(text[pos])) {
            return result::fail("expected a number at '" + std::string(text.substr(pos)) + "'");
        }
        std::int64_t number = 0;
        if (!read_number(text, pos, number)) {
            return result::fail("too large");
        }
        std::size_t unit_begin = pos;
        while (pos < text.size() && is_alpha(text[pos])) {
            ++pos;
        }
        auto name = text.substr(unit_begin, pos - unit_begin);
        if (name.empty()) {
            if (pos < text.size()) {
                return result::fail("unexpected '" + std::string(text.substr(pos)) + "' (" +
                                    duration_units_hint + ")");
            }
            return result::fail("missing unit after " + std::to_string(number) + " (" +
                                duration_units_hint + ")");
        }
        std::size_t rank = 0;
        for (std::size_t i = 0; i < duration_units.size(); ++i) {
            if (duration_units[i].name == name) {
                rank = i + 1;
            }
        }
        if (rank == 0) {
            return result::fail("unknown unit '" + std::string(name) + "' (" + duration_units_hint +
                                ")");
        }
        if (rank <= previous_rank) {
            return result::fail("units must go from the largest to the smallest, each once");
        }
        previous_rank = rank;
        auto factor = duration_units[rank - 1].factor;
        if (number > int64_max / factor || number * factor > int64_max - total) {
            return result::fail("too large");
        }
        total += number * factor;
    }
    return result::ok(std::chrono::milliseconds(total));
}

parse_result<std::chrono::milliseconds> duration_from_seconds(std::int64_t seconds) {
    using result = parse_result<std::chrono::milliseconds>;
    if (seconds < 0) {
        return result::fail("must not be negative");
    }
    if (seconds > int64_max / 1000) {
        return result::fail("too large");
    }
    return result::ok(std::chrono::milliseconds(seconds * 1000));
}

parse_result<std::int64_t> parse_size(std::string_view text) {
    using result = parse_result<std::int64_t>;
    if (text.empty()) {
        return result::fail("empty size");
    }
    if (text.front() == '-') {
        return result::fail("must not be negative");
    }
    if (!is_digit(text.front())) {
        return result::fail("expected a number at '" + std::string(text) + "'");
    }
    std::size_t pos = 0;
    std::int64_t number = 0;
    if (!read_number(text, pos, number)) {
        return result::fail("too large");
    }
    auto name = text.substr(pos);
    if (name.empty()) {
        return result::ok(number);
    }
    for (auto const& u : size_units) {
        if (u.name == name) {
            if (number > int64_max / u.factor) {
                return result::fail("too large");
            }
            return result::ok(number * u.factor);
        }
    }
    return result::fail("unknown unit '" + std::string(name) + "' (" + size_units_hint + ")");
}

parse_result<std::int64_t> size_from_integer(std::int64_t bytes) {
    if (bytes < 0) {
        return parse_result<std::int64_t>::fail("must not be negative");
    }
    return parse_result<std::int64_t>::ok(bytes);
}

std::string format_duration(std::chrono::milliseconds d) {
    auto rest = d.count();
    if (rest <= 0) {
        return "0s";
    }
    std::string out;
    for (auto const& u : duration_units) {
        if (rest >= u.factor) {
            out += std::to_string(rest / u.factor);
            out += u.name;
            rest %= u.factor;
        }
    }
    return out;
}

std::string format_size(std::int64_t bytes) {
    if (bytes <= 0) {
        return "0B";
    }
    unit best = size_units.front();
    for (auto const& u : size_units) {
        if (bytes % u.factor == 0 && bytes / u.factor < bytes / best.factor) {
            best = u;
        }
    }
    return std::to_string(bytes / best.factor) + std::string(best.name);
}

}  // namespace ingest::core::config
