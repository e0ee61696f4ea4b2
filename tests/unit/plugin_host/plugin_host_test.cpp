// The loader's refusal rules, each against a fixture library that breaks exactly one rule.
#include "plugin_host/plugin_host.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using ingest::core::plugin_loader;
using ingest::core::plugin_registry;
using testing::HasSubstr;

namespace {

fs::path fixture(std::string const& variant, std::string const& file) {
    return fs::path(FIXTURE_PLUGIN_DIR) / variant / file;
}

/// A private temporary directory (mode 0700), removed at the end of the test.
class temp_dir {
public:
    temp_dir() {
        std::string tmpl = (fs::temp_directory_path() / "ingest-test-XXXXXX").string();
        char* p = ::mkdtemp(tmpl.data());
        if (p == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = p;
    }
    ~temp_dir() {
        std::error_code ec;
        fs::permissions(path_, fs::perms::owner_all, ec);
        fs::remove_all(path_, ec);
    }
    fs::path const& path() const { return path_; }

private:
    fs::path path_;
};

std::string refusal(fs::path const& file) {
    plugin_loader loader;
    auto result = loader.load(file);
    EXPECT_FALSE(result) << file << " should have been refused";
    return result.error;
}

}  // namespace

TEST(plugin_loader, loads_a_good_plugin) {
    plugin_loader loader;
    auto result = loader.load(fixture("good", "ingest-sink-raw.so"));
    ASSERT_TRUE(result) << result.error;
    EXPECT_EQ(result.module->name(), "raw");
    EXPECT_EQ(result.module->version(), "0.0.1");
    EXPECT_EQ(result.module->kind(), INGEST_KIND_SINK);
    EXPECT_THAT(result.module->label(), HasSubstr("raw 0.0.1 ("));
}

TEST(plugin_loader, refuses_a_library_without_the_entry_symbol) {
    auto const error = refusal(fixture("no-entry", "ingest-sink-no-entry.so"));
    EXPECT_THAT(error, HasSubstr("ingest-sink-no-entry.so has no ingest_plugin_entry symbol"));
    EXPECT_THAT(error, HasSubstr("Fix: export the entry point with INGEST_PLUGIN(Class)"));
}

TEST(plugin_loader, refuses_an_entry_that_returns_null) {
    auto const error = refusal(fixture("null-entry", "ingest-sink-null-entry.so"));
    EXPECT_THAT(error, HasSubstr("ingest_plugin_entry returned NULL"));
    EXPECT_THAT(error, HasSubstr("plugin ABI 1.2"));
}

TEST(plugin_loader, refuses_another_abi_major) {
    auto const error = refusal(fixture("abi-major", "ingest-sink-abi-major.so"));
    EXPECT_THAT(error, HasSubstr("plugin ABI mismatch: "));
    EXPECT_THAT(error, HasSubstr("ingest-sink-abi-major.so was built for plugin ABI 2.2, this "
                                 "ingestd accepts 1.0 to 1.2 (got major 2, want 1)"));
    EXPECT_THAT(error, HasSubstr("Fix: rebuild the plugin against ingest SDK 1.x"));
}

TEST(plugin_loader, refuses_a_newer_abi_minor) {
    auto const error = refusal(fixture("abi-minor", "ingest-sink-abi-minor.so"));
    EXPECT_THAT(error, HasSubstr("was built for plugin ABI 1.3, newer than this ingestd's 1.2"));
    EXPECT_THAT(error, HasSubstr("Fix: upgrade ingestd, or rebuild the plugin against ingest "
                                 "SDK 1.2"));
}

TEST(plugin_loader, refuses_a_too_small_descriptor) {
    auto const error = refusal(fixture("small-struct", "ingest-sink-small-struct.so"));
    EXPECT_THAT(error, HasSubstr("descriptor struct_size " +
                                 std::to_string(offsetof(ingest_plugin_descriptor, write_batch)) +
                                 " is smaller than the " +
                                 std::to_string(sizeof(ingest_plugin_descriptor)) +
                                 " bytes that plugin ABI 1.2 requires"));
    EXPECT_THAT(error, HasSubstr("Fix: rebuild the plugin against ingest SDK 1.2"));
}

TEST(plugin_loader, refuses_a_kind_without_its_required_function) {
    auto const error = refusal(fixture("missing-fn", "ingest-sink-missing-fn.so"));
    EXPECT_THAT(error, HasSubstr("(plugin 'missing-fn'): a sink plugin must provide write_batch "
                                 "but the descriptor has NULL"));
    EXPECT_THAT(error, HasSubstr("derive from ingest::sdk::sink"));
}

TEST(plugin_loader, refuses_a_malformed_settings_table) {
    auto const error = refusal(fixture("bad-settings", "ingest-sink-bad-settings.so"));
    EXPECT_THAT(error, HasSubstr("malformed settings table: setting 'path' is declared twice"));
    EXPECT_THAT(error, HasSubstr("Fix: correct the plugin's settings() declaration"));
}

TEST(plugin_loader, refuses_a_missing_file_and_a_symlink) {
    temp_dir dir;
    EXPECT_THAT(refusal(dir.path() / "ingest-sink-nothing.so"),
                HasSubstr("No such file or directory"));
    auto link = dir.path() / "ingest-sink-link.so";
    fs::create_symlink(fixture("good", "ingest-sink-raw.so"), link);
    EXPECT_THAT(refusal(link), HasSubstr("never loaded through a symbolic link"));
}

TEST(plugin_loader, refuses_a_file_writable_by_others_or_group) {
    temp_dir dir;
    auto copy = dir.path() / "ingest-sink-raw.so";
    fs::copy_file(fixture("good", "ingest-sink-raw.so"), copy);
    ::chmod(copy.c_str(), 0646);
    EXPECT_THAT(refusal(copy),
                HasSubstr("file " + copy.string() + " is writable by others (mode 0646)"));
    ::chmod(copy.c_str(), 0664);
    EXPECT_THAT(refusal(copy), HasSubstr("is writable by its group (mode 0664)"));
    EXPECT_THAT(refusal(copy), HasSubstr("Fix: chmod go-w " + copy.string()));
    ::chmod(copy.c_str(), 0644);
    plugin_loader loader;
    EXPECT_TRUE(loader.load(copy)) << "0644 in a 0700 directory is acceptable";
}

TEST(plugin_loader, refuses_a_directory_writable_by_others) {
    temp_dir dir;
    auto sub = dir.path() / "plugins";
    fs::create_directory(sub);
    auto copy = sub / "ingest-sink-raw.so";
    fs::copy_file(fixture("good", "ingest-sink-raw.so"), copy);
    ::chmod(copy.c_str(), 0644);
    ::chmod(sub.c_str(), 0777);
    auto const error = refusal(copy);
    EXPECT_THAT(error, HasSubstr("directory " + sub.string() + " is writable by others"));
    // Even sticky: it is the plugin's own directory.
    ::chmod(sub.c_str(), 01777);
    EXPECT_THAT(refusal(copy), HasSubstr("directory " + sub.string() + " is writable by others"));
}

TEST(plugin_loader, refuses_a_file_owned_by_another_user) {
    temp_dir dir;
    auto copy = dir.path() / "ingest-sink-raw.so";
    fs::copy_file(fixture("good", "ingest-sink-raw.so"), copy);
    ::chmod(copy.c_str(), 0644);
    if (::geteuid() == 0) {
        ASSERT_EQ(::chown(copy.c_str(), 65534, 65534), 0);
        EXPECT_THAT(refusal(copy), HasSubstr("is owned by uid 65534, not by root or by "
                                             "ingestd's user (uid 0)"));
    }
    // The rule itself, whoever runs the test.
    auto bad = ingest::core::check_file_mode("file", "/x.so", S_IFREG | 0644, 1234, 1000);
    ASSERT_TRUE(bad);
    EXPECT_THAT(*bad, HasSubstr("owned by uid 1234, not by root or by ingestd's user (uid 1000)"));
    EXPECT_FALSE(ingest::core::check_file_mode("file", "/x.so", S_IFREG | 0755, 0, 1000));
    EXPECT_FALSE(ingest::core::check_file_mode("file", "/x.so", S_IFREG | 0755, 1000, 1000));
    EXPECT_FALSE(ingest::core::check_file_mode("parent", "/tmp", S_IFDIR | 01777, 0, 1000));
    EXPECT_TRUE(ingest::core::check_file_mode("directory", "/tmp", S_IFDIR | 01777, 0, 1000));
}

TEST(plugin_registry, refuses_a_second_plugin_with_the_same_name) {
    plugin_loader loader;
    plugin_registry registry(loader);
    auto const errors = registry.load_directory(fs::path(FIXTURE_PLUGIN_DIR) / "twins");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_THAT(errors[0], HasSubstr("ingest-sink-twin-b.so: plugin name 'twin' is already "
                                     "taken by twin 0.0.1 ("));
    EXPECT_THAT(errors[0], HasSubstr("ingest-sink-twin-a.so)"));
    EXPECT_THAT(errors[0], HasSubstr("Fix: remove one of the two files, or rename one plugin"));
    ASSERT_NE(registry.find("twin"), nullptr);
    EXPECT_EQ(registry.find("twin")->path().filename(), "ingest-sink-twin-a.so");
    EXPECT_EQ(registry.find("twin", INGEST_KIND_SOURCE), nullptr);
    // Loading the same file again is not a collision.
    EXPECT_EQ(registry.load_file(registry.find("twin")->path()), "");
}

TEST(plugin_registry, reports_a_missing_directory) {
    plugin_loader loader;
    plugin_registry registry(loader);
    auto const errors = registry.load_directory("/nonexistent/ingest/plugins");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_THAT(errors[0], HasSubstr("plugin directory /nonexistent/ingest/plugins does not "
                                     "exist"));
}

TEST(plugin_registry, loads_every_kind_and_orders_by_kind) {
    plugin_loader loader;
    plugin_registry registry(loader);
    auto const errors = registry.load_directory(fs::path(FIXTURE_PLUGIN_DIR) / "throwing");
    EXPECT_TRUE(errors.empty()) << errors.front();
    auto all = registry.all();
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[0]->name(), "throwing-source");
    EXPECT_EQ(all[1]->name(), "throwing-decoder");
    EXPECT_EQ(all[2]->name(), "throwing-transform");
    EXPECT_EQ(all[3]->name(), "throwing-sink");
}

TEST(plugin_host, default_plugin_dir_is_relative_to_the_executable) {
    auto dir = ingest::core::default_plugin_dir();
    EXPECT_EQ(dir.filename(), "plugins");
    EXPECT_EQ(dir.parent_path().filename(), "ingestd");
    EXPECT_EQ(dir.parent_path().parent_path().filename(), "lib");
}

TEST(plugin_host, names_kinds_and_types) {
    EXPECT_EQ(ingest::core::kind_name(INGEST_KIND_DECODER), "decoder");
    EXPECT_EQ(ingest::core::kind_name(static_cast<ingest_kind>(9)), "unknown(9)");
    EXPECT_EQ(ingest::core::parse_kind("sink"), INGEST_KIND_SINK);
    EXPECT_FALSE(ingest::core::parse_kind("sinks"));
    EXPECT_EQ(ingest::core::setting_type_name(INGEST_SETTING_DURATION), "duration");
}
