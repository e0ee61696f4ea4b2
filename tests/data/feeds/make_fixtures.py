#!/usr/bin/env python3
# Regenerates the fixture files of this folder and expected.json: run it here after editing.
# The expectations below were written by hand from the inputs, never from decoder output.
# Writes the hand-written feed fixtures and expected.json (expectations written by hand here).
import hashlib, json, os
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
''', {"count": 1, "feed": {"link": "https://xb.example/root/"}, "items": [{"i": 0, "link": "https://xb.example/root/entries/e1.html", "body_html": "<a href=\"https://xb.example/abs/rel\">r</a>"}]})  # the content's own xml:base applies to its links

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
w('bad/not-xml.html', '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</body></html>\n', {"error": "feed parse error at offset ", "error_contains": "an HTML page, not a feed"})
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

# --- real-world shapes ---
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

# --- press offices, newswires and platforms (second set) ---
def content_hash(title, published, summary, content):
    # The documented fallback id: SHA-256 of title, date, summary and content as written.
    return 'sha256:' + hashlib.sha256('\n'.join([title, published, summary, content]).encode('utf-8')).hexdigest()

w('rw-govuk.atom', '''<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <id>https://www.gov.uk/search/news-and-communications</id>
  <link rel="self" type="application/atom+xml" href="https://www.gov.uk/search/news-and-communications.atom"/>
  <link rel="alternate" type="text/html" href="https://www.gov.uk/search/news-and-communications"/>
  <updated>2024-03-05T14:22:07+00:00</updated>
  <title>News and communications - Activity on GOV.UK</title>
  <author>
    <name>HM Government</name>
  </author>
  <entry>
    <id>https://www.gov.uk/government/news/new-flood-defences-completed#2024-03-05T14:22:07Z</id>
    <updated>2024-03-05T14:22:07+00:00</updated>
    <link rel="alternate" type="text/html" href="https://www.gov.uk/government/news/new-flood-defences-completed"/>
    <title>New flood defences completed in Yorkshire</title>
    <summary type="html">Press release: Schemes protect 2,000 homes &amp;amp; businesses</summary>
  </entry>
  <entry>
    <id>https://www.gov.uk/government/news/minister-visits-cardiff#2024-03-04T09:00:00Z</id>
    <updated>2024-03-04T10:00:00+01:00</updated>
    <link rel="alternate" type="text/html" href="https://www.gov.uk/government/news/minister-visits-cardiff"/>
    <title>Minister visits Cardiff</title>
    <summary type="html">News story</summary>
  </entry>
</feed>
''', {"format": "atom-1.0", "count": 2,
      "feed": {"title": "News and communications - Activity on GOV.UK", "link": "https://www.gov.uk/search/news-and-communications", "language": "en-GB", "updated": "2024-03-05T14:22:07Z"},
      "items": [{"i": 0, "native_id": "https://www.gov.uk/government/news/new-flood-defences-completed#2024-03-05T14:22:07Z",
                 "link": "https://www.gov.uk/government/news/new-flood-defences-completed", "title": "New flood defences completed in Yorkshire",
                 "body_text": "Press release: Schemes protect 2,000 homes & businesses", "published": "2024-03-05T14:22:07Z", "updated": "2024-03-05T14:22:07Z",
                 "authors": ["HM Government"], "language": "en-GB"},
                {"i": 1, "published": "2024-03-04T09:00:00Z", "body_text": "News story"}]})

w('rw-eu-presscorner.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>European Commission - Press releases</title>
<link>https://ec.europa.eu/commission/presscorner/home/en</link>
<description>Latest press releases of the European Commission</description>
<language>en</language>
<atom:link href="https://ec.europa.eu/commission/presscorner/api/rss?language=en&amp;pagesize=50" rel="self" type="application/rss+xml"/>
<item>
<title>Commission approves &#8364;1.2 billion Italian scheme to support SMEs</title>
<link>https://ec.europa.eu/commission/presscorner/detail/en/ip_24_1234</link>
<guid isPermaLink="false">IP/24/1234</guid>
<description>&lt;p&gt;The European Commission has approved, under EU State aid rules, a &#8364;1.2 billion Italian scheme.&lt;/p&gt;&lt;p&gt;Executive Vice-President Margrethe Vestager said: &#8220;This scheme will help.&#8221;&lt;/p&gt;</description>
<category>State aid</category>
<category>Competition</category>
<pubDate>Tue, 05 Mar 2024 12:00:00 +0100</pubDate>
</item>
<item>
<title>Daily News 05 / 03 / 2024</title>
<link>https://ec.europa.eu/commission/presscorner/detail/en/mex_24_1301</link>
<guid isPermaLink="false">MEX/24/1301</guid>
<description>Daily News</description>
<pubDate>Tue, 05 Mar 2024 12:05:00 +0100</pubDate>
</item>
</channel>
</rss>
''', {"format": "rss-2.0", "count": 2, "feed": {"title": "European Commission - Press releases", "link": "https://ec.europa.eu/commission/presscorner/home/en", "language": "en"},
      "items": [{"i": 0, "title": "Commission approves €1.2 billion Italian scheme to support SMEs", "native_id": "IP/24/1234",
                 "link": "https://ec.europa.eu/commission/presscorner/detail/en/ip_24_1234", "tags": ["State aid", "Competition"],
                 "published": "2024-03-05T11:00:00Z",
                 "body_text": "The European Commission has approved, under EU State aid rules, a €1.2 billion Italian scheme.\n\nExecutive Vice-President Margrethe Vestager said: “This scheme will help.”",
                 "summary": "The European Commission has approved, under EU State aid rules, a €1.2 billion Italian scheme."},
                {"i": 1, "native_id": "MEX/24/1301", "title": "Daily News 05 / 03 / 2024", "published": "2024-03-05T11:05:00Z"}]})

w('rw-un-news.rss', '''<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>UN News - Global perspective Human stories</title>
    <link>https://news.un.org/en</link>
    <description>Top stories</description>
    <language>en</language>
    <item>
  <title>Gaza: Aid convoys blocked, says UN relief chief</title>
  <link>https://news.un.org/en/story/2024/03/1147232</link>
  <description>The top UN humanitarian official said on Tuesday that convoys were blocked.</description>
  <enclosure url="https://global.unitednations.entermediadb.net/assets/mediadb/services/module/asset/downloads/preset/Libraries/Production+Library/05-03-2024-WFP-Gaza.jpg/image1170x530cropped.jpg" length="120423" type="image/jpeg" />
  <guid isPermaLink="false">147232 at https://news.un.org/en</guid>
  <pubDate>Tue, 05 Mar 2024 18:40:51 +0000</pubDate>
  <source url="https://news.un.org/feed/subscribe/en/news/all/rss.xml">UN News - Global perspective Human stories</source>
</item>
  </channel>
</rss>
''', {"count": 1, "items": [{"i": 0, "native_id": "147232 at https://news.un.org/en", "link": "https://news.un.org/en/story/2024/03/1147232",
       "attachments": 1, "attachment0_size": 120423,
       "attachment0_uri": "https://global.unitednations.entermediadb.net/assets/mediadb/services/module/asset/downloads/preset/Libraries/Production+Library/05-03-2024-WFP-Gaza.jpg/image1170x530cropped.jpg",
       "published": "2024-03-05T18:40:51Z", "body_text": "The top UN humanitarian official said on Tuesday that convoys were blocked.", "source_title": "UN News - Global perspective Human stories"}]})

w('rw-drupal-xml-base.rss', '''<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xml:base="https://www.unhcr-example.org/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Press releases | UNHCR Example</title>
    <link>https://www.unhcr-example.org/</link>
    <description></description>
    <language>en</language>
     <item>
    <title>UNHCR appeals for US$ 50 million</title>
    <link>https://www.unhcr-example.org/news/press/2024/3/unhcr-appeals</link>
    <description>&lt;p&gt;Read the &lt;a href=&quot;/sites/default/files/appeal.pdf&quot;&gt;appeal&lt;/a&gt; and see &lt;a href=&quot;news/photos&quot;&gt;photos&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;&lt;img src=&quot;/sites/default/files/styles/large/public/img.jpg?itok=abc&quot; alt=&quot;Refugees&quot; /&gt;&lt;/p&gt;</description>
     <pubDate>Tue, 05 Mar 2024 08:15:00 +0000</pubDate>
 <dc:creator>webmaster</dc:creator>
 <guid isPermaLink="false">4521 at https://www.unhcr-example.org</guid>
  </item>
  </channel>
</rss>
''', {"origin": "https://feeds.example.net/unhcr/rss.xml", "count": 1, "feed": {"subtitle": "", "link": "https://www.unhcr-example.org/"},
      "items": [{"i": 0, "native_id": "4521 at https://www.unhcr-example.org", "authors": ["webmaster"],
                 "body_html": "<p>Read the <a href=\"https://www.unhcr-example.org/sites/default/files/appeal.pdf\">appeal</a> and see <a href=\"https://www.unhcr-example.org/news/photos\">photos</a>.</p><p><img src=\"https://www.unhcr-example.org/sites/default/files/styles/large/public/img.jpg?itok=abc\" alt=\"Refugees\"></p>",
                 "body_text": "Read the appeal and see photos.", "published": "2024-03-05T08:15:00Z"}]})

w('rw-prnewswire.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
<channel>
<title>PR Newswire: news releases</title>
<link>https://www.prnewswire.com/</link>
<description>PR Newswire</description>
<language>en-us</language>
<copyright>Copyright 2024 PR Newswire. All Rights Reserved.</copyright>
<item>
<title>Acme Corp. Reports Fourth Quarter and Full Year 2023 Results</title>
<link>https://www.prnewswire.com/news-releases/acme-corp-reports-fourth-quarter-and-full-year-2023-results-302079821.html</link>
<description>NEW YORK, March 5, 2024 /PRNewswire/ -- Acme Corp. (NYSE: ACME) today reported revenue of $1.2&#160;billion ...</description>
<pubDate>Tue, 05 Mar 2024 13:30:00 -0500</pubDate>
<guid>https://www.prnewswire.com/news-releases/acme-corp-reports-fourth-quarter-and-full-year-2023-results-302079821.html</guid>
<dc:contributor>Acme Corp.</dc:contributor>
<dc:subject>ERN</dc:subject>
<dc:subject>CCA</dc:subject>
</item>
</channel>
</rss>
''', {"count": 1, "feed": {"language": "en-us"},
      "items": [{"i": 0, "title": "Acme Corp. Reports Fourth Quarter and Full Year 2023 Results",
                 "native_id": "https://www.prnewswire.com/news-releases/acme-corp-reports-fourth-quarter-and-full-year-2023-results-302079821.html",
                 "published": "2024-03-05T18:30:00Z", "authors": ["Acme Corp."], "tags": ["ERN", "CCA"], "language": "en-us",
                 "body_text": "NEW YORK, March 5, 2024 /PRNewswire/ -- Acme Corp. (NYSE: ACME) today reported revenue of $1.2 billion ..."}]})

w('rw-businesswire.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Business Wire Technology News</title>
    <link>http://www.businesswire.com</link>
    <description>The latest technology news from Business Wire</description>
    <ttl>15</ttl>
    <item>
      <title>Globex Announces Partnership With Initech</title>
      <link>http://www.businesswire.com/news/home/20240305123456/en/Globex-Announces-Partnership-With-Initech/?feedref=JjAwJuNHiystnCoBq_hl-Q</link>
      <guid isPermaLink="false">http://www.businesswire.com/news/home/20240305123456/en/Globex-Announces-Partnership-With-Initech</guid>
      <pubDate>Tue, 05 Mar 2024 14:00:00 UTC</pubDate>
      <description>SPRINGFIELD--(BUSINESS WIRE)--Globex Corporation today announced a partnership with Initech.</description>
      <category>Technology</category>
      <category>Software</category>
    </item>
  </channel>
</rss>
''', {"count": 1, "items": [{"i": 0, "native_id": "http://www.businesswire.com/news/home/20240305123456/en/Globex-Announces-Partnership-With-Initech",
       "link": "http://www.businesswire.com/news/home/20240305123456/en/Globex-Announces-Partnership-With-Initech/?feedref=JjAwJuNHiystnCoBq_hl-Q",
       "published": "2024-03-05T14:00:00Z", "tags": ["Technology", "Software"], "authors": []}]})

w('rw-globenewswire.rss', '''<?xml version="1.0" encoding="utf-8"?>
<rss xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
  <channel>
    <title>GlobeNewswire - News about Public Companies</title>
    <link>https://www.globenewswire.com/</link>
    <description>GlobeNewswire - News about Public Companies</description>
    <language>en</language>
    <copyright>Copyright 2024 GlobeNewswire, Inc. All Rights Reserved.</copyright>
    <item>
      <guid isPermaLink="false">2847561</guid>
      <link>https://www.globenewswire.com/news-release/2024/03/05/2847561/0/en/Umbrella-Corp-Announces-Dividend.html</link>
      <category domain="https://www.globenewswire.com/rss/subjectcode">Dividend Reports and Estimates</category>
      <category domain="https://www.globenewswire.com/rss/keyword">dividend</category>
      <title>Umbrella Corp. Announces Quarterly Dividend</title>
      <description>&lt;p align="justify"&gt;RACCOON CITY, March  05, 2024  (GLOBE NEWSWIRE) -- Umbrella Corp. declared a dividend of $0.25 per share.&lt;/p&gt;</description>
      <pubDate>Tue, 05 Mar 2024 21:05 GMT</pubDate>
      <dc:identifier>2847561</dc:identifier>
      <dc:language>en</dc:language>
      <dc:publisher>Umbrella Corp.</dc:publisher>
      <dc:contributor>Umbrella Corp.</dc:contributor>
      <dc:subject>Dividend Reports and Estimates</dc:subject>
      <dc:keyword>dividend</dc:keyword>
      <dc:modified>Tue, 05 Mar 2024 21:10 GMT</dc:modified>
    </item>
  </channel>
</rss>
''', {"count": 1, "items": [{"i": 0, "native_id": "2847561", "title": "Umbrella Corp. Announces Quarterly Dividend",
       "tags": ["Dividend Reports and Estimates", "dividend"], "authors": ["Umbrella Corp."],
       "published": "2024-03-05T21:05:00Z", "updated": "2024-03-05T21:10:00Z", "language": "en",
       "body_html": "<p>RACCOON CITY, March  05, 2024  (GLOBE NEWSWIRE) -- Umbrella Corp. declared a dividend of $0.25 per share.</p>",
       "body_text": "RACCOON CITY, March 05, 2024 (GLOBE NEWSWIRE) -- Umbrella Corp. declared a dividend of $0.25 per share."}]})

w('rw-blogger.atom', '''<?xml version='1.0' encoding='UTF-8'?><?xml-stylesheet href="http://www.blogger.com/styles/atom.css" type="text/css"?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:blogger='http://schemas.google.com/blogger/2008' xmlns:georss='http://www.georss.org/georss' xmlns:gd="http://schemas.google.com/g/2005" xmlns:thr='http://purl.org/syndication/thread/1.0'><id>tag:blogger.com,1999:blog-8461131050482672765</id><updated>2024-03-05T09:12:41.345-08:00</updated><category term="press"/><title type='text'>Field Notes from the Mission</title><subtitle type='html'>Updates from our field &amp;amp; country offices</subtitle><link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='https://fieldnotes.blogspot.com/feeds/posts/default'/><link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/8461131050482672765/posts/default'/><link rel='alternate' type='text/html' href='https://fieldnotes.blogspot.com/'/><author><name>Field Team</name><uri>http://www.blogger.com/profile/0123</uri><email>noreply@blogger.com</email><gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' height='16' src='https://img1.blogblog.com/img/b16-rounded.gif'/></author><generator version='7.00' uri='http://www.blogger.com'>Blogger</generator><openSearch:totalResults>1</openSearch:totalResults><entry><id>tag:blogger.com,1999:blog-8461131050482672765.post-5524468217435551234</id><published>2024-03-05T09:00:00.001-08:00</published><updated>2024-03-05T09:12:41.345-08:00</updated><category scheme="http://www.blogger.com/atom/ns#" term="Kenya"/><category scheme="http://www.blogger.com/atom/ns#" term="water"/><title type='text'>Wells in Turkana</title><content type='html'>&lt;div dir="ltr" style="text-align: left;" trbidi="on"&gt;New wells opened this week.&lt;br /&gt;&lt;br /&gt;&lt;div class="separator" style="clear: both; text-align: center;"&gt;&lt;a href="https://blogger.googleusercontent.com/img/b/R29v/s1600/well.jpg" style="margin-left: 1em;"&gt;&lt;img border="0" height="240" src="https://blogger.googleusercontent.com/img/b/R29v/s320/well.jpg" width="320" /&gt;&lt;/a&gt;&lt;/div&gt;Thanks to all donors.&lt;/div&gt;</content><link rel='replies' type='application/atom+xml' href='https://fieldnotes.blogspot.com/feeds/5524468217435551234/comments/default' title='Post Comments'/><link rel='replies' type='text/html' href='https://fieldnotes.blogspot.com/2024/03/wells-in-turkana.html#comment-form' title='0 Comments'/><link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/8461131050482672765/posts/default/5524468217435551234'/><link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/8461131050482672765/posts/default/5524468217435551234'/><link rel='alternate' type='text/html' href='https://fieldnotes.blogspot.com/2024/03/wells-in-turkana.html' title='Wells in Turkana'/><author><name>Amina</name><uri>http://www.blogger.com/profile/0456</uri><email>noreply@blogger.com</email><gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' height='16' src='https://img1.blogblog.com/img/b16-rounded.gif'/></author><media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="https://blogger.googleusercontent.com/img/b/R29v/s72-c/well.jpg" height="72" width="72"/><thr:total>0</thr:total></entry></feed>''',
  {"format": "atom-1.0", "count": 1,
   "feed": {"title": "Field Notes from the Mission", "subtitle": "Updates from our field & country offices", "link": "https://fieldnotes.blogspot.com/", "generator": "Blogger", "updated": "2024-03-05T17:12:41.345Z"},
   "items": [{"i": 0, "native_id": "tag:blogger.com,1999:blog-8461131050482672765.post-5524468217435551234",
              "link": "https://fieldnotes.blogspot.com/2024/03/wells-in-turkana.html", "title": "Wells in Turkana",
              "published": "2024-03-05T17:00:00.001Z", "updated": "2024-03-05T17:12:41.345Z", "authors": ["Amina"], "tags": ["Kenya", "water"],
              "attachments": 1, "attachment0_uri": "https://blogger.googleusercontent.com/img/b/R29v/s72-c/well.jpg",
              "body_text": "New wells opened this week.\n\nThanks to all donors.",
              "body_html": "<div>New wells opened this week.<br><br><div><a href=\"https://blogger.googleusercontent.com/img/b/R29v/s1600/well.jpg\"><img src=\"https://blogger.googleusercontent.com/img/b/R29v/s320/well.jpg\" width=\"320\" height=\"240\"></a></div>Thanks to all donors.</div>"}]})

w('rw-medium.rss', '''<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0" xmlns:cc="http://cyber.law.harvard.edu/rss/creativeCommonsRssModule.html"><channel><title><![CDATA[Stories by Open Data Lab on Medium]]></title><description><![CDATA[Stories by Open Data Lab on Medium]]></description><link>https://medium.com/@opendatalab?source=rss-1a2b3c4d5e6f------2</link><image><url>https://cdn-images-1.medium.com/fit/c/150/150/1*abc.png</url><title>Stories by Open Data Lab on Medium</title><link>https://medium.com/@opendatalab?source=rss-1a2b3c4d5e6f------2</link></image><generator>Medium</generator><lastBuildDate>Tue, 05 Mar 2024 10:20:31 GMT</lastBuildDate><atom:link href="https://medium.com/@opendatalab/feed" rel="self" type="application/rss+xml"/><webMaster><![CDATA[yourfriends@medium.com]]></webMaster><atom:link href="http://medium.superfeedr.com" rel="hub"/><item><title><![CDATA[Why we opened our procurement data]]></title><link>https://medium.com/@opendatalab/why-we-opened-our-procurement-data-9f8e7d6c5b4a?source=rss-1a2b3c4d5e6f------2</link><guid isPermaLink="false">https://medium.com/p/9f8e7d6c5b4a</guid><category><![CDATA[open-data]]></category><category><![CDATA[transparency]]></category><dc:creator><![CDATA[Open Data Lab]]></dc:creator><pubDate>Tue, 05 Mar 2024 10:00:12 GMT</pubDate><atom:updated>2024-03-05T10:05:41.123Z</atom:updated><content:encoded><![CDATA[<h3>Why we did it</h3><p>First paragraph.</p><figure><img alt="" src="https://cdn-images-1.medium.com/max/1024/1*abc.png" /><figcaption>Photo by Jane</figcaption></figure><p>Second <a href="https://opendata.example/">link</a>.</p><img src="https://medium.com/_/stat?event=post.clientViewed&referrerSource=full_rss&postId=9f8e7d6c5b4a" width="1" height="1" alt="">]]></content:encoded></item></channel></rss>''',
  {"count": 1, "feed": {"title": "Stories by Open Data Lab on Medium", "generator": "Medium", "updated": "2024-03-05T10:20:31Z", "link": "https://medium.com/@opendatalab?source=rss-1a2b3c4d5e6f------2"},
   "items": [{"i": 0, "title": "Why we opened our procurement data", "native_id": "https://medium.com/p/9f8e7d6c5b4a",
              "link": "https://medium.com/@opendatalab/why-we-opened-our-procurement-data-9f8e7d6c5b4a?source=rss-1a2b3c4d5e6f------2",
              "tags": ["open-data", "transparency"], "authors": ["Open Data Lab"], "published": "2024-03-05T10:00:12Z", "updated": "2024-03-05T10:05:41.123Z",
              "body_text": "Why we did it\n\nFirst paragraph.\n\nPhoto by Jane\n\nSecond link.", "summary": "Why we did it",
              "body_html": "<h3>Why we did it</h3><p>First paragraph.</p><figure><img src=\"https://cdn-images-1.medium.com/max/1024/1*abc.png\" alt=\"\"><figcaption>Photo by Jane</figcaption></figure><p>Second <a href=\"https://opendata.example/\">link</a>.</p><img src=\"https://medium.com/_/stat?event=post.clientViewed&amp;referrerSource=full_rss&amp;postId=9f8e7d6c5b4a\" alt=\"\" width=\"1\" height=\"1\">"}]})

w('rw-substack.rss', '''<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:googleplay="http://www.google.com/schemas/play-podcasts/1.0"><channel><title><![CDATA[Climate Desk Weekly]]></title><description><![CDATA[A weekly letter on climate policy]]></description><link>https://climatedesk.substack.com</link><image><url>https://substackcdn.com/image/fetch/w_256,c_limit,f_auto,q_auto:good/logo.png</url><title>Climate Desk Weekly</title><link>https://climatedesk.substack.com</link></image><generator>Substack</generator><lastBuildDate>Tue, 05 Mar 2024 16:44:09 GMT</lastBuildDate><atom:link href="https://climatedesk.substack.com/feed" rel="self" type="application/rss+xml"/><copyright><![CDATA[Climate Desk]]></copyright><language><![CDATA[en]]></language><webMaster><![CDATA[climatedesk@substack.com]]></webMaster><itunes:owner><itunes:email><![CDATA[climatedesk@substack.com]]></itunes:email><itunes:name><![CDATA[Climate Desk]]></itunes:name></itunes:owner><itunes:author><![CDATA[Climate Desk]]></itunes:author><googleplay:owner><![CDATA[climatedesk@substack.com]]></googleplay:owner><item><title><![CDATA[The week in carbon markets]]></title><description><![CDATA[Prices fell, permits rose, and a new registry opened.]]></description><link>https://climatedesk.substack.com/p/the-week-in-carbon-markets</link><guid isPermaLink="false">https://climatedesk.substack.com/p/the-week-in-carbon-markets</guid><dc:creator><![CDATA[Maria Lopez]]></dc:creator><pubDate>Tue, 05 Mar 2024 16:30:47 GMT</pubDate><enclosure url="https://substackcdn.com/image/fetch/w_1456,c_limit,f_auto,q_auto:good,fl_progressive:steep/https%3A%2F%2Fsubstack-post-media.s3.amazonaws.com%2Fpublic%2Fimages%2Fchart.png" length="0" type="image/jpeg"/><content:encoded><![CDATA[<p>Hello readers,</p><div class="subscription-widget-wrap" data-attrs="{&quot;url&quot;:&quot;https://climatedesk.substack.com/subscribe?&quot;}"><div class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">Thanks for reading! Subscribe for free.</p></div><form class="subscription-widget-subscribe"><input type="email" class="email-input" name="email" placeholder="Type your email…" tabindex="-1"><input type="submit" class="button primary" value="Subscribe"><div class="fake-input-wrapper"><div class="fake-input"></div></div></form></div></div><p>Second paragraph with <a href="https://climatedesk.substack.com/p/older" rel="">an older post</a>.</p>]]></content:encoded></item></channel></rss>''',
  {"count": 1, "feed": {"title": "Climate Desk Weekly", "language": "en", "generator": "Substack", "subtitle": "A weekly letter on climate policy"},
   "items": [{"i": 0, "title": "The week in carbon markets", "native_id": "https://climatedesk.substack.com/p/the-week-in-carbon-markets",
              "link": "https://climatedesk.substack.com/p/the-week-in-carbon-markets", "authors": ["Maria Lopez"], "published": "2024-03-05T16:30:47Z",
              "summary": "Prices fell, permits rose, and a new registry opened.", "attachments": 1, "attachment0_size": 0,
              "body_text": "Hello readers,\n\nThanks for reading! Subscribe for free.\n\nSecond paragraph with an older post.",
              "body_html": "<p>Hello readers,</p><div><div><div><p>Thanks for reading! Subscribe for free.</p></div></div></div><p>Second paragraph with <a href=\"https://climatedesk.substack.com/p/older\">an older post</a>.</p>"}]})

w('rw-youtube.atom', '''<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <link rel="self" href="http://www.youtube.com/feeds/videos.xml?channel_id=UCAbCdEfGhIjKlMnOpQrStUv"/>
 <id>yt:channel:AbCdEfGhIjKlMnOpQrStUv</id>
 <yt:channelId>AbCdEfGhIjKlMnOpQrStUv</yt:channelId>
 <title>Relief Agency</title>
 <link rel="alternate" href="https://www.youtube.com/channel/UCAbCdEfGhIjKlMnOpQrStUv"/>
 <author>
  <name>Relief Agency</name>
  <uri>https://www.youtube.com/channel/UCAbCdEfGhIjKlMnOpQrStUv</uri>
 </author>
 <published>2006-05-22T17:39:54+00:00</published>
 <entry>
  <id>yt:video:dQw4w9WgXcQ</id>
  <yt:videoId>dQw4w9WgXcQ</yt:videoId>
  <yt:channelId>UCAbCdEfGhIjKlMnOpQrStUv</yt:channelId>
  <title>Children in Sudan need help now</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"/>
  <author>
   <name>Relief Agency</name>
   <uri>https://www.youtube.com/channel/UCAbCdEfGhIjKlMnOpQrStUv</uri>
  </author>
  <published>2024-03-05T15:00:12+00:00</published>
  <updated>2024-03-05T16:10:01+00:00</updated>
  <media:group>
   <media:title>Children in Sudan need help now</media:title>
   <media:content url="https://www.youtube.com/v/dQw4w9WgXcQ?version=3" type="application/x-shockwave-flash" width="640" height="390"/>
   <media:thumbnail url="https://i3.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg" width="480" height="360"/>
   <media:description>Millions of children are at risk.

Donate: https://www.relief.example/donate</media:description>
   <media:community>
    <media:starRating count="120" average="5.00" min="1" max="5"/>
    <media:statistics views="3456"/>
   </media:community>
  </media:group>
 </entry>
</feed>
''', {"format": "atom-1.0", "count": 1, "feed": {"title": "Relief Agency", "link": "https://www.youtube.com/channel/UCAbCdEfGhIjKlMnOpQrStUv", "updated": ""},
      "items": [{"i": 0, "native_id": "yt:video:dQw4w9WgXcQ", "link": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Children in Sudan need help now",
                 "authors": ["Relief Agency"], "published": "2024-03-05T15:00:12Z", "updated": "2024-03-05T16:10:01Z",
                 "attachments": 2, "attachment0_uri": "https://www.youtube.com/v/dQw4w9WgXcQ?version=3",
                 "body_text": "Millions of children are at risk.\n\nDonate: https://www.relief.example/donate", "summary": "Millions of children are at risk."}]})

w('rw-mailchimp.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Friends of the River Newsletter Archive Feed</title>
<link>https://us5.campaign-archive.com/home/?u=a1b2c3&amp;id=d4e5f6</link>
<description>Newsletter Archive</description>
<atom:link href="https://us5.campaign-archive.com/feed?u=a1b2c3&amp;id=d4e5f6" rel="self" type="application/rss+xml"/>
<item>
<title>March update: rivers, forests &amp; you</title>
<pubDate>Tue, 05 Mar 2024 14:30:00 +0000</pubDate>
<link>https://us5.campaign-archive.com/?u=a1b2c3&amp;id=0123456789</link>
<guid>https://us5.campaign-archive.com/?u=a1b2c3&amp;id=0123456789</guid>
<description><![CDATA[<!doctype html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta charset="UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=edge"><title>March update</title>
<style type="text/css">p{margin:10px 0;padding:0;} table{border-collapse:collapse;}</style>
<script type="text/javascript">var mc = 1;</script></head>
<body><center><table align="center" border="0" cellpadding="0" cellspacing="0" height="100%" width="100%" id="bodyTable"><tr><td align="center" valign="top" id="bodyCell">
<table border="0" cellpadding="0" cellspacing="0" width="100%" class="mcnTextBlock"><tbody class="mcnTextBlockOuter"><tr><td valign="top" class="mcnTextBlockInner">
<h1>Rivers &amp; forests</h1>
<p>Dear friend,</p>
<p>This month we planted <strong>12,000</strong> trees.</p>
</td></tr></tbody></table>
<p><a href="https://example.us5.list-manage.com/track/click?u=a1b2c3&amp;id=99" target="_blank">Read more</a></p>
</td></tr></table></center>
<img src="https://example.us5.list-manage.com/track/open.php?u=a1b2c3&amp;id=0123456789" height="1" width="1" alt="">
</body></html>]]></description>
</item>
</channel>
</rss>
''', {"count": 1, "feed": {"link": "https://us5.campaign-archive.com/home/?u=a1b2c3&id=d4e5f6"},
      "items": [{"i": 0, "title": "March update: rivers, forests & you", "native_id": "https://us5.campaign-archive.com/?u=a1b2c3&id=0123456789",
                 "link": "https://us5.campaign-archive.com/?u=a1b2c3&id=0123456789", "published": "2024-03-05T14:30:00Z",
                 "body_text": "Rivers & forests\n\nDear friend,\n\nThis month we planted 12,000 trees.\n\nRead more", "summary": "Rivers & forests"}]})

w('rw-podcast-itunes-only.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Health Briefing Podcast</title>
<link>https://health.example.gov/podcast</link>
<language>en-au</language>
<description>Weekly health briefings</description>
<itunes:author>Department of Health</itunes:author>
<itunes:category text="Health &amp; Fitness"><itunes:category text="Medicine"/></itunes:category>
<itunes:explicit>false</itunes:explicit>
<itunes:image href="https://health.example.gov/podcast/cover.jpg"/>
<item>
<title>Episode 41: Measles update</title>
<itunes:title>Measles update</itunes:title>
<itunes:episode>41</itunes:episode>
<itunes:author>Chief Medical Officer</itunes:author>
<itunes:summary>The Chief Medical Officer explains the measles outbreak response.</itunes:summary>
<enclosure url="https://traffic.megaphone.fm/ABC1234567.mp3?updated=1709650000" length="0" type="audio/mpeg"/>
<guid isPermaLink="false">a6f0e3a2-5f5e-11ee-8c99-0242ac120002</guid>
<pubDate>Wed, 06 Mar 2024 08:00:00 +1100</pubDate>
<itunes:duration>1405</itunes:duration>
<itunes:image href="https://health.example.gov/podcast/ep41.jpg"/>
</item>
<item>
<title>Episode 40</title>
<description><![CDATA[<p>Show notes with <a href="https://health.example.gov/measles">links</a>.</p>]]></description>
<itunes:summary>Plain summary that does not replace the description.</itunes:summary>
<author>podcast@health.example.gov (Health Podcast Team)</author>
<itunes:author>Someone Else</itunes:author>
<enclosure url="https://traffic.megaphone.fm/ABC1234566.mp3" length="22345678" type="audio/mpeg"/>
<guid isPermaLink="false">ep-40</guid>
<pubDate>Wed, 28 Feb 2024 08:00:00 +1100</pubDate>
</item>
</channel>
</rss>
''', {"count": 2, "items": [{"i": 0, "native_id": "a6f0e3a2-5f5e-11ee-8c99-0242ac120002", "title": "Episode 41: Measles update", "authors": ["Chief Medical Officer"],
       "body_text": "The Chief Medical Officer explains the measles outbreak response.", "published": "2024-03-05T21:00:00Z", "language": "en-au",
       "attachments": 1, "attachment0_uri": "https://traffic.megaphone.fm/ABC1234567.mp3?updated=1709650000", "attachment0_size": 0},
      {"i": 1, "authors": ["Health Podcast Team"], "body_text": "Show notes with links.", "attachments": 1, "attachment0_size": 22345678, "published": "2024-02-27T21:00:00Z"}]})

w('rw-georss.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:georss="http://www.georss.org/georss" xmlns:geo="http://www.w3.org/2003/01/geo/wgs84_pos#">
<channel>
<title>USGS Magnitude 2.5+ Earthquakes, Past Day</title>
<link>https://earthquake.usgs.gov/earthquakes/</link>
<description>Real-time, worldwide earthquake list for the past day</description>
<item>
<title>M 4.6 - 10 km SW of Saumlaki, Indonesia</title>
<link>https://earthquake.usgs.gov/earthquakes/eventpage/us7000m1ab</link>
<guid isPermaLink="false">us7000m1ab</guid>
<pubDate>Tue, 05 Mar 2024 21:11:09 GMT</pubDate>
<description><![CDATA[<dl><dt>Time</dt><dd>2024-03-05 21:11:09 UTC</dd><dt>Depth</dt><dd>10.00 km (6.21 mi)</dd></dl>]]></description>
<georss:point>-8.0234 131.2567</georss:point>
<geo:lat>-8.0234</geo:lat>
<geo:long>131.2567</geo:long>
<georss:elev>-10000</georss:elev>
<category>Past Day</category>
</item>
</channel>
</rss>
''', {"count": 1, "items": [{"i": 0, "native_id": "us7000m1ab", "title": "M 4.6 - 10 km SW of Saumlaki, Indonesia", "tags": ["Past Day"], "published": "2024-03-05T21:11:09Z",
       "body_text": "Time\n2024-03-05 21:11:09 UTC\nDepth\n10.00 km (6.21 mi)", "attachments": 0}]})

w('rw-rss1-dc-content.rdf', '''<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xml:lang="ja">
<channel rdf:about="https://www.mofa.example.jp/rss/press.rdf">
<title>外務省 報道発表</title>
<link>https://www.mofa.example.jp/press/</link>
<description>報道発表の新着情報</description>
<dc:language>ja</dc:language>
<dc:date>2024-03-05T18:00:00+09:00</dc:date>
<items><rdf:Seq><rdf:li rdf:resource="https://www.mofa.example.jp/press/release/pressit_000001_00123.html"/></rdf:Seq></items>
</channel>
<item rdf:about="https://www.mofa.example.jp/press/release/pressit_000001_00123.html">
<title>日・ケニア首脳会談</title>
<link>https://www.mofa.example.jp/press/release/pressit_000001_00123.html</link>
<description>本日、首脳会談が行われました。</description>
<content:encoded><![CDATA[<p>本日、首脳会談が行われました。</p><p>詳細は<a href="/files/100123.pdf">こちら</a>。</p>]]></content:encoded>
<dc:subject>外交</dc:subject>
<dc:date>2024-03-05T17:30:00+09:00</dc:date>
</item>
</rdf:RDF>
''', {"origin": "https://www.mofa.example.jp/rss/press.rdf", "format": "rss-1.0", "count": 1,
      "feed": {"title": "外務省 報道発表", "language": "ja", "updated": "2024-03-05T09:00:00Z", "subtitle": "報道発表の新着情報"},
      "items": [{"i": 0, "native_id": "https://www.mofa.example.jp/press/release/pressit_000001_00123.html", "title": "日・ケニア首脳会談",
                 "published": "2024-03-05T08:30:00Z", "tags": ["外交"], "language": "ja", "summary": "本日、首脳会談が行われました。",
                 "body_text": "本日、首脳会談が行われました。\n\n詳細はこちら。",
                 "body_html": "<p>本日、首脳会談が行われました。</p><p>詳細は<a href=\"https://www.mofa.example.jp/files/100123.pdf\">こちら</a>。</p>"}]})

w('rw-slashdot.rdf', '''<?xml version="1.0" encoding="ISO-8859-1"?>
<rdf:RDF
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
 xmlns:taxo="http://purl.org/rss/1.0/modules/taxonomy/"
 xmlns:admin="http://webns.net/mvcb/"
 xmlns:syn="http://purl.org/rss/1.0/modules/syndication/"
>
<channel rdf:about="https://science.example.org/">
<title>Science News</title>
<link>https://science.example.org/</link>
<description>News for nerds</description>
<dc:language>en-us</dc:language>
<dc:rights>Copyright 1997-2024</dc:rights>
<dc:date>2024-03-05T20:40:04+00:00</dc:date>
<dc:publisher>Science Media</dc:publisher>
<admin:generatorAgent rdf:resource="https://science.example.org/"/>
<syn:updatePeriod>hourly</syn:updatePeriod>
<syn:updateFrequency>1</syn:updateFrequency>
<items>
 <rdf:Seq>
  <rdf:li rdf:resource="https://science.example.org/story/24/03/05/2041234/probe-finds-water?utm_source=rss1.0mainlinkanon&amp;utm_medium=feed" />
 </rdf:Seq>
</items>
</channel>
<item rdf:about="https://science.example.org/story/24/03/05/2041234/probe-finds-water?utm_source=rss1.0mainlinkanon&amp;utm_medium=feed">
<title>Probe Finds Water Ice Near Lunar South Pole</title>
<link>https://science.example.org/story/24/03/05/2041234/probe-finds-water?utm_source=rss1.0mainlinkanon&amp;utm_medium=feed</link>
<description>An anonymous reader writes: "The probe's spectrometer detected ice." &lt;p&gt;&lt;div class="share_submission"&gt;&lt;/div&gt;&lt;/p&gt;</description>
<dc:creator>msmash</dc:creator>
<dc:date>2024-03-05T20:40:00+00:00</dc:date>
<dc:subject>space</dc:subject>
<slash:department>cold-comfort</slash:department>
<slash:section>science</slash:section>
<slash:comments>42</slash:comments>
<slash:hit_parade>42,40,30,20,5,2,1</slash:hit_parade>
</item>
</rdf:RDF>
''', {"format": "rss-1.0", "count": 1, "feed": {"title": "Science News", "language": "en-us", "updated": "2024-03-05T20:40:04Z", "generator": "https://science.example.org/"},
      "items": [{"i": 0, "native_id": "https://science.example.org/story/24/03/05/2041234/probe-finds-water?utm_source=rss1.0mainlinkanon&utm_medium=feed",
                 "authors": ["msmash"], "tags": ["space"], "published": "2024-03-05T20:40:00Z",
                 "body_text": "An anonymous reader writes: \"The probe's spectrometer detected ice.\""}]})

w('rw-ngo-wordpress.rss', '''<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>Water For All &#8211; News</title>
	<atom:link href="https://waterforall.example/category/news/feed/" rel="self" type="application/rss+xml" />
	<link>https://waterforall.example</link>
	<description>Clean water, everywhere</description>
	<lastBuildDate>Tue, 05 Mar 2024 11:02:33 +0000</lastBuildDate>
	<language>en-GB</language>
	<sy:updatePeriod>
	hourly	</sy:updatePeriod>
	<sy:updateFrequency>
	1	</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.4.3</generator>

<image>
	<url>https://waterforall.example/wp-content/uploads/2023/01/cropped-icon-32x32.png</url>
	<title>Water For All &#8211; News</title>
	<link>https://waterforall.example</link>
	<width>32</width>
	<height>32</height>
</image> 
<site xmlns="com-wordpress:feed-additions:1">187654321</site>	<item>
		<title>Volunteers&#8217; week: 500 wells &#038; counting</title>
		<link>https://waterforall.example/2024/03/05/volunteers-week/</link>
					<comments>https://waterforall.example/2024/03/05/volunteers-week/#respond</comments>
		
		<dc:creator><![CDATA[Communications Team]]></dc:creator>
		<pubDate>Tue, 05 Mar 2024 11:02:31 +0000</pubDate>
				<category><![CDATA[News]]></category>
		<category><![CDATA[Volunteers]]></category>
		<guid isPermaLink="false">https://waterforall.example/?p=2187</guid>

					<description><![CDATA[<p>This week we celebrate the volunteers who built our 500th well. [&#8230;]</p>
<p>The post <a rel="nofollow" href="https://waterforall.example/2024/03/05/volunteers-week/">Volunteers&#8217; week: 500 wells &#038; counting</a> appeared first on <a rel="nofollow" href="https://waterforall.example">Water For All</a>.</p>
]]></description>
										<content:encoded><![CDATA[
<p>This week we celebrate the volunteers who built our 500th well.</p>



<figure class="wp-block-image size-large"><img decoding="async" fetchpriority="high" width="1024" height="683" src="https://waterforall.example/wp-content/uploads/2024/03/well-1024x683.jpg" alt="Volunteers at a new well" class="wp-image-2190" srcset="https://waterforall.example/wp-content/uploads/2024/03/well-1024x683.jpg 1024w, https://waterforall.example/wp-content/uploads/2024/03/well-300x200.jpg 300w" sizes="(max-width: 1024px) 100vw, 1024px" /><figcaption class="wp-element-caption">Volunteers at a new well. Photo: WFA</figcaption></figure>



<p>&#8220;It&#8217;s hard work,&#8221; said one.</p>
<p>The post <a rel="nofollow" href="https://waterforall.example/2024/03/05/volunteers-week/">Volunteers&#8217; week: 500 wells &#038; counting</a> appeared first on <a rel="nofollow" href="https://waterforall.example">Water For All</a>.</p>
]]></content:encoded>
					<wfw:commentRss>https://waterforall.example/2024/03/05/volunteers-week/feed/</wfw:commentRss>
			<slash:comments>0</slash:comments>
		
		<post-id xmlns="com-wordpress:feed-additions:1">2187</post-id>	</item>
	</channel>
</rss>
''', {"count": 1, "feed": {"title": "Water For All – News", "link": "https://waterforall.example", "language": "en-GB", "updated": "2024-03-05T11:02:33Z", "generator": "https://wordpress.org/?v=6.4.3"},
      "items": [{"i": 0, "title": "Volunteers’ week: 500 wells & counting", "native_id": "https://waterforall.example/?p=2187", "link": "https://waterforall.example/2024/03/05/volunteers-week/",
                 "authors": ["Communications Team"], "tags": ["News", "Volunteers"], "published": "2024-03-05T11:02:31Z",
                 "summary": "This week we celebrate the volunteers who built our 500th well. […]\n\nThe post Volunteers’ week: 500 wells & counting appeared first on Water For All.",
                 "body_text": "This week we celebrate the volunteers who built our 500th well.\n\nVolunteers at a new well. Photo: WFA\n\n“It’s hard work,” said one.\n\nThe post Volunteers’ week: 500 wells & counting appeared first on Water For All.",
                 "body_html": "<p>This week we celebrate the volunteers who built our 500th well.</p>\n\n\n\n<figure><img src=\"https://waterforall.example/wp-content/uploads/2024/03/well-1024x683.jpg\" alt=\"Volunteers at a new well\" width=\"1024\" height=\"683\"><figcaption>Volunteers at a new well. Photo: WFA</figcaption></figure>\n\n\n\n<p>“It’s hard work,” said one.</p>\n<p>The post <a href=\"https://waterforall.example/2024/03/05/volunteers-week/\">Volunteers’ week: 500 wells &amp; counting</a> appeared first on <a href=\"https://waterforall.example\">Water For All</a>.</p>\n"}]})

w('rw-whitehouse-edt.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Briefing Room</title>
<link>https://www.whitehouse.example/briefing-room/</link>
<description>Statements and releases</description>
<language>en-US</language>
<item>
<title>Statement from the Press Secretary on the Supplemental Request</title>
<link>https://www.whitehouse.example/briefing-room/statements-releases/2024/03/05/statement/</link>
<dc:creator><![CDATA[The White House]]></dc:creator>
<pubDate>Tue, 05 Mar 2024 17:31:00 EST</pubDate>
<guid isPermaLink="false">https://www.whitehouse.example/?p=98765</guid>
</item>
<item>
<title>Remarks by the President at a Campaign Event</title>
<link>https://www.whitehouse.example/briefing-room/speeches-remarks/2024/07/04/remarks/</link>
<pubDate>Thu, 04 Jul 2024 19:05:00 EDT</pubDate>
<guid isPermaLink="false">https://www.whitehouse.example/?p=99999</guid>
</item>
</channel>
</rss>
''', {"count": 2, "items": [{"i": 0, "published": "2024-03-05T22:31:00Z", "authors": ["The White House"], "native_id": "https://www.whitehouse.example/?p=98765"},
                           {"i": 1, "published": "2024-07-04T23:05:00Z", "authors": [], "body_text": "", "summary": ""}]})

w('rss091-userland-doctype.rss', b'''<?xml version="1.0" encoding="windows-1252"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91">
<channel>
<title>Scripting News</title>
<link>http://www.scripting.com/</link>
<description>A weblog about scripting and stuff like that.</description>
<language>en-us</language>
<copyright>Copyright 1997-2002 Dave Winer</copyright>
<managingEditor>dave@scripting.com</managingEditor>
<webMaster>dave@scripting.com</webMaster>
<image>
<title>Scripting News</title>
<url>http://www.scripting.com/gifs/tinyScriptingNews.gif</url>
<link>http://www.scripting.com/</link>
<width>78</width>
<height>40</height>
</image>
<item>
<title>Giving the world a pluggable Gnutella</title>
<link>http://www.scripting.com/2002/09/30.html#when:6:56:02PM</link>
<description>WorldOS is a framework on which to build programs that work like Freenet or Gnutella \x96 allowing distributed applications using peer-to-peer routing. \x93Pretty cool.\x94</description>
</item>
<item>
<title>Syndication discussions</title>
<description>Some short news.</description>
</item>
</channel>
</rss>
''', {"format": "rss-0.91", "count": 2, "feed": {"title": "Scripting News", "language": "en-us"},
      "items": [{"i": 0, "link": "http://www.scripting.com/2002/09/30.html#when:6:56:02PM", "native_id": "http://www.scripting.com/2002/09/30.html#when:6:56:02PM",
                 "body_text": "WorldOS is a framework on which to build programs that work like Freenet or Gnutella – allowing distributed applications using peer-to-peer routing. “Pretty cool.”"},
                {"i": 1, "link": "", "native_id": content_hash("Syndication discussions", "", "Some short news.", ""), "published": "unknown", "published_raw": ""}]})

w('rss2-doctype-internal-subset-no-entities.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [
  <!ELEMENT rss ANY>
  <!ATTLIST rss version CDATA #REQUIRED>
  <!-- <!ENTITY commented "not a declaration"> -->
]>
<rss version="2.0"><channel><title>Subset without entities</title><link>https://subset.example/</link>
<item><title>Kept</title><guid>subset-1</guid><description>The DOCTYPE declares elements, not entities.</description></item>
</channel></rss>
''', {"count": 1, "feed": {"title": "Subset without entities"}, "items": [{"i": 0, "title": "Kept", "body_text": "The DOCTYPE declares elements, not entities."}]})

w('bad/doctype-entity-rss091.rss', '''<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd" [
  <!ENTITY copy "&#169;">
  <!ENTITY org "Example Organization">
]>
<rss version="0.91"><channel><title>&org; news</title><link>http://old.example/</link><description>&copy; 2001</description>
<item><title>Item</title><link>http://old.example/1</link></item></channel></rss>
''', {"error": XXE})

w('bad/doctype-entity-lowercase.xml', '''<?xml version="1.0"?>
<!doctype feed [ <!ENTITY  name   SYSTEM  "file:///etc/hostname" > ]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&name;</title></feed>
''', {"error": XXE})

# --- RSS features (second set) ---
w('rss2-categories-domain.rss', rss_doc('''<item>
<title>Categories with domains</title>
<guid isPermaLink="false">cat-1</guid>
<category domain="https://www.iom.int/taxonomy/region">East and Horn of Africa</category>
<category domain="https://www.iom.int/taxonomy/topic">Migration Health</category>
<category>  Press   Release  </category>
<category domain="https://www.iom.int/taxonomy/topic">Migration Health</category>
<category></category>
<dc:subject>Ethiopia</dc:subject>
</item>
'''), {"count": 1, "items": [{"i": 0, "tags": ["East and Horn of Africa", "Migration Health", "Press Release", "Ethiopia"]}]})

w('rss2-multiple-enclosures.rss', rss_doc('''<item>
<title>Report and photos</title>
<guid isPermaLink="false">enc-2</guid>
<enclosure url="https://www.iom.int/sites/g/files/report.pdf" length="1048576" type="application/pdf" />
<enclosure url="photos/1.jpg" length="" type="image/jpeg" />
<enclosure url="javascript:alert(1)" length="1" type="text/html" />
<enclosure length="5" type="image/png" />
</item>
'''), {"count": 1, "items": [{"i": 0, "attachments": 2, "attachment0_uri": "https://www.iom.int/sites/g/files/report.pdf", "attachment0_size": 1048576, "warnings_contains": "link dropped"}]})

w('rss2-media-rss.rss', rss_doc('''<item>
<title>Photo essay</title>
<guid isPermaLink="false">media-2</guid>
<link>https://www.iom.int/photo-essay</link>
<media:content url="https://cdn.iom.int/essay/1.jpg" medium="image" type="image/jpeg" width="1200" height="800">
  <media:title type="plain">Arrival at the border</media:title>
  <media:description type="plain">Families arrive at dawn.</media:description>
  <media:credit role="photographer">Jane Doe</media:credit>
</media:content>
<media:content url="https://cdn.iom.int/essay/2.jpg" medium="image" type="image/jpeg" fileSize="204800"/>
<media:thumbnail url="https://cdn.iom.int/essay/1-thumb.jpg" width="150" height="100"/>
</item>
'''), {"count": 1, "items": [{"i": 0, "attachments": 3, "attachment0_uri": "https://cdn.iom.int/essay/1.jpg", "link": "https://www.iom.int/photo-essay", "title": "Photo essay"}]})

w('rss2-relative-no-origin.rss', '''<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Dropped file</title><link>https://ministry.example/press/</link><description>d</description>
<item><title>Relative</title><link>releases/2024-03-05.html</link><description>&lt;a href="../contact"&gt;Contact&lt;/a&gt; &lt;img src="/logo.png" alt="logo"&gt;</description>
<enclosure url="files/r.pdf" length="10" type="application/pdf"/></item>
</channel></rss>
''', {"origin": "file:///srv/drops/feed.rss", "count": 1, "feed": {"link": "https://ministry.example/press/"},
      "items": [{"i": 0, "link": "https://ministry.example/press/releases/2024-03-05.html", "native_id": "https://ministry.example/press/releases/2024-03-05.html",
                 "attachment0_uri": "https://ministry.example/press/files/r.pdf",
                 "body_html": "<a href=\"https://ministry.example/contact\">Contact</a> <img src=\"https://ministry.example/logo.png\" alt=\"logo\">", "body_text": "Contact"}]})

w('rss2-guid-permalink.rss', rss_doc('''<item>
<title>Permalink guid, no link</title>
<guid>https://www.iom.int/news/permalink-guid</guid>
</item>
<item>
<title>Not a permalink</title>
<guid isPermaLink="false">https://www.iom.int/news/?p=77</guid>
</item>
<item>
<title>Permalink attribute true but not a URL</title>
<guid isPermaLink="true">urn:iom:press:78</guid>
</item>
'''), {"count": 3, "items": [{"i": 0, "link": "https://www.iom.int/news/permalink-guid", "native_id": "https://www.iom.int/news/permalink-guid"},
                            {"i": 1, "link": "", "native_id": "https://www.iom.int/news/?p=77"},
                            {"i": 2, "link": "", "native_id": "urn:iom:press:78"}]})

w('rss2-duplicate-guids.rss', rss_doc('''<item><title>First copy</title><guid>dup-1</guid><description>one</description></item>
<item><title>Other</title><guid>dup-2</guid></item>
<item><title>Second copy</title><guid>dup-1</guid><description>two</description></item>
<item><title>Third copy</title><guid> dup-1 </guid></item>
'''), {"count": 2, "items": [{"i": 0, "title": "First copy", "body_text": "one", "ext.duplicates_in_feed": "2"}, {"i": 1, "native_id": "dup-2"}]})

w('rss2-source-comments.rss', rss_doc('''<item>
<title>Syndicated</title>
<link>https://www.iom.int/news/syndicated</link>
<comments>https://www.iom.int/news/syndicated#comments</comments>
<source url="https://partner.example/rss">Partner Agency</source>
<author>Maria Moreno</author>
</item>
'''), {"count": 1, "items": [{"i": 0, "authors": ["Maria Moreno"], "link": "https://www.iom.int/news/syndicated", "source_title": "IOM News"}]})

# --- Atom features (second set) ---
w('atom-xhtml-summary-content.atom', atom_doc('''<entry>
<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Budget <em>2024</em> &amp; beyond</div></title>
<id>tag:atom.example,2024:xhtml-2</id><updated>2024-03-05T10:00:00Z</updated>
<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The <strong>summary</strong>.</p></div></summary>
<content type="xhtml" xml:base="https://atom.example/budget/"><div xmlns="http://www.w3.org/1999/xhtml"><p>See the <a href="tables.html">tables</a>.</p><p>Second&#160;paragraph.</p></div></content>
</entry>
'''), {"count": 1, "items": [{"i": 0, "title": "Budget 2024 & beyond", "summary": "The summary.", "body_text": "See the tables.\n\nSecond paragraph.",
       "body_html": "<p>See the <a href=\"https://atom.example/budget/tables.html\">tables</a>.</p><p>Second\u00a0paragraph.</p>"}]})

w('atom-content-xml-base.atom', '''<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-US" xml:base="https://blog.example/wp-atom.php">
	<title type="text">Ministry Blog</title>
	<subtitle type="text">Notes from the ministry</subtitle>
	<updated>2024-03-05T12:00:00Z</updated>
	<link rel="alternate" type="text/html" href="https://blog.example" />
	<id>https://blog.example/feed/atom/</id>
	<generator uri="https://wordpress.org/" version="6.4.3">WordPress</generator>
	<entry>
		<author><name>Editor</name><uri>https://blog.example</uri></author>
		<title type="html"><![CDATA[Open data day]]></title>
		<link rel="alternate" type="text/html" href="https://blog.example/2024/03/05/open-data-day/" />
		<id>https://blog.example/?p=501</id>
		<updated>2024-03-05T12:00:00Z</updated>
		<published>2024-03-05T11:00:00Z</published>
		<category scheme="https://blog.example" term="Events" />
		<summary type="html"><![CDATA[Join us for <a href="register/">open data day</a>.]]></summary>
		<content type="html" xml:base="https://blog.example/2024/03/05/open-data-day/"><![CDATA[<p>Join us for <a href="register/">open data day</a>.</p><p><img src="../../../../wp-content/uploads/banner.png" alt="Banner" /></p>]]></content>
	</entry>
</feed>
''', {"count": 1, "feed": {"title": "Ministry Blog", "link": "https://blog.example", "generator": "WordPress", "language": "en-US"},
      "items": [{"i": 0, "native_id": "https://blog.example/?p=501", "title": "Open data day", "published": "2024-03-05T11:00:00Z", "updated": "2024-03-05T12:00:00Z",
                 "authors": ["Editor"], "tags": ["Events"], "summary": "Join us for open data day.", "body_text": "Join us for open data day.",
                 "body_html": "<p>Join us for <a href=\"https://blog.example/2024/03/05/open-data-day/register/\">open data day</a>.</p><p><img src=\"https://blog.example/wp-content/uploads/banner.png\" alt=\"Banner\"></p>"}]})

w('atom-links-rels.atom', atom_doc('''<entry><title>Links</title><id>tag:atom.example,2024:links</id><updated>2024-03-05T10:00:00Z</updated>
<link rel="self" type="application/atom+xml" href="https://atom.example/entries/links.atom"/>
<link rel="edit" href="https://atom.example/edit/links"/>
<link rel="related" type="text/html" href="https://other.example/story"/>
<link rel="via" href="https://via.example/"/>
<link rel="replies" type="text/html" href="https://atom.example/links#comments"/>
<link rel="enclosure" type="image/png" length="2048" title="Chart" href="charts/links.png"/>
<link href="/en/links"/>
</entry>
'''), {"count": 1, "items": [{"i": 0, "link": "https://example.org/en/links", "attachments": 1, "attachment0_uri": "https://example.org/news/charts/links.png", "attachment0_size": 2048}]})

w('atom-relative-xml-base.atom', '''<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/press/">
<title>Agency press</title><id>urn:agency:press</id><updated>2024-03-05T10:00:00Z</updated>
<link href="."/>
<entry xml:base="2024/"><title>Release</title><id>urn:agency:press:1</id><updated>2024-03-05T10:00:00Z</updated>
<link href="03/05/release.html"/>
<content type="html">&lt;a href="../../contact.html"&gt;Contact us&lt;/a&gt;</content></entry>
</feed>
''', {"origin": "https://agency.example/feeds/atom.xml", "count": 1, "feed": {"link": "https://agency.example/press/"},
      "items": [{"i": 0, "link": "https://agency.example/press/2024/03/05/release.html", "body_html": "<a href=\"https://agency.example/contact.html\">Contact us</a>", "body_text": "Contact us"}]})

w('atom-content-src.atom', atom_doc('''<entry><title>Annual report</title><id>tag:atom.example,2024:report</id><updated>2024-03-05T10:00:00Z</updated>
<summary>The annual report is out.</summary>
<content type="application/pdf" src="https://atom.example/docs/report-2023.pdf"/>
</entry>
'''), {"count": 1, "items": [{"i": 0, "link": "https://atom.example/docs/report-2023.pdf", "body_text": "The annual report is out.", "native_id": "tag:atom.example,2024:report"}]})

w('atom-no-id-no-link.atom', atom_doc('''<entry><title>Statement on the floods</title><updated>2024-03-05T10:00:00Z</updated><summary>The Ministry expresses its condolences.</summary></entry>
<entry><title>Second statement</title><updated>2024-03-05T11:00:00Z</updated><content type="html">&lt;p&gt;More&lt;/p&gt;</content></entry>
'''), {"count": 2, "items": [
    {"i": 0, "link": "", "native_id": content_hash("Statement on the floods", "2024-03-05T10:00:00Z", "The Ministry expresses its condolences.", "")},
    {"i": 1, "link": "", "native_id": content_hash("Second statement", "2024-03-05T11:00:00Z", "", "<p>More</p>"), "body_text": "More"}]})

w('atom-category-scheme.atom', atom_doc('''<entry><title>Cats</title><id>tag:atom.example,2024:cats</id><updated>2024-03-05T10:00:00Z</updated>
<category scheme="http://atom.example/ns/topics" term="climate" label="Climate change"/>
<category label="Only label"/>
<category>Text content</category>
<category term="climate"/>
<category term="  "/>
</entry>
'''), {"count": 1, "items": [{"i": 0, "tags": ["climate", "Only label", "Text content"]}]})

w('atom-text-escaping.atom', atom_doc('''<entry><title type="text">AT&amp;T &lt;b&gt;not bold&lt;/b&gt;</title><id>tag:atom.example,2024:text</id><updated>2024-03-05T10:00:00Z</updated>
<content type="text">Line one
line two.

Para two &amp; more.</content>
</entry>
<entry><title type="html">Caf&amp;eacute; &amp;amp; more</title><id>tag:atom.example,2024:html</id><updated>2024-03-05T10:00:00Z</updated></entry>
'''), {"count": 2, "items": [{"i": 0, "title": "AT&T <b>not bold</b>", "body_text": "Line one line two.\n\nPara two & more.", "body_html": "<p>Line one line two.</p><p>Para two &amp; more.</p>"},
                            {"i": 1, "title": "Café & more"}]})

w('atom-feed-author-fallback.atom', '''<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Authors</title><id>urn:authors</id><updated>2024-03-05T10:00:00Z</updated>
<author><name>Press Office</name><email>press@agency.example</email></author>
<author><name>Spokesperson</name></author>
<entry><title>Inherits</title><id>urn:authors:1</id><updated>2024-03-05T10:00:00Z</updated></entry>
<entry><title>Own author</title><id>urn:authors:2</id><updated>2024-03-05T10:00:00Z</updated><author><name>  Dr.   Ana   Silva </name><uri>https://agency.example/ana</uri></author><contributor><name>Not an author</name></contributor></entry>
</feed>
''', {"count": 2, "items": [{"i": 0, "authors": ["Press Office", "Spokesperson"]}, {"i": 1, "authors": ["Dr. Ana Silva"]}]})

# --- JSON Feed (second set) ---
w('jsonfeed-10-microblog.json', jf({"version": "https://jsonfeed.org/version/1", "user_comment": "This feed allows you to read the posts from this site in any feed reader that supports the JSON Feed format.",
    "title": "Jane's Field Notes", "home_page_url": "https://jane.example/", "feed_url": "https://jane.example/feed.json",
    "author": {"name": "Jane Roe", "url": "https://jane.example/about", "avatar": "https://jane.example/me.jpg"},
    "items": [{"id": "https://jane.example/2024/03/05/note", "url": "https://jane.example/2024/03/05/note",
               "content_html": "<p>Visited the <a href=\"/projects/clinic\">clinic</a> today.</p>", "content_text": "Visited the clinic today.",
               "date_published": "2024-03-05T09:30:00-08:00"}]}),
  {"origin": "https://jane.example/feed.json", "format": "json-1.0", "count": 1, "feed": {"title": "Jane's Field Notes", "link": "https://jane.example/"},
   "items": [{"i": 0, "title": "", "authors": ["Jane Roe"], "published": "2024-03-05T17:30:00Z", "summary": "Visited the clinic today.",
              "body_html": "<p>Visited the <a href=\"https://jane.example/projects/clinic\">clinic</a> today.</p>", "link": "https://jane.example/2024/03/05/note"}]})

w('jsonfeed-11-authors.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "Coalition Updates", "home_page_url": "https://coalition.example/", "language": "en",
    "authors": [{"name": "Coalition Secretariat"}, {"name": "Press Desk"}],
    "items": [{"id": "upd-1", "url": "https://coalition.example/updates/1", "title": "Joint statement", "content_html": "<p>Joint statement.</p>",
               "date_published": "2024-03-05T10:00:00+01:00", "date_modified": "2024-03-05T12:30:00+01:00", "language": "fr-FR",
               "authors": [{"name": "Alice Martin"}, {"name": "Bob Keller", "url": "https://bob.example"}, {"url": "https://carol.example/"}],
               "tags": ["climate", " health ", ""],
               "attachments": [{"url": "https://coalition.example/files/statement.pdf", "mime_type": "application/pdf", "size_in_bytes": 48213, "title": "Statement (PDF)"},
                               {"url": "/files/statement.mp3", "mime_type": "audio/mpeg", "duration_in_seconds": 120}]},
              {"id": "upd-2", "url": "https://coalition.example/updates/2", "content_text": "Feed authors apply.", "authors": []}]}),
  {"media_type": "application/feed+json", "origin": "https://coalition.example/feed.json", "format": "json-1.1", "count": 2, "feed": {"language": "en"},
   "items": [{"i": 0, "authors": ["Alice Martin", "Bob Keller", "https://carol.example/"], "language": "fr-FR", "tags": ["climate", "health"],
              "published": "2024-03-05T09:00:00Z", "updated": "2024-03-05T11:30:00Z", "attachments": 2, "attachment0_size": 48213,
              "attachment0_uri": "https://coalition.example/files/statement.pdf"},
             {"i": 1, "authors": ["Coalition Secretariat", "Press Desk"], "language": "en", "body_text": "Feed authors apply."}]})

w('jsonfeed-date-modified-only.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "Modified only",
    "items": [{"id": "m-1", "content_text": "Only a modification date.", "date_modified": "2024-03-05T10:15:00Z"}]}),
  {"count": 1, "items": [{"i": 0, "published": "unknown", "published_raw": "", "updated": "2024-03-05T10:15:00Z"}]})

w('jsonfeed-external-url.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "Link blog", "home_page_url": "https://links.example/",
    "items": [{"id": "l-1", "external_url": "https://news.example/story?id=5&ref=links", "title": "Worth reading", "content_text": "Comment."},
              {"id": "l-2", "url": "https://links.example/2", "external_url": "https://news.example/other", "content_text": "Own page wins."}]}),
  {"count": 2, "items": [{"i": 0, "link": "https://news.example/story?id=5&ref=links", "native_id": "l-1"}, {"i": 1, "link": "https://links.example/2"}]})

w('jsonfeed-content-text-markup.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "Text",
    "items": [{"id": "t-1", "title": "Tags &amp; <b>text</b>", "content_text": "Use <b> tags & entities &amp; stay literal\n\nSecond"}]}),
  {"count": 1, "items": [{"i": 0, "title": "Tags &amp; <b>text</b>", "body_text": "Use <b> tags & entities &amp; stay literal\n\nSecond",
                          "body_html": "<p>Use &lt;b&gt; tags &amp; entities &amp;amp; stay literal</p><p>Second</p>"}]})

w('jsonfeed-summary-image.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "  Spaced   title  ", "icon": "https://img.example/icon.png",
    "items": [{"id": "s-1", "title": "  Budget\n  approved ", "summary": "The budget was approved.", "content_html": "<p>The parliament approved the budget.</p><script>track()</script>",
               "content_text": "ignored", "image": "https://img.example/budget.jpg", "banner_image": "https://img.example/banner.jpg"}]}),
  {"count": 1, "feed": {"title": "Spaced title"}, "items": [{"i": 0, "title": "Budget approved", "summary": "The budget was approved.",
       "body_html": "<p>The parliament approved the budget.</p>", "body_text": "The parliament approved the budget.", "attachments": 1, "attachment0_uri": "https://img.example/budget.jpg"}]})

w('jsonfeed-bom.json', '\ufeff' + jf({"version": "https://jsonfeed.org/version/1.1", "title": "BOM first", "items": [{"id": "b-1", "content_text": "Byte order mark before the object."}]}),
  {"count": 1, "feed": {"title": "BOM first"}, "items": [{"i": 0, "body_text": "Byte order mark before the object."}]})

w('jsonfeed-no-id.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "No ids",
    "items": [{"title": "Untracked", "content_text": "No id, no url.", "date_published": "2024-03-05T10:00:00Z"}, 7, "text", None, {"id": "", "title": "Empty id", "url": "https://noid.example/e"}]}),
  {"count": 2, "items": [{"i": 0, "native_id": content_hash("Untracked", "2024-03-05T10:00:00Z", "", "No id, no url."), "link": ""},
                         {"i": 1, "native_id": "https://noid.example/e"}]})

w('bad/json-html-error.json', '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>\n',
  {"media_type": "application/feed+json", "error": "feed parse error at offset 0"})

# --- dates (second set): one item per date text ---
def dates_file(name, pairs, element='pubDate', head=RSS_HEAD):
    items = ''.join('<item><title>d%d</title><guid>%s-%d</guid><%s>%s</%s></item>\n' % (i, name, i, element, d, element) for i, (d, _) in enumerate(pairs))
    w(name, rss_doc(items, head), {"count": len(pairs), "items": [{"i": i, "published": e, "published_raw": d.strip()} for i, (d, e) in enumerate(pairs)]})

dates_file('dates-rfc822-variants.rss', [
    ('26 May 2020 10:00 +0200', '2020-05-26T08:00:00Z'),            # no weekday, no seconds
    ('Tue 26 May 2020 10:00:00 GMT', '2020-05-26T10:00:00Z'),       # no comma
    ('Mon, 26 May 2020 10:00:00 GMT', '2020-05-26T10:00:00Z'),      # wrong weekday: ignored
    ('tue, 26 may 2020 10:00:00 gmt', '2020-05-26T10:00:00Z'),      # lower case
    ('TUE, 26 MAY 2020 10:00:00 GMT', '2020-05-26T10:00:00Z'),      # upper case
    ('Tue, 26 May 98 10:00:00 GMT', '1998-05-26T10:00:00Z'),        # two-digit year, 19xx
    ('Sat, 05 Mar 05 10:00:00 GMT', '2005-03-05T10:00:00Z'),        # two-digit year, 20xx
    ('Tue, 26 May 2020 10:00:00 UT', '2020-05-26T10:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 Z', '2020-05-26T10:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 EST', '2020-05-26T15:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 CST', '2020-05-26T16:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 MDT', '2020-05-26T16:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 PDT', '2020-05-26T17:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 A', '2020-05-26T10:00:00Z'),        # military letter: -0000
    ('Tue, 26 May 2020 10:00:00 M', '2020-05-26T10:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 +02:00', '2020-05-26T08:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 -0000', '2020-05-26T10:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 +0000 (UTC)', '2020-05-26T10:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 CEST', '2020-05-26T08:00:00Z'),
    ('Tue, 26 May 2020 9:05:07 GMT', '2020-05-26T09:05:07Z'),
    ('Wed, 6 May 2020 10:00:00 GMT', '2020-05-06T10:00:00Z'),
    ('Sat, 26 Sept 2020 10:00:00 GMT', '2020-09-26T10:00:00Z'),
    ('Fri, 26 June 2020 10:00:00 GMT', '2020-06-26T10:00:00Z'),
    ('Tue, 26 May 2020', '2020-05-26T00:00:00Z'),
    ('Tue, 26 May 2020 10:00:00', '2020-05-26T10:00:00Z'),
    ('Tue, 26 May 2020 10:00:00 +0545', '2020-05-26T04:15:00Z'),
    ('Tue,26 May 2020 10:00:00 GMT', '2020-05-26T10:00:00Z'),
    ('  Tue, 26 May 2020 10:00:00 GMT\n  ', '2020-05-26T10:00:00Z'),
    ('May 26, 2020 10:00:00 GMT', '2020-05-26T10:00:00Z'),
    ('Tue, 29 Feb 2024 23:59:59 -1200', '2024-03-01T11:59:59Z'),
    ('Tue, 31 Dec 2019 23:30:00 -0100', '2020-01-01T00:30:00Z'),
])

dates_file('dates-iso8601-variants.rss', [
    ('2020-05-26T10:00:00+02:00', '2020-05-26T08:00:00Z'),
    ('2020-05-26T10:00:00+0200', '2020-05-26T08:00:00Z'),           # no colon in the offset
    ('2020-05-26T10:00:00.123Z', '2020-05-26T10:00:00.123Z'),
    ('2020-05-26T10:00:00.123456789+00:00', '2020-05-26T10:00:00.123Z'),
    ('2020-05-26', '2020-05-26T00:00:00Z'),
    ('2020-05', '2020-05-01T00:00:00Z'),                            # W3CDTF year-month
    ('2020', '2020-01-01T00:00:00Z'),                               # W3CDTF year
    ('2020-05-26 14:22:00', '2020-05-26T14:22:00Z'),                # space, no zone
    ('2020-05-26T10:00Z', '2020-05-26T10:00:00Z'),                  # no seconds
    ('2020-05-26t10:00:00z', '2020-05-26T10:00:00Z'),               # lower case
    ('2020-05-26T10:00:00 +02:00', '2020-05-26T08:00:00Z'),
    ('20200526T100000Z', '2020-05-26T10:00:00Z'),                   # basic format
    ('2020-05-26T10:00:00-05', '2020-05-26T15:00:00Z'),             # hour-only offset
    ('2020-05-26T24:00:00Z', '2020-05-27T00:00:00Z'),               # end of day
    ('2020-02-30T10:00:00Z', 'unknown'),
    ('2020-13-01', 'unknown'),
    ('2020-05-26T25:00:00Z', 'unknown'),
    ('2020-05-26T10:00:00+25:00', 'unknown'),
], element='dc:date')

dates_file('dates-localized.rss', [
    ('26 mai 2020 10:00', 'unknown'),                                # French
    ('Di, 26 Mai 2020 10:00:00 +0200', 'unknown'),                  # German
    ('martes, 26 de mayo de 2020', 'unknown'),                      # Spanish
    ('2020年5月26日', 'unknown'),                                    # Japanese
    ('26 мая 2020 г.', 'unknown'),                                   # Russian
    ('26 juil. 2020', 'unknown'),                                    # French abbreviation
    ('Mar, 26 Mai 2020', 'unknown'),                                 # Spanish weekday "Mar" is not March
    ('yesterday', 'unknown'),
    ('1590487200', 'unknown'),                                       # epoch seconds
])

w('dates-empty.rss', rss_doc('''<item><title>e0</title><guid>e-0</guid><pubDate></pubDate></item>
<item><title>e1</title><guid>e-1</guid><pubDate>   </pubDate></item>
<item><title>e2</title><guid>e-2</guid></item>
<item><title>e3</title><guid>e-3</guid><pubDate/><dc:date>2024-03-05T10:00:00Z</dc:date></item>
'''), {"count": 4, "items": [{"i": 0, "published": "unknown", "published_raw": ""}, {"i": 1, "published": "unknown", "published_raw": ""},
                            {"i": 2, "published": "unknown", "published_raw": "", "updated": "unknown"},
                            {"i": 3, "published": "2024-03-05T10:00:00Z"}]})

w('dates-dc-only.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
<channel><title>DC dates</title><link>https://dc.example/</link><dc:date>2024-03-05T12:00:00+01:00</dc:date>
<item><title>dc:date</title><guid>dc-1</guid><dc:date>2024-03-05T09:00:00+01:00</dc:date></item>
<item><title>dcterms</title><guid>dc-2</guid><dcterms:created>2024-03-04T09:00:00Z</dcterms:created><dcterms:modified>2024-03-05T09:00:00Z</dcterms:modified></item>
<item><title>pubDate wins over a later dc:date</title><guid>dc-3</guid><pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate><dc:date>2024-03-05T08:00:00Z</dc:date></item>
</channel></rss>
''', {"count": 3, "feed": {"updated": "2024-03-05T11:00:00Z"},
      "items": [{"i": 0, "published": "2024-03-05T08:00:00Z"}, {"i": 1, "published": "2024-03-04T09:00:00Z", "updated": "2024-03-05T09:00:00Z"},
                {"i": 2, "published": "2024-03-04T08:00:00Z"}]})

w('dates-feed-level.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Feed dates</title><link>https://fd.example/</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate>
<lastBuildDate>le 5 mars 2024</lastBuildDate>
<item><title>x</title><guid>fd-1</guid></item></channel></rss>
''', {"count": 1, "feed": {"updated": "le 5 mars 2024"}, "items": [{"i": 0, "ext.feed_updated": "le 5 mars 2024", "published": "unknown"}]})

# --- entities (second set) ---
w('ent-html-named.rss', rss_doc('''<item>
<title>S&eacute;curit&eacute; alimentaire&nbsp;&mdash; l&rsquo;OIM &laquo;&nbsp;alerte&nbsp;&raquo;&hellip;</title>
<guid>ent-1</guid>
<description>&lt;p&gt;Gen&egrave;ve &ndash; 5&nbsp;mars&nbsp;2024&lt;/p&gt;</description>
<dc:creator>Fran&ccedil;ois M&uuml;ller</dc:creator>
<category>S&eacute;curit&eacute;</category>
</item>
'''), {"count": 1, "items": [{"i": 0, "title": "Sécurité alimentaire — l’OIM « alerte »…", "body_text": "Genève – 5 mars 2024",
       "authors": ["François Müller"], "tags": ["Sécurité"]}]})

w('ent-numeric.rss', rss_doc('''<item>
<title>&#8220;Quote&#8221; &#x2014; &#X201C;hex&#x201d; &#169; &#0233;t&#xE9;</title>
<guid>num-1</guid>
<description>Windows-1252 code points written as references: Don&#146;t &#150; &#147;smart&#148; &#128;5 &#133;</description>
</item>
'''), {"count": 1, "items": [{"i": 0, "title": "“Quote” — “hex” © été", "body_text": "Windows-1252 code points written as references: Don’t – “smart” €5 …"}]})

w('ent-double-escaped.rss', rss_doc('''<item>
<title>Q&amp;amp;A: &amp;quot;What next?&amp;quot; &amp;#8212; the minister</title>
<guid>dbl-1</guid>
<description>&amp;lt;p&amp;gt;Escaped twice&amp;lt;/p&amp;gt;</description>
</item>
'''), {"count": 1, "items": [{"i": 0, "title": "Q&A: \"What next?\" — the minister", "body_text": "<p>Escaped twice</p>"}]})

w('ent-undefined.rss', rss_doc('''<item>
<title>Budget &bogus; line</title>
<guid>und-1</guid>
<description>Fees &feesymbol; apply &amp; more</description>
</item>
<item><title>Clean</title><guid>und-2</guid></item>
'''), {"count": 2, "items": [{"i": 0, "title": "Budget &bogus; line", "body_text": "Fees &feesymbol; apply & more", "ext.unknown_entities": "bogus,feesymbol", "warnings_contains": "unknown entities kept literal"},
                            {"i": 1, "title": "Clean"}]})

w('ent-unescaped-amp.rss', rss_doc('''<item>
<title>AT&T & Johnson & Johnson sign R&D pact &copy 2024</title>
<link>https://www.iom.int/news?id=5&lang=en&amp;page=2</link>
<guid>amp-1</guid>
<description>Tom & Jerry &c. 5 &lt; 6</description>
<enclosure url="https://cdn.iom.int/file.mp3?a=1&b=2" length="3" type="audio/mpeg"/>
</item>
'''), {"count": 1, "items": [{"i": 0, "title": "AT&T & Johnson & Johnson sign R&D pact © 2024", "link": "https://www.iom.int/news?id=5&lang=en&page=2",
       "body_text": "Tom & Jerry &c. 5 < 6", "attachment0_uri": "https://cdn.iom.int/file.mp3?a=1&b=2"}]})

w('ent-in-cdata.rss', rss_doc('''<item>
<title><![CDATA[Caf&eacute; &amp; bar]]></title>
<guid>cd-1</guid>
<description><![CDATA[<p>Caf&eacute;&nbsp;&mdash; &euro;5 &amp; &#8220;more&#8221; &bogus;</p>]]></description>
</item>
'''), {"count": 1, "items": [{"i": 0, "title": "Café & bar", "body_text": "Café — €5 & “more” &bogus;"}]})

w('ent-channel-title.rss', '''<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Minist&egrave;re de la Sant&eacute; &#8211; Actualit&eacute;s</title><link>https://sante.example/</link><description>Communiqu&eacute;s &amp; d&eacute;clarations</description>
<item><title>x</title><guid>ct-1</guid></item></channel></rss>
''', {"count": 1, "feed": {"title": "Ministère de la Santé – Actualités", "subtitle": "Communiqués & déclarations"}, "items": [{"i": 0, "source_title": "Ministère de la Santé – Actualités"}]})

# --- bodies (second set) ---
def body_item(guid, html):
    return '<item><title>%s</title><guid>%s</guid><content:encoded><![CDATA[%s]]></content:encoded></item>\n' % (guid, guid, html)

w('body-sanitize.rss', rss_doc(body_item('san-1', '''<p onclick="steal()" style="color:red" class="lead" id="x">Lead <a href="https://www.iom.int/a" onmouseover="x()" target="_blank" rel="noopener">link</a></p>
<script src="https://evil.example/x.js"></script><script>document.write('<p>injected</p>')</script>
<style>.lead{}</style><noscript><p>no js</p></noscript>
<iframe src="https://www.youtube.com/embed/abc" width="560"></iframe>
<object data="movie.swf"><embed src="movie.swf"></object>
<form action="/subscribe"><input name="email"><button>Go</button></form>
<img src="https://www.iom.int/x.png" onerror="alert(1)" alt="X" style="border:0">
<a href=" JaVaScRiPt:alert(1)">bad link</a> <a href="vbscript:msgbox">vb</a> <a href="java&#x09;script:alert(2)">tab</a>
<svg><script>alert(3)</script><text>svg text</text></svg>
<p>End</p>''')), {"count": 1, "items": [{"i": 0,
    "body_html": "<p>Lead <a href=\"https://www.iom.int/a\">link</a></p>\n\n\n\n\n\n<img src=\"https://www.iom.int/x.png\" alt=\"X\">\n<a>bad link</a> <a>vb</a> <a>tab</a>\n\n<p>End</p>",
    "body_text": "Lead link\n\nbad link vb tab\n\nEnd", "warnings_contains": "link dropped: forbidden scheme"}]})

w('body-paragraphs.rss', rss_doc(body_item('par-1', '''<h2>Key facts</h2><p>First paragraph
   wraps   over lines.</p><p>Second<br>line two<br/>line three</p><blockquote><p>Quoted words.</p></blockquote><hr><div>Div text</div><div><div>Nested div</div></div>Trailing text''')),
  {"count": 1, "items": [{"i": 0, "body_text": "Key facts\n\nFirst paragraph wraps over lines.\n\nSecond\nline two\nline three\n\nQuoted words.\n\nDiv text\n\nNested div\n\nTrailing text", "summary": "Key facts"}]})

w('body-lists.rss', rss_doc(body_item('lst-1', '''<p>Measures:</p><ul><li>Cash transfers</li><li>Shelter<ul><li>tents</li><li>blankets</li></ul></li><li><a href="https://www.iom.int/health">Health</a> services</li></ul><ol start="3"><li>Three</li><li>Four</li></ol><dl><dt>IOM</dt><dd>International Organization for Migration</dd></dl>''')),
  {"count": 1, "items": [{"i": 0, "body_text": "Measures:\n\nCash transfers\nShelter\ntents\nblankets\nHealth services\n\nThree\nFour\n\nIOM\nInternational Organization for Migration",
    "body_html": "<p>Measures:</p><ul><li>Cash transfers</li><li>Shelter<ul><li>tents</li><li>blankets</li></ul></li><li><a href=\"https://www.iom.int/health\">Health</a> services</li></ul><ol start=\"3\"><li>Three</li><li>Four</li></ol><dl><dt>IOM</dt><dd>International Organization for Migration</dd></dl>"}]})

w('body-tables.rss', rss_doc(body_item('tbl-1', '''<p>Arrivals by country:</p><table class="data" border="1"><caption>Arrivals, 2024</caption><thead><tr><th>Country</th><th colspan="2" style="x">Arrivals</th></tr></thead><tbody><tr><td>Italy</td><td>12,000</td></tr><tr><td>Spain</td><td>8,500</td></tr></tbody></table><p>Source: IOM.</p>''')),
  {"count": 1, "items": [{"i": 0, "body_text": "Arrivals by country:\n\nArrivals, 2024\nCountry Arrivals\nItaly 12,000\nSpain 8,500\n\nSource: IOM.",
    "body_html": "<p>Arrivals by country:</p><table><caption>Arrivals, 2024</caption><thead><tr><th>Country</th><th colspan=\"2\">Arrivals</th></tr></thead><tbody><tr><td>Italy</td><td>12,000</td></tr><tr><td>Spain</td><td>8,500</td></tr></tbody></table><p>Source: IOM.</p>"}]})

w('body-plain-text.rss', rss_doc('''<item><title>Plain</title><guid>pl-1</guid><description>GENEVA, 5 March 2024 - The agency said today that funding fell.

"We need support," the Director said.
Contact: media@example.org, +41 22 000 00 00

Notes to editors: see https://example.org/press?id=5&amp;lang=en</description></item>
'''), {"count": 1, "items": [{"i": 0, "body_text": "GENEVA, 5 March 2024 - The agency said today that funding fell.\n\n\"We need support,\" the Director said.\nContact: media@example.org, +41 22 000 00 00\n\nNotes to editors: see https://example.org/press?id=5&lang=en",
    "summary": "GENEVA, 5 March 2024 - The agency said today that funding fell."}]})

w('body-pre-code.rss', rss_doc(body_item('pre-1', '''<p>Run:</p><pre><code>curl -s https://api.example/v1/data \\
  | jq '.items[] | .name'</code></pre><p>Inline <code>x &lt; y</code> works.</p>''')),
  {"count": 1, "items": [{"i": 0, "body_text": "Run:\n\ncurl -s https://api.example/v1/data \\\n  | jq '.items[] | .name'\n\nInline x < y works."}]})

w('body-unwrap-unknown.rss', rss_doc(body_item('unw-1', '''<section><header><h3>Title</h3></header><article><font face="Arial" color="red">Old <center>centered</center> markup</font> and <span class="x" style="y">span</span> and <custom-tag>custom</custom-tag>.</article><footer>Footer</footer></section>''')),
  {"count": 1, "items": [{"i": 0, "body_html": "<h3>Title</h3>Old centered markup and <span>span</span> and custom.Footer",
    "body_text": "Title\n\nOld\n\ncentered\n\nmarkup and span and custom.\n\nFooter"}]})

w('body-atom-html-links.atom', atom_doc('''<entry><title>Links</title><id>tag:atom.example,2024:bl</id><updated>2024-03-05T10:00:00Z</updated>
<link href="https://atom.example/2024/03/links.html"/>
<content type="html">&lt;p&gt;Read &lt;a href="report.pdf" title="The report"&gt;the &lt;b&gt;full&lt;/b&gt; report&lt;/a&gt; or &lt;a href="mailto:press@atom.example"&gt;write to us&lt;/a&gt;. &lt;a name="anchor"&gt;&lt;/a&gt;&lt;a href="#top"&gt;Top&lt;/a&gt;&lt;/p&gt;</content>
</entry>
'''), {"origin": "https://atom.example/feeds/press.atom", "count": 1, "items": [{"i": 0,
    "body_html": "<p>Read <a href=\"https://atom.example/feeds/report.pdf\" title=\"The report\">the <b>full</b> report</a> or <a href=\"mailto:press@atom.example\">write to us</a>. <a></a><a href=\"https://atom.example/feeds/press.atom#top\">Top</a></p>",
    "body_text": "Read the full report or write to us. Top"}]})

# --- encodings (second set): press-release shaped documents in each charset ---
def enc_feed(name, decl, pyenc, title, item_title, desc, content_type=None, bom=b'', prefix='', body_bytes=None, exp_items=None):
    declaration = '<?xml version="1.0" encoding="%s"?>\n' % decl if decl else ''
    doc = prefix + declaration + ('<rss version="2.0"><channel><title>%s</title><link>https://press.example/</link><description>Press releases</description>\n'
                                  '<item><title>%s</title><guid isPermaLink="false">%s-1</guid><description>%s</description>'
                                  '<pubDate>Tue, 05 Mar 2024 09:00:00 +0000</pubDate></item>\n</channel></rss>\n') % (title, item_title, name, desc)
    data = bom + (body_bytes if body_bytes is not None else doc.encode(pyenc))
    open(name, 'wb').write(data)
    exp = {"count": 1, "feed": {"title": title}, "items": exp_items or [{"i": 0, "title": item_title, "body_text": desc, "published": "2024-03-05T09:00:00Z"}]}
    if content_type:
        exp["content_type"] = content_type
    E[name] = exp

enc_feed('enc-windows-1252-smart.rss', 'windows-1252', 'cp1252', 'Caf\u00e9 Soci\u00e9t\u00e9 \u2013 Communiqu\u00e9s',
         '\u201cSmart\u201d quotes, \u20ac10 and it\u2019s\u2026', 'Prices rose 5 % \u2014 \u201cunacceptable\u201d, said the \u2018minister\u2019 \u2022 \u0152uvre \u00a9 2024')
enc_feed('enc-iso-8859-1-declared.rss', 'ISO-8859-1', 'latin-1', 'Z\u00fcrich \u00d3rg\u00e3o', '\u00c7a va \u00e0 Montr\u00e9al', 'R\u00e9sum\u00e9 na\u00efve fa\u00e7ade \u00bd \u00b0C \u00ab cit\u00e9 \u00bb')
enc_feed('enc-declared-latin1-really-utf8.rss', 'iso-8859-1', 'utf-8', 'Gen\u00e8ve \u2013 Communiqu\u00e9s', '\u201cR\u00e9fugi\u00e9s\u201d \u00e0 Z\u00fcrich', 'Caf\u00e9 cr\u00e8me \u20ac5 \u00fcber')
enc_feed('enc-http-latin1-really-utf8.rss', 'utf-8', 'utf-8', 'Bras\u00edlia \u2013 Not\u00edcias', 'A\u00e7\u00e3o humanit\u00e1ria', 'Informa\u00e7\u00f5es \u00e0 imprensa',
         content_type='text/xml; charset=ISO-8859-1')
enc_feed('enc-iso-8859-2-press.rss', 'ISO-8859-2', 'iso-8859-2', 'Ministerstwo Zdrowia \u2014 komunikaty'.replace('\u2014', '-'), 'Komunikat w sprawie szczepie\u0144', '\u0141\u00f3d\u017a: za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144')
enc_feed('enc-windows-1250.rss', 'windows-1250', 'cp1250', 'Ministerstvo zahrani\u010dn\u00edch v\u011bc\u00ed', 'Tiskov\u00e1 zpr\u00e1va \u201eUvozovky\u201c', '\u017dlu\u0165ou\u010dk\u00fd k\u016f\u0148 \u2013 \u0161est\u00fd \u0159\u00edjen')
enc_feed('enc-koi8-r-press.rss', 'KOI8-R', 'koi8-r', '\u041f\u0440\u0435\u0441\u0441-\u0440\u0435\u043b\u0438\u0437\u044b \u041c\u0418\u0414', '\u0417\u0430\u044f\u0432\u043b\u0435\u043d\u0438\u0435 \u043e\u0444\u0438\u0446\u0438\u0430\u043b\u044c\u043d\u043e\u0433\u043e \u043f\u0440\u0435\u0434\u0441\u0442\u0430\u0432\u0438\u0442\u0435\u043b\u044f',
         '\u041c\u043e\u0441\u043a\u0432\u0430, 5 \u043c\u0430\u0440\u0442\u0430. \u0401\u043b\u043a\u0430 \u0438 \u0451\u0436\u0438\u043a.')
enc_feed('enc-windows-1256.rss', 'windows-1256', 'cp1256', '\u0648\u0632\u0627\u0631\u0629 \u0627\u0644\u062e\u0627\u0631\u062c\u064a\u0629', '\u0628\u064a\u0627\u0646 \u0635\u062d\u0641\u064a', '\u0627\u0644\u0642\u0627\u0647\u0631\u0629 \u0660\u0665 \u0645\u0627\u0631\u0633'.replace('\u0660\u0665', '5'))
enc_feed('enc-iso-8859-9.rss', 'ISO-8859-9', 'iso-8859-9', 'D\u0131\u015fi\u015fleri Bakanl\u0131\u011f\u0131', '\u0130stanbul\'da toplant\u0131', '\u015eubat ay\u0131nda \u00e7\u0131kan a\u00e7\u0131klama')
enc_feed('enc-tis-620.rss', 'TIS-620', 'tis-620', '\u0e02\u0e48\u0e32\u0e27\u0e1b\u0e23\u0e30\u0e0a\u0e32\u0e2a\u0e31\u0e21\u0e1e\u0e31\u0e19\u0e18\u0e4c', '\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e\u0e21\u0e2b\u0e32\u0e19\u0e04\u0e23', '\u0e01\u0e23\u0e30\u0e17\u0e23\u0e27\u0e07\u0e01\u0e32\u0e23\u0e15\u0e48\u0e32\u0e07\u0e1b\u0e23\u0e30\u0e40\u0e17\u0e28')
enc_feed('enc-euc-jp-press.rss', 'EUC-JP', 'euc-jp', '\u9996\u76f8\u5b98\u90b8 \u5831\u9053\u767a\u8868', '\u7dca\u6025\u4e8b\u614b\u5ba3\u8a00\u306b\u3064\u3044\u3066', '\u672c\u65e5\u3001\u8a18\u8005\u4f1a\u898b\u3092\u884c\u3044\u307e\u3057\u305f\u3002\u30c6\u30ec\u30ef\u30fc\u30af\u3092\u63a8\u9032\u3057\u307e\u3059\u3002')
enc_feed('enc-gb2312-declared-gbk-chars.rss', 'gb2312', 'gbk', '\u65b0\u534e\u793e \u65b0\u95fb\u7a3f', '\u6731\u9555\u57fa\u4f1a\u89c1\u5916\u5bbe', '\u5317\u4eac\uff0c3\u67085\u65e5\u3002\u56fd\u52a1\u9662\u65b0\u95fb\u529e\u516c\u5ba4\u4e3e\u884c\u53d1\u5e03\u4f1a\u3002')
enc_feed('enc-gb18030.rss', 'GB18030', 'gb18030', '\u4e2d\u6587\u65b0\u95fb \u20ac', '\u6c11\u65cf\u5b57\u7b26 \u0f40 \u1820', '\u5e7f\u5dde\uff0c\u65b0\u95fb\u53d1\u5e03\u4f1a\u3002')
enc_feed('enc-big5-press.rss', 'Big5', 'big5', '\u884c\u653f\u9662 \u65b0\u805e\u7a3f', '\u9ad8\u96c4\u6e2f\u64f4\u5efa\u8a08\u756b', '\u53f0\u5317\u5e02\uff0c\u4e09\u6708\u4e94\u65e5\u3002\u884c\u653f\u9662\u4eca\u5929\u901a\u904e\u8a08\u756b\u3002')
enc_feed('enc-euc-kr-press.rss', 'EUC-KR', 'cp949', '\uc678\uad50\ubd80 \ubcf4\ub3c4\uc790\ub8cc', '\ud55c\uad6d \uc815\ubd80 \uc131\uba85 \ub620\ubc29\uac01\ud558', '\uc11c\uc6b8, 3\uc6d4 5\uc77c. \uc678\uad50\ubd80\ub294 \uc624\ub298 \ud68c\uc758\ub97c \uac1c\ucd5c\ud588\ub2e4.')
enc_feed('enc-http-quoted-charset.rss', 'utf-8', 'iso-8859-15', 'Actualit\u00e9s \u20ac', 'L\u2019\u0153uvre'.replace('\u2019', "'"), 'Prix : 5 \u20ac, \u0153uvre, \u0160koda \u017d',
         content_type='application/xml; charset="ISO-8859-15"')
enc_feed('enc-undeclared-cp1252-smart.rss', None, 'cp1252', 'Communiqu\u00e9s de presse du minist\u00e8re',
         'Le ministre d\u00e9clare : \u00ab la s\u00e9curit\u00e9 alimentaire est prioritaire \u00bb',
         'Le minist\u00e8re a annonc\u00e9 aujourd\u2019hui une aide d\u2019urgence de 10 millions d\u2019\u20ac pour les r\u00e9gions touch\u00e9es par la s\u00e9cheresse. \u201cC\u2019est une priorit\u00e9\u201d, a d\u00e9clar\u00e9 la ministre.')
enc_feed('enc-whitespace-before-decl-latin1.rss', 'iso-8859-1', 'latin-1', 'Fran\u00e7ais', '\u00c9t\u00e9', 'D\u00e9j\u00e0 vu', prefix='\n  ')
enc_feed('enc-bom-whitespace.rss', 'utf-8', 'utf-8', 'BOM puis espaces \u00e9', 'Apr\u00e8s', 'Texte \u00e0 lire', bom=b'\xef\xbb\xbf', prefix='\r\n  ')
enc_feed('enc-decl-alias-single-quotes.rss', 'UTF8', 'utf-8', 'Alias utf8 \u00e9', 'Guillemets simples \u00e8', 'Texte')
_alias = open('enc-decl-alias-single-quotes.rss', 'rb').read()
open('enc-decl-alias-single-quotes.rss', 'wb').write(_alias.replace(b'encoding="UTF8"', b"encoding='UTF8'"))

# UTF-16 variants
def u16_doc(decl):
    return ('<?xml version="1.0" encoding="%s"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh"><title>\u5916\u4ea4\u90e8 \u00e9</title><id>urn:u16</id><updated>2024-03-05T10:00:00Z</updated>'
            '<entry><title>\u65b0\u95fb\u53d1\u5e03 \U0001F30D</title><id>urn:u16:1</id><updated>2024-03-05T10:00:00+08:00</updated><content type="html">&lt;p&gt;\u5317\u4eac&lt;/p&gt;</content></entry></feed>\n') % decl
U16_EXP = {"count": 1, "feed": {"title": "\u5916\u4ea4\u90e8 \u00e9", "language": "zh"}, "items": [{"i": 0, "title": "\u65b0\u95fb\u53d1\u5e03 \U0001F30D", "published": "2024-03-05T02:00:00Z", "body_text": "\u5317\u4eac", "language": "zh"}]}
open('enc-utf16be-nobom.atom', 'wb').write(u16_doc('UTF-16').encode('utf-16-be'))
E['enc-utf16be-nobom.atom'] = U16_EXP
open('enc-utf16le-bom.atom', 'wb').write(b'\xff\xfe' + u16_doc('utf-16').encode('utf-16-le'))
E['enc-utf16le-bom.atom'] = U16_EXP
open('enc-utf16be-bom-http-latin1.atom', 'wb').write(b'\xfe\xff' + u16_doc('utf-16').encode('utf-16-be'))
E['enc-utf16be-bom-http-latin1.atom'] = dict(U16_EXP, content_type="application/atom+xml; charset=iso-8859-1")

# Shift_JIS RSS 1.0 with dc:date (Japanese government sites)
open('enc-shift_jis-press.rdf', 'wb').write(('''<?xml version="1.0" encoding="Shift_JIS"?>
<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="ja">
<channel rdf:about="https://www.kantei.example.jp/index-jnews.rdf">
<title>\u9996\u76f8\u5b98\u90b8 \u65b0\u7740\u60c5\u5831</title>
<link>https://www.kantei.example.jp/</link>
<description>\u9996\u76f8\u5b98\u90b8\u306e\u65b0\u7740\u60c5\u5831</description>
<dc:language>ja</dc:language>
<items><rdf:Seq><rdf:li rdf:resource="https://www.kantei.example.jp/jp/101_kishida/actions/202403/05kaigi.html"/></rdf:Seq></items>
</channel>
<item rdf:about="https://www.kantei.example.jp/jp/101_kishida/actions/202403/05kaigi.html">
<title>\u9632\u707d\u5bfe\u7b56\u4f1a\u8b70\uff08\u4ee4\u548c\uff16\u5e74\uff13\u6708\uff15\u65e5\uff09</title>
<link>https://www.kantei.example.jp/jp/101_kishida/actions/202403/05kaigi.html</link>
<description>\u4ee4\u548c\uff16\u5e74\uff13\u6708\uff15\u65e5\u3001\u7dcf\u7406\u306f\u4f1a\u8b70\u306b\u51fa\u5e2d\u3057\u307e\u3057\u305f\u3002\u2460\u30fb\u30fc</description>
<dc:date>2024-03-05T18:30:00+09:00</dc:date>
</item>
</rdf:RDF>
''').encode('cp932'))
E['enc-shift_jis-press.rdf'] = {"format": "rss-1.0", "count": 1, "feed": {"title": "\u9996\u76f8\u5b98\u90b8 \u65b0\u7740\u60c5\u5831", "language": "ja"},
    "items": [{"i": 0, "title": "\u9632\u707d\u5bfe\u7b56\u4f1a\u8b70\uff08\u4ee4\u548c\uff16\u5e74\uff13\u6708\uff15\u65e5\uff09", "published": "2024-03-05T09:30:00Z",
               "body_text": "\u4ee4\u548c\uff16\u5e74\uff13\u6708\uff15\u65e5\u3001\u7dcf\u7406\u306f\u4f1a\u8b70\u306b\u51fa\u5e2d\u3057\u307e\u3057\u305f\u3002\u2460\u30fb\u30fc", "language": "ja"}]}

# A UTF-8 document with one stray Latin-1 byte: the UTF-8 text stays intact.
open('enc-utf8-stray-latin1-byte.rss', 'wb').write('''<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Gen\u00e8ve \u2013 Communiqu\u00e9s de presse</title><link>https://stray.example/</link>
<item><title>Z\u00fcrich \u201cmeeting\u201d</title><guid>s-1</guid></item>
<item><title>Caf@@ bad byte</title><guid>s-2</guid></item>
</channel></rss>
'''.encode('utf-8').replace(b'@@', b'\xe9'))
E['enc-utf8-stray-latin1-byte.rss'] = {"count": 2, "feed": {"title": "Gen\u00e8ve \u2013 Communiqu\u00e9s de presse"},
    "items": [{"i": 0, "title": "Z\u00fcrich \u201cmeeting\u201d"}, {"i": 1, "title_valid_utf8": True, "warnings_contains": "replaced by U+FFFD"}]}

# Shift_JIS is read as Windows-31J (WHATWG): ASCII "~" and "\" stay themselves.
open('enc-shift_jis-tilde.rss', 'wb').write(('''<?xml version="1.0" encoding="Shift_JIS"?>
<rss version="2.0"><channel><title>\u5e02\u5f79\u6240\u304a\u77e5\u3089\u305b</title><link>https://www.city.example.jp/~kouhou/</link>
<item><title>\u6c34\u9053\u5de5\u4e8b\u306e\u304a\u77e5\u3089\u305b \\ \u304a\u77e5\u3089\u305b</title><link>https://www.city.example.jp/~kouhou/news/0305.html</link>
<description>\u8a73\u3057\u304f\u306f https://www.city.example.jp/~kouhou/ \u3092\u3054\u89a7\u304f\u3060\u3055\u3044\u3002</description></item>
</channel></rss>
''').encode('cp932'))
E['enc-shift_jis-tilde.rss'] = {"count": 1, "feed": {"title": "\u5e02\u5f79\u6240\u304a\u77e5\u3089\u305b", "link": "https://www.city.example.jp/~kouhou/"},
    "items": [{"i": 0, "title": "\u6c34\u9053\u5de5\u4e8b\u306e\u304a\u77e5\u3089\u305b \\ \u304a\u77e5\u3089\u305b", "link": "https://www.city.example.jp/~kouhou/news/0305.html",
               "body_text": "\u8a73\u3057\u304f\u306f https://www.city.example.jp/~kouhou/ \u3092\u3054\u89a7\u304f\u3060\u3055\u3044\u3002"}]}

# --- broken documents (second set) ---
PARSE = "feed parse error at offset "
trunc = rss_doc('''<item><title>Complete one</title><guid>t-1</guid><description>First</description></item>
<item><title>Complete two</title><guid>t-2</guid></item>
<item><title>Cut in the middle of the descr''')[:-len(RSS_TAIL)]
w('bad/truncated-mid-item.rss', trunc, {"error": PARSE})
w('bad/truncated-mid-tag.atom', atom_doc('<entry><title>Whole</title><id>w-1</id><updated>2024-03-05T10:00:00Z</updated></entry>\n<entry><title>Half</title><id>w-2</id><upd')[:-len('</feed>\n')], {"error": PARSE})
w('bad/missing-close-tags.rss', '''<?xml version="1.0"?><rss version="2.0"><channel><title>Unclosed</title>
<item><title>One</title><guid>1</guid><description>Text
<item><title>Two</title><guid>2</guid></item>
</channel></rss>''', {"error": PARSE})
w('bad/unclosed-cdata.rss', rss_doc('<item><title>x</title><guid>1</guid><description><![CDATA[<p>never closed</p></description></item>\n'), {"error": PARSE})
w('bad/html-error-page-xhtml.xml', '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>
''', {"error": "feed rejected: root element <html> is not rss, rdf:RDF or feed"})
w('bad/html-login-page.xml', '''<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in</title><script>if(a && b){}</script></head>
<body><form method="post"><input type="text" name="user"><input type="password" name="pw"></form></body></html>
''', {"error": PARSE, "error_contains": "an HTML page, not a feed"})
w('bad/empty-bom-only.xml', b'\xef\xbb\xbf', {"error": "feed parse error at offset 0"})
w('bad/empty-rss-element.xml', '<?xml version="1.0"?><rss version="2.0"/>', {"error": "feed rejected: <rss> without <channel>"})
w('odd-text-before-decl.rss', 'Warning: session_start(): headers already sent\n' + rss_doc('<item><title>After the warning</title><guid>tb-1</guid></item>\n'), {"count": 1, "items": [{"i": 0, "title": "After the warning"}]})
w('bad/nul-byte.rss', rss_doc('<item><title>before\x00after</title><guid>1</guid></item>\n'), {"error": PARSE})

w('odd-garbage-after-root.rss', rss_doc('<item><title>Kept</title><guid>g-1</guid></item>\n') + '<!-- cache: 0.012s -->\n<br />\n<b>Warning</b>:  Unknown: write failed in <b>Unknown</b> on line <b>0</b><br />\n',
  {"count": 1, "items": [{"i": 0, "title": "Kept"}]})
w('odd-php-notice-before-root.rss', '<br />\n<b>Notice</b>:  Undefined index: lang in <b>/var/www/html/feed.php</b> on line <b>12</b><br />\n' + rss_doc('<item><title>Still read</title><guid>p-1</guid></item>\n'),
  {"count": 1, "feed": {"title": "IOM News"}, "items": [{"i": 0, "title": "Still read", "warnings_contains": "before the feed"}]})
w('odd-leading-blank-lines.rss', '\n\n   \n' + rss_doc('<item><title>Leading blank lines</title><guid>lb-1</guid></item>\n'), {"count": 1, "items": [{"i": 0, "title": "Leading blank lines"}]})
w('odd-rss-no-version.rss', '<rss><channel><title>No version</title><item><title>i</title><guid>nv-1</guid></item></channel></rss>', {"format": "rss-2.0", "count": 1})
w('odd-atom-no-namespace.atom', '<feed><title>No namespace</title><entry><title>e</title><id>nn-1</id><updated>2024-03-05T10:00:00Z</updated><link href="https://nn.example/e"/></entry></feed>',
  {"format": "atom-1.0", "count": 1, "feed": {"title": "No namespace"}, "items": [{"i": 0, "link": "https://nn.example/e", "published": "2024-03-05T10:00:00Z"}]})
w('odd-empty-elements.rss', rss_doc('<item><title/><link/><guid/><description/><pubDate/><author/><category/><enclosure/></item>\n<item><title>   </title><description>   </description><guid>ee-2</guid></item>\n'),
  {"count": 2, "items": [{"i": 0, "title": "", "link": "", "native_id": content_hash("", "", "", ""), "body_text": "", "authors": [], "tags": [], "attachments": 0},
                         {"i": 1, "title": "", "body_text": "", "native_id": "ee-2"}]})

w('ent-numeric-invalid.rss', rss_doc('''<item><title>Before&#0;after &#xD800; &#1114112; &#x41;&#66;</title><guid>inv-1</guid>
<description>Kept&#0; whole &#x81;</description></item>
'''), {"count": 1, "items": [{"i": 0, "title": "Before\ufffdafter \ufffd \ufffd AB", "body_text": "Kept\ufffd whole \ufffd"}]})


# --- more shapes ---
w('atom03-blogger-2004.atom', '''<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet href="http://www.blogger.com/styles/atom.css" type="text/css"?>
<feed xmlns="http://purl.org/atom/ns#" version="0.3" xml:lang="en-US">
<link href="https://www.blogger.com/atom/1234567" rel="service.post" title="Relief Diary" type="application/atom+xml"/>
<link href="http://reliefdiary.blogspot.com" rel="alternate" title="Relief Diary" type="text/html"/>
<title mode="escaped" type="text/html">Relief Diary</title>
<tagline mode="escaped" type="text/html">Notes from the field &amp;amp; HQ</tagline>
<id>tag:blogger.com,1999:blog-1234567</id>
<modified>2004-12-20T16:09:13Z</modified>
<generator url="http://www.blogger.com/" version="5.15">Blogger</generator>
<info mode="xml" type="text/html"><div xmlns="http://www.w3.org/1999/xhtml">This is an Atom formatted XML site feed.</div></info>
<convertLineBreaks xmlns="http://www.blogger.com/atom/ns#">true</convertLineBreaks>
<entry xmlns="http://purl.org/atom/ns#">
<link href="http://reliefdiary.blogspot.com/2004/12/tsunami-response.html" rel="alternate" title="Tsunami response" type="text/html"/>
<author><name>Field Officer</name></author>
<issued>2004-12-20T08:09:13-08:00</issued>
<modified>2004-12-20T16:09:13Z</modified>
<created>2004-12-20T16:05:00Z</created>
<id>tag:blogger.com,1999:blog-1234567.post-110355895300000000</id>
<title mode="escaped" type="text/html">Tsunami response &amp;amp; appeal</title>
<content type="application/xhtml+xml" xml:base="http://reliefdiary.blogspot.com" xml:space="preserve"><div xmlns="http://www.w3.org/1999/xhtml">Teams arrived in Banda Aceh.<br />Donate <a href="/2004/12/appeal.html">here</a>.</div></content>
</entry>
</feed>
''', {"format": "atom-0.3", "count": 1, "feed": {"title": "Relief Diary", "subtitle": "Notes from the field & HQ", "link": "http://reliefdiary.blogspot.com", "updated": "2004-12-20T16:09:13Z", "generator": "Blogger", "language": "en-US"},
      "items": [{"i": 0, "title": "Tsunami response & appeal", "published": "2004-12-20T16:09:13Z", "updated": "2004-12-20T16:09:13Z", "authors": ["Field Officer"],
                 "link": "http://reliefdiary.blogspot.com/2004/12/tsunami-response.html", "body_text": "Teams arrived in Banda Aceh.\nDonate here.",
                 "body_html": "Teams arrived in Banda Aceh.<br>Donate <a href=\"http://reliefdiary.blogspot.com/2004/12/appeal.html\">here</a>."}]})

w('rss2-non-ascii-links.rss', rss_doc('''<item>
<title>Notícia</title>
<link>https://ministerio.example/notícias/nota 1.html</link>
<guid isPermaLink="false">nal-1</guid>
<description>&lt;a href="/imprensa/relatório final.pdf"&gt;Relatório&lt;/a&gt;</description>
<enclosure url="https://ministerio.example/áudio/entrevista.mp3" length="10" type="audio/mpeg"/>
</item>
'''), {"count": 1, "items": [{"i": 0, "link": "https://ministerio.example/not%C3%ADcias/nota%201.html",
       "body_html": "<a href=\"https://example.org/imprensa/relat%C3%B3rio%20final.pdf\">Relatório</a>",
       "attachment0_uri": "https://ministerio.example/%C3%A1udio/entrevista.mp3"}]})

w('rss2-image-only-description.rss', rss_doc('''<item>
<title>Photo of the day</title>
<guid isPermaLink="false">img-1</guid>
<description>&lt;p&gt;&lt;img src="/photos/2024/03/05.jpg" alt="" /&gt;&lt;/p&gt;</description>
</item>
'''), {"count": 1, "items": [{"i": 0, "body_html": "<p><img src=\"https://example.org/photos/2024/03/05.jpg\" alt=\"\"></p>", "body_text": "", "summary": ""}]})

open('enc-declared-utf16-really-utf8.rss', 'wb').write('''<?xml version="1.0" encoding="UTF-16"?>
<rss version="2.0"><channel><title>Mis-declared UTF-16 \u00e9t\u00e9</title><link>https://u16.example/</link>
<item><title>Stra\u00dfe \u2013 ok</title><guid>u16-1</guid></item></channel></rss>
'''.encode('utf-8'))
E['enc-declared-utf16-really-utf8.rss'] = {"count": 1, "feed": {"title": "Mis-declared UTF-16 \u00e9t\u00e9"}, "items": [{"i": 0, "title": "Stra\u00dfe \u2013 ok", "warnings_contains": "does not match the bytes"}]}

open('enc-http-utf8-really-cp1252.rss', 'wb').write(('''<?xml version="1.0" encoding="windows-1252"?>
<rss version="2.0"><channel><title>Minist\u00e8re de l\u2019\u00c9ducation \u2013 Actualit\u00e9s</title><link>https://education.example/</link>
<item><title>La ministre annonce la r\u00e9forme du baccalaur\u00e9at</title><guid>cp-1</guid>
<description>Apr\u00e8s des mois de concertation, la r\u00e9forme entrera en vigueur \u00e0 la rentr\u00e9e. \u201cC\u2019est une \u00e9tape d\u00e9cisive\u201d, a d\u00e9clar\u00e9 la ministre \u00e0 l\u2019issue du conseil des ministres.</description></item>
</channel></rss>
''').encode('cp1252'))
E['enc-http-utf8-really-cp1252.rss'] = {"content_type": "application/rss+xml; charset=utf-8", "count": 1, "feed": {"title": "Minist\u00e8re de l\u2019\u00c9ducation \u2013 Actualit\u00e9s"},
    "items": [{"i": 0, "title": "La ministre annonce la r\u00e9forme du baccalaur\u00e9at",
               "body_text": "Apr\u00e8s des mois de concertation, la r\u00e9forme entrera en vigueur \u00e0 la rentr\u00e9e. \u201cC\u2019est une \u00e9tape d\u00e9cisive\u201d, a d\u00e9clar\u00e9 la ministre \u00e0 l\u2019issue du conseil des ministres.",
               "warnings_contains": "declared utf-8 but the bytes are"}]}

dates_file('dates-zone-spellings.rss', [
    ('Tue, 05 Mar 2024 10:00:00 GMT+0100', '2024-03-05T09:00:00Z'),
    ('Tue, 05 Mar 2024 10:00:00 UTC+05:30', '2024-03-05T04:30:00Z'),
    ('Tue, 05 Mar 2024 10:00:00 +05:30', '2024-03-05T04:30:00Z'),
    ('Tue, 05 Mar 2024 10:00:00 EET', '2024-03-05T08:00:00Z'),
    ('Tue, 05 Mar 2024 10:00:00 JST', '2024-03-05T01:00:00Z'),
    ('Tue, 05 Mar 2024 10:00:00 +0100 (CET)', '2024-03-05T09:00:00Z'),
    ('Tue, 05 Mar 2024 10:00:00 -0330', '2024-03-05T13:30:00Z'),
    ('Tue, 05 Mar 2024 10:00:00 XYZ', 'unknown'),
    ('2024-03-05T10:00:00+01:00', '2024-03-05T09:00:00Z'),
    ('05 Mar 2024 10:00:00 Z', '2024-03-05T10:00:00Z'),
])

w('rw-reliefweb.rss', '''<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xml:base="https://reliefweb.example" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>ReliefWeb - Updates</title>
    <link>https://reliefweb.example/updates</link>
    <description>ReliefWeb - Updates</description>
    <language>en</language>
    <atom:link href="https://reliefweb.example/updates/rss.xml" rel="self" type="application/rss+xml"/>
    <item>
      <title>Sudan: Humanitarian Situation Report, 5 March 2024</title>
      <link>https://reliefweb.example/report/sudan/sudan-humanitarian-situation-report-5-march-2024</link>
      <description><![CDATA[<div class="tag country">Country: Sudan</div><div class="tag source">Source: OCHA</div><div><p>HIGHLIGHTS</p><ul><li>Fighting continues in Khartoum.</li><li>1.2 million people displaced.</li></ul></div>]]></description>
      <pubDate>Tue, 05 Mar 2024 16:41:02 +0000</pubDate>
      <author>OCHA</author>
      <category>Sudan</category>
      <category>Situation Report</category>
      <guid isPermaLink="true">https://reliefweb.example/report/sudan/sudan-humanitarian-situation-report-5-march-2024</guid>
    </item>
  </channel>
</rss>
''', {"count": 1, "items": [{"i": 0, "authors": ["OCHA"], "tags": ["Sudan", "Situation Report"], "published": "2024-03-05T16:41:02Z",
       "body_text": "Country: Sudan\n\nSource: OCHA\n\nHIGHLIGHTS\n\nFighting continues in Khartoum.\n1.2 million people displaced.", "summary": "Country: Sudan"}]})

w('jsonfeed-empty-content-html.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "Empty HTML",
    "items": [{"id": "e-1", "content_html": "   ", "content_text": "The text version is used."}]}),
  {"count": 1, "items": [{"i": 0, "body_text": "The text version is used.", "body_html": "<p>The text version is used.</p>"}]})

w('rw-govdelivery.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Department of Example - Press Releases</title>
<link>https://content.govdelivery.example/accounts/USEXAMPLE/bulletins</link>
<description>Press Releases</description>
<language>en-us</language>
<item>
<title>Secretary Announces $25 Million in Grants</title>
<description>WASHINGTON &#8211; The Secretary today announced grants.</description>
<link>https://content.govdelivery.example/accounts/USEXAMPLE/bulletins/38d1a2b</link>
<guid isPermaLink="true">https://content.govdelivery.example/accounts/USEXAMPLE/bulletins/38d1a2b</guid>
<dc:date>2024-03-05T15:02:11Z</dc:date>
<pubDate>Tue, 05 Mar 2024 10:02:11 -0500</pubDate>
</item>
</channel>
</rss>
''', {"count": 1, "items": [{"i": 0, "published": "2024-03-05T15:02:11Z", "body_text": "WASHINGTON – The Secretary today announced grants.", "title": "Secretary Announces $25 Million in Grants"}]})

w('ent-channel-title-double-escaped.rss', '''<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>News &amp;amp; Views &amp;#8211; Ministry</title><link>https://nv.example/</link><description>d</description>
<item><title>News &amp;amp; Views item</title><guid>nv-1</guid></item></channel></rss>
''', {"count": 1, "feed": {"title": "News & Views – Ministry"}, "items": [{"i": 0, "title": "News & Views item", "source_title": "News & Views – Ministry", "ext.feed_title": "News & Views – Ministry"}]})

w('body-br-paragraphs.rss', rss_doc('''<item><title>Line breaks</title><guid>br-1</guid><description><![CDATA[First paragraph, line one.<br>line two.<br><br>Second paragraph.<br /><br />Third paragraph.<br/>]]></description></item>
'''), {"count": 1, "items": [{"i": 0, "body_text": "First paragraph, line one.\nline two.\n\nSecond paragraph.\n\nThird paragraph.", "summary": "First paragraph, line one.\nline two."}]})

w('atom-xhtml-prefixed.atom', '''<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:xhtml="http://www.w3.org/1999/xhtml"><title>Prefixed XHTML</title><id>urn:px</id><updated>2024-03-05T10:00:00Z</updated>
<entry><title type="xhtml"><xhtml:div>Prefixed <xhtml:em>title</xhtml:em></xhtml:div></title><id>urn:px:1</id><updated>2024-03-05T10:00:00Z</updated>
<content type="xhtml"><xhtml:div><xhtml:p>First <xhtml:a href="https://px.example/more">link</xhtml:a>.</xhtml:p><xhtml:ul><xhtml:li>one</xhtml:li><xhtml:li>two</xhtml:li></xhtml:ul></xhtml:div></content></entry>
</feed>
''', {"count": 1, "items": [{"i": 0, "title": "Prefixed title", "body_text": "First link.\n\none\ntwo",
       "body_html": "<p>First <a href=\"https://px.example/more\">link</a>.</p><ul><li>one</li><li>two</li></ul>"}]})

w('rss2-protocol-relative.rss', rss_doc('''<item><title>Protocol-relative</title><guid>pr-1</guid>
<link>//www.iom.int/news/protocol-relative</link>
<description>&lt;img src="//cdn.iom.int/img/a.jpg" alt="a"&gt;</description>
<media:thumbnail url="//cdn.iom.int/img/a-thumb.jpg"/>
</item>
'''), {"count": 1, "items": [{"i": 0, "link": "https://www.iom.int/news/protocol-relative", "body_html": "<img src=\"https://cdn.iom.int/img/a.jpg\" alt=\"a\">", "attachment0_uri": "https://cdn.iom.int/img/a-thumb.jpg"}]})

w('rss2-blank-guid.rss', rss_doc('''<item><title>Blank guid</title><guid isPermaLink="false">   </guid><link>https://www.iom.int/news/blank-guid</link></item>
'''), {"count": 1, "items": [{"i": 0, "native_id": "https://www.iom.int/news/blank-guid", "link": "https://www.iom.int/news/blank-guid"}]})

w('bad/html-error-page-502.xml', '''<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.22.1</center>
</body>
</html>
''', {"error": PARSE, "error_contains": "an HTML page, not a feed"})

dates_file('dates-us-cms-styles.rss', [
    ('March 5, 2024 10:00 AM', '2024-03-05T10:00:00Z'),
    ('March 5, 2024 3:45 PM EST', '2024-03-05T20:45:00Z'),
    ('Mar 5, 2024 12:30 am', '2024-03-05T00:30:00Z'),
    ('Mar 5, 2024 12:00 PM', '2024-03-05T12:00:00Z'),
    ('Tuesday, March 5, 2024 - 10:00', '2024-03-05T10:00:00Z'),
    ('March 5, 2024 at 9:15 am', '2024-03-05T09:15:00Z'),
    ('Tue, 03/05/2024 - 10:00', 'unknown'),                      # day/month order unknown
    ('05.03.2024', 'unknown'),
    ('March 5, 2024 13:00 PM', 'unknown'),
])

w('rw-mastodon.rss', '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:webfeeds="http://webfeeds.org/rss/1.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Relief Agency</title>
    <description>Public posts from @relief@social.example</description>
    <link>https://social.example/@relief</link>
    <image><url>https://files.social.example/accounts/avatars/original/a.png</url><title>Relief Agency</title><link>https://social.example/@relief</link></image>
    <lastBuildDate>Tue, 05 Mar 2024 12:00:41 +0000</lastBuildDate>
    <webfeeds:icon>https://files.social.example/accounts/avatars/original/a.png</webfeeds:icon>
    <generator>Mastodon v4.2.7</generator>
    <item>
      <guid isPermaLink="true">https://social.example/@relief/112045678901234567</guid>
      <link>https://social.example/@relief/112045678901234567</link>
      <pubDate>Tue, 05 Mar 2024 12:00:41 +0000</pubDate>
      <description>&lt;p&gt;Our teams reached 3,000 families today. &lt;a href="https://social.example/tags/Sudan" class="mention hashtag" rel="tag"&gt;#&lt;span&gt;Sudan&lt;/span&gt;&lt;/a&gt;&lt;/p&gt;</description>
      <media:content url="https://files.social.example/media_attachments/files/112/045/original/photo.jpg" type="image/jpeg" fileSize="245123" medium="image">
        <media:rating scheme="urn:simple">nonadult</media:rating>
        <media:description type="plain">Aid workers unloading a truck</media:description>
      </media:content>
      <category>sudan</category>
    </item>
  </channel>
</rss>
''', {"count": 1, "feed": {"title": "Relief Agency", "generator": "Mastodon v4.2.7"},
      "items": [{"i": 0, "title": "", "native_id": "https://social.example/@relief/112045678901234567", "link": "https://social.example/@relief/112045678901234567",
                 "body_text": "Our teams reached 3,000 families today. #Sudan", "tags": ["sudan"], "attachments": 1, "attachment0_size": 245123,
                 "body_html": "<p>Our teams reached 3,000 families today. <a href=\"https://social.example/tags/Sudan\">#<span>Sudan</span></a></p>"}]})

w('rw-google-news.rss', '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><generator>NFE/5.0</generator><title>"humanitarian aid" - Google News</title><link>https://news.google.com/search?q=%22humanitarian+aid%22&amp;hl=en-US&amp;gl=US&amp;ceid=US:en</link><language>en-US</language><webMaster>news-webmaster@google.com</webMaster><copyright>2024 Google Inc.</copyright><lastBuildDate>Tue, 05 Mar 2024 12:40:28 GMT</lastBuildDate><description>Google News</description><item><title>Aid reaches northern Gaza - Example Times</title><link>https://news.google.com/rss/articles/CBMiTGh0dHBzOi8vd3d3?oc=5</link><guid isPermaLink="false">CBMiTGh0dHBzOi8vd3d3</guid><pubDate>Tue, 05 Mar 2024 11:07:00 GMT</pubDate><description>&lt;a href="https://news.google.com/rss/articles/CBMiTGh0dHBzOi8vd3d3?oc=5" target="_blank"&gt;Aid reaches northern Gaza&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Example Times&lt;/font&gt;</description><source url="https://www.example-times.com">Example Times</source></item></channel></rss>''',
  {"count": 1, "feed": {"title": '"humanitarian aid" - Google News', "language": "en-US", "generator": "NFE/5.0"},
   "items": [{"i": 0, "title": "Aid reaches northern Gaza - Example Times", "native_id": "CBMiTGh0dHBzOi8vd3d3", "link": "https://news.google.com/rss/articles/CBMiTGh0dHBzOi8vd3d3?oc=5",
              "published": "2024-03-05T11:07:00Z", "body_text": "Aid reaches northern Gaza Example Times",
              "body_html": "<a href=\"https://news.google.com/rss/articles/CBMiTGh0dHBzOi8vd3d3?oc=5\">Aid reaches northern Gaza</a>\u00a0\u00a0Example Times"}]})

w('jsonfeed-11-deprecated-author.json', jf({"version": "https://jsonfeed.org/version/1.1", "title": "Micro notes", "home_page_url": "https://micro.example/",
    "items": [{"id": "https://micro.example/2024/03/05/120000.html", "url": "https://micro.example/2024/03/05/120000.html",
               "content_html": "<p>Short note from the field.</p>", "date_published": "2024-03-05T12:00:00+00:00",
               "author": {"name": "Sam Field", "url": "https://micro.example/"}, "_microblog": {"is_deleted": False}}]}),
  {"count": 1, "items": [{"i": 0, "authors": ["Sam Field"], "title": "", "body_text": "Short note from the field.", "published": "2024-03-05T12:00:00Z"}]})

json.dump(E, open('expected.json', 'w'), ensure_ascii=False, indent=1, sort_keys=True)
print(len(E))
