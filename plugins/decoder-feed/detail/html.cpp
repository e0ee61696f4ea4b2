#include "html.hpp"

#include "entities.hpp"
#include "text.hpp"
#include "urls.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ingest::plugins::decoder_feed::detail {

namespace {

/// Deeper element nesting is not walked (gumbo builds it; we stop descending).
constexpr int max_walk_depth = 256;
/// Fragments whose tags nest deeper than this (a rough count) are not given to gumbo at
/// all: its tree destruction recurses per level.
constexpr int max_parse_depth = 2000;

enum class tag_policy { drop, unwrap, keep };

struct allowed_tag {
    GumboTag tag;
    std::array<char const*, 5> attributes;
};

constexpr std::array<allowed_tag, 49> allowed_tags{{
    {GUMBO_TAG_A, {"href", "title", nullptr}},
    {GUMBO_TAG_ABBR, {"title", nullptr}},
    {GUMBO_TAG_B, {nullptr}},
    {GUMBO_TAG_BLOCKQUOTE, {"cite", nullptr}},
    {GUMBO_TAG_BR, {nullptr}},
    {GUMBO_TAG_CAPTION, {nullptr}},
    {GUMBO_TAG_CITE, {nullptr}},
    {GUMBO_TAG_CODE, {nullptr}},
    {GUMBO_TAG_DD, {nullptr}},
    {GUMBO_TAG_DEL, {"cite", nullptr}},
    {GUMBO_TAG_DFN, {nullptr}},
    {GUMBO_TAG_DIV, {nullptr}},
    {GUMBO_TAG_DL, {nullptr}},
    {GUMBO_TAG_DT, {nullptr}},
    {GUMBO_TAG_EM, {nullptr}},
    {GUMBO_TAG_FIGCAPTION, {nullptr}},
    {GUMBO_TAG_FIGURE, {nullptr}},
    {GUMBO_TAG_H1, {nullptr}},
    {GUMBO_TAG_H2, {nullptr}},
    {GUMBO_TAG_H3, {nullptr}},
    {GUMBO_TAG_H4, {nullptr}},
    {GUMBO_TAG_H5, {nullptr}},
    {GUMBO_TAG_H6, {nullptr}},
    {GUMBO_TAG_HR, {nullptr}},
    {GUMBO_TAG_I, {nullptr}},
    {GUMBO_TAG_IMG, {"src", "alt", "title", "width", "height"}},
    {GUMBO_TAG_INS, {"cite", nullptr}},
    {GUMBO_TAG_KBD, {nullptr}},
    {GUMBO_TAG_LI, {nullptr}},
    {GUMBO_TAG_MARK, {nullptr}},
    {GUMBO_TAG_OL, {"start", nullptr}},
    {GUMBO_TAG_P, {nullptr}},
    {GUMBO_TAG_PRE, {nullptr}},
    {GUMBO_TAG_Q, {"cite", nullptr}},
    {GUMBO_TAG_S, {nullptr}},
    {GUMBO_TAG_SMALL, {nullptr}},
    {GUMBO_TAG_SPAN, {nullptr}},
    {GUMBO_TAG_STRONG, {nullptr}},
    {GUMBO_TAG_SUB, {nullptr}},
    {GUMBO_TAG_SUP, {nullptr}},
    {GUMBO_TAG_TABLE, {nullptr}},
    {GUMBO_TAG_TBODY, {nullptr}},
    {GUMBO_TAG_TD, {"colspan", "rowspan", nullptr}},
    {GUMBO_TAG_TH, {"colspan", "rowspan", nullptr}},
    {GUMBO_TAG_TFOOT, {nullptr}},
    {GUMBO_TAG_THEAD, {nullptr}},
    {GUMBO_TAG_TR, {nullptr}},
    {GUMBO_TAG_U, {nullptr}},
    {GUMBO_TAG_UL, {nullptr}},
}};

/// The index in allowed_tags of each GumboTag, -1 when not allowed: find_allowed() is asked
/// for every tag, up to three times.
constexpr std::array<std::int8_t, GUMBO_TAG_LAST + 1> allowed_index = [] {
    std::array<std::int8_t, GUMBO_TAG_LAST + 1> index{};
    for (auto& i : index) {
        i = -1;
    }
    for (std::size_t k = 0; k < allowed_tags.size(); ++k) {
        index[allowed_tags[k].tag] = static_cast<std::int8_t>(k);
    }
    return index;
}();

allowed_tag const* find_allowed(GumboTag tag) {
    if (tag < 0 || tag > GUMBO_TAG_LAST || allowed_index[tag] < 0) {
        return nullptr;
    }
    return &allowed_tags[static_cast<std::size_t>(allowed_index[tag])];
}

tag_policy policy_of(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED:
        case GUMBO_TAG_APPLET:
        case GUMBO_TAG_FRAME:
        case GUMBO_TAG_FRAMESET:
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_TITLE:
        case GUMBO_TAG_META:
        case GUMBO_TAG_LINK:
        case GUMBO_TAG_BASE:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_INPUT:
        case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH:
        case GUMBO_TAG_CANVAS:
        case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_VIDEO:
        case GUMBO_TAG_SOURCE:
        case GUMBO_TAG_TRACK:
        case GUMBO_TAG_PARAM:
            return tag_policy::drop;
        default:
            return find_allowed(tag) != nullptr ? tag_policy::keep : tag_policy::unwrap;
    }
}

bool is_void(GumboTag tag) {
    return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG;
}

/// Text layout: 1 = line break, 2 = paragraph break.
int break_of(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_HR:
        case GUMBO_TAG_CENTER:
            return 2;
        case GUMBO_TAG_LI:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_BR:
            return 1;
        default:
            return 0;
    }
}

/// The length of the whitespace at s[i] that text collapses (ASCII, U+00A0), 0 if none.
std::size_t space_width(std::string_view s, std::size_t i) noexcept {
    char const c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        return 1;
    }
    return c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0' ? 2 : 0;
}

/// True for the bytes that may start whitespace space_width() counts: ' ' and the controls
/// below it, and 0xC2, the lead byte of U+00A0.
constexpr bool may_start_space(char c) noexcept {
    return static_cast<unsigned char>(c) <= 0x20 || c == '\xC2';
}

/// The end of the text that text_builder::text() appends as it is, from s[i], which is not
/// whitespace: up to the first whitespace, where a single ' ' followed by a character that
/// is not whitespace is part of the run (text() would collapse it to the ' ' it is).
/// Returns s.size() or the index of whitespace.
std::size_t kept_run_end(std::string_view s, std::size_t i) noexcept {
    std::size_t const n = s.size();
    for (;;) {
#if INGEST_FEED_BLOCK16
        // The same rule as for words below, sixteen bytes at a time.
        while (i + 16 <= n) {
            block16 const block = block16::load(s.data() + i);
            unsigned const may_start = block.below(0x21) | block.equal(0xC2);
            unsigned const spaces = block.equal(' ');
            unsigned const next_may_start = may_start >> 1 | 0x8000u;
            unsigned const marked = (may_start & ~spaces) | (spaces & next_may_start);
            if (marked != 0) {
                i += first_marked_in_block(marked);
                break;
            }
            i += 16;
        }
#endif
        // Words without a byte that may start whitespace, but for single ' ' followed by
        // a byte that does not, are skipped whole. A ' ' in the last byte of the word is
        // marked: what follows it is read below.
        while (i + 8 <= n) {
            std::uint64_t const word = load_word(s.data() + i);
            std::uint64_t const may_start =
                bytes_below_mask(word, 0x21) | bytes_equal_mask(word, 0xC2);
            std::uint64_t const spaces = bytes_equal_mask(word, ' ');
            std::uint64_t next_may_start = 0;  // may_start of the byte after each byte
            if constexpr (std::endian::native == std::endian::little) {
                next_may_start = may_start >> 8 | std::uint64_t{0x80} << 56;
            } else {
                next_may_start = may_start << 8 | std::uint64_t{0x80};
            }
            std::uint64_t const marked = (may_start & ~spaces) | (spaces & next_may_start);
            if (marked != 0) {
                i += first_marked_byte(marked);
                break;
            }
            i += 8;
        }
        while (i < n && !may_start_space(s[i])) {
            ++i;
        }
        if (i == n) {
            return n;
        }
        if (s[i] == ' ') {
            if (i + 1 < n && !may_start_space(s[i + 1])) {
                i += 2;
                continue;
            }
            return i;
        }
        if (space_width(s, i) > 0) {
            return i;
        }
        ++i;  // another control character, or a 0xC2 that does not start U+00A0: kept
    }
}

class text_builder {
public:
    void reserve(std::size_t n) { out_.reserve(n); }
    void text(std::string_view s, bool preformatted) {
        std::size_t const n = s.size();
        std::size_t i = 0;
        if (preformatted) {
            // Line feeds are line breaks; everything else is kept as it is.
            while (i < n) {
                std::size_t end = s.find('\n', i);
                if (end == i) {
                    flush();
                    out_ += '\n';
                    ++i;
                    continue;
                }
                if (end == std::string_view::npos) {
                    end = n;
                }
                flush();
                out_.append(s, i, end - i);
                i = end;
            }
            return;
        }
        while (i < n) {
            if (std::size_t const w = space_width(s, i); w > 0) {
                space_ = true;
                i += w;
                continue;
            }
            // Characters kept as they are, with the single spaces between words: flush()
            // would write each of those spaces as it is (the last character written is not
            // a line feed, which is whitespace here).
            std::size_t const end = kept_run_end(s, i);
            flush();
            out_.append(s, i, end - i);
            i = end;
        }
    }
    void line_break(int n) {
        break_ = std::max(break_, n);
        space_ = false;
    }
    /// A <br>: a line break; two in a row with no text between are a paragraph break, as
    /// they are written in bodies that have no <p> (Blogger, pasted e-mails).
    void br() {
        break_ = std::max(break_, brs_ > 0 ? 2 : 1);
        ++brs_;
        space_ = false;
    }
    void cell() { space_ = true; }
    std::string take() {
        while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ')) {
            out_.pop_back();
        }
        return std::move(out_);
    }

private:
    void flush() {
        if (!out_.empty()) {
            if (break_ > 0) {
                while (!out_.empty() && out_.back() == ' ') {
                    out_.pop_back();
                }
                out_ += break_ == 2 ? "\n\n" : "\n";
            } else if (space_ && out_.back() != '\n') {
                out_ += ' ';
            }
        }
        break_ = 0;
        brs_ = 0;
        space_ = false;
    }
    std::string out_;
    int break_ = 0;
    int brs_ = 0;  ///< <br> since the last text
    bool space_ = false;
};

/// The index of the first '&', '<', '>' or '"' of s at or after i, s.size() when none.
std::size_t find_html_special(std::string_view s, std::size_t i) noexcept {
    std::size_t const n = s.size();
#if INGEST_FEED_BLOCK16
    while (i + 16 <= n) {
        block16 const block = block16::load(s.data() + i);
        unsigned const marked =
            block.equal('&') | block.equal('<') | block.equal('>') | block.equal('"');
        if (marked != 0) {
            return i + first_marked_in_block(marked);
        }
        i += 16;
    }
#endif
    while (i + 8 <= n) {
        std::uint64_t const word = load_word(s.data() + i);
        // '"' and '&' differ only in bit 0x04, '<' and '>' only in bit 0x02: two byte
        // compares, each with that bit cleared, find all four and nothing else.
        std::uint64_t const marked =
            bytes_equal_mask(word & ~std::uint64_t{0x0404040404040404}, '"') |
            bytes_equal_mask(word & ~std::uint64_t{0x0202020202020202}, '<');
        if (marked != 0) {
            return i + first_marked_byte(marked);
        }
        i += 8;
    }
    while (i < n && s[i] != '&' && s[i] != '<' && s[i] != '>' && s[i] != '"') {
        ++i;
    }
    return i;
}

void append_escaped(std::string& out, std::string_view s) {
    std::size_t run = 0;  // s[run, i) is still to be appended as it is
    for (std::size_t i = find_html_special(s, 0); i < s.size(); i = find_html_special(s, i + 1)) {
        std::string_view escaped;
        switch (s[i]) {
            case '&':
                escaped = "&amp;";
                break;
            case '<':
                escaped = "&lt;";
                break;
            case '>':
                escaped = "&gt;";
                break;
            default:
                escaped = "&quot;";
                break;
        }
        out.append(s, run, i - run);
        out += escaped;
        run = i + 1;
    }
    out.append(s, run, std::string_view::npos);
}
/// A list inside a list item (parent: the tag of the element it is in): its items continue
/// the outer list, line by line.
bool nested_list(GumboTag tag, GumboTag parent) noexcept {
    if (tag != GUMBO_TAG_UL && tag != GUMBO_TAG_OL && tag != GUMBO_TAG_DL) {
        return false;
    }
    return parent == GUMBO_TAG_LI || parent == GUMBO_TAG_DD;
}

/// The output of a walk over elements and text, shared by the gumbo walker and the fast
/// path so that both write exactly the same: the sanitized HTML (allowlisted tags and
/// attributes, links resolved), the readable text and the link warnings. The caller gives
/// the elements in document order, start_element() before their content and end_element()
/// after it; dropped tags (tag_policy::drop) are never given.
class html_sink {
public:
    /// build_html false: only the text is built (no serialized HTML, no link resolution).
    html_sink(std::string_view base, html_output& out, bool build_html)
        : base_(base), out_(out), build_html_(build_html) {}

    /// plain: t is known to have no character HTML escapes ('&', '<', '>', '"').
    void text(std::string_view t, bool pre, bool plain = false) {
        text_.text(t, pre);
        if (build_html_) {
            if (plain) {
                html_.append(t);
            } else {
                append_escaped(html_, t);
            }
        }
    }

    /// An element starts; parent is the tag of the element it is in (GUMBO_TAG_BODY at the
    /// top). attribute_value(name) gives the value of attribute name as a
    /// std::optional<std::string_view>, nullopt when the element has none. Returns the break
    /// to give to end_element().
    template <class AttributeValue>
    int start_element(GumboTag tag, tag_policy policy, GumboTag parent,
                      AttributeValue&& attribute_value) {
        int const brk = nested_list(tag, parent) ? 1 : break_of(tag);
        if (tag == GUMBO_TAG_BR) {
            text_.br();
        } else if (brk > 0) {
            text_.line_break(brk);
        }
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
            text_.cell();
        }
        if (build_html_ && policy == tag_policy::keep) {
            html_ += '<';
            html_ += gumbo_normalized_tagname(tag);
            attributes(*find_allowed(tag), attribute_value);
            html_ += '>';
        }
        return brk;
    }

    /// The element started with start_element() ends (a kept void element has no content).
    void end_element(GumboTag tag, tag_policy policy, int brk) {
        if (policy == tag_policy::keep && is_void(tag)) {
            if (brk > 0 && tag != GUMBO_TAG_BR) {
                text_.line_break(brk);
            }
            return;
        }
        if (build_html_ && policy == tag_policy::keep) {
            html_ += "</";
            html_ += gumbo_normalized_tagname(tag);
            html_ += '>';
        }
        if (brk > 0) {
            text_.line_break(brk);
        }
    }

    /// Room for the output of an input of n bytes, which is rarely longer.
    void reserve(std::size_t n) {
        text_.reserve(n);
        if (build_html_) {
            html_.reserve(n);
        }
    }

    void warn(std::string warning) { out_.warnings.push_back(std::move(warning)); }

    std::string html() { return std::move(html_); }
    std::string text() { return text_.take(); }

private:
    /// The allowlisted attributes in the allowlist's order; href/src/cite resolved, dropped
    /// when their scheme is forbidden.
    template <class AttributeValue>
    void attributes(allowed_tag const& allowed, AttributeValue& attribute_value) {
        for (char const* attr : allowed.attributes) {
            if (attr == nullptr) {
                break;
            }
            std::optional<std::string_view> const found = attribute_value(attr);
            if (!found) {
                continue;
            }
            std::string value(*found);
            std::string_view const name = attr;
            if (name == "href" || name == "src" || name == "cite") {
                auto const link = resolve_link(base_, value);
                if (link.url.empty()) {
                    if (!link.warning.empty()) {
                        out_.warnings.push_back(link.warning);
                    }
                    continue;
                }
                value = link.url;
            }
            html_ += ' ';
            html_ += attr;
            html_ += "=\"";
            append_escaped(html_, value);
            html_ += '"';
        }
    }

    std::string_view base_;
    html_output& out_;
    std::string html_;
    text_builder text_;
    bool build_html_;
};

/// Walks gumbo's tree into an html_sink.
class walker {
public:
    explicit walker(html_sink& sink) : sink_(sink) {}

    void walk(GumboNode const* node, int depth, bool pre) {
        if (depth > max_walk_depth) {
            if (!deep_warned_) {
                sink_.warn("html nested deeper than " + std::to_string(max_walk_depth) +
                           " levels cut");
                deep_warned_ = true;
            }
            return;
        }
        switch (node->type) {
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_WHITESPACE:
            case GUMBO_NODE_CDATA:
                sink_.text(node->v.text.text, pre);
                return;
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE:
                element(node, depth, pre);
                return;
            default:
                return;  // comments, the document node
        }
    }

private:
    void children(GumboNode const* node, int depth, bool pre) {
        GumboVector const& kids = node->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
            walk(static_cast<GumboNode const*>(kids.data[i]), depth + 1, pre);
        }
    }

    void element(GumboNode const* node, int depth, bool pre) {
        GumboTag const tag = node->v.element.tag;
        tag_policy const policy = policy_of(tag);
        if (policy == tag_policy::drop) {
            return;
        }
        GumboNode const* parent = node->parent;
        GumboTag const parent_tag = parent != nullptr && parent->type == GUMBO_NODE_ELEMENT
                                        ? parent->v.element.tag
                                        : GUMBO_TAG_UNKNOWN;
        int const brk = sink_.start_element(
            tag, policy, parent_tag, [node](char const* name) -> std::optional<std::string_view> {
                GumboAttribute const* a = gumbo_get_attribute(&node->v.element.attributes, name);
                if (a == nullptr) {
                    return std::nullopt;
                }
                return std::string_view(a->value);
            });
        if (policy == tag_policy::unwrap || !is_void(tag)) {
            children(node, depth, pre || tag == GUMBO_TAG_PRE);
        }
        sink_.end_element(tag, policy, brk);
    }

    html_sink& sink_;
    bool deep_warned_ = false;
};

bool has_tag(std::string_view s) {
    for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
        if (i + 1 < s.size()) {
            char const c = s[i + 1];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!') {
                return true;
            }
        }
    }
    return false;
}

/// A rough nesting depth: start tags minus end tags, void and self-closed tags ignored.
int rough_depth(std::string_view s) {
    int depth = 0;
    int deepest = 0;
    for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
        if (i + 1 >= s.size()) {
            break;
        }
        char const c = s[i + 1];
        if (c == '/') {
            depth = std::max(0, depth - 1);
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            std::size_t const close = s.find('>', i);
            if (close != std::string_view::npos && close > 0 && s[close - 1] == '/') {
                continue;
            }
            std::array<char, 8> buffer{};  // the name's first 8 characters, lower-case
            std::size_t len = 0;
            for (std::size_t k = i + 1; k < s.size() && len < buffer.size(); ++k) {
                char const n = s[k];
                if (!((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || (n >= '0' && n <= '9'))) {
                    break;
                }
                buffer[len++] = n >= 'A' && n <= 'Z' ? static_cast<char>(n - 'A' + 'a') : n;
            }
            std::string_view const name(buffer.data(), len);
            if (name == "br" || name == "hr" || name == "img" || name == "meta" || name == "link" ||
                name == "input" || name == "p" || name == "li") {
                continue;
            }
            deepest = std::max(deepest, ++depth);
        }
    }
    return deepest;
}

/// Calls f(paragraph) for each paragraph of a text without tags: the text between blank
/// lines (LF LF or CR LF CR LF), trimmed, when not empty.
template <class F>
void for_each_paragraph(std::string_view text, F&& f) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = text.find("\n\n", i);
        std::size_t const crlf = text.find("\r\n\r\n", i);
        std::size_t skip = 2;
        if (crlf != std::string_view::npos && (end == std::string_view::npos || crlf < end)) {
            end = crlf;
            skip = 4;
        }
        std::string_view const para =
            trim(text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
        if (!para.empty()) {
            f(para);
        }
        if (end == std::string_view::npos) {
            break;
        }
        i = end + skip;
    }
}

/// Text without any tag: paragraphs at blank lines, line breaks kept as <br>.
std::string paragraphs_as_html(std::string_view text) {
    std::string out;
    for_each_paragraph(text, [&out](std::string_view para) {
        out += "<p>";
        for (char const c : para) {
            if (c == '\n') {
                out += "<br>";
            } else if (c != '\r') {
                out += c;
            }
        }
        out += "</p>";
    });
    return out;
}

/// The length of the character at s[i], a byte from 0x80, when gumbo's input stream gives
/// it as it is: well-formed UTF-8 that is not a C1 control (U+0080..U+009F) or a
/// noncharacter. 0 when gumbo replaces it by U+FFFD.
std::size_t gumbo_kept_sequence_length(std::string_view s, std::size_t i) noexcept {
    auto const* const b = reinterpret_cast<unsigned char const*>(s.data());
    unsigned char const c = b[i];
    std::size_t const left = s.size() - i;
    if (c >= 0xC2 && c <= 0xDF) {
        if (left < 2 || (b[i + 1] & 0xC0) != 0x80 || (c == 0xC2 && b[i + 1] < 0xA0)) {
            return 0;  // ill-formed, or a C1 control U+0080..U+009F
        }
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned char const lo = c == 0xE0 ? 0xA0 : 0x80;
        unsigned char const hi = c == 0xED ? 0x9F : 0xBF;
        if (left < 3 || b[i + 1] < lo || b[i + 1] > hi || (b[i + 2] & 0xC0) != 0x80) {
            return 0;  // ill-formed, overlong or a surrogate
        }
        char32_t const cp = (char32_t{c} & 0x0F) << 12 | (char32_t{b[i + 1]} & 0x3F) << 6 |
                            (char32_t{b[i + 2]} & 0x3F);
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || cp >= 0xFFFE) {
            return 0;  // noncharacters
        }
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned char const lo = c == 0xF0 ? 0x90 : 0x80;
        unsigned char const hi = c == 0xF4 ? 0x8F : 0xBF;
        if (left < 4 || b[i + 1] < lo || b[i + 1] > hi || (b[i + 2] & 0xC0) != 0x80 ||
            (b[i + 3] & 0xC0) != 0x80) {
            return 0;
        }
        char32_t const low = (char32_t{b[i + 2]} & 0x3F) << 6 | (char32_t{b[i + 3]} & 0x3F);
        if ((char32_t{b[i + 1]} & 0x0F) == 0x0F && low >= 0xFFE) {
            return 0;  // U+xFFFE, U+xFFFF
        }
        return 4;
    }
    return 0;
}

/// True when gumbo's input stream gives the ASCII character c as it is: not NUL (dropped),
/// another C0 control but tab, LF, FF and CR, or DEL (replaced by U+FFFD).
constexpr bool gumbo_keeps_ascii(unsigned char c) noexcept {
    return (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/// The high bit of each byte of word that gumbo_keeps_ascii() and the skip of printable
/// ASCII do not let pass: non-ASCII, C0 controls (whitespace included) and DEL.
constexpr std::uint64_t non_printable_ascii_mask(std::uint64_t word) noexcept {
    return (word & 0x8080808080808080) | bytes_below_mask(word, 0x20) |
           bytes_equal_mask(word, 0x7F);
}

/// True when gumbo's input stream gives s's code points as they are: none of the code points
/// gumbo drops (NUL) or replaces by U+FFFD (C0 controls but tab, LF, FF and CR; DEL and C1
/// controls; noncharacters; ill-formed UTF-8). With markup false, s must also have no markup
/// ('<') and no character reference ('&'). CR is accepted: gumbo reads CR LF and CR as LF.
bool gumbo_keeps_code_points(std::string_view s, bool markup) noexcept {
    auto const* const b = reinterpret_cast<unsigned char const*>(s.data());
    std::size_t const n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // Words of printable ASCII (no control, no DEL, no '<' or '&' when they count) are
        // skipped whole; the first other byte is read below.
        while (i + 8 <= n) {
            std::uint64_t const word = load_word(s.data() + i);
            std::uint64_t marked = non_printable_ascii_mask(word);
            if (!markup) {
                marked |= bytes_equal_mask(word, '<') | bytes_equal_mask(word, '&');
            }
            if (marked != 0) {
                i += first_marked_byte(marked);
                break;
            }
            i += 8;
        }
        // Byte by byte up to the next ASCII character (a word of Cyrillic or kana), that one
        // included.
        while (i < n) {
            unsigned char const c = b[i];
            if (c < 0x80) {
                if ((!markup && (c == '<' || c == '&')) || !gumbo_keeps_ascii(c)) {
                    return false;
                }
                ++i;
                break;
            }
            if (std::size_t const next = skip_cyrillic_letters(s, i); next != i) {
                i = next;
                continue;
            }
            std::size_t const length = gumbo_kept_sequence_length(s, i);
            if (length == 0) {
                return false;
            }
            i += length;
        }
    }
    return true;
}

/// True when gumbo reads s as exactly these characters: s has no markup ('<'), no character
/// reference ('&'), and gumbo_keeps_code_points().
bool gumbo_reads_verbatim(std::string_view s) noexcept {
    return gumbo_keeps_code_points(s, false);
}

/// Sets out.html and out.text to nfc() of html and text, the outputs of one walk. With
/// build_html, every character of text but the ' ' and line feeds the walk writes is one of
/// html's text (escaped there): when html passes the quick check with starters only, so
/// does text (see is_nfc), and it is not scanned again.
void set_nfc_outputs(html_output& out, std::string html, std::string text, bool build_html) {
    bool html_is_nfc = false;
    bool starters_only = false;
    if (build_html) {
        html_is_nfc = is_nfc(html, starters_only);
    }
    out.text = html_is_nfc && starters_only ? std::move(text) : nfc(std::move(text));
    out.html = html_is_nfc ? std::move(html) : nfc(std::move(html));
}

/// What the walker makes of gumbo's tree for paragraphs_as_html(text), built without
/// parsing: for a text gumbo_reads_verbatim() accepts, paragraphs_as_html only writes <p>
/// and <br> around text, so the tree is known in advance.
void render_untagged(std::string_view text, bool build_html, std::string& html, text_builder& out) {
    for_each_paragraph(text, [&](std::string_view para) {
        out.line_break(2);
        if (build_html) {
            html += "<p>";
        }
        std::size_t start = 0;
        for (std::size_t k = 0; k <= para.size(); ++k) {
            if (k < para.size() && para[k] != '\n' && para[k] != '\r') {
                continue;
            }
            std::string_view const run = para.substr(start, k - start);
            out.text(run, false);
            if (build_html) {
                append_escaped(html, run);
            }
            if (k < para.size() && para[k] == '\n') {
                out.br();
                if (build_html) {
                    html += "<br>";
                }
            }
            start = k + 1;
        }
        if (build_html) {
            html += "</p>";
        }
        out.line_break(2);
    });
}

/// Crude text of a fragment too deep for gumbo: tags removed.
std::string strip_tags(std::string_view s) {
    std::string out;
    bool in_tag = false;
    for (char const c : s) {
        if (c == '<') {
            in_tag = true;
            out += ' ';
        } else if (c == '>') {
            in_tag = false;
        } else if (!in_tag) {
            out += c;
        }
    }
    return collapse_space(out);
}

struct gumbo_output_deleter {
    void operator()(GumboOutput* o) const noexcept {
        gumbo_destroy_output(&kGumboDefaultOptions, o);
    }
};

GumboNode const* find_body(GumboNode const* root) {
    if (root == nullptr || root->type != GUMBO_NODE_ELEMENT) {
        return nullptr;
    }
    GumboVector const& kids = root->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
        auto const* n = static_cast<GumboNode const*>(kids.data[i]);
        if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_BODY) {
            return n;
        }
    }
    return nullptr;
}

// ---------------------------------------------------------------------------------------
// The fast path. Gumbo builds a whole document tree and takes most of the decoding time,
// while nearly every feed body is plain, well-nested markup. fast_parser tokenizes such a
// fragment itself and, for a conservative subset of HTML where HTML5 tree construction
// ("in body", quirks mode, as gumbo 0.10 does it with max_errors 0) gives exactly the naive
// nesting of the tokens, drives the same html_sink the gumbo walker drives, in the same
// order: the results are byte-identical. The implied ends it follows: a start tag that
// closes a <p> when the <p> is the current element; <li>, <dd>, <dt> closing an item with
// only <p> elements in it; block and item end tags closing the <p>, <li>, <dd>, <dt> open in
// them. Anything else declines (the gumbo path then runs): tags outside a fixed set, other
// end tags that do not close the current element, adoption agency and Noah's Ark cases,
// character references whose value is not certain, code points gumbo replaces, repeated
// attributes without a value, odd comments, doctype, CDATA, processing instructions, a '<'
// read as text, nesting deeper than max_fast_depth. Linear time: every input byte is read a
// bounded number of times, and the stack walks are bounded by max_fast_depth.

/// Deepest element nesting the fast path reads; well under max_walk_depth.
constexpr std::size_t max_fast_depth = 200;
/// More open elements of one formatting tag than this and gumbo's "Noah's Ark" clause
/// could change the list of active formatting elements: declined.
constexpr int max_same_formatting = 2;
/// More attributes on one kept tag than this: declined (keeps the duplicate check linear).
constexpr std::size_t max_fast_attributes = 24;

/// How tree construction treats the start tag of a tag the fast path reads.
enum class fast_tag_kind {
    unsupported,
    formatting,   ///< a, b, code, em, font, i, s, small, strong, u: active formatting
    phrasing,     ///< span, sub, sup, q, cite, abbr, mark, del, ins, kbd, dfn
    void_inline,  ///< br, img: inserted and popped at once
    rule,         ///< hr: closes a <p>, inserted and popped at once
    block,        ///< closes a <p>
    heading,      ///< h1-h6: closes a <p> and a heading that is the current element
    list_item,    ///< li: closes an open <li>, then a <p>
    definition,   ///< dd, dt: close an open <dd>/<dt>, then a <p>
};

fast_tag_kind fast_kind_of(GumboTag tag) noexcept {
    switch (tag) {
        case GUMBO_TAG_A:
        case GUMBO_TAG_B:
        case GUMBO_TAG_CODE:
        case GUMBO_TAG_EM:
        case GUMBO_TAG_FONT:
        case GUMBO_TAG_I:
        case GUMBO_TAG_S:
        case GUMBO_TAG_SMALL:
        case GUMBO_TAG_STRONG:
        case GUMBO_TAG_U:
            return fast_tag_kind::formatting;
        case GUMBO_TAG_SPAN:
        case GUMBO_TAG_SUB:
        case GUMBO_TAG_SUP:
        case GUMBO_TAG_Q:
        case GUMBO_TAG_CITE:
        case GUMBO_TAG_ABBR:
        case GUMBO_TAG_MARK:
        case GUMBO_TAG_DEL:
        case GUMBO_TAG_INS:
        case GUMBO_TAG_KBD:
        case GUMBO_TAG_DFN:
            return fast_tag_kind::phrasing;
        case GUMBO_TAG_BR:
        case GUMBO_TAG_IMG:
            return fast_tag_kind::void_inline;
        case GUMBO_TAG_HR:
            return fast_tag_kind::rule;
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_CENTER:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_P:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_UL:
            return fast_tag_kind::block;
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
            return fast_tag_kind::heading;
        case GUMBO_TAG_LI:
            return fast_tag_kind::list_item;
        case GUMBO_TAG_DD:
        case GUMBO_TAG_DT:
            return fast_tag_kind::definition;
        default:
            return fast_tag_kind::unsupported;
    }
}

constexpr bool is_ascii_alpha(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr bool is_ascii_alnum(char c) noexcept {
    return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}

/// HTML's whitespace in the tokenizer (CR included: the input stream makes it LF).
constexpr bool is_html_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/// A numeric character reference's code point that gumbo returns as it is and that is
/// neither whitespace nor a control: printable ASCII, or a scalar value from U+00A0 that is
/// not a noncharacter.
constexpr bool is_plain_reference_code_point(std::uint32_t cp) noexcept {
    if (cp > 0x20 && cp < 0x7F) {
        return true;
    }
    return cp >= 0xA0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) &&
           !(cp >= 0xFDD0 && cp <= 0xFDEF) && (cp & 0xFFFE) != 0xFFFE;
}

/// The character reference at s[i] == '&', decoded as gumbo decodes it, appended to out.
/// Returns the position after the reference (after the '&' alone when it is literal text),
/// npos when its value is not certain (the fast path declines). in_attribute: s is an
/// attribute value (quotes excluded), where "&name=" is literal text.
std::size_t decode_reference(std::string_view s, std::size_t i, std::string& out,
                             bool in_attribute) {
    constexpr std::size_t decline = std::string_view::npos;
    std::size_t const n = s.size();
    std::size_t j = i + 1;
    if (j == n || (!is_ascii_alnum(s[j]) && s[j] != '#')) {
        // Followed by whitespace, '<', '&', the closing quote, the end or punctuation:
        // not a reference.
        out += '&';
        return j;
    }
    if (s[j] == '#') {
        auto const ref = numeric_reference(s, i);
        std::size_t const prefix = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X') ? 3 : 2;
        if (!ref || ref->second - i - prefix - 1 > 8 ||
            !is_plain_reference_code_point(ref->first)) {
            return decline;  // no digits, more than 8, no ';', or a value gumbo changes
        }
        append_utf8(out, static_cast<char32_t>(ref->first));
        return ref->second;
    }
    std::size_t k = j;
    while (k < n && is_ascii_alnum(s[k])) {
        ++k;
    }
    if (k < n && s[k] == '=' && in_attribute) {
        // "&name=" in an attribute (a query string) stays as written, whatever the name.
        out += '&';
        return j;
    }
    if (k == n || s[k] != ';' || k - j > 16) {
        return decline;  // legacy references without ';' are matched by prefix
    }
    std::string_view const name = s.substr(j, k - j);
    if (name == "amp") {
        out += '&';
    } else if (name == "lt") {
        out += '<';
    } else if (name == "gt") {
        out += '>';
    } else if (name == "quot") {
        out += '"';
    } else if (name == "apos") {
        out += '\'';
    } else if (name == "lang" || name == "rang") {
        // HTML 4 values in the decoder's table (U+2329, U+232A); HTML5 and gumbo give
        // U+27E8, U+27E9.
        return decline;
    } else if (auto const cp = lookup_html_entity(name); cp && cp->first >= 0xA0) {
        // The table's names below U+00A0 are whitespace (&Tab; &NewLine;): declined.
        append_utf8(out, cp->first);
        if (cp->second != 0) {
            append_utf8(out, cp->second);
        }
    } else {
        return decline;
    }
    return k + 1;
}

/// An attribute value as gumbo reads it: references decoded, CR LF and CR as LF. False when
/// decode_reference() declines.
bool decode_attribute(std::string_view raw, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < raw.size();) {
        char const c = raw[i];
        if (c != '&' && c != '\r') {
            // Up to the next reference or CR, as it is.
            std::size_t end = i + 1;
            while (end < raw.size() && raw[end] != '&' && raw[end] != '\r') {
                ++end;
            }
            out.append(raw, i, end - i);
            i = end;
            continue;
        }
        if (c == '&') {
            i = decode_reference(raw, i, out, true);
            if (i == std::string_view::npos) {
                return false;
            }
        } else {
            out += '\n';  // CR LF or CR
            i += i + 1 < raw.size() && raw[i + 1] == '\n' ? 2 : 1;
        }
    }
    return true;
}

/// The fast path's tokenizer and tree builder; see the comment above max_fast_depth.
class fast_parser {
public:
    /// build_html false: attribute values are not read (the sink does not write them).
    fast_parser(std::string_view html, html_sink& sink, bool build_html)
        : s_(html), sink_(sink), build_html_(build_html) {}

    /// Reads the whole fragment into the sink. False: declined (the sink is then to be
    /// thrown away).
    /// After run(): whether the outputs are known to be in NFC (see nfc_stable_).
    bool nfc_stable() const noexcept { return nfc_stable_; }
    bool run() {
        std::size_t const n = s_.size();
        while (pos_ < n) {
            if (s_[pos_] == '<') {
                if (!markup()) {
                    return false;
                }
                continue;
            }
            std::size_t end = s_.find('<', pos_);
            if (end == std::string_view::npos) {
                end = n;
            }
            if (!text(end)) {
                return false;
            }
        }
        // The end of the input leaves the open elements as they are: their ends follow.
        while (!stack_.empty()) {
            pop();
        }
        return true;
    }

private:
    struct open_element {
        GumboTag tag;
        tag_policy policy;
        int brk;  ///< what html_sink::start_element() returned
    };

    /// The text s_[pos_, end), which has no '<'.
    bool text(std::size_t end) {
        std::size_t i = pos_;
        if (!in_body_) {
            // Whitespace before the first token that is not whitespace or a comment is
            // dropped (the "initial" ... "in head" insertion modes).
            while (i < end && is_html_space(s_[i])) {
                ++i;
            }
            in_body_ = i < end;
        }
        std::size_t run = i;  // s_[run, i) is still to be given as it is
        // Whether a '>' or '"' (which the HTML output escapes) may be in s_[run, i): set by
        // find_text_attention for every byte it reads (and some after them).
        bool escapes = false;
        while (i < end) {
            i = find_text_attention(i, end, escapes);
            if (i == end) {
                break;
            }
            char const c = s_[i];
            auto const u = static_cast<unsigned char>(c);
            if (u >= 0x80) {
                // A character of the text, kept as it is when gumbo keeps it (its bytes are
                // never '<': they do not go past end).
                std::size_t const length = gumbo_kept_sequence_length(s_, i);
                if (length == 0) {
                    return false;
                }
                // Lead bytes below 0xCC are U+0080..U+02FF: starters NFC leaves alone.
                if (nfc_stable_ && (length > 2 || u >= 0xCC)) {
                    nfc_stable_ = nfc_stable_starters(s_.substr(i, length));
                }
                i = skip_cyrillic_letters(s_, i + length);  // starters too
                continue;
            }
            if (c != '&' && c != '\r') {
                if (!gumbo_keeps_ascii(u)) {
                    return false;
                }
                ++i;  // tab, LF, FF
                continue;
            }
            if (run < i) {
                sink_.text(s_.substr(run, i - run), false, !escapes);
            }
            escapes = false;
            if (c == '\r') {
                sink_.text("\n", false);
                i += i + 1 < end && s_[i + 1] == '\n' ? 2 : 1;
            } else {
                decoded_.clear();
                // The reference ends before end: its characters are never '<'.
                i = decode_reference(s_.substr(0, end), i, decoded_, false);
                if (i == std::string_view::npos) {
                    return false;
                }
                if (nfc_stable_) {
                    nfc_stable_ = nfc_stable_starters(decoded_);
                }
                sink_.text(decoded_, false);
            }
            run = i;
        }
        if (run < end) {
            sink_.text(s_.substr(run, end - run), false, !escapes);
        }
        pos_ = end;
        return true;
    }

    /// The index of the first byte of s_[i, end) that text() reads on its own: '&', and
    /// whatever is not printable ASCII (CR, other controls, non-ASCII); end when none.
    /// Sets escapes when a byte it read before that one is '>' or '"' (or one after it in
    /// the same word: escapes may be set without need, never left unset with one).
    std::size_t find_text_attention(std::size_t i, std::size_t end, bool& escapes) const noexcept {
#if INGEST_FEED_BLOCK16
        while (i + 16 <= end) {
            block16 const block = block16::load(s_.data() + i);
            escapes = escapes || (block.equal('>') | block.equal('"')) != 0;
            unsigned const marked =
                block.equal('&') | block.below(0x20) | block.equal(0x7F) | block.high();
            if (marked != 0) {
                return i + first_marked_in_block(marked);
            }
            i += 16;
        }
#endif
        while (i + 8 <= end) {
            std::uint64_t const word = load_word(s_.data() + i);
            // '"' and '>' are the only printable ASCII the HTML output escapes in text that
            // has no '&' and no '<'.
            escapes = escapes || (bytes_equal_mask(word, '>') | bytes_equal_mask(word, '"')) != 0;
            std::uint64_t const marked =
                bytes_equal_mask(word, '&') | non_printable_ascii_mask(word);
            if (marked != 0) {
                return i + first_marked_byte(marked);
            }
            i += 8;
        }
        while (i < end) {
            auto const u = static_cast<unsigned char>(s_[i]);
            if (u == '&' || u < 0x20 || u >= 0x7F) {
                break;
            }
            escapes = escapes || u == '>' || u == '"';
            ++i;
        }
        return i;
    }

    /// s_[pos_] == '<'.
    bool markup() {
        std::size_t const n = s_.size();
        if (pos_ + 1 >= n) {
            return false;  // a '<' at the end is text
        }
        char const next = s_[pos_ + 1];
        if (is_ascii_alpha(next)) {
            return start_tag();
        }
        if (next == '/') {
            return end_tag();
        }
        if (s_.substr(pos_, 4) == "<!--") {
            return comment();
        }
        return false;  // doctype, CDATA, processing instruction, '<' as text
    }

    /// A comment is not in the output; it does not open the body either.
    bool comment() {
        std::size_t const start = pos_ + 4;
        std::string_view const rest = s_.substr(start);
        if (rest.substr(0, 1) == ">" || rest.substr(0, 2) == "->") {
            return false;  // <!--> and <!--->
        }
        std::size_t const end = rest.find("-->");
        if (end == std::string_view::npos) {
            return false;
        }
        std::string_view const body = rest.substr(0, end);
        if (body.find("--!") != std::string_view::npos ||
            body.find("<!--") != std::string_view::npos || !gumbo_keeps_code_points(body, true)) {
            return false;
        }
        pos_ = start + end + 3;
        return true;
    }

    /// The lower-case tag name at s_[i] (an ASCII letter), when it is one the fast path
    /// reads and is followed by whitespace, '/' or '>'; i is moved past it.
    std::optional<GumboTag> tag_name(std::size_t& i) const {
        std::size_t const n = s_.size();
        std::array<char, 12> name{};
        std::size_t len = 0;
        while (i < n && is_ascii_alnum(s_[i])) {
            if (len == name.size()) {
                return std::nullopt;  // longer than any tag read here
            }
            char const c = s_[i];
            name[len++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
            ++i;
        }
        if (i >= n || !(is_html_space(s_[i]) || s_[i] == '/' || s_[i] == '>')) {
            return std::nullopt;  // other characters in the name, or the end of the input
        }
        GumboTag const tag = gumbo_tagn_enum(name.data(), static_cast<unsigned>(len));
        if (fast_kind_of(tag) == fast_tag_kind::unsupported) {
            return std::nullopt;
        }
        return tag;
    }

    bool end_tag() {
        std::size_t i = pos_ + 2;
        if (i >= s_.size() || !is_ascii_alpha(s_[i])) {
            return false;  // </> and bogus comments
        }
        std::optional<GumboTag> const tag = tag_name(i);
        if (!tag) {
            return false;
        }
        while (i < s_.size() && is_html_space(s_[i])) {
            ++i;
        }
        if (i >= s_.size() || s_[i] != '>') {
            return false;  // attributes or '/' in an end tag
        }
        pos_ = i + 1;
        fast_tag_kind const kind = fast_kind_of(*tag);
        if (kind == fast_tag_kind::void_inline || kind == fast_tag_kind::rule) {
            return false;  // </br> inserts a <br>; the others are ignored
        }
        // The end of the current element is the naive nesting. Block and list item end tags
        // also close the <p>, <li>, <dd>, <dt> open in them ("generate implied end tags"):
        // followed when only such elements are above the element ended. Any other end tag
        // closes more (adoption agency), inserts (</p>) or is ignored: declined.
        std::size_t const k = implied_ends_above(*tag, ends_implied_children(*tag));
        if (k == stack_.size()) {
            return false;
        }
        while (stack_.size() > k) {
            pop();
        }
        return true;
    }

    /// The end tags whose "in body" rule generates implied end tags before popping the
    /// element: the block end tags (main excluded: not in that list in every gumbo), </li>,
    /// </dd>, </dt>.
    static bool ends_implied_children(GumboTag tag) noexcept {
        switch (tag) {
            case GUMBO_TAG_ARTICLE:
            case GUMBO_TAG_ASIDE:
            case GUMBO_TAG_BLOCKQUOTE:
            case GUMBO_TAG_CENTER:
            case GUMBO_TAG_DIV:
            case GUMBO_TAG_DL:
            case GUMBO_TAG_FIGCAPTION:
            case GUMBO_TAG_FIGURE:
            case GUMBO_TAG_FOOTER:
            case GUMBO_TAG_HEADER:
            case GUMBO_TAG_NAV:
            case GUMBO_TAG_OL:
            case GUMBO_TAG_SECTION:
            case GUMBO_TAG_UL:
            case GUMBO_TAG_LI:
            case GUMBO_TAG_DD:
            case GUMBO_TAG_DT:
                return true;
            default:
                return false;
        }
    }

    /// The index of the open element tag when it is the current element or, with implied,
    /// when only <p>, <li>, <dd>, <dt> (other than tag) are above it; stack_.size() otherwise.
    std::size_t implied_ends_above(GumboTag tag, bool implied) const noexcept {
        for (std::size_t k = stack_.size(); k-- > 0;) {
            GumboTag const t = stack_[k].tag;
            if (t == tag) {
                return k;
            }
            bool const is_implied =
                t == GUMBO_TAG_P || t == GUMBO_TAG_LI || t == GUMBO_TAG_DD || t == GUMBO_TAG_DT;
            if (!implied || !is_implied) {
                break;
            }
        }
        return stack_.size();
    }

    bool start_tag() {
        std::size_t i = pos_ + 1;
        std::optional<GumboTag> const parsed = tag_name(i);
        if (!parsed) {
            return false;
        }
        GumboTag const tag = *parsed;
        tag_policy const policy = policy_of(tag);
        if (policy == tag_policy::drop) {
            return false;
        }
        allowed_tag const* const allowed =
            build_html_ && policy == tag_policy::keep ? find_allowed(tag) : nullptr;
        // The values of the allowlisted attributes, raw; the first of a name counts.
        std::array<std::optional<std::string_view>, 5> raw{};
        // The names so far (names_): gumbo (max_errors 0) glues the name of a repeated
        // attribute without a value to the next attribute's name ("src title" -> "srctitle").
        names_.clear();
        bool self_closing = false;
        std::size_t const n = s_.size();
        for (;;) {
            while (i < n && is_html_space(s_[i])) {
                ++i;
            }
            if (i >= n) {
                return false;  // the end of the input inside a tag: gumbo drops it
            }
            char const c = s_[i];
            if (c == '>') {
                ++i;
                break;
            }
            if (c == '/') {
                if (i + 1 < n && s_[i + 1] == '>') {
                    self_closing = true;
                    i += 2;
                    break;
                }
                return false;
            }
            if (c == '=' || c == '"' || c == '\'' || c == '<') {
                return false;
            }
            std::size_t const name_start = i;
            while (i < n && !is_html_space(s_[i]) && s_[i] != '/' && s_[i] != '>' && s_[i] != '=' &&
                   s_[i] != '"' && s_[i] != '\'' && s_[i] != '<') {
                ++i;
            }
            if (i >= n || s_[i] == '"' || s_[i] == '\'' || s_[i] == '<') {
                return false;
            }
            std::string_view const name = s_.substr(name_start, i - name_start);
            if (!gumbo_keeps_code_points(name, true)) {
                return false;
            }
            std::string_view value;
            bool has_value = false;
            std::size_t j = i;
            while (j < n && is_html_space(s_[j])) {
                ++j;
            }
            if (j < n && s_[j] == '=') {
                has_value = true;
                i = j + 1;
                while (i < n && is_html_space(s_[i])) {
                    ++i;
                }
                if (i >= n) {
                    return false;
                }
                char const quote = s_[i];
                if (quote == '"' || quote == '\'') {
                    std::size_t const close = s_.find(quote, i + 1);
                    if (close == std::string_view::npos || close + 1 >= n) {
                        return false;
                    }
                    value = s_.substr(i + 1, close - i - 1);
                    if (!gumbo_keeps_code_points(value, true)) {
                        return false;
                    }
                    i = close + 1;
                    if (!is_html_space(s_[i]) && s_[i] != '/' && s_[i] != '>') {
                        return false;  // no space before the next attribute
                    }
                } else {
                    std::size_t const start = i;
                    while (i < n && !is_html_space(s_[i]) && s_[i] != '>') {
                        char const u = s_[i];
                        if (u == '"' || u == '\'' || u == '<' || u == '=' || u == '`' || u == '&') {
                            return false;
                        }
                        ++i;
                    }
                    if (i == start || i >= n) {
                        return false;  // a missing value, or the end of the input
                    }
                    value = s_.substr(start, i - start);
                    if (!gumbo_keeps_code_points(value, true)) {
                        return false;
                    }
                }
            }
            if (allowed != nullptr) {
                if (names_.size() == max_fast_attributes) {
                    return false;
                }
                for (std::size_t k = 0; k < names_.size() && !has_value; ++k) {
                    if (equals_icase(names_[k], name)) {
                        return false;
                    }
                }
                names_.push_back(name);
                for (std::size_t k = 0; k < allowed->attributes.size(); ++k) {
                    char const* const a = allowed->attributes[k];
                    if (a == nullptr) {
                        break;
                    }
                    if (!raw[k] && equals_icase(name, a)) {
                        raw[k] = value;
                    }
                }
            }
        }
        pos_ = i;
        fast_tag_kind const kind = fast_kind_of(tag);
        bool const is_void_kind = kind == fast_tag_kind::void_inline || kind == fast_tag_kind::rule;
        if (self_closing && !is_void_kind) {
            return false;  // <x/> opens x: not worth reading
        }
        in_body_ = true;
        if (!open_tag(tag, kind)) {
            return false;
        }
        if (allowed != nullptr) {
            for (std::size_t k = 0; k < raw.size(); ++k) {
                if (raw[k] && !decode_attribute(*raw[k], values_[k])) {
                    return false;
                }
                if (raw[k] && nfc_stable_) {
                    nfc_stable_ = nfc_stable_starters(values_[k]);
                }
            }
        }
        if (stack_.size() >= max_fast_depth) {
            return false;
        }
        GumboTag const parent = stack_.empty() ? GUMBO_TAG_BODY : stack_.back().tag;
        int const brk = sink_.start_element(
            tag, policy, parent, [&](char const* name) -> std::optional<std::string_view> {
                for (std::size_t k = 0; k < allowed->attributes.size(); ++k) {
                    char const* const a = allowed->attributes[k];
                    if (a == nullptr) {
                        break;
                    }
                    if (std::string_view(a) == name) {
                        return raw[k] ? std::optional<std::string_view>(values_[k]) : std::nullopt;
                    }
                }
                return std::nullopt;
            });
        if (is_void_kind) {
            sink_.end_element(tag, policy, brk);
            return true;
        }
        stack_.push_back({tag, policy, brk});
        if (tag == GUMBO_TAG_P) {
            ++open_p_;
        } else if (tag == GUMBO_TAG_A) {
            ++open_a_;
        }
        return true;
    }

    /// What tree construction does before inserting a start tag of kind: the implied ends
    /// the fast path follows (the current <p>, <li>, <dd>/<dt> closed). False when it would
    /// do anything else.
    bool open_tag(GumboTag tag, fast_tag_kind kind) {
        switch (kind) {
            case fast_tag_kind::formatting:
                if (tag == GUMBO_TAG_A && open_a_ > 0) {
                    return false;  // adoption agency
                }
                return count_open(tag) <= max_same_formatting;
            case fast_tag_kind::phrasing:
            case fast_tag_kind::void_inline:
                return true;
            case fast_tag_kind::rule:
            case fast_tag_kind::block:
                return close_p();
            case fast_tag_kind::heading:
                if (!close_p()) {
                    return false;
                }
                return stack_.empty() || fast_kind_of(stack_.back().tag) != fast_tag_kind::heading;
            case fast_tag_kind::list_item:
                return close_list_item(tag) && close_p();
            case fast_tag_kind::definition:
                return close_list_item(tag) && close_p();
            case fast_tag_kind::unsupported:
                return false;
        }
        return false;
    }

    int count_open(GumboTag tag) const noexcept {
        int count = 0;
        for (open_element const& e : stack_) {
            count += e.tag == tag ? 1 : 0;
        }
        return count;
    }

    /// A <p> in button scope is closed: followed when it is the current element.
    bool close_p() {
        if (open_p_ == 0) {
            return true;
        }
        if (stack_.back().tag != GUMBO_TAG_P) {
            return false;
        }
        pop();
        return true;
    }

    /// <li> closes the <li> (<dd>, <dt>: the <dd> or <dt>) found walking down the stack
    /// before a special element other than address, div and p, and the elements above it.
    /// Followed when only <p> elements are above it (popped as implied ends); walking stops
    /// at ul, ol and dl (special in every version of the algorithm), any other element is
    /// walked past, so that finding the item under it declines.
    bool close_list_item(GumboTag tag) {
        bool const li = tag == GUMBO_TAG_LI;
        bool only_p_above = true;
        for (std::size_t k = stack_.size(); k-- > 0;) {
            GumboTag const t = stack_[k].tag;
            bool const item = li ? t == GUMBO_TAG_LI : t == GUMBO_TAG_DD || t == GUMBO_TAG_DT;
            if (item) {
                if (!only_p_above) {
                    return false;
                }
                while (stack_.size() > k) {
                    pop();
                }
                return true;
            }
            only_p_above = only_p_above && t == GUMBO_TAG_P;
            if (t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DL) {
                return true;
            }
        }
        return true;
    }

    void pop() {
        open_element const e = stack_.back();
        stack_.pop_back();
        if (e.tag == GUMBO_TAG_P) {
            --open_p_;
        } else if (e.tag == GUMBO_TAG_A) {
            --open_a_;
        }
        sink_.end_element(e.tag, e.policy, e.brk);
    }

    std::string_view s_;
    html_sink& sink_;
    bool build_html_;
    std::size_t pos_ = 0;
    bool in_body_ = false;  ///< a token other than whitespace or a comment was read
    std::vector<open_element> stack_;
    int open_p_ = 0;
    int open_a_ = 0;
    std::string decoded_;  ///< a decoded character reference in text
    /// Every non-ASCII character given to the sink so far (text, references, attribute
    /// values) is a starter NFC leaves alone: the outputs, made of those and ASCII, are in
    /// NFC without a check.
    bool nfc_stable_ = true;
    std::array<std::string, 5> values_;    ///< decoded attribute values, by allowlist slot
    std::vector<std::string_view> names_;  ///< attribute names of the start tag being read
};

/// The fast path of render(): nullopt when it declines.
std::optional<html_output> render_fast(std::string_view html, std::string_view base,
                                       bool build_html) {
    // fast_parser declines a fragment that gumbo_keeps_code_points(html, true) rejects: it
    // checks every byte it reads (text, attribute names and values, comments; the rest of a
    // tag is ASCII letters, digits, whitespace and punctuation).
    html_output out;
    html_sink sink(base, out, build_html);
    sink.reserve(html.size());
    fast_parser parser(html, sink, build_html);
    if (!parser.run()) {
        return std::nullopt;
    }
    if (parser.nfc_stable()) {
        out.html = sink.html();  // what set_nfc_outputs() would find in NFC already
        out.text = sink.text();
        return out;
    }
    set_nfc_outputs(out, sink.html(), sink.text(), build_html);
    return out;
}

/// The gumbo path of render(): html has a tag and is not too deep.
html_output render_gumbo(std::string_view html, std::string_view base, bool build_html) {
    html_output out;
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    std::unique_ptr<GumboOutput, gumbo_output_deleter> const parsed(
        gumbo_parse_with_options(&options, html.data(), html.size()));
    if (!parsed) {
        out.text = strip_tags(html);
        return out;
    }
    GumboNode const* body = find_body(parsed->root);
    if (body == nullptr) {
        return out;
    }
    html_sink sink(base, out, build_html);
    walker w(sink);
    GumboVector const& kids = body->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
        w.walk(static_cast<GumboNode const*>(kids.data[i]), 1, false);
    }
    set_nfc_outputs(out, sink.html(), sink.text(), build_html);
    return out;
}

/// Which parser render() may use once the steps before parsing are done.
enum class html_engine {
    any,    ///< the fast path, gumbo when it declines
    gumbo,  ///< gumbo only
    fast,   ///< the fast path only: nullopt when it declines
};

/// render_html(); with build_html false only the text (and no link warnings) is made.
std::optional<html_output> render(std::string_view html, std::string_view base, bool build_html,
                                  html_engine engine) {
    html_output out;
    std::string wrapped;
    if (!has_tag(html)) {
        if (gumbo_reads_verbatim(html)) {
            // Plain text (most summaries): no gumbo parse, the same result.
            text_builder text;
            std::string escaped;
            render_untagged(html, build_html, escaped, text);
            set_nfc_outputs(out, std::move(escaped), text.take(), build_html);
            return out;
        }
        wrapped = paragraphs_as_html(html);
        html = wrapped;
    }
    if (trim(html).empty()) {
        return out;
    }
    // rough_depth() counts start tags, two bytes at least ("<a"): a fragment of at most
    // 2 * max_parse_depth bytes cannot be deeper.
    if (html.size() > 2 * std::size_t{max_parse_depth} && rough_depth(html) > max_parse_depth) {
        out.text = strip_tags(html);
        out.html = "<p>" + escape_html(out.text) + "</p>";
        out.warnings.push_back("html nested too deep: reduced to text");
        return out;
    }
    if (engine != html_engine::gumbo) {
        if (std::optional<html_output> fast = render_fast(html, base, build_html)) {
            return fast;
        }
        if (engine == html_engine::fast) {
            return std::nullopt;
        }
    }
    return render_gumbo(html, base, build_html);
}

}  // namespace

std::string escape_html(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    append_escaped(out, s);
    return out;
}

html_output render_html(std::string_view html, std::string_view base) {
    return *render(html, base, true, html_engine::any);
}

std::string render_html_text(std::string_view html) {
    return render(html, {}, false, html_engine::any)->text;
}

html_output render_html_gumbo_for_test(std::string_view html, std::string_view base,
                                       bool build_html) {
    return *render(html, base, build_html, html_engine::gumbo);
}

std::optional<html_output> render_html_fast_for_test(std::string_view html, std::string_view base,
                                                     bool build_html) {
    return render(html, base, build_html, html_engine::fast);
}

html_output render_plain(std::string_view text) {
    html_output out;
    std::string paragraphs;
    std::size_t i = 0;
    std::string normalized;
    normalized.reserve(text.size());
    for (char const c : text) {
        if (c != '\r') {
            normalized += c;
        }
    }
    std::string_view rest(normalized);
    while (i < rest.size()) {
        std::size_t const end = rest.find("\n\n", i);
        std::string const para = collapse_space(
            rest.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
        if (!para.empty()) {
            if (!out.text.empty()) {
                out.text += "\n\n";
            }
            out.text += para;
            out.html += "<p>" + escape_html(para) + "</p>";
        }
        if (end == std::string_view::npos) {
            break;
        }
        i = end + 2;
    }
    out.text = nfc(std::move(out.text));
    out.html = nfc(std::move(out.html));
    return out;
}

std::string html_to_line(std::string_view html) {
    if (html.find_first_of("<&") == std::string_view::npos) {
        return nfc(collapse_space(html));
    }
    return collapse_space(render_html_text(html));
}

}  // namespace ingest::plugins::decoder_feed::detail
