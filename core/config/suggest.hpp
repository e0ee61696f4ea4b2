// "Did you mean ...?" for misspelled keys, setting names, plugin names and ids.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::core::config {

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
/// adjacent characters each cost 1 ("pth" -> "path" is 1, "tiemout" -> "timeout" is 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to word, when it is close enough to be a plausible typo: distance
/// at most a third of the longer word's length (at least 1), nearest first, then the first
/// listed. nullopt when nothing qualifies or word is itself a candidate.
std::optional<std::string> closest_match(std::string_view word,
                                         std::vector<std::string> const& candidates);

}  // namespace ingest::core::config
