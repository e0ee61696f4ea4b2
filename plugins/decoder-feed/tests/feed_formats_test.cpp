// The feed formats mapped to releases: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1.
#include "feed_test_util.hpp"

#include <gtest/gtest.h>

namespace {

using feed_test::atom;
using feed_test::parse;
using feed_test::rss;

TEST(feed_rss2, maps_every_field) {
    auto const f = parse(rss(R"(<item>
  <title>Release &amp; more</title>
  <link>/news/1</link>
  <guid isPermaLink="false">urn:x:1</guid>
  <description>Short &lt;b&gt;teaser&lt;/b&gt;</description>
  <content:encoded><![CDATA[<p>Body one</p><p>Body <a href="two.html">two</a></p><script>x</script>]]></content:encoded>
  <pubDate>Tue, 26 May 2020 10:00:00 +0200</pubDate>
  <dc:date>2020-05-27T00:00:00Z</dc:date>
  <author>press@example.org (Press Office)</author>
  <dc:creator>Jane Doe</dc:creator>
  <category>mexico</category><category domain="x">migration</category>
  <enclosure url="/files/r.pdf" length="1234" type="application/pdf"/>
  <media:content url="https://cdn.example.org/p.jpg" type="image/jpeg" fileSize="99"><media:title>Photo</media:title></media:content>
</item>)",
                             "<language>en-us</language><description>News of X</description>"
                             "<lastBuildDate>Tue, 26 May 2020 12:00:00 GMT</lastBuildDate>"
                             "<generator>CMS 1</generator>"));
    EXPECT_EQ(f.feed.format, "rss-2.0");
    EXPECT_EQ(f.feed.title, "T");
    EXPECT_EQ(f.feed.link, "https://example.org/");
    EXPECT_EQ(f.feed.subtitle, "News of X");
    EXPECT_EQ(f.feed.language, "en-us");
    EXPECT_EQ(f.feed.updated, "2020-05-26T12:00:00Z");
    EXPECT_EQ(f.feed.generator, "CMS 1");
    ASSERT_EQ(f.releases.size(), 1u);
    auto const& r = f.releases[0];
    EXPECT_EQ(r.title, "Release & more");
    EXPECT_EQ(r.native_id, "urn:x:1");
    EXPECT_EQ(r.link, "https://example.org/news/1");
    EXPECT_EQ(r.summary, "Short teaser");
    EXPECT_EQ(r.body_html,
              "<p>Body one</p><p>Body <a href=\"https://example.org/news/two.html\">two</a></p>");
    EXPECT_EQ(r.body_text, "Body one\n\nBody two");
    EXPECT_EQ(r.published.raw, "Tue, 26 May 2020 10:00:00 +0200");
    EXPECT_EQ(*r.published.unix_ms, 1590480000000);
    EXPECT_EQ(r.authors, (std::vector<std::string>{"Press Office", "Jane Doe"}));
    EXPECT_EQ(r.tags, (std::vector<std::string>{"mexico", "migration"}));
    ASSERT_EQ(r.attachments.size(), 2u);
    EXPECT_EQ(r.attachments[0].uri, "https://example.org/files/r.pdf");
    EXPECT_EQ(r.attachments[0].name, "r.pdf");
    EXPECT_EQ(r.attachments[0].size, 1234u);
    EXPECT_EQ(r.attachments[0].media_type, "application/pdf");
    EXPECT_EQ(r.attachments[1].name, "Photo");
    EXPECT_EQ(r.attachments[1].size, 99u);
    EXPECT_EQ(r.language, "en-us");
    EXPECT_EQ(r.source.title, "T");
    EXPECT_EQ(r.extensions.at("feed_title"), "T");
    EXPECT_EQ(r.extensions.at("feed_link"), "https://example.org/");
    EXPECT_EQ(r.extensions.at("feed_subtitle"), "News of X");
    EXPECT_EQ(r.extensions.at("feed_language"), "en-us");
    EXPECT_EQ(r.extensions.at("feed_updated"), "2020-05-26T12:00:00Z");
    EXPECT_EQ(r.extensions.at("feed_generator"), "CMS 1");
    EXPECT_EQ(r.extensions.at("feed_format"), "rss-2.0");
    EXPECT_EQ(r.extensions.count("warnings"), 0u);
}

TEST(feed_rss2, description_only_becomes_the_body_and_the_summary_its_first_paragraph) {
    auto const f =
        parse(rss("<item><title>x</title><description>&lt;p&gt;One&lt;/p&gt;&lt;p&gt;"
                  "Two&lt;/p&gt;</description><guid>g</guid></item>"));
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_EQ(f.releases[0].body_text, "One\n\nTwo");
    EXPECT_EQ(f.releases[0].summary, "One");
    EXPECT_EQ(f.releases[0].body_html, "<p>One</p><p>Two</p>");
}

TEST(feed_rss2, permalink_guid_is_the_link_when_there_is_none) {
    auto const f = parse(rss("<item><title>x</title><guid>https://example.org/a</guid></item>"));
    EXPECT_EQ(f.releases[0].link, "https://example.org/a");
    EXPECT_EQ(f.releases[0].native_id, "https://example.org/a");
    auto const g = parse(
        rss("<item><title>x</title><guid isPermaLink=\"false\">https://e.org/a</guid></item>"));
    EXPECT_EQ(g.releases[0].link, "");
}

TEST(feed_memory, a_writable_utf8_payload_is_parsed_in_place_and_a_converted_one_is_not) {
    // As ingestd hands payloads: writable. A UTF-8 document is parsed in the payload itself
    // (no copy of it is made: pugixml writes its terminators there); one converted from
    // another charset is parsed in the decoder's own UTF-8 copy.
    std::string const doc =
        rss("<item><title>Caf\xC3\xA9 &amp; co</title><link>https://example.org/1</link>"
            "<description><![CDATA[<p>Hello &nbsp; world</p>]]></description></item>");
    std::string payload = doc;
    ingest::sdk::decode_input in;
    in.payload = payload;
    in.origin_uri = feed_test::default_uri;
    in.writable_payload = payload.data();
    auto const out = feed_test::fd::feed_decoder({}).parse(in);
    ASSERT_EQ(out.releases.size(), 1u);
    EXPECT_EQ(out.releases[0].title, "Caf\xC3\xA9 & co");
    EXPECT_NE(payload, doc);

    std::string const latin = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n" +
                              rss("<item><title>Caf\xE9</title><link>https://example.org/2</link>"
                                  "</item>")
                                  .substr(std::string_view("<?xml version=\"1.0\" "
                                                           "encoding=\"utf-8\"?>\n")
                                              .size());
    payload = latin;
    in.payload = payload;
    in.writable_payload = payload.data();
    auto const converted = feed_test::fd::feed_decoder({}).parse(in);
    ASSERT_EQ(converted.releases.size(), 1u);
    EXPECT_EQ(converted.releases[0].title, "Caf\xC3\xA9");
    EXPECT_EQ(payload, latin);
}

TEST(feed_ids, link_then_content_hash_stable_across_polls) {
    auto const a = parse(rss("<item><title>x</title><link>https://example.org/l</link></item>"));
    EXPECT_EQ(a.releases[0].native_id, "https://example.org/l");
    std::string const doc =
        rss("<item><title>No id</title><pubDate>Tue, 26 May 2020 10:00:00 GMT</pubDate>"
            "<description>text</description></item>");
    auto const b1 = parse(doc);
    auto const b2 = parse(doc);
    ASSERT_EQ(b1.releases[0].native_id.rfind("sha256:", 0), 0u);
    EXPECT_EQ(b1.releases[0].native_id.size(), 7u + 64u);
    EXPECT_EQ(b1.releases[0].native_id, b2.releases[0].native_id);
    auto const c =
        parse(rss("<item><title>No id</title><pubDate>Tue, 26 May 2020 10:00:00 GMT"
                  "</pubDate><description>other</description></item>"));
    EXPECT_NE(c.releases[0].native_id, b1.releases[0].native_id);
}

TEST(feed_ids, duplicates_in_one_feed_are_emitted_once_and_counted) {
    std::string items;
    for (int i = 0; i < 5; ++i) {
        items += "<item><title>t</title><guid>same</guid></item>";
    }
    items += "<item><title>u</title><guid>other</guid></item>";
    auto const f = parse(rss(items));
    ASSERT_EQ(f.releases.size(), 2u);
    EXPECT_EQ(f.releases[0].extensions.at("duplicates_in_feed"), "4");
    EXPECT_EQ(f.releases[1].extensions.count("duplicates_in_feed"), 0u);
}

TEST(feed_rss091, netscape_doctype_is_allowed) {
    auto const f = parse(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS "
        "0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss "
        "version=\"0.91\"><channel><title>Old</title><link>http://old.example/</link>"
        "<language>en</language><item><title>I</title><link>http://old.example/i</link>"
        "<description>d&eacute;j&agrave;</description></item></channel></rss>");
    EXPECT_EQ(f.feed.format, "rss-0.91");
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_EQ(f.releases[0].body_text, "d\xC3\xA9j\xC3\xA0");
    EXPECT_EQ(f.releases[0].language, "en");
}

TEST(feed_rss10, rdf_items_outside_the_channel) {
    auto const f = parse(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel rdf:about="https://example.org/"><title>RDF feed</title><link>https://example.org/</link>
  <description>d</description><dc:language>fr</dc:language><dc:date>2020-05-26T10:00:00+02:00</dc:date></channel>
 <item rdf:about="https://example.org/1"><title>One</title><link>https://example.org/1</link>
  <dc:date>2020-05-26T10:00:00+02:00</dc:date><dc:creator>Ana</dc:creator><dc:subject>x</dc:subject></item>
 <item rdf:about="https://example.org/2"><title>Two</title><link>https://example.org/2</link></item>
</rdf:RDF>)");
    EXPECT_EQ(f.feed.format, "rss-1.0");
    EXPECT_EQ(f.feed.title, "RDF feed");
    EXPECT_EQ(f.feed.language, "fr");
    EXPECT_EQ(f.feed.updated, "2020-05-26T08:00:00Z");
    ASSERT_EQ(f.releases.size(), 2u);
    EXPECT_EQ(f.releases[0].native_id, "https://example.org/1");
    EXPECT_EQ(*f.releases[0].published.unix_ms, 1590480000000);
    EXPECT_EQ(f.releases[0].authors, std::vector<std::string>{"Ana"});
    EXPECT_EQ(f.releases[0].tags, std::vector<std::string>{"x"});
    EXPECT_EQ(f.releases[0].language, "fr");
}

TEST(feed_rss090, netscape_namespace) {
    auto const f = parse(
        R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Ninety</title><link>http://n.example/</link></channel>
<item><title>I</title><link>http://n.example/i</link></item></rdf:RDF>)");
    EXPECT_EQ(f.feed.format, "rss-0.90");
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_EQ(f.releases[0].link, "http://n.example/i");
}

TEST(feed_atom10, maps_entries_with_xml_base_and_types) {
    auto const f = parse(atom(R"(
<entry xml:base="/blog/" xml:lang="de">
  <id>tag:example.org,2020:1</id>
  <title type="html">A &lt;em&gt;big&lt;/em&gt; day</title>
  <link rel="alternate" type="text/html" href="post-1.html"/>
  <link rel="enclosure" href="audio.mp3" length="10" type="audio/mpeg"/>
  <link rel="self" href="/self"/>
  <summary>Plain &lt;summary&gt;</summary>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <a href="rel">there</a></p></div></content>
  <published>2020-05-26T10:00:00+02:00</published>
  <updated>2020-05-27T10:00:00Z</updated>
  <author><name>Ana</name><email>a@example.org</email></author>
  <category term="news" label="News"/>
</entry>
<entry><id>urn:2</id><title>Second</title><updated>2020-05-28T00:00:00Z</updated>
  <content type="text">Line one
Line two</content></entry>)",
                              "<link href=\"https://example.org/\"/><subtitle>Sub</subtitle>"
                              "<generator uri=\"https://gen.example/\">Gen</generator>"
                              "<author><name>Feed Author</name></author>"),
                         "application/atom+xml", "https://example.org/atom.xml");
    EXPECT_EQ(f.feed.format, "atom-1.0");
    EXPECT_EQ(f.feed.title, "A");
    EXPECT_EQ(f.feed.link, "https://example.org/");
    EXPECT_EQ(f.feed.subtitle, "Sub");
    EXPECT_EQ(f.feed.generator, "Gen");
    EXPECT_EQ(f.feed.updated, "2020-05-26T10:00:00Z");
    ASSERT_EQ(f.releases.size(), 2u);
    auto const& r = f.releases[0];
    EXPECT_EQ(r.native_id, "tag:example.org,2020:1");
    EXPECT_EQ(r.title, "A big day");
    EXPECT_EQ(r.link, "https://example.org/blog/post-1.html");
    EXPECT_EQ(r.summary, "Plain <summary>");
    EXPECT_EQ(r.body_html, "<p>Hello <a href=\"https://example.org/blog/rel\">there</a></p>");
    EXPECT_EQ(r.body_text, "Hello there");
    EXPECT_EQ(*r.published.unix_ms, 1590480000000);
    EXPECT_EQ(r.updated.raw, "2020-05-27T10:00:00Z");
    EXPECT_EQ(r.authors, std::vector<std::string>{"Ana"});
    EXPECT_EQ(r.tags, std::vector<std::string>{"news"});
    EXPECT_EQ(r.language, "de");
    ASSERT_EQ(r.attachments.size(), 1u);
    EXPECT_EQ(r.attachments[0].uri, "https://example.org/blog/audio.mp3");
    auto const& s = f.releases[1];
    EXPECT_EQ(s.authors, std::vector<std::string>{"Feed Author"});
    EXPECT_EQ(s.body_text, "Line one Line two");
    EXPECT_EQ(s.published.raw, "2020-05-28T00:00:00Z");  // <updated> stands in
}

TEST(feed_atom03, modes_and_dates) {
    auto const f = parse(R"(<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
<link rel="alternate" type="text/html" href="http://a03.example/"/><tagline>Tag</tagline>
<modified>2004-01-01T00:00:00Z</modified>
<entry><title>E</title><link rel="alternate" type="text/html" href="http://a03.example/e"/>
<id>tag:a03,2004:1</id><issued>2004-01-01T00:00:00-05:00</issued><modified>2004-01-02T00:00:00Z</modified>
<content type="text/html" mode="escaped">&lt;p&gt;Escaped&lt;/p&gt;</content></entry></feed>)");
    EXPECT_EQ(f.feed.format, "atom-0.3");
    EXPECT_EQ(f.feed.subtitle, "Tag");
    EXPECT_EQ(f.feed.updated, "2004-01-01T00:00:00Z");
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_EQ(f.releases[0].body_html, "<p>Escaped</p>");
    EXPECT_EQ(f.releases[0].published.raw, "2004-01-01T00:00:00-05:00");
    EXPECT_EQ(f.releases[0].link, "http://a03.example/e");
}

TEST(feed_json, json_feed_11) {
    auto const f = parse(R"({
  "version": "https://jsonfeed.org/version/1.1",
  "title": "JSON News", "home_page_url": "https://j.example/", "feed_url": "https://j.example/feed.json",
  "description": "Desc", "language": "es", "authors": [{"name": "Feed A"}],
  "items": [
    {"id": "1", "url": "/p/1", "title": "Uno", "content_html": "<p>Hola <b>mundo</b></p><script>x</script>",
     "summary": "Resumen", "date_published": "2020-05-26T10:00:00+02:00", "date_modified": "2020-05-27T00:00:00Z",
     "tags": ["a", "b"], "attachments": [{"url": "https://j.example/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 42}],
     "authors": [{"name": "Item A"}]},
    {"id": 2, "content_text": "Just text", "external_url": "https://elsewhere.example/"}
  ]})",
                         "application/feed+json", "https://j.example/feed.json");
    EXPECT_EQ(f.feed.format, "json-1.1");
    EXPECT_EQ(f.feed.title, "JSON News");
    EXPECT_EQ(f.feed.link, "https://j.example/");
    EXPECT_EQ(f.feed.language, "es");
    ASSERT_EQ(f.releases.size(), 2u);
    auto const& r = f.releases[0];
    EXPECT_EQ(r.native_id, "1");
    EXPECT_EQ(r.link, "https://j.example/p/1");
    EXPECT_EQ(r.title, "Uno");
    EXPECT_EQ(r.body_html, "<p>Hola <b>mundo</b></p>");
    EXPECT_EQ(r.body_text, "Hola mundo");
    EXPECT_EQ(r.summary, "Resumen");
    EXPECT_EQ(*r.published.unix_ms, 1590480000000);
    EXPECT_EQ(r.tags, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(r.authors, std::vector<std::string>{"Item A"});
    ASSERT_EQ(r.attachments.size(), 1u);
    EXPECT_EQ(r.attachments[0].size, 42u);
    EXPECT_EQ(r.language, "es");
    EXPECT_EQ(f.releases[1].native_id, "2");
    EXPECT_EQ(f.releases[1].link, "https://elsewhere.example/");
    EXPECT_EQ(f.releases[1].body_text, "Just text");
    EXPECT_EQ(f.releases[1].authors, std::vector<std::string>{"Feed A"});
}

TEST(feed_json, json_feed_10_by_content_with_application_json) {
    auto const f = parse(R"({"version": "https://jsonfeed.org/version/1", "title": "Ten",
      "author": {"name": "Solo"}, "items": [{"id": "x", "content_text": "t"}]})",
                         "application/json");
    EXPECT_EQ(f.feed.format, "json-1.0");
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_EQ(f.releases[0].authors, std::vector<std::string>{"Solo"});
}

TEST(feed_json, refuses_other_json) {
    EXPECT_EQ(feed_test::refusal("{\"a\": 1}", "application/json")
                  .rfind("feed rejected: not a JSON Feed", 0),
              0u);
    EXPECT_EQ(feed_test::refusal("{\"version\": \"https://jsonfeed.org/version/1\", ")
                  .rfind("feed parse error at offset ", 0),
              0u);
}

TEST(feed_encodings, http_charset_from_metadata_and_media_type) {
    std::string const doc =
        "<rss version=\"2.0\"><channel><title>caf\xE9</title><item><title>"
        "\xE9t\xE9</title><guid>1</guid></item></channel></rss>";
    auto const a = parse(doc, "", feed_test::default_uri,
                         {{"content_type", "application/rss+xml; charset=ISO-8859-1"}});
    EXPECT_EQ(a.feed.title, "caf\xC3\xA9");
    EXPECT_EQ(a.feed.encoding, "windows-1252");
    auto const b = parse(doc, "text/xml; charset=windows-1252");
    EXPECT_EQ(b.releases[0].title, "\xC3\xA9t\xC3\xA9");
}

TEST(feed_encodings, declaration_koi8r_and_shift_jis) {
    auto const k = parse(
        "<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss version=\"2.0\">"
        "<channel><title>\xF0\xD2\xC9\xD7\xC5\xD4</title></channel></rss>");
    EXPECT_EQ(k.feed.title, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
    auto const s = parse(
        "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss version=\"2.0\">"
        "<channel><title>\x93\xFA\x96\x7B</title></channel></rss>");
    EXPECT_EQ(s.feed.title, "\xE6\x97\xA5\xE6\x9C\xAC");
}

TEST(feed_entities, html_entities_without_dtd_and_unknown_ones_flagged) {
    auto const f =
        parse(rss("<item><title>caf&eacute;&nbsp;&mdash; &bogus;</title><guid>1</guid>"
                  "</item><item><title>clean</title><guid>2</guid></item>"));
    ASSERT_EQ(f.releases.size(), 2u);
    EXPECT_EQ(f.releases[0].title, "caf\xC3\xA9 \xE2\x80\x94 &bogus;");
    EXPECT_EQ(f.releases[0].extensions.at("unknown_entities"), "bogus");
    EXPECT_EQ(f.releases[1].extensions.count("unknown_entities"), 0u);
}

TEST(feed_entities, unescaped_ampersand_is_salvaged) {
    auto const f =
        parse(rss("<item><title>Q & A</title><link>https://e.org/?a=1&b=2</link>"
                  "</item>"));
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_EQ(f.releases[0].title, "Q & A");
    EXPECT_EQ(f.releases[0].link, "https://e.org/?a=1&b=2");
}

TEST(feed_cdata, cdata_titles_and_bodies) {
    auto const f =
        parse(rss("<item><title><![CDATA[A <b>bold</b> & title]]></title>"
                  "<description><![CDATA[<p>x &amp; y</p>]]></description>"
                  "<guid>1</guid></item>"));
    EXPECT_EQ(f.releases[0].title, "A bold & title");
    EXPECT_EQ(f.releases[0].body_text, "x & y");
}

TEST(feed_links, relative_links_without_web_origin_use_the_feed_link) {
    auto const f = parse(rss("<item><title>x</title><link>/rel</link></item>"), "",
                         "file:///srv/drop/feed.xml");
    EXPECT_EQ(f.releases[0].link, "https://example.org/rel");
}

TEST(feed_links, unqualified_prefixes_still_work) {
    // content: and dc: used without declaring them, as some generators do.
    auto const f = parse(
        "<rss version=\"2.0\"><channel><title>t</title><item><title>i</title>"
        "<content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded>"
        "<dc:creator>Zed</dc:creator></item></channel></rss>");
    ASSERT_EQ(f.releases.size(), 1u);
    EXPECT_EQ(f.releases[0].body_text, "Body");
    EXPECT_EQ(f.releases[0].authors, std::vector<std::string>{"Zed"});
}

TEST(feed_limits, long_titles_and_bodies_are_truncated_and_flagged) {
    ingest::plugins::decoder_feed::options o;
    o.max_title_bytes = 10;
    o.max_content_bytes = 20;
    auto const f = parse(rss("<item><title>0123456789abcdef</title><description>" +
                             std::string(100, 'x') + "</description><guid>1</guid></item>"),
                         "", feed_test::default_uri, {}, o);
    EXPECT_EQ(f.releases[0].title, "0123456789");
    EXPECT_EQ(f.releases[0].body_text, std::string(20, 'x'));
    EXPECT_EQ(f.releases[0].extensions.at("truncated"), "title,body");
}

TEST(feed_empty, a_feed_without_items_gives_no_release) {
    EXPECT_TRUE(parse(rss("")).releases.empty());
    EXPECT_TRUE(parse(atom("")).releases.empty());
}

}  // namespace

namespace {

// FeedBurner: the item links go through feedproxy; feedburner:origLink (declared or not) is
// the publisher's URL and becomes the link, relative ones resolved like any link.
TEST(feed_feedburner, orig_link_is_the_link) {
    auto const f = feed_test::parse(feed_test::rss(
        "<item xmlns:feedburner=\"http://rssnamespace.org/feedburner/ext/1.0\"><guid "
        "isPermaLink=\"false\">fb-1</guid><title>One</title>"
        "<link>https://feedproxy.google.com/~r/press/~3/abc/</link>"
        "<feedburner:origLink>https://press.example.org/2024/one</feedburner:origLink></item>"
        "<item><guid isPermaLink=\"false\">fb-2</guid><title>Two</title>"
        "<link>https://feedproxy.google.com/~r/press/~3/def/</link>"
        "<feedburner:origLink>/2024/two</feedburner:origLink></item>"
        "<item><guid isPermaLink=\"false\">fb-3</guid><title>Three</title>"
        "<link>https://press.example.org/2024/three</link>"
        "<feedburner:origLink>javascript:alert(1)</feedburner:origLink></item>"));
    ASSERT_EQ(f.releases.size(), 3u);
    EXPECT_EQ(f.releases[0].link, "https://press.example.org/2024/one");
    EXPECT_EQ(f.releases[1].link, "https://example.org/2024/two");
    EXPECT_EQ(f.releases[2].link, "https://press.example.org/2024/three");  // refused: kept

    auto const a = feed_test::parse(feed_test::atom(
        "<entry xmlns:feedburner=\"http://rssnamespace.org/feedburner/ext/1.0\"><id>urn:1</id>"
        "<title>E</title><link rel=\"alternate\" href=\"https://feedproxy.google.com/x\"/>"
        "<feedburner:origLink>https://press.example.org/e</feedburner:origLink></entry>"));
    ASSERT_EQ(a.releases.size(), 1u);
    EXPECT_EQ(a.releases[0].link, "https://press.example.org/e");
}

}  // namespace
