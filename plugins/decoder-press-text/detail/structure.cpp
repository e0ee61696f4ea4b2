#include "structure.hpp"

#include "dates.hpp"
#include "text.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace ingest::plugins::decoder_press_text::detail {

namespace {

constexpr std::size_t dateline_max_chars = 60;
constexpr std::size_t dateline_max_words = 6;
constexpr std::size_t dateline_search_bytes = 400;
constexpr std::size_t tag_max_words = 5;
constexpr std::size_t tag_max_chars = 60;
constexpr std::size_t single_tag_max_words = 3;

/// Lower-case words that may appear inside a place name: "Dar es Salaam", "Rio de Janeiro",
/// "Bosnia and Herzegovina", "Port of Spain".
constexpr std::array<std::string_view, 36> place_particles{
    "de",  "del", "la",    "las", "los", "el",  "es",  "da",  "das", "do",  "dos",  "du",
    "des", "di",  "della", "von", "van", "der", "den", "am",  "an",  "im",  "upon", "on",
    "of",  "and", "y",     "e",   "et",  "al",  "bin", "sur", "en",  "aan", "the",  "le"};

/// Words that never appear in a dateline but often open a sentence with a dash in it:
/// "IOM Director General António Vitorino – speaking today – said".
constexpr std::array<std::string_view, 22> not_place_words{
    "director", "minister",  "president", "secretary",  "spokesperson", "spokesman",
    "officer",  "chief",     "head",      "said",       "says",         "announced",
    "today",    "yesterday", "this",      "we",         "our",          "ambassador",
    "deputy",   "chair",     "manager",   "coordinator"};

bool is_place_particle(std::string_view word) {
    for (auto const p : place_particles) {
        if (p == word) {
            return true;
        }
    }
    return false;
}

bool has_digit(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (is_decimal_digit(next_code_point(s, i))) {
            return true;
        }
    }
    return false;
}

/// A dash that separates a dateline: [begin, end) covers the dash and the spaces around it.
struct dash_match {
    std::size_t begin;
    std::size_t end;
};

std::optional<dash_match> find_dateline_dash(std::string_view p) {
    std::size_t const limit = std::min(p.size(), dateline_search_bytes);
    for (std::size_t i = 0; i < limit; ++i) {
        std::size_t dash_len = 0;
        if (p.compare(i, 3, "\xE2\x80\x93") == 0 || p.compare(i, 3, "\xE2\x80\x94") == 0) {
            dash_len = 3;  // en dash, em dash: spaces around are optional
        } else if (p.compare(i, 2, "--") == 0) {
            dash_len = 2;
        } else if (p[i] == '-') {
            dash_len = 1;
        } else {
            continue;
        }
        bool const space_before = i > 0 && p[i - 1] == ' ';
        bool const space_after = i + dash_len < p.size() && p[i + dash_len] == ' ';
        if (dash_len != 3 && !space_before && !space_after) {
            i += dash_len - 1;
            continue;  // a hyphen inside a word: Port-au-Prince, COVID-19
        }
        dash_match m{i, i + dash_len};
        if (space_before) {
            m.begin -= 1;
        }
        if (space_after) {
            m.end += 1;
        }
        return m;
    }
    return std::nullopt;
}

std::string_view strip_trailing_comma(std::string_view s) {
    return trim_end_chars(s, ",");
}

/// Drops a date after the place: "GENEVA (26 May 2020)", "NAIROBI, 3 March 2021".
std::string_view strip_dateline_date(std::string_view place) {
    place = strip_trailing_comma(trim(place));
    if (!place.empty() && place.back() == ')') {
        auto const open = place.rfind('(');
        if (open != std::string_view::npos) {
            auto const inner = place.substr(open + 1, place.size() - open - 2);
            if (looks_like_date(inner)) {
                place = strip_trailing_comma(trim(place.substr(0, open)));
            }
        }
    }
    auto const comma = place.rfind(',');
    if (comma != std::string_view::npos) {
        auto const tail = trim(place.substr(comma + 1));
        if (parse_release_date(tail) || (has_digit(tail) && looks_like_date(tail))) {
            place = strip_trailing_comma(trim(place.substr(0, comma)));
        }
    }
    return place;
}

bool looks_like_place(std::string_view place) {
    if (place.empty() || code_point_count(place) > dateline_max_chars) {
        return false;
    }
    std::size_t i = 0;
    if (!is_capital_or_caseless_letter(next_code_point(place, i))) {
        return false;
    }
    if (has_digit(place) || has_sentence_punctuation(place) ||
        place.find_first_of("@()[]{}\"") != std::string_view::npos) {
        return false;
    }
    auto const words = split_words(place);
    if (words.size() > dateline_max_words) {
        return false;
    }
    for (auto const word : words) {
        char32_t const first = first_letter(word);
        if (first == 0) {
            if (word != "&") {
                return false;
            }
            continue;
        }
        auto const bare = trim_end_chars(word, ",");
        if (is_lowercase_letter(first) && !is_place_particle(bare)) {
            return false;
        }
        for (auto const w : not_place_words) {
            if (equals_icase(w, bare)) {
                return false;
            }
        }
    }
    return true;
}

bool is_end_marker(std::string_view item) {
    std::string letters;
    for (char const c : item) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            letters.push_back(c);
        }
    }
    return equals_icase(letters, "ends") || equals_icase(letters, "end") ||
           equals_icase(letters, "endit") || equals_icase(letters, "endofpressrelease") ||
           equals_icase(letters, "endofrelease");
}

bool is_tag_item(std::string_view item, std::size_t max_words) {
    if (item.empty() || code_point_count(item) > tag_max_chars) {
        return false;
    }
    if (split_words(item).size() > max_words || first_letter(item) == 0) {
        return false;
    }
    if (has_sentence_punctuation(item) || item.find('@') != std::string_view::npos ||
        starts_with_icase(item, "http") || starts_with_icase(item, "www.")) {
        return false;
    }
    return !is_end_marker(item);
}

}  // namespace

bool has_sentence_punctuation(std::string_view s) {
    std::size_t letters_before = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t const cp = next_code_point(s, i);
        switch (cp) {
            case '!':
            case '?':
            case ';':
            case ':':
            case '"':
            case 0x201C:  // “
            case 0x201D:  // ”
            case 0x00AB:  // «
            case 0x00BB:  // »
            case 0x2026:  // …
                return true;
            case '.':
                if (letters_before == 0 || letters_before > 2) {
                    return true;
                }
                break;
            default:
                break;
        }
        letters_before = is_letter(cp) ? letters_before + 1 : 0;
    }
    return false;
}

std::optional<dateline_split> split_dateline(std::string_view paragraph) {
    auto const dash = find_dateline_dash(paragraph);
    if (!dash) {
        return std::nullopt;
    }
    std::string_view const place = strip_dateline_date(paragraph.substr(0, dash->begin));
    if (!looks_like_place(place)) {
        return std::nullopt;
    }
    std::string_view rest = trim(paragraph.substr(dash->end));
    // "Rio de Janeiro, Brazil - 3 March 2021 - The ...": the date between two dashes goes too.
    if (auto const second = find_dateline_dash(rest)) {
        auto const between = trim(rest.substr(0, second->begin));
        if (parse_release_date(between)) {
            rest = trim(rest.substr(second->end));
        }
    }
    return dateline_split{std::string(place), std::string(rest)};
}

std::optional<std::vector<std::string>> parse_tag_line(std::string_view line) {
    line = trim(line);
    bool labelled = false;
    for (std::string_view label : {"tags:", "tag:", "keywords:", "key words:", "topics:"}) {
        if (starts_with_icase(line, label)) {
            line = trim(line.substr(label.size()));
            labelled = true;
            break;
        }
    }
    std::vector<std::string_view> items;
    bool hashtags = !line.empty();
    for (auto const word : split_words(line)) {
        hashtags = hashtags && word.size() > 1 && word.front() == '#';
    }
    if (hashtags) {
        for (auto word : split_words(line)) {
            word = trim_end_chars(word.substr(1), ",");
            items.push_back(word);
        }
    } else {
        // Commas: ASCII, Arabic "،", ideographic "、" and full-width "，".
        std::size_t start = 0;
        std::size_t i = 0;
        auto cut = [&](std::size_t end, std::size_t next) {
            auto const item = trim(line.substr(start, end - start));
            if (!item.empty()) {
                items.push_back(item);
            }
            start = next;
        };
        while (i < line.size()) {
            std::size_t const at = i;
            char32_t const cp = next_code_point(line, i);
            if (cp == ',' || cp == 0x060C || cp == 0x3001 || cp == 0xFF0C) {
                cut(at, i);
            }
        }
        cut(line.size(), line.size());
    }
    if (items.empty()) {
        return std::nullopt;
    }
    std::size_t const max_words =
        items.size() == 1 && !labelled && !hashtags ? single_tag_max_words : tag_max_words;
    std::vector<std::string> tags;
    std::set<std::string> seen;
    for (auto const item : items) {
        if (!is_tag_item(item, max_words)) {
            return std::nullopt;
        }
        if (seen.insert(fold_case(item)).second) {
            tags.emplace_back(item);
        }
    }
    return tags;
}

std::string make_summary(std::string_view paragraph, std::size_t max_chars) {
    if (code_point_count(paragraph) <= max_chars || max_chars < 2) {
        return std::string(paragraph);
    }
    // The byte offset after max_chars - 1 code points (room for the "…").
    std::size_t cut = 0;
    for (std::size_t n = 0; n + 1 < max_chars; ++n) {
        next_code_point(paragraph, cut);
    }
    std::string_view head = paragraph.substr(0, cut);
    if (paragraph[cut] != ' ') {
        auto const space = head.rfind(' ');
        if (space != std::string_view::npos && space > 0) {
            head = head.substr(0, space);
        }
    }
    head = trim_end_chars(head, ",;:-(");
    for (std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94"}) {
        if (head.size() >= dash.size() && head.substr(head.size() - dash.size()) == dash) {
            head = trim_end_chars(head.substr(0, head.size() - dash.size()), ",;:-(");
        }
    }
    std::string out(head);
    out += "\xE2\x80\xA6";
    return out;
}

}  // namespace ingest::plugins::decoder_press_text::detail
