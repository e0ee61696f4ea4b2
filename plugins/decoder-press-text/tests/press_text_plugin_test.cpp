// The press-text decoder as the daemon sees it: its descriptor and settings table through a
// fake host, decoding through the C ABI, and the built library loaded by the daemon's loader.
#include "../press_text.hpp"

#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/harness.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

namespace fs = std::filesystem;
using ingest::plugins::decoder_press_text::press_text_decoder;
using ingest::sdk::descriptor_of;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::load_plugin;
using ingest::sdk::testing::settings_builder;

std::string str(ingest_str s) {
    return std::string(s.data, s.size);
}

std::string seed() {
    std::ifstream in(fs::path(PRESS_TEXT_DATA_DIR) / "iom-seed.txt", std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(press_text_plugin, declares_a_decoder_with_its_media_types_and_file_patterns) {
    auto const* d = descriptor_of<press_text_decoder>();
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->kind, INGEST_KIND_DECODER);
    EXPECT_EQ(str(d->name), "press-text");
    ASSERT_EQ(d->media_types_count, 2u);
    EXPECT_EQ(str(d->media_types[0]), "text/x-press-release");
    EXPECT_EQ(str(d->media_types[1]), "text/plain");
    ASSERT_EQ(d->file_patterns_count, 2u);
    EXPECT_EQ(str(d->file_patterns[0]), "*.txt");
    EXPECT_EQ(str(d->file_patterns[1]), "*.press");
}

TEST(press_text_plugin, declares_its_settings_with_defaults) {
    auto const* d = descriptor_of<press_text_decoder>();
    ASSERT_EQ(d->settings_count, 4u);
    EXPECT_EQ(str(d->settings[0].name), "max_bytes");
    EXPECT_EQ(d->settings[0].type, INGEST_SETTING_SIZE);
    EXPECT_EQ(str(d->settings[0].default_value), "16MiB");
    EXPECT_EQ(str(d->settings[1].name), "max_releases");
    EXPECT_EQ(d->settings[1].type, INGEST_SETTING_INT);
    EXPECT_EQ(str(d->settings[1].default_value), "1000");
    EXPECT_EQ(str(d->settings[2].name), "language");
    EXPECT_EQ(d->settings[2].type, INGEST_SETTING_STRING);
    EXPECT_EQ(d->settings[2].has_default, 0);
    EXPECT_EQ(str(d->settings[3].name), "numeric_dates");
    EXPECT_EQ(d->settings[3].allowed_count, 2u);
    for (std::size_t i = 0; i < d->settings_count; ++i) {
        EXPECT_EQ(d->settings[i].required, 0) << str(d->settings[i].name);
    }
}

TEST(press_text_plugin, creates_with_defaults_and_decodes_the_seed_through_the_abi) {
    fake_host host(descriptor_of<press_text_decoder>());
    ASSERT_TRUE(host.create());
    auto const rs = host.decode(seed(), "text/x-press-release", "iom-press-releases.txt");
    ASSERT_TRUE(rs) << rs.status();
    ASSERT_EQ(rs->size(), 2u);
    EXPECT_EQ(rs.value()[1].published.raw, "26 / 05 / 2020");
    EXPECT_EQ(rs.value()[1].dateline, "Washington DC");
    EXPECT_EQ(rs.value()[0].language, "");
    EXPECT_TRUE(host.violations().empty());
}

TEST(press_text_plugin, refuses_unknown_and_bad_settings) {
    {
        fake_host host(descriptor_of<press_text_decoder>());
        auto const st = host.create(settings_builder().set("max_release", "5"));
        EXPECT_EQ(st.rc, INGEST_INVALID_INPUT);
        EXPECT_NE(st.message.find("unknown setting 'max_release'"), std::string::npos) << st;
    }
    {
        fake_host host(descriptor_of<press_text_decoder>());
        auto const st = host.create(settings_builder().set("max_bytes", "lots"));
        EXPECT_EQ(st.rc, INGEST_INVALID_INPUT) << st;
    }
    {
        fake_host host(descriptor_of<press_text_decoder>());
        auto const st = host.create(settings_builder().set("numeric_dates", "year-first"));
        EXPECT_EQ(st.rc, INGEST_INVALID_INPUT) << st;
    }
    {
        fake_host host(descriptor_of<press_text_decoder>());
        auto const st = host.create(settings_builder().set_int("max_releases", 0));
        EXPECT_EQ(st.rc, INGEST_INVALID_INPUT) << st;
        EXPECT_NE(st.message.find("max_releases must be at least 1"), std::string::npos) << st;
        EXPECT_FALSE(host.has_instance());
    }
}

TEST(press_text_plugin, the_language_and_date_order_settings_apply) {
    fake_host host(descriptor_of<press_text_decoder>());
    ASSERT_TRUE(
        host.create(settings_builder().set("language", "en").set("numeric_dates", "month-first")));
    auto const rs = host.decode("Title\n\nDate Publish: 05/06/2020\n\nBody.\n");
    ASSERT_TRUE(rs) << rs.status();
    EXPECT_EQ(rs.value()[0].language, "en");
    EXPECT_EQ(rs.value()[0].published.unix_ms, 1588723200000);  // 2020-05-06
}

TEST(press_text_plugin, input_over_max_bytes_is_invalid_input) {
    fake_host host(descriptor_of<press_text_decoder>());
    ASSERT_TRUE(host.create(settings_builder().set("max_bytes", "1KiB")));
    std::string const big = "Title\n\nDate Publish:\n\n" + std::string(1100, 'x');
    auto const rs = host.decode(big);
    EXPECT_EQ(rs.rc(), INGEST_INVALID_INPUT);
    EXPECT_NE(rs.message().find("larger than max_bytes (1024 bytes)"), std::string::npos)
        << rs.status();
}

TEST(press_text_plugin, a_huge_file_over_the_default_limit_is_refused) {
    fake_host host(descriptor_of<press_text_decoder>());
    ASSERT_TRUE(host.create());
    std::string huge = seed();
    huge.resize(std::size_t{16} * 1024 * 1024 + 1, ' ');
    auto const rs = host.decode(huge);
    EXPECT_EQ(rs.rc(), INGEST_INVALID_INPUT);
    EXPECT_NE(rs.message().find("input of 16777217 bytes is larger than max_bytes (16777216"),
              std::string::npos)
        << rs.status();
    huge.resize(std::size_t{16} * 1024 * 1024);  // at the limit: decoded
    auto const ok = host.decode(huge);
    ASSERT_TRUE(ok) << ok.status();
    EXPECT_EQ(ok->size(), 2u);
}

TEST(press_text_plugin, too_many_releases_is_invalid_input_and_nothing_is_emitted) {
    fake_host host(descriptor_of<press_text_decoder>());
    ASSERT_TRUE(host.create(settings_builder().set_int("max_releases", 1)));
    auto const rs = host.decode(seed());
    EXPECT_EQ(rs.rc(), INGEST_INVALID_INPUT);
    EXPECT_NE(rs.message().find("line 23: more than 1 releases"), std::string::npos) << rs.status();
}

TEST(press_text_plugin, stops_emitting_when_the_core_says_so) {
    fake_host host(descriptor_of<press_text_decoder>());
    ASSERT_TRUE(host.create());
    host.set_release_out_limit(1, INGEST_RETRY);
    auto const rs = host.decode(seed());
    EXPECT_EQ(rs.rc(), INGEST_RETRY) << rs.status();
    EXPECT_TRUE(host.violations().empty());
}

TEST(press_text_plugin, the_built_library_loads_and_decodes_through_the_daemon_loader) {
    auto const plugin = load_plugin(PRESS_TEXT_PLUGIN_FILE);
    ASSERT_TRUE(plugin) << plugin.error();
    EXPECT_EQ(plugin.name(), "press-text");
    EXPECT_EQ(plugin.kind(), INGEST_KIND_DECODER);
    fake_host host(plugin);
    ASSERT_TRUE(host.create());
    auto const rs = host.decode(seed(), "text/plain", "iom-press-releases.txt");
    ASSERT_TRUE(rs) << rs.status();
    ASSERT_EQ(rs->size(), 2u);
    EXPECT_EQ(rs.value()[0].contacts.at(0).phone, "+55 5536 3922 Ext. 119");
    auto const bad = host.decode("");
    EXPECT_EQ(bad.rc(), INGEST_INVALID_INPUT);
    EXPECT_TRUE(host.violations().empty());
}

}  // namespace
