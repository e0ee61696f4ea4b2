// The descriptor-based file operations: opening without following or blocking, reading with
// a cap, moving under a unique name, and the small formatters.
#include "dir_ops.hpp"
#include "dir_test_support.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ingest::plugins::dir::testing {
namespace {

class DirOps : public ::testing::Test {
protected:
    DirOps() : from_(tmp_.path() / "from"), to_(tmp_.path() / "to") {
        fs::create_directory(from_);
        fs::create_directory(to_);
        from_fd_.reset(::open(from_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        to_fd_.reset(::open(to_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    }
    temp_dir tmp_;
    fs::path from_;
    fs::path to_;
    unique_fd from_fd_;
    unique_fd to_fd_;
};

TEST_F(DirOps, OpenEntryRefusesSymlinks) {
    write_file(tmp_.path() / "target", "x");
    fs::create_symlink(tmp_.path() / "target", from_ / "link");
    int err = 0;
    EXPECT_FALSE(open_entry(from_fd_.get(), "link", err));
    EXPECT_EQ(err, ELOOP);
}

TEST_F(DirOps, OpenEntryOfAFifoDoesNotBlock) {
    ASSERT_EQ(::mkfifo((from_ / "pipe").c_str(), 0600), 0);
    int err = 0;
    unique_fd fd = open_entry(from_fd_.get(), "pipe", err);
    ASSERT_TRUE(fd) << errno_text(err);
    struct stat st {};
    ASSERT_EQ(::fstat(fd.get(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST_F(DirOps, ReadAllStopsPastTheLimit) {
    write_file(from_ / "f", std::string(100, 'x'));
    int err = 0;
    std::string out;
    unique_fd fd = open_entry(from_fd_.get(), "f", err);
    EXPECT_EQ(read_all(fd.get(), 100, 100, out, err), read_status::ok);
    EXPECT_EQ(out.size(), 100u);

    fd = open_entry(from_fd_.get(), "f", err);
    EXPECT_EQ(read_all(fd.get(), 10, 99, out, err), read_status::too_large);

    // A wrong (too small) size hint still reads everything.
    fd = open_entry(from_fd_.get(), "f", err);
    EXPECT_EQ(read_all(fd.get(), 3, 1 << 20, out, err), read_status::ok);
    EXPECT_EQ(out, std::string(100, 'x'));
}

TEST_F(DirOps, RenameUniqueNeverReplaces) {
    write_file(to_ / "a", "old");
    write_file(from_ / "a", "new");
    int err = 0;
    auto moved = rename_unique(from_fd_.get(), "a", to_fd_.get(), {}, err);
    ASSERT_TRUE(moved) << errno_text(err);
    EXPECT_EQ(*moved, "a.1");
    EXPECT_EQ(read_file(to_ / "a"), "old");
    EXPECT_EQ(read_file(to_ / "a.1"), "new");
    EXPECT_FALSE(fs::exists(from_ / "a"));
}

TEST_F(DirOps, RenameUniqueKeepsTheCompanionNameFree) {
    write_file(to_ / "a.error", "stale");
    write_file(from_ / "a", "new");
    int err = 0;
    auto moved = rename_unique(from_fd_.get(), "a", to_fd_.get(), ".error", err);
    ASSERT_TRUE(moved) << errno_text(err);
    EXPECT_EQ(*moved, "a.1");
}

TEST_F(DirOps, RenameUniqueReportsAMissingSource) {
    int err = 0;
    EXPECT_FALSE(rename_unique(from_fd_.get(), "nope", to_fd_.get(), {}, err));
    EXPECT_EQ(err, ENOENT);
}

TEST_F(DirOps, WriteNewFileNeverOverwrites) {
    int err = 0;
    EXPECT_TRUE(write_new_file(to_fd_.get(), "n", "one", err));
    EXPECT_FALSE(write_new_file(to_fd_.get(), "n", "two", err));
    EXPECT_EQ(err, EEXIST);
    EXPECT_EQ(read_file(to_ / "n"), "one");
}

TEST(DirFormat, Rfc3339) {
    EXPECT_EQ(rfc3339_utc(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(rfc3339_utc(1590480000000000000), "2020-05-26T08:00:00Z");
    EXPECT_EQ(rfc3339_utc(1590480000000000001), "2020-05-26T08:00:00.000000001Z");
    EXPECT_EQ(rfc3339_utc(-1), "1969-12-31T23:59:59.999999999Z");
}

TEST(DirFormat, Sha256) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(DirNames, WantedName) {
    EXPECT_TRUE(wanted_name("a.txt", "*"));
    EXPECT_TRUE(wanted_name("a.txt", "*.txt"));
    EXPECT_FALSE(wanted_name("a.eml", "*.txt"));
    for (auto name : {".a", ".a.txt", "a.tmp", "a.part", "a.swp", "a~", ""}) {
        EXPECT_FALSE(wanted_name(name, "*")) << name;
    }
    EXPECT_TRUE(wanted_name("a.tmpl", "*"));
}

TEST(DirNames, DoneKey) {
    file_identity id{1, 2, 3, 4};
    EXPECT_EQ(done_key(id), "done/1:2:3:4");
}

}  // namespace
}  // namespace ingest::plugins::dir::testing
