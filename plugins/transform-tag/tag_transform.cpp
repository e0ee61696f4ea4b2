#include "tag_transform.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace ingest::plugins::transform_tag {

namespace {

/// Simple case folding of one code point below U+0800 (all the folds stay below it).
std::uint32_t fold_code_point(std::uint32_t cp) {
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {  // Latin-1: À..Þ except ×
        return cp + 0x20;
    }
    if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) ||
        (cp >= 0x14A && cp <= 0x177)) {  // Latin Extended-A pairs, upper case even
        return cp | 1u;
    }
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {  // upper case odd
        return (cp & 1u) != 0 ? cp + 1 : cp;
    }
    if (cp == 0x178) {  // Ÿ
        return 0xFF;
    }
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) {  // Greek capitals
        return cp + 0x20;
    }
    if (cp == 0x3C2) {  // final sigma
        return 0x3C3;
    }
    if (cp >= 0x410 && cp <= 0x42F) {  // Cyrillic А..Я
        return cp + 0x20;
    }
    if (cp >= 0x400 && cp <= 0x40F) {  // Cyrillic Ѐ..Џ
        return cp + 0x50;
    }
    return cp;
}

}  // namespace

std::string fold_tag(std::string_view tag) {
    std::string out;
    out.reserve(tag.size());
    std::size_t i = 0;
    while (i < tag.size()) {
        auto const c = static_cast<unsigned char>(tag[i]);
        if (c >= 'A' && c <= 'Z') {
            out.push_back(static_cast<char>(c + ('a' - 'A')));
            ++i;
            continue;
        }
        if ((c & 0xE0u) == 0xC0u && i + 1 < tag.size() &&
            (static_cast<unsigned char>(tag[i + 1]) & 0xC0u) == 0x80u) {
            std::uint32_t cp =
                ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(tag[i + 1]) & 0x3Fu);
            cp = fold_code_point(cp);
            out.push_back(static_cast<char>(0xC0u | (cp >> 6)));
            out.push_back(static_cast<char>(0x80u | (cp & 0x3Fu)));
            i += 2;
            continue;
        }
        out.push_back(static_cast<char>(c));
        ++i;
    }
    return out;
}

tag_transform::tag_transform(ingest::sdk::context& ctx) {
    auto const& settings = ctx.settings();
    for (auto const& text : settings.get_list("tags")) {
        if (text.find_first_not_of(" \t") == std::string::npos) {
            throw ingest::sdk::invalid_input("tags: an empty tag is not allowed");
        }
        std::string folded = fold_tag(text);
        bool const seen = std::any_of(tags_.begin(), tags_.end(),
                                      [&folded](tag const& t) { return t.folded == folded; });
        if (!seen) {
            tags_.push_back({text, std::move(folded)});
        }
    }
    if (tags_.empty()) {
        throw ingest::sdk::invalid_input("tags: give at least one tag to add");
    }
    if (settings.has("only_if_title_matches")) {
        auto const& pattern = settings.get_string("only_if_title_matches");
        try {
            title_filter_.emplace(pattern, std::regex::ECMAScript);
        } catch (std::regex_error const& e) {
            throw ingest::sdk::invalid_input("only_if_title_matches: invalid regular expression '" +
                                             pattern + "': " + e.what());
        }
    }
}

void tag_transform::apply(ingest::sdk::release in, ingest::sdk::release_emitter& out) {
    if (!title_filter_ || std::regex_search(in.title, *title_filter_)) {
        std::vector<std::string> present;
        present.reserve(in.tags.size());
        for (auto const& t : in.tags) {
            present.push_back(fold_tag(t));
        }
        for (auto const& t : tags_) {
            if (std::find(present.begin(), present.end(), t.folded) == present.end()) {
                in.tags.push_back(t.text);
                present.push_back(t.folded);
            }
        }
    }
    out.emit(in);
}

}  // namespace ingest::plugins::transform_tag
