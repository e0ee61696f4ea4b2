// Settings of the dir source: the declared table, values refused at create(), and the drop
// directories refused at start().
#include "dir_test_support.hpp"

#include <ingest/sdk/testing/harness.hpp>

#include <sys/stat.h>

#include <map>

namespace ingest::plugins::dir::testing {
namespace {

using sdk::testing::load_plugin;

std::map<std::string, sdk::setting_decl> declared() {
    std::map<std::string, sdk::setting_decl> out;
    auto const spec = dir_source::settings();
    for (auto const& d : spec.items()) {
        out[d.name] = d;
    }
    return out;
}

TEST(DirSourceSettings, TableDeclaresTypesAndDefaults) {
    auto s = declared();
    ASSERT_EQ(s.size(), 10u);
    EXPECT_TRUE(s["path"].required);
    EXPECT_EQ(s["path"].type, sdk::setting_type::path);
    EXPECT_EQ(s["pattern"].default_value, "*");
    EXPECT_EQ(s["after_ack"].default_value, "move");
    EXPECT_EQ(s["after_ack"].allowed, (std::vector<std::string>{"move", "delete", "keep"}));
    EXPECT_EQ(s["processed_dir"].type, sdk::setting_type::path);
    EXPECT_FALSE(s["processed_dir"].default_value);
    EXPECT_FALSE(s["failed_dir"].default_value);
    EXPECT_EQ(s["settle_time"].type, sdk::setting_type::duration);
    EXPECT_EQ(s["settle_time"].default_value, "2s");
    EXPECT_EQ(s["max_file_size"].type, sdk::setting_type::size);
    EXPECT_EQ(s["max_file_size"].default_value, "64MiB");
    EXPECT_EQ(s["max_items_per_poll"].type, sdk::setting_type::integer);
    EXPECT_EQ(s["max_items_per_poll"].default_value, "500");
    EXPECT_EQ(s["watch"].type, sdk::setting_type::boolean);
    EXPECT_EQ(s["watch"].default_value, "true");
    EXPECT_FALSE(s["media_type"].default_value);
    for (auto const& [name, decl] : s) {
        EXPECT_FALSE(decl.description.empty()) << name;
        EXPECT_EQ(decl.required, name == "path") << name;
    }
}

class DirSourceConfig : public dir_source_test {};

TEST_F(DirSourceConfig, DefaultsStartAndCreateFailedAndProcessedDirs) {
    auto& host = make(settings_builder().set("path", drop_.string()));
    EXPECT_TRUE(fs::is_directory(drop_ / "processed"));
    EXPECT_TRUE(fs::is_directory(drop_ / "failed"));
    EXPECT_TRUE(host.stop());
}

TEST_F(DirSourceConfig, MissingPathIsRefusedBeforeCreate) {
    fake_host host(sdk::descriptor_of<dir_source>());
    auto created = host.create(settings_builder());
    EXPECT_EQ(created.rc, INGEST_INVALID_INPUT) << created;
}

TEST_F(DirSourceConfig, UnknownAfterAckIsRefused) {
    fake_host host(sdk::descriptor_of<dir_source>());
    auto created = host.create(base().set("after_ack", "archive"));
    EXPECT_EQ(created.rc, INGEST_INVALID_INPUT) << created;
}

TEST_F(DirSourceConfig, OutOfRangeValuesAreRefusedAtCreate) {
    for (auto const& [name, value] :
         std::vector<std::pair<std::string, std::string>>{{"max_items_per_poll", "0"},
                                                          {"max_items_per_poll", "-3"},
                                                          {"max_file_size", "0"},
                                                          {"pattern", ""}}) {
        fake_host host(sdk::descriptor_of<dir_source>());
        auto created = host.create(base().set(name, value));
        EXPECT_EQ(created.rc, INGEST_INVALID_INPUT) << name << "=" << value << ": " << created;
        EXPECT_NE(created.message.find(name), std::string::npos) << created;
    }
}

TEST_F(DirSourceConfig, MissingDropDirIsRefusedAtStart) {
    fake_host host(sdk::descriptor_of<dir_source>());
    ASSERT_TRUE(host.create(settings_builder().set("path", (drop_ / "nope").string())));
    auto started = host.start();
    EXPECT_FALSE(started);
    EXPECT_NE(started.message.find("does not exist"), std::string::npos) << started;
}

TEST_F(DirSourceConfig, FileAsDropDirIsRefusedAtStart) {
    write_file(drop_ / "plain", "x");
    fake_host host(sdk::descriptor_of<dir_source>());
    ASSERT_TRUE(host.create(settings_builder().set("path", (drop_ / "plain").string())));
    auto started = host.start();
    EXPECT_FALSE(started);
    EXPECT_NE(started.message.find("is not a directory"), std::string::npos) << started;
}

TEST_F(DirSourceConfig, WorldWritableDropDirIsRefused) {
    ASSERT_EQ(::chmod(drop_.c_str(), 0777), 0);
    fake_host host(sdk::descriptor_of<dir_source>());
    ASSERT_TRUE(host.create(base()));
    auto started = host.start();
    EXPECT_EQ(started.rc, INGEST_INVALID_INPUT) << started;
    EXPECT_NE(started.message.find("world-writable without the sticky bit"), std::string::npos)
        << started;
    EXPECT_NE(started.message.find(drop_.string()), std::string::npos) << started;
}

TEST_F(DirSourceConfig, WorldWritableDropDirWithStickyBitIsAccepted) {
    ASSERT_EQ(::chmod(drop_.c_str(), 01777), 0);
    make(base());
}

TEST_F(DirSourceConfig, ProcessedDirIsRelativeToTheDropDir) {
    make(base().set("processed_dir", "done").set("failed_dir", "bad"));
    EXPECT_TRUE(fs::is_directory(drop_ / "done"));
    EXPECT_TRUE(fs::is_directory(drop_ / "bad"));
    EXPECT_FALSE(fs::exists(drop_ / "processed"));
}

TEST_F(DirSourceConfig, DeleteAndKeepModesCreateNoProcessedDir) {
    make(base().set("after_ack", "delete"));
    EXPECT_FALSE(fs::exists(drop_ / "processed"));
    make(base().set("after_ack", "keep"));
    EXPECT_FALSE(fs::exists(drop_ / "processed"));
}

TEST_F(DirSourceConfig, ProcessedDirSymlinkIsRefused) {
    fs::create_directory(tmp_.path() / "elsewhere");
    fs::create_directory_symlink(tmp_.path() / "elsewhere", drop_ / "processed");
    fake_host host(sdk::descriptor_of<dir_source>());
    ASSERT_TRUE(host.create(base()));
    auto started = host.start();
    EXPECT_FALSE(started);
    EXPECT_NE(started.message.find("symlink"), std::string::npos) << started;
}

TEST_F(DirSourceConfig, ProcessedDirEqualToDropDirIsRefused) {
    fake_host host(sdk::descriptor_of<dir_source>());
    ASSERT_TRUE(host.create(base().set("processed_dir", drop_.string())));
    auto started = host.start();
    EXPECT_FALSE(started);
    EXPECT_NE(started.message.find("the drop directory itself"), std::string::npos) << started;
}

TEST_F(DirSourceConfig, ProcessedDirOnAnotherFileSystemIsRefused) {
    // /dev/shm is a writable tmpfs on every Linux this runs on (Debian 12): the second file
    // system. Without it the test fails rather than passing without checking anything.
    struct stat shm {};
    struct stat here {};
    ASSERT_EQ(::stat("/dev/shm", &shm), 0) << "this test needs /dev/shm";
    ASSERT_EQ(::stat(drop_.c_str(), &here), 0);
    ASSERT_NE(shm.st_dev, here.st_dev) << "/dev/shm must be another file system than " << drop_;
    ASSERT_EQ(::access("/dev/shm", W_OK), 0) << "/dev/shm must be writable";
    temp_dir other_holder;  // only for a unique name
    fs::path other = fs::path("/dev/shm") / other_holder.path().filename();
    fake_host host(sdk::descriptor_of<dir_source>());
    ASSERT_TRUE(host.create(base().set("processed_dir", other.string())));
    auto started = host.start();
    std::error_code ec;
    fs::remove_all(other, ec);
    EXPECT_EQ(started.rc, INGEST_INVALID_INPUT) << started;
    EXPECT_NE(started.message.find("another file system"), std::string::npos) << started;
}

TEST(DirSourceLibrary, LoadsThroughTheDaemonLoader) {
    auto plugin = load_plugin(INGEST_SOURCE_DIR_PLUGIN_FILE);
    ASSERT_TRUE(plugin) << plugin.error();
    EXPECT_EQ(plugin.name(), "dir");
    EXPECT_EQ(plugin.kind(), INGEST_KIND_SOURCE);

    temp_dir tmp;
    fake_host host(plugin);
    ASSERT_TRUE(host.create(settings_builder().set("path", tmp.path().string())));
    auto started = host.start();
    EXPECT_TRUE(started) << started;
    EXPECT_TRUE(host.poll());
    EXPECT_TRUE(host.stop());
    EXPECT_TRUE(host.violations().empty());
}

}  // namespace
}  // namespace ingest::plugins::dir::testing
