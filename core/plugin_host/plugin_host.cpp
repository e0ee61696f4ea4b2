#include "plugin_host/plugin_host.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/dll/shared_library.hpp>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <set>
#include <sstream>
#include <system_error>

namespace ingest::core {

namespace {

namespace fs = std::filesystem;

std::string view_of(ingest_str s) {
    return s.data == nullptr ? std::string() : std::string(s.data, s.size);
}

std::string abi_string(unsigned major, unsigned minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

std::string host_abi() {
    return abi_string(INGEST_ABI_VERSION_MAJOR, INGEST_ABI_VERSION_MINOR);
}

std::string octal_mode(mode_t mode) {
    std::ostringstream out;
    out << '0' << std::oct << (mode & 07777);
    return out.str();
}

/// A file descriptor closed on scope exit.
class unique_fd {
public:
    explicit unique_fd(int fd) noexcept : fd_(fd) {}
    ~unique_fd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    unique_fd(unique_fd const&) = delete;
    unique_fd& operator=(unique_fd const&) = delete;
    int get() const noexcept { return fd_; }

private:
    int fd_;
};

bool valid_name(std::string const& name) {
    if (name.empty() || name.size() > 64) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

bool string_like(ingest_setting_type t) {
    return t == INGEST_SETTING_STRING || t == INGEST_SETTING_SECRET || t == INGEST_SETTING_URL ||
           t == INGEST_SETTING_PATH || t == INGEST_SETTING_LIST;
}

/// Checks the settings table; returns the first problem found, or "".
std::string check_settings(ingest_plugin_descriptor const& d) {
    if (d.settings_count > 0 && d.settings == nullptr) {
        return "settings_count is " + std::to_string(d.settings_count) +
               " but the settings pointer is NULL";
    }
    if (d.settings_count > 1024) {
        return "settings_count " + std::to_string(d.settings_count) + " is implausible";
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < d.settings_count; ++i) {
        auto const& s = d.settings[i];
        std::string const where = "setting #" + std::to_string(i + 1);
        std::string const name = view_of(s.name);
        if (name.empty()) {
            return where + " has an empty name";
        }
        if (!std::all_of(name.begin(), name.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            })) {
            return where + " name '" + name + "' is not [a-z0-9_]+";
        }
        if (!seen.insert(name).second) {
            return "setting '" + name + "' is declared twice";
        }
        if (s.type < INGEST_SETTING_STRING || s.type > INGEST_SETTING_PATH) {
            return "setting '" + name + "' has unknown type " +
                   std::to_string(static_cast<int>(s.type));
        }
        if (view_of(s.description).empty()) {
            return "setting '" + name + "' has no description (the help text users see)";
        }
        if (s.required != 0 && s.has_default != 0) {
            return "setting '" + name + "' is required and also has a default";
        }
        if (s.allowed_count > 0) {
            if (s.allowed == nullptr) {
                return "setting '" + name + "' has allowed_count " +
                       std::to_string(s.allowed_count) + " but a NULL allowed pointer";
            }
            if (!string_like(s.type)) {
                return "setting '" + name + "' of type " + setting_type_name(s.type) +
                       " cannot have a list of allowed values";
            }
            if (s.has_default != 0 && s.type != INGEST_SETTING_LIST) {
                std::string const def = view_of(s.default_value);
                bool found = false;
                for (std::size_t k = 0; k < s.allowed_count; ++k) {
                    found = found || view_of(s.allowed[k]) == def;
                }
                if (!found) {
                    return "setting '" + name + "' has default '" + def +
                           "' which is not among its allowed values";
                }
            }
        }
    }
    return {};
}

void require_fn(std::vector<std::string>& missing, bool present, char const* name) {
    if (!present) {
        missing.emplace_back(name);
    }
}

constexpr std::size_t descriptor_size_1_0 = sizeof(ingest_plugin_descriptor);
constexpr std::size_t descriptor_header_size =
    offsetof(ingest_plugin_descriptor, kind) + sizeof(ingest_kind);

}  // namespace

std::string kind_name(ingest_kind kind) {
    switch (kind) {
        case INGEST_KIND_SOURCE:
            return "source";
        case INGEST_KIND_DECODER:
            return "decoder";
        case INGEST_KIND_TRANSFORM:
            return "transform";
        case INGEST_KIND_SINK:
            return "sink";
    }
    return "unknown(" + std::to_string(static_cast<int>(kind)) + ")";
}

std::optional<ingest_kind> parse_kind(std::string_view name) {
    if (name == "source") {
        return INGEST_KIND_SOURCE;
    }
    if (name == "decoder") {
        return INGEST_KIND_DECODER;
    }
    if (name == "transform") {
        return INGEST_KIND_TRANSFORM;
    }
    if (name == "sink") {
        return INGEST_KIND_SINK;
    }
    return std::nullopt;
}

std::string setting_type_name(ingest_setting_type type) {
    switch (type) {
        case INGEST_SETTING_STRING:
            return "string";
        case INGEST_SETTING_INT:
            return "int";
        case INGEST_SETTING_BOOL:
            return "bool";
        case INGEST_SETTING_DURATION:
            return "duration";
        case INGEST_SETTING_SIZE:
            return "size";
        case INGEST_SETTING_LIST:
            return "list";
        case INGEST_SETTING_SECRET:
            return "secret";
        case INGEST_SETTING_URL:
            return "url";
        case INGEST_SETTING_PATH:
            return "path";
    }
    return "unknown(" + std::to_string(static_cast<int>(type)) + ")";
}

// ------------------------------------------------------------------------ plugin_module --

plugin_module::~plugin_module() = default;

std::string plugin_module::name() const {
    return view_of(descriptor_->name);
}
std::string plugin_module::version() const {
    return view_of(descriptor_->version);
}
std::string plugin_module::label() const {
    return name() + " " + version() + " (" + path_.string() + ")";
}

// ------------------------------------------------------------------------------ checks --

std::optional<std::string> check_file_mode(std::string const& what, fs::path const& path,
                                           mode_t mode, uid_t owner, uid_t self) {
    if ((mode & (S_IWGRP | S_IWOTH)) != 0) {
        bool const sticky_dir = S_ISDIR(mode) && (mode & S_ISVTX) != 0 && what == "parent";
        if (!sticky_dir) {
            return what + " " + path.string() + " is writable by " +
                   ((mode & S_IWOTH) != 0 ? "others" : "its group") + " (mode " + octal_mode(mode) +
                   "); anyone who can write there can run code in ingestd. " + "Fix: chmod go-w " +
                   path.string();
        }
    }
    if (owner != 0 && owner != self) {
        return what + " " + path.string() + " is owned by uid " + std::to_string(owner) +
               ", not by root or by ingestd's user (uid " + std::to_string(self) +
               "). Fix: chown root " + path.string();
    }
    return std::nullopt;
}

std::optional<std::string> check_descriptor(ingest_plugin_descriptor const* d,
                                            fs::path const& file) {
    std::string const f = file.string();
    if (d == nullptr) {
        return "plugin load refused: " + f +
               ": ingest_plugin_entry returned NULL, i.e. the plugin says it cannot run on " +
               "this host (plugin ABI " + host_abi() +
               "). Fix: use a plugin build made for this ingestd version";
    }
    if (d->struct_size < descriptor_header_size) {
        return "plugin load refused: " + f + ": descriptor struct_size " +
               std::to_string(d->struct_size) + " is too small to hold even the ABI version. " +
               "Fix: rebuild the plugin against ingest SDK " +
               std::to_string(INGEST_ABI_VERSION_MAJOR) + ".x with INGEST_PLUGIN()";
    }
    if (d->abi_major != INGEST_ABI_VERSION_MAJOR) {
        return "plugin ABI mismatch: " + f + " was built for plugin ABI " +
               abi_string(d->abi_major, d->abi_minor) + ", this ingestd accepts " +
               abi_string(INGEST_ABI_VERSION_MAJOR, 0) + " to " + host_abi() + " (got major " +
               std::to_string(d->abi_major) + ", want " + std::to_string(INGEST_ABI_VERSION_MAJOR) +
               "). Fix: rebuild the plugin against ingest SDK " +
               std::to_string(INGEST_ABI_VERSION_MAJOR) + ".x";
    }
    if (d->abi_minor > INGEST_ABI_VERSION_MINOR) {
        return "plugin ABI mismatch: " + f + " was built for plugin ABI " +
               abi_string(d->abi_major, d->abi_minor) + ", newer than this ingestd's " +
               host_abi() + ". Fix: upgrade ingestd, or rebuild the plugin against ingest SDK " +
               host_abi();
    }
    if (d->struct_size < descriptor_size_1_0) {
        return "plugin load refused: " + f + ": descriptor struct_size " +
               std::to_string(d->struct_size) + " is smaller than the " +
               std::to_string(descriptor_size_1_0) + " bytes that plugin ABI " +
               abi_string(d->abi_major, d->abi_minor) +
               " requires. Fix: rebuild the plugin against ingest SDK " + host_abi() +
               " (use INGEST_PLUGIN() rather than a hand-made descriptor)";
    }
    std::string const name = view_of(d->name);
    std::string const who = "plugin load refused: " + f + " (plugin '" + name + "')";
    if (d->kind < INGEST_KIND_SOURCE || d->kind > INGEST_KIND_SINK) {
        return who + ": unknown plugin kind " + std::to_string(static_cast<int>(d->kind)) +
               " (this ingestd knows source=1, decoder=2, transform=3, sink=4). Fix: rebuild "
               "against ingest SDK " +
               host_abi();
    }
    if (!valid_name(name)) {
        return "plugin load refused: " + f + ": plugin name '" + name +
               "' is empty or not [a-z0-9._-]{1,64}. Fix: rename the plugin in its plugin_info";
    }
    if (view_of(d->version).empty()) {
        return who + ": the plugin declares no version. Fix: set a version in its plugin_info";
    }
    std::vector<std::string> missing;
    require_fn(missing, d->create != nullptr, "create");
    require_fn(missing, d->destroy != nullptr, "destroy");
    switch (d->kind) {
        case INGEST_KIND_SOURCE:
            require_fn(missing, d->start != nullptr, "start");
            require_fn(missing, d->stop != nullptr, "stop");
            require_fn(missing, d->poll != nullptr, "poll");
            require_fn(missing, d->ack != nullptr, "ack");
            break;
        case INGEST_KIND_DECODER:
            require_fn(missing, d->decode != nullptr, "decode");
            break;
        case INGEST_KIND_TRANSFORM:
            require_fn(missing, d->transform != nullptr, "transform");
            break;
        case INGEST_KIND_SINK:
            require_fn(missing, d->start != nullptr, "start");
            require_fn(missing, d->stop != nullptr, "stop");
            require_fn(missing, d->write_batch != nullptr, "write_batch");
            break;
    }
    if (!missing.empty()) {
        std::string list;
        for (auto const& m : missing) {
            list += (list.empty() ? "" : ", ") + m;
        }
        return who + ": a " + kind_name(d->kind) + " plugin must provide " + list +
               " but the descriptor has NULL. Fix: implement " +
               (missing.size() == 1 ? "it" : "them") + " (with the C++ SDK, derive from " +
               "ingest::sdk::" + kind_name(d->kind) + " and export it with INGEST_PLUGIN())";
    }
    if (d->kind == INGEST_KIND_DECODER) {
        if ((d->media_types_count > 0 && d->media_types == nullptr) ||
            (d->file_patterns_count > 0 && d->file_patterns == nullptr)) {
            return who + ": malformed decoder claims (a count without a pointer). Fix: " +
                   "declare media_types()/file_patterns() through the SDK";
        }
    }
    if (auto problem = check_settings(*d); !problem.empty()) {
        return who + ": malformed settings table: " + problem +
               ". Fix: correct the plugin's settings() declaration and rebuild";
    }
    return std::nullopt;
}

// ----------------------------------------------------------------------------- loader --

load_result plugin_loader::load(fs::path const& file) {
    std::lock_guard<std::mutex> lock(mutex_);
    load_result out;
    std::string const f = file.string();

    unique_fd fd(::open(f.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (fd.get() < 0) {
        int const e = errno;
        out.error = "plugin load refused: cannot open " + f + ": " + std::strerror(e) +
                    (e == ELOOP ? " (plugins are never loaded through a symbolic link)" : "");
        return out;
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        out.error = "plugin load refused: cannot stat " + f + ": " + std::strerror(errno);
        return out;
    }
    if (!S_ISREG(st.st_mode)) {
        out.error = "plugin load refused: " + f + " is not a regular file";
        return out;
    }
    if (options_.check_permissions) {
        uid_t const self = ::geteuid();
        if (auto bad = check_file_mode("file", file, st.st_mode, st.st_uid, self)) {
            out.error = "plugin load refused: " + *bad;
            return out;
        }
        // The directory holding the plugin, then its ancestors (sticky dirs like /tmp are
        // acceptable as ancestors: others cannot replace entries in them).
        fs::path dir = fs::absolute(file).parent_path();
        bool first = true;
        while (!dir.empty()) {
            struct stat ds {};
            if (::stat(dir.c_str(), &ds) != 0) {
                out.error = "plugin load refused: cannot stat directory " + dir.string() + ": " +
                            std::strerror(errno);
                return out;
            }
            if (auto bad = check_file_mode(first ? "directory" : "parent", dir, ds.st_mode,
                                           ds.st_uid, self)) {
                out.error = "plugin load refused: " + f + ": " + *bad;
                return out;
            }
            first = false;
            if (dir == dir.root_path()) {
                break;
            }
            dir = dir.parent_path();
        }
    }

    // Load by absolute path, then make sure the library the loader mapped is the file that
    // was checked (same device and inode), so that a file swapped in after the checks is
    // refused. (Loading through /proc/self/fd/N would be neater, but glibc caches libraries
    // by name and fd numbers are reused.)
    fs::path const abs = fs::absolute(file).lexically_normal();
    auto library = std::make_shared<boost::dll::shared_library>();
    try {
        library->load(abs, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (std::exception const& e) {
        out.error = "plugin load refused: cannot load " + f + ": " + e.what() +
                    ". Fix: check that it is a shared library for this machine and that its "
                    "dependencies are installed (ldd " +
                    f + ")";
        return out;
    }
    struct stat now {};
    if (::stat(abs.c_str(), &now) != 0 || now.st_dev != st.st_dev || now.st_ino != st.st_ino) {
        out.error = "plugin load refused: " + f + " was replaced while it was being loaded";
        return out;
    }
    if (!library->has(INGEST_PLUGIN_ENTRY_SYMBOL)) {
        out.error = "plugin load refused: " + f + " has no ingest_plugin_entry symbol, so it is " +
                    "not an ingest plugin. Fix: export the entry point with INGEST_PLUGIN(Class) " +
                    "and build with ingest_add_plugin() from the ingest SDK";
        return out;
    }
    ingest_plugin_descriptor const* d = nullptr;
    try {
        auto& entry = library->get<ingest_plugin_descriptor const*(uint16_t, uint16_t)>(
            INGEST_PLUGIN_ENTRY_SYMBOL);
        d = entry(INGEST_ABI_VERSION_MAJOR, INGEST_ABI_VERSION_MINOR);
    } catch (std::exception const& e) {
        out.error = "plugin load refused: " + f + ": ingest_plugin_entry threw: " + e.what();
        return out;
    } catch (...) {
        out.error = "plugin load refused: " + f + ": ingest_plugin_entry threw";
        return out;
    }
    if (auto problem = check_descriptor(d, file)) {
        out.error = *problem;
        return out;
    }
    if ((d->flags & INGEST_PLUGIN_UNLOAD_SAFE) == 0) {
        // Never dlclose() a library that did not declare itself unload-safe: static
        // destructors and threads of plugins rarely survive it.
        if (void* h = ::dlopen(abs.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE)) {
            ::dlclose(h);
        }
    }
    auto module = std::shared_ptr<plugin_module>(new plugin_module());
    module->path_ = file;
    module->library_ = library;
    module->descriptor_ = d;
    out.module = std::move(module);
    return out;
}

// --------------------------------------------------------------------------- registry --

std::vector<std::string> plugin_registry::load_directory(fs::path const& dir) {
    std::vector<std::string> errors;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        errors.push_back("plugin directory " + dir.string() + " does not exist or is not a " +
                         "directory" + (ec ? " (" + ec.message() + ")" : std::string()));
        return errors;
    }
    std::vector<fs::path> files;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        auto const name = it->path().filename().string();
        if (name.rfind("ingest-", 0) == 0 && it->path().extension() == ".so") {
            files.push_back(it->path());
        }
    }
    if (ec) {
        errors.push_back("cannot list plugin directory " + dir.string() + ": " + ec.message());
    }
    std::sort(files.begin(), files.end());
    for (auto const& file : files) {
        if (auto error = load_file(file); !error.empty()) {
            errors.push_back(std::move(error));
        }
    }
    return errors;
}

std::string plugin_registry::load_file(fs::path const& file) {
    auto result = loader_.load(file);
    if (!result) {
        return result.error;
    }
    auto const name = result.module->name();
    if (auto it = modules_.find(name); it != modules_.end()) {
        if (fs::equivalent(it->second->path(), file)) {
            return {};  // the same file twice: nothing new
        }
        return "plugin load refused: " + file.string() + ": plugin name '" + name +
               "' is already taken by " + it->second->label() +
               ". Fix: remove one of the two files, or rename one plugin";
    }
    modules_.emplace(name, std::move(result.module));
    return {};
}

plugin_module_ptr plugin_registry::find(std::string_view name) const {
    auto it = modules_.find(name);
    return it == modules_.end() ? nullptr : it->second;
}

plugin_module_ptr plugin_registry::find(std::string_view name, ingest_kind kind) const {
    auto m = find(name);
    return m && m->kind() == kind ? m : nullptr;
}

std::vector<plugin_module_ptr> plugin_registry::all() const {
    std::vector<plugin_module_ptr> out;
    for (auto const& [name, m] : modules_) {
        out.push_back(m);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](auto const& a, auto const& b) { return a->kind() < b->kind(); });
    return out;
}

fs::path default_plugin_dir() {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) {
        return fs::path("/usr/lib/ingestd/plugins");
    }
    return (exe.parent_path() / ".." / "lib" / "ingestd" / "plugins").lexically_normal();
}

}  // namespace ingest::core
