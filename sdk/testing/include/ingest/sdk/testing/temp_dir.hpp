// A unique temporary directory for one test, removed with everything in it when the object
// goes away.
//
//   ingest::sdk::testing::temp_dir dir;
//   auto file = dir.path() / "out.jsonl";
#pragma once

#include <filesystem>
#include <string>

namespace ingest::sdk::testing {

class temp_dir {
public:
    /// Creates <system temp dir>/<prefix>XXXXXX (mode 0700). Throws std::runtime_error when
    /// it cannot.
    explicit temp_dir(std::string const& prefix = "ingest-test-");
    ~temp_dir();
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;

    std::filesystem::path const& path() const noexcept { return path_; }
    /// path() / name.
    std::filesystem::path operator/(std::string const& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/// The whole content of a file ("" when it does not exist).
std::string read_file(std::filesystem::path const& file);

/// Replaces the content of a file (created when missing). Throws std::runtime_error.
void write_file(std::filesystem::path const& file, std::string const& content);

}  // namespace ingest::sdk::testing
