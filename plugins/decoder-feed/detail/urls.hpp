// Links: resolution against xml:base / the feed's URI (Boost.URL) and the scheme policy.
#pragma once

#include <string>
#include <string_view>

namespace ingest::plugins::decoder_feed::detail {

/// A link after resolution.
struct resolved_link {
    std::string url;      ///< absolute when a base was known; empty when dropped
    std::string warning;  ///< why it was dropped or kept unresolved, empty when fine
};

/// True for schemes a release must never carry (javascript:, vbscript:, data:, file:), with
/// the tab/newline/leading-space tricks browsers ignore taken into account.
bool is_forbidden_scheme(std::string_view ref);

/// True for an absolute http or https URI whose form a quick scan proves valid (RFC 3986:
/// a reg-name host of letters, digits, '-', '.', '_', '~', an optional port, then path,
/// query and fragment characters and well-formed %XX triplets). Such a link resolves to
/// itself; false sends it through the full parser.
bool is_plain_http_url(std::string_view s) noexcept;

/// Resolves ref against base (RFC 3986 section 5). An empty ref gives an empty url and no
/// warning; a forbidden scheme gives an empty url and a warning; a ref that is not a valid
/// URI reference, or relative with no usable base, is kept as written with a warning.
resolved_link resolve_link(std::string_view base, std::string_view ref);

/// Resolves an xml:base value against the enclosing base; base itself when ref cannot be
/// resolved or is forbidden.
std::string resolve_base(std::string_view base, std::string_view ref);

}  // namespace ingest::plugins::decoder_feed::detail
