// Helpers of the configuration tests: temporary directories, files, subprocesses, and the
// plugins configurations are validated against.
#pragma once

#include "config/config.hpp"
#include "plugin_host/plugin_host.hpp"

#include <ingest/sdk.hpp>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace ingest::test {

namespace fs = std::filesystem;
namespace cfg = ingest::core::config;

/// A fresh directory under the system temp directory, removed with its contents at the end.
class temp_dir {
public:
    temp_dir() {
        static std::atomic<unsigned> counter{0};
        std::random_device random;
        path_ = fs::temp_directory_path() /
                ("ingest-config-test-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter++) + "-" + std::to_string(random()));
        fs::create_directories(path_);
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;

    fs::path const& path() const { return path_; }
    fs::path operator/(std::string const& name) const { return path_ / name; }

private:
    fs::path path_;
};

inline void write_file(fs::path const& file, std::string const& text) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    ASSERT_TRUE(out.good()) << file;
}

inline std::string read_file(fs::path const& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A file of tests/data/configs.
inline fs::path data(std::string const& name) {
    return fs::path(CONFIG_DATA_DIR) / name;
}

/// What a subprocess printed and how it ended.
struct run_result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs argv (no shell) with extra environment variables, capturing stdout and stderr.
inline run_result run(std::vector<std::string> const& argv,
                      std::vector<std::pair<std::string, std::string>> const& env = {}) {
    temp_dir dir;
    auto out_file = dir / "stdout";
    auto err_file = dir / "stderr";
    pid_t pid = ::fork();
    if (pid == 0) {
        std::FILE* out = std::freopen(out_file.c_str(), "w", stdout);
        std::FILE* err = std::freopen(err_file.c_str(), "w", stderr);
        if (out == nullptr || err == nullptr) {
            ::_exit(126);
        }
        for (auto const& [k, v] : env) {
            ::setenv(k.c_str(), v.c_str(), 1);
        }
        std::vector<char*> args;
        for (auto const& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    run_result result;
    int status = 0;
    if (pid > 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    }
    result.out = read_file(out_file);
    result.err = read_file(err_file);
    return result;
}

// ------------------------------------------------------------------------------ plugins --

/// The settings-zoo fixture sink, loaded from its library through the plugin registry.
inline core::plugin_module_ptr zoo_module() {
    static core::plugin_module_ptr const module = [] {
        core::plugin_loader loader;
        core::plugin_registry registry(loader);
        auto refused =
            registry.load_file(fs::path(FIXTURE_PLUGIN_DIR) / "ingest-sink-settings-zoo.so");
        EXPECT_EQ(refused, "");
        return registry.find("settings-zoo");
    }();
    return module;
}

namespace plugins {

using ingest::sdk::setting_type;

/// A source with one required URL.
class poller final : public ingest::sdk::source {
public:
    static constexpr ingest::sdk::plugin_info info{"poller", "1.0.0", "Polls a URL"};
    static ingest::sdk::settings_spec settings() {
        return ingest::sdk::settings_spec{}
            .required("url", setting_type::url, "Feed URL to poll")
            .optional("timeout", setting_type::duration, "Request timeout", "10s");
    }
    explicit poller(ingest::sdk::context&) {}

protected:
    void poll(ingest::sdk::poll_context&) override {}
    void on_ack(ingest::sdk::ack const&) override {}
};

/// A decoder whose settings all have defaults: usable by plugin name.
class feed final : public ingest::sdk::decoder {
public:
    static constexpr ingest::sdk::plugin_info info{"feed", "2.1.0", "Reads feeds"};
    static ingest::sdk::settings_spec settings() {
        return ingest::sdk::settings_spec{}.optional("strict", setting_type::boolean,
                                                     "Reject feeds with errors", "false");
    }
    explicit feed(ingest::sdk::context&) {}

protected:
    void decode(ingest::sdk::decode_input const&, ingest::sdk::release_emitter&) override {}
};

/// A decoder with a required setting: must be configured in [[decoders]].
class needs_schema final : public ingest::sdk::decoder {
public:
    static constexpr ingest::sdk::plugin_info info{"needs-schema", "1.0.0", "Needs a schema"};
    static ingest::sdk::settings_spec settings() {
        return ingest::sdk::settings_spec{}.required("schema", setting_type::path, "Schema file");
    }
    explicit needs_schema(ingest::sdk::context&) {}

protected:
    void decode(ingest::sdk::decode_input const&, ingest::sdk::release_emitter&) override {}
};

class tidy final : public ingest::sdk::transform {
public:
    static constexpr ingest::sdk::plugin_info info{"tidy", "1.0.0", "Tidies releases"};
    static ingest::sdk::settings_spec settings() {
        return ingest::sdk::settings_spec{}.optional("max_len", setting_type::integer,
                                                     "Longest body kept", "1000");
    }
    explicit tidy(ingest::sdk::context&) {}

protected:
    void apply(ingest::sdk::release, ingest::sdk::release_emitter&) override {}
};

/// A sink whose settings table has bugs the loader does not catch.
class buggy final : public ingest::sdk::sink {
public:
    static constexpr ingest::sdk::plugin_info info{"buggy", "0.0.1", "Ships broken defaults"};
    static ingest::sdk::settings_spec settings() {
        return ingest::sdk::settings_spec{}
            .optional("timeout", setting_type::duration, "Write timeout", "ten")
            .optional("level", setting_type::string, "How chatty", "loud", {"quiet", "normal"})
            .optional("labels", setting_type::list, "Labels", "x, y", {"x"})
            .optional("enabled", setting_type::boolean, "Shadowed by the core key", "true")
            .optional("retries", setting_type::integer, "Fine", "3");
    }
    explicit buggy(ingest::sdk::context&) {}

protected:
    void write_batch(ingest::sdk::batch) override {}
};

}  // namespace plugins

/// The zoo (from its library) and the in-process test plugins.
inline cfg::plugin_catalog test_catalog() {
    return cfg::catalog_of({
        &zoo_module()->descriptor(),
        ingest::sdk::descriptor_of<plugins::poller>(),
        ingest::sdk::descriptor_of<plugins::feed>(),
        ingest::sdk::descriptor_of<plugins::needs_schema>(),
        ingest::sdk::descriptor_of<plugins::tidy>(),
        ingest::sdk::descriptor_of<plugins::buggy>(),
    });
}

/// An environment for ${NAME} with exactly these variables.
inline cfg::env_lookup fake_env(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string const& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) {
            return std::nullopt;
        }
        return it->second;
    };
}

/// The str() of every diagnostic.
inline std::vector<std::string> messages(cfg::diagnostic_list const& list) {
    std::vector<std::string> out;
    for (auto const& d : list) {
        out.push_back(d.str());
    }
    return out;
}

/// Loads a configuration against test_catalog() with a fake environment.
inline cfg::load_result load(fs::path const& file,
                             std::map<std::string, std::string> env = {{"ZOO_TOKEN", "t0k3n"}}) {
    cfg::load_options options;
    options.env = fake_env(std::move(env));
    return cfg::load_config(file, test_catalog(), options);
}

}  // namespace ingest::test
