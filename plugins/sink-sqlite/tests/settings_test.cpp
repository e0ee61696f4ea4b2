// The settings table of the sqlite sink, and the plugin as the daemon loads it.
#include "test_support.hpp"

#include <ingest/sdk/testing/harness.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

namespace ingest::plugins::sink_sqlite::test {
namespace {

using testing::HasSubstr;

struct declared {
    ingest_setting_type type;
    bool required;
    std::optional<std::string> default_value;
    std::vector<std::string> allowed;
};

std::map<std::string, declared> declared_settings(ingest_plugin_descriptor const& d) {
    std::map<std::string, declared> out;
    for (std::size_t i = 0; i < d.settings_count; ++i) {
        auto const& s = d.settings[i];
        declared decl{s.type, s.required != 0, std::nullopt, {}};
        if (s.has_default != 0) {
            decl.default_value = sdk::to_string(s.default_value);
        }
        for (std::size_t k = 0; k < s.allowed_count; ++k) {
            decl.allowed.push_back(sdk::to_string(s.allowed[k]));
        }
        out[sdk::to_string(s.name)] = decl;
    }
    return out;
}

TEST(sqlite_settings, descriptor_is_a_sink_named_sqlite) {
    auto const* d = sdk::descriptor_of<sqlite_sink>();
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->kind, INGEST_KIND_SINK);
    EXPECT_EQ(sdk::to_view(d->name), "sqlite");
    EXPECT_NE(d->write_batch, nullptr);
    EXPECT_NE(d->start, nullptr);
    EXPECT_NE(d->stop, nullptr);
}

TEST(sqlite_settings, declares_path_synchronous_busy_timeout_keep_revisions) {
    auto settings = declared_settings(*sdk::descriptor_of<sqlite_sink>());
    ASSERT_EQ(settings.size(), 4u);

    auto const& path = settings.at("path");
    EXPECT_EQ(path.type, INGEST_SETTING_PATH);
    EXPECT_TRUE(path.required);
    EXPECT_FALSE(path.default_value);

    auto const& synchronous = settings.at("synchronous");
    EXPECT_EQ(synchronous.type, INGEST_SETTING_STRING);
    EXPECT_FALSE(synchronous.required);
    EXPECT_EQ(synchronous.default_value, "full");
    EXPECT_EQ(synchronous.allowed, (std::vector<std::string>{"full", "normal"}));

    auto const& busy = settings.at("busy_timeout");
    EXPECT_EQ(busy.type, INGEST_SETTING_DURATION);
    EXPECT_EQ(busy.default_value, "5s");

    auto const& keep = settings.at("keep_revisions");
    EXPECT_EQ(keep.type, INGEST_SETTING_BOOL);
    EXPECT_EQ(keep.default_value, "true");
}

TEST(sqlite_settings, path_is_required) {
    sdk_testing::fake_host host(sdk::descriptor_of<sqlite_sink>());
    auto st = host.create();
    EXPECT_EQ(st.rc, INGEST_INVALID_INPUT) << st;
    EXPECT_THAT(st.message, HasSubstr("path"));
}

TEST(sqlite_settings, synchronous_accepts_only_full_and_normal) {
    temp_dir dir;
    for (char const* ok : {"full", "normal"}) {
        sdk_testing::fake_host host(sdk::descriptor_of<sqlite_sink>());
        auto st = host.create(sdk_testing::settings_builder()
                                  .set("path", (dir / "a.db").string())
                                  .set("synchronous", ok));
        EXPECT_TRUE(st) << ok << ": " << st;
        EXPECT_TRUE(host.start()) << ok;
    }
    sdk_testing::fake_host host(sdk::descriptor_of<sqlite_sink>());
    auto st = host.create(sdk_testing::settings_builder()
                              .set("path", (dir / "a.db").string())
                              .set("synchronous", "off"));
    EXPECT_EQ(st.rc, INGEST_INVALID_INPUT) << st;
    EXPECT_THAT(st.message, HasSubstr("synchronous"));
}

TEST(sqlite_settings, in_memory_and_uri_paths_are_refused) {
    for (char const* bad : {":memory:", "file:archive.db?mode=memory"}) {
        sdk_testing::fake_host host(sdk::descriptor_of<sqlite_sink>());
        auto st = host.create(sdk_testing::settings_builder().set("path", bad));
        EXPECT_EQ(st.rc, INGEST_INVALID_INPUT) << bad << ": " << st;
        EXPECT_THAT(st.message, HasSubstr("path")) << bad;
    }
}

TEST(sqlite_settings, keep_revisions_false_stores_no_history) {
    temp_dir dir;
    sink_fixture sink(dir / "a.db", sdk_testing::settings_builder().set("keep_revisions", "false"));
    ASSERT_TRUE(sink.started) << sink.created << " / " << sink.started;
    sink.write({make_release("r1", 1), make_release("r1", 2), make_release("r1", 1)});

    auto db = open_db(sink.path);
    EXPECT_EQ(query_int(db, "SELECT revision FROM releases WHERE id = 'r1'"), 2);
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM revisions"), 0);
}

TEST(sqlite_settings, parent_directories_are_created) {
    temp_dir dir;
    sink_fixture sink(dir / "state/archive/releases.db");
    ASSERT_TRUE(sink.started) << sink.created << " / " << sink.started;
    EXPECT_TRUE(fs::is_regular_file(dir / "state/archive/releases.db"));
}

TEST(sqlite_settings, built_library_loads_through_the_daemon_loader) {
    auto plugin = sdk_testing::load_plugin(SINK_SQLITE_PLUGIN_FILE);
    ASSERT_TRUE(plugin) << plugin.error();
    EXPECT_EQ(plugin.name(), "sqlite");
    EXPECT_EQ(plugin.kind(), INGEST_KIND_SINK);
    EXPECT_EQ(fs::path(SINK_SQLITE_PLUGIN_FILE).filename(), "ingest-sink-sqlite.so");

    temp_dir dir;
    sdk_testing::fake_host host(plugin);
    ASSERT_TRUE(host.create(sdk_testing::settings_builder().set("path", (dir / "a.db").string())));
    ASSERT_TRUE(host.start()) << host.log_text();
    auto results = host.write_batch({make_release("r1")});
    ASSERT_TRUE(results) << results.status();
    ASSERT_EQ(results->size(), 1u);
    EXPECT_TRUE(results.value()[0].delivered()) << results.value()[0].reason;
    EXPECT_TRUE(host.stop());
    EXPECT_TRUE(host.violations().empty());
}

}  // namespace
}  // namespace ingest::plugins::sink_sqlite::test
