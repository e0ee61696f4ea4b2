// Loads a built plugin library through the daemon's own loader, so that a plugin's tests
// see exactly what ingestd would: the same refusals (ABI version, missing functions,
// malformed settings table, unsafe file permissions...) with the same messages.
//
//   auto plugin = ingest::sdk::testing::load_plugin(PLUGIN_FILE);
//   ASSERT_TRUE(plugin) << plugin.error();
//   ingest::sdk::testing::fake_host host(plugin);
//
// The module stays loaded for as long as a plugin_handle (or a fake_host made from it)
// refers to it.
#pragma once

#include <ingest/plugin_abi.h>

#include <filesystem>
#include <memory>
#include <string>

namespace ingest::sdk::testing {

struct load_options {
    /// Refuse files and directories writable by others, as the daemon does. Turn off only
    /// when a test deliberately loads from a group-writable location.
    bool check_permissions = true;
};

/// A loaded plugin library, or the reason the loader refused it.
class plugin_handle {
public:
    plugin_handle() = default;

    bool loaded() const noexcept { return descriptor_ != nullptr; }
    explicit operator bool() const noexcept { return loaded(); }

    /// The library's descriptor; nullptr when refused. Valid while this handle (or a copy)
    /// lives.
    ingest_plugin_descriptor const* descriptor() const noexcept { return descriptor_; }
    /// The loader's refusal message (names the file, the versions and the fix); empty when
    /// loaded.
    std::string const& error() const noexcept { return error_; }
    std::filesystem::path const& path() const noexcept { return path_; }
    /// The descriptor's name, version and kind ("" / 0 when refused).
    std::string name() const;
    std::string version() const;
    ingest_kind kind() const noexcept;
    /// The loaded module, type-erased (keeps the library mapped).
    std::shared_ptr<void> const& module() const noexcept { return module_; }

private:
    friend plugin_handle load_plugin(std::filesystem::path const& file, load_options options);
    std::filesystem::path path_;
    std::shared_ptr<void> module_;
    ingest_plugin_descriptor const* descriptor_ = nullptr;
    std::string error_;
};

/// Loads file with the daemon's plugin loader (Boost.DLL, RTLD_NOW | RTLD_LOCAL, all of the
/// daemon's checks). Never throws for a bad file: the handle carries the refusal.
plugin_handle load_plugin(std::filesystem::path const& file, load_options options = {});

}  // namespace ingest::sdk::testing
