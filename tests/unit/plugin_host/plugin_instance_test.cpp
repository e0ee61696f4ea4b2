// Plugins that throw from every entry point: each call must come back as that plugin's
// error, with its name and the message, and the host must stay up and keep counting.
#include "plugin_host/plugin_instance.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using ingest::core::call_status;
using ingest::core::host_services;
using ingest::core::plugin_instance;
using ingest::core::plugin_loader;
using ingest::core::plugin_module_ptr;
using testing::HasSubstr;

namespace {

class recording_services final : public host_services {
public:
    void log(ingest_log_level level, std::string_view message) override {
        std::lock_guard<std::mutex> lock(mutex_);
        logs.push_back({level, std::string(message)});
    }
    void metric(ingest_metric_kind, std::string_view, std::string_view,
                std::vector<std::pair<std::string, std::string>> const&, double) override {}
    std::optional<std::string> state_get(std::string_view) override { return std::nullopt; }
    bool state_put(std::string_view, std::string_view) override { return true; }
    bool state_erase(std::string_view) override { return true; }

    struct line {
        ingest_log_level level;
        std::string text;
    };
    std::vector<line> logs;

private:
    std::mutex mutex_;
};

plugin_module_ptr load(std::string const& file) {
    static plugin_loader loader;  // NOLINT: one loader for the test binary
    auto result = loader.load(fs::path(FIXTURE_PLUGIN_DIR) / file);
    EXPECT_TRUE(result) << result.error;
    return result.module;
}

ingest_setting_value fail_create(bool value) {
    ingest_setting_value v{};
    v.name = {"fail_create", 11};
    v.type = INGEST_SETTING_BOOL;
    v.present = 1;
    v.integer = value ? 1 : 0;
    return v;
}

std::unique_ptr<plugin_instance> make(std::string const& file,
                                      std::shared_ptr<recording_services> services,
                                      call_status& status, bool fail = false) {
    return plugin_instance::create(load(file), "under-test", {fail_create(fail)},
                                   std::move(services), status);
}

ingest_release empty_release() {
    ingest_release r{};
    r.struct_size = sizeof r;
    r.id = {"r1", 2};
    return r;
}

}  // namespace

TEST(plugin_instance, create_that_throws_is_an_error_not_a_crash) {
    auto services = std::make_shared<recording_services>();
    call_status status;
    auto inst = make("throwing/ingest-sink-throwing.so", services, status, true);
    EXPECT_EQ(inst, nullptr);
    EXPECT_EQ(status.rc, INGEST_ERROR);
    EXPECT_THAT(status.message, HasSubstr("throwing-sink 0.0.1 ("));
    EXPECT_THAT(status.message, HasSubstr("[under-test]: create failed: constructor exploded"));
}

TEST(plugin_instance, throwing_source_reports_every_call) {
    auto services = std::make_shared<recording_services>();
    call_status status;
    auto inst = make("throwing/ingest-source-throwing.so", services, status);
    ASSERT_NE(inst, nullptr) << status.message;

    auto s = inst->start();
    EXPECT_EQ(s.rc, INGEST_ERROR);
    EXPECT_THAT(s.message, HasSubstr("[under-test]: start failed: start exploded"));
    s = inst->poll();
    EXPECT_EQ(s.rc, INGEST_RETRY);
    EXPECT_THAT(s.message, HasSubstr("poll failed: poll exploded"));
    s = inst->stop();
    EXPECT_EQ(s.rc, INGEST_INVALID_INPUT);
    EXPECT_THAT(s.message, HasSubstr("stop failed: stop exploded"));
    EXPECT_EQ(inst->consecutive_failures(), 3u);

    inst->ack(7, INGEST_ACK_DONE, "");
    ASSERT_FALSE(services->logs.empty());
    EXPECT_EQ(services->logs.back().level, INGEST_LOG_ERROR);
    EXPECT_THAT(services->logs.back().text,
                HasSubstr("on_ack failed: plugin threw a non-standard exception"));
    EXPECT_EQ(inst->total_failures(), 3u);
}

TEST(plugin_instance, throwing_decoder_and_transform_report_errors) {
    auto services = std::make_shared<recording_services>();
    call_status status;
    auto dec = make("throwing/ingest-decoder-throwing.so", services, status);
    ASSERT_NE(dec, nullptr) << status.message;
    ingest_decode_input in{};
    in.struct_size = sizeof in;
    in.payload = {"x", 1};
    int emitted = 0;
    auto count = [&](ingest_release const&) {
        ++emitted;
        return INGEST_OK;
    };
    auto s = dec->decode(in, count);
    EXPECT_EQ(s.rc, INGEST_INVALID_INPUT);
    EXPECT_THAT(s.message, HasSubstr("throwing-decoder 0.0.1"));
    EXPECT_THAT(s.message, HasSubstr("decode failed: decode exploded"));

    auto tr = make("throwing/ingest-transform-throwing.so", services, status);
    ASSERT_NE(tr, nullptr) << status.message;
    s = tr->transform(empty_release(), count);
    EXPECT_EQ(s.rc, INGEST_ERROR);
    EXPECT_THAT(s.message, HasSubstr("transform failed: plugin threw a non-standard exception"));
    EXPECT_EQ(emitted, 0);
}

TEST(plugin_instance, throwing_sink_never_completes_the_batch) {
    auto services = std::make_shared<recording_services>();
    call_status status;
    auto inst = make("throwing/ingest-sink-throwing.so", services, status);
    ASSERT_NE(inst, nullptr) << status.message;
    auto r = empty_release();
    bool completed = false;
    auto s = inst->write_batch({&r}, [&](auto) { completed = true; });
    EXPECT_EQ(s.rc, INGEST_ERROR);
    EXPECT_THAT(s.message, HasSubstr("write_batch failed: write_batch exploded"));
    EXPECT_FALSE(completed) << "done() must not run when write_batch failed";
    // The host is still usable: the same instance answers the next call.
    s = inst->stop();
    EXPECT_THAT(s.message, HasSubstr("stop failed: stop exploded"));
}

TEST(plugin_instance, exceptions_escaping_a_hand_written_plugin_are_caught) {
    auto services = std::make_shared<recording_services>();
    call_status status;
    auto inst = plugin_instance::create(load("raw-throw/ingest-sink-raw-throw.so"), "raw", {},
                                        services, status);
    ASSERT_NE(inst, nullptr) << status.message;
    auto s = inst->start();
    EXPECT_EQ(s.rc, INGEST_ERROR);
    EXPECT_THAT(s.message,
                HasSubstr("start failed: exception escaped the plugin boundary: raw start "
                          "exploded"));
    s = inst->stop();
    EXPECT_THAT(s.message, HasSubstr("stop failed: exception escaped the plugin boundary"));
    auto r = empty_release();
    s = inst->write_batch({&r}, [](auto) {});
    EXPECT_THAT(s.message, HasSubstr("raw write_batch exploded"));
}

TEST(plugin_instance, a_good_sink_completes_once_with_results) {
    auto services = std::make_shared<recording_services>();
    call_status status;
    auto inst =
        plugin_instance::create(load("good/ingest-sink-raw.so"), "raw", {}, services, status);
    ASSERT_NE(inst, nullptr) << status.message;
    auto a = empty_release();
    auto b = empty_release();
    int calls = 0;
    std::vector<ingest::core::delivery_outcome> got;
    auto s = inst->write_batch({&a, &b}, [&](auto results) {
        ++calls;
        got = std::move(results);
    });
    ASSERT_TRUE(s.ok()) << s.message;
    EXPECT_EQ(calls, 1);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].status, INGEST_DELIVERED);
    EXPECT_EQ(inst->consecutive_failures(), 0u);
}
