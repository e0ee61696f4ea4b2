#include "html.hpp"

#include "text.hpp"
#include "urls.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>

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

allowed_tag const* find_allowed(GumboTag tag) {
    for (auto const& a : allowed_tags) {
        if (a.tag == tag) {
            return &a;
        }
    }
    return nullptr;
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

class text_builder {
public:
    void text(std::string_view s, bool preformatted) {
        std::size_t const n = s.size();
        std::size_t i = 0;
        while (i < n) {
            if (preformatted && s[i] == '\n') {
                flush();
                out_ += '\n';
                ++i;
                continue;
            }
            if (!preformatted) {
                if (std::size_t const w = space_width(s, i); w > 0) {
                    space_ = true;
                    i += w;
                    continue;
                }
            }
            // A run of characters kept as they are: to the next space (line feed in <pre>).
            std::size_t end = i + 1;
            while (end < n && (preformatted ? s[end] != '\n' : space_width(s, end) == 0)) {
                ++end;
            }
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

void append_escaped(std::string& out, std::string_view s) {
    std::size_t run = 0;  // s[run, i) is still to be appended as it is
    for (std::size_t i = 0; i < s.size(); ++i) {
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
            case '"':
                escaped = "&quot;";
                break;
            default:
                continue;
        }
        out.append(s, run, i - run);
        out += escaped;
        run = i + 1;
    }
    out.append(s, run, std::string_view::npos);
}

/// A list inside a list item: its items continue the outer list, line by line.
bool nested_list(GumboNode const* node) {
    GumboTag const tag = node->v.element.tag;
    if (tag != GUMBO_TAG_UL && tag != GUMBO_TAG_OL && tag != GUMBO_TAG_DL) {
        return false;
    }
    GumboNode const* parent = node->parent;
    return parent != nullptr && parent->type == GUMBO_NODE_ELEMENT &&
           (parent->v.element.tag == GUMBO_TAG_LI || parent->v.element.tag == GUMBO_TAG_DD);
}

class walker {
public:
    /// build_html false: only the text is built (no serialized HTML, no link resolution).
    walker(std::string_view base, html_output& out, bool build_html)
        : base_(base), out_(out), build_html_(build_html) {}

    void walk(GumboNode const* node, int depth, bool pre) {
        if (depth > max_walk_depth) {
            if (!deep_warned_) {
                out_.warnings.push_back("html nested deeper than " +
                                        std::to_string(max_walk_depth) + " levels cut");
                deep_warned_ = true;
            }
            return;
        }
        switch (node->type) {
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_WHITESPACE:
            case GUMBO_NODE_CDATA: {
                std::string_view const t = node->v.text.text;
                text_.text(t, pre);
                if (build_html_) {
                    append_escaped(html_, t);
                }
                return;
            }
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE:
                element(node, depth, pre);
                return;
            default:
                return;  // comments, the document node
        }
    }

    std::string html() { return std::move(html_); }
    std::string text() { return text_.take(); }

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
        int const brk = nested_list(node) ? 1 : break_of(tag);
        if (tag == GUMBO_TAG_BR) {
            text_.br();
        } else if (brk > 0) {
            text_.line_break(brk);
        }
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
            text_.cell();
        }
        bool const inner_pre = pre || tag == GUMBO_TAG_PRE;
        if (policy == tag_policy::unwrap) {
            children(node, depth, inner_pre);
            if (brk > 0) {
                text_.line_break(brk);
            }
            return;
        }
        char const* name = build_html_ ? gumbo_normalized_tagname(tag) : "";
        if (build_html_) {
            html_ += '<';
            html_ += name;
            attributes(node, *find_allowed(tag));
            html_ += '>';
        }
        if (is_void(tag)) {
            if (brk > 0 && tag != GUMBO_TAG_BR) {
                text_.line_break(brk);
            }
            return;
        }
        children(node, depth, inner_pre);
        if (build_html_) {
            html_ += "</";
            html_ += name;
            html_ += '>';
        }
        if (brk > 0) {
            text_.line_break(brk);
        }
    }

    void attributes(GumboNode const* node, allowed_tag const& allowed) {
        for (char const* attr : allowed.attributes) {
            if (attr == nullptr) {
                break;
            }
            GumboAttribute const* a = gumbo_get_attribute(&node->v.element.attributes, attr);
            if (a == nullptr) {
                continue;
            }
            std::string value = a->value;
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
            std::string name;
            for (std::size_t k = i + 1; k < s.size() && name.size() < 8; ++k) {
                char const n = s[k];
                if (!((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || (n >= '0' && n <= '9'))) {
                    break;
                }
                name += n;
            }
            name = ascii_lower(name);
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

/// True when gumbo reads s as exactly these characters: s has no markup ('<'), no
/// character reference ('&'), and none of the code points gumbo drops (NUL) or replaces by
/// U+FFFD (C0 controls but tab, LF, FF and CR; DEL and C1 controls; noncharacters;
/// ill-formed UTF-8).
bool gumbo_reads_verbatim(std::string_view s) noexcept {
    auto const* const b = reinterpret_cast<unsigned char const*>(s.data());
    std::size_t const n = s.size();
    for (std::size_t i = 0; i < n;) {
        unsigned char const c = b[i];
        if (c < 0x80) {
            if (c == '<' || c == '&' || c == 0x7F ||
                (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r')) {
                return false;
            }
            ++i;
            continue;
        }
        auto const cont = [&](std::size_t k) { return k < n && (b[k] & 0xC0) == 0x80; };
        if (c >= 0xC2 && c <= 0xDF) {
            if (!cont(i + 1) || (c == 0xC2 && b[i + 1] < 0xA0)) {
                return false;  // ill-formed, or a C1 control U+0080..U+009F
            }
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            if (!cont(i + 1) || !cont(i + 2) || (c == 0xE0 && b[i + 1] < 0xA0) ||
                (c == 0xED && b[i + 1] > 0x9F)) {
                return false;  // ill-formed, overlong or a surrogate
            }
            char32_t const cp = (char32_t{c} & 0x0F) << 12 | (char32_t{b[i + 1]} & 0x3F) << 6 |
                                (char32_t{b[i + 2]} & 0x3F);
            if ((cp >= 0xFDD0 && cp <= 0xFDEF) || cp >= 0xFFFE) {
                return false;  // noncharacters
            }
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3) || (c == 0xF0 && b[i + 1] < 0x90) ||
                (c == 0xF4 && b[i + 1] > 0x8F)) {
                return false;
            }
            char32_t const low = (char32_t{b[i + 2]} & 0x3F) << 6 | (char32_t{b[i + 3]} & 0x3F);
            if ((char32_t{b[i + 1]} & 0x0F) == 0x0F && low >= 0xFFE) {
                return false;  // U+xFFFE, U+xFFFF
            }
            i += 4;
        } else {
            return false;
        }
    }
    return true;
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

/// render_html(); with build_html false only the text (and no link warnings) is made.
html_output render(std::string_view html, std::string_view base, bool build_html) {
    html_output out;
    std::string wrapped;
    if (!has_tag(html)) {
        if (gumbo_reads_verbatim(html)) {
            // Plain text (most summaries): no gumbo parse, the same result.
            text_builder text;
            render_untagged(html, build_html, out.html, text);
            out.text = nfc(text.take());
            out.html = nfc(std::move(out.html));
            return out;
        }
        wrapped = paragraphs_as_html(html);
        html = wrapped;
    }
    if (trim(html).empty()) {
        return out;
    }
    if (rough_depth(html) > max_parse_depth) {
        out.text = strip_tags(html);
        out.html = "<p>" + escape_html(out.text) + "</p>";
        out.warnings.push_back("html nested too deep: reduced to text");
        return out;
    }
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
    walker w(base, out, build_html);
    GumboVector const& kids = body->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
        w.walk(static_cast<GumboNode const*>(kids.data[i]), 1, false);
    }
    out.html = w.html();
    out.text = nfc(w.text());
    out.html = nfc(std::move(out.html));
    return out;
}

}  // namespace

std::string escape_html(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    append_escaped(out, s);
    return out;
}

html_output render_html(std::string_view html, std::string_view base) {
    return render(html, base, true);
}

std::string render_html_text(std::string_view html) {
    return render(html, {}, false).text;
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
