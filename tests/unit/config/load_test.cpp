// Loading valid configurations: merged drop-ins, resolved values, defaults, the C view.
#include "config/config.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace std::chrono_literals;
using namespace ingest::test;

cfg::configuration load_ok(fs::path const& file,
                           std::map<std::string, std::string> env = {{"ZOO_TOKEN", "t0k3n"}}) {
    auto result = load(file, std::move(env));
    EXPECT_TRUE(result) << ::testing::PrintToString(messages(result.diagnostics));
    if (!result) {
        return {};
    }
    return *result.config;
}

cfg::setting_value const& setting(cfg::plugin_section const& section, std::string const& name) {
    auto const* v = section.find_setting(name);
    EXPECT_NE(v, nullptr) << name;
    static cfg::setting_value const none;
    return v != nullptr ? *v : none;
}

TEST(load, merges_drop_ins_in_file_name_order) {
    auto config = load_ok(data("good/ingestd.toml"));
    ASSERT_EQ(config.files.size(), 3u);
    EXPECT_EQ(config.files[0], data("good/ingestd.toml"));
    EXPECT_EQ(config.files[1], data("good/conf.d/10-mirror.toml"));
    EXPECT_EQ(config.files[2], data("good/conf.d/20-last.toml"));

    // [daemon]: later files override single keys, the rest stays.
    EXPECT_EQ(config.daemon.log_level, "error");
    EXPECT_EQ(config.daemon.http_listen, "127.0.0.1:9500");
    EXPECT_EQ(config.daemon.state_dir, "/var/lib/ingestd-test");
    EXPECT_EQ(config.daemon.user_agent_contact, "ops@example.org");
    // Relative [daemon] paths are relative to the file that set them.
    EXPECT_EQ(config.daemon.plugin_dirs,
              std::vector<fs::path>{data("good/conf.d/plugins").lexically_normal()});

    // Arrays of tables are appended in file order.
    ASSERT_EQ(config.sinks.size(), 2u);
    EXPECT_EQ(config.sinks[0].id, "archive");
    EXPECT_EQ(config.sinks[1].id, "mirror");
    EXPECT_EQ(config.sinks[1].index, 1u);
    EXPECT_EQ(config.sinks[1].where.file, data("good/conf.d/10-mirror.toml").string());
    EXPECT_EQ(config.sinks[1].where.line, 5u);
    ASSERT_EQ(config.routes.size(), 2u);
    EXPECT_TRUE(config.routes[0].from_all);
    EXPECT_EQ(config.routes[1].from, std::vector<std::string>{"wire"});
}

TEST(load, resolves_core_keys_with_defaults) {
    auto config = load_ok(data("good/ingestd.toml"));
    ASSERT_EQ(config.sources.size(), 2u);
    auto const& wire = config.sources[0];
    EXPECT_EQ(wire.id, "wire");
    EXPECT_EQ(wire.plugin, "poller");
    EXPECT_EQ(wire.kind, INGEST_KIND_SOURCE);
    EXPECT_EQ(wire.interval, 10min);
    EXPECT_EQ(wire.jitter, 30s);  // default
    EXPECT_TRUE(wire.enabled);
    EXPECT_EQ(wire.decoder, "strict-feed");
    EXPECT_EQ(wire.transforms, std::vector<std::string>{"tidy"});

    auto const& drops = config.sources[1];
    EXPECT_EQ(drops.interval, 90s);  // integer seconds
    EXPECT_EQ(drops.jitter, 0ms);
    EXPECT_FALSE(drops.enabled);

    auto const& archive = config.sinks[0];
    EXPECT_TRUE(archive.enabled);
    EXPECT_EQ(archive.batch_size, 20);
    EXPECT_EQ(archive.retry_initial, 1s);
    EXPECT_EQ(archive.retry_max, 5min);
    EXPECT_EQ(archive.max_attempts, 10);
    EXPECT_FALSE(config.sinks[1].enabled);

    auto const& when = config.routes[1].when;
    EXPECT_EQ(when.tags_any, std::vector<std::string>{"mexico"});
    EXPECT_EQ(when.language, (std::vector<std::string>{"es", "en"}));
    EXPECT_EQ(when.title_matches, "^(Press|News):");
    EXPECT_FALSE(when.body_matches);
    EXPECT_TRUE(when.tags_all.empty());
}

TEST(load, a_plugin_name_as_decoder_makes_an_implicit_instance) {
    auto config = load_ok(data("good/ingestd.toml"));
    ASSERT_EQ(config.decoders.size(), 2u);
    EXPECT_EQ(config.decoders[0].id, "strict-feed");
    EXPECT_FALSE(config.decoders[0].implicit);
    EXPECT_EQ(setting(config.decoders[0], "strict").integer, 1);

    auto const* feed = config.find_decoder("feed");
    ASSERT_NE(feed, nullptr);
    EXPECT_TRUE(feed->implicit);
    EXPECT_EQ(feed->plugin, "feed");
    EXPECT_EQ(feed->plugin_version, "2.1.0");
    EXPECT_EQ(feed->kind, INGEST_KIND_DECODER);
    EXPECT_EQ(setting(*feed, "strict").integer, 0);
    EXPECT_TRUE(setting(*feed, "strict").from_default);
    EXPECT_EQ(config.sources[1].decoder, "feed");

    // Transforms named by plugin name alike.
    auto const* tidy = config.find_transform("tidy");
    ASSERT_NE(tidy, nullptr);
    EXPECT_TRUE(tidy->implicit);
    EXPECT_EQ(setting(*tidy, "max_len").integer, 1000);
}

TEST(load, fills_every_declared_setting) {
    auto config = load_ok(data("good/ingestd.toml"));
    auto const& archive = config.sinks[0];
    ASSERT_EQ(archive.settings.size(), 10u);  // all of the zoo's, in its order
    std::vector<std::string> names;
    for (auto const& s : archive.settings) {
        names.push_back(s.name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"path", "token", "mode", "batch", "fsync", "timeout",
                                               "max_file", "tags", "endpoint", "label"}));

    EXPECT_EQ(setting(archive, "path").text, "/var/lib/ingestd/zoo.jsonl");
    EXPECT_EQ(setting(archive, "path").where.line, 35u);
    EXPECT_EQ(setting(archive, "path").where.column, 8u);
    EXPECT_EQ(setting(archive, "token").text, "t0k3n");  // from ${ZOO_TOKEN}
    EXPECT_TRUE(setting(archive, "token").sensitive);    // a secret
    EXPECT_FALSE(setting(archive, "path").sensitive);
    EXPECT_EQ(setting(archive, "mode").text, "safe");
    EXPECT_EQ(setting(archive, "batch").integer, 50);  // default
    EXPECT_TRUE(setting(archive, "batch").from_default);
    EXPECT_EQ(setting(archive, "fsync").integer, 1);  // default "true"
    EXPECT_EQ(setting(archive, "timeout").integer, 90'000);
    EXPECT_EQ(setting(archive, "max_file").integer, 1'000'000'000);
    EXPECT_EQ(setting(archive, "tags").list, (std::vector<std::string>{"a", "b"}));
    EXPECT_FALSE(setting(archive, "endpoint").present);  // optional, no default
    EXPECT_FALSE(setting(archive, "label").present);

    auto const& mirror = config.sinks[1];
    EXPECT_EQ(setting(mirror, "max_file").integer, 4096);  // integer bytes
    EXPECT_EQ(setting(mirror, "mode").text, "fast");       // default
    EXPECT_EQ(setting(mirror, "tags").list, (std::vector<std::string>{"zoo", "fixture"}));
}

TEST(load, the_c_view_covers_every_setting_and_survives_moves) {
    auto config = load_ok(data("good/ingestd.toml"));
    auto const& archive = config.sinks[0];
    auto view = archive.abi();
    ASSERT_EQ(view.size(), 10u);
    auto moved = std::move(view);
    auto const& values = moved.values();
    auto text = [](ingest_str s) { return std::string(s.data, s.size); };

    EXPECT_EQ(text(values[0].name), "path");
    EXPECT_EQ(values[0].type, INGEST_SETTING_PATH);
    EXPECT_EQ(values[0].present, 1);
    EXPECT_EQ(text(values[0].text), "/var/lib/ingestd/zoo.jsonl");
    EXPECT_EQ(text(values[1].text), "t0k3n");
    EXPECT_EQ(values[3].integer, 50);
    EXPECT_EQ(values[4].type, INGEST_SETTING_BOOL);
    EXPECT_EQ(values[4].integer, 1);
    EXPECT_EQ(values[5].integer, 90'000);  // duration in ms
    EXPECT_EQ(values[6].integer, 1'000'000'000);
    ASSERT_EQ(values[7].list_count, 2u);
    EXPECT_EQ(text(values[7].list[0]), "a");
    EXPECT_EQ(text(values[7].list[1]), "b");
    EXPECT_EQ(values[8].present, 0);
    EXPECT_EQ(values[8].text.size, 0u);

    // What a plugin reads through the SDK.
    ingest::sdk::settings read(moved.data(), moved.size());
    EXPECT_EQ(read.get_duration("timeout"), 90s);
    EXPECT_EQ(read.get_size("max_file"), 1'000'000'000u);
    EXPECT_EQ(read.get_list("tags"), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(read.get_bool("fsync"));
    EXPECT_FALSE(read.has("endpoint"));
}

TEST(load, the_c_view_creates_a_plugin_instance) {
    auto config = load_ok(data("zoo-only.toml"));
    auto const& zoo = config.sinks.at(0);
    auto view = zoo.abi();
    auto const& d = zoo_module()->descriptor();
    void* instance = nullptr;
    char buffer[256] = {};
    ingest_error err{buffer, sizeof buffer, 0};
    ASSERT_EQ(d.create(nullptr, view.data(), view.size(), &instance, &err), INGEST_OK) << buffer;
    d.destroy(instance);
}

TEST(load, drop_ins_sort_by_byte_order_and_skip_other_files) {
    temp_dir dir;
    write_file(dir / "main.toml", "[daemon]\nlog_level = \"trace\"\n");
    write_file(dir / "conf.d/2-two.toml", "[daemon]\nlog_level = \"info\"\n");
    write_file(dir / "conf.d/10-ten.toml", "[daemon]\nlog_level = \"debug\"\n");
    write_file(dir / "conf.d/99-skipped.toml.disabled", "[daemon]\nlog_level = \"error\"\n");
    fs::create_directories(dir / "conf.d/50-dir.toml");
    auto config = load_ok(dir / "main.toml");
    EXPECT_EQ(config.files, (std::vector<fs::path>{dir / "main.toml", dir / "conf.d/10-ten.toml",
                                                   dir / "conf.d/2-two.toml"}));
    EXPECT_EQ(config.daemon.log_level, "info");  // "2-two" sorts after "10-ten"
}

TEST(load, an_explicit_drop_in_directory_replaces_conf_d) {
    temp_dir dir;
    write_file(dir / "main.toml", "[daemon]\nlog_level = \"trace\"\n");
    write_file(dir / "conf.d/a.toml", "[daemon]\nlog_level = \"info\"\n");
    write_file(dir / "other/a.toml", "[daemon]\nlog_level = \"warn\"\n");
    cfg::load_options options;
    options.drop_in_dir = dir / "other";
    auto result = cfg::load_config(dir / "main.toml", test_catalog(), options);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.config->daemon.log_level, "warn");

    options.read_drop_ins = false;
    result = cfg::load_config(dir / "main.toml", test_catalog(), options);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.config->daemon.log_level, "trace");

    options.read_drop_ins = true;
    options.drop_in_dir = dir / "missing";
    result = cfg::load_config(dir / "main.toml", test_catalog(), options);
    EXPECT_EQ(messages(result.diagnostics),
              std::vector<std::string>{(dir / "missing").string() +
                                       ": error: drop-in directory does not exist"});
}

TEST(load, an_empty_file_is_the_default_configuration) {
    temp_dir dir;
    write_file(dir / "empty.toml", "");
    auto config = load_ok(dir / "empty.toml");
    EXPECT_EQ(config.daemon.state_dir, "/var/lib/ingestd");
    EXPECT_TRUE(config.daemon.plugin_dirs.empty());
    EXPECT_EQ(config.daemon.log_level, "info");
    EXPECT_EQ(config.daemon.http_listen, "127.0.0.1:9464");
    EXPECT_FALSE(config.daemon.user_agent_contact);
    EXPECT_TRUE(config.sources.empty());
    EXPECT_TRUE(config.sinks.empty());
}

TEST(load, read_config_exposes_daemon_before_plugins_are_known) {
    auto document = cfg::read_config(data("good/ingestd.toml"));
    EXPECT_TRUE(document.diagnostics().empty());
    EXPECT_EQ(document.daemon().plugin_dirs,
              std::vector<fs::path>{data("good/conf.d/plugins").lexically_normal()});
    EXPECT_EQ(document.files().size(), 3u);
}

TEST(load, accepts_ipv6_listen_addresses_and_env_in_core_keys) {
    temp_dir dir;
    write_file(dir / "main.toml",
               "[daemon]\nhttp_listen = \"[::1]:${PORT}\"\nstate_dir = \"${STATE}\"\n");
    auto config = load_ok(dir / "main.toml", {{"PORT", "9999"}, {"STATE", "/srv/state"}});
    EXPECT_EQ(config.daemon.http_listen, "[::1]:9999");
    EXPECT_EQ(config.daemon.state_dir, "/srv/state");
}

TEST(load, file_references_make_any_plugin_setting_sensitive) {
    temp_dir dir;
    write_file(dir / "label", "from-a-file\n");
    write_file(dir / "main.toml",
               "[[sinks]]\nid = \"z\"\nplugin = \"settings-zoo\"\n"
               "path = \"/tmp/z\"\ntoken = \"t\"\n"
               "label = \"${file:" +
                   (dir / "label").string() +
                   "}\"\n"
                   "tags = [\"plain\", \"x${file:" +
                   (dir / "label").string() + "}\"]\n");
    auto config = load_ok(dir / "main.toml");
    auto const& zoo = config.sinks.at(0);
    EXPECT_EQ(setting(zoo, "label").text, "from-a-file");
    EXPECT_TRUE(setting(zoo, "label").sensitive);
    EXPECT_EQ(setting(zoo, "tags").list, (std::vector<std::string>{"plain", "xfrom-a-file"}));
    EXPECT_TRUE(setting(zoo, "tags").sensitive);
    EXPECT_TRUE(setting(zoo, "token").sensitive);  // secret even when written in clear
    EXPECT_FALSE(setting(zoo, "path").sensitive);
}

TEST(load, accepts_inline_arrays_of_tables_sub_table_conditions_and_explicit_transforms) {
    temp_dir dir;
    write_file(
        dir / "main.toml",
        "sinks = [{ id = \"z\", plugin = \"settings-zoo\", path = \"/p\", token = \"t\" }]\n"
        "\n"
        "[[transforms]]\nid = \"short\"\nplugin = \"tidy\"\nmax_len = 80\n"
        "\n"
        "[[sources]]\nid = \"wire\"\nplugin = \"poller\"\nurl = \"https://w.example/\"\n"
        "transforms = [\"short\", \"tidy\"]\n"
        "\n"
        "[[routes]]\nfrom = [\"wire\"]\nto = [\"z\"]\n"
        "[routes.when]\nbody_matches = \"(?:^|\\\\s)vaccin\"\nsource_plugin = [\"poller\"]\n");
    auto config = load_ok(dir / "main.toml");
    ASSERT_EQ(config.sinks.size(), 1u);
    EXPECT_EQ(config.sinks[0].id, "z");
    ASSERT_EQ(config.transforms.size(), 2u);
    EXPECT_EQ(config.transforms[0].id, "short");
    EXPECT_FALSE(config.transforms[0].implicit);
    EXPECT_EQ(setting(config.transforms[0], "max_len").integer, 80);
    EXPECT_EQ(config.transforms[1].id, "tidy");
    EXPECT_TRUE(config.transforms[1].implicit);
    EXPECT_EQ(config.sources[0].transforms, (std::vector<std::string>{"short", "tidy"}));
    EXPECT_EQ(config.routes[0].when.body_matches, "(?:^|\\s)vaccin");
    EXPECT_EQ(config.routes[0].when.source_plugin, std::vector<std::string>{"poller"});
}

TEST(load, two_sources_naming_one_plugin_share_one_implicit_instance) {
    temp_dir dir;
    write_file(dir / "main.toml",
               "[[sources]]\nid = \"a\"\nplugin = \"poller\"\nurl = \"https://a.example/\"\n"
               "decoder = \"feed\"\n"
               "[[sources]]\nid = \"b\"\nplugin = \"poller\"\nurl = \"https://b.example/\"\n"
               "decoder = \"feed\"\n"
               "[[routes]]\nfrom = [\"*\"]\nto = [\"z\"]\n"
               "[[sinks]]\nid = \"z\"\nplugin = \"settings-zoo\"\npath = \"/p\"\ntoken = \"t\"\n");
    auto config = load_ok(dir / "main.toml");
    ASSERT_EQ(config.decoders.size(), 1u);
    EXPECT_EQ(config.decoders[0].id, "feed");
    EXPECT_EQ(config.decoders[0].where.line, 5u);  // the first reference
}

TEST(load, default_settings_of_a_plugin) {
    auto settings = cfg::default_settings(*ingest::sdk::descriptor_of<plugins::feed>());
    ASSERT_TRUE(settings);
    ASSERT_EQ(settings->size(), 1u);
    EXPECT_EQ((*settings)[0].name, "strict");
    EXPECT_TRUE((*settings)[0].present);
    EXPECT_TRUE((*settings)[0].from_default);
    EXPECT_EQ((*settings)[0].integer, 0);

    auto zoo = zoo_module()->descriptor();
    std::vector<std::string> problems;
    EXPECT_FALSE(cfg::default_settings(zoo, &problems));
    EXPECT_EQ(problems, (std::vector<std::string>{
                            "missing required setting 'path' — File the zoo writes records to",
                            "missing required setting 'token' — API token of the zoo keeper"}));

    problems.clear();
    EXPECT_FALSE(cfg::default_settings(*ingest::sdk::descriptor_of<plugins::buggy>(), &problems));
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0],
              "plugin bug: the default of setting 'timeout' is not a valid duration: \"ten\": "
              "expected a number at 'ten'; tell the plugin's author — Write timeout");
}

}  // namespace
