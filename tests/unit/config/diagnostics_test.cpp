// Broken configurations: every problem is reported, each with its exact message.
#include "config/config.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using namespace ingest::test;

/// The messages of loading a file under tests/data/configs, with that directory's path
/// removed wherever it appears ("unknown-key.toml:7:1: error: ...").
std::vector<std::string> relative_messages(cfg::diagnostic_list const& list) {
    auto prefix = std::string(CONFIG_DATA_DIR) + "/";
    std::vector<std::string> out;
    for (auto message : messages(list)) {
        for (auto at = message.find(prefix); at != std::string::npos; at = message.find(prefix)) {
            message.erase(at, prefix.size());
        }
        out.push_back(message);
    }
    return out;
}

std::vector<std::string> problems_of(std::string const& name) {
    auto result = load(data(name));
    EXPECT_FALSE(result) << name << " was accepted";
    return relative_messages(result.diagnostics);
}

using lines = std::vector<std::string>;

TEST(diagnostics, format_like_a_compiler) {
    cfg::diagnostic d{cfg::severity::error, {"a.toml", 7, 1}, "bad"};
    EXPECT_EQ(d.str(), "a.toml:7:1: error: bad");
    d.level = cfg::severity::warning;
    EXPECT_EQ(d.str(), "a.toml:7:1: warning: bad");
    d.where = {"a.toml", 0, 0};
    EXPECT_EQ(d.str(), "a.toml: warning: bad");
    d.where = {};
    EXPECT_EQ(d.str(), "warning: bad");
    EXPECT_EQ(cfg::error_count({d, {cfg::severity::error, {}, "x"}}), 1u);
}

TEST(diagnostics, unknown_setting_suggests_the_closest_one) {
    EXPECT_EQ(problems_of("unknown-key.toml"),
              (lines{"unknown-key.toml:2:1: error: sinks[0] 'archive' (plugin 'settings-zoo'): "
                     "missing required setting 'path' — File the zoo writes records to",
                     "unknown-key.toml:7:1: error: sinks[0] 'archive' (plugin 'settings-zoo'): "
                     "unknown setting 'pth'; did you mean 'path'? — File the zoo writes records "
                     "to"}));
}

TEST(diagnostics, syntax_errors_carry_the_position) {
    EXPECT_EQ(problems_of("syntax-error.toml"),
              (lines{"syntax-error.toml:3:12: error: Error while parsing key-value pair: "
                     "expected value, saw '\\n'"}));
}

TEST(diagnostics, unreadable_main_file) {
    EXPECT_EQ(problems_of("no-such-file.toml"),
              (lines{"no-such-file.toml: error: cannot open the file: No such file or "
                     "directory"}));
}

TEST(diagnostics, every_wrong_plugin_setting_is_reported) {
    std::string const head = "error: sinks[0] 'archive' (plugin 'settings-zoo'): setting ";
    EXPECT_EQ(
        problems_of("setting-errors.toml"),
        (lines{
            "setting-errors.toml:5:8: " + head +
                "'path' must not be empty — File the zoo writes records to",
            "setting-errors.toml:6:9: " + head +
                "'token' must be a string, not an integer — API token of the zoo keeper",
            "setting-errors.toml:7:8: " + head +
                "'mode' must be one of \"fast\", \"safe\" or \"paranoid\", not \"turbo\" — How "
                "carefully records are written",
            "setting-errors.toml:8:9: " + head +
                "'batch' must be an integer, not a string — Records per write",
            "setting-errors.toml:9:9: " + head +
                "'fsync' must be a boolean (true or false), not a string — fsync after each "
                "write",
            "setting-errors.toml:10:11: " + head +
                "'timeout' is not a valid duration: \"5 minutes\": unexpected ' minutes' (use "
                "ms, s, m, h or d) — How long one write may take",
            "setting-errors.toml:11:12: " + head +
                "'max_file' is not a valid size: \"16mb\": unknown unit 'mb' (use B, KB, MB, GB, "
                "TB, KiB, MiB, GiB or TiB) — Rotate the file after this size",
            "setting-errors.toml:12:15: " + head +
                "'tags'[1] must be a string, not an integer — Tags added to every record",
            "setting-errors.toml:13:12: " + head +
                "'endpoint' is not an absolute URL (scheme://host/path): \"example.com/hook\" — "
                "Where to report delivery statistics",
            "setting-errors.toml:14:9: " + head +
                "'label': environment variable 'ZOO_UNSET_VARIABLE' is not set (in "
                "'${ZOO_UNSET_VARIABLE}') — Free-text label shown in the status page",
        }));
}

TEST(diagnostics, every_wrong_core_key_is_reported) {
    EXPECT_EQ(
        problems_of("core-key-errors.toml"),
        (lines{
            "core-key-errors.toml:3:13: error: daemon: key 'log_level' must be one of 'trace', "
            "'debug', 'info', 'warn' or 'error', not \"verbose\"",
            "core-key-errors.toml:4:15: error: daemon: key 'http_listen' must be \"host:port\" "
            "(e.g. \"127.0.0.1:9464\" or \"[::1]:9464\"), not \"localhost\"",
            "core-key-errors.toml:5:1: error: daemon: unknown key 'state_dirr'; did you mean "
            "'state_dir'?",
            "core-key-errors.toml:8:6: error: sources[0]: invalid id \"Wire\" (use a-z, 0-9, "
            "'.', '_' and '-', starting with a letter or digit)",
            "core-key-errors.toml:11:12: error: sources[0] (plugin 'poller'): key 'interval' "
            "must be longer than 0s",
            "core-key-errors.toml:12:10: error: sources[0] (plugin 'poller'): key 'jitter' must "
            "be a duration like \"90s\" or an integer number of seconds, not a boolean",
            "core-key-errors.toml:13:11: error: sources[0] (plugin 'poller'): key 'enabled' must "
            "be a boolean (true or false), not a string",
            "core-key-errors.toml:14:14: error: sources[0] (plugin 'poller'): key 'transforms' "
            "must be an array of strings, not a string",
            "core-key-errors.toml:16:1: error: sinks[0] (plugin 'settings-zoo'): missing "
            "required key 'id'",
            "core-key-errors.toml:20:14: error: sinks[0] (plugin 'settings-zoo'): key "
            "'batch_size' must be at least 1, not 0",
            "core-key-errors.toml:21:16: error: sinks[0] (plugin 'settings-zoo'): key "
            "'max_attempts' must be an integer, not a floating-point number",
            "core-key-errors.toml:23:13: error: sinks[0] (plugin 'settings-zoo'): key "
            "'retry_max' (1s) must not be shorter than 'retry_initial' (2s)",
            "core-key-errors.toml:24:1: error: sinks[0] (plugin 'settings-zoo'): unknown "
            "setting 'enabeld'; did you mean 'enabled'?",
        }));
}

TEST(diagnostics, every_broken_reference_is_reported) {
    EXPECT_EQ(
        problems_of("reference-errors.toml"),
        (lines{
            "reference-errors.toml:4:10: error: sources[0] 'wire' (plugin 'poler'): no plugin "
            "named 'poler' is loaded; did you mean 'poller'?",
            "reference-errors.toml:9:10: error: sources[1] 'drops' (plugin 'settings-zoo'): "
            "plugin 'settings-zoo' is a sink plugin, not a source plugin",
            "reference-errors.toml:15:11: error: sources[2] 'mail' (plugin 'poller'): decoder "
            "'fed' is neither the id of a [[decoders]] section nor a loaded decoder plugin; did "
            "you mean 'feed'?",
            "reference-errors.toml:16:23: error: sources[2] 'mail' (plugin 'poller'): transform "
            "'settings-zoo' names a sink plugin, not a transform plugin",
            "reference-errors.toml:16:39: error: sources[2] 'mail' (plugin 'poller'): transform "
            "'needs-schema' names a decoder plugin, not a transform plugin",
            "reference-errors.toml:22:11: error: sources[3] 'files' (plugin 'poller'): decoder "
            "plugin 'needs-schema' has required settings ('schema'): configure it in a "
            "[[decoders]] section and name that section's id here",
            "reference-errors.toml:31:17: error: routes[0]: unknown source 'mial' in 'from'; did "
            "you mean 'mail'?",
            "reference-errors.toml:32:7: error: routes[0]: unknown sink 'archiv' in 'to'; did "
            "you mean 'archive'?",
            "reference-errors.toml:33:10: error: routes[0]: unknown condition 'when.tags_some' "
            "(known: tags_any, tags_all, language, title_matches, body_matches, source_plugin)",
            "reference-errors.toml:33:45: error: routes[0]: key 'when.title_matches' is not a "
            "valid regular expression: \"(\": Mismatched '(' and ')' in regular expression",
            "reference-errors.toml:33:77: error: routes[0]: key 'when.source_plugin' names "
            "'feed', which is a decoder plugin, not a source plugin",
            "reference-errors.toml:36:8: error: routes[1]: key 'from' mixes \"*\" with source "
            "ids; \"*\" must stand alone",
            "reference-errors.toml:37:6: error: routes[1]: key 'to' must not be empty",
            "reference-errors.toml:39:1: error: routes[2]: missing required key 'from' (source "
            "ids, or [\"*\"])",
            "reference-errors.toml:41:1: error: routes[2]: unknown key 'priority' (a route has "
            "'from', 'to' and 'when')",
        }));
}

TEST(diagnostics, shape_errors_are_reported) {
    EXPECT_EQ(problems_of("section-errors.toml"),
              (lines{
                  "section-errors.toml:2:1: error: unknown top-level key 'sink'; did you mean "
                  "'sinks'?",
                  "section-errors.toml:4:1: error: sinks[0] 'archive': missing required key "
                  "'plugin'",
                  "section-errors.toml:7:1: error: sources[0] (plugin 'poller'): missing "
                  "required key 'id'",
                  "section-errors.toml:11:1: error: 'decoders' must be an array of tables: "
                  "write [[decoders]], not [decoders]",
              }));
}

TEST(diagnostics, duplicate_ids_name_both_places_across_files) {
    EXPECT_EQ(problems_of("duplicates/ingestd.toml"),
              (lines{
                  "duplicates/ingestd.toml:8:6: error: sinks[1] 'archive' (plugin "
                  "'settings-zoo'): duplicate id 'archive'; sinks[0] at "
                  "duplicates/ingestd.toml:2:6 already uses it",
                  "duplicates/conf.d/50-again.toml:2:6: error: sinks[2] 'archive' (plugin "
                  "'settings-zoo'): duplicate id 'archive'; sinks[0] at "
                  "duplicates/ingestd.toml:2:6 already uses it",
              }));
}

TEST(diagnostics, malformed_plugin_defaults_are_the_plugins_bug) {
    std::string const head = "plugin-bug.toml:2:1: error: sinks[0] 'b' (plugin 'buggy'): ";
    EXPECT_EQ(problems_of("plugin-bug.toml"),
              (lines{
                  head + "plugin bug: setting 'enabled' has the name of a core key of [[sinks]] "
                         "and cannot be configured; tell the plugin's author",
                  head + "plugin bug: the default of setting 'timeout' is not a valid duration: "
                         "\"ten\": expected a number at 'ten'; tell the plugin's author — Write "
                         "timeout",
                  head + "plugin bug: the default of setting 'level' must be one of \"quiet\" or "
                         "\"normal\", not \"loud\"; tell the plugin's author — How chatty",
                  head + "plugin bug: the default of setting 'labels' must hold only \"x\", not "
                         "\"y\"; tell the plugin's author — Labels",
              }));
}

TEST(diagnostics, a_default_is_not_checked_when_the_value_is_given) {
    temp_dir dir;
    write_file(dir / "main.toml",
               "[[sinks]]\nid = \"b\"\nplugin = \"buggy\"\ntimeout = \"1s\"\nlevel = \"quiet\"\n"
               "labels = [\"x\"]\n");
    auto result = load(dir / "main.toml");
    // Only the clash with a core key remains: it cannot be worked around in the config.
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_NE(result.diagnostics[0].message.find("setting 'enabled' has the name of a core key"),
              std::string::npos);
}

TEST(diagnostics, file_references_are_refused_in_core_keys) {
    temp_dir dir;
    write_file(dir / "id", "archive\n");
    write_file(dir / "main.toml", "[[sinks]]\nid = \"${file:" + (dir / "id").string() +
                                      "}\"\nplugin = \"settings-zoo\"\npath = \"/p\"\n"
                                      "token = \"t\"\n");
    auto result = load(dir / "main.toml");
    EXPECT_EQ(messages(result.diagnostics),
              lines{(dir / "main.toml").string() +
                    ":2:6: error: sinks[0]: key 'id': '${file:...}' may only be used in plugin "
                    "settings"});
}

TEST(diagnostics, sensitive_values_never_appear_in_messages) {
    temp_dir dir;
    std::string const secret = "TOPSECRET-7d1f";
    write_file(dir / "secret", secret + "\n");
    auto ref = "${file:" + (dir / "secret").string() + "}";
    write_file(dir / "main.toml",
               "[[sinks]]\nid = \"z\"\nplugin = \"settings-zoo\"\n"
               "path = \"/p\"\ntoken = \"t\"\n"
               "mode = \"" +
                   ref +
                   "\"\n"
                   "endpoint = \"" +
                   ref +
                   "\"\n"
                   "timeout = \"" +
                   ref +
                   "\"\n"
                   "max_file = \"" +
                   ref + "\"\n");
    auto result = load(dir / "main.toml");
    auto file = (dir / "main.toml").string();
    std::string const head = ": error: sinks[0] 'z' (plugin 'settings-zoo'): setting ";
    EXPECT_EQ(messages(result.diagnostics),
              (lines{
                  file + ":6:8" + head +
                      "'mode' must be one of \"fast\", \"safe\" or \"paranoid\", not <redacted> — "
                      "How carefully records are written",
                  file + ":7:12" + head +
                      "'endpoint' is not an absolute URL (scheme://host/path): <redacted> — "
                      "Where to report delivery statistics",
                  file + ":8:11" + head +
                      "'timeout' is not a valid duration — How long one write may take",
                  file + ":9:12" + head +
                      "'max_file' is not a valid size — Rotate the file after this size",
              }));
    for (auto const& m : messages(result.diagnostics)) {
        EXPECT_EQ(m.find("TOPSECRET"), std::string::npos) << m;
    }
}

TEST(diagnostics, an_unrouted_source_is_a_warning_only) {
    temp_dir dir;
    write_file(dir / "main.toml",
               "[[sources]]\nid = \"wire\"\nplugin = \"poller\"\nurl = \"https://w.example/\"\n");
    auto result = load(dir / "main.toml");
    ASSERT_TRUE(result);
    EXPECT_EQ(messages(result.diagnostics),
              lines{(dir / "main.toml").string() +
                    ":1:1: warning: sources[0] 'wire' (plugin 'poller'): no route takes releases "
                    "from this source; add it to a [[routes]] 'from' or use from = [\"*\"]"});
}

TEST(diagnostics, errors_in_drop_ins_name_the_drop_in) {
    temp_dir dir;
    write_file(dir / "main.toml", "[daemon]\nlog_level = \"info\"\n");
    write_file(dir / "conf.d/10-bad.toml",
               "[daemon]\nlog_level = \"loud\"\n\n[[sinks]]\n"
               "id = \"z\"\nplugin = \"settings-zoo\"\n"
               "path = \"/p\"\n");
    auto result = load(dir / "main.toml");
    auto file = (dir / "conf.d/10-bad.toml").string();
    EXPECT_EQ(messages(result.diagnostics),
              (lines{file + ":2:13: error: daemon: key 'log_level' must be one of 'trace', "
                            "'debug', 'info', 'warn' or 'error', not \"loud\"",
                     file + ":4:1: error: sinks[0] 'z' (plugin 'settings-zoo'): missing "
                            "required setting 'token' — API token of the zoo keeper"}));
}

TEST(diagnostics, wrong_shapes_of_sections_and_values) {
    temp_dir dir;
    write_file(dir / "main.toml",
               "daemon = 1\n"
               "sinks = [1, { id = \"z\", plugin = \"settings-zoo\", path = \"/p\", token = \"t\", "
               "timeout = -5, max_file = -1 }]\n"
               "routes = [{ from = \"*\", to = [\"z\"], when = [\"x\"] }]\n");
    auto file = (dir / "main.toml").string();
    std::string const zoo = ": error: sinks[0] 'z' (plugin 'settings-zoo'): setting ";
    EXPECT_EQ(messages(load(dir / "main.toml").diagnostics),
              (lines{
                  file + ":1:10: error: 'daemon' must be a table: write [daemon]",
                  file + ":2:10: error: 'sinks' entries must be tables, not an integer",
                  file + ":2:86" + zoo +
                      "'timeout' is not a valid duration: -5: must not be negative — How long one "
                      "write may take",
                  file + ":2:101" + zoo +
                      "'max_file' is not a valid size: -1: must not be negative — Rotate the file "
                      "after this size",
                  file + ":3:20: error: routes[0]: key 'from' must be an array of strings, not a "
                         "string",
                  file + ":3:44: error: routes[0]: key 'when' must be a table like { tags_any = "
                         "[\"x\"] }, not an array",
              }));
}

}  // namespace
