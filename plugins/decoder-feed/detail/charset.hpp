// Character encodings: which charset a payload is in, and its conversion to UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::decoder_feed::detail {

/// A payload converted to UTF-8.
struct utf8_document {
    std::string text;  ///< well-formed UTF-8, BOM removed
    /// When to_utf8 was allowed to borrow and the bytes are well-formed UTF-8 already: the
    /// bytes themselves (BOM removed), and text is left empty.
    std::optional<std::string_view> borrowed;
    std::string encoding;      ///< the charset read, normalized ("utf-8", "windows-1252", ...)
    std::string source;        ///< where it came from: "bom", "http", "xml", "detected", "default"
    std::size_t replaced = 0;  ///< ill-formed sequences replaced by U+FFFD
    std::vector<std::string> warnings;
};

/// The charset parameter of a Content-Type value ("text/xml; charset=UTF-8" -> "UTF-8"),
/// unquoted; empty when absent.
std::string charset_parameter(std::string_view content_type);

/// A charset label normalized the WHATWG way: lower case, aliases folded, and iso-8859-1,
/// latin1 and us-ascii read as windows-1252.
std::string normalize_charset(std::string_view label);

/// The encoding pseudo-attribute of a leading XML declaration, empty when none. Also
/// recognizes UTF-16 without a BOM from its first bytes ("utf-16le"/"utf-16be").
std::string xml_declared_charset(std::string_view bytes);

/// Converts a payload to UTF-8. Order: BOM, then http_charset, then (for XML) the XML
/// declaration, then UTF-8 when the bytes are well-formed UTF-8, then uchardet detection.
/// A declared charset that iconv does not know, or a declared UTF-8 that is ill-formed, is
/// a warning and detection decides. Never throws for bad bytes: they become U+FFFD.
utf8_document to_utf8(std::string_view bytes, std::string_view http_charset, bool is_xml,
                      bool may_borrow = false);

}  // namespace ingest::plugins::decoder_feed::detail
