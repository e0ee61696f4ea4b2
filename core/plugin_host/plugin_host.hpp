// The plugin host: loads plugin libraries through the C ABI, refuses the ones that do not
// fit (with a message naming the file, the versions and the fix), and keeps every loaded
// module alive for as long as anything created from it exists.
#pragma once

#include <ingest/plugin_abi.h>

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::core {

/// "source", "decoder", "transform", "sink" (or "unknown(N)").
std::string kind_name(ingest_kind kind);
/// Parses a kind name; nullopt for anything else.
std::optional<ingest_kind> parse_kind(std::string_view name);
/// "string", "int", "bool", "duration", "size", "list", "secret", "url", "path".
std::string setting_type_name(ingest_setting_type type);

/// A loaded, validated plugin library. Immutable; shared by every instance made from it.
class plugin_module {
public:
    ~plugin_module();
    plugin_module(plugin_module const&) = delete;
    plugin_module& operator=(plugin_module const&) = delete;

    std::filesystem::path const& path() const noexcept { return path_; }
    ingest_plugin_descriptor const& descriptor() const noexcept { return *descriptor_; }
    std::string name() const;
    std::string version() const;
    ingest_kind kind() const noexcept { return descriptor_->kind; }
    /// "name version (path)", for log lines and errors.
    std::string label() const;

private:
    friend class plugin_loader;
    plugin_module() = default;
    std::filesystem::path path_;
    std::shared_ptr<void> library_;  // boost::dll::shared_library, type-erased
    ingest_plugin_descriptor const* descriptor_ = nullptr;
};

using plugin_module_ptr = std::shared_ptr<plugin_module const>;

/// Either a module or the reason it was refused.
struct load_result {
    plugin_module_ptr module;
    std::string error;  ///< non-empty when refused; says what is wrong and what to do
    explicit operator bool() const noexcept { return module != nullptr; }
};

struct loader_options {
    /// Refuse files and directories writable by anyone but their owner, and files owned by
    /// anyone but root and the daemon's own user. Only tests of other rules turn it off.
    bool check_permissions = true;
};

/// Checks the permissions of a plugin file and its directory (see loader_options). Returns
/// the refusal message, or nullopt when acceptable. Pure: exposed for unit tests.
std::optional<std::string> check_file_mode(std::string const& what,
                                           std::filesystem::path const& path, mode_t mode,
                                           uid_t owner, uid_t self);

/// Validates a descriptor returned by a library's entry point. Returns the refusal message
/// (naming file, versions and fix), or nullopt when it fits this host.
std::optional<std::string> check_descriptor(ingest_plugin_descriptor const* d,
                                            std::filesystem::path const& file);

/// Loads plugin libraries with Boost.DLL (rtld_now | rtld_local). Loading is serialized.
class plugin_loader {
public:
    explicit plugin_loader(loader_options options = {}) : options_(options) {}

    /// Loads and validates one library file.
    load_result load(std::filesystem::path const& file);

private:
    loader_options options_;
    std::mutex mutex_;
};

/// The set of loaded plugins, by unique name.
class plugin_registry {
public:
    explicit plugin_registry(plugin_loader& loader) : loader_(loader) {}

    /// Loads every ingest-*.so in dir (sorted by name). Returns one message per refused
    /// file; a missing or unreadable directory is one message too.
    std::vector<std::string> load_directory(std::filesystem::path const& dir);

    /// Loads one file; refuses a name that is already loaded. Returns the refusal or "".
    std::string load_file(std::filesystem::path const& file);

    plugin_module_ptr find(std::string_view name) const;
    plugin_module_ptr find(std::string_view name, ingest_kind kind) const;
    /// All loaded modules, ordered by kind then name.
    std::vector<plugin_module_ptr> all() const;

private:
    plugin_loader& loader_;
    std::map<std::string, plugin_module_ptr, std::less<>> modules_;
};

/// The default plugin directory: <directory of this executable>/../lib/ingestd/plugins.
std::filesystem::path default_plugin_dir();

}  // namespace ingest::core
