// Unit tests of the feed decoder's building blocks: dates, charsets, entities, links, HTML.
#include "../detail/charset.hpp"
#include "../detail/dates.hpp"
#include "../detail/entities.hpp"
#include "../detail/html.hpp"
#include "../detail/model.hpp"
#include "../detail/text.hpp"
#include "../detail/urls.hpp"

#include <boost/url/parse.hpp>
#include <ingest/sdk/json.hpp>

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <set>
#include <string>

namespace {

namespace d = ingest::plugins::decoder_feed::detail;

std::string iso(std::string_view text) {
    auto const ms = d::parse_feed_date_ms(text);
    return ms ? ingest::sdk::format_rfc3339(*ms) : "unknown";
}

struct date_case {
    char const* text;
    char const* expected;
};

class feed_dates : public ::testing::TestWithParam<date_case> {};

TEST_P(feed_dates, parse_to_utc) {
    EXPECT_EQ(iso(GetParam().text), GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    rfc822_iso8601_and_broken, feed_dates,
    ::testing::Values(
        date_case{"Tue, 26 May 2020 10:00:00 +0200", "2020-05-26T08:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 GMT", "2020-05-26T10:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 UT", "2020-05-26T10:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 EST", "2020-05-26T15:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 EDT", "2020-05-26T14:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 CST", "2020-05-26T16:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 CDT", "2020-05-26T15:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 MST", "2020-05-26T17:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 MDT", "2020-05-26T16:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 PST", "2020-05-26T18:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 PDT", "2020-05-26T17:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 Z", "2020-05-26T10:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 A", "2020-05-26T10:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 -0000", "2020-05-26T10:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 +05:30", "2020-05-26T04:30:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 GMT+2", "2020-05-26T08:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00 +0200 (CEST)", "2020-05-26T08:00:00Z"},
        date_case{"26 May 20 10:00 +0200", "2020-05-26T08:00:00Z"},
        date_case{"26 May 99 10:00:00 GMT", "1999-05-26T10:00:00Z"},
        date_case{"Tue 26 May 2020 10:00:00 GMT", "2020-05-26T10:00:00Z"},
        date_case{"Tue,26 May 2020 10:00:00 GMT", "2020-05-26T10:00:00Z"},
        date_case{"Tuesday, 26 May 2020 10:00:00 GMT", "2020-05-26T10:00:00Z"},
        date_case{"tue, 26 MAY 2020 10:00:00 gmt", "2020-05-26T10:00:00Z"},
        date_case{"Tue, 26 May 2020", "2020-05-26T00:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00", "2020-05-26T10:00:00Z"},
        date_case{"Tue, 26 Sept 2020 10:00:00 GMT", "2020-09-26T10:00:00Z"},
        date_case{"Tue, 26 September 2020 10:00:00 GMT", "2020-09-26T10:00:00Z"},
        date_case{"May 26, 2020 10:00:00 GMT", "2020-05-26T10:00:00Z"},
        date_case{"26-May-2020 10:00:00 GMT", "2020-05-26T10:00:00Z"},
        date_case{"May 26, 2020 3:45 PM EDT", "2020-05-26T19:45:00Z"},
        date_case{"May 26, 2020 12:30 am", "2020-05-26T00:30:00Z"},
        date_case{"May 26, 2020 13:00 PM", "unknown"},
        date_case{"Tuesday, May 26, 2020 - 10:00", "2020-05-26T10:00:00Z"},
        date_case{"May 26, 2020 at 10:00 AM", "2020-05-26T10:00:00Z"},
        date_case{"Tue, 26 May 2020 10:00:00.250 GMT", "2020-05-26T10:00:00.250Z"},
        date_case{"2020-05-26T10:00:00+02:00", "2020-05-26T08:00:00Z"},
        date_case{"2020-05-26T10:00:00.123+02:00", "2020-05-26T08:00:00.123Z"},
        date_case{"2020-05-26T08:00:00Z", "2020-05-26T08:00:00Z"},
        date_case{"2020-05-26t08:00:00z", "2020-05-26T08:00:00Z"},
        date_case{"2020-05-26 10:00:00", "2020-05-26T10:00:00Z"},
        date_case{"2020-05-26T10:00+0200", "2020-05-26T08:00:00Z"},
        date_case{"2020-05-26T10:00:00 +0200", "2020-05-26T08:00:00Z"},
        date_case{"2020-05-26", "2020-05-26T00:00:00Z"},
        date_case{"2020-05", "2020-05-01T00:00:00Z"}, date_case{"2020", "2020-01-01T00:00:00Z"},
        date_case{"20200526T100000Z", "2020-05-26T10:00:00Z"},
        date_case{"2020/05/26 10:00:00", "2020-05-26T10:00:00Z"},
        date_case{"2016-02-29T00:00:00Z", "2016-02-29T00:00:00Z"},
        date_case{"2015-02-29T00:00:00Z", "unknown"}, date_case{"2020-13-01T00:00:00Z", "unknown"},
        date_case{"2020-05-26T25:00:00Z", "unknown"}, date_case{"0000-01-01T00:00:00Z", "unknown"},
        date_case{"99999-01-01T00:00:00Z", "unknown"},
        date_case{"Tue, 26 May 0 10:00:00 GMT", "unknown"},
        date_case{"Tue, 31 Feb 2020 10:00:00 GMT", "unknown"},
        date_case{"Tue, 26 Foo 2020 10:00:00 GMT", "unknown"},
        date_case{"Tue, 26 May 2020 10:00:00 XYZ", "unknown"}, date_case{"-86400", "unknown"},
        date_case{"1590480000", "unknown"}, date_case{"yesterday", "unknown"},
        date_case{"", "unknown"}, date_case{"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"}));

TEST(feed_dates, keep_the_raw_text_when_unparseable) {
    auto const ts = d::parse_feed_date("  not a date ");
    EXPECT_FALSE(ts.unix_ms);
    EXPECT_EQ(ts.raw, "not a date");
    EXPECT_TRUE(d::parse_feed_date("Tue, 26 May 2020 10:00:00 GMT").unix_ms);
}

TEST(feed_charset, reads_the_charset_parameter) {
    EXPECT_EQ(d::charset_parameter("text/xml; charset=ISO-8859-1"), "ISO-8859-1");
    EXPECT_EQ(d::charset_parameter("application/rss+xml;charset=\"utf-8\""), "utf-8");
    EXPECT_EQ(d::charset_parameter("application/rss+xml"), "");
}

TEST(feed_charset, folds_labels_the_whatwg_way) {
    EXPECT_EQ(d::normalize_charset("ISO-8859-1"), "windows-1252");
    EXPECT_EQ(d::normalize_charset("US-ASCII"), "windows-1252");
    EXPECT_EQ(d::normalize_charset("UTF8"), "utf-8");
    EXPECT_EQ(d::normalize_charset("KOI8-R"), "koi8-r");
    EXPECT_EQ(d::normalize_charset("gb2312"), "gbk");
}

TEST(feed_charset, reads_the_xml_declaration) {
    EXPECT_EQ(d::xml_declared_charset("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss/>"),
              "KOI8-R");
    EXPECT_EQ(d::xml_declared_charset("<?xml version='1.0' encoding='windows-1251' ?>"),
              "windows-1251");
    EXPECT_EQ(d::xml_declared_charset("<rss/>"), "");
    // Blank lines before the declaration do not hide it.
    EXPECT_EQ(
        d::xml_declared_charset("\r\n  <?xml version=\"1.0\" encoding=\"iso-8859-2\"?><rss/>"),
        "iso-8859-2");
}

TEST(feed_charset, bom_beats_http_beats_declaration_beats_detection) {
    std::string const latin = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>caf\xE9</a>";
    auto doc = d::to_utf8(latin, "", true);
    EXPECT_EQ(doc.encoding, "windows-1252");
    EXPECT_EQ(doc.source, "xml");
    EXPECT_NE(doc.text.find("caf\xC3\xA9"), std::string::npos);

    doc = d::to_utf8(latin, "koi8-r", true);
    EXPECT_EQ(doc.source, "http");
    EXPECT_EQ(doc.encoding, "koi8-r");

    doc = d::to_utf8("\xEF\xBB\xBF<a>caf\xC3\xA9</a>", "windows-1252", true);
    EXPECT_EQ(doc.source, "bom");
    EXPECT_EQ(doc.text, "<a>caf\xC3\xA9</a>");
}

TEST(feed_charset, converts_utf16_with_bom) {
    std::string const le("\xFF\xFE<\0a\0>\0\xE9\0<\0/\0a\0>\0", 18);
    auto const doc = d::to_utf8(le, "", true);
    EXPECT_EQ(doc.text, "<a>\xC3\xA9</a>");
    EXPECT_EQ(doc.encoding, "utf-16le");
}

TEST(feed_charset, windows1252_specials_and_undefined_bytes) {
    auto const doc = d::to_utf8("<a>\x80 \x93q\x94 \x81</a>", "windows-1252", true);
    EXPECT_EQ(doc.text, "<a>\xE2\x82\xAC \xE2\x80\x9Cq\xE2\x80\x9D \xEF\xBF\xBD</a>");
    EXPECT_EQ(doc.replaced, 1u);
}

TEST(feed_charset, unknown_declared_charset_falls_back_with_a_warning) {
    auto const doc =
        d::to_utf8("<?xml version=\"1.0\" encoding=\"x-unknown\"?><a>ok</a>", "", true);
    EXPECT_EQ(doc.encoding, "utf-8");
    ASSERT_FALSE(doc.warnings.empty());
    EXPECT_NE(doc.warnings[0].find("x-unknown"), std::string::npos);
}

TEST(feed_charset, repairs_or_detects_invalid_utf8) {
    auto const doc = d::to_utf8("<a>ok \xFF\xFE\xFD</a>", "utf-8", true);
    EXPECT_TRUE(d::is_valid_utf8(doc.text));
    EXPECT_FALSE(doc.warnings.empty());
}

TEST(feed_charset, declared_legacy_charset_over_utf8_bytes_reads_utf8) {
    // Generators and servers that default to iso-8859-1 for documents written in UTF-8.
    auto const doc =
        d::to_utf8("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>Gen\xC3\xA8ve</a>", "", true);
    EXPECT_EQ(doc.encoding, "utf-8");
    EXPECT_NE(doc.text.find("Gen\xC3\xA8ve"), std::string::npos);
    ASSERT_FALSE(doc.warnings.empty());
    EXPECT_NE(doc.warnings[0].find("but the bytes are utf-8"), std::string::npos);
    // Pure ASCII reads the same either way: the declaration stands.
    EXPECT_EQ(
        d::to_utf8("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>x</a>", "", true).encoding,
        "windows-1252");
}

TEST(feed_charset, shift_jis_and_euc_kr_read_as_their_windows_supersets) {
    // "~" and "\\" stay ASCII (glibc's SHIFT_JIS reads them as U+203E and U+00A5); 0x8740
    // is the NEC circled digit one of Windows-31J.
    EXPECT_EQ(d::to_utf8("<a>~\\ \x87\x40</a>", "Shift_JIS", true).text, "<a>~\\ \xE2\x91\xA0</a>");
    // 0x8C63 is a syllable of windows-949 (UHC) outside KS X 1001.
    EXPECT_EQ(d::to_utf8("<a>\x8C\x63</a>", "EUC-KR", true).text, "<a>\xEB\x98\xA0</a>");
}

TEST(feed_entities, numeric_references_read_the_html_way) {
    // C1 values are the Windows-1252 characters meant; NUL, surrogates, values past U+10FFFF
    // and C1 values Windows-1252 leaves undefined become U+FFFD; "&#X" is read as "&#x".
    auto const r = d::rewrite_html_entities(
        "<a>&#146;&#x93;&#0;&#xD800;&#1114112;&#X41;&#233;&#x81;&#12a;</a>");
    EXPECT_EQ(r.text, "<a>&#8217;&#8220;&#65533;&#65533;&#65533;&#65;&#233;&#65533;&#12a;</a>");
    EXPECT_EQ(r.original_offset(r.text.find("&#8220;")), std::string("<a>&#146;").size());
}

TEST(feed_entities, maps_html_names_and_keeps_unknown_ones) {
    auto const r = d::rewrite_html_entities("<a>x&nbsp;y&eacute;&amp;&foo;&#233;</a>");
    EXPECT_EQ(r.text, "<a>x&#160;y&#233;&amp;&foo;&#233;</a>");
    ASSERT_EQ(r.unknown.size(), 1u);
    EXPECT_EQ(*r.unknown.begin(), "foo");
}

TEST(feed_entities, leaves_cdata_and_comments_alone) {
    auto const r = d::rewrite_html_entities("<a><![CDATA[&nbsp;]]><!-- &eacute; --></a>");
    EXPECT_EQ(r.text, "<a><![CDATA[&nbsp;]]><!-- &eacute; --></a>");
}

TEST(feed_entities, maps_offsets_back_to_the_input) {
    auto const r = d::rewrite_html_entities("&nbsp;X");
    EXPECT_EQ(r.text, "&#160;X");
    EXPECT_EQ(r.text.find('X'), 6u);
    EXPECT_EQ(r.original_offset(6), 6u);
    auto const r2 = d::rewrite_html_entities("&mdash;X");
    EXPECT_EQ(r2.original_offset(r2.text.find('X')), 7u);
}

TEST(feed_entities, table_lookup) {
    EXPECT_EQ(d::lookup_html_entity("eacute")->first, U'\u00E9');
    EXPECT_EQ(d::lookup_html_entity("euro")->first, U'\u20AC');
    EXPECT_EQ(d::lookup_html_entity("hellip")->first, U'\u2026');
    EXPECT_FALSE(d::lookup_html_entity("amp"));
    EXPECT_FALSE(d::lookup_html_entity("nosuch"));
}

TEST(feed_entities, finds_entity_declarations_only_in_the_prolog) {
    EXPECT_TRUE(d::find_entity_declaration(
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>"));
    EXPECT_FALSE(d::find_entity_declaration(
        "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
        "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss/>"));
    EXPECT_FALSE(d::find_entity_declaration("<rss><![CDATA[<!ENTITY x \"y\">]]></rss>"));
    EXPECT_FALSE(d::find_entity_declaration("<!DOCTYPE r [<!-- <!ENTITY x 'y'> -->]><r/>"));
}

TEST(feed_urls, resolve_against_the_base) {
    EXPECT_EQ(d::resolve_link("https://example.org/news/feed.xml", "/a/b?c=1").url,
              "https://example.org/a/b?c=1");
    EXPECT_EQ(d::resolve_link("https://example.org/news/feed.xml", "item.html").url,
              "https://example.org/news/item.html");
    EXPECT_EQ(d::resolve_link("https://example.org/news/", "../x").url, "https://example.org/x");
    EXPECT_EQ(d::resolve_link("", "https://other.example/").url, "https://other.example/");
    EXPECT_EQ(d::resolve_link("https://example.org/", "a b.html").url,
              "https://example.org/a%20b.html");
}

TEST(feed_urls, drop_forbidden_schemes_with_a_warning) {
    for (char const* bad : {"javascript:alert(1)", "JavaScript:alert(1)", " java\tscript:x",
                            "data:text/html;base64,AAAA", "file:///etc/passwd", "vbscript:x"}) {
        auto const r = d::resolve_link("https://example.org/", bad);
        EXPECT_EQ(r.url, "") << bad;
        EXPECT_NE(r.warning.find("link dropped"), std::string::npos) << bad;
    }
    EXPECT_EQ(d::resolve_base("https://example.org/", "file:///x/"), "https://example.org/");
}

TEST(feed_html, sanitizes_and_extracts_text) {
    auto const out = d::render_html(
        "<p onclick=\"x()\">Hello <b>world</b> <a href=\"/more\" style=\"x\">more</a></p>"
        "<script>alert(1)</script><style>p{}</style><ul><li>one</li><li>two</li></ul>"
        "<p>Last&nbsp;one</p>",
        "https://example.org/news/");
    EXPECT_EQ(out.html,
              "<p>Hello <b>world</b> <a href=\"https://example.org/more\">more</a></p>"
              "<ul><li>one</li><li>two</li></ul><p>Last\xC2\xA0one</p>");
    EXPECT_EQ(out.text, "Hello world more\n\none\ntwo\n\nLast one");
}

TEST(feed_html, drops_dangerous_links_and_unwraps_unknown_tags) {
    auto const out = d::render_html(
        "<div><font color=red>Red</font> <a href=\"javascript:evil()\">x</a>"
        "<img src=\"data:image/png;base64,AA\" alt=\"a\"><iframe src=\"https://e/\">f</iframe>"
        "</div>",
        "https://example.org/");
    EXPECT_EQ(out.html, "<div>Red <a>x</a><img alt=\"a\"></div>");
    EXPECT_EQ(out.text, "Red x");
    EXPECT_FALSE(out.warnings.empty());
}

TEST(feed_html, text_without_tags_is_read_as_paragraphs) {
    auto const out = d::render_html("First line\nsecond line\n\nSecond &amp; last", "");
    EXPECT_EQ(out.html, "<p>First line<br>second line</p><p>Second &amp; last</p>");
    EXPECT_EQ(out.text, "First line\nsecond line\n\nSecond & last");
}

TEST(feed_html, plain_text_is_escaped) {
    auto const out = d::render_plain("a < b\n\n  c & d  ");
    EXPECT_EQ(out.html, "<p>a &lt; b</p><p>c &amp; d</p>");
    EXPECT_EQ(out.text, "a < b\n\nc & d");
}

TEST(feed_html, deep_nesting_is_reduced_to_text) {
    std::string deep;
    for (int i = 0; i < 5000; ++i) {
        deep += "<div>";
    }
    deep += "deep";
    auto const out = d::render_html(deep, "");
    EXPECT_EQ(out.text, "deep");
    EXPECT_FALSE(out.warnings.empty());
}

TEST(feed_html, nested_lists_continue_line_by_line) {
    auto const out =
        d::render_html("<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul><p>e</p>", "");
    EXPECT_EQ(out.text, "a\nb\nc\nd\n\ne");
}

TEST(feed_html, two_line_breaks_in_a_row_are_a_paragraph_break) {
    EXPECT_EQ(d::render_html("a<br>b<br><br>c<br/> <br/>d<br>", "").text, "a\nb\n\nc\n\nd");
}

TEST(feed_html, titles_become_one_line) {
    EXPECT_EQ(d::html_to_line("  <b>Big</b>\n news &amp; more "), "Big news & more");
    EXPECT_EQ(d::html_to_line("AT&T"), "AT&T");
    EXPECT_EQ(d::html_to_line("plain  title"), "plain title");
}

TEST(feed_text, helpers) {
    std::string s = "caf\xC3\xA9";
    EXPECT_TRUE(d::truncate_utf8(s, 4));
    EXPECT_EQ(s, "caf");
    EXPECT_EQ(d::collapse_space(" a \n\t b\xC2\xA0 c "), "a b c");
    EXPECT_EQ(d::nfc("e\xCC\x81"), "\xC3\xA9");
    EXPECT_EQ(d::nfc("\xE1\x84\x80\xE1\x85\xA1"), "\xEA\xB0\x80");              // jamo -> U+AC00
    EXPECT_EQ(d::nfc("\xE2\x84\xA6"), "\xCE\xA9");                              // Ohm sign -> Omega
    EXPECT_EQ(d::nfc("caf\xC3\xA9 \xE6\x97\xA5"), "caf\xC3\xA9 \xE6\x97\xA5");  // already NFC
    std::size_t n = 0;
    EXPECT_EQ(d::repair_utf8("a\xC0\xAF", n), "a\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(n, 2u);
}

// Text already in NFC, precomposed letters included, passes the quick check and comes back
// byte for byte: it never takes utf8proc's full normalization pass.
TEST(feed_text, nfc_quick_check_accepts_nfc_text_in_many_scripts) {
    char const* const already_nfc[] = {
        "plain ASCII, nothing to do",
        // Amélie Côté, à l'été – « déjà vu »
        "Am\xC3\xA9lie C\xC3\xB4t\xC3\xA9, \xC3\xA0 l'\xC3\xA9t\xC3\xA9 \xE2\x80\x93 "
        "\xC2\xAB d\xC3\xA9j\xC3\xA0 vu \xC2\xBB",
        // Йошкар-Ола, ёлка
        "\xD0\x99\xD0\xBE\xD1\x88\xD0\xBA\xD0\xB0\xD1\x80-\xD0\x9E\xD0\xBB\xD0\xB0, "
        "\xD1\x91\xD0\xBB\xD0\xBA\xD0\xB0",
        // がぎぐ パピプ 日本語、ヴ
        "\xE3\x81\x8C\xE3\x81\x8E\xE3\x81\x90 \xE3\x83\x91\xE3\x83\x94\xE3\x83\x97 "
        "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x80\x81\xE3\x83\xB4",
        // Tiếng Việt: ễ ậ ữ
        "Ti\xE1\xBA\xBFng Vi\xE1\xBB\x87t: \xE1\xBB\x85 \xE1\xBA\xAD \xE1\xBB\xAF",
        // 한국어 각
        "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 \xEA\xB0\x81",
        // Ελληνικά: ά ΐ
        "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xB7\xCE\xBD\xCE\xB9\xCE\xBA\xCE\xAC: \xCE\xAC \xCE\x90",
        // Größe, übermäßig
        "Gr\xC3\xB6\xC3\x9F"
        "e, \xC3\xBC"
        "berm\xC3\xA4\xC3\x9Fig",
        // مَرْحَبًا (Arabic with harakat)
        "\xD9\x85\xD9\x8E\xD8\xB1\xD9\x92\xD8\xAD\xD9\x8E\xD8\xA8\xD9\x8B\xD8\xA7",
        // שָׁלוֹם (Hebrew with points)
        "\xD7\xA9\xD6\xB8\xD7\x81\xD7\x9C\xD7\x95\xD6\xB9\xD7\x9D",
        // हिन्दी
        "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5\x80",
    };
    for (char const* text : already_nfc) {
        EXPECT_TRUE(d::is_nfc(text)) << text;
        EXPECT_EQ(d::nfc(text), text);
    }
}

struct nfc_case {
    char const* text;
    char const* expected;
    char const* what;
};

class feed_nfc : public ::testing::TestWithParam<nfc_case> {};

TEST_P(feed_nfc, normalizes_text_not_in_nfc) {
    EXPECT_FALSE(d::is_nfc(GetParam().text)) << GetParam().what;
    EXPECT_EQ(d::nfc(GetParam().text), GetParam().expected) << GetParam().what;
}

INSTANTIATE_TEST_SUITE_P(
    marks_jamo_singletons_exclusions, feed_nfc,
    ::testing::Values(
        nfc_case{"e\xCC\x81", "\xC3\xA9", "e + U+0301"},
        nfc_case{"\xD0\x98\xCC\x86", "\xD0\x99", "U+0418 + U+0306"},
        nfc_case{"\xE3\x81\x8B\xE3\x82\x99", "\xE3\x81\x8C", "U+304B + U+3099"},
        nfc_case{"e\xCC\x82\xCC\x83", "\xE1\xBB\x85", "e + U+0302 + U+0303"},
        nfc_case{"\xE0\xAD\x87\xE0\xAC\xBE", "\xE0\xAD\x8B", "U+0B47 + U+0B3E (a starter second)"},
        nfc_case{"a\xCC\x81\xCC\xA3", "\xE1\xBA\xA1\xCC\x81", "marks out of canonical order"},
        nfc_case{"\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80", "Hangul L + V jamo"},
        nfc_case{"\xEA\xB0\x80\xE1\x86\xA8", "\xEA\xB0\x81", "Hangul LV syllable + T jamo"},
        nfc_case{"\xE2\x84\xAB", "\xC3\x85", "U+212B ANGSTROM SIGN (singleton)"},
        nfc_case{"\xE2\x84\xA6", "\xCE\xA9", "U+2126 OHM SIGN (singleton)"},
        nfc_case{"\xE0\xA5\x98", "\xE0\xA4\x95\xE0\xA4\xBC", "U+0958 (composition exclusion)"},
        nfc_case{"\xEF\xAC\x9D", "\xD7\x99\xD6\xB4", "U+FB1D (composition exclusion)"},
        nfc_case{"\xE0\xBD\x83", "\xE0\xBD\x82\xE0\xBE\xB7", "U+0F43 (composition exclusion)"},
        nfc_case{"\xEF\xA4\x80", "\xE8\xB1\x88", "U+F900 (CJK compatibility ideograph)"},
        nfc_case{"\xF0\xAF\xA0\x80", "\xE4\xB8\xBD", "U+2F800 (CJK compatibility ideograph)"},
        nfc_case{"\xCD\x84", "\xCC\x88\xCC\x81", "U+0344 (non-starter decomposition)"},
        nfc_case{"Caf\xC3\xA9 cre\xCC\x80me \xE2\x84\xABngstr\xC3\xB6m",
                 "Caf\xC3\xA9 cr\xC3\xA8me \xC3\x85ngstr\xC3\xB6m",
                 "NFC and not NFC in one text"}));

TEST(feed_text, nfc_leaves_ill_formed_utf8_alone) {
    EXPECT_FALSE(d::is_nfc("a\xC0\xAF"));
    EXPECT_EQ(d::nfc("a\xC0\xAF"), "a\xC0\xAF");
}

// Text without tags or references is rendered without a gumbo parse; the result is the one
// gumbo gives for the same paragraphs.
TEST(feed_html, plain_text_renders_as_gumbo_reads_it) {
    std::string const text =
        "  Quote \"A\" > B\r\n\r\nline one\nline\xC2\xA0two  \r\n\n\n  third\tpara  ";
    auto const out = d::render_html(text, "");
    EXPECT_EQ(out.html,
              "<p>Quote &quot;A&quot; &gt; B</p><p>line one<br>line\xC2\xA0two</p>"
              "<p>third\tpara</p>");
    EXPECT_EQ(out.text, "Quote \"A\" > B\n\nline one\nline two\n\nthird para");
    EXPECT_TRUE(out.warnings.empty());
    EXPECT_EQ(d::render_html_text(text), out.text);
    // A control character is replaced by gumbo: such text still goes through it.
    auto const control = d::render_html(
        "a\x01"
        "b\n\nc",
        "");
    EXPECT_EQ(control.html,
              "<p>a\xEF\xBF\xBD"
              "b</p><p>c</p>");
    EXPECT_EQ(control.text,
              "a\xEF\xBF\xBD"
              "b\n\nc");
}

TEST(feed_html, text_only_rendering_matches_the_text_of_the_full_one) {
    std::string const html =
        "<p>One <a href=\"javascript:x()\">link</a></p><ul><li>a</li><li>b</li></ul>"
        "<pre>x\n  y</pre>t&eacute;&amp;";
    EXPECT_EQ(d::render_html_text(html), d::render_html(html, "https://example.org/").text);
}

TEST(feed_html, no_break_space_in_pre_stays_well_formed) {
    auto const out = d::render_html(
        "<pre>a\xC2\xA0"
        "b</pre>",
        "");
    EXPECT_EQ(out.text,
              "a\xC2\xA0"
              "b");
    EXPECT_TRUE(d::is_valid_utf8(out.text));
}

// The quick check that lets an absolute http(s) link skip Boost.URL: whatever it accepts,
// the full parser accepts too (so resolve_link gives the link itself either way), on
// links built from the characters that matter around each rule.
TEST(feed_links, a_plain_http_url_is_one_the_full_parser_accepts) {
    EXPECT_TRUE(
        d::is_plain_http_url("https://example.org/news/2026/a-b_c~d.html?x=1&y=%C3%A9#top"));
    EXPECT_TRUE(d::is_plain_http_url("http://example.org:8080"));
    EXPECT_FALSE(d::is_plain_http_url("https://user@example.org/"));
    EXPECT_FALSE(d::is_plain_http_url("https://[::1]/"));
    EXPECT_FALSE(d::is_plain_http_url("https://example.org/%zz"));
    EXPECT_FALSE(d::is_plain_http_url("https://example.org/a#b#c"));
    EXPECT_FALSE(d::is_plain_http_url("HTTPS://example.org/"));
    EXPECT_FALSE(d::is_plain_http_url("/relative"));
    std::mt19937 rng(7);
    std::string_view const alphabet = "aZ09-._~!$&'()*+,;=:@/?#%[]\\\"<> {}|^`\x7F\xC3\xA9";
    std::vector<std::string> const heads = {"http://",     "https://",     "https://example.org",
                                            "http://a:80", "https://x.y/", "http:/"};
    std::size_t accepted = 0;
    for (int n = 0; n < 200000; ++n) {
        std::string url = heads[rng() % heads.size()];
        std::size_t const length = rng() % 12;
        for (std::size_t k = 0; k < length; ++k) {
            url += alphabet[rng() % alphabet.size()];
        }
        if (d::is_plain_http_url(url)) {
            ++accepted;
            ASSERT_TRUE(boost::urls::parse_uri_reference(url).has_value()) << url;
            ASSERT_EQ(d::resolve_link("https://base.example/dir/", url).url, url);
        }
    }
    EXPECT_GT(accepted, 1000u);
}

TEST(feed_entities, references_are_found_at_every_offset_of_a_block) {
    for (std::size_t before = 0; before <= 40; ++before) {
        for (std::size_t after : {std::size_t{0}, std::size_t{1}, std::size_t{17}}) {
            std::string const a(before, 'a');
            std::string const b(after, 'b');
            EXPECT_EQ(d::rewrite_html_entities(a + "&eacute;" + b).text, a + "&#233;" + b);
            EXPECT_EQ(d::rewrite_html_entities(a + "<x>&hellip;</x>" + b).text,
                      a + "<x>&#8230;</x>" + b);
            EXPECT_TRUE(d::rewrite_html_entities_if_needed(a + "&amp;<![CDATA[&eacute;]]>" + b)
                            .shifts.empty());
        }
    }
}

TEST(feed_entities, rewrite_if_needed_copies_nothing_when_nothing_changes) {
    std::string const unchanged = "<a>x &amp; y<![CDATA[&nbsp;]]> &foo;</a>";
    auto const r = d::rewrite_html_entities_if_needed(unchanged);
    EXPECT_TRUE(r.shifts.empty());
    EXPECT_TRUE(r.text.empty());
    EXPECT_EQ(r.unknown, std::set<std::string>{"foo"});

    std::string const changed = "<a>x&nbsp;y&eacute;&amp;&foo;&#146;</a>";
    auto const copy = d::rewrite_html_entities(changed);
    auto const if_needed = d::rewrite_html_entities_if_needed(changed);
    EXPECT_EQ(if_needed.text, copy.text);
    EXPECT_EQ(if_needed.shifts, copy.shifts);
    EXPECT_EQ(if_needed.unknown, copy.unknown);
}

TEST(feed_document_text, a_rewrite_goes_over_the_hosts_bytes_when_it_fits_else_it_is_owned) {
    std::string host = "<a>&eacute;</a>";
    d::document_text text(host.data(), host.size());
    EXPECT_TRUE(text.borrowed());
    text.assign("<a>&#233;</a>");  // shorter: written over the payload
    EXPECT_TRUE(text.borrowed());
    EXPECT_EQ(text.data(), host.data());
    EXPECT_EQ(text.view(), "<a>&#233;</a>");
    EXPECT_EQ(host.substr(0, text.size()), "<a>&#233;</a>");
    text.assign("<a>&#174;&#174;&#174;</a>");  // longer than the payload: a copy of its own
    EXPECT_FALSE(text.borrowed());
    EXPECT_NE(text.data(), host.data());
    EXPECT_EQ(text.view(), "<a>&#174;&#174;&#174;</a>");
    EXPECT_EQ(host.substr(0, 13), "<a>&#233;</a>");

    d::document_text owned(std::string("<b/>"));
    EXPECT_FALSE(owned.borrowed());
    EXPECT_EQ(owned.view(), "<b/>");
}

// The word-at-a-time masks against a byte-by-byte reading, every byte value at every
// position of the word, next to bytes that would carry or borrow (0x00, 0x01, 0x7F, 0x80,
// 0xFF) in a plain subtraction test.
#if INGEST_FEED_BLOCK16
// The sixteen-byte block masks against a byte-by-byte reading: every byte value at every
// position of a block, among fillers on both sides of each bound.
TEST(feed_text, block_masks_mark_exactly_the_matching_bytes) {
    for (unsigned char const filler : {0x00, 0x01, 0x20, 0x7F, 0x80, 0xC2, 0xFF}) {
        for (std::size_t pos = 0; pos < 16; ++pos) {
            for (unsigned value = 0; value < 256; ++value) {
                std::string bytes(16, static_cast<char>(filler));
                bytes[pos] = static_cast<char>(value);
                auto const block = d::block16::load(bytes.data());
                auto check = [&](unsigned mask, auto&& matches, char const* what) {
                    std::size_t first = 16;
                    for (std::size_t k = 0; k < 16; ++k) {
                        bool const m = matches(static_cast<unsigned char>(bytes[k]));
                        first = m && first == 16 ? k : first;
                        ASSERT_EQ(((mask >> k) & 1u) != 0, m)
                            << what << " " << pos << " " << value << " " << k;
                    }
                    ASSERT_EQ(mask >> 16, 0u);
                    if (first < 16) {
                        ASSERT_EQ(d::first_marked_in_block(mask), first);
                    }
                };
                for (unsigned char const target : {0x00, 0x20, 0x26, 0x3C, 0x7F, 0xC2, 0xFF}) {
                    check(
                        block.equal(target), [&](unsigned char c) { return c == target; }, "equal");
                }
                for (unsigned char const bound : {0x01, 0x20, 0x21, 0x7F, 0x80, 0xFF}) {
                    check(
                        block.below(bound), [&](unsigned char c) { return c < bound; }, "below");
                }
                check(
                    block.high(), [](unsigned char c) { return c >= 0x80; }, "high");
            }
        }
    }
}
#endif

TEST(feed_text, word_masks_mark_exactly_the_matching_bytes) {
    std::uint64_t byte_at[8];  // the bits of input byte k in a word
    for (std::size_t k = 0; k < 8; ++k) {
        std::string only(8, '\x00');
        only[k] = '\xFF';
        byte_at[k] = d::load_word(only.data());
    }
    for (unsigned char const filler : {0x00, 0x01, 0x20, 0x7F, 0x80, 0xC2, 0xFF}) {
        for (std::size_t pos = 0; pos < 8; ++pos) {
            for (unsigned value = 0; value < 256; ++value) {
                std::string bytes(8, static_cast<char>(filler));
                bytes[pos] = static_cast<char>(value);
                std::uint64_t const word = d::load_word(bytes.data());
                for (unsigned char const target : {0x00, 0x20, 0x26, 0x3C, 0x7F, 0xC2, 0xFF}) {
                    std::uint64_t const equal = d::bytes_equal_mask(word, target);
                    std::size_t first = 8;
                    for (std::size_t k = 0; k < 8; ++k) {
                        bool const matches = static_cast<unsigned char>(bytes[k]) == target;
                        first = matches && first == 8 ? k : first;
                        bool const marked = (equal & byte_at[k]) != 0;
                        EXPECT_EQ(marked, matches) << pos << " " << value << " " << k;
                    }
                    if (first < 8) {
                        EXPECT_EQ(d::first_marked_byte(equal), first);
                    } else {
                        EXPECT_EQ(equal, 0u);
                    }
                }
                for (unsigned char const bound : {0x01, 0x20, 0x21, 0x7F, 0x80}) {
                    std::uint64_t const below = d::bytes_below_mask(word, bound);
                    for (std::size_t k = 0; k < 8; ++k) {
                        bool const marked = (below & byte_at[k]) != 0;
                        EXPECT_EQ(marked, static_cast<unsigned char>(bytes[k]) < bound)
                            << pos << " " << value << " " << k;
                    }
                }
            }
        }
    }
}

TEST(feed_text, skip_cyrillic_letters_reads_whole_words_of_letters_only) {
    std::string const letters = "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82";  // Привет
    EXPECT_EQ(d::skip_cyrillic_letters("", 0), 0u);
    EXPECT_EQ(d::skip_cyrillic_letters(letters.substr(0, 6), 0), 0u);  // under eight bytes
    EXPECT_EQ(d::skip_cyrillic_letters(letters.substr(0, 8), 0), 8u);  // ends at the word
    EXPECT_EQ(d::skip_cyrillic_letters(letters, 0), 8u);
    EXPECT_EQ(d::skip_cyrillic_letters(letters + letters, 0), 24u);
    EXPECT_EQ(d::skip_cyrillic_letters(letters + letters, 4), 20u);
    // A letter split across the word: from its continuation byte nothing is skipped.
    EXPECT_EQ(d::skip_cyrillic_letters(letters + letters, 1), 1u);
    EXPECT_EQ(d::skip_cyrillic_letters("a" + letters, 0), 0u);
    EXPECT_EQ(d::skip_cyrillic_letters(letters.substr(0, 6) + " " + letters, 0), 0u);
    // U+0483 (a combining mark, lead 0xD2), an ASCII byte in the continuation place, and
    // a lead byte without continuation stop the word they are in.
    EXPECT_EQ(d::skip_cyrillic_letters(letters.substr(0, 8) + "\xD2\x83" + letters, 0), 8u);
    EXPECT_EQ(d::skip_cyrillic_letters("\xD0\x9F\xD1"
                                       "a\xD0\xB8\xD0\xB2",
                                       0),
              0u);
    EXPECT_EQ(d::skip_cyrillic_letters("\xD0\x9F\xD1\xD0\xB8\xD0\xB2\xD0", 0), 0u);
    // Every code point it accepts passes the NFC quick check as a starter.
    for (char32_t cp = 0x400; cp < 0x480; ++cp) {
        std::string s;
        for (int k = 0; k < 4; ++k) {
            d::append_utf8(s, cp);
        }
        ASSERT_EQ(d::skip_cyrillic_letters(s, 0), 8u) << std::hex << static_cast<std::uint32_t>(cp);
        bool starters_only = false;
        EXPECT_TRUE(d::is_nfc(s, starters_only)) << std::hex << static_cast<std::uint32_t>(cp);
        EXPECT_TRUE(starters_only) << std::hex << static_cast<std::uint32_t>(cp);
    }
}

std::string utf8proc_nfc(std::string const& s) {
    utf8proc_uint8_t* const out =
        utf8proc_NFC(reinterpret_cast<utf8proc_uint8_t const*>(s.c_str()));
    std::string result = out != nullptr ? reinterpret_cast<char const*>(out) : "<error>";
    std::free(out);
    return result;
}

// The quick check on every code point, alone and after a letter and a combining mark: what
// it accepts, full normalization leaves as it is, and starters_only is only said of text
// without combining marks.
TEST(feed_text, nfc_quick_check_agrees_with_normalization_on_every_code_point) {
    std::size_t accepted = 0;
    for (char32_t cp = 1; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            continue;
        }
        std::string alone;
        d::append_utf8(alone, cp);
        int const ccc = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class;
        for (std::string const& s : {alone, "a" + alone, "a\xD6\xB4" + alone, alone + "a"}) {
            bool starters_only = false;
            if (!d::is_nfc(s, starters_only)) {
                continue;
            }
            ++accepted;
            ASSERT_EQ(utf8proc_nfc(s), s) << std::hex << static_cast<std::uint32_t>(cp);
            if (starters_only) {
                ASSERT_EQ(ccc, 0) << std::hex << static_cast<std::uint32_t>(cp);
            }
        }
    }
    EXPECT_GT(accepted, 3000000u);  // nearly every code point in every context
}

// Runs of text cut at every offset around the eight-byte words the scanners read: the
// renderings (fast path, plain-text path) equal gumbo's.
TEST(feed_html, scanners_give_gumbo_results_at_every_word_offset) {
    std::size_t fast = 0;  // fragments the fast path read
    char const* const specials[] = {" ",
                                    "  ",
                                    "\n",
                                    "\t",
                                    "\r\n",
                                    "\xC2\xA0",
                                    "\xC2\xAB",
                                    "&amp;",
                                    "&",
                                    "\"",
                                    ">",
                                    "<b>x</b>",
                                    "\xD0\x9F\xD1\x80",
                                    "\xD2\x83",
                                    "\xC2\x85",
                                    "\x7F",
                                    "\x01",
                                    "\xEF\xB7\x90",
                                    "\xEF\xBF\xBE",
                                    "\xE6\x97\xA5",
                                    "\xCC\x81",
                                    "\xF0\x9F\x98\x80",
                                    "\xC3",
                                    "\xE6\x97"};
    for (char const* special : specials) {
        for (std::size_t before = 0; before <= 33; ++before) {
            for (std::size_t after : {std::size_t{0}, std::size_t{1}, std::size_t{9}}) {
                std::string const text =
                    std::string(before, 'a') + special + std::string(after, 'b');
                for (std::string const& html :
                     {text, "<p>" + text + "</p>", "<pre>" + text + "</pre>",
                      "<p title=\"" + text + "\">" + text + "</p>"}) {
                    fast += d::render_html_fast_for_test(html, "", true) ? 1 : 0;
                    auto const gumbo = d::render_html_gumbo_for_test(html, "", true);
                    auto const rendered = d::render_html(html, "");
                    EXPECT_EQ(rendered.html, gumbo.html) << html;
                    EXPECT_EQ(rendered.text, gumbo.text) << html;
                    EXPECT_EQ(d::render_html_text(html),
                              d::render_html_gumbo_for_test(html, "", false).text)
                        << html;
                }
            }
        }
    }
    EXPECT_GT(fast, 2000u);
}

// The fast path checks the code points of every part of a fragment as it reads it: one that
// gumbo drops or replaces, in text, an attribute name or value or a comment, declines it.
TEST(feed_html, fast_path_declines_code_points_gumbo_changes_in_every_part) {
    std::string const templates[] = {
        "<p>a@b</p>",       "<p title=\"@\">x</p>", "<p title='a@'>x</p>",  "<p title=a@b>x</p>",
        "<p da@ta=1>x</p>", "<p data-@>x</p>",      "<!-- @ --><p>x</p>",   "<p>x</p><!--@-->",
        "<p>x&amp;@</p>",   "<p>\n@\r\n</p>",       "<a href=\"/@\">x</a>", "<p>x</p>@",
    };
    std::string const bad[] = {std::string(1, '\0'),
                               "\x01",
                               "\x1F",
                               "\x7F",
                               "\xC2\x80",
                               "\xC2\x9F",
                               "\xEF\xB7\x90",
                               "\xEF\xBF\xBF",
                               "\xF4\x8F\xBF\xBE",
                               "\xFF",
                               "\xED\xA0\x80",
                               "\xE6\x97",
                               "\xC0\xAF"};
    for (std::string const& t : templates) {
        std::size_t const at = t.find('@');
        std::string good = t;
        good.replace(at, 1, "\xC3\xA9\xD0\x99\xE6\x97\xA5\t");
        EXPECT_TRUE(d::render_html_fast_for_test(good, "", true)) << good;
        for (std::string const& b : bad) {
            std::string html = t;
            html.replace(at, 1, b);
            EXPECT_FALSE(d::render_html_fast_for_test(html, "", true)) << html;
            EXPECT_FALSE(d::render_html_fast_for_test(html, "", false)) << html;
            auto const gumbo = d::render_html_gumbo_for_test(html, "", true);
            auto const rendered = d::render_html(html, "");
            EXPECT_EQ(rendered.html, gumbo.html) << html;
            EXPECT_EQ(rendered.text, gumbo.text) << html;
        }
    }
}

}  // namespace
