// HTML bodies: one parse gives both the sanitized HTML (an allowlist of tags and attributes
// serialized from the tree, links resolved, dangerous schemes dropped) and the readable text
// (script/style/template skipped, paragraphs as blank lines, list items on their own lines,
// link text kept). The parse is gumbo's, or, for plain well-nested markup, a fast path that
// gives byte-identical results (see html.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::decoder_feed::detail {

struct html_output {
    std::string html;  ///< sanitized HTML, empty when nothing is left
    std::string text;  ///< readable text, paragraphs separated by one blank line
    std::vector<std::string> warnings;
};

/// Sanitizes an HTML fragment and extracts its text. Relative href/src are resolved against
/// base. A fragment without any tag is read as text with HTML escapes: blank lines separate
/// paragraphs. A fragment nested deeper than the walker's limit is reduced to its text.
html_output render_html(std::string_view html, std::string_view base);

/// render_html(html, base).text, without building the sanitized HTML (summaries whose HTML
/// is not kept, titles).
std::string render_html_text(std::string_view html);

/// For tests only: render_html() (build_html true) or render_html_text() (false, the whole
/// output returned) with every parse done by gumbo, the fast path never tried.
html_output render_html_gumbo_for_test(std::string_view html, std::string_view base,
                                       bool build_html);

/// For tests only: as render_html_gumbo_for_test(), with every parse done by the fast path;
/// nullopt when the fragment needs a parse and the fast path declines it. Whenever it
/// returns a value, that value equals render_html_gumbo_for_test()'s.
std::optional<html_output> render_html_fast_for_test(std::string_view html, std::string_view base,
                                                     bool build_html);

/// Plain text (Atom type="text", JSON content_text): escaped into <p> paragraphs, text
/// with whitespace normalized per paragraph.
html_output render_plain(std::string_view text);

/// The text of an HTML fragment on one line (titles): tags dropped, entities decoded,
/// whitespace collapsed.
std::string html_to_line(std::string_view html);

/// Escapes &, <, >, " for HTML text and attribute values.
std::string escape_html(std::string_view s);

}  // namespace ingest::plugins::decoder_feed::detail
