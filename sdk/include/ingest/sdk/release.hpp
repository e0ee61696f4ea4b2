// The owning Release record of the C++ SDK and its conversion to and from the C ABI struct.
//
// ingest::sdk::release owns every string it holds. view() produces an ingest_release that
// borrows from it (valid while the release is alive and unchanged); the constructor from an
// ingest_release copies everything, so a plugin never keeps a pointer the core owns.
#pragma once

#include <ingest/plugin_abi.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::sdk {

/// Borrows a std::string_view as an ingest_str.
inline ingest_str to_abi(std::string_view s) noexcept {
    return ingest_str{s.data(), s.size()};
}

/// Copies an ingest_str into a std::string (empty for NULL data).
inline std::string to_string(ingest_str s) {
    return s.data == nullptr ? std::string() : std::string(s.data, s.size);
}

/// Views an ingest_str as a std::string_view (empty for NULL data).
inline std::string_view to_view(ingest_str s) noexcept {
    return s.data == nullptr ? std::string_view() : std::string_view(s.data, s.size);
}

/// A point in time with the raw text it was read from.
struct timestamp {
    std::optional<std::int64_t> unix_ms;  ///< empty when the time is unknown
    std::string raw;                      ///< the text it came from, may be empty

    bool operator==(timestamp const& o) const { return unix_ms == o.unix_ms && raw == o.raw; }
};

struct source_ref {
    std::string id;
    std::string plugin;
    std::string uri;
    std::string title;

    bool operator==(source_ref const& o) const {
        return id == o.id && plugin == o.plugin && uri == o.uri && title == o.title;
    }
};

struct contact {
    std::string name;
    std::string organization;
    std::string email;
    std::string phone;

    bool operator==(contact const& o) const {
        return name == o.name && organization == o.organization && email == o.email &&
               phone == o.phone;
    }
};

struct attachment {
    std::string name;
    std::string media_type;
    std::uint64_t size = 0;
    std::string sha256;
    std::string uri;

    bool operator==(attachment const& o) const {
        return name == o.name && media_type == o.media_type && size == o.size &&
               sha256 == o.sha256 && uri == o.uri;
    }
};

/// The normalized Release record (see sdk/schema/release.schema.json).
class release {
public:
    std::string id;
    source_ref source;
    std::string native_id;
    std::string link;
    std::string title;
    std::string summary;
    std::string body_text;
    std::string body_html;
    std::string language;
    timestamp published;
    timestamp updated;
    std::string dateline;
    std::vector<std::string> authors;
    std::vector<contact> contacts;
    std::vector<std::string> tags;
    std::vector<attachment> attachments;
    std::string content_hash;
    std::uint32_t revision = 1;
    std::optional<std::int64_t> fetched_at_ms;
    /// Plugin-specific fields. Keys starting with "feed_" describe the feed or document the
    /// release came in (feed_title, feed_updated, ...) rather than the release: the core
    /// leaves them out of content_hash, so they never make a release "changed".
    std::map<std::string, std::string> extensions;

    release() = default;

    /// Deep copy of a borrowed C record. Fields past the producer's struct_size stay empty.
    explicit release(ingest_release const& c) {
        id = to_string(c.id);
        source = {to_string(c.source.id), to_string(c.source.plugin), to_string(c.source.uri),
                  to_string(c.source.title)};
        native_id = to_string(c.native_id);
        link = to_string(c.link);
        title = to_string(c.title);
        summary = to_string(c.summary);
        body_text = to_string(c.body_text);
        body_html = to_string(c.body_html);
        language = to_string(c.language);
        published = from_abi(c.published);
        updated = from_abi(c.updated);
        dateline = to_string(c.dateline);
        for (std::size_t i = 0; i < c.authors_count; ++i) {
            authors.push_back(to_string(c.authors[i]));
        }
        for (std::size_t i = 0; i < c.contacts_count; ++i) {
            auto const& k = c.contacts[i];
            contacts.push_back({to_string(k.name), to_string(k.organization), to_string(k.email),
                                to_string(k.phone)});
        }
        for (std::size_t i = 0; i < c.tags_count; ++i) {
            tags.push_back(to_string(c.tags[i]));
        }
        for (std::size_t i = 0; i < c.attachments_count; ++i) {
            auto const& a = c.attachments[i];
            attachments.push_back({to_string(a.name), to_string(a.media_type), a.size,
                                   to_string(a.sha256), to_string(a.uri)});
        }
        content_hash = to_string(c.content_hash);
        revision = c.revision == 0 ? 1 : c.revision;
        if (c.fetched_at_ms != 0) {
            fetched_at_ms = c.fetched_at_ms;
        }
        for (std::size_t i = 0; i < c.extensions_count; ++i) {
            extensions[to_string(c.extensions[i].key)] = to_string(c.extensions[i].value);
        }
    }

    release(release const& o) : release() { *this = o; }
    release(release&& o) noexcept = default;
    release& operator=(release const& o) {
        if (this != &o) {
            copy_fields(o);
        }
        return *this;
    }
    release& operator=(release&& o) noexcept = default;

    /// The C view of this record. It borrows from *this: valid until *this changes or dies.
    ingest_release const& view() const {
        authors_abi_.clear();
        for (auto const& a : authors) {
            authors_abi_.push_back(to_abi(a));
        }
        tags_abi_.clear();
        for (auto const& t : tags) {
            tags_abi_.push_back(to_abi(t));
        }
        contacts_abi_.clear();
        for (auto const& k : contacts) {
            contacts_abi_.push_back(
                {to_abi(k.name), to_abi(k.organization), to_abi(k.email), to_abi(k.phone)});
        }
        attachments_abi_.clear();
        for (auto const& a : attachments) {
            attachments_abi_.push_back(
                {to_abi(a.name), to_abi(a.media_type), a.size, to_abi(a.sha256), to_abi(a.uri)});
        }
        extensions_abi_.clear();
        for (auto const& [k, v] : extensions) {
            extensions_abi_.push_back({to_abi(k), to_abi(v)});
        }
        ingest_release& r = view_;
        r = ingest_release{};
        r.struct_size = sizeof(ingest_release);
        r.id = to_abi(id);
        r.source = {to_abi(source.id), to_abi(source.plugin), to_abi(source.uri),
                    to_abi(source.title)};
        r.native_id = to_abi(native_id);
        r.link = to_abi(link);
        r.title = to_abi(title);
        r.summary = to_abi(summary);
        r.body_text = to_abi(body_text);
        r.body_html = to_abi(body_html);
        r.language = to_abi(language);
        r.published = to_abi_time(published);
        r.updated = to_abi_time(updated);
        r.dateline = to_abi(dateline);
        r.authors = authors_abi_.data();
        r.authors_count = authors_abi_.size();
        r.contacts = contacts_abi_.data();
        r.contacts_count = contacts_abi_.size();
        r.tags = tags_abi_.data();
        r.tags_count = tags_abi_.size();
        r.attachments = attachments_abi_.data();
        r.attachments_count = attachments_abi_.size();
        r.content_hash = to_abi(content_hash);
        r.revision = revision;
        r.fetched_at_ms = fetched_at_ms.value_or(0);
        r.extensions = extensions_abi_.data();
        r.extensions_count = extensions_abi_.size();
        return r;
    }

    /// Field-wise equality (the cached C view is not compared).
    bool operator==(release const& o) const {
        return id == o.id && source == o.source && native_id == o.native_id && link == o.link &&
               title == o.title && summary == o.summary && body_text == o.body_text &&
               body_html == o.body_html && language == o.language && published == o.published &&
               updated == o.updated && dateline == o.dateline && authors == o.authors &&
               contacts == o.contacts && tags == o.tags && attachments == o.attachments &&
               content_hash == o.content_hash && revision == o.revision &&
               fetched_at_ms == o.fetched_at_ms && extensions == o.extensions;
    }
    bool operator!=(release const& o) const { return !(*this == o); }

private:
    static timestamp from_abi(ingest_time const& t) {
        timestamp out;
        if (t.known != 0) {
            out.unix_ms = t.unix_ms;
        }
        out.raw = to_string(t.raw);
        return out;
    }
    static ingest_time to_abi_time(timestamp const& t) {
        return ingest_time{t.unix_ms.value_or(0), t.unix_ms ? 1 : 0, to_abi(t.raw)};
    }
    void copy_fields(release const& o) {
        id = o.id;
        source = o.source;
        native_id = o.native_id;
        link = o.link;
        title = o.title;
        summary = o.summary;
        body_text = o.body_text;
        body_html = o.body_html;
        language = o.language;
        published = o.published;
        updated = o.updated;
        dateline = o.dateline;
        authors = o.authors;
        contacts = o.contacts;
        tags = o.tags;
        attachments = o.attachments;
        content_hash = o.content_hash;
        revision = o.revision;
        fetched_at_ms = o.fetched_at_ms;
        extensions = o.extensions;
    }

    // Storage behind view(); rebuilt on every call.
    mutable ingest_release view_{};
    mutable std::vector<ingest_str> authors_abi_;
    mutable std::vector<ingest_str> tags_abi_;
    mutable std::vector<ingest_contact> contacts_abi_;
    mutable std::vector<ingest_attachment> attachments_abi_;
    mutable std::vector<ingest_kv> extensions_abi_;
};

}  // namespace ingest::sdk
