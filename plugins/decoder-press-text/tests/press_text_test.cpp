// Behaviour of the press-text decoder, unit by unit: text decoding, dates, datelines, tags,
// contacts and summaries (detail/), then whole payloads through press_text_decoder::parse().
#include "../press_text.hpp"
#include "../detail/contacts.hpp"
#include "../detail/dates.hpp"
#include "../detail/structure.hpp"
#include "../detail/text.hpp"

#include <ingest/sdk/json.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace {

namespace pt = ingest::plugins::decoder_press_text;
namespace d = ingest::plugins::decoder_press_text::detail;
using ingest::sdk::contact;
using ingest::sdk::invalid_input;

constexpr char const* nbsp = "\xC2\xA0";

std::optional<std::string> date(std::string const& text,
                                d::date_order order = d::date_order::day_first) {
    auto ms = d::parse_release_date(text, order);
    if (!ms) {
        return std::nullopt;
    }
    return ingest::sdk::format_rfc3339(*ms);
}

// The shortcut for numeric dates gives what the format list gives, valid or not, in both
// orders, for every day/month pair around the valid range and the separators written.
TEST(PressTextDates, NumericShortcutAgreesWithTheFormatList) {
    std::vector<std::string> const separators{"/", " / ", "/ ", "-", " - ", ".", " . ", ". "};
    std::vector<std::string> const years{"1899", "1900", "2020", "2024", "2199",
                                         "2200", "24",   "0202", "20245"};
    std::size_t read = 0;
    for (auto order : {d::date_order::day_first, d::date_order::month_first}) {
        for (int a = 0; a <= 32; ++a) {
            for (int b = 0; b <= 13; ++b) {
                for (auto const& sep : separators) {
                    for (auto const& y : years) {
                        for (bool pad : {false, true}) {
                            auto two = [pad](int n) {
                                return (pad && n < 10 ? "0" : "") + std::to_string(n);
                            };
                            std::string const text = two(a) + sep + two(b) + sep + y;
                            auto const fast = d::parse_release_date(text, order);
                            ASSERT_EQ(fast, d::parse_release_date_by_formats(text, order)) << text;
                            read += fast ? 1 : 0;
                        }
                    }
                }
            }
        }
        for (int m = 0; m <= 13; ++m) {
            for (int day = 0; day <= 32; ++day) {
                std::string const text = "2024-" + std::string(m < 10 ? "0" : "") +
                                         std::to_string(m) + "-" + (day < 10 ? "0" : "") +
                                         std::to_string(day);
                ASSERT_EQ(d::parse_release_date(text, order),
                          d::parse_release_date_by_formats(text, order))
                    << text;
            }
        }
    }
    EXPECT_GT(read, 5000U);  // the comparison covered real dates, not only refusals
    EXPECT_EQ(date("29 / 02 / 2024"), "2024-02-29T00:00:00Z");
    EXPECT_EQ(date("29.02.2023"), std::nullopt);
    EXPECT_EQ(date("05/06/2020", d::date_order::month_first), "2020-05-06T00:00:00Z");
}

std::vector<ingest::sdk::release> parse(std::string const& payload, pt::options o = {}) {
    return pt::press_text_decoder(std::move(o)).parse(payload);
}

std::string error_of(std::string const& payload, pt::options o = {}) {
    try {
        parse(payload, std::move(o));
    } catch (invalid_input const& e) {
        return e.what();
    }
    return "(no error)";
}

// ---------------------------------------------------------------------------- text --

TEST(press_text_text, valid_utf8_passes_unchanged) {
    auto const out = d::decode_payload("Bogotá – “quoted” 東京 🙂");
    EXPECT_EQ(out.text, "Bogotá – “quoted” 東京 🙂");
    EXPECT_TRUE(out.repairs.empty());
}

TEST(press_text_text, a_utf8_bom_is_dropped) {
    auto const out = d::decode_payload("\xEF\xBB\xBFTitle");
    EXPECT_EQ(out.text, "Title");
    EXPECT_TRUE(out.repairs.empty());
}

TEST(press_text_text, each_maximal_invalid_subpart_becomes_one_replacement_character) {
    // Latin-1 é, a truncated 3-byte sequence, an overlong '/', a surrogate, a stray
    // continuation byte, a 4-byte lead at the very end.
    auto const out = d::decode_payload("Bogot\xE9 \xE2\x80 \xC0\xAF \xED\xA0\x80 \x80 \xF0\x9F");
    EXPECT_EQ(out.text,
              "Bogot\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD "
              "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD");
    EXPECT_EQ(out.repairs.size(), 9u);
    EXPECT_EQ(out.repairs.front(), 5u);
}

TEST(press_text_text, utf16_with_a_bom_is_converted_in_both_byte_orders) {
    std::string const le(
        "\xFF\xFE"
        "A\0\xE9\0\x3D\xD8\x42\xDE",
        10);  // "Aé🙂"
    std::string const be(
        "\xFE\xFF"
        "\0A\0\xE9\xD8\x3D\xDE\x42",
        10);
    EXPECT_EQ(d::decode_payload(le).text, "A\xC3\xA9\xF0\x9F\x99\x82");
    EXPECT_EQ(d::decode_payload(be).text, "A\xC3\xA9\xF0\x9F\x99\x82");
    std::string const lone(
        "\xFF\xFE\x3D\xD8"
        "A\0",
        6);  // unpaired high surrogate
    auto const out = d::decode_payload(lone);
    EXPECT_EQ(out.text,
              "\xEF\xBF\xBD"
              "A");
    EXPECT_EQ(out.repairs.size(), 1u);
}

TEST(press_text_text, lines_split_at_lf_crlf_cr_nel_and_unicode_separators) {
    auto const lines = d::split_lines(
        "a\nb\r\nc\rd\xC2\x85"
        "e\xE2\x80\xA8"
        "f\n");
    ASSERT_EQ(lines.size(), 6u);
    EXPECT_EQ(lines[0].text, "a");
    EXPECT_EQ(lines[2].text, "c");
    EXPECT_EQ(lines[4].text, "e");
    EXPECT_EQ(lines[5].text, "f");
    EXPECT_EQ(lines[5].number, 6u);
    EXPECT_TRUE(d::split_lines("").empty());
    EXPECT_EQ(d::split_lines("\n\n").size(), 2u);
}

TEST(press_text_text, whitespace_runs_with_nbsp_and_unicode_spaces_collapse_to_one_space) {
    EXPECT_EQ(d::normalize_space(std::string(" Washington") + nbsp + "DC" + nbsp + " \t"),
              "Washington DC");
    EXPECT_EQ(d::normalize_space("a\xE2\x80\x83\xE2\x80\xAF"
                                 "b\xE3\x80\x80"
                                 "c"),
              "a b c");
    EXPECT_EQ(d::normalize_space("zero\xE2\x80\x8Bwidth\xEF\xBB\xBF"), "zerowidth");
    EXPECT_TRUE(d::is_blank(std::string(nbsp) + " \t\xE2\x80\x8B"));
    EXPECT_FALSE(d::is_blank(" . "));
}

TEST(press_text_text, case_folding_matches_accented_capitals) {
    EXPECT_EQ(d::fold_case("MÉXICO"), d::fold_case("México"));
    EXPECT_NE(d::fold_case("México"), d::fold_case("Mexico"));
    EXPECT_EQ(d::fold_case("Straße"), d::fold_case("STRASSE"));
}

// --------------------------------------------------------------------------- dates --

struct date_case {
    char const* text;
    char const* rfc3339;  // nullptr: not a date
};

class press_text_dates : public ::testing::TestWithParam<date_case> {};

TEST_P(press_text_dates, parse) {
    auto const& c = GetParam();
    auto const got = date(c.text);
    if (c.rfc3339 == nullptr) {
        EXPECT_FALSE(got) << c.text << " -> " << got.value_or("");
    } else {
        EXPECT_EQ(got.value_or("(none)"), c.rfc3339) << c.text;
    }
}

INSTANTIATE_TEST_SUITE_P(
    formats, press_text_dates,
    ::testing::Values(
        date_case{"26 / 05 / 2020", "2020-05-26T00:00:00Z"},
        date_case{"26/05/2020", "2020-05-26T00:00:00Z"},
        date_case{"5/6/2020", "2020-06-05T00:00:00Z"},
        date_case{"26.05.2020", "2020-05-26T00:00:00Z"},
        date_case{"26-05-2020", "2020-05-26T00:00:00Z"},
        date_case{"26/05/20", "2020-05-26T00:00:00Z"},
        date_case{"26/05/99", "1999-05-26T00:00:00Z"},
        date_case{"2020-05-26", "2020-05-26T00:00:00Z"},
        date_case{"2020/05/26", "2020-05-26T00:00:00Z"},
        date_case{"2020-05-26T10:00:00Z", "2020-05-26T10:00:00Z"},
        date_case{"2020-05-26T10:00:00.250Z", "2020-05-26T10:00:00.250Z"},
        date_case{"2020-05-26T10:00:00+02:00", "2020-05-26T08:00:00Z"},
        date_case{"2020-05-26T10:00:00-0500", "2020-05-26T15:00:00Z"},
        date_case{"2020-05-26T10:00+02:00", "2020-05-26T08:00:00Z"},
        date_case{"2020-05-26T10:00:00", "2020-05-26T10:00:00Z"},
        date_case{"2020-05-26 10:00", "2020-05-26T10:00:00Z"},
        date_case{"May 26, 2020", "2020-05-26T00:00:00Z"},
        date_case{"May 26 2020", "2020-05-26T00:00:00Z"},
        date_case{"26 May 2020", "2020-05-26T00:00:00Z"},
        date_case{"26 May, 2020", "2020-05-26T00:00:00Z"},
        date_case{"26 MAY 2020", "2020-05-26T00:00:00Z"},
        date_case{"Tuesday, 26 May 2020", "2020-05-26T00:00:00Z"},
        date_case{"Tuesday, May 26, 2020", "2020-05-26T00:00:00Z"},
        date_case{"Tue 26 May 2020", "2020-05-26T00:00:00Z"},
        date_case{"Monday, 26 May 2020", "2020-05-26T00:00:00Z"},  // weekday not checked
        date_case{"26th May 2020", "2020-05-26T00:00:00Z"},
        date_case{"1st of June 2021", "2021-06-01T00:00:00Z"},
        date_case{"December 2nd, 2019", "2019-12-02T00:00:00Z"},
        date_case{"Sept. 3, 2019", "2019-09-03T00:00:00Z"},
        date_case{"3 Sept 2019", "2019-09-03T00:00:00Z"},
        date_case{"Jan. 5, 2021", "2021-01-05T00:00:00Z"},
        date_case{"03-Sep-2019", "2019-09-03T00:00:00Z"},
        date_case{"26 May 2020 10:00 GMT", "2020-05-26T10:00:00Z"},
        date_case{"Wed, 02 Jun 2021 09:30:00 +0100", "2021-06-02T08:30:00Z"},
        date_case{"  26\xC2\xA0May\xC2\xA0 2020 ", "2020-05-26T00:00:00Z"},
        date_case{"26 May 2020.", "2020-05-26T00:00:00Z"},
        date_case{"2022年3月15日", "2022-03-15T00:00:00Z"},
        date_case{"2023년 5월 20일", "2023-05-20T00:00:00Z"}, date_case{"", nullptr},
        date_case{"TBC", nullptr}, date_case{"Spring 2020", nullptr},
        date_case{"May 2020", nullptr}, date_case{"31/02/2020", nullptr},
        date_case{"26/13/2020", nullptr}, date_case{"2020", nullptr},
        date_case{"26 May 2020 extra words", nullptr}, date_case{"14 octobre 2021", nullptr},
        date_case{"26 May 1820", nullptr}, date_case{"tomorrow", nullptr},
        date_case{"2020-05-26T10:00:ali", nullptr},  // found by the fuzzer (NaN in date.h)
        date_case{"2020-05-26T10:00:.", nullptr}, date_case{"2020-05-26T10:00:", nullptr}));

TEST(press_text_dates, numeric_dates_are_day_first_unless_configured) {
    EXPECT_EQ(date("05/06/2020"), "2020-06-05T00:00:00Z");
    EXPECT_EQ(date("05/06/2020", d::date_order::month_first), "2020-05-06T00:00:00Z");
    EXPECT_EQ(date("2020-05-06", d::date_order::month_first), "2020-05-06T00:00:00Z");
    EXPECT_EQ(date("26/05/2020", d::date_order::month_first), std::nullopt);
}

TEST(press_text_dates, looks_like_date_spots_digits_and_month_or_weekday_names) {
    EXPECT_TRUE(d::looks_like_date("Spring 2020"));
    EXPECT_TRUE(d::looks_like_date("sometime in june"));
    EXPECT_TRUE(d::looks_like_date("Tue"));
    EXPECT_FALSE(d::looks_like_date("TBC"));
    EXPECT_FALSE(d::looks_like_date("Mayor"));
}

// ------------------------------------------------------------------------ datelines --

struct dateline_case {
    std::string paragraph;
    std::string dateline;  // "" : none
    std::string rest;
};

class press_text_datelines : public ::testing::TestWithParam<dateline_case> {};

TEST_P(press_text_datelines, split) {
    auto const& c = GetParam();
    auto const got = d::split_dateline(d::normalize_space(c.paragraph));
    if (c.dateline.empty()) {
        EXPECT_FALSE(got) << c.paragraph << " -> " << (got ? got->dateline : "");
        return;
    }
    ASSERT_TRUE(got) << c.paragraph;
    EXPECT_EQ(got->dateline, c.dateline);
    EXPECT_EQ(got->rest, c.rest);
}

INSTANTIATE_TEST_SUITE_P(
    shapes, press_text_datelines,
    ::testing::Values(
        dateline_case{"Mexico City - On December 18, IOM signed", "Mexico City",
                      "On December 18, IOM signed"},
        dateline_case{"Washington\xC2\xA0"
                      "DC\xC2\xA0\xE2\x80\x93\xC2\xA0The Government",
                      "Washington DC", "The Government"},
        dateline_case{"GENEVA\xE2\x80\x94The agency", "GENEVA", "The agency"},
        dateline_case{"Dar es Salaam -- Tanzania", "Dar es Salaam", "Tanzania"},
        dateline_case{"Port-au-Prince \xE2\x80\x93 Haiti", "Port-au-Prince", "Haiti"},
        dateline_case{"Washington, D.C. \xE2\x80\x93 The", "Washington, D.C.", "The"},
        dateline_case{"GENEVA, Switzerland (26 May 2020) \xE2\x80\x93 IOM", "GENEVA, Switzerland",
                      "IOM"},
        dateline_case{"NAIROBI, 3 March 2021 \xE2\x80\x93 UNHCR", "NAIROBI", "UNHCR"},
        dateline_case{"Rio de Janeiro, Brazil - 3 March 2021 - The", "Rio de Janeiro, Brazil",
                      "The"},
        dateline_case{"Geneva/Nairobi \xE2\x80\x93 IOM", "Geneva/Nairobi", "IOM"},
        dateline_case{"Kuala Lumpur- Malaysia", "Kuala Lumpur", "Malaysia"},
        dateline_case{"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 \xE2\x80\x93 text", "Київ", "text"},
        dateline_case{"بغداد – أعلنت", "بغداد", "أعلنت"},
        dateline_case{"東京 — 国際", "東京", "国際"},
        dateline_case{"Brussels \xE2\x80\x93", "Brussels", ""},
        dateline_case{"The 2020 report \xE2\x80\x93 released today \xE2\x80\x93 shows", "", ""},
        dateline_case{"Over the past year - aid agencies say", "", ""},
        dateline_case{"IOM Director General António Vitorino \xE2\x80\x93 said", "", ""},
        dateline_case{"Since the outbreak started, more than 4.5 million cases", "", ""},
        dateline_case{"COVID-19 cases rose", "", ""},
        dateline_case{"\xE2\x80\x9CWe are ready,\xE2\x80\x9D she said \xE2\x80\x93 and", "", ""},
        dateline_case{"A very long place name with many words here - text", "", ""},
        dateline_case{"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa - text", "",
                      ""},
        dateline_case{"Geneva. The agency - said", "", ""}, dateline_case{"- text", "", ""}));

// ----------------------------------------------------------------------------- tags --

struct tags_case {
    std::string line;
    std::optional<std::vector<std::string>> tags;
};

class press_text_tags : public ::testing::TestWithParam<tags_case> {};

TEST_P(press_text_tags, parse) {
    auto const& c = GetParam();
    EXPECT_EQ(d::parse_tag_line(d::normalize_space(c.line)), c.tags) << c.line;
}

using tag_list = std::vector<std::string>;

INSTANTIATE_TEST_SUITE_P(
    lines, press_text_tags,
    ::testing::Values(
        tags_case{"mexico, mexico city, international migrants day",
                  tag_list{"mexico", "mexico city", "international migrants day"}},
        tags_case{std::string("mexico,") + nbsp + "mexico" + nbsp + "city ,",
                  tag_list{"mexico", "mexico city"}},
        tags_case{"Migration, migration, MIGRATION, Data", tag_list{"Migration", "Data"}},
        tags_case{"México, MÉXICO, mexico", tag_list{"México", "mexico"}},
        tags_case{"Tags: Climate Change, Pacific", tag_list{"Climate Change", "Pacific"}},
        tags_case{"Keywords: refugees", tag_list{"refugees"}},
        tags_case{"#WorldRefugeeDay #WithRefugees", tag_list{"WorldRefugeeDay", "WithRefugees"}},
        tags_case{"العراق، سنجار", tag_list{"العراق", "سنجار"}},
        tags_case{"移民，报告", tag_list{"移民", "报告"}},
        tags_case{"migration", tag_list{"migration"}},
        tags_case{"U.S. aid, St. Lucia", tag_list{"U.S. aid", "St. Lucia"}},
        tags_case{"one two three four five, six", tag_list{"one two three four five", "six"}},
        tags_case{"one two three four five six, seven", std::nullopt},
        tags_case{"one two three four", std::nullopt},  // a lone item: three words at most
        tags_case{"covid-19, 2021, health", std::nullopt},
        tags_case{"The full report is available online.", std::nullopt},
        tags_case{"-ENDS-", std::nullopt}, tags_case{"###", std::nullopt},
        tags_case{"Photo: IOM", std::nullopt}, tags_case{"say \"hello\", world", std::nullopt},
        tags_case{"media@iom.int, press", std::nullopt}, tags_case{"", std::nullopt},
        tags_case{",,,", std::nullopt}));

// ------------------------------------------------------------------------- contacts --

struct contacts_case {
    std::vector<std::vector<std::string>> block;
    std::vector<contact> contacts;
};

class press_text_contacts : public ::testing::TestWithParam<contacts_case> {};

TEST_P(press_text_contacts, parse) {
    auto const& c = GetParam();
    auto block = c.block;
    for (auto& p : block) {
        for (auto& l : p) {
            l = d::normalize_space(l);
        }
    }
    auto const got = d::parse_contacts(block);
    ASSERT_EQ(got.size(), c.contacts.size()) << c.block.front().front();
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].name, c.contacts[i].name) << c.block.front().front();
        EXPECT_EQ(got[i].organization, c.contacts[i].organization) << c.block.front().front();
        EXPECT_EQ(got[i].email, c.contacts[i].email) << c.block.front().front();
        EXPECT_EQ(got[i].phone, c.contacts[i].phone) << c.block.front().front();
    }
}

using block = std::vector<std::vector<std::string>>;

INSTANTIATE_TEST_SUITE_P(
    blocks, press_text_contacts,
    ::testing::Values(
        // The seed: an empty "Email:" is no email, and never the next word.
        contacts_case{block{{"For more information, please contact Liz\xC2\xA0Lizama\xC2\xA0 at "
                             "IOM Washington, Tel.+1 202 716 8820, Email:"}},
                      {{"Liz Lizama", "IOM Washington", "", "+1 202 716 8820"}}},
        contacts_case{
            block{{"For more information, contact the Communication & Media department "
                   "of IOM Mexico, email:, Tel: +55 5536 3922 Ext. 119."}},
            {{"Communication & Media department", "IOM Mexico", "", "+55 5536 3922 Ext. 119"}}},
        contacts_case{block{{"For more information please contact Leonard Doyle, IOM HQ, Tel: "
                             "+41 792857123, Email: ldoyle@iom.int"}},
                      {{"Leonard Doyle", "IOM HQ", "ldoyle@iom.int", "+41 792857123"}}},
        contacts_case{block{{"For more information, please contact Sabine Schneider at IOM "
                             "Germany, Tel: +49 30 2787780, Email: sschneider@iom.int or Joel "
                             "Millman at IOM HQ, Tel. +41 79 103 8720, Email: jmillman@iom.int"}},
                      {{"Sabine Schneider", "IOM Germany", "sschneider@iom.int", "+49 30 2787780"},
                       {"Joel Millman", "IOM HQ", "jmillman@iom.int", "+41 79 103 8720"}}},
        contacts_case{block{{"For further information please contact Joe Lowry, IOM Asia-Pacific "
                             "Regional Office in Bangkok, Tel: +66 2 343 9300. Mobile: +66 81 870 "
                             "3081. Email: jlowry@iom.int"}},
                      {{"Joe Lowry", "IOM Asia-Pacific Regional Office in Bangkok",
                        "jlowry@iom.int", "+66 2 343 9300"}}},
        contacts_case{block{{"Media contacts: Jane Doe, jdoe@x.org; John Roe, jroe@x.org"}},
                      {{"Jane Doe", "", "jdoe@x.org", ""}, {"John Roe", "", "jroe@x.org", ""}}},
        contacts_case{block{{"Media contacts:", "Jane Doe, UNICEF Nigeria, +234 803 525 0288",
                             "John Roe, UNICEF Nigeria, jroe@unicef.org"}},
                      {{"Jane Doe", "UNICEF Nigeria", "", "+234 803 525 0288"},
                       {"John Roe", "UNICEF Nigeria", "jroe@unicef.org", ""}}},
        contacts_case{block{{"For more information, please contact:"},
                            {"Jane Doe", "Communications Officer, UNHCR Kenya",
                             "Tel: +254 20 422 1000", "Email: jdoe@unhcr.org"}},
                      {{"Jane Doe", "UNHCR Kenya", "jdoe@unhcr.org", "+254 20 422 1000"}}},
        contacts_case{block{{"Contact: media@who.int"}}, {{"", "", "media@who.int", ""}}},
        contacts_case{block{{"For more information, please contact IOM Media and Communications "
                             "Unit"}},
                      {{"", "IOM Media and Communications Unit", "", ""}}},
        contacts_case{block{{"For more information, contact Jane Doe at IOM, Tel: +1 555 0100 "
                             "(office hours), Fax: +1 555 0199, Mobile: +1 555 0111"}},
                      {{"Jane Doe", "IOM", "", "+1 555 0100"}}},
        contacts_case{block{{"For more information, contact Jane Doe and John Roe at IOM Kenya, "
                             "Tel: +254 20 422 1000"}},
                      {{"Jane Doe", "IOM Kenya", "", "+254 20 422 1000"},
                       {"John Roe", "IOM Kenya", "", "+254 20 422 1000"}}},
        contacts_case{block{{"For more information, contact Jane Doe at mailto:jdoe@iom.int or "
                             "+41 22 717 9111"}},
                      {{"Jane Doe", "", "jdoe@iom.int", "+41 22 717 9111"}}},
        contacts_case{block{{"For more information, contact IOM Tel Aviv, Email: x@iom.int"}},
                      {{"", "IOM Tel Aviv", "x@iom.int", ""}}},
        contacts_case{block{{"For more information, contact Jane Doe, Email: not-an-address, "
                             "Tel: 12"}},
                      {{"Jane Doe", "", "", ""}}},
        contacts_case{block{{"For more information on the 2021 campaign, please contact Ana "
                             "Lima at IOM Brazil."}},
                      {{"Ana Lima", "IOM Brazil", "", ""}}},
        contacts_case{block{{"For more information, please contact the press office."}},
                      {{"", "press office", "", ""}}}));

TEST(press_text_contacts, leads_are_recognised_case_insensitively) {
    for (std::string lead : {"For more information, please contact", "FOR MORE INFORMATION:",
                             "for further information", "Media contact: Jane", "Media Contacts",
                             "Press contact:", "Contact:", "Contacts", "For media enquiries",
                             "Press inquiries: x@y.org", "For more details"}) {
        EXPECT_TRUE(d::is_contact_lead(lead)) << lead;
    }
    for (std::string text : {"Contacts between the two governments", "Contact tracing began",
                             "Formore information", "The media contacted the ministry"}) {
        EXPECT_FALSE(d::is_contact_lead(text)) << text;
    }
}

TEST(press_text_contacts, details_are_found_in_lines) {
    EXPECT_TRUE(d::has_contact_details("Jane Doe, jdoe@iom.int"));
    EXPECT_TRUE(d::has_contact_details("Tel: +41 22 717 9111"));
    EXPECT_TRUE(d::has_contact_details("+254 722 000 111"));
    EXPECT_FALSE(d::has_contact_details("Jane Doe, UNHCR"));
    EXPECT_FALSE(d::has_contact_details("Email:"));
    EXPECT_FALSE(d::has_contact_details("between 7,000 and 9,000 migrants"));
}

// -------------------------------------------------------------------------- summary --

TEST(press_text_summary, short_paragraphs_are_kept_whole) {
    EXPECT_EQ(d::make_summary("A short paragraph."), "A short paragraph.");
    std::string const exactly(500, 'a');
    EXPECT_EQ(d::make_summary(exactly), exactly);
}

TEST(press_text_summary, long_paragraphs_are_cut_at_a_word_boundary_with_an_ellipsis) {
    std::string text;
    while (text.size() < 700) {
        text += "élan vital, ";
    }
    auto const summary = d::make_summary(d::normalize_space(text));
    EXPECT_LE(d::code_point_count(summary), 500u);
    EXPECT_GE(d::code_point_count(summary), 480u);
    EXPECT_EQ(summary.substr(summary.size() - 3), "\xE2\x80\xA6");
    EXPECT_EQ(summary.find(",\xE2\x80\xA6"), std::string::npos) << "trailing comma kept";
    // Cut at a word boundary: what is kept is a prefix ending where a word ends.
    std::string const kept = summary.substr(0, summary.size() - 3);
    std::string const normalized = d::normalize_space(text);
    ASSERT_EQ(normalized.rfind(kept, 0), 0u);
    char const next = normalized[kept.size()];
    EXPECT_TRUE(next == ' ' || next == ',')
        << "cut inside a word: ..." << kept.substr(kept.size() - 20);
}

TEST(press_text_summary, one_giant_word_is_cut_hard) {
    auto const summary = d::make_summary(std::string(900, 'x'));
    EXPECT_EQ(d::code_point_count(summary), 500u);
}

// ------------------------------------------------------------------ whole payloads --

std::string const seed_like =
    "IOM and the Government of Mexico City sign a collaboration agreement\n"
    "\n"
    "Date Publish:\xC2\xA0 \n"
    "\n"
    "Mexico City - On December 18, IOM and SIBISO signed an agreement.\n"
    "\n"
    "\xE2\x80\x9CWith the agreement,\xE2\x80\x9D explained Christopher Gascon.\n"
    "\n"
    "For more information, contact the Communication & Media department of IOM Mexico, "
    "email:, Tel: +55 5536 3922 Ext. 119.\n"
    "\n"
    "mexico, mexico city, international migrants day\n"
    "\n"
    "United States Funds IOM Humanitarian Assistance\n"
    "\n"
    "Date Publish:\xC2\xA0 \n"
    "26 / 05 / 2020\n"
    "\n"
    "Washington\xC2\xA0"
    "DC\xC2\xA0\xE2\x80\x93\xC2\xA0The Government of the United States "
    "is providing\xC2\xA0 \xC2\xA0 nearly USD 28.5 million.\xC2\xA0 \n"
    "\n"
    "For more information, please contact Liz\xC2\xA0Lizama\xC2\xA0"
    "at IOM Washington, "
    "Tel.+1 202 716 8820, Email:";

TEST(press_text_decoder, reads_the_seed_layout) {
    auto const rs = parse(seed_like);
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(rs[0].title, "IOM and the Government of Mexico City sign a collaboration agreement");
    EXPECT_FALSE(rs[0].published.unix_ms);
    EXPECT_EQ(rs[0].published.raw, "");
    EXPECT_EQ(rs[0].dateline, "Mexico City");
    EXPECT_EQ(rs[0].summary, "On December 18, IOM and SIBISO signed an agreement.");
    EXPECT_EQ(rs[0].body_text,
              "On December 18, IOM and SIBISO signed an agreement.\n\n"
              "\xE2\x80\x9CWith the agreement,\xE2\x80\x9D explained Christopher Gascon.");
    EXPECT_EQ(rs[0].tags,
              (std::vector<std::string>{"mexico", "mexico city", "international migrants day"}));
    ASSERT_EQ(rs[0].contacts.size(), 1u);
    EXPECT_EQ(rs[0].contacts[0].phone, "+55 5536 3922 Ext. 119");
    EXPECT_EQ(rs[0].extensions.at("contact_text"),
              "For more information, contact the Communication & Media department of IOM Mexico, "
              "email:, Tel: +55 5536 3922 Ext. 119.");

    EXPECT_EQ(rs[1].published.unix_ms, 1590451200000);
    EXPECT_EQ(rs[1].published.raw, "26 / 05 / 2020");
    EXPECT_EQ(rs[1].dateline, "Washington DC");
    EXPECT_EQ(rs[1].body_text,
              "The Government of the United States is providing nearly USD 28.5 million.");
    EXPECT_TRUE(rs[1].tags.empty());
    ASSERT_EQ(rs[1].contacts.size(), 1u);
    EXPECT_EQ(rs[1].contacts[0], (contact{"Liz Lizama", "IOM Washington", "", "+1 202 716 8820"}));
}

std::string replace_all(std::string s, std::string const& from, std::string const& to) {
    for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
        s.replace(p, from.size(), to);
    }
    return s;
}

TEST(press_text_decoder, line_ends_and_a_bom_do_not_change_the_records) {
    auto const lf = parse(seed_like);
    EXPECT_EQ(parse(replace_all(seed_like, "\n", "\r\n")), lf);
    EXPECT_EQ(parse(replace_all(seed_like, "\n", "\r")), lf);
    EXPECT_EQ(parse("\xEF\xBB\xBF" + seed_like), lf);
    EXPECT_EQ(parse(seed_like + "\n\n\n"), lf);
    EXPECT_EQ(parse(replace_all(seed_like, "\n", " \t\n")), lf);
}

TEST(press_text_decoder, labels_in_any_case_and_spacing) {
    for (std::string label :
         {"Date Publish:", "date publish:", "DATE PUBLISH :", "Date\xC2\xA0Publish\xC2\xA0:",
          "\tDate  Publish:", "Date published:", "Date Published:", "Published:", "Date:",
          "Publication date:", "Date Publish\xEF\xBC\x9A"}) {
        auto const rs = parse("A title\n\n" + label + " 26 May 2020\n\nBody text.\n");
        ASSERT_EQ(rs.size(), 1u) << label;
        EXPECT_EQ(rs[0].title, "A title") << label;
        EXPECT_EQ(rs[0].published.unix_ms, 1590451200000) << label;
        EXPECT_EQ(rs[0].body_text, "Body text.") << label;
    }
}

TEST(press_text_decoder, a_weak_label_inside_a_body_does_not_start_a_release) {
    auto const rs = parse(
        "Workshop on migration data\n\nDate Publish: 1 June 2021\n\n"
        "The workshop will take place in Rabat.\nDate: 5 June 2021\nVenue: Hotel Atlas\n\n"
        "Registration is open.\nPublished: yesterday\n");
    ASSERT_EQ(rs.size(), 1u);
    EXPECT_EQ(rs[0].body_text,
              "The workshop will take place in Rabat. Date: 5 June 2021 Venue: Hotel Atlas\n\n"
              "Registration is open. Published: yesterday");
}

TEST(press_text_decoder, a_date_after_blank_lines_is_read_when_it_stands_alone) {
    auto const rs = parse("Title\n\nDate Publish:\n\n\n26 May 2020\n\nBody.\n");
    ASSERT_EQ(rs.size(), 1u);
    EXPECT_EQ(rs[0].published.raw, "26 May 2020");
    EXPECT_EQ(rs[0].body_text, "Body.");
    auto const body_only = parse("Title\n\nDate Publish:\n\nLusaka - 26 May 2020 was a day.\n");
    EXPECT_EQ(body_only[0].published.raw, "");
    EXPECT_EQ(body_only[0].dateline, "Lusaka");
}

TEST(press_text_decoder, lines_inside_a_paragraph_are_joined_with_one_space) {
    auto const rs = parse(
        "Title\n\nDate Publish: 2020-05-26\n\nGeneva - One\ntwo  \n  three\n\n\n"
        "Four\nfive.\n");
    EXPECT_EQ(rs[0].body_text, "One two three\n\nFour five.");
    EXPECT_EQ(rs[0].summary, "One two three");
}

TEST(press_text_decoder, a_title_wrapped_onto_a_lower_case_line_is_joined) {
    auto const rs = parse(
        "Kenya and IOM sign an agreement\non migrant health\n\nDate Publish: "
        "2020-05-26\n\nBody.\n\nGhana Title\nDate Publish: 2020-05-27\n");
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(rs[0].title, "Kenya and IOM sign an agreement on migrant health");
    EXPECT_EQ(rs[0].body_text, "Body.");
    EXPECT_EQ(rs[1].title, "Ghana Title");
}

TEST(press_text_decoder, names_after_an_open_contact_lead_are_not_tags) {
    auto const rs = parse(
        "Title\n\nDate Publish: 2020-05-26\n\nBody.\n\n"
        "For more information, please contact:\n\nJane Doe\n");
    ASSERT_EQ(rs.size(), 1u);
    EXPECT_TRUE(rs[0].tags.empty());
    ASSERT_EQ(rs[0].contacts.size(), 1u);
    EXPECT_EQ(rs[0].contacts[0].name, "Jane Doe");
    EXPECT_EQ(rs[0].body_text, "Body.");
    EXPECT_EQ(rs[0].extensions.at("contact_text"),
              "For more information, please contact:\n\nJane Doe");
}

TEST(press_text_decoder, a_release_may_have_no_body) {
    auto const rs = parse("Only a title\nDate Publish: 2020-05-26\nNext title\nDate Publish:\n");
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(rs[0].body_text, "");
    EXPECT_EQ(rs[0].summary, "");
    EXPECT_EQ(rs[1].title, "Next title");
}

TEST(press_text_decoder, the_language_setting_is_applied_to_every_release) {
    pt::options o;
    o.language = "en";
    for (auto const& r : parse(seed_like, o)) {
        EXPECT_EQ(r.language, "en");
    }
    for (auto const& r : parse(seed_like)) {
        EXPECT_EQ(r.language, "");
    }
}

TEST(press_text_decoder, encoding_repairs_are_flagged_on_the_release_that_had_them) {
    auto const rs = parse(
        "Bogot\xE1 title\n\nDate Publish: 2020-05-26\n\nBody.\n\n"
        "Clean title\n\nDate Publish: 2020-05-27\n\nBody.\n");
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(rs[0].title, "Bogot\xEF\xBF\xBD title");
    EXPECT_EQ(rs[0].extensions.at("encoding_repaired"), "true");
    EXPECT_EQ(rs[1].extensions.count("encoding_repaired"), 0u);
}

TEST(press_text_decoder, core_fields_are_left_to_the_core) {
    for (auto const& r : parse(seed_like)) {
        EXPECT_TRUE(r.id.empty());
        EXPECT_TRUE(r.content_hash.empty());
        EXPECT_TRUE(r.native_id.empty());
        EXPECT_EQ(r.source, ingest::sdk::source_ref{});
        EXPECT_EQ(r.revision, 1u);
        EXPECT_FALSE(r.fetched_at_ms);
    }
}

// ------------------------------------------------------------------------ refusals --

TEST(press_text_decoder, no_release_is_refused) {
    std::string const want =
        "no press release found: expected a title line followed by 'Date Publish:'";
    EXPECT_EQ(error_of(""), want + " (the input is empty)");
    EXPECT_EQ(error_of("\n \n\xC2\xA0\n"), want + " (the input is empty)");
    EXPECT_EQ(error_of("A title\n\nA body without a date label.\n"), want);
    EXPECT_EQ(error_of("Title\n\nDate: soon\n\nBody\n"), want);  // weak label, no date
}

TEST(press_text_decoder, a_release_without_a_title_is_refused_naming_the_line) {
    EXPECT_EQ(error_of("Date Publish: 2020-05-26\n\nBody\n"),
              "line 1: release without a title: a title line must come before 'Date Publish:'");
    EXPECT_EQ(error_of("\n\n  \nDate published: 2020-05-26\n"),
              "line 4: release without a title: a title line must come before 'Date published:'");
    EXPECT_EQ(error_of("T\nDate Publish: 2020-05-26\nDate Publish: 2020-05-27\n"),
              "line 3: release without a title: a title line must come before 'Date Publish:'");
}

TEST(press_text_decoder, binary_input_is_refused_naming_the_line) {
    auto const msg = error_of(std::string("Title\r\nDate Publish:\r\nx\0y", 30));
    EXPECT_EQ(msg.rfind("line 3: NUL byte", 0), 0u) << msg;
    // UTF-16 without a byte-order mark looks the same.
    EXPECT_EQ(error_of(std::string("T\0i\0t\0", 6)).rfind("line 1: NUL byte", 0), 0u);
}

TEST(press_text_decoder, max_bytes_is_inclusive) {
    pt::options o;
    o.max_bytes = seed_like.size();
    EXPECT_EQ(parse(seed_like, o).size(), 2u);
    o.max_bytes = seed_like.size() - 1;
    EXPECT_EQ(error_of(seed_like, o), "input of " + std::to_string(seed_like.size()) +
                                          " bytes is larger than max_bytes (" +
                                          std::to_string(seed_like.size() - 1) + " bytes)");
}

TEST(press_text_decoder, max_releases_is_inclusive_and_names_the_first_release_too_many) {
    std::string payload;
    for (int i = 0; i < 4; ++i) {
        payload += "Title " + std::to_string(i) + "\n\nDate Publish: 2020-05-26\n\nBody.\n\n";
    }
    pt::options o;
    o.max_releases = 4;
    EXPECT_EQ(parse(payload, o).size(), 4u);
    o.max_releases = 3;
    EXPECT_EQ(error_of(payload, o),
              "line 19: more than 3 releases in one input (setting max_releases)");
    o.max_releases = 0;
    EXPECT_THROW(pt::press_text_decoder{o}, invalid_input);
}

}  // namespace
