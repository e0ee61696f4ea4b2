#include "json_feed.hpp"

#include "text.hpp"
#include "urls.hpp"

#include <boost/json.hpp>

#include <string>

namespace ingest::plugins::decoder_feed::detail {

namespace {

namespace json = boost::json;

std::string str(json::object const& o, std::string_view key) {
    if (auto const* v = o.if_contains(key)) {
        if (auto const* s = v->if_string()) {
            return std::string(trim(std::string_view(s->data(), s->size())));
        }
        if (v->is_int64()) {
            return std::to_string(v->as_int64());
        }
        if (v->is_uint64()) {
            return std::to_string(v->as_uint64());
        }
    }
    return {};
}

std::string raw_str(json::object const& o, std::string_view key) {
    if (auto const* v = o.if_contains(key)) {
        if (auto const* s = v->if_string()) {
            return std::string(s->data(), s->size());
        }
    }
    return {};
}

void add_authors(json::object const& o, std::vector<std::string>& out) {
    auto add = [&](json::value const& v) {
        if (auto const* a = v.if_object()) {
            std::string name = collapse_space(str(*a, "name"));
            if (name.empty()) {
                name = str(*a, "url");
            }
            if (!name.empty()) {
                out.push_back(std::move(name));
            }
        }
    };
    if (auto const* v = o.if_contains("authors")) {
        if (auto const* arr = v->if_array()) {
            for (auto const& a : *arr) {
                add(a);
            }
        }
    }
    if (out.empty()) {
        if (auto const* v = o.if_contains("author")) {
            add(*v);
        }
    }
}

}  // namespace

bool looks_like_json_feed(std::string_view text) noexcept {
    std::size_t const start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || text[start] != '{') {
        return false;
    }
    return text.substr(0, 4096).find("jsonfeed.org/version/") != std::string_view::npos;
}

raw_feed read_json_feed(std::string_view utf8, read_options const& opts) {
    json::parse_options po;
    po.max_depth = opts.max_depth;
    po.allow_invalid_utf8 = true;  // repaired before: never reached, but never fatal
    json::stream_parser parser({}, po);
    boost::system::error_code ec;
    std::size_t const used = parser.write_some(utf8.data(), utf8.size(), ec);
    if (!ec) {
        parser.finish(ec);
    }
    if (ec) {
        if (ec == json::error::too_deep) {
            refuse(opts.uri, "feed rejected: nesting depth > " + std::to_string(opts.max_depth),
                   used);
        }
        refuse(opts.uri,
               "feed parse error at offset " + std::to_string(used) + ": " + ec.message());
    }
    json::value const doc = parser.release();
    auto const* root = doc.if_object();
    if (root == nullptr ||
        str(*root, "version").find("jsonfeed.org/version/") == std::string::npos) {
        refuse(opts.uri, "feed rejected: not a JSON Feed (no jsonfeed.org version)");
    }
    raw_feed feed;
    std::string const version = str(*root, "version");
    feed.format = version.find("/1.1") != std::string::npos ? "json-1.1" : "json-1.0";
    feed.title = collapse_space(str(*root, "title"));
    std::string_view const origin = opts.document_base;
    bool const http_origin = origin.rfind("http://", 0) == 0 || origin.rfind("https://", 0) == 0;
    std::string const base = http_origin ? std::string(origin) : str(*root, "feed_url");
    feed.link = resolve_link(base, str(*root, "home_page_url")).url;
    feed.subtitle = str(*root, "description");
    feed.language = str(*root, "language");
    feed.base = base.empty() ? feed.link : base;
    std::vector<std::string> feed_authors;
    add_authors(*root, feed_authors);

    auto const* items_value = root->if_contains("items");
    json::array const* items = items_value == nullptr ? nullptr : items_value->if_array();
    if (items == nullptr) {
        return feed;  // a feed without items is a valid, empty feed
    }
    if (items->size() > opts.max_items) {
        refuse(opts.uri, "feed rejected: more than " + std::to_string(opts.max_items) + " items");
    }
    for (auto const& v : *items) {
        auto const* item = v.if_object();
        if (item == nullptr) {
            continue;
        }
        raw_entry e;
        e.base = feed.base;
        e.id = str(*item, "id");
        auto link = resolve_link(e.base, str(*item, "url"));
        if (link.url.empty()) {
            if (!link.warning.empty()) {
                e.warnings.push_back(link.warning);
            }
            link = resolve_link(e.base, str(*item, "external_url"));
        }
        e.link = link.url;
        std::string const title = str(*item, "title");
        std::string const summary = str(*item, "summary");
        std::string content = raw_str(*item, "content_html");
        text_kind content_kind = text_kind::html;
        if (trim(content).empty()) {
            content = raw_str(*item, "content_text");
            content_kind = text_kind::plain;
        }
        e.title = {title, text_kind::plain};
        e.summary = {summary, text_kind::plain};
        e.content = {content, content_kind};
        e.own_texts();
        e.published = str(*item, "date_published");
        e.updated = str(*item, "date_modified");
        add_authors(*item, e.authors);
        if (e.authors.empty()) {
            e.authors = feed_authors;
        }
        if (auto const* tags = item->if_contains("tags"); tags != nullptr && tags->is_array()) {
            for (auto const& t : tags->get_array()) {
                if (auto const* s = t.if_string()) {
                    std::string tag = collapse_space(std::string_view(s->data(), s->size()));
                    if (!tag.empty()) {
                        e.tags.push_back(std::move(tag));
                    }
                }
            }
        }
        e.language = str(*item, "language");
        if (e.language.empty()) {
            e.language = feed.language;
        }
        if (auto const* atts = item->if_contains("attachments");
            atts != nullptr && atts->is_array()) {
            for (auto const& a : atts->get_array()) {
                auto const* ao = a.if_object();
                if (ao == nullptr) {
                    continue;
                }
                raw_attachment att;
                auto const r = resolve_link(e.base, str(*ao, "url"));
                if (r.url.empty()) {
                    if (!r.warning.empty()) {
                        e.warnings.push_back(r.warning);
                    }
                    continue;
                }
                att.uri = r.url;
                att.media_type = str(*ao, "mime_type");
                att.title = str(*ao, "title");
                if (auto const* size = ao->if_contains("size_in_bytes")) {
                    if (size->is_int64() && size->as_int64() > 0) {
                        att.size = static_cast<std::uint64_t>(size->as_int64());
                    } else if (size->is_uint64()) {
                        att.size = size->as_uint64();
                    }
                }
                e.attachments.push_back(std::move(att));
            }
        }
        if (std::string image = str(*item, "image"); !image.empty()) {
            auto const r = resolve_link(e.base, image);
            if (!r.url.empty()) {
                e.attachments.push_back({r.url, "image/*", "image", 0});
            }
        }
        feed.entries.push_back(std::move(e));
    }
    return feed;
}

}  // namespace ingest::plugins::decoder_feed::detail
