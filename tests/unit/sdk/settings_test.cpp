// Declared settings (settings_spec) and typed access to validated ones (settings).
#include <ingest/sdk/settings.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using ingest::sdk::setting_error;
using ingest::sdk::setting_type;
using ingest::sdk::settings;
using ingest::sdk::settings_spec;

TEST(settings_spec, keeps_declarations_in_order_with_defaults_and_allowed_values) {
    auto const spec = settings_spec{}
                          .required("url", setting_type::url, "Feed URL")
                          .optional("interval", setting_type::duration, "Poll interval", "10m")
                          .optional("mode", setting_type::string, "Mode", "fast", {"fast", "slow"})
                          .optional("token", setting_type::secret, "API token");
    auto const& items = spec.items();
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(items[0].name, "url");
    EXPECT_TRUE(items[0].required);
    EXPECT_FALSE(items[0].default_value.has_value());
    EXPECT_EQ(items[1].type, setting_type::duration);
    EXPECT_EQ(items[1].default_value, "10m");
    EXPECT_EQ(items[2].allowed, (std::vector<std::string>{"fast", "slow"}));
    EXPECT_FALSE(items[3].required);
    EXPECT_FALSE(items[3].default_value.has_value());
}

class settings_test : public ::testing::Test {
protected:
    static ingest_setting_value text(char const* name, ingest_setting_type type, char const* v) {
        ingest_setting_value out{};
        out.name = {name, std::char_traits<char>::length(name)};
        out.type = type;
        out.present = 1;
        out.text = {v, std::char_traits<char>::length(v)};
        return out;
    }
    static ingest_setting_value number(char const* name, ingest_setting_type type, std::int64_t v) {
        ingest_setting_value out{};
        out.name = {name, std::char_traits<char>::length(name)};
        out.type = type;
        out.present = 1;
        out.integer = v;
        return out;
    }

    settings make() {
        std::vector<ingest_setting_value> values{
            text("name", INGEST_SETTING_STRING, "acme"),
            text("token", INGEST_SETTING_SECRET, "s3cret"),
            text("url", INGEST_SETTING_URL, "https://example.org/rss"),
            text("dir", INGEST_SETTING_PATH, "/srv/drops"),
            number("count", INGEST_SETTING_INT, -5),
            number("enabled", INGEST_SETTING_BOOL, 1),
            number("interval", INGEST_SETTING_DURATION, 90000),
            number("limit", INGEST_SETTING_SIZE, 16 * 1024 * 1024),
        };
        ingest_setting_value list{};
        list.name = {"tags", 4};
        list.type = INGEST_SETTING_LIST;
        list.present = 1;
        list.list = list_items_.data();
        list.list_count = list_items_.size();
        values.push_back(list);
        ingest_setting_value absent{};
        absent.name = {"optional", 8};
        absent.type = INGEST_SETTING_STRING;
        absent.present = 0;
        values.push_back(absent);
        return settings(values.data(), values.size());
    }

    std::vector<ingest_str> list_items_{{"a", 1}, {"b", 1}};
};

TEST_F(settings_test, typed_getters_return_the_values) {
    auto const s = make();
    EXPECT_EQ(s.get_string("name"), "acme");
    EXPECT_EQ(s.get_string("token"), "s3cret");
    EXPECT_EQ(s.get_string("url"), "https://example.org/rss");
    EXPECT_EQ(s.get_string("dir"), "/srv/drops");
    EXPECT_EQ(s.get_int("count"), -5);
    EXPECT_TRUE(s.get_bool("enabled"));
    EXPECT_EQ(s.get_duration("interval"), std::chrono::seconds(90));
    EXPECT_EQ(s.get_size("limit"), 16u * 1024 * 1024);
    EXPECT_EQ(s.get_list("tags"), (std::vector<std::string>{"a", "b"}));
}

TEST_F(settings_test, has_tells_present_from_absent_and_undeclared) {
    auto const s = make();
    EXPECT_TRUE(s.has("name"));
    EXPECT_FALSE(s.has("optional"));
    EXPECT_FALSE(s.has("undeclared"));
    EXPECT_EQ(s.get_string("optional"), "") << "absent reads as empty";
}

TEST_F(settings_test, the_values_are_copied) {
    settings s;
    {
        std::string storage = "temporary";
        auto v = text("name", INGEST_SETTING_STRING, storage.c_str());
        s = settings(&v, 1);
        storage.assign("overwritten");
    }
    EXPECT_EQ(s.get_string("name"), "temporary");
}

TEST_F(settings_test, reading_an_undeclared_setting_throws_setting_error) {
    auto const s = make();
    try {
        (void)s.get_string("nope");
        FAIL() << "no exception";
    } catch (setting_error const& e) {
        EXPECT_EQ(std::string(e.what()), "setting 'nope' was not declared by the plugin");
    }
}

TEST_F(settings_test, reading_with_the_wrong_type_throws_setting_error) {
    auto const s = make();
    EXPECT_THROW((void)s.get_int("name"), setting_error);
    EXPECT_THROW((void)s.get_string("count"), setting_error);
    EXPECT_THROW((void)s.get_bool("count"), setting_error);
    EXPECT_THROW((void)s.get_duration("limit"), setting_error);
    EXPECT_THROW((void)s.get_size("interval"), setting_error);
    EXPECT_THROW((void)s.get_list("name"), setting_error);
    try {
        (void)s.get_int("tags");
        FAIL() << "no exception";
    } catch (setting_error const& e) {
        EXPECT_EQ(std::string(e.what()), "setting 'tags' read with the wrong type");
    }
}

}  // namespace
