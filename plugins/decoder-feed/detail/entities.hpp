// HTML named entities in XML feeds, and the prolog check for entity declarations.
//
// Real feeds use &nbsp;, &eacute;, &mdash;... without a DTD that declares them. pugixml leaves
// such references as literal text, so before parsing we rewrite every reference to a known
// HTML entity as a numeric character reference (outside CDATA sections and comments).
// Unknown names are left alone (they stay literal text) and reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ingest::plugins::decoder_feed::detail {

/// The code points of an HTML named entity ("eacute" -> U+00E9), nullopt when unknown.
/// Some entities are two code points; second is 0 otherwise.
struct entity_code_points {
    char32_t first = 0;
    char32_t second = 0;
};
std::optional<entity_code_points> lookup_html_entity(std::string_view name) noexcept;

/// Parses the numeric character reference "&#123;" / "&#x7B;" / "&#X7B;" at text[i] (which
/// is '&' followed by '#'): its value, capped at 0x110000 (out of range), and the index
/// after its ';'. nullopt without digits or without the ';'.
std::optional<std::pair<std::uint32_t, std::size_t>> numeric_reference(std::string_view text,
                                                                       std::size_t i) noexcept;

/// A document with HTML named entity references rewritten.
struct entity_rewrite {
    std::string text;
    std::set<std::string> unknown;  ///< names neither XML nor HTML defines
    /// (position in text, position in the input) at each rewrite, for offset mapping.
    std::vector<std::pair<std::size_t, std::size_t>> shifts;

    /// The input offset of a position in text.
    std::size_t original_offset(std::size_t pos) const;
};

/// Rewrites &name; (name an HTML entity, not one of XML's five) to &#N; outside CDATA
/// sections, comments and processing instructions; numeric references whose HTML meaning
/// differs from their XML one (&#146; is U+2019, &#0; is U+FFFD) are rewritten to it.
entity_rewrite rewrite_html_entities(std::string_view xml);

/// As rewrite_html_entities, but no copy is made when no reference needs rewriting: text is
/// then empty (and shifts too); the caller keeps xml as it is.
entity_rewrite rewrite_html_entities_if_needed(std::string_view xml);

/// Where a DOCTYPE with an internal subset declaring entities starts, when the prolog has
/// one (the offset of "<!ENTITY"); nullopt otherwise. Only the prolog is scanned.
std::optional<std::size_t> find_entity_declaration(std::string_view xml) noexcept;

}  // namespace ingest::plugins::decoder_feed::detail
