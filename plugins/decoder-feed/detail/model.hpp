// The format-neutral shape of a feed between the format readers (xml_feed, json_feed) and
// the release builder (feed.cpp): raw strings as the document gave them, nothing resolved.
#pragma once

#include <ingest/sdk/release.hpp>

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::decoder_feed::detail {

/// How a text construct is to be read.
enum class text_kind { plain, html };

/// A text construct with its kind (RSS description = html, Atom type="text" = plain...).
/// The text is a view: while a reader runs, into the parsed document or the feed's
/// owned_texts; in a raw_feed a reader returned, into the feed's document (XML) or the
/// storage of its entry (raw_entry::own_texts).
struct text_value {
    std::string_view value;
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

    /// Copies title, summary and content into one block the entry owns and points them
    /// there, so that they outlive the document or strings they pointed into.
    void own_texts() {
        std::size_t const size = title.value.size() + summary.value.size() + content.value.size();
        std::unique_ptr<char[]> block(new char[size == 0 ? 1 : size]);
        char* at = block.get();
        for (text_value* t : {&title, &summary, &content}) {
            if (!t->value.empty()) {
                std::memcpy(at, t->value.data(), t->value.size());
            }
            t->value = std::string_view(at, t->value.size());
            at += t->value.size();
        }
        texts_ = std::move(block);
    }

private:
    std::unique_ptr<char[]> texts_;  ///< what title, summary and content point into, once owned
};

/// The bytes an XML document is parsed in, in place: the decoder's own UTF-8 copy, or the
/// host's writable payload when it is UTF-8 already (no copy; borrowed for the decode call).
class document_text {
public:
    explicit document_text(std::string owned)
        : owned_(std::move(owned)), data_(owned_.data()), size_(owned_.size()) {}
    document_text(char* borrowed, std::size_t size) : data_(borrowed), size_(size) {}
    document_text(document_text const&) = delete;
    document_text& operator=(document_text const&) = delete;

    char* data() noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }
    std::string_view view() const noexcept { return {data_, size_}; }
    bool borrowed() const noexcept { return data_ != owned_.data(); }
    /// The text becomes s: written over the bytes when it fits (they are writable, and the
    /// document only shrinks), else owned from now on.
    void assign(std::string s);

private:
    std::string owned_;
    char* data_;
    std::size_t size_;
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

    /// Texts a reader built while it ran (joined pieces, serialized markup) rather than
    /// found whole in the document; empty once the reader returns. A deque: its elements
    /// never move, so views of them stay valid.
    std::deque<std::string> owned_texts;

    /// Keeps s with the feed and returns a view of it.
    std::string_view keep(std::string s) { return owned_texts.emplace_back(std::move(s)); }

    /// The document the XML reader parsed in place, the entries' texts moved to its front
    /// (their views point there) and the pages after them handed back to the kernel. Null
    /// for JSON Feeds, whose entries own their texts (raw_entry::own_texts). Heap-held, so
    /// that moving the feed moves no text. When it is the host's writable payload, the feed
    /// must not outlive the decode call.
    std::unique_ptr<document_text> document;
    /// For each entry n (and one past the last), the lowest offset in document of a text of
    /// entries n and later (the end of the texts when none): document[0, that) is not
    /// needed once the entries before n are done. Filled with document.
    std::vector<std::size_t> texts_needed_from;

    /// The entries before n are done (their releases are built): frees them, and hands back
    /// the pages of the document that only their texts used.
    void release_entries_before(std::size_t n);

private:
    std::size_t released_entries_ = 0;
    std::size_t released_bytes_ = 0;  ///< document[0, this) is handed back
};

/// Whole memory pages of [begin, end) handed back to the kernel: their bytes are not read
/// again (they read as zeros if they are). A page shared with other memory is kept. Returns
/// the end of what was handed back (begin when nothing was).
char* release_pages(char* begin, char* end) noexcept;

/// Documents below this size are not handed back page by page: they cost less than the
/// system calls and the page faults of filling those pages again for the next document
/// (about a tenth of the decoder's time on 250 KB feeds when this was 64 KiB).
constexpr std::size_t release_pages_from_bytes = std::size_t{1024} * 1024;

/// A payload read: parse and field extraction done (charset, safety checks, entities, the
/// format reader), before any release is built. What feed_decoder::read() returns.
struct feed_document {
    raw_feed feed;
    std::string encoding;  ///< the charset the bytes were read as ("utf-8", "windows-1252"...)
    std::vector<std::string> charset_warnings;  ///< from the conversion to UTF-8
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
