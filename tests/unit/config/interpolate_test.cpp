#include "config/interpolate.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using ingest::core::config::interpolate;
using ingest::core::config::read_secret_file;
using ingest::test::fake_env;
using ingest::test::temp_dir;
using ingest::test::write_file;

ingest::core::config::env_lookup env() {
    return fake_env({{"HOME_DIR", "/home/ingest"}, {"EMPTY", ""}, {"A_1", "x"}});
}

TEST(interpolate, leaves_plain_text_alone) {
    auto r = interpolate("plain $ text $5 {braces} $", env());
    EXPECT_EQ(r.value, "plain $ text $5 {braces} $");
    EXPECT_TRUE(r.errors.empty());
    EXPECT_FALSE(r.sensitive);
}

TEST(interpolate, replaces_environment_variables) {
    auto r = interpolate("${HOME_DIR}/state/${A_1}${EMPTY}.db", env());
    EXPECT_EQ(r.value, "/home/ingest/state/x.db");
    EXPECT_TRUE(r.errors.empty());
    EXPECT_FALSE(r.sensitive);
}

TEST(interpolate, reports_every_unset_variable) {
    auto r = interpolate("${NOPE}-${HOME_DIR}-${ALSO_NOPE}", env());
    EXPECT_EQ(r.errors, (std::vector<std::string>{
                            "environment variable 'NOPE' is not set (in '${NOPE}')",
                            "environment variable 'ALSO_NOPE' is not set (in '${ALSO_NOPE}')"}));
}

TEST(interpolate, double_dollar_escapes_a_reference) {
    auto r = interpolate("$${HOME_DIR} costs $$5 and ${HOME_DIR}", env());
    EXPECT_EQ(r.value, "${HOME_DIR} costs $$5 and /home/ingest");
    EXPECT_TRUE(r.errors.empty());
}

TEST(interpolate, substituted_text_is_not_interpolated_again) {
    auto r = interpolate("${V}", fake_env({{"V", "${HOME_DIR}"}}));
    EXPECT_EQ(r.value, "${HOME_DIR}");
    EXPECT_TRUE(r.errors.empty());
}

TEST(interpolate, reports_malformed_references) {
    EXPECT_EQ(interpolate("a ${HOME_DIR", env()).errors,
              std::vector<std::string>{"unterminated '${' (write '$${' for a literal '${')"});
    auto r = interpolate("${} ${1X} ${a-b}", env());
    ASSERT_EQ(r.errors.size(), 3u);
    EXPECT_EQ(r.errors[0],
              "invalid reference '${}' (an environment variable name is letters, digits and "
              "'_'; '${file:/path}' reads a file; '$${' is a literal '${')");
    EXPECT_TRUE(r.errors[1].starts_with("invalid reference '${1X}'"));
    EXPECT_TRUE(r.errors[2].starts_with("invalid reference '${a-b}'"));
}

TEST(interpolate, reads_files_and_marks_the_value_sensitive) {
    temp_dir dir;
    write_file(dir / "token", "s3cret\n\n");
    write_file(dir / "crlf", "line\r\n");
    write_file(dir / "bare", "bare");
    auto r = interpolate("Bearer ${file:" + (dir / "token").string() + "}", env());
    EXPECT_EQ(r.value, "Bearer s3cret\n");  // only one trailing newline is removed
    EXPECT_TRUE(r.sensitive);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(interpolate("${file:" + (dir / "crlf").string() + "}", env()).value, "line");
    EXPECT_EQ(interpolate("${file:" + (dir / "bare").string() + "}", env()).value, "bare");
}

TEST(interpolate, reports_unreadable_files_without_their_contents) {
    temp_dir dir;
    auto missing = (dir / "missing").string();
    auto r = interpolate("${file:" + missing + "}", env());
    EXPECT_EQ(r.errors, std::vector<std::string>{"'${file:" + missing + "}': cannot read '" +
                                                 missing + "': No such file or directory"});
    EXPECT_TRUE(r.sensitive);  // a failed secret is still a secret

    auto directory = dir.path().string();
    EXPECT_EQ(interpolate("${file:" + directory + "}", env()).errors,
              std::vector<std::string>{"'${file:" + directory + "}': cannot read '" + directory +
                                       "': Is a directory"});

    EXPECT_EQ(interpolate("${file:relative/token}", env()).errors,
              std::vector<std::string>{"'${file:relative/token}' needs an absolute path"});
    EXPECT_EQ(interpolate("${file:}", env()).errors,
              std::vector<std::string>{"'${file:}' needs an absolute path"});
}

TEST(interpolate, refuses_files_that_are_too_large) {
    temp_dir dir;
    write_file(dir / "big", std::string(ingest::core::config::max_interpolated_file_size + 1, 'x'));
    auto r = read_secret_file((dir / "big").string());
    EXPECT_FALSE(r.contents);
    EXPECT_EQ(r.error, "cannot read '" + (dir / "big").string() + "': larger than 1048576 bytes");
}

}  // namespace
