// The press-text corpus: every NAME.txt in tests/data/press-text is decoded through the
// plugin's C ABI (fake_host) and compared with NAME.expected.jsonl (see expected_records.hpp),
// or must be refused with the message in NAME.expected-error.
#include "../press_text.hpp"
#include "expected_records.hpp"

#include <ingest/sdk/testing/fake_host.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using ingest::plugins::decoder_press_text::press_text_decoder;
using ingest::sdk::descriptor_of;
using ingest::sdk::release;
using ingest::sdk::testing::fake_host;

fs::path data_dir() {
    return fs::path(PRESS_TEXT_DATA_DIR);
}

std::string read_file(fs::path const& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// The inputs of the corpus: every *.txt, sorted.
std::vector<std::string> corpus_inputs() {
    std::vector<std::string> names;
    for (auto const& e : fs::directory_iterator(data_dir())) {
        if (e.is_regular_file() && e.path().extension() == ".txt") {
            names.push_back(e.path().stem().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string json_text(boost::json::value const& v) {
    return v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v);
}

/// Compares the fields the expected object names; each mismatch is one failure.
void expect_record(boost::json::object const& want, release const& got) {
    auto const full = ingest::plugins::decoder_press_text::testing::to_expected(got);
    for (auto const& [key, value] : want) {
        std::string const k(key);
        if (k == "summary_prefix") {
            EXPECT_EQ(got.summary.rfind(json_text(value), 0), 0u)
                << "summary does not start with " << value << "\n  summary: " << got.summary;
        } else if (k == "body_prefix") {
            EXPECT_EQ(got.body_text.rfind(json_text(value), 0), 0u)
                << "body_text does not start with " << value << "\n  body: " << got.body_text;
        } else if (k == "body_contains") {
            for (auto const& part : value.as_array()) {
                EXPECT_NE(got.body_text.find(json_text(part)), std::string::npos)
                    << "body_text lacks " << part << "\n  body: " << got.body_text;
            }
        } else if (auto const* actual = full.if_contains(key)) {
            EXPECT_EQ(*actual, value)
                << "field '" << k << "'\n  expected: " << boost::json::serialize(value)
                << "\n  actual:   " << boost::json::serialize(*actual);
        } else if (k == "language") {
            EXPECT_EQ(got.language, json_text(value));
        } else {
            ADD_FAILURE() << "unknown key '" << k << "' in the expected record";
        }
    }
    // What the core fills is never set by the decoder.
    EXPECT_TRUE(got.id.empty());
    EXPECT_TRUE(got.content_hash.empty());
    EXPECT_TRUE(got.native_id.empty());
    EXPECT_TRUE(got.source.id.empty());
    EXPECT_EQ(got.revision, 1u);
    EXPECT_TRUE(got.body_html.empty());
    EXPECT_TRUE(got.authors.empty());
}

class press_text_corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(press_text_corpus, decodes_as_expected) {
    std::string const name = GetParam();
    fs::path const input = data_dir() / (name + ".txt");
    fs::path const expected = data_dir() / (name + ".expected.jsonl");
    fs::path const expected_error = data_dir() / (name + ".expected-error");

    fake_host host(descriptor_of<press_text_decoder>());
    ASSERT_TRUE(host.create()) << host.log_text();
    auto const result = host.decode(read_file(input), "text/x-press-release", name + ".txt");
    EXPECT_TRUE(host.violations().empty());

    if (fs::exists(expected_error)) {
        std::string want = read_file(expected_error);
        while (!want.empty() && (want.back() == '\n' || want.back() == '\r')) {
            want.pop_back();
        }
        ASSERT_FALSE(result) << name << " decoded, but should fail with: " << want;
        EXPECT_EQ(result.rc(), INGEST_INVALID_INPUT) << result.status();
        EXPECT_NE(result.message().find(want), std::string::npos)
            << "message: " << result.message() << "\nexpected to contain: " << want;
        return;
    }
    ASSERT_TRUE(fs::exists(expected)) << "no " << expected.filename() << " and no "
                                      << expected_error.filename() << " for " << input;
    ASSERT_TRUE(result) << result.status();
    auto const& releases = result.value();

    std::ifstream lines(expected);
    std::string line;
    std::size_t n = 0;
    while (std::getline(lines, line)) {
        if (line.empty()) {
            continue;
        }
        SCOPED_TRACE(name + ".expected.jsonl line " + std::to_string(n + 1));
        ASSERT_LT(n, releases.size()) << "fewer releases than expected";
        expect_record(boost::json::parse(line).as_object(), releases[n]);
        ++n;
    }
    EXPECT_EQ(releases.size(), n) << "release count";
}

/// A test name from a file name: "iom-seed" -> "iom_seed".
std::string test_name(::testing::TestParamInfo<std::string> const& param) {
    std::string id = param.param;
    std::replace_if(
        id.begin(), id.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
        '_');
    return id;
}

INSTANTIATE_TEST_SUITE_P(files, press_text_corpus, ::testing::ValuesIn(corpus_inputs()), test_name);

TEST(press_text_corpus_files, every_expectation_has_an_input) {
    for (auto const& e : fs::directory_iterator(data_dir())) {
        auto const file = e.path().filename().string();
        for (std::string suffix : {".expected.jsonl", ".expected-error"}) {
            if (file.size() > suffix.size() &&
                file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0) {
                auto const stem = file.substr(0, file.size() - suffix.size());
                EXPECT_TRUE(fs::exists(data_dir() / (stem + ".txt"))) << file << " has no input";
            }
        }
    }
}

TEST(press_text_corpus_files, holds_at_least_forty_releases_besides_the_seed) {
    press_text_decoder const decoder{ingest::plugins::decoder_press_text::options{}};
    std::size_t count = 0;
    for (auto const& name : corpus_inputs()) {
        if (name == "iom-seed" || fs::exists(data_dir() / (name + ".expected-error"))) {
            continue;
        }
        count += decoder.parse(read_file(data_dir() / (name + ".txt"))).size();
    }
    EXPECT_GE(count, 40u);
}

TEST(press_text_corpus_files, the_seed_is_the_shared_seed_byte_for_byte) {
    // tests/data/press-text/iom-seed.txt is a copy of shared/seeds/iom-press-releases.txt:
    // NBSP after "Date Publish:", an empty date, no trailing newline.
    std::string const seed = read_file(data_dir() / "iom-seed.txt");
    EXPECT_NE(seed.find("Date Publish:\xC2\xA0\n\n"), std::string::npos);
    EXPECT_NE(seed.find("Date Publish:\xC2\xA0\n26 / 05 / 2020\n"), std::string::npos);
    ASSERT_FALSE(seed.empty());
    EXPECT_NE(seed.back(), '\n');
}

}  // namespace
