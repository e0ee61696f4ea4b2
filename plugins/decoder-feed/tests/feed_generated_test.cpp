// Generated fixtures: every XML format x every encoding x every date style (and JSON Feed x
// every date style), each decoded and checked against the values it was built from.
#include "feed_test_util.hpp"

#include <iconv.h>

#include <gtest/gtest.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr std::array<char const*, 5> xml_formats{"rss-2.0", "rss-0.91", "rss-1.0", "atom-1.0",
                                                 "atom-0.3"};
constexpr std::array<char const*, 6> encodings{"utf-8",       "utf-8-bom", "windows-1252",
                                               "iso-8859-15", "utf-16le",  "utf-16be"};
// All the same instant, 2020-05-26T08:00:00Z.
constexpr std::array<char const*, 6> rfc822_dates{
    "Tue, 26 May 2020 08:00:00 GMT", "Tue, 26 May 2020 10:00:00 +0200",
    "26 May 20 04:00 EDT",           "Tue, 26 May 2020 03:00:00 CDT",
    "Tue 26 May 2020 08:00:00 Z",    "Tuesday, 26-May-20 01:00:00 PDT"};
constexpr std::array<char const*, 6> iso_dates{
    "2020-05-26T08:00:00Z",      "2020-05-26T10:00:00+02:00", "2020-05-26T08:00:00.000Z",
    "2020-05-26T03:00:00-05:00", "2020-05-26 08:00:00Z",      "2020-05-26T13:30:00+05:30"};
constexpr std::int64_t expected_ms = 1590480000000;

struct generated_case {
    std::string format;
    std::string encoding;
    std::size_t date_style = 0;
};

std::vector<generated_case> all_cases() {
    std::vector<generated_case> cases;
    for (char const* f : xml_formats) {
        for (char const* e : encodings) {
            for (std::size_t d = 0; d < rfc822_dates.size(); ++d) {
                cases.push_back({f, e, d});
            }
        }
    }
    for (std::size_t d = 0; d < iso_dates.size(); ++d) {
        cases.push_back({"json-1.1", "utf-8", d});
    }
    return cases;
}

std::string encode(std::string const& utf8, std::string const& encoding) {
    if (encoding == "utf-8") {
        return utf8;
    }
    if (encoding == "utf-8-bom") {
        return "\xEF\xBB\xBF" + utf8;
    }
    std::string const target = encoding == "utf-16le"   ? "UTF-16LE"
                               : encoding == "utf-16be" ? "UTF-16BE"
                                                        : encoding;
    iconv_t const cd = iconv_open(target.c_str(), "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        throw std::runtime_error("iconv cannot write " + target);
    }
    std::string out(utf8.size() * 4 + 8, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    std::size_t const rc = iconv(cd, &in, &in_left, &dst, &dst_left);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1)) {
        throw std::runtime_error("cannot encode test text in " + target);
    }
    out.resize(out.size() - dst_left);
    if (encoding == "utf-16le") {
        out = "\xFF\xFE" + out;
    } else if (encoding == "utf-16be") {
        out = "\xFE\xFF" + out;
    }
    return out;
}

std::string declared(std::string const& encoding) {
    if (encoding == "utf-8-bom") {
        return "utf-8";
    }
    if (encoding.rfind("utf-16", 0) == 0) {
        return "utf-16";
    }
    return encoding;
}

std::string item_title(std::size_t i) {
    return "Caf\xC3\xA9 cr\xC3\xA8me \xE2\x82\xAC " + std::to_string(i);  // in cp1252 and latin-9
}

std::string build(generated_case const& c) {
    std::string doc;
    std::string const prolog =
        "<?xml version=\"1.0\" encoding=\"" + declared(c.encoding) + "\"?>\n";
    std::string const rdate = rfc822_dates[c.date_style];
    std::string const idate = iso_dates[c.date_style];
    if (c.format == "rss-2.0" || c.format == "rss-0.91") {
        doc = prolog + "<rss version=\"" + c.format.substr(4) +
              "\"><channel><title>Gen \xC3\xA9</title><link>https://gen.example/</link>";
        for (std::size_t i = 0; i < 3; ++i) {
            doc += "<item><title>" + item_title(i) + "</title><link>/p/" + std::to_string(i) +
                   "</link><guid>g" + std::to_string(i) + "</guid><pubDate>" + rdate +
                   "</pubDate><description>&lt;p&gt;Body " + std::to_string(i) +
                   " &amp;eacute;&lt;/p&gt;</description></item>";
        }
        doc += "</channel></rss>";
    } else if (c.format == "rss-1.0") {
        doc = prolog +
              "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
              "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
              "<channel rdf:about=\"https://gen.example/\"><title>Gen \xC3\xA9</title>"
              "<link>https://gen.example/</link></channel>";
        for (std::size_t i = 0; i < 3; ++i) {
            doc += "<item rdf:about=\"g" + std::to_string(i) + "\"><title>" + item_title(i) +
                   "</title><link>/p/" + std::to_string(i) + "</link><dc:date>" + idate +
                   "</dc:date><description>&lt;p&gt;Body " + std::to_string(i) +
                   " &amp;eacute;&lt;/p&gt;</description></item>";
        }
        doc += "</rdf:RDF>";
    } else {
        bool const a03 = c.format == "atom-0.3";
        doc = prolog +
              (a03 ? "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\">"
                   : "<feed xmlns=\"http://www.w3.org/2005/Atom\">") +
              "<title>Gen \xC3\xA9</title><link href=\"https://gen.example/\"/>";
        for (std::size_t i = 0; i < 3; ++i) {
            doc += "<entry><title>" + item_title(i) + "</title><link href=\"/p/" +
                   std::to_string(i) + "\"/><id>g" + std::to_string(i) + "</id>" +
                   (a03 ? "<issued>" : "<published>") + idate +
                   (a03 ? "</issued>" : "</published>") +
                   (a03 ? "<content type=\"text/html\" mode=\"escaped\">"
                        : "<content type=\"html\">") +
                   "&lt;p&gt;Body " + std::to_string(i) + " &amp;eacute;&lt;/p&gt;</content>" +
                   "</entry>";
        }
        doc += "</feed>";
    }
    return encode(doc, c.encoding);
}

std::string build_json(generated_case const& c) {
    std::string doc =
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Gen "
        "\xC3\xA9\", \"home_page_url\": \"https://gen.example/\", \"items\": [";
    for (std::size_t i = 0; i < 3; ++i) {
        doc += std::string(i > 0 ? "," : "") + "{\"id\": \"g" + std::to_string(i) +
               "\", \"url\": \"/p/" + std::to_string(i) + "\", \"title\": \"" + item_title(i) +
               "\", \"date_published\": \"" + iso_dates[c.date_style] +
               "\", \"content_html\": \"<p>Body " + std::to_string(i) + " &eacute;</p>\"}";
    }
    return doc + "]}";
}

class feed_generated : public ::testing::TestWithParam<generated_case> {};

TEST_P(feed_generated, decodes_every_format_encoding_and_date_style) {
    generated_case const& c = GetParam();
    bool const json = c.format.rfind("json", 0) == 0;
    std::string const doc = json ? build_json(c) : build(c);
    auto const f =
        feed_test::parse(doc, json ? "application/feed+json" : "", "https://gen.example/feeds/x");
    EXPECT_EQ(f.feed.format, c.format);
    EXPECT_EQ(f.feed.title, "Gen \xC3\xA9");
    ASSERT_EQ(f.releases.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        auto const& r = f.releases[i];
        EXPECT_EQ(r.title, item_title(i));
        EXPECT_EQ(r.native_id, "g" + std::to_string(i));
        EXPECT_EQ(r.link, "https://gen.example/p/" + std::to_string(i));
        ASSERT_TRUE(r.published.unix_ms) << r.published.raw;
        EXPECT_EQ(*r.published.unix_ms, expected_ms) << r.published.raw;
        EXPECT_EQ(r.body_text, "Body " + std::to_string(i) + " \xC3\xA9");
        EXPECT_EQ(r.body_html, "<p>Body " + std::to_string(i) + " \xC3\xA9</p>");
        EXPECT_EQ(r.source.title, "Gen \xC3\xA9");
        EXPECT_EQ(r.extensions.count("warnings"), 0u) << r.extensions.at("warnings");
    }
}

INSTANTIATE_TEST_SUITE_P(cross_product, feed_generated, ::testing::ValuesIn(all_cases()),
                         [](::testing::TestParamInfo<generated_case> const& info) {
                             std::string n = info.param.format + "_" + info.param.encoding +
                                             "_date" + std::to_string(info.param.date_style);
                             for (auto& ch : n) {
                                 if (!std::isalnum(static_cast<unsigned char>(ch))) {
                                     ch = '_';
                                 }
                             }
                             return n;
                         });

}  // namespace
