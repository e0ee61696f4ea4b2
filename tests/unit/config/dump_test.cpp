// The effective configuration dump: complete, redacted, and readable back.
#include "config/dump.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using namespace ingest::test;

cfg::configuration load_ok(fs::path const& file) {
    auto result = load(file);
    EXPECT_TRUE(result) << ::testing::PrintToString(messages(result.diagnostics));
    return result ? *result.config : cfg::configuration{};
}

TEST(dump, writes_every_key_with_defaults_and_redacts_secrets) {
    auto text = cfg::effective_config_toml(load_ok(data("zoo-only.toml")));
    auto file = data("zoo-only.toml").string();
    EXPECT_EQ(text, "# Effective configuration of " + file +
                        "\n"
                        "# Defaults are filled in (marked \"# default\"); secrets are shown as "
                        "\"<redacted>\".\n"
                        "\n"
                        "[daemon]\n"
                        "state_dir = \"/var/lib/ingestd\"\n"
                        "plugin_dirs = []  # empty: the default plugin directory\n"
                        "log_level = \"info\"\n"
                        "http_listen = \"127.0.0.1:9464\"\n"
                        "# user_agent_contact: not set\n"
                        "\n"
                        "[[sinks]]\n"
                        "id = \"zoo\"\n"
                        "plugin = \"settings-zoo\"\n"
                        "enabled = true\n"
                        "batch_size = 100\n"
                        "retry_initial = \"1s\"\n"
                        "retry_max = \"5m\"\n"
                        "max_attempts = 10\n"
                        "path = \"/var/lib/ingestd/zoo.jsonl\"\n"
                        "token = \"<redacted>\"\n"
                        "mode = \"paranoid\"\n"
                        "batch = 50  # default\n"
                        "fsync = true  # default\n"
                        "timeout = \"30s\"  # default\n"
                        "max_file = \"16MiB\"  # default\n"
                        "tags = [\"zoo\", \"fixture\"]  # default\n"
                        "# endpoint: not set\n"
                        "# label: not set\n");
    EXPECT_EQ(text.find("zoo-token-in-clear-text"), std::string::npos);
}

TEST(dump, covers_every_section_of_a_merged_configuration) {
    auto config = load_ok(data("good/ingestd.toml"));
    auto text = cfg::effective_config_toml(config);
    EXPECT_EQ(text.find("t0k3n"), std::string::npos);
    EXPECT_EQ(text.find("literal-token"), std::string::npos);
    for (auto const* expected : {
             "#   with drop-in ",
             "log_level = \"error\"\n",
             "user_agent_contact = \"ops@example.org\"\n",
             "[[decoders]]\nid = \"strict-feed\"\nplugin = \"feed\"\nstrict = true\n",
             "[[decoders]]\nid = \"feed\"\nplugin = \"feed\"\n# implicit: a source names this "
             "plugin directly; all settings are defaults\nstrict = false  # default\n",
             "[[transforms]]\nid = \"tidy\"\nplugin = \"tidy\"\n",
             "[[sources]]\nid = \"wire\"\nplugin = \"poller\"\nenabled = true\ndecoder = "
             "\"strict-feed\"\ntransforms = [\"tidy\"]\ninterval = \"10m\"\njitter = \"30s\"\n"
             "url = \"https://wire.example/rss.xml\"\ntimeout = \"10s\"  # default\n",
             "interval = \"1m30s\"\njitter = \"0s\"\n",
             "max_file = \"1GB\"\n",
             "max_file = \"4KiB\"\n",
             "[[routes]]\nfrom = [\"*\"]\nto = [\"archive\"]\n",
             "[[routes]]\nfrom = [\"wire\"]\nto = [\"mirror\"]\nwhen = { tags_any = [\"mexico\"], "
             "language = [\"es\", \"en\"], title_matches = \"^(Press|News):\" }\n",
         }) {
        EXPECT_NE(text.find(expected), std::string::npos) << "missing:\n"
                                                          << expected << "\nin:\n"
                                                          << text;
    }
}

TEST(dump, reads_back_to_the_same_configuration) {
    auto config = load_ok(data("good/ingestd.toml"));
    temp_dir dir;
    write_file(dir / "effective.toml", cfg::effective_config_toml(config));
    cfg::load_options options;
    options.read_drop_ins = false;
    auto again = cfg::load_config(dir / "effective.toml", test_catalog(), options);
    ASSERT_TRUE(again) << ::testing::PrintToString(messages(again.diagnostics)) << "\n"
                       << read_file(dir / "effective.toml");
    auto const& c = *again.config;
    EXPECT_EQ(c.daemon.log_level, config.daemon.log_level);
    EXPECT_EQ(c.daemon.plugin_dirs, config.daemon.plugin_dirs);
    ASSERT_EQ(c.sources.size(), config.sources.size());
    ASSERT_EQ(c.sinks.size(), config.sinks.size());
    ASSERT_EQ(c.decoders.size(), config.decoders.size());
    ASSERT_EQ(c.routes.size(), config.routes.size());
    for (std::size_t i = 0; i < c.sources.size(); ++i) {
        EXPECT_EQ(c.sources[i].interval, config.sources[i].interval);
        EXPECT_EQ(c.sources[i].jitter, config.sources[i].jitter);
        EXPECT_EQ(c.sources[i].decoder, config.sources[i].decoder);
        EXPECT_EQ(c.sources[i].transforms, config.sources[i].transforms);
        EXPECT_EQ(c.sources[i].enabled, config.sources[i].enabled);
    }
    for (std::size_t i = 0; i < c.sinks.size(); ++i) {
        auto const& a = c.sinks[i].settings;
        auto const& b = config.sinks[i].settings;
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t k = 0; k < a.size(); ++k) {
            EXPECT_EQ(a[k].present, b[k].present) << a[k].name;
            EXPECT_EQ(a[k].integer, b[k].integer) << a[k].name;
            EXPECT_EQ(a[k].list, b[k].list) << a[k].name;
            if (!b[k].sensitive) {
                EXPECT_EQ(a[k].text, b[k].text) << a[k].name;
            } else {
                EXPECT_EQ(a[k].text, cfg::redacted) << a[k].name;
            }
        }
        EXPECT_EQ(c.sinks[i].batch_size, config.sinks[i].batch_size);
        EXPECT_EQ(c.sinks[i].enabled, config.sinks[i].enabled);
    }
    EXPECT_EQ(c.routes[1].when.title_matches, config.routes[1].when.title_matches);
    EXPECT_EQ(c.routes[1].when.language, config.routes[1].when.language);
}

TEST(dump, escapes_strings_and_quotes_odd_keys) {
    temp_dir dir;
    write_file(dir / "main.toml",
               "[[sinks]]\nid = \"z\"\nplugin = \"settings-zoo\"\n"
               "path = '/tmp/a \"quoted\" \\ path'\ntoken = \"t\"\n"
               "label = \"tab\\there\\u0001\"\n");
    auto text = cfg::effective_config_toml(load_ok(dir / "main.toml"));
    EXPECT_NE(text.find("path = \"/tmp/a \\\"quoted\\\" \\\\ path\"\n"), std::string::npos) << text;
    EXPECT_NE(text.find("label = \"tab\\there\\u0001\"\n"), std::string::npos) << text;
}

}  // namespace
