#!/usr/bin/env python3
# Regenerates the fixture files of this folder and expected.json: run it here after editing.
# The expectations below were written by hand from the inputs, never from decoder output.
# Writes the hand-written feed fixtures and expected.json (expectations written by hand here).
import json, os
E = {}
def w(name, data, exp, enc=None):
    b = data.encode(enc) if enc else (data if isinstance(data, bytes) else data.encode('utf-8'))
    open(name, 'wb').write(b)
    E[name] = exp

RSS_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n<title>IOM News</title>\n<link>https://www.iom.int/news</link>\n<description>Press releases</description>\n<language>en</language>\n'
RSS_TAIL = '</channel>\n</rss>\n'
def rss_doc(items, head=RSS_HEAD):
    return head + items + RSS_TAIL

# --- RSS 2.0 ---
w('rss2-basic.rss', rss_doc('''<item>
<title>IOM Welcomes New Members</title>
<link>https://www.iom.int/news/iom-welcomes-new-members</link>
<guid isPermaLink="true">https://www.iom.int/news/iom-welcomes-new-members</guid>
<pubDate>Tue, 26 May 2020 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Geneva - The International Organization for Migration welcomed new members.&lt;/p&gt;</description>
</item>
<item>
<title>Second release</title>
<link>https://www.iom.int/news/second</link>
<guid>https://www.iom.int/news/second</guid>
<pubDate>Mon, 25 May 2020 09:30:00 +0200</pubDate>
<description>Plain description.</description>
</item>
'''), {"format": "rss-2.0", "count": 2, "feed": {"title": "IOM News", "link": "https://www.iom.int/news", "subtitle": "Press releases", "language": "en"},
  "items": [{"i": 0, "title": "IOM Welcomes New Members", "native_id": "https://www.iom.int/news/iom-welcomes-new-members", "link": "https://www.iom.int/news/iom-welcomes-new-members", "published": "2020-05-26T10:00:00Z", "body_text": "Geneva - The International Organization for Migration welcomed new members.", "language": "en"},
            {"i": 1, "published": "2020-05-25T07:30:00Z", "body_html": "<p>Plain description.</p>", "summary": "Plain description."}]})

w('rss2-content-encoded.rss', rss_doc('''<item>
<title>With content</title>
<guid isPermaLink="false">id-100</guid>
<description>Teaser text</description>
<content:encoded><![CDATA[<h2>Heading</h2><p>First para with <a href="/more">link text</a>.</p><ul><li>Alpha</li><li>Beta</li></ul><p>End.</p>]]></content:encoded>
<pubDate>Wed, 27 May 2020 08:00:00 EST</pubDate>
</item>
'''), {"count": 1, "items": [{"i": 0, "native_id": "id-100", "link": "", "summary": "Teaser text",
  "body_text": "Heading\n\nFirst para with link text.\n\nAlpha\nBeta\n\nEnd.",
  "body_html": "<h2>Heading</h2><p>First para with <a href=\"https://example.org/more\">link text</a>.</p><ul><li>Alpha</li><li>Beta</li></ul><p>End.</p>",
  "published": "2020-05-27T13:00:00Z"}]})

w('rss2-dc-fields.rss', rss_doc('''<item>
<title>DC item</title>
<link>https://www.iom.int/news/dc</link>
<dc:creator>Jorge Galindo</dc:creator>
<dc:creator>Safa Msehli</dc:creator>
<dc:date>2020-05-26T10:00:00+02:00</dc:date>
<dc:subject>migration</dc:subject>
<category>mexico</category>
<category>mexico</category>
<dc:language>es</dc:language>
</item>
'''), {"count": 1, "items": [{"i": 0, "authors": ["Jorge Galindo", "Safa Msehli"], "tags": ["migration", "mexico"], "published": "2020-05-26T08:00:00Z", "language": "es", "native_id": "https://www.iom.int/news/dc"}]})

w('rss2-enclosure-media.rss', rss_doc('''<item>
<title>Media</title>
<guid>m-1</guid>
<enclosure url="https://cdn.iom.int/a.mp3" length="5000" type="audio/mpeg"/>
<media:group><media:content url="https://cdn.iom.int/v.mp4" type="video/mp4" fileSize="100"/><media:content url="https://cdn.iom.int/v2.mp4" type="video/mp4"/></media:group>
<media:thumbnail url="https://cdn.iom.int/t.jpg"/>
<media:keywords>refugees, aid , health</media:keywords>
</item>
'''), {"count": 1, "items": [{"i": 0, "attachments": 4, "attachment0_uri": "https://cdn.iom.int/a.mp3", "attachment0_size": 5000, "tags": ["refugees", "aid", "health"]}]})

w('rss2-relative-links.rss', rss_doc('''<item>
<title>Rel</title>
<link>/news/rel-1</link>
<description>&lt;img src="img/x.png" alt="x"&gt;&lt;a href="../up"&gt;up&lt;/a&gt;</description>
</item>
'''), {"origin": "https://feeds.example.net/iom/feed.rss", "count": 1, "items": [{"i": 0, "link": "https://feeds.example.net/news/rel-1", "native_id": "https://feeds.example.net/news/rel-1",
  "body_html": "<img src=\"https://feeds.example.net/iom/img/x.png\" alt=\"x\"><a href=\"https://feeds.example.net/up\">up</a>"}]})

w('rss2-xml-base.rss', '''<?xml version="1.0"?>
<rss version="2.0" xml:base="https://base.example/a/"><channel><title>B</title><link>https://base.example/</link>
<item xml:base="sub/"><title>x</title><link>item.html</link></item></channel></rss>
''', {"origin": "https://origin.example/feed", "count": 1, "items": [{"i": 0, "link": "https://base.example/a/sub/item.html"}]})

w('rss2-no-guid.rss', rss_doc('''<item>
<title>No guid nor link</title>
<pubDate>Tue, 26 May 2020 10:00:00 GMT</pubDate>
<description>Body only</description>
</item>
'''), {"count": 1, "items": [{"i": 0, "native_id_prefix": "sha256:", "link": ""}]})

w('rss2-js-links.rss', rss_doc('''<item>
<title>JS</title>
<guid>js-1</guid>
<link>javascript:alert(document.cookie)</link>
<description>&lt;a href="javascript:x()"&gt;click&lt;/a&gt; &lt;a href="data:text/html,hi"&gt;d&lt;/a&gt; &lt;img src="file:///etc/passwd"&gt;</description>
</item>
'''), {"count": 1, "items": [{"i": 0, "link": "", "body_html": "<a>click</a> <a>d</a> <img>", "body_text": "click d", "warnings_contains": "link dropped"}]})

w('rss2-entities.rss', rss_doc('''<item>
<title>Caf&eacute; &amp; cr&egrave;me &mdash; &ldquo;quoted&rdquo;&nbsp;&hellip;</title>
<guid>e-1</guid>
<description>Price: 5&euro; &copy; 2020 &frac12; &trade;</description>
</item>
'''), {"count": 1, "items": [{"i": 0, "title": "Café & crème — “quoted” …", "body_text": "Price: 5€ © 2020 ½ ™"}]})

w('rss2-unknown-entity.rss', rss_doc('''<item>
<title>Known &eacute; and unknown &madeup;</title>
<guid>u-1</guid>
</item>
'''), {"count": 1, "items": [{"i": 0, "title": "Known é and unknown &madeup;", "ext.unknown_entities": "madeup"}]})

w('rss2-cdata.rss', rss_doc('''<item>
<title><![CDATA[CDATA <title> & such]]></title>
<guid>c-1</guid>
<description><![CDATA[<p>Inside <em>CDATA</em> &amp; escaped</p>]]></description>
</item>
'''), {"count": 1, "items": [{"i": 0, "title": "CDATA <title> & such", "body_html": "<p>Inside <em>CDATA</em> &amp; escaped</p>", "body_text": "Inside CDATA & escaped"}]})

w('rss2-unescaped-amp.rss', rss_doc('''<item>
<title>Research & Development</title>
<link>https://www.iom.int/search?q=a&page=2</link>
</item>
'''), {"count": 1, "items": [{"i": 0, "title": "Research & Development", "link": "https://www.iom.int/search?q=a&page=2"}]})

w('rss2-script-style.rss', rss_doc('''<item>
<title>Scripts</title>
<guid>s-1</guid>
<description>&lt;style&gt;p{color:red}&lt;/style&gt;&lt;p onclick="x()" style="a"&gt;Safe&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;template&gt;t&lt;/template&gt;&lt;iframe src="https://evil"&gt;&lt;/iframe&gt;</description>
</item>
'''), {"count": 1, "items": [{"i": 0, "body_html": "<p>Safe</p>", "body_text": "Safe"}]})

w('rss2-lists-tables.rss', rss_doc('''<item>
<title>Lists</title>
<guid>l-1</guid>
<description>&lt;p&gt;Intro&lt;/p&gt;&lt;ol&gt;&lt;li&gt;One&lt;/li&gt;&lt;li&gt;Two&lt;/li&gt;&lt;/ol&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;a&lt;/td&gt;&lt;td&gt;b&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Line&lt;br&gt;break&lt;/p&gt;</description>
</item>
'''), {"count": 1, "items": [{"i": 0, "body_text": "Intro\n\nOne\nTwo\n\na b\n\nLine\nbreak"}]})

w('rss2-atom-link.rss', rss_doc('''<item>
<title>Atom link in RSS</title>
<atom:link rel="alternate" href="https://www.iom.int/news/atom-link"/>
</item>
''', RSS_HEAD + '<atom:link rel="self" href="https://www.iom.int/feed" type="application/rss+xml"/>\n'), {"count": 1, "items": [{"i": 0, "link": "https://www.iom.int/news/atom-link"}]})

w('rss2-author-email.rss', rss_doc('''<item>
<title>Author</title><guid>a-1</guid>
<author>media@iom.int (IOM Media)</author>
</item>
<item>
<title>Author 2</title><guid>a-2</guid>
<author>press@iom.int</author>
</item>
'''), {"count": 2, "items": [{"i": 0, "authors": ["IOM Media"]}, {"i": 1, "authors": ["press@iom.int"]}]})

w('rss2-feed-meta.rss', '''<?xml version="1.0"?>
<rss version="2.0"><channel><title>  Meta   Feed </title><link>https://meta.example/</link>
<description>All the metadata</description><language>fr-CA</language>
<pubDate>Mon, 01 Jun 2020 00:00:00 GMT</pubDate><lastBuildDate>Tue, 02 Jun 2020 12:30:00 +0000</lastBuildDate>
<generator>WordPress 5.4</generator>
<item><title>one</title><guid>1</guid></item></channel></rss>
''', {"count": 1, "feed": {"title": "Meta Feed", "link": "https://meta.example/", "subtitle": "All the metadata", "language": "fr-CA", "updated": "2020-06-02T12:30:00Z", "generator": "WordPress 5.4"},
      "items": [{"i": 0, "ext.feed_title": "Meta Feed", "ext.feed_generator": "WordPress 5.4", "ext.feed_updated": "2020-06-02T12:30:00Z", "ext.feed_language": "fr-CA", "source_title": "Meta Feed", "language": "fr-CA"}]})

w('rss2-empty-channel.rss', rss_doc(''), {"count": 0, "feed": {"title": "IOM News"}})

w('rss2-whitespace-title.rss', rss_doc('''<item>
<title>
   Multi
   line    title
</title><guid>w</guid></item>
'''), {"count": 1, "items": [{"i": 0, "title": "Multi line title"}]})

w('rss2-nfc.rss', rss_doc('<item><title>Cafe\u0301 decomposed</title><guid>n</guid></item>\n'), {"count": 1, "items": [{"i": 0, "title": "Café decomposed"}]})

w('rss2-pre.rss', rss_doc('<item><title>pre</title><guid>p</guid><description>&lt;pre&gt;a  b\nc&lt;/pre&gt;</description></item>\n'), {"count": 1, "items": [{"i": 0, "body_text": "a  b\nc"}]})

w('rss2-plain-paragraphs.rss', rss_doc('<item><title>pp</title><guid>pp</guid><description>First paragraph\nsame para.\n\nSecond paragraph.</description></item>\n'),
  {"count": 1, "items": [{"i": 0, "body_text": "First paragraph\nsame para.\n\nSecond paragraph.", "summary": "First paragraph\nsame para."}]})

w('rss092.rss', '''<?xml version="1.0"?>
<rss version="0.92"><channel><title>Ninety two</title><link>http://n92.example/</link><description>d</description>
<item><title>t</title><description>d92</description><enclosure url="http://n92.example/a.mp3" length="1" type="audio/mpeg"/></item></channel></rss>
''', {"format": "rss-0.92", "count": 1, "items": [{"i": 0, "body_text": "d92", "attachments": 1}]})

w('rss091-netscape.rss', '''<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Caf\xe9 News</title><link>http://n91.example/</link><description>d</description><language>fr</language>
<item><title>\xc9t\xe9 &eacute;</title><link>http://n91.example/1</link><description>Don\x92t</description></item></channel></rss>
''', {"format": "rss-0.91", "count": 1, "feed": {"title": "Café News"}, "items": [{"i": 0, "title": "Été é", "body_text": "Don’t"}]}, enc='latin-1')

w('rss1-rdf.rdf', '''<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link><description>RSS 1.0</description>
<dc:language>de</dc:language><dc:date>2020-05-26T10:00:00Z</dc:date>
<items><rdf:Seq><rdf:li rdf:resource="https://rdf.example/1"/></rdf:Seq></items></channel>
<item rdf:about="https://rdf.example/1"><title>Eins</title><link>https://rdf.example/1</link><description>Beschreibung</description>
<content:encoded>&lt;p&gt;Inhalt&lt;/p&gt;</content:encoded><dc:date>2020-05-26T12:00:00+02:00</dc:date><dc:creator>Max</dc:creator></item>
<item rdf:about="https://rdf.example/2"><title>Zwei</title><link>https://rdf.example/2</link></item>
</rdf:RDF>
''', {"format": "rss-1.0", "count": 2, "feed": {"title": "RDF", "language": "de", "updated": "2020-05-26T10:00:00Z"},
      "items": [{"i": 0, "native_id": "https://rdf.example/1", "summary": "Beschreibung", "body_text": "Inhalt", "published": "2020-05-26T10:00:00Z", "authors": ["Max"], "language": "de"}, {"i": 1, "title": "Zwei"}]})

w('rss090.rdf', '''<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Mozilla Dot Org</title><link>http://www.mozilla.org</link><description>the Mozilla Organization web site</description></channel>
<image><title>Mozilla</title><url>http://www.mozilla.org/images/moz.gif</url><link>http://www.mozilla.org</link></image>
<item><title>New Status Updates</title><link>http://www.mozilla.org/status/</link></item>
<item><title>Bugzilla Reorganized</title><link>http://www.mozilla.org/bugs/</link></item>
</rdf:RDF>
''', {"format": "rss-0.90", "count": 2, "items": [{"i": 1, "title": "Bugzilla Reorganized", "native_id": "http://www.mozilla.org/bugs/"}]})

# --- Atom ---
ATOM_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n<title>Atom Press</title>\n<subtitle>Releases</subtitle>\n<link href="https://atom.example/"/>\n<link rel="self" href="https://atom.example/feed.atom"/>\n<id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>\n<updated>2020-05-26T18:30:02Z</updated>\n<generator uri="https://gen.example/" version="1.0">Example Generator</generator>\n<author><name>Press Office</name></author>\n'
def atom_doc(entries, head=ATOM_HEAD):
    return head + entries + '</feed>\n'

w('atom-basic.atom', atom_doc('''<entry>
<title>Atom-Powered Robots Run Amok</title>
<link href="https://atom.example/2003/12/13/atom03"/>
<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<updated>2003-12-13T18:30:02Z</updated>
<summary>Some text.</summary>
</entry>
'''), {"format": "atom-1.0", "count": 1, "feed": {"title": "Atom Press", "subtitle": "Releases", "link": "https://atom.example/", "updated": "2020-05-26T18:30:02Z", "generator": "Example Generator", "language": "en"},
      "items": [{"i": 0, "title": "Atom-Powered Robots Run Amok", "native_id": "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", "link": "https://atom.example/2003/12/13/atom03", "published": "2003-12-13T18:30:02Z", "updated": "2003-12-13T18:30:02Z", "authors": ["Press Office"], "body_text": "Some text.", "language": "en"}]})

w('atom-html-content.atom', atom_doc('''<entry>
<title type="html">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; title</title>
<link rel="alternate" type="text/html" href="https://atom.example/h"/>
<id>tag:atom.example,2020:h</id>
<published>2020-05-26T10:00:00+02:00</published>
<updated>2020-05-26T11:00:00+02:00</updated>
<author><name>Ana</name></author><author><name>Ben</name></author>
<category term="health"/><category term="covid-19" label="COVID-19"/>
<summary type="html">&lt;p&gt;Summary &lt;i&gt;here&lt;/i&gt;&lt;/p&gt;</summary>
<content type="html">&lt;p&gt;Para 1&lt;/p&gt;&lt;p&gt;Para 2&lt;/p&gt;</content>
</entry>
'''), {"count": 1, "items": [{"i": 0, "title": "Bold & title", "authors": ["Ana", "Ben"], "tags": ["health", "covid-19"], "summary": "Summary here", "body_text": "Para 1\n\nPara 2", "published": "2020-05-26T08:00:00Z", "updated": "2020-05-26T09:00:00Z"}]})

w('atom-xhtml-content.atom', atom_doc('''<entry>
<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X<b>HTML</b> title</div></title>
<id>tag:x</id><updated>2020-05-26T10:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>An <strong>xhtml</strong> body</p><ul><li>i1</li></ul></div></content>
</entry>
'''), {"count": 1, "items": [{"i": 0, "title": "XHTML title", "body_text": "An xhtml body\n\ni1", "body_html": "<p>An <strong>xhtml</strong> body</p><ul><li>i1</li></ul>"}]})

w('atom-text-content.atom', atom_doc('''<entry>
<title type="text">Text &lt;not a tag&gt;</title>
<id>tag:t</id><updated>2020-05-26T10:00:00Z</updated>
<content type="text">5 &lt; 6 &amp; 7 &gt; 3</content>
</entry>
'''), {"count": 1, "items": [{"i": 0, "title": "Text <not a tag>", "body_text": "5 < 6 & 7 > 3", "body_html": "<p>5 &lt; 6 &amp; 7 &gt; 3</p>"}]})

w('atom-xml-base.atom', '''<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://xb.example/root/"><title>XB</title><id>x</id><updated>2020-01-01T00:00:00Z</updated>
<link href="./"/>
<entry xml:base="entries/"><title>e</title><id>e1</id><updated>2020-01-01T00:00:00Z</updated>
<link href="e1.html"/><content type="html" xml:base="/abs/">&lt;a href="rel"&gt;r&lt;/a&gt;</content></entry></feed>
''', {"count": 1, "feed": {"link": "https://xb.example/root/"}, "items": [{"i": 0, "link": "https://xb.example/root/entries/e1.html", "body_html": "<a href=\"https://xb.example/root/entries/rel\">r</a>"}]})

w('atom-enclosure.atom', atom_doc('''<entry><title>enc</title><id>enc</id><updated>2020-01-01T00:00:00Z</updated>
<link rel="enclosure" type="audio/mpeg" length="1337" href="https://atom.example/podcast.mp3"/>
<link rel="related" href="https://atom.example/related"/>
<link rel="alternate" href="https://atom.example/enc"/></entry>
'''), {"count": 1, "items": [{"i": 0, "link": "https://atom.example/enc", "attachments": 1, "attachment0_size": 1337, "attachment0_uri": "https://atom.example/podcast.mp3"}]})

w('atom-multiple-alternates.atom', atom_doc('''<entry><title>alt</title><id>alt</id><updated>2020-01-01T00:00:00Z</updated>
<link rel="alternate" type="application/pdf" href="https://atom.example/a.pdf"/>
<link rel="alternate" type="text/html" href="https://atom.example/a.html"/></entry>
'''), {"count": 1, "items": [{"i": 0, "link": "https://atom.example/a.html"}]})

w('atom-no-id.atom', atom_doc('''<entry><title>noid</title><updated>2020-01-01T00:00:00Z</updated><link href="https://atom.example/noid"/></entry>
'''), {"count": 1, "items": [{"i": 0, "native_id": "https://atom.example/noid"}]})

w('atom-prefixed.atom', '''<?xml version="1.0"?>
<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title><a:id>p</a:id><a:updated>2020-01-01T00:00:00Z</a:updated>
<a:entry><a:title>pe</a:title><a:id>pe1</a:id><a:updated>2020-01-02T00:00:00Z</a:updated><a:content type="html">&lt;p&gt;x&lt;/p&gt;</a:content></a:entry></a:feed>
''', {"format": "atom-1.0", "count": 1, "feed": {"title": "Prefixed"}, "items": [{"i": 0, "native_id": "pe1", "body_text": "x"}]})

w('atom-media.atom', '''<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>M</title><id>m</id><updated>2020-01-01T00:00:00Z</updated>
<entry><title>yt</title><id>yt:video:1</id><updated>2020-01-01T00:00:00Z</updated>
<media:group><media:title>Video</media:title><media:content url="https://v.example/1" type="application/x-shockwave-flash"/><media:thumbnail url="https://v.example/1.jpg" width="480"/><media:description>Video description</media:description></media:group></entry></feed>
''', {"count": 1, "items": [{"i": 0, "attachments": 2, "body_text": "Video description"}]})

w('atom03.atom', '''<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="en">
<title mode="escaped" type="text/html">Atom 0.3 &amp;amp; co</title>
<link rel="alternate" type="text/html" href="http://a03.example/"/>
<tagline>Old tagline</tagline><modified>2005-07-31T12:29:29Z</modified>
<generator url="http://gen.example/">Blogger</generator>
<entry><title>Entry</title><link rel="alternate" type="text/html" href="http://a03.example/e1"/>
<author><name>Mark</name></author><id>tag:a03.example,2005:1</id>
<issued>2005-07-31T08:29:29-04:00</issued><modified>2005-07-31T12:29:29Z</modified><created>2005-07-31T12:29:29Z</created>
<summary type="text/plain">Sum</summary>
<content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body 03</p></div></content></entry>
</feed>
''', {"format": "atom-0.3", "count": 1, "feed": {"subtitle": "Old tagline", "updated": "2005-07-31T12:29:29Z", "generator": "Blogger"},
      "items": [{"i": 0, "published": "2005-07-31T12:29:29Z", "authors": ["Mark"], "summary": "Sum", "body_text": "Body 03", "link": "http://a03.example/e1"}]})

w('atom03-base64.atom', '''<?xml version="1.0"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>b64</title><modified>2005-01-01T00:00:00Z</modified>
<entry><title>x</title><id>b1</id><modified>2005-01-01T00:00:00Z</modified><summary>fallback</summary><content type="text/plain" mode="base64">aGVsbG8=</content></entry></feed>
''', {"format": "atom-0.3", "count": 1, "items": [{"i": 0, "body_text": "fallback"}]})

# --- JSON Feed ---
def jf(obj): return json.dumps(obj, ensure_ascii=False, indent=1)
w('jsonfeed-11.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "JSON Press", "home_page_url": "https://jf.example/", "feed_url": "https://jf.example/feed.json", "description": "Desc", "language": "en-GB", "authors": [{"name": "Desk"}],
   "items": [{"id": "2347259", "url": "https://jf.example/2347259", "title": "Item one", "content_html": "<p>Hello, <em>world</em>!</p>", "summary": "Greeting", "date_published": "2020-05-26T10:00:00-05:00", "tags": ["hello"], "attachments": [{"url": "https://jf.example/a.pdf", "mime_type": "application/pdf", "title": "Report", "size_in_bytes": 777}]},
             {"id": "b", "content_text": "Text only\n\nSecond para", "date_published": "not a date"}]}),
  {"media_type": "application/feed+json", "format": "json-1.1", "count": 2, "feed": {"title": "JSON Press", "link": "https://jf.example/", "subtitle": "Desc", "language": "en-GB"},
   "items": [{"i": 0, "native_id": "2347259", "body_text": "Hello, world!", "summary": "Greeting", "published": "2020-05-26T15:00:00Z", "authors": ["Desk"], "tags": ["hello"], "attachments": 1, "attachment0_size": 777, "language": "en-GB"},
             {"i": 1, "body_text": "Text only\n\nSecond para", "published": "unknown", "published_raw": "not a date", "warnings_contains": "date: unparseable"}]})

w('jsonfeed-10.json', jf({"version": "https://jsonfeed.org/version/1", "title": "One point oh", "author": {"name": "Old Author", "url": "https://x"}, "items": [{"id": 42, "url": "https://jf10.example/42", "title": "Answer", "content_text": "42", "date_modified": "2020-05-26T10:00:00Z", "image": "https://jf10.example/i.png"}]}),
  {"media_type": "application/json", "format": "json-1.0", "count": 1, "items": [{"i": 0, "native_id": "42", "authors": ["Old Author"], "updated": "2020-05-26T10:00:00Z", "attachments": 1}]})

w('jsonfeed-relative.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "Rel", "feed_url": "https://rel.example/f/feed.json", "items": [{"id": "r", "url": "../post/1", "content_html": "<a href='x'>x</a>"}]}),
  {"origin": "", "count": 1, "items": [{"i": 0, "link": "https://rel.example/post/1", "body_html": "<a href=\"https://rel.example/f/x\">x</a>"}]})

w('jsonfeed-js-url.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "JS", "items": [{"id": "j", "url": "javascript:alert(1)", "content_text": "t"}]}),
  {"count": 1, "items": [{"i": 0, "link": "", "warnings_contains": "link dropped"}]})

w('jsonfeed-empty.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "Empty", "items": []}), {"count": 0, "feed": {"title": "Empty"}})

# --- encodings ---
enc_doc = '<?xml version="1.0" encoding="%s"?>\n<rss version="2.0"><channel><title>%s</title><link>https://enc.example/</link><item><title>%s</title><guid>1</guid></item></channel></rss>\n'
for enc, pyenc, t1, t2 in [
    ('windows-1252', 'cp1252', 'Caf\u00e9 \u20ac', '\u201cQuotes\u201d \u2014 dash'),
    ('iso-8859-1', 'cp1252', 'Ni\u00f1o', 'Espa\u00f1a \u2019s'),
    ('iso-8859-2', 'iso-8859-2', 'Za\u017c\u00f3\u0142\u0107', 'g\u0119\u015bl\u0105 ja\u017a\u0144'),
    ('iso-8859-5', 'iso-8859-5', '\u041f\u0440\u0438\u0432\u0435\u0442', '\u041c\u0438\u0440'),
    ('iso-8859-7', 'iso-8859-7', '\u0395\u03bb\u03bb\u03ac\u03b4\u03b1', '\u0391\u03b8\u03ae\u03bd\u03b1'),
    ('iso-8859-15', 'iso-8859-15', 'Euro \u20ac', '\u0153uvre'),
    ('koi8-r', 'koi8-r', '\u041d\u043e\u0432\u043e\u0441\u0442\u0438', '\u041c\u043e\u0441\u043a\u0432\u0430'),
    ('windows-1251', 'cp1251', '\u041d\u043e\u0432\u0438\u043d\u0438', '\u041a\u0438\u0457\u0432'),
    ('shift_jis', 'shift_jis', '\u65e5\u672c\u8a9e', '\u6771\u4eac\u30cb\u30e5\u30fc\u30b9'),
    ('euc-jp', 'euc-jp', '\u65e5\u672c', '\u5927\u962a'),
    ('gb2312', 'gbk', '\u4e2d\u6587\u65b0\u95fb', '\u5317\u4eac'),
    ('gbk', 'gbk', '\u4e2d\u6587', '\u4e0a\u6d77'),
    ('big5', 'big5', '\u4e2d\u6587', '\u53f0\u5317'),
    ('euc-kr', 'euc-kr', '\ud55c\uad6d\uc5b4', '\uc11c\uc6b8'),
    ('utf-8', 'utf-8', '\u00dcber', '\u2603 snow'),
]:
    name = 'enc-%s.xml' % enc
    open(name, 'wb').write((enc_doc % (enc, t1, t2)).encode(pyenc))
    E[name] = {"count": 1, "feed": {"title": t1}, "items": [{"i": 0, "title": t2}]}

def u16(name, bom, codec, decl):
    doc = '<?xml version="1.0" encoding="%s"?><rss version="2.0"><channel><title>UTF-16 \u00e9</title><item><title>\u4e2d \u00e9</title><guid>1</guid></item></channel></rss>' % decl
    open(name, 'wb').write(bom + doc.encode(codec))
    E[name] = {"count": 1, "feed": {"title": "UTF-16 \u00e9"}, "items": [{"i": 0, "title": "\u4e2d \u00e9"}]}
u16('enc-utf16le-bom.xml', b'\xff\xfe', 'utf-16-le', 'utf-16')
u16('enc-utf16be-bom.xml', b'\xfe\xff', 'utf-16-be', 'utf-16')
u16('enc-utf16le-nobom.xml', b'', 'utf-16-le', 'utf-16')
open('enc-utf8-bom.xml', 'wb').write(b'\xef\xbb\xbf' + (enc_doc % ('utf-8', 'BOM \u00e9', 'x')).encode())
E['enc-utf8-bom.xml'] = {"count": 1, "feed": {"title": "BOM \u00e9"}}
open('enc-http-overrides.xml', 'wb').write((enc_doc % ('utf-8', 'Caf\u00e9', 'x')).encode('cp1252'))
E['enc-http-overrides.xml'] = {"content_type": "application/rss+xml; charset=windows-1252", "count": 1, "feed": {"title": "Caf\u00e9"}}
open('enc-undeclared-latin1.xml', 'wb').write('<rss version="2.0"><channel><title>R\u00e9sum\u00e9 des activit\u00e9s de l\'organisation \u00e0 Gen\u00e8ve</title><item><title>\u00c9l\u00e8ve</title><guid>1</guid></item></channel></rss>'.encode('cp1252'))
E['enc-undeclared-latin1.xml'] = {"count": 1, "feed": {"title": "R\u00e9sum\u00e9 des activit\u00e9s de l'organisation \u00e0 Gen\u00e8ve"}}
open('enc-wrong-declared-utf8.xml', 'wb').write(b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>caf\xe9 cr\xe8me br\xfbl\xe9e</title></channel></rss>')
E['enc-wrong-declared-utf8.xml'] = {"count": 0, "feed_title_valid_utf8": True}

# --- dates ---
dates = [
    ('Tue, 26 May 2020 10:00:00 GMT', '2020-05-26T10:00:00Z'),
    ('Tue, 26 May 2020 10:00 GMT', '2020-05-26T10:00:00Z'),
    ('26 May 2020 10:00:00 +0000', '2020-05-26T10:00:00Z'),
    ('Tue, 26 May 20 10:00:00 EDT', '2020-05-26T14:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 PST', '2020-05-26T18:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 +0530', '2020-05-26T04:30:00Z'),
    ('2020-05-26T10:00:00Z', '2020-05-26T10:00:00Z'),
    ('2020-05-26T10:00:00.5-03:00', '2020-05-26T13:00:00.500Z'),
    ('2020-05-26', '2020-05-26T00:00:00Z'),
    ('2020-05-26 10:00:00', '2020-05-26T10:00:00Z'),
    ('Tuesday, 26-May-20 10:00:00 GMT', '2020-05-26T10:00:00Z'),
    ('garbage', 'unknown'),
    ('Tue, 32 May 2020 10:00:00 GMT', 'unknown'),
    ('0000-00-00 00:00:00', 'unknown'),
]
items = ''.join('<item><title>d%d</title><guid>d%d</guid><pubDate>%s</pubDate></item>\n' % (i, i, d) for i, (d, _) in enumerate(dates))
w('dates-mixed.rss', rss_doc(items), {"count": len(dates), "items": [{"i": i, "published": e, "published_raw": d} for i, (d, e) in enumerate(dates)]})

# --- bad documents (RELIABILITY corpus, small ones) ---
XXE = 'feed rejected: DOCTYPE with entity declarations is not allowed'
w('bad/xxe-file.xml', '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"><channel><title>&xxe;</title></channel></rss>\n', {"error": XXE})
w('bad/xxe-http.xml', '<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY xxe SYSTEM "http://169.254.169.254/latest/meta-data/">\n]>\n<rss version="2.0"><channel><title>&xxe;</title></channel></rss>\n', {"error": XXE})
lol = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' + ''.join(' <!ENTITY lol%d "%s">\n' % (i, ('&lol%d;' % (i - 1) if i > 1 else '&lol;') * 10) for i in range(1, 10)) + ']>\n<rss version="2.0"><channel><title>&lol9;</title></channel></rss>\n'
w('bad/billion-laughs.xml', lol, {"error": XXE})
w('bad/xxe-parameter.xml', '<?xml version="1.0"?>\n<!-- c --><!DOCTYPE r SYSTEM "x.dtd" [ <!ENTITY % p SYSTEM "http://evil/">%p; ]><rss/>', {"error": XXE})
w('bad/not-xml.html', '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</body></html>\n', {"error": "feed parse error at offset "})
w('bad/not-a-feed.xml', '<?xml version="1.0"?><html><body>fine xml, not a feed</body></html>', {"error": "feed rejected: root element <html> is not rss, rdf:RDF or feed"})
w('bad/truncated.xml', rss_doc('<item><title>complete</title><guid>1</guid></item>\n<item><title>cut off</tit')[:-len(RSS_TAIL)], {"error": "feed parse error at offset "})
w('bad/mismatched-tags.xml', '<rss version="2.0"><channel><title>x</title><item><title>a</item></channel></rss>', {"error": "feed parse error at offset "})
w('bad/unescaped-lt.xml', '<rss version="2.0"><channel><title>a < b</title></channel></rss>', {"error": "feed parse error at offset "})
w('bad/rss-no-channel.xml', '<rss version="2.0"><item><title>x</title></item></rss>', {"error": "feed rejected: <rss> without <channel>"})
w('bad/empty.xml', '', {"error": "feed parse error at offset 0: empty document"})
w('bad/whitespace-only.xml', '   \n\n  ', {"error": "feed parse error at offset 0: empty document"})
w('bad/binary.xml', b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', {"error": "feed parse error at offset "})
w('bad/json-broken.json', '{"version": "https://jsonfeed.org/version/1.1", "items": [ {"id": 1,, } ]}', {"media_type": "application/feed+json", "error": "feed parse error at offset "})
w('bad/json-not-feed.json', '{"hello": "world"}', {"media_type": "application/json", "error": "feed rejected: not a JSON Feed"})
open('bad/bad-encoding.xml', 'wb').write(b'<?xml version="1.0" encoding="x-unknown"?>\n<rss version="2.0"><channel><title>ok</title><item><title>bad \xff\xfe bytes</title><guid>1</guid></item></channel></rss>\n')
E['bad/bad-encoding.xml'] = {"count": 1, "items": [{"i": 0, "title_valid_utf8": True, "warnings_contains": "x-unknown"}]}
w('bad/rss-no-guid.xml', rss_doc('<item><title>No id 1</title><pubDate>Tue, 26 May 2020 10:00:00 GMT</pubDate><description>c1</description></item>\n<item><title>No id 2</title><description>c2</description></item>\n'),
  {"count": 2, "items": [{"i": 0, "native_id_prefix": "sha256:"}, {"i": 1, "native_id_prefix": "sha256:"}]})
w('bad/dates.xml', rss_doc('<item><title>y0</title><guid>1</guid><pubDate>Tue, 26 May 0000 10:00:00 GMT</pubDate></item>\n<item><title>y99999</title><guid>2</guid><pubDate>99999-05-26T10:00:00Z</pubDate></item>\n<item><title>inv</title><guid>3</guid><pubDate>the day after tomorrow</pubDate></item>\n<item><title>obs</title><guid>4</guid><pubDate>Tue, 26 May 2020 10:00:00 CDT</pubDate></item>\n<item><title>neg</title><guid>5</guid><pubDate>-86400</pubDate></item>\n'),
  {"count": 5, "items": [{"i": 0, "published": "unknown", "published_raw": "Tue, 26 May 0000 10:00:00 GMT"}, {"i": 1, "published": "unknown"}, {"i": 2, "published": "unknown", "warnings_contains": "date: unparseable"}, {"i": 3, "published": "2020-05-26T15:00:00Z"}, {"i": 4, "published": "unknown", "published_raw": "-86400"}]})
w('bad/js-links.xml', rss_doc('<item><title>a</title><guid>1</guid><link>javascript:alert(1)</link></item>\n<item><title>b</title><guid>2</guid><link>data:text/html;base64,PHNjcmlwdD4=</link></item>\n<item><title>c</title><guid>3</guid><link>file:///etc/passwd</link><enclosure url="file:///etc/shadow" type="text/plain" length="1"/></item>\n'),
  {"count": 3, "items": [{"i": 0, "link": "", "warnings_contains": "link dropped"}, {"i": 1, "link": ""}, {"i": 2, "link": "", "attachments": 0}]})
w('bad/entity-literal.xml', rss_doc('<item><title>A&nbsp;B &eacute;t&eacute;</title><guid>1</guid></item>\n<item><title>Unknown &zzzz; here</title><guid>2</guid></item>\n'),
  {"count": 2, "items": [{"i": 0, "title": "A B été"}, {"i": 1, "title": "Unknown &zzzz; here", "ext.unknown_entities": "zzzz"}]})
w('bad/nbsp-raw-title.xml', rss_doc('<item><title>A&nbsp;B</title><guid>1</guid><description>x&nbsp;y</description></item>\n'), {"count": 1, "items": [{"i": 0, "title": "A B", "body_html": "<p>x\u00a0y</p>"}]})

# --- odd but valid ---
w('odd-comments-pi.rss', '<?xml version="1.0"?>\n<!-- generated --><?xml-stylesheet href="s.xsl" type="text/xsl"?>\n<rss version="2.0"><channel><!-- c --><title>C</title><item><!-- i --><title>i</title><guid>1</guid></item></channel></rss>', {"count": 1, "feed": {"title": "C"}})
w('odd-uppercase-elements.rss', '<rss version="2.0"><channel><title>U</title><item><title>lower</title><guid>g</guid><pubDate>Tue, 26 May 2020 10:00:00 GMT</pubDate></item></channel></rss>', {"count": 1, "items": [{"i": 0, "published": "2020-05-26T10:00:00Z"}]})
w('odd-items-beside-channel.rss', '<rss version="0.91"><channel><title>B</title></channel><item><title>outside</title><link>http://b.example/o</link></item></rss>', {"count": 1, "items": [{"i": 0, "title": "outside"}]})
w('odd-crlf.rss', '<?xml version="1.0"?>\r\n<rss version="2.0">\r\n<channel>\r\n<title>CRLF</title>\r\n<item>\r\n<title>t</title>\r\n<guid>1</guid>\r\n<description>a\r\n\r\nb</description>\r\n</item>\r\n</channel>\r\n</rss>\r\n', {"count": 1, "items": [{"i": 0, "body_text": "a\n\nb"}]})
w('odd-guid-whitespace.rss', rss_doc('<item><title>t</title><guid>\n   ws-guid  \n</guid></item>\n'), {"count": 1, "items": [{"i": 0, "native_id": "ws-guid"}]})
w('odd-html-in-description-unescaped.rss', rss_doc('<item><title>t</title><guid>1</guid><description><p>Raw <b>markup</b></p></description></item>\n'), {"count": 1, "items": [{"i": 0, "body_text": "Raw markup", "body_html": "<p>Raw <b>markup</b></p>"}]})
w('odd-numeric-refs.rss', rss_doc('<item><title>&#233;&#x20AC;&#8212;</title><guid>1</guid></item>\n'), {"count": 1, "items": [{"i": 0, "title": "é€—"}]})
w('odd-double-escaped.rss', rss_doc('<item><title>Fish &amp;amp; Chips</title><guid>1</guid></item>\n'), {"count": 1, "items": [{"i": 0, "title": "Fish & Chips"}]})

json.dump(E, open('expected.json', 'w'), ensure_ascii=False, indent=1, sort_keys=True)
print(len(E))

# --- real-world shapes (appended) ---
E2 = {}
def w2(name, data, exp):
    open(name, 'wb').write(data.encode('utf-8'))
    E2[name] = exp
w2('rw-wordpress.rss', '''<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>
<channel>
	<title>Ministry of Example &#8211; Press</title>
	<atom:link href="https://gov.example/feed/" rel="self" type="application/rss+xml" />
	<link>https://gov.example</link>
	<description>Official press releases</description>
	<lastBuildDate>Thu, 28 May 2020 09:15:42 +0000</lastBuildDate>
	<language>en-US</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<generator>https://wordpress.org/?v=5.4.1</generator>
	<item>
		<title>Minister announces &#8220;new&#8221; aid package</title>
		<link>https://gov.example/2020/05/28/aid-package/</link>
		<comments>https://gov.example/2020/05/28/aid-package/#respond</comments>
		<dc:creator><![CDATA[Press Office]]></dc:creator>
		<pubDate>Thu, 28 May 2020 09:15:40 +0000</pubDate>
		<category><![CDATA[Announcements]]></category>
		<category><![CDATA[Health]]></category>
		<guid isPermaLink="false">https://gov.example/?p=4242</guid>
		<description><![CDATA[The Minister today announced an aid package worth &#36;10 million. [&#8230;]]]></description>
		<content:encoded><![CDATA[<p>The Minister today announced an aid package worth &#36;10&nbsp;million.</p>
<p><strong>Key points:</strong></p>
<ul>
<li>Support for clinics</li>
<li>Training for 500 nurses</li>
</ul>
<p>For more information contact <a href="mailto:press@gov.example">press@gov.example</a>.</p>
]]></content:encoded>
		<wfw:commentRss>https://gov.example/2020/05/28/aid-package/feed/</wfw:commentRss>
		<slash:comments>0</slash:comments>
	</item>
</channel>
</rss>
''', {"count": 1, "feed": {"title": "Ministry of Example – Press", "generator": "https://wordpress.org/?v=5.4.1", "updated": "2020-05-28T09:15:42Z", "language": "en-US"},
      "items": [{"i": 0, "title": "Minister announces “new” aid package", "native_id": "https://gov.example/?p=4242", "link": "https://gov.example/2020/05/28/aid-package/",
                 "authors": ["Press Office"], "tags": ["Announcements", "Health"], "summary": "The Minister today announced an aid package worth $10 million. […]",
                 "body_text": "The Minister today announced an aid package worth $10 million.\n\nKey points:\n\nSupport for clinics\nTraining for 500 nurses\n\nFor more information contact press@gov.example.",
                 "published": "2020-05-28T09:15:40Z"}]})
w2('rw-userland-ns.rss', '<?xml version="1.0"?><rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><title>Userland</title><link>http://u.example/</link><item><title>u1</title><guid>u1</guid></item></channel></rss>',
   {"count": 1, "feed": {"title": "Userland"}, "items": [{"i": 0, "title": "u1"}]})
w2('rw-podcast.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Briefings</title><link>https://pod.example/</link><itunes:author>Agency</itunes:author>
<item><title>Episode 12</title><guid isPermaLink="false">ep-12</guid><pubDate>Fri, 29 May 2020 06:00:00 -0400</pubDate>
<enclosure url="https://pod.example/audio/ep12.mp3?src=rss" length="31457280" type="audio/mpeg"/>
<itunes:duration>32:10</itunes:duration><description>Weekly briefing.</description></item></channel></rss>
''', {"count": 1, "items": [{"i": 0, "native_id": "ep-12", "published": "2020-05-29T10:00:00Z", "attachments": 1, "attachment0_uri": "https://pod.example/audio/ep12.mp3?src=rss", "attachment0_size": 31457280, "body_text": "Weekly briefing."}]})
w2('rw-google-alerts.atom', '''<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:idx="urn:atom-extension:indexing"><id>tag:google.com,2005:reader/user/1/state/com.google/alert/2</id><title>Google Alert - migration</title><link href="https://www.google.com/alerts/feeds/1/2" rel="self"></link><updated>2020-05-29T08:00:00Z</updated>
<entry><id>tag:google.com,2013:googlealerts/feed:123</id><title type="html">UN &lt;b&gt;migration&lt;/b&gt; agency says ...</title><link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://news.example/a&amp;ct=ga"></link><published>2020-05-29T07:45:00Z</published><updated>2020-05-29T07:45:00Z</updated><content type="html">The UN &lt;b&gt;migration&lt;/b&gt; agency said on Friday &lt;b&gt;...&lt;/b&gt;</content><author><name></name></author></entry></feed>
''', {"count": 1, "feed": {"title": "Google Alert - migration", "link": ""}, "items": [{"i": 0, "title": "UN migration agency says ...", "link": "https://www.google.com/url?rct=j&sa=t&url=https://news.example/a&ct=ga", "body_text": "The UN migration agency said on Friday ...", "authors": []}]})
w2('rw-utf8-multilingual.atom', '''<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>多言語 Ελληνικά العربية</title><id>m</id><updated>2020-01-01T00:00:00Z</updated>
<entry xml:lang="ar"><title>بيان صحفي</title><id>ar1</id><updated>2020-01-01T00:00:00Z</updated><content type="html">&lt;p dir="rtl"&gt;نص&lt;/p&gt;</content></entry>
<entry xml:lang="ja"><title>プレスリリース</title><id>ja1</id><updated>2020-01-01T00:00:00Z</updated></entry></feed>
''', {"count": 2, "feed": {"title": "多言語 Ελληνικά العربية"}, "items": [{"i": 0, "language": "ar", "title": "بيان صحفي", "body_html": "<p>نص</p>"}, {"i": 1, "language": "ja", "title": "プレスリリース"}]})
E.update(E2)
json.dump(E, open('expected.json', 'w'), ensure_ascii=False, indent=1, sort_keys=True)
print(len(E))
