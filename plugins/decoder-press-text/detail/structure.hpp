// The parts of a release body with a shape of their own: the dateline that opens the first
// paragraph, the tag line that closes the release, and the summary.
//
// Every function takes text that normalize_space() has already cleaned (single ASCII spaces,
// trimmed).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::decoder_press_text::detail {

/// A paragraph with its dateline split off.
struct dateline_split {
    std::string dateline;  ///< "Mexico City", "GENEVA, Switzerland"
    std::string rest;      ///< the paragraph after the dash, may be empty
};

/// Splits "Mexico City - On December 18, ..." into a dateline and the rest. The dateline is
/// the text before the first " - ", "–" or "—" (spaces around an en or em dash optional),
/// when it looks like a place: at most 6 words and 60 characters, starting with a capital
/// (or caseless) letter, every word capitalized except particles such as "de" or "es", no
/// digits and no sentence punctuation. A trailing date in parentheses or after a comma is
/// dropped: "GENEVA, Switzerland (26 May 2020) –" gives "GENEVA, Switzerland".
std::optional<dateline_split> split_dateline(std::string_view paragraph);

/// The tags of a tag line, or nullopt when line is not one: comma-separated items of at most
/// 5 words, without sentence punctuation, each with a letter; a "Tags:"/"Keywords:" label
/// and a line of #hashtags are accepted too. A line of one item needs at most 3 words and
/// must not be an end marker ("ENDS"). Tags keep their case and are de-duplicated
/// case-insensitively (the first spelling wins).
std::optional<std::vector<std::string>> parse_tag_line(std::string_view line);

/// The summary of a release: paragraph, or when it is longer than max_chars code points, its
/// start cut at a word boundary and ended with "…" (max_chars including the "…").
std::string make_summary(std::string_view paragraph, std::size_t max_chars = 500);

/// True when s holds a character that ends or structures a sentence: . ! ? ; : quotes and
/// "…". A dot is allowed after one or two letters (abbreviations: "D.C.", "St.").
bool has_sentence_punctuation(std::string_view s);

}  // namespace ingest::plugins::decoder_press_text::detail
