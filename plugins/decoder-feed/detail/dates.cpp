#include "dates.hpp"

#include "text.hpp"

#include <date/date.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace ingest::plugins::decoder_feed::detail {

namespace {

constexpr std::array<std::string_view, 12> month_abbreviations{
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

constexpr std::array<std::string_view, 7> weekday_abbreviations{"mon", "tue", "wed", "thu",
                                                                "fri", "sat", "sun"};

/// RFC 822 zone names (obsolete in RFC 2822) and a few common non-standard ones, in minutes.
constexpr std::array<std::pair<std::string_view, int>, 22> zone_offsets{{
    {"ut", 0},     {"utc", 0},    {"gmt", 0},    {"z", 0},      {"est", -300}, {"edt", -240},
    {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
    {"cet", 60},   {"cest", 120}, {"met", 60},   {"mest", 120}, {"bst", 60},   {"eet", 120},
    {"eest", 180}, {"wet", 0},    {"jst", 540},  {"aest", 600},
}};

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool all_digits(std::string_view s) noexcept {
    if (s.empty()) {
        return false;
    }
    for (char const c : s) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

int to_int(std::string_view s) noexcept {
    int v = 0;
    for (char const c : s) {
        v = v * 10 + (c - '0');
        if (v > 1000000) {
            return v;
        }
    }
    return v;
}

struct civil_time {
    int year = 0;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;
    int offset_minutes = 0;
};

std::optional<std::int64_t> to_unix_ms(civil_time const& t) {
    if (t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 || t.hour > 24 ||
        t.minute > 59 || t.second > 60 || t.offset_minutes < -18 * 60 ||
        t.offset_minutes > 18 * 60) {
        return std::nullopt;
    }
    if (t.hour == 24 && (t.minute != 0 || t.second != 0)) {
        return std::nullopt;
    }
    date::year_month_day const ymd{date::year{t.year}, date::month{static_cast<unsigned>(t.month)},
                                   date::day{static_cast<unsigned>(t.day)}};
    if (t.day < 1 || !ymd.ok()) {
        return std::nullopt;
    }
    std::int64_t const days = date::sys_days{ymd}.time_since_epoch().count();
    int const second = t.second == 60 ? 59 : t.second;  // a leap second reads as :59
    std::int64_t const seconds = days * 86400 + std::int64_t{t.hour} * 3600 +
                                 std::int64_t{t.minute} * 60 + second -
                                 std::int64_t{t.offset_minutes} * 60;
    return seconds * 1000 + t.millis;
}

/// "+0200", "-05:00", "+2", "Z", "GMT", "EST", "GMT+2", "UTC-05:00"... in minutes.
std::optional<int> parse_zone(std::string_view z) {
    if (z.empty()) {
        return 0;
    }
    std::string lower = ascii_lower(z);
    for (auto const& [name, minutes] : zone_offsets) {
        if (lower == name) {
            return minutes;
        }
    }
    // RFC 5322 4.3: military zone letters were specified wrongly; read them as -0000.
    if (lower.size() == 1 && is_alpha(lower[0]) && lower[0] != 'j') {
        return 0;
    }
    if (lower.rfind("gmt", 0) == 0 || lower.rfind("utc", 0) == 0) {
        lower.erase(0, 3);
    }
    if (lower.empty() || (lower[0] != '+' && lower[0] != '-')) {
        return std::nullopt;
    }
    int const sign = lower[0] == '-' ? -1 : 1;
    std::string digits;
    for (std::size_t i = 1; i < lower.size(); ++i) {
        if (is_digit(lower[i])) {
            digits += lower[i];
        } else if (lower[i] != ':') {
            return std::nullopt;
        }
    }
    int hours = 0;
    int minutes = 0;
    if (digits.size() == 4) {
        hours = to_int(std::string_view(digits).substr(0, 2));
        minutes = to_int(std::string_view(digits).substr(2, 2));
    } else if (digits.size() == 1 || digits.size() == 2) {
        hours = to_int(digits);
    } else if (digits.size() == 3) {
        hours = to_int(std::string_view(digits).substr(0, 1));
        minutes = to_int(std::string_view(digits).substr(1, 2));
    } else {
        return std::nullopt;
    }
    if (hours > 18 || minutes > 59) {
        return std::nullopt;
    }
    return sign * (hours * 60 + minutes);
}

/// "10:00", "10:00:00", "10:00:00.123", "9.30"; false when not a time.
bool parse_clock(std::string_view s, civil_time& t) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == ':') {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    if (parts.size() < 2 || parts.size() > 3) {
        return false;
    }
    std::string_view sec = parts.size() == 3 ? parts[2] : std::string_view("0");
    std::string_view frac;
    if (auto dot = sec.find_first_of(".,"); dot != std::string_view::npos) {
        frac = sec.substr(dot + 1);
        sec = sec.substr(0, dot);
    }
    if (!all_digits(parts[0]) || !all_digits(parts[1]) || !all_digits(sec) || parts[0].size() > 2 ||
        parts[1].size() != 2 || sec.size() > 2 || (!frac.empty() && !all_digits(frac))) {
        return false;
    }
    t.hour = to_int(parts[0]);
    t.minute = to_int(parts[1]);
    t.second = to_int(sec);
    if (!frac.empty()) {
        std::string ms(frac.substr(0, 3));
        while (ms.size() < 3) {
            ms += '0';
        }
        t.millis = to_int(ms);
    }
    return true;
}

int month_from_name(std::string_view word) {
    if (word.size() < 3) {
        return 0;
    }
    std::string const lower = ascii_lower(word);
    for (std::size_t i = 0; i < month_abbreviations.size(); ++i) {
        if (lower.compare(0, 3, month_abbreviations[i]) == 0) {
            // Accept "May", "Sept", "September", not "Mayday".
            static constexpr std::array<std::string_view, 12> full{
                "january", "february", "march",     "april",   "may",      "june",
                "july",    "august",   "september", "october", "november", "december"};
            if (lower.size() == 3 || full[i].rfind(lower, 0) == 0) {
                return static_cast<int>(i) + 1;
            }
        }
    }
    return 0;
}

bool is_weekday(std::string_view word) {
    std::string const lower = ascii_lower(word);
    for (auto const w : weekday_abbreviations) {
        if (lower.compare(0, 3, w) == 0 && lower.size() <= 9) {
            return true;
        }
    }
    return false;
}

int expand_year(std::string_view digits) {
    int y = to_int(digits);
    if (digits.size() == 2) {
        y += y < 50 ? 2000 : 1900;  // RFC 5322 4.3
    } else if (digits.size() == 3) {
        y += 1900;
    }
    return y;
}

/// ISO 8601 / RFC 3339 / W3CDTF: "2020-05-26", "2020-05", "2020",
/// "2020-05-26T10:00:00.123+02:00", "2020-05-26 10:00:00Z", "2020-05-26T10:00+0200".
std::optional<std::int64_t> parse_iso(std::string_view s) {
    civil_time t;
    auto digits_at = [&](std::size_t pos, std::size_t n) {
        return pos + n <= s.size() && all_digits(s.substr(pos, n));
    };
    if (!digits_at(0, 4)) {
        return std::nullopt;
    }
    t.year = to_int(s.substr(0, 4));
    std::size_t i = 4;
    bool compact = false;
    if (i < s.size() && s[i] == '-') {
        if (!digits_at(i + 1, 2)) {
            return std::nullopt;
        }
        t.month = to_int(s.substr(i + 1, 2));
        i += 3;
        if (i < s.size() && s[i] == '-') {
            if (!digits_at(i + 1, 2)) {
                return std::nullopt;
            }
            t.day = to_int(s.substr(i + 1, 2));
            i += 3;
        }
    } else if (digits_at(4, 4)) {  // 20200526
        compact = true;
        t.month = to_int(s.substr(4, 2));
        t.day = to_int(s.substr(6, 2));
        i = 8;
    }
    if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
        ++i;
        while (i < s.size() && s[i] == ' ') {
            ++i;
        }
        std::size_t end = i;
        while (end < s.size() &&
               (is_digit(s[end]) || s[end] == ':' || s[end] == '.' || s[end] == ',')) {
            ++end;
        }
        std::string_view clock = s.substr(i, end - i);
        std::string expanded;
        if (compact && clock.size() >= 4 && clock.find(':') == std::string_view::npos) {
            expanded = std::string(clock.substr(0, 2)) + ":" + std::string(clock.substr(2, 2));
            if (clock.size() >= 6) {
                expanded += ":" + std::string(clock.substr(4));
            }
            clock = expanded;
        }
        if (!parse_clock(clock, t)) {
            return std::nullopt;
        }
        i = end;
        while (i < s.size() && s[i] == ' ') {
            ++i;
        }
        auto const zone = parse_zone(s.substr(i));
        if (!zone) {
            return std::nullopt;
        }
        t.offset_minutes = *zone;
    } else if (i != s.size()) {
        return std::nullopt;
    }
    return to_unix_ms(t);
}

/// RFC 822 and its relatives: "Tue, 26 May 2020 10:00:00 +0200", "26 May 20 10:00 EST",
/// "Tue 26 May 2020 10:00:00 GMT", "May 26, 2020 10:00", "Tue, 26 May 2020" (midnight UTC), "Tue,
/// 26 May 2020 10:00:00 +0200 (CEST)".
std::optional<std::int64_t> parse_rfc822(std::string_view s) {
    std::string cleaned;
    int paren = 0;
    for (char const c : s) {
        if (c == '(') {
            ++paren;
        } else if (c == ')') {
            paren = paren > 0 ? paren - 1 : 0;
        } else if (paren == 0) {
            cleaned += (c == ',' ? ' ' : c);
        }
    }
    // RFC 850 "26-May-20": dashes between a day, a month name and a year separate tokens.
    for (std::size_t k = 1; k + 1 < cleaned.size(); ++k) {
        if (cleaned[k] == '-' && ((is_digit(cleaned[k - 1]) && is_alpha(cleaned[k + 1])) ||
                                  (is_alpha(cleaned[k - 1]) && is_digit(cleaned[k + 1])))) {
            cleaned[k] = ' ';
        }
    }
    std::vector<std::string_view> tokens;
    std::string_view rest(cleaned);
    while (!rest.empty()) {
        std::size_t const start = rest.find_first_not_of(" \t\r\n");
        if (start == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(start);
        std::size_t const end = rest.find_first_of(" \t\r\n");
        tokens.push_back(rest.substr(0, end));
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    }
    std::size_t i = 0;
    if (i < tokens.size() && is_weekday(tokens[i]) && month_from_name(tokens[i]) == 0) {
        ++i;
    }
    civil_time t;
    // day month year | month day year
    if (i + 3 > tokens.size()) {
        return std::nullopt;
    }
    std::string_view day_token;
    std::string_view month_token;
    if (all_digits(tokens[i])) {
        day_token = tokens[i];
        month_token = tokens[i + 1];
    } else {
        month_token = tokens[i];
        day_token = tokens[i + 1];
    }
    t.month = month_from_name(month_token);
    if (t.month == 0 || !all_digits(day_token) || day_token.size() > 2) {
        return std::nullopt;
    }
    t.day = to_int(day_token);
    std::string_view const year_token = tokens[i + 2];
    if (!all_digits(year_token) || year_token.size() < 2 || year_token.size() > 4) {
        return std::nullopt;
    }
    t.year = expand_year(year_token);
    i += 3;
    // "March 5, 2024 - 10:00" (Drupal), "March 5, 2024 at 10:00 AM" (WordPress).
    if (i + 1 < tokens.size() && (tokens[i] == "-" || equals_icase(tokens[i], "at"))) {
        ++i;
    }
    if (i < tokens.size()) {
        if (!parse_clock(tokens[i], t)) {
            return std::nullopt;
        }
        ++i;
        // A 12-hour clock: "10:00 AM", "3:45 pm".
        if (i < tokens.size() && (equals_icase(tokens[i], "am") || equals_icase(tokens[i], "pm"))) {
            if (t.hour < 1 || t.hour > 12) {
                return std::nullopt;
            }
            t.hour = t.hour % 12 + (equals_icase(tokens[i], "pm") ? 12 : 0);
            ++i;
        }
    }
    std::string zone;
    for (; i < tokens.size(); ++i) {
        zone += tokens[i];
    }
    auto const offset = parse_zone(zone);
    if (!offset) {
        return std::nullopt;
    }
    t.offset_minutes = *offset;
    return to_unix_ms(t);
}

/// "26-May-2020 10:00" and "2020/05/26 10:00:00": separators normalized first.
std::string normalize_separators(std::string_view s) {
    std::string out(s);
    // dd-Mon-yyyy
    if (out.size() >= 8 && is_digit(out[0])) {
        std::size_t const dash = out.find('-');
        if (dash != std::string::npos && dash <= 2 && dash + 4 < out.size() &&
            is_alpha(out[dash + 1])) {
            out[dash] = ' ';
            std::size_t const dash2 = out.find('-', dash + 1);
            if (dash2 != std::string::npos && dash2 < dash + 12) {
                out[dash2] = ' ';
            }
        }
    }
    // yyyy/mm/dd
    if (out.size() >= 10 && out[4] == '/' && out[7] == '/') {
        out[4] = '-';
        out[7] = '-';
    }
    return out;
}

}  // namespace

std::optional<std::int64_t> parse_feed_date_ms(std::string_view text) {
    std::string const s = normalize_separators(trim(text));
    // Epoch numbers are too ambiguous to guess; four digits are a W3CDTF year ("2020").
    if (s.empty() || s.size() > 64 || (all_digits(s) && s.size() != 4) ||
        (s[0] == '-' && all_digits(std::string_view(s).substr(1)))) {
        return std::nullopt;
    }
    if (s.size() >= 4 && all_digits(std::string_view(s).substr(0, 4))) {
        return parse_iso(s);
    }
    return parse_rfc822(s);
}

sdk::timestamp parse_feed_date(std::string_view text) {
    sdk::timestamp ts;
    ts.raw = std::string(trim(text));
    if (!ts.raw.empty()) {
        ts.unix_ms = parse_feed_date_ms(ts.raw);
    }
    return ts;
}

}  // namespace ingest::plugins::decoder_feed::detail
