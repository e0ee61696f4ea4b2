// The one date parser of the press-text decoder: a format list over Howard Hinnant's date
// library, after a small clean-up of the text (weekday, ordinals, commas, "Sept").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ingest::plugins::decoder_press_text::detail {

/// How an all-numeric date such as 05/06/2020 is read. ISO 8601 (year first) is always
/// year-month-day.
enum class date_order { day_first, month_first };

/// Parses the date of a release and returns Unix milliseconds (UTC), or nullopt when text is
/// not one whole date. Accepted, case-insensitively, with any spacing:
///  - ISO 8601: 2020-05-26, 2020-05-26T10:00:00Z, ...T10:00+02:00, ...T10:00:00.5-0500,
///    also with a space instead of T; a time without an offset is UTC;
///  - numeric: 26/05/2020, 26 / 05 / 2020, 26.05.2020, 26-05-2020, two-digit years
///    (69..99 -> 19xx, 00..68 -> 20xx), 2020/05/26;
///  - English month names, full or abbreviated (also "Sept", "Jan."): May 26, 2020,
///    26 May 2020, 26-May-2020, 26th of May 2020, with an optional leading weekday
///    ("Tuesday, 26 May 2020", not checked against the date) and an optional time.
/// A date without a time is midnight UTC. Years outside 1900..2199 are refused.
std::optional<std::int64_t> parse_release_date(std::string_view text,
                                               date_order order = date_order::day_first);

/// parse_release_date() without its shortcut for the common numeric shapes (D/M/YYYY,
/// D.M.YYYY, YYYY-MM-DD): the format list alone. For tests that hold the two equal.
std::optional<std::int64_t> parse_release_date_by_formats(std::string_view text,
                                                          date_order order = date_order::day_first);

/// True when text names an English month or weekday, or holds a digit: something a writer
/// meant as a date even when parse_release_date() cannot read it.
bool looks_like_date(std::string_view text);

}  // namespace ingest::plugins::decoder_press_text::detail
