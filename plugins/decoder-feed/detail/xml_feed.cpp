#include "xml_feed.hpp"

#include "entities.hpp"
#include "html.hpp"
#include "text.hpp"
#include "urls.hpp"

#include <ingest/sdk/context.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ingest::plugins::decoder_feed::detail {

namespace {

namespace ns {
constexpr std::string_view atom10 = "http://www.w3.org/2005/Atom";
constexpr std::string_view atom03 = "http://purl.org/atom/ns#";
constexpr std::string_view rss10 = "http://purl.org/rss/1.0/";
constexpr std::string_view rss090 = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view content = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view dc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view dcterms = "http://purl.org/dc/terms/";
constexpr std::string_view media = "http://search.yahoo.com/mrss/";
constexpr std::string_view admin = "http://webns.net/mvcb/";
constexpr std::string_view itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
constexpr std::string_view xhtml = "http://www.w3.org/1999/xhtml";
constexpr std::string_view feedburner = "http://rssnamespace.org/feedburner/ext/1.0";
}  // namespace ns

/// Prefixes feeds use without declaring them, mapped to their usual namespace.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> conventional_prefixes{{
    {"content", ns::content},
    {"dc", ns::dc},
    {"dcterms", ns::dcterms},
    {"media", ns::media},
    {"atom", ns::atom10},
    {"rdf", ns::rdf},
    {"admin", ns::admin},
    {"atom03", ns::atom03},
    {"feedburner", ns::feedburner},
}};

std::string_view local_name(pugi::xml_node n) {
    std::string_view const name = n.name();
    std::size_t const colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// The namespace URI of an element, from the xmlns declarations in scope.
std::string_view namespace_of(pugi::xml_node n) {
    std::string_view const name = n.name();
    std::size_t const colon = name.find(':');
    std::string attr = "xmlns";
    std::string_view prefix;
    if (colon != std::string_view::npos) {
        prefix = name.substr(0, colon);
        attr += ':';
        attr += prefix;
    }
    for (pugi::xml_node p = n; p && p.type() == pugi::node_element; p = p.parent()) {
        if (pugi::xml_attribute const a = p.attribute(attr.c_str())) {
            return a.value();
        }
    }
    for (auto const& [pfx, uri] : conventional_prefixes) {
        if (pfx == prefix) {
            return uri;
        }
    }
    return {};
}

bool is_rss_ns(std::string_view uri) {
    // RSS 2.0 has no namespace, but some generators declare one of Userland's/Harvard's.
    return uri.empty() || uri == ns::rss10 || uri == ns::rss090 ||
           uri == "http://backend.userland.com/rss2" ||
           uri == "http://blogs.law.harvard.edu/tech/rss";
}
bool is_atom_ns(std::string_view uri) {
    return uri == ns::atom10 || uri == ns::atom03;
}

struct string_writer final : pugi::xml_writer {
    std::string out;
    void write(void const* data, std::size_t size) override {
        out.append(static_cast<char const*>(data), size);
    }
};

/// True when n has an element child.
bool has_element_child(pugi::xml_node n) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_element) {
            return true;
        }
    }
    return false;
}

/// The text of an element as a new string: its character data, or (when it holds elements)
/// its inner markup serialized, which is then HTML (markup set).
std::string inner_copy(pugi::xml_node n, bool& markup) {
    markup = has_element_child(n);
    if (!markup) {
        std::string out;
        for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
                out += c.value();
            }
        }
        return out;
    }
    string_writer w;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        c.print(w, "", pugi::format_raw);
    }
    return std::move(w.out);
}

/// The text of an element: its character data, or (when it holds elements) its inner
/// markup serialized, which is then HTML. Character data in one piece (nearly always) is a
/// view into the parsed document; anything else is kept in feed.owned_texts.
text_value inner(pugi::xml_node n, text_kind kind, raw_feed& feed) {
    pugi::xml_node const first = n.first_child();
    if (!first) {
        return {std::string_view(), kind};
    }
    if (!first.next_sibling() &&
        (first.type() == pugi::node_pcdata || first.type() == pugi::node_cdata)) {
        return {std::string_view(first.value()), kind};
    }
    bool markup = false;
    std::string text = inner_copy(n, markup);
    return {feed.keep(std::move(text)), markup ? text_kind::html : kind};
}

std::string plain(pugi::xml_node n) {
    bool markup = false;
    return std::string(trim(inner_copy(n, markup)));
}

/// Renames prefixed XHTML elements (<xhtml:p>, valid in Atom) to their HTML names, so that
/// the serialized markup is HTML that gumbo reads as such.
struct xhtml_unprefixer final : pugi::xml_tree_walker {
    bool for_each(pugi::xml_node& n) override {
        std::string_view const name = n.name();
        if (n.type() == pugi::node_element && name.find(':') != std::string_view::npos &&
            namespace_of(n) == ns::xhtml) {
            std::string const local(local_name(n));
            n.set_name(local.c_str());
        }
        return true;
    }
};

/// An Atom text construct (type text/html/xhtml; Atom 0.3 mode and MIME types).
text_value atom_text(pugi::xml_node n, raw_feed& feed) {
    std::string const type = ascii_lower(n.attribute("type").value());
    std::string const mode = ascii_lower(n.attribute("mode").value());
    if (mode == "base64") {
        return {};
    }
    if (type == "xhtml" || type == "application/xhtml+xml" || mode == "xml") {
        // The content is the children of one xhtml:div (or, loosely, any children).
        pugi::xml_node div = n.first_child();
        while (div && div.type() != pugi::node_element) {
            div = div.next_sibling();
        }
        xhtml_unprefixer unprefix;
        n.traverse(unprefix);
        text_value v = inner(div && local_name(div) == "div" ? div : n, text_kind::html, feed);
        v.kind = text_kind::html;
        return v;
    }
    bool const html = type == "html" || type == "text/html" || mode == "escaped";
    return inner(n, html ? text_kind::html : text_kind::plain, feed);
}

/// The base URI in effect at n: xml:base values from the root down, over the document base.
std::string base_of(pugi::xml_node n, std::string_view document_base) {
    std::vector<std::string_view> bases;
    for (pugi::xml_node p = n; p && p.type() == pugi::node_element; p = p.parent()) {
        if (pugi::xml_attribute const a = p.attribute("xml:base")) {
            bases.emplace_back(a.value());
        }
    }
    std::string base(document_base);
    for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
        base = resolve_base(base, *it);
    }
    return base;
}

/// Resolves a link attribute or text against the base in effect at element n.
std::string link_at(pugi::xml_node n, std::string_view value, std::string_view document_base,
                    std::vector<std::string>& warnings) {
    auto const r = resolve_link(base_of(n, document_base), value);
    if (!r.warning.empty() && r.url.empty()) {
        warnings.push_back(r.warning);
    }
    return r.url;
}

std::string language_at(pugi::xml_node n) {
    for (pugi::xml_node p = n; p && p.type() == pugi::node_element; p = p.parent()) {
        if (pugi::xml_attribute const a = p.attribute("xml:lang")) {
            return std::string(trim(a.value()));
        }
    }
    return {};
}

std::uint64_t to_size(std::string_view s) {
    s = trim(s);
    std::uint64_t v = 0;
    for (char const c : s) {
        if (c < '0' || c > '9' || v > (std::uint64_t{1} << 52)) {
            return 0;
        }
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

/// "jane@example.org (Jane Doe)" -> "Jane Doe"; otherwise the text.
std::string rss_author(std::string_view s) {
    s = trim(s);
    std::size_t const open = s.find('(');
    std::size_t const close = s.rfind(')');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open + 1 &&
        s.substr(0, open).find('@') != std::string_view::npos) {
        return collapse_space(s.substr(open + 1, close - open - 1));
    }
    return collapse_space(s);
}

void add_unique(std::vector<std::string>& list, std::string value) {
    if (value.empty()) {
        return;
    }
    for (auto const& v : list) {
        if (v == value) {
            return;
        }
    }
    list.push_back(std::move(value));
}

class reader {
public:
    explicit reader(raw_feed& feed) : feed_(feed) {}

    void media(pugi::xml_node n, raw_entry& e) {
        std::string_view const local = local_name(n);
        if (local == "group") {
            for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
                if (c.type() == pugi::node_element && namespace_of(c) == ns::media) {
                    media(c, e);
                }
            }
            return;
        }
        if (local == "content" || local == "thumbnail") {
            raw_attachment a;
            a.uri = link_at(n, n.attribute("url").value(), doc_base(), e.warnings);
            if (a.uri.empty()) {
                return;
            }
            a.media_type = trim(n.attribute("type").value());
            if (a.media_type.empty() && local == "thumbnail") {
                a.media_type = "image/*";
            }
            a.size = to_size(n.attribute("fileSize").value());
            a.title = local == "thumbnail" ? "thumbnail" : "";
            for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
                if (c.type() == pugi::node_element && local_name(c) == "title") {
                    a.title = plain(c);
                }
            }
            e.attachments.push_back(std::move(a));
        } else if (local == "keywords") {
            std::string const words = plain(n);
            std::size_t start = 0;
            while (start <= words.size()) {
                std::size_t const comma = words.find(',', start);
                add_unique(e.tags, collapse_space(std::string_view(words).substr(
                                       start, comma == std::string::npos ? std::string::npos
                                                                         : comma - start)));
                if (comma == std::string::npos) {
                    break;
                }
                start = comma + 1;
            }
        } else if (local == "description" && e.summary.empty()) {
            e.summary = {feed_.keep(plain(n)), text_kind::plain};
        } else if (local == "title" && e.title.empty()) {
            e.title = {feed_.keep(plain(n)), text_kind::plain};
        }
    }

    void dublin_core(pugi::xml_node n, raw_entry& e) {
        std::string_view const local = local_name(n);
        if (local == "creator" || local == "contributor") {
            add_unique(e.authors, collapse_space(plain(n)));
        } else if (local == "subject") {
            add_unique(e.tags, collapse_space(plain(n)));
        } else if (local == "date" || local == "created" || local == "issued") {
            if (e.published.empty()) {
                e.published = plain(n);
            }
        } else if (local == "modified") {
            e.updated = plain(n);
        } else if (local == "language") {
            e.language = plain(n);
        } else if (local == "title" && e.title.empty()) {
            e.title = {feed_.keep(plain(n)), text_kind::plain};
        } else if (local == "description" && e.summary.empty()) {
            e.summary = {feed_.keep(plain(n)), text_kind::plain};
        } else if (local == "identifier" && e.id.empty()) {
            e.id = plain(n);
        }
    }

    /// An atom:link (in any feed format) on an entry.
    /// FeedBurner feeds link every item through a feedproxy redirect and give the
    /// publisher's own URL in feedburner:origLink: that one is the release's link.
    void use_original_link(pugi::xml_node original, raw_entry& e) {
        if (!original) {
            return;
        }
        std::string url = link_at(original, plain(original), doc_base(), e.warnings);
        if (!url.empty()) {
            e.link = std::move(url);
        }
    }

    void atom_link(pugi::xml_node n, raw_entry& e, bool& have_alternate) {
        std::string const rel = ascii_lower(trim(n.attribute("rel").value()));
        std::string_view href = n.attribute("href").value();
        if (href.empty()) {
            href = trim(n.child_value());  // Atom 0.3 drafts and broken feeds
        }
        if (rel.empty() || rel == "alternate") {
            std::string const type = ascii_lower(n.attribute("type").value());
            bool const preferred =
                type.empty() || type == "text/html" || type == "application/xhtml+xml";
            if (!have_alternate || (preferred && e.link.empty())) {
                std::string url = link_at(n, href, doc_base(), e.warnings);
                if (!url.empty()) {
                    e.link = std::move(url);
                    have_alternate = preferred;
                }
            }
        } else if (rel == "enclosure") {
            raw_attachment a;
            a.uri = link_at(n, href, doc_base(), e.warnings);
            if (!a.uri.empty()) {
                a.media_type = trim(n.attribute("type").value());
                a.size = to_size(n.attribute("length").value());
                a.title = trim(n.attribute("title").value());
                e.attachments.push_back(std::move(a));
            }
        }
    }

    raw_entry rss_item(pugi::xml_node item) {
        raw_entry e;
        e.base = base_of(item, doc_base());
        e.language = language_at(item);
        bool guid_is_permalink = false;
        std::string guid_text;
        bool have_alternate = false;
        std::string link_text;
        pugi::xml_node original_link;  // feedburner:origLink
        std::string itunes_author;
        text_value itunes_summary;
        for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) {
                continue;
            }
            std::string_view const uri = namespace_of(c);
            std::string_view const local = local_name(c);
            if (is_rss_ns(uri)) {
                if (local == "title") {
                    e.title = inner(c, text_kind::html, feed_);
                } else if (local == "link") {
                    if (link_text.empty()) {
                        link_text = plain(c);
                        std::string url = link_at(c, link_text, doc_base(), e.warnings);
                        if (!url.empty()) {
                            e.link = std::move(url);
                            have_alternate = true;
                        }
                    }
                } else if (local == "guid") {
                    guid_text = plain(c);
                    std::string const perma = ascii_lower(trim(c.attribute("isPermaLink").value()));
                    guid_is_permalink = perma.empty() || perma == "true";
                } else if (local == "description") {
                    e.summary = inner(c, text_kind::html, feed_);
                    e.summary_base = base_of(c, doc_base());
                } else if (local == "pubDate") {
                    e.published = plain(c);
                } else if (local == "author") {
                    add_unique(e.authors, rss_author(plain(c)));
                } else if (local == "category") {
                    add_unique(e.tags, collapse_space(plain(c)));
                } else if (local == "enclosure") {
                    raw_attachment a;
                    a.uri = link_at(c, c.attribute("url").value(), doc_base(), e.warnings);
                    if (!a.uri.empty()) {
                        a.media_type = trim(c.attribute("type").value());
                        a.size = to_size(c.attribute("length").value());
                        e.attachments.push_back(std::move(a));
                    }
                }
            } else if (uri == ns::content) {
                if (local == "encoded") {
                    e.content = inner(c, text_kind::html, feed_);
                    e.content_base = base_of(c, doc_base());
                }
            } else if (uri == ns::dc || uri == ns::dcterms) {
                dublin_core(c, e);
            } else if (uri == ns::media) {
                media(c, e);
            } else if (uri == ns::feedburner && local == "origLink") {
                original_link = c;
            } else if (uri == ns::itunes) {
                // Podcast fallbacks, used only when the RSS elements are missing.
                if (local == "author" && itunes_author.empty()) {
                    itunes_author = collapse_space(plain(c));
                } else if (local == "summary" && itunes_summary.empty()) {
                    itunes_summary = inner(c, text_kind::html, feed_);
                }
            } else if (is_atom_ns(uri)) {
                if (local == "link") {
                    atom_link(c, e, have_alternate);
                } else if (local == "updated") {
                    e.updated = plain(c);
                } else if (local == "published" && e.published.empty()) {
                    e.published = plain(c);
                }
            }
        }
        use_original_link(original_link, e);
        if (e.authors.empty()) {
            add_unique(e.authors, std::move(itunes_author));
        }
        if (e.summary.empty() && e.content.empty() && !itunes_summary.empty()) {
            e.summary = std::move(itunes_summary);
            e.summary_base = e.base;
        }
        e.id = guid_text.empty() ? e.id : guid_text;
        if (e.id.empty()) {
            e.id = trim(item.attribute("rdf:about").value());
        }
        if (e.link.empty() && !guid_text.empty() && guid_is_permalink &&
            (guid_text.rfind("http://", 0) == 0 || guid_text.rfind("https://", 0) == 0)) {
            e.link = link_at(item, guid_text, doc_base(), e.warnings);
        }
        return e;
    }

    raw_entry atom_entry(pugi::xml_node entry, std::vector<std::string> const& feed_authors) {
        raw_entry e;
        e.base = base_of(entry, doc_base());
        e.language = language_at(entry);
        bool have_alternate = false;
        pugi::xml_node original_link;  // feedburner:origLink
        for (pugi::xml_node c = entry.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) {
                continue;
            }
            std::string_view const uri = namespace_of(c);
            std::string_view const local = local_name(c);
            if (is_atom_ns(uri) || uri.empty()) {
                if (local == "id") {
                    e.id = plain(c);
                } else if (local == "title") {
                    e.title = atom_text(c, feed_);
                } else if (local == "link") {
                    atom_link(c, e, have_alternate);
                } else if (local == "summary") {
                    e.summary = atom_text(c, feed_);
                    e.summary_base = base_of(c, doc_base());
                } else if (local == "content") {
                    e.content = atom_text(c, feed_);
                    e.content_base = base_of(c, doc_base());
                    if (e.content.empty() && c.attribute("src") && e.link.empty()) {
                        e.link = link_at(c, c.attribute("src").value(), doc_base(), e.warnings);
                    }
                } else if (local == "published" || local == "issued") {
                    e.published = plain(c);
                } else if (local == "created") {
                    if (e.published.empty()) {
                        e.published = plain(c);
                    }
                } else if (local == "updated" || local == "modified") {
                    e.updated = plain(c);
                } else if (local == "author") {
                    pugi::xml_node name = c.first_child();
                    for (; name; name = name.next_sibling()) {
                        if (name.type() == pugi::node_element && local_name(name) == "name") {
                            break;
                        }
                    }
                    add_unique(e.authors, collapse_space(name ? plain(name) : plain(c)));
                } else if (local == "category") {
                    std::string term = collapse_space(c.attribute("term").value());
                    if (term.empty()) {
                        term = collapse_space(c.attribute("label").value());
                    }
                    if (term.empty()) {
                        term = collapse_space(plain(c));
                    }
                    add_unique(e.tags, std::move(term));
                }
            } else if (uri == ns::dc || uri == ns::dcterms) {
                dublin_core(c, e);
            } else if (uri == ns::media) {
                media(c, e);
            } else if (uri == ns::content && local == "encoded" && e.content.empty()) {
                e.content = inner(c, text_kind::html, feed_);
            } else if (uri == ns::feedburner && local == "origLink") {
                original_link = c;
            }
        }
        use_original_link(original_link, e);
        if (e.authors.empty()) {
            e.authors = feed_authors;
        }
        if (e.published.empty() && !e.updated.empty()) {
            // Atom requires only <updated>: it is the best publication date we have.
            e.published = e.updated;
        }
        return e;
    }

    void read_rss_channel(pugi::xml_node channel) {
        for (pugi::xml_node c = channel.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) {
                continue;
            }
            std::string_view const uri = namespace_of(c);
            std::string_view const local = local_name(c);
            if (is_rss_ns(uri)) {
                if (local == "title") {
                    feed_.title = plain(c);
                    feed_.title_kind = text_kind::html;
                } else if (local == "link" && feed_.link.empty()) {
                    feed_.link = plain(c);
                } else if (local == "description") {
                    feed_.subtitle = plain(c);
                } else if (local == "language") {
                    feed_.language = plain(c);
                } else if (local == "lastBuildDate") {
                    feed_.updated = plain(c);
                } else if (local == "pubDate" && feed_.updated.empty()) {
                    feed_.updated = plain(c);
                } else if (local == "generator") {
                    feed_.generator = plain(c);
                }
            } else if (uri == ns::dc) {
                if (local == "language" && feed_.language.empty()) {
                    feed_.language = plain(c);
                } else if (local == "date" && feed_.updated.empty()) {
                    feed_.updated = plain(c);
                }
            } else if (uri == ns::admin && local == "generatorAgent" && feed_.generator.empty()) {
                feed_.generator = trim(c.attribute("rdf:resource").value());
            } else if (is_atom_ns(uri) && local == "link" && feed_.link.empty()) {
                std::string const rel = ascii_lower(c.attribute("rel").value());
                if (rel.empty() || rel == "alternate") {
                    feed_.link = trim(c.attribute("href").value());
                }
            }
        }
        if (feed_.language.empty()) {
            feed_.language = language_at(channel);
        }
    }

    void read_atom_feed(pugi::xml_node root) {
        feed_.language = language_at(root);
        for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
            if (c.type() != pugi::node_element) {
                continue;
            }
            std::string_view const uri = namespace_of(c);
            if (!is_atom_ns(uri) && !uri.empty()) {
                continue;
            }
            std::string_view const local = local_name(c);
            if (local == "title") {
                text_value const t = atom_text(c, feed_);
                feed_.title =
                    t.kind == text_kind::html ? html_to_line(t.value) : collapse_space(t.value);
            } else if (local == "subtitle" || local == "tagline") {
                feed_.subtitle = trim(atom_text(c, feed_).value);
            } else if (local == "link") {
                std::string const rel = ascii_lower(c.attribute("rel").value());
                if ((rel.empty() || rel == "alternate") && feed_.link.empty()) {
                    feed_.link =
                        link_at(c, c.attribute("href").value(), doc_base(), feed_.warnings);
                }
            } else if (local == "updated" || local == "modified") {
                feed_.updated = plain(c);
            } else if (local == "generator") {
                feed_.generator = collapse_space(plain(c));
                if (feed_.generator.empty()) {
                    feed_.generator = trim(c.attribute("uri").value());
                }
            } else if (local == "author") {
                for (pugi::xml_node n = c.first_child(); n; n = n.next_sibling()) {
                    if (n.type() == pugi::node_element && local_name(n) == "name") {
                        add_unique(feed_authors_, collapse_space(plain(n)));
                    }
                }
            }
        }
    }

    std::vector<std::string> const& feed_authors() const { return feed_authors_; }

    /// The document base: the origin URI, else the feed's own link.
    std::string const& doc_base() const { return base_; }
    void set_doc_base(std::string base) { base_ = std::move(base); }

private:
    raw_feed& feed_;
    std::vector<std::string> feed_authors_;
    std::string base_;
};

void check_depth(pugi::xml_document const& doc, read_options const& opts,
                 entity_rewrite const& rewrite) {
    pugi::xml_node n = doc.first_child();
    std::size_t depth = 1;
    while (n) {
        if (n.type() == pugi::node_element && depth > opts.max_depth) {
            refuse(opts.uri, "feed rejected: nesting depth > " + std::to_string(opts.max_depth),
                   rewrite.original_offset(static_cast<std::size_t>(n.offset_debug())));
        }
        if (pugi::xml_node const c = n.first_child()) {
            n = c;
            ++depth;
            continue;
        }
        while (n && !n.next_sibling()) {
            n = n.parent();
            --depth;
            if (n == doc) {
                n = pugi::xml_node();
            }
        }
        if (n) {
            n = n.next_sibling();
        }
    }
}

/// How much of the head of a document looks_like_html() reads.
constexpr std::size_t looks_like_html_bytes = 1024;

/// True when a document that failed to parse starts like an HTML page (an error or login
/// page served in place of the feed): "<!DOCTYPE html" or "<html" before any feed root.
bool looks_like_html(std::string_view text) {
    std::string const head = ascii_lower(text.substr(0, looks_like_html_bytes));
    std::size_t const html = std::min(head.find("<!doctype html"), head.find("<html"));
    return html != std::string::npos &&
           html < std::min({head.find("<rss"), head.find("<feed"), head.find("<rdf:rdf")});
}

/// An element that can be the root of a feed document: rss, rdf:RDF or feed.
bool is_feed_root(pugi::xml_node n) {
    std::string_view const local = local_name(n);
    return local == "rss" || local == "feed" || (local == "RDF" && namespace_of(n) == ns::rdf);
}

bool is_http(std::string_view uri) {
    return uri.rfind("http://", 0) == 0 || uri.rfind("https://", 0) == 0;
}

/// Parses utf8 in place and reads the feed: the entries' texts are views into utf8 (or into
/// feed.owned_texts).
raw_feed read_in_place(document_text& utf8, read_options const& opts) {
    if (auto const at = find_entity_declaration(utf8.view())) {
        refuse(opts.uri, "feed rejected: DOCTYPE with entity declarations is not allowed", *at);
    }
    raw_feed feed;
    // The head as it came, for the error message: the buffer below is parsed in place.
    std::string const head(utf8.view().substr(0, looks_like_html_bytes));
    entity_rewrite rewrite = rewrite_html_entities_if_needed(utf8.view());
    if (!rewrite.shifts.empty()) {
        utf8.assign(std::move(rewrite.text));
    }
    std::string().swap(rewrite.text);
    feed.unknown_entities = rewrite.unknown;

    // In place: pugixml's strings point into utf8, which outlives doc.
    pugi::xml_document doc;
    unsigned const flags = pugi::parse_default & ~pugi::parse_doctype;
    pugi::xml_parse_result const result =
        doc.load_buffer_inplace(utf8.data(), utf8.size(), flags, pugi::encoding_utf8);
    if (!result) {
        std::size_t const offset = rewrite.original_offset(static_cast<std::size_t>(result.offset));
        refuse(opts.uri, "feed parse error at offset " + std::to_string(offset) + ": " +
                             result.description() +
                             (looks_like_html(head) ? " (an HTML page, not a feed)" : ""));
    }
    check_depth(doc, opts, rewrite);

    pugi::xml_node root = doc.document_element();
    if (!is_feed_root(root)) {
        // Stray output before the feed (a PHP notice "<br /><b>Notice</b>: ..."): the
        // first top-level feed element is the document.
        for (pugi::xml_node c = root.next_sibling(); c; c = c.next_sibling()) {
            if (c.type() == pugi::node_element && is_feed_root(c)) {
                feed.warnings.push_back("content before the feed element ignored (<" +
                                        std::string(root.name()) + "> at byte " +
                                        std::to_string(rewrite.original_offset(
                                            static_cast<std::size_t>(root.offset_debug()))) +
                                        ")");
                root = c;
                break;
            }
        }
    }
    std::string_view const root_local = local_name(root);
    std::string_view const root_ns = namespace_of(root);
    reader r(feed);
    // The document base: the origin when it is a web URI, else (RSS) the feed's own link.
    r.set_doc_base(is_http(opts.document_base) ? std::string(opts.document_base) : std::string());

    std::vector<pugi::xml_node> items;
    auto collect = [&](pugi::xml_node parent, std::string_view name) {
        for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
            if (c.type() == pugi::node_element && local_name(c) == name) {
                if (items.size() >= opts.max_items) {
                    refuse(opts.uri,
                           "feed rejected: more than " + std::to_string(opts.max_items) + " items");
                }
                items.push_back(c);
            }
        }
    };

    bool const atom = root_local == "feed" && (is_atom_ns(root_ns) || root_ns.empty());
    if (root_local == "rss") {
        std::string const version(trim(root.attribute("version").value()));
        feed.format = "rss-" + (version.empty() ? std::string("2.0") : version);
        pugi::xml_node channel;
        for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
            if (c.type() == pugi::node_element && local_name(c) == "channel") {
                channel = c;
                break;
            }
        }
        if (!channel) {
            refuse(opts.uri, "feed rejected: <rss> without <channel>",
                   rewrite.original_offset(static_cast<std::size_t>(root.offset_debug())));
        }
        r.read_rss_channel(channel);
        collect(channel, "item");
        collect(root, "item");  // some RSS 0.9x feeds put items beside the channel
    } else if (root_local == "RDF" && root_ns == ns::rdf) {
        pugi::xml_node channel;
        bool rss090 = false;
        for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
            if (c.type() == pugi::node_element && local_name(c) == "channel") {
                channel = c;
                rss090 = namespace_of(c) == ns::rss090;
                break;
            }
        }
        feed.format = rss090 ? "rss-0.90" : "rss-1.0";
        if (channel) {
            r.read_rss_channel(channel);
        }
        collect(root, "item");
        if (channel) {
            collect(channel, "item");
        }
    } else if (atom) {
        std::string const version(trim(root.attribute("version").value()));
        feed.format = root_ns == ns::atom03 || version == "0.3" ? "atom-0.3" : "atom-1.0";
        r.read_atom_feed(root);
        collect(root, "entry");
    } else {
        refuse(opts.uri,
               "feed rejected: root element <" + std::string(root.name()) +
                   "> is not rss, rdf:RDF or feed",
               rewrite.original_offset(static_cast<std::size_t>(root.offset_debug())));
    }

    if (!atom) {
        if (!feed.link.empty()) {
            feed.link = resolve_link(base_of(root, r.doc_base()), feed.link).url;
        }
        if (r.doc_base().empty() && is_http(feed.link)) {
            r.set_doc_base(feed.link);
        }
    }
    feed.base = base_of(root, r.doc_base());

    feed.entries.reserve(items.size());
    for (pugi::xml_node const item : items) {
        feed.entries.push_back(atom ? r.atom_entry(item, r.feed_authors()) : r.rss_item(item));
        if (feed.entries.back().language.empty()) {
            feed.entries.back().language = feed.language;
        }
    }
    return feed;
}

/// Moves the entries' texts that are in document (still as pugixml left it) to its front,
/// in document order, points them there and hands back the pages after the last: the texts
/// are then not copied anywhere else, and the release builder can hand back the pages of
/// each entry's texts once its release is built (raw_feed::release_entries_before). Texts
/// of distinct elements never overlap. An entry with a text in feed.owned_texts gets its
/// own copy of its texts, and owned_texts is emptied. Documents below
/// release_pages_from_bytes keep their pages until the end: their texts are not moved.
void compact_texts(raw_feed& feed, document_text& document) {
    char* const data = document.data();
    auto in_document = [&](std::string_view v) {
        return !v.empty() && v.data() >= data && v.data() < data + document.size();
    };
    std::vector<std::pair<std::size_t, text_value*>> texts;  // (offset in document, text)
    texts.reserve(feed.entries.size() * 3);
    for (std::size_t i = 0; i < feed.entries.size(); ++i) {
        raw_entry& e = feed.entries[i];
        bool owned = false;
        for (text_value const* t : {&e.title, &e.summary, &e.content}) {
            owned = owned || (!t->value.empty() && !in_document(t->value));
        }
        if (owned) {
            e.own_texts();
            continue;
        }
        for (text_value* t : {&e.title, &e.summary, &e.content}) {
            if (in_document(t->value)) {
                texts.emplace_back(static_cast<std::size_t>(t->value.data() - data), t);
            }
        }
    }
    feed.owned_texts.clear();
    if (document.size() < release_pages_from_bytes) {
        return;  // no page is handed back: the texts stay where they are, nothing is moved
    }
    // In document order, each run of bytes that texts use (texts of distinct elements do
    // not overlap, but a run is safe either way) goes to the end of the runs before it: a
    // run never moves onto one not yet moved.
    std::sort(texts.begin(), texts.end(),
              [](auto const& a, auto const& b) { return a.first < b.first; });
    std::size_t end = 0;       // the moved runs are document[0, end)
    std::size_t run_from = 0;  // the current run, document[run_from, run_to) before the move,
    std::size_t run_to = 0;    // document[run_at, ...) after it
    std::size_t run_at = 0;
    for (auto const& [offset, text] : texts) {
        std::size_t const size = text->value.size();
        if (offset >= run_to) {  // a new run: the last one is in place
            run_from = offset;
            run_to = offset;
            run_at = end;
        }
        if (offset + size > run_to) {  // the new bytes of the run
            std::size_t const from = std::max(offset, run_to);
            std::memmove(data + run_at + (from - run_from), data + from, offset + size - from);
            run_to = offset + size;
            end = run_at + (run_to - run_from);
        }
        text->value = std::string_view(data + run_at + (offset - run_from), size);
    }
    // For each entry, the lowest offset of a text of it or of a later entry.
    feed.texts_needed_from.assign(feed.entries.size() + 1, end);
    for (std::size_t i = feed.entries.size(); i-- > 0;) {
        std::size_t low = feed.texts_needed_from[i + 1];
        raw_entry const& e = feed.entries[i];
        for (text_value const* t : {&e.title, &e.summary, &e.content}) {
            if (in_document(t->value)) {
                low = std::min(low, static_cast<std::size_t>(t->value.data() - data));
            }
        }
        feed.texts_needed_from[i] = low;
    }
    release_pages(data + end, data + document.size());
}

}  // namespace

raw_feed read_xml_feed(std::unique_ptr<document_text> document, read_options const& opts) {
    // Heap-held: the texts point into it wherever the feed is moved.
    raw_feed feed = read_in_place(*document, opts);  // the XML tree is freed, not the text
    compact_texts(feed, *document);
    feed.document = std::move(document);
    return feed;
}

}  // namespace ingest::plugins::decoder_feed::detail
