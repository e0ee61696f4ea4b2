// The harness: loading built libraries through the daemon's own loader.
#include <ingest/sdk/testing/fake_host.hpp>
#include <ingest/sdk/testing/harness.hpp>
#include <ingest/sdk/testing/samples.hpp>
#include <ingest/sdk/testing/temp_dir.hpp>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using ingest::sdk::testing::fake_host;
using ingest::sdk::testing::load_options;
using ingest::sdk::testing::load_plugin;
using ingest::sdk::testing::plugin_handle;
using ingest::sdk::testing::settings_builder;
using ingest::sdk::testing::temp_dir;

TEST(harness, loads_a_built_plugin_and_runs_it_in_a_fake_host) {
    auto plugin = load_plugin(TAG_PLUGIN_FILE);
    ASSERT_TRUE(plugin) << plugin.error();
    EXPECT_TRUE(plugin.loaded());
    EXPECT_TRUE(plugin.error().empty());
    EXPECT_EQ(plugin.path(), fs::path(TAG_PLUGIN_FILE));
    EXPECT_EQ(plugin.name(), "tag");
    EXPECT_EQ(plugin.version(), "1.0.0");
    EXPECT_EQ(plugin.kind(), INGEST_KIND_TRANSFORM);
    ASSERT_NE(plugin.descriptor(), nullptr);
    EXPECT_EQ(plugin.descriptor()->abi_major, INGEST_ABI_VERSION_MAJOR);
    EXPECT_NE(plugin.module(), nullptr);

    fake_host host(plugin);
    ASSERT_TRUE(host.create(settings_builder().set("tags", "t")));
    auto out = host.transform(ingest::sdk::testing::minimal_release());
    ASSERT_TRUE(out) << out.status();
    EXPECT_EQ(out.value()[0].tags, std::vector<std::string>{"t"});
}

TEST(harness, a_copy_of_the_handle_keeps_the_library_loaded) {
    plugin_handle copy;
    {
        auto plugin = load_plugin(TAG_PLUGIN_FILE);
        ASSERT_TRUE(plugin) << plugin.error();
        copy = plugin;
    }
    fake_host host(copy);
    EXPECT_TRUE(host.create(settings_builder().set("tags", "t")));
}

TEST(harness, a_missing_file_is_refused_with_the_reason) {
    temp_dir dir("ingest-harness-");
    auto plugin = load_plugin(dir / "ingest-sink-nothing.so");
    EXPECT_FALSE(plugin);
    EXPECT_EQ(plugin.descriptor(), nullptr);
    EXPECT_EQ(plugin.module(), nullptr);
    EXPECT_NE(plugin.error().find("cannot open"), std::string::npos) << plugin.error();
    EXPECT_NE(plugin.error().find("ingest-sink-nothing.so"), std::string::npos);

    fake_host host(plugin);
    auto status = host.create();
    EXPECT_EQ(status.rc, INGEST_INVALID_INPUT);
    EXPECT_NE(status.message.find("the plugin was not loaded"), std::string::npos) << status;
}

TEST(harness, a_file_that_is_not_a_library_is_refused) {
    temp_dir dir("ingest-harness-");
    ingest::sdk::testing::write_file(dir / "ingest-source-text.so", "not an ELF file\n");
    auto plugin = load_plugin(dir / "ingest-source-text.so");
    EXPECT_FALSE(plugin);
    EXPECT_NE(plugin.error().find("cannot load"), std::string::npos) << plugin.error();
}

TEST(harness, applies_the_daemons_permission_checks_unless_told_otherwise) {
    temp_dir dir("ingest-harness-");
    auto const copy = dir / "ingest-transform-tag.so";
    fs::copy_file(TAG_PLUGIN_FILE, copy);
    ASSERT_EQ(::chmod(dir.path().c_str(), 0777), 0);

    auto refused = load_plugin(copy);
    EXPECT_FALSE(refused);
    EXPECT_NE(refused.error().find("writable by others"), std::string::npos) << refused.error();

    load_options lenient;
    lenient.check_permissions = false;
    auto loaded = load_plugin(copy, lenient);
    EXPECT_TRUE(loaded) << loaded.error();
}

}  // namespace
