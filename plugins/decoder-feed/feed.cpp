#include "feed.hpp"

#include "detail/charset.hpp"
#include "detail/dates.hpp"
#include "detail/hash.hpp"
#include "detail/html.hpp"
#include "detail/json_feed.hpp"
#include "detail/model.hpp"
#include "detail/text.hpp"
#include "detail/xml_feed.hpp"

#include <cctype>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ingest::plugins::decoder_feed {

namespace detail {

void refuse(std::string_view uri, std::string const& message, std::optional<std::size_t> offset) {
    std::string full = message;
    if (!uri.empty() || offset) {
        full += " (";
        if (!uri.empty()) {
            full += uri;
        }
        if (offset) {
            full += uri.empty() ? "byte " : ", byte ";
            full += std::to_string(*offset);
        }
        full += ')';
    }
    throw sdk::invalid_input(full);
}

}  // namespace detail

namespace {

using detail::raw_entry;
using detail::raw_feed;
using detail::text_kind;
using detail::text_value;

/// A summary made from the body is its first paragraph, cut to this many bytes.
constexpr std::size_t max_derived_summary_bytes = 1000;

std::string media_type_base(std::string_view media_type) {
    std::size_t const semi = media_type.find(';');
    return detail::ascii_lower(detail::trim(media_type.substr(0, semi)));
}

bool starts_like_json(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        bytes.remove_prefix(3);
    }
    std::size_t const start = bytes.find_first_not_of(" \t\r\n");
    return start != std::string_view::npos && bytes[start] == '{';
}

/// True when every tag in s is inline formatting a title may carry (<b>, <em>, <a>...):
/// anything else ("<title>", "<Company>") is text that merely looks like a tag.
bool only_inline_tags(std::string_view s) {
    static constexpr std::string_view inline_tags[] = {
        "a",    "abbr", "b", "br",    "cite", "code",   "em",  "font", "i",
        "mark", "q",    "s", "small", "span", "strong", "sub", "sup",  "u"};
    for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
        std::size_t k = i + 1;
        if (k < s.size() && s[k] == '/') {
            ++k;
        }
        std::size_t end = k;
        while (end < s.size() && std::isalnum(static_cast<unsigned char>(s[end])) != 0) {
            ++end;
        }
        if (end == k) {
            continue;  // "a < b": not a tag
        }
        std::string const name = detail::ascii_lower(s.substr(k, end - k));
        bool known = false;
        for (auto const t : inline_tags) {
            known = known || t == name;
        }
        if (!known) {
            return false;
        }
    }
    return true;
}

std::string title_text(text_value const& t) {
    if (t.kind != text_kind::html) {
        return detail::nfc(detail::collapse_space(t.value));
    }
    if (only_inline_tags(t.value)) {
        return detail::html_to_line(t.value);
    }
    std::string escaped;
    escaped.reserve(t.value.size() + 16);
    for (char const c : t.value) {
        if (c == '<') {
            escaped += "&lt;";
        } else {
            escaped += c;
        }
    }
    return detail::html_to_line(escaped);
}

/// Renders a text construct; links resolve against the base at its element (an xml:base of
/// its own) when known, else against the entry's.
detail::html_output render(std::string_view value, text_kind kind, std::string const& element_base,
                           std::string const& entry_base) {
    std::string const& base = element_base.empty() ? entry_base : element_base;
    return kind == text_kind::html ? detail::render_html(value, base) : detail::render_plain(value);
}

std::string first_paragraph(std::string const& text) {
    std::string p = text.substr(0, text.find("\n\n"));
    if (detail::truncate_utf8(p, max_derived_summary_bytes)) {
        std::size_t const space = p.rfind(' ');
        if (space != std::string::npos && space > max_derived_summary_bytes / 2) {
            p.resize(space);
        }
    }
    return p;
}

std::string join(std::vector<std::string> const& parts, std::string_view sep) {
    std::string out;
    for (auto const& p : parts) {
        if (!out.empty()) {
            out += sep;
        }
        out += p;
    }
    return out;
}

std::string feed_date(std::string const& raw) {
    if (auto const ms = detail::parse_feed_date_ms(raw)) {
        return sdk::format_rfc3339(*ms);
    }
    return std::string(detail::trim(raw));
}

/// The id of an entry's release: its guid / id, else its link, else a content hash.
std::string native_id_of(raw_entry const& e) {
    std::string id(detail::trim(e.id));
    if (id.empty()) {
        id = e.link;
    }
    if (id.empty()) {
        // Stable across polls: only what the document says, never the time of the poll.
        std::string hashed;
        hashed.reserve(e.title.value.size() + e.published.size() + e.summary.value.size() +
                       e.content.value.size() + 3);
        hashed.append(e.title.value).append(1, '\n').append(e.published).append(1, '\n');
        hashed.append(e.summary.value).append(1, '\n').append(e.content.value);
        id = "sha256:" + detail::sha256_hex(hashed);
    }
    return id;
}

class release_builder {
public:
    release_builder(options const& opts, feed_info const& info, raw_feed const& feed,
                    std::vector<std::string> const& document_warnings)
        : opts_(opts), info_(info), feed_(feed), document_warnings_(document_warnings) {}

    /// The release of entry e, whose id native_id_of(e) is given.
    sdk::release build(raw_entry const& e, std::string native_id) const {
        sdk::release r;
        std::vector<std::string> warnings = document_warnings_;
        warnings.insert(warnings.end(), e.warnings.begin(), e.warnings.end());
        std::vector<std::string> truncated;

        r.title = title_text(e.title);
        if (detail::truncate_utf8(r.title, opts_.max_title_bytes)) {
            truncated.emplace_back("title");
        }
        bool const body_is_content = !e.content.empty();
        text_value const& body = body_is_content ? e.content : e.summary;
        std::string_view const body_value =
            detail::utf8_prefix(body.value, opts_.max_content_bytes);
        if (body_value.size() < body.value.size()) {
            truncated.emplace_back("body");
        }
        auto rendered = render(body_value, body.kind,
                               body_is_content ? e.content_base : e.summary_base, e.base);
        detail::truncate_utf8(rendered.html, opts_.max_content_bytes);
        detail::truncate_utf8(rendered.text, opts_.max_content_bytes);
        r.body_html = std::move(rendered.html);
        r.body_text = std::move(rendered.text);
        warnings.insert(warnings.end(), rendered.warnings.begin(), rendered.warnings.end());
        if (!e.content.empty() && !e.summary.empty()) {
            std::string_view const summary =
                detail::utf8_prefix(e.summary.value, opts_.max_content_bytes);
            if (summary.size() < e.summary.value.size()) {
                truncated.emplace_back("summary");
            }
            // Only its text is kept: no sanitized HTML is built for it.
            r.summary = e.summary.kind == text_kind::html ? detail::render_html_text(summary)
                                                          : detail::render_plain(summary).text;
        } else {
            r.summary = first_paragraph(r.body_text);
        }
        r.link = e.link;
        r.published = detail::parse_feed_date(e.published);
        r.updated = detail::parse_feed_date(e.updated);
        if (!r.published.raw.empty() && !r.published.unix_ms) {
            warnings.push_back("date: unparseable published date '" + r.published.raw + "'");
        }
        if (!r.updated.raw.empty() && !r.updated.unix_ms) {
            warnings.push_back("date: unparseable updated date '" + r.updated.raw + "'");
        }
        r.authors = e.authors;
        r.tags = e.tags;
        for (auto const& a : e.attachments) {
            sdk::attachment att;
            att.uri = a.uri;
            att.media_type = a.media_type;
            att.size = a.size;
            att.name = a.title;
            if (att.name.empty()) {
                std::string_view path = a.uri;
                path = path.substr(0, path.find_first_of("?#"));
                att.name = std::string(path.substr(path.rfind('/') + 1));
            }
            r.attachments.push_back(std::move(att));
        }
        r.language = std::string(detail::trim(e.language));
        r.native_id = std::move(native_id);

        r.source.title = info_.title;
        r.extensions["feed_title"] = info_.title;
        r.extensions["feed_link"] = info_.link;
        r.extensions["feed_subtitle"] = info_.subtitle;
        r.extensions["feed_language"] = info_.language;
        r.extensions["feed_updated"] = info_.updated;
        r.extensions["feed_generator"] = info_.generator;
        r.extensions["feed_format"] = info_.format;
        r.extensions["feed_encoding"] = info_.encoding;
        std::vector<std::string> unknown;
        for (auto const& name : feed_.unknown_entities) {
            std::string const ref = "&" + name + ";";
            if (e.title.value.find(ref) != std::string::npos ||
                e.summary.value.find(ref) != std::string::npos ||
                e.content.value.find(ref) != std::string::npos) {
                unknown.push_back(name);
            }
        }
        if (!unknown.empty()) {
            r.extensions["unknown_entities"] = join(unknown, ",");
            warnings.push_back("unknown entities kept literal: " + join(unknown, ","));
        }
        if (!truncated.empty()) {
            r.extensions["truncated"] = join(truncated, ",");
        }
        if (!warnings.empty()) {
            r.extensions["warnings"] = join(warnings, "; ");
        }
        return r;
    }

private:
    options const& opts_;
    feed_info const& info_;
    raw_feed const& feed_;
    std::vector<std::string> const& document_warnings_;
};

/// Parse and field extraction: the payload checked, converted to UTF-8 and read by the
/// format's reader. Every refusal of the decoder but none of the release builder's (it has
/// none) is thrown here.
detail::feed_document read_document(options const& opts, sdk::decode_input const& in) {
    std::string_view const uri = in.origin_uri;
    if (in.payload.size() > opts.max_bytes) {
        detail::refuse(uri, "feed too large: " + std::to_string(in.payload.size()) +
                                " bytes > max_bytes " + std::to_string(opts.max_bytes));
    }
    std::string http_charset;
    if (auto const it = in.metadata.find("content_type"); it != in.metadata.end()) {
        http_charset = detail::charset_parameter(it->second);
    }
    if (http_charset.empty()) {
        http_charset = detail::charset_parameter(in.media_type);
    }
    std::string const type = media_type_base(in.media_type);
    bool const json = type == "application/feed+json" || starts_like_json(in.payload);
    if (!json && detail::trim(in.payload).empty()) {
        detail::refuse(uri, "feed parse error at offset 0: empty document");
    }

    // UTF-8 already: no copy when the JSON reader only reads it, or when the host lets the
    // XML reader parse its payload in place.
    bool const may_borrow = json || in.writable_payload != nullptr;
    detail::utf8_document doc = detail::to_utf8(in.payload, http_charset, !json, may_borrow);
    std::string_view const text = doc.borrowed ? *doc.borrowed : std::string_view(doc.text);
    if (!json && detail::trim(text).empty()) {
        detail::refuse(uri, "feed parse error at offset 0: empty document");  // a BOM alone
    }
    detail::read_options ro;
    ro.max_depth = opts.max_depth;
    ro.max_items = opts.max_items;
    ro.uri = uri;
    ro.document_base = uri;
    detail::feed_document out;
    // The XML reader parses the text in place and keeps it (the entries' texts are moved
    // to its front); JSON's is freed once read.
    if (json) {
        out.feed = detail::read_json_feed(text, ro);
    } else if (doc.borrowed) {
        char* const at = in.writable_payload + (doc.borrowed->data() - in.payload.data());
        out.feed = detail::read_xml_feed(
            std::make_unique<detail::document_text>(at, doc.borrowed->size()), ro);
    } else {
        out.feed =
            detail::read_xml_feed(std::make_unique<detail::document_text>(std::move(doc.text)), ro);
    }
    std::string().swap(doc.text);
    out.encoding = std::move(doc.encoding);
    out.charset_warnings = std::move(doc.warnings);
    return out;
}

/// Reads the payload and hands its releases, in document order, to sink (a callable taking
/// sdk::release&& and returning false to stop) one at a time as each is built: the feed's
/// releases are never all alive at once here. info is filled before the first release.
/// Every refusal (sdk::invalid_input) is thrown before the first release is handed out.
template <class Sink>
void decode_feed(options const& opts, sdk::decode_input const& in, feed_info& info, Sink&& sink) {
    detail::feed_document doc = read_document(opts, in);
    raw_feed& feed = doc.feed;

    info.format = feed.format;
    info.title = title_text({feed.title, feed.title_kind});
    info.link = feed.link;
    info.subtitle = detail::html_to_line(feed.subtitle);
    info.language = std::string(detail::trim(feed.language));
    info.updated = feed_date(feed.updated);
    info.generator = detail::collapse_space(feed.generator);
    info.encoding = doc.encoding;

    std::vector<std::string> document_warnings = std::move(doc.charset_warnings);
    document_warnings.insert(document_warnings.end(), feed.warnings.begin(), feed.warnings.end());
    release_builder const builder(opts, info, feed, document_warnings);

    // Ids first: the duplicates of an id are counted before any release is built, so that
    // the kept (first) release carries duplicates_in_feed and can be handed out at once.
    std::vector<std::string> ids;
    ids.reserve(feed.entries.size());
    for (auto const& entry : feed.entries) {
        ids.push_back(native_id_of(entry));
    }
    std::vector<std::size_t> duplicates(ids.size(), 0);
    std::vector<bool> kept(ids.size(), false);
    {
        std::unordered_map<std::string_view, std::size_t> first;  // id -> its first entry
        first.reserve(ids.size());
        for (std::size_t i = 0; i < ids.size(); ++i) {
            auto const [it, inserted] = first.emplace(ids[i], i);
            if (inserted) {
                kept[i] = true;
            } else {
                ++duplicates[it->second];
            }
        }
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!kept[i]) {
            continue;
        }
        sdk::release r = builder.build(feed.entries[i], std::move(ids[i]));
        if (duplicates[i] > 0) {
            r.extensions["duplicates_in_feed"] = std::to_string(duplicates[i]);
        }
        // The raw entry is not needed any more (its duplicates came after it and are
        // skipped): free it, and the document pages only its texts used, while the host
        // holds the release.
        feed.release_entries_before(i + 1);
        if (!sink(std::move(r))) {
            return;
        }
    }
}

}  // namespace

feed_decoder::feed_decoder(options opts) : options_(std::move(opts)) {}

detail::feed_document feed_decoder::read(sdk::decode_input const& in) const {
    return read_document(options_, in);
}

parsed_feed feed_decoder::parse(sdk::decode_input const& in) const {
    parsed_feed out;
    decode_feed(options_, in, out.feed, [&out](sdk::release&& r) {
        out.releases.push_back(std::move(r));
        return true;
    });
    return out;
}

void feed_decoder::decode(sdk::decode_input const& in, sdk::release_emitter& out) {
    feed_info info;
    decode_feed(options_, in, info, [&out](sdk::release&& r) { return out.emit(r); });
}

}  // namespace ingest::plugins::decoder_feed
