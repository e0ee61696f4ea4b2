// The format-neutral shape of a feed between the format readers (xml_feed, json_feed) and
// the release builder (feed.cpp): raw strings as the document gave them, nothing resolved.
#pragma once

#include <ingest/sdk/release.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::decoder_feed::detail {

/// How a text construct is to be read.
enum class text_kind { plain, html };

/// A text construct with its kind (RSS description = html, Atom type="text" = plain...).
struct text_value {
    std::string value;
    text_kind kind = text_kind::plain;
    bool empty() const noexcept { return value.empty(); }
};

/// One link of an entry before resolution.
struct raw_attachment {
    std::string uri;
    std::string media_type;
    std::string title;
    std::uint64_t size = 0;
};

/// One item / entry as read from the document.
struct raw_entry {
    std::string id;    ///< guid / atom:id / JSON id
    std::string link;  ///< the alternate link, unresolved
    text_value title;
    text_value summary;
    text_value content;
    std::string published;  ///< raw date texts
    std::string updated;
    std::vector<std::string> authors;
    std::vector<std::string> tags;
    std::vector<raw_attachment> attachments;
    std::string language;
    std::string base;  ///< the base URI in effect (xml:base chain), may be empty
    /// The bases at the summary / content elements (an xml:base of their own, as WordPress
    /// writes on Atom content); empty = base.
    std::string summary_base;
    std::string content_base;
    std::vector<std::string> warnings;
};

/// A whole feed as read from the document.
struct raw_feed {
    std::string format;
    std::string title;
    text_kind title_kind = text_kind::plain;  ///< RSS titles are read as HTML, as item titles
    std::string link;
    std::string subtitle;
    std::string language;
    std::string updated;
    std::string generator;
    std::string base;  ///< the base URI of the feed element
    std::vector<raw_entry> entries;
    std::set<std::string> unknown_entities;  ///< &name; references left literal
    std::vector<std::string> warnings;       ///< document-level warnings
};

/// Limits and context of one read.
struct read_options {
    std::size_t max_depth = 64;
    std::size_t max_items = 10000;
    std::string_view uri;            ///< the origin URI, for error messages
    std::string_view document_base;  ///< base URI of the document, may be empty
};

/// Throws sdk::invalid_input with message, then "(uri, byte N)" as far as known.
[[noreturn]] void refuse(std::string_view uri, std::string const& message,
                         std::optional<std::size_t> offset = std::nullopt);

}  // namespace ingest::plugins::decoder_feed::detail
