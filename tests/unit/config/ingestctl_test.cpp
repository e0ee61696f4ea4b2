// The ingestctl tool, run as a subprocess exactly as an operator would.
#include "test_support.hpp"

#include <boost/json.hpp>

#include <gtest/gtest.h>

namespace {

using namespace ingest::test;

constexpr char ingestctl[] = INGESTCTL_PATH;
constexpr char fixture_dir[] = FIXTURE_PLUGIN_DIR;

std::string zoo_file() {
    return std::string(fixture_dir) + "/ingest-sink-settings-zoo.so";
}

/// The block of `ingestctl plugins` output that describes the plugin called name.
std::string plugin_block(std::string const& output, std::string const& name) {
    auto begin = output.find(name + " ");
    if (begin == std::string::npos || (begin != 0 && output[begin - 1] != '\n')) {
        return {};
    }
    auto end = output.find("\n\n", begin);
    return output.substr(begin, end == std::string::npos ? std::string::npos : end - begin + 1);
}

/// What `ingestctl plugins` prints for the zoo.
std::string zoo_block() {
    return "settings-zoo 0.3.1\n"
           "  kind:         sink\n"
           "  abi:          1.2\n"
           "  file:         " +
           zoo_file() +
           "\n"
           "  description:  Test fixture: a sink declaring one setting of every type\n"
           "  unload safe:  no\n"
           "  settings:\n"
           "    NAME      TYPE      REQUIRED  DEFAULT       ALLOWED               DESCRIPTION\n"
           "    path      path      yes       -             -                     File the zoo "
           "writes "
           "records to\n"
           "    token     secret    yes       -             -                     API token of the "
           "zoo "
           "keeper\n"
           "    mode      string    no        fast          fast, safe, paranoid  How carefully "
           "records "
           "are written\n"
           "    batch     int       no        50            -                     Records per "
           "write\n"
           "    fsync     bool      no        true          -                     fsync after each "
           "write\n"
           "    timeout   duration  no        30s           -                     How long one "
           "write may "
           "take\n"
           "    max_file  size      no        16MiB         -                     Rotate the file "
           "after "
           "this size\n"
           "    tags      list      no        zoo, fixture  -                     Tags added to "
           "every "
           "record\n"
           "    endpoint  url       no        -             -                     Where to report "
           "delivery statistics\n"
           "    label     string    no        -             -                     Free-text label "
           "shown "
           "in the status page\n";
}

/// A configuration whose secrets come from files and the environment.
struct secret_config {
    temp_dir dir;
    std::string const token = "zoo-token-3b8e1c";      // ${file:...}, a secret setting
    std::string const label = "label-from-file-95aa";  // ${file:...}, a plain string setting
    std::string const env_token = "env-token-c0ffee";  // ${ZOO_TOKEN}, a secret setting
    fs::path config = dir / "ingestd.toml";

    secret_config() {
        write_file(dir / "token", token + "\n");
        write_file(dir / "label", label + "\n");
        write_file(config,
                   "[[sinks]]\n"
                   "id = \"vault\"\n"
                   "plugin = \"settings-zoo\"\n"
                   "path = \"/var/lib/ingestd/vault.jsonl\"\n"
                   "token = \"${file:" +
                       (dir / "token").string() +
                       "}\"\n"
                       "label = \"${file:" +
                       (dir / "label").string() +
                       "}\"\n"
                       "\n"
                       "[[sinks]]\n"
                       "id = \"env\"\n"
                       "plugin = \"settings-zoo\"\n"
                       "path = \"/var/lib/ingestd/env.jsonl\"\n"
                       "token = \"${ZOO_TOKEN}\"\n");
    }

    void expect_hidden(run_result const& r) const {
        for (auto const* text : {&r.out, &r.err}) {
            EXPECT_EQ(text->find(token), std::string::npos) << *text;
            EXPECT_EQ(text->find(label), std::string::npos) << *text;
            EXPECT_EQ(text->find(env_token), std::string::npos) << *text;
        }
    }
};

TEST(ingestctl, version) {
    auto r = run({ingestctl, "--version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "ingestctl 0.1.0 (plugin ABI 1.2, SDK 1.2.0)\n");
}

TEST(ingestctl, usage_errors_exit_2) {
    EXPECT_EQ(run({ingestctl}).exit_code, 2);
    EXPECT_EQ(run({ingestctl, "validate"}).exit_code, 2);
    EXPECT_EQ(run({ingestctl, "frobnicate"}).exit_code, 2);
}

TEST(ingestctl, validate_accepts_a_valid_configuration) {
    auto config = data("zoo-only.toml").string();
    auto r = run({ingestctl, "validate", config, "--plugin-dir", fixture_dir});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, config + ": OK (0 sources, 1 sink, 0 routes)\n");
    EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("zoo-token-in-clear-text"), std::string::npos);
}

TEST(ingestctl, validate_prints_every_problem_and_exits_1) {
    auto config = data("unknown-key.toml").string();
    auto r = run({ingestctl, "validate", config, "--plugin-dir", fixture_dir});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    std::string const head = ": error: sinks[0] 'archive' (plugin 'settings-zoo'): ";
    EXPECT_NE(r.err.find(config + ":2:1" + head +
                         "missing required setting 'path' — File the zoo writes records to\n" +
                         config + ":7:1" + head +
                         "unknown setting 'pth'; did you mean 'path'? — File the zoo writes "
                         "records to\n"
                         "note: plugins were loaded from " +
                         std::string(fixture_dir) + "\n" + config + ": invalid (2 errors, "),
              std::string::npos)
        << r.err;
}

TEST(ingestctl, validate_reports_a_missing_plugin_directory) {
    temp_dir dir;
    auto config = data("zoo-only.toml").string();
    auto r = run({ingestctl, "validate", config, "--plugin-dir", (dir / "none").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("warning: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(config + ":7:10: error: sinks[0] 'zoo' (plugin 'settings-zoo'): no "
                                  "plugin named 'settings-zoo' is loaded\n"),
              std::string::npos)
        << r.err;
}

TEST(ingestctl, validate_uses_plugin_dirs_from_the_configuration) {
    temp_dir dir;
    write_file(dir / "ingestd.toml", "[daemon]\nplugin_dirs = [\"" + std::string(fixture_dir) +
                                         "\"]\n\n[[sinks]]\nid = \"z\"\nplugin = "
                                         "\"settings-zoo\"\npath = \"/p\"\ntoken = \"t\"\n");
    auto r = run({ingestctl, "validate", (dir / "ingestd.toml").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, (dir / "ingestd.toml").string() + ": OK (0 sources, 1 sink, 0 routes)\n");
}

TEST(ingestctl, secrets_never_reach_the_output_of_validate) {
    secret_config s;
    auto r = run({ingestctl, "validate", s.config.string(), "--plugin-dir", fixture_dir},
                 {{"ZOO_TOKEN", s.env_token}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, s.config.string() + ": OK (0 sources, 2 sinks, 0 routes)\n");
    s.expect_hidden(r);
}

TEST(ingestctl, config_show_redacts_secrets) {
    secret_config s;
    auto r = run({ingestctl, "config", "show", s.config.string(), "--plugin-dir", fixture_dir},
                 {{"ZOO_TOKEN", s.env_token}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    s.expect_hidden(r);
    EXPECT_NE(r.out.find("[[sinks]]\nid = \"vault\"\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("token = \"<redacted>\"\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("label = \"<redacted>\"\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("path = \"/var/lib/ingestd/env.jsonl\"\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("mode = \"fast\"  # default\n"), std::string::npos) << r.out;
}

TEST(ingestctl, secrets_never_reach_the_output_of_a_failing_config_show) {
    secret_config s;
    // The secret file's content lands in settings that refuse it: the messages must not quote
    // it. The environment token is missing, which is reported by name only.
    auto text = read_file(s.config);
    text += "mode = \"${file:" + (s.dir / "token").string() + "}\"\n";
    text += "endpoint = \"${file:" + (s.dir / "label").string() + "}\"\n";
    write_file(s.config, text);
    auto r = run({ingestctl, "config", "show", s.config.string(), "--plugin-dir", fixture_dir});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    s.expect_hidden(r);
    EXPECT_NE(r.err.find("not <redacted>"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("environment variable 'ZOO_TOKEN' is not set"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(s.config.string() + ": invalid (3 errors, "), std::string::npos) << r.err;
}

TEST(ingestctl, plugins_lists_the_zoo_with_its_settings_table) {
    auto r = run({ingestctl, "plugins", "--path", fixture_dir});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(plugin_block(r.out, "settings-zoo"), zoo_block()) << r.out;
}

TEST(ingestctl, plugins_as_json) {
    auto r = run({ingestctl, "plugins", "--path", fixture_dir, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto doc = boost::json::parse(r.out).as_object();
    boost::json::object const* zoo = nullptr;
    for (auto const& p : doc.at("plugins").as_array()) {
        if (p.as_object().at("name").as_string() == "settings-zoo") {
            zoo = &p.as_object();
        }
    }
    ASSERT_NE(zoo, nullptr) << r.out;
    EXPECT_EQ(zoo->at("kind").as_string(), "sink");
    EXPECT_EQ(zoo->at("version").as_string(), "0.3.1");
    EXPECT_EQ(zoo->at("abi").as_string(), "1.2");
    EXPECT_EQ(std::string(zoo->at("file").as_string()), zoo_file());
    auto const& settings = zoo->at("settings").as_array();
    ASSERT_EQ(settings.size(), 10u);
    auto const& mode = settings[2].as_object();
    EXPECT_EQ(mode.at("name").as_string(), "mode");
    EXPECT_EQ(mode.at("type").as_string(), "string");
    EXPECT_FALSE(mode.at("required").as_bool());
    EXPECT_EQ(mode.at("default").as_string(), "fast");
    EXPECT_EQ(boost::json::serialize(mode.at("allowed")), R"(["fast","safe","paranoid"])");
    EXPECT_TRUE(settings[0].as_object().at("default").is_null());
    EXPECT_EQ(settings[1].as_object().at("type").as_string(), "secret");
    EXPECT_TRUE(doc.at("refused").is_array());
}

TEST(ingestctl, plugin_inspect_shows_what_the_loader_found) {
    auto r = run({ingestctl, "plugin", "inspect", zoo_file()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, zoo_block());
}

TEST(ingestctl, plugin_inspect_prints_the_refusal_and_exits_1) {
    temp_dir dir;
    write_file(dir / "ingest-sink-fake.so", "not a shared library\n");
    auto r = run({ingestctl, "plugin", "inspect", (dir / "ingest-sink-fake.so").string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find((dir / "ingest-sink-fake.so").string()), std::string::npos) << r.err;
}

}  // namespace
