// GCC 12 at -O2 reports a maybe-uninitialized seconds value inside date::from_stream (a
// false positive in date.h, seen through std::chrono). Diagnostics are judged where the code
// is, so the whole translation unit, <chrono> included, is covered.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "dates.hpp"

#include "text.hpp"

#include <date/date.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ingest::plugins::decoder_press_text::detail {

namespace {

constexpr std::array<std::string_view, 18> weekday_names{
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues",   "wed",     "weds",      "thu",      "thur",   "thurs",    "fri",    "sat", "sun"};

constexpr std::array<std::string_view, 25> month_names{
    "january", "february", "march",    "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan",   "feb", "mar",  "apr",  "jun",    "jul",
    "aug",     "sep",      "sept",     "oct",   "nov", "dec",  "febr"};

/// Year, month and day marks of Chinese/Japanese (年 月 日) and Korean (년 월 일) dates.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> east_asian_date_marks{{
    {"\xE5\xB9\xB4", "-"},
    {"\xE6\x9C\x88", "-"},
    {"\xE6\x97\xA5", ""},
    {"\xEB\x85\x84", "-"},
    {"\xEC\x9B\x94", "-"},
    {"\xEC\x9D\xBC", ""},
}};

bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

template <std::size_t N>
bool contains_name(std::array<std::string_view, N> const& names, std::string_view word) {
    for (auto const& n : names) {
        if (equals_icase(n, word)) {
            return true;
        }
    }
    return false;
}

/// Rewrites a date into the shape the format list expects: commas and "of" removed, no
/// leading weekday, no ordinal suffixes, no dots after month abbreviations, "Sept" -> "Sep",
/// a trailing UTC/GMT/Z zone word removed (times are UTC anyway). Case is kept: the date
/// library reads names case-insensitively.
std::string clean_date_text(std::string_view text) {
    std::string s = normalize_space(text);
    // East Asian dates: 2022年3月15日, 2022년 3월 15일 -> 2022-3-15.
    bool east_asian = false;
    for (auto const& [mark, replacement] : east_asian_date_marks) {
        for (auto p = s.find(mark); p != std::string::npos; p = s.find(mark, p)) {
            s.replace(p, mark.size(), replacement);
            east_asian = true;
        }
    }
    if (east_asian) {
        s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    }
    // Commas and dots after letters only separate: "tue., 26 may, 2020" -> "tue 26 may 2020".
    std::string t;
    t.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char const c = s[i];
        if (c == ',' || (c == '.' && i > 0 && is_ascii_letter(s[i - 1]))) {
            t.push_back(' ');
        } else {
            t.push_back(c);
        }
    }
    std::string out;
    bool first = true;
    for (auto word : split_words(t)) {
        if (first && contains_name(weekday_names, word)) {
            first = false;
            continue;
        }
        first = false;
        if (equals_icase(word, "of") || equals_icase(word, "the")) {
            continue;
        }
        // Ordinals: 26th, 1st, 2nd, 3rd (only after digits).
        if (word.size() > 2 && is_ascii_digit(word[word.size() - 3])) {
            auto const suffix = word.substr(word.size() - 2);
            if (equals_icase(suffix, "st") || equals_icase(suffix, "nd") ||
                equals_icase(suffix, "rd") || equals_icase(suffix, "th")) {
                word.remove_suffix(2);
            }
        }
        if (equals_icase(word, "sept")) {
            word = word.substr(0, 3);
        }
        if (!out.empty()) {
            out.push_back(' ');
        }
        out.append(word);
    }
    for (std::string_view zone : {" utc", " gmt", " z"}) {
        if (out.size() > zone.size() &&
            equals_icase(std::string_view(out).substr(out.size() - zone.size()), zone)) {
            out.erase(out.size() - zone.size());
            break;
        }
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) {
        out.pop_back();
    }
    return out;
}

/// Parses all of s with one format; the year must be plausible for a press release.
std::optional<std::int64_t> parse_with(std::string const& s, char const* format) {
    std::istringstream in(s);
    date::sys_time<std::chrono::milliseconds> tp;
    in >> date::parse(format, tp);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
        return std::nullopt;
    }
    auto const ymd = date::year_month_day(date::floor<date::days>(tp));
    int const year = static_cast<int>(ymd.year());
    if (year < 1900 || year > 2199) {
        return std::nullopt;
    }
    return tp.time_since_epoch().count();
}

// Formats tried in order; the first that reads the whole text wins. A space in a format
// matches any run of spaces, including none.
constexpr std::array<char const*, 20> iso_formats{"%Y-%m-%dT%H:%M:%S%Ez",
                                                  "%Y-%m-%dT%H:%M:%S%z",
                                                  "%Y-%m-%dT%H:%M:%SZ",
                                                  "%Y-%m-%dT%H:%M:%S",
                                                  "%Y-%m-%dT%H:%M%Ez",
                                                  "%Y-%m-%dT%H:%M%z",
                                                  "%Y-%m-%dT%H:%MZ",
                                                  "%Y-%m-%dT%H:%M",
                                                  "%Y-%m-%d %H:%M:%S%Ez",
                                                  "%Y-%m-%d %H:%M:%S%z",
                                                  "%Y-%m-%d %H:%M:%S",
                                                  "%Y-%m-%d %H:%M%Ez",
                                                  "%Y-%m-%d %H:%M%z",
                                                  "%Y-%m-%d %H:%M",
                                                  "%Y-%m-%d",
                                                  "%Y / %m / %d",
                                                  "%Y.%m.%d",
                                                  "%Y%m%d",
                                                  "%Y-%m-%dt%H:%M:%Sz",
                                                  "%Y-%m-%dt%H:%M:%S"};

constexpr std::array<char const*, 6> day_first_formats{"%d / %m / %Y", "%d.%m.%Y", "%d - %m - %Y",
                                                       "%d / %m / %y", "%d.%m.%y", "%d - %m - %y"};

constexpr std::array<char const*, 6> month_first_formats{
    "%m / %d / %Y", "%m.%d.%Y", "%m - %d - %Y", "%m / %d / %y", "%m.%d.%y", "%m - %d - %y"};

constexpr std::array<char const*, 18> named_month_formats{"%d %b %Y",
                                                          "%b %d %Y",
                                                          "%d - %b - %Y",
                                                          "%d %b %y",
                                                          "%d - %b - %y",
                                                          "%b %d %y",
                                                          "%d %b %Y %H:%M:%S %z",
                                                          "%d %b %Y %H:%M %z",
                                                          "%d %b %Y %H:%M:%S",
                                                          "%d %b %Y %H:%M",
                                                          "%b %d %Y %H:%M:%S %z",
                                                          "%b %d %Y %H:%M %z",
                                                          "%b %d %Y %H:%M:%S",
                                                          "%b %d %Y %H:%M",
                                                          "%d %b %Y - %H:%M",
                                                          "%b %d %Y - %H:%M",
                                                          "%Y %b %d",
                                                          "%d %b %Y %H:%M:%S%Ez"};

/// Reads n digits (n_min..n_max of them) at s[i]; advances i.
std::optional<int> read_number(std::string const& s, std::size_t& i, std::size_t n_min,
                               std::size_t n_max) {
    std::size_t k = i;
    int value = 0;
    while (k < s.size() && k - i < n_max && is_ascii_digit(s[k])) {
        value = value * 10 + (s[k] - '0');
        ++k;
    }
    if (k - i < n_min) {
        return std::nullopt;
    }
    i = k;
    return value;
}

/// The numeric shapes nearly every release uses, read without the format list: D/M/YYYY
/// (or M/D/YYYY) with '/' or '-' and optional spaces around them, D.M.YYYY, and
/// YYYY-MM-DD. Gives what the format list gives for them (the same validity and year
/// checks); nullopt means "ask the format list".
std::optional<std::optional<std::int64_t>> parse_common_numeric(std::string const& s,
                                                                date_order order) {
    auto const skip_spaces = [&](std::size_t& i) {
        while (i < s.size() && s[i] == ' ') {
            ++i;
        }
    };
    auto const result = [](int y, int m, int d) -> std::optional<std::int64_t> {
        auto const ymd = date::year{y} / date::month{static_cast<unsigned>(m)} /
                         date::day{static_cast<unsigned>(d)};
        if (m < 1 || m > 12 || d < 1 || d > 31 || !ymd.ok() || y < 1900 || y > 2199) {
            return std::nullopt;
        }
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   date::sys_days(ymd).time_since_epoch())
            .count();
    };
    std::size_t i = 0;
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') {  // YYYY-MM-DD
        auto const y = read_number(s, i, 4, 4);
        ++i;
        auto const m = read_number(s, i, 2, 2);
        ++i;
        auto const d = read_number(s, i, 2, 2);
        if (!y || !m || !d || i != s.size()) {
            return std::nullopt;
        }
        return std::optional<std::optional<std::int64_t>>(std::in_place, result(*y, *m, *d));
    }
    auto const a = read_number(s, i, 1, 2);
    if (!a) {
        return std::nullopt;
    }
    std::size_t j = i;
    skip_spaces(j);
    if (j >= s.size() || (s[j] != '/' && s[j] != '-' && s[j] != '.')) {
        return std::nullopt;
    }
    char const sep = s[j];
    if (sep == '.' && j != i) {
        return std::nullopt;
    }
    i = j + 1;
    if (sep != '.') {
        skip_spaces(i);
    }
    auto const b = read_number(s, i, 1, 2);
    if (!b) {
        return std::nullopt;
    }
    j = i;
    if (sep != '.') {
        skip_spaces(j);
    }
    if (j >= s.size() || s[j] != sep) {
        return std::nullopt;
    }
    i = j + 1;
    if (sep != '.') {
        skip_spaces(i);
    }
    std::size_t const year_start = i;
    auto const y = read_number(s, i, 4, 4);
    if (!y || i != s.size() || year_start + 4 != s.size()) {
        return std::nullopt;
    }
    return std::optional<std::optional<std::int64_t>>(
        std::in_place, order == date_order::day_first ? result(*y, *b, *a) : result(*y, *a, *b));
}

}  // namespace

namespace {

std::optional<std::int64_t> parse_date(std::string_view text, date_order order, bool shortcut) {
    if (text.size() > 100) {
        return std::nullopt;  // no date is this long; spares the format list
    }
    std::string const s = clean_date_text(text);
    if (s.empty()) {
        return std::nullopt;
    }
    // Digit groups keep the formats honest: "May 2020" must not read as May 20, (20)20.
    bool has_letter = false;
    std::size_t digit_groups = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        has_letter = has_letter || is_ascii_letter(s[i]);
        if (is_ascii_digit(s[i]) && (i == 0 || !is_ascii_digit(s[i - 1]))) {
            ++digit_groups;
        }
    }
    // Only what dates are written with reaches the date library.
    if (s.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                            " :/.+-") != std::string::npos) {
        return std::nullopt;
    }
    // A colon only separates digits (10:00:00, +02:00). Besides, date::parse turns "%S" with
    // no digits after the colon into a NaN cast (undefined behaviour): keep such text away.
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ':' && (i == 0 || i + 1 == s.size() || !is_ascii_digit(s[i - 1]) ||
                            !is_ascii_digit(s[i + 1]))) {
            return std::nullopt;
        }
    }
    bool const compact = s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos;
    if (digit_groups < 2 && !compact) {
        return std::nullopt;  // a date needs a day and a year; 20200526 is the one exception
    }
    if (shortcut && !has_letter) {
        if (auto common = parse_common_numeric(s, order)) {
            return *common;
        }
    }
    if (has_letter) {
        for (char const* f : named_month_formats) {
            if (auto ms = parse_with(s, f)) {
                return ms;
            }
        }
    }
    for (char const* f : iso_formats) {
        if (auto ms = parse_with(s, f)) {
            return ms;
        }
    }
    auto const& numeric = order == date_order::day_first ? day_first_formats : month_first_formats;
    for (char const* f : numeric) {
        if (auto ms = parse_with(s, f)) {
            return ms;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> parse_release_date(std::string_view text, date_order order) {
    return parse_date(text, order, true);
}

std::optional<std::int64_t> parse_release_date_by_formats(std::string_view text, date_order order) {
    return parse_date(text, order, false);
}

bool looks_like_date(std::string_view text) {
    std::string const s = ascii_lower(text);
    std::string word;
    auto check_word = [&] {
        bool const named = contains_name(month_names, word) || contains_name(weekday_names, word);
        word.clear();
        return named;
    };
    for (char const c : s) {
        if (is_ascii_digit(c)) {
            return true;
        }
        if (is_ascii_letter(c)) {
            word.push_back(c);
        } else if (!word.empty() && check_word()) {
            return true;
        }
    }
    return !word.empty() && check_word();
}

}  // namespace ingest::plugins::decoder_press_text::detail
