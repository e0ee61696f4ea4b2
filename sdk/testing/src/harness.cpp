#include <ingest/sdk/testing/harness.hpp>

#include "plugin_host/plugin_host.hpp"

#include <exception>
#include <utility>

namespace ingest::sdk::testing {

std::string plugin_handle::name() const {
    if (descriptor_ == nullptr || descriptor_->name.data == nullptr) {
        return {};
    }
    return std::string(descriptor_->name.data, descriptor_->name.size);
}

std::string plugin_handle::version() const {
    if (descriptor_ == nullptr || descriptor_->version.data == nullptr) {
        return {};
    }
    return std::string(descriptor_->version.data, descriptor_->version.size);
}

ingest_kind plugin_handle::kind() const noexcept {
    return descriptor_ == nullptr ? static_cast<ingest_kind>(0) : descriptor_->kind;
}

plugin_handle load_plugin(std::filesystem::path const& file, load_options options) {
    plugin_handle handle;
    handle.path_ = file;
    try {
        core::loader_options loader_opts;
        loader_opts.check_permissions = options.check_permissions;
        core::plugin_loader loader(loader_opts);
        auto result = loader.load(file);
        if (!result) {
            handle.error_ = result.error.empty() ? "plugin load refused: " + file.string()
                                                 : std::move(result.error);
            return handle;
        }
        handle.descriptor_ = &result.module->descriptor();
        handle.module_ = std::const_pointer_cast<core::plugin_module>(result.module);
    } catch (std::exception const& e) {
        handle.descriptor_ = nullptr;
        handle.module_.reset();
        handle.error_ = "load_plugin(" + file.string() + ") failed: " + e.what();
    }
    return handle;
}

}  // namespace ingest::sdk::testing
