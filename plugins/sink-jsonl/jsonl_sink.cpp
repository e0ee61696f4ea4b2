#include "jsonl_sink.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ingest::plugins::sink_jsonl {

namespace {

std::string errno_text(int e) {
    return std::strerror(e);
}

}  // namespace

jsonl_sink::jsonl_sink(ingest::sdk::context& ctx)
    : ctx_(ctx),
      path_(ctx.settings().get_string("path")),
      fsync_(ctx.settings().get_bool("fsync")) {}

jsonl_sink::~jsonl_sink() {
    close_file();
}

void jsonl_sink::start() {
    if (fd_ >= 0) {
        return;
    }
    int const fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) {
        throw std::runtime_error("jsonl sink: cannot open " + path_ +
                                 " for appending: " + errno_text(errno));
    }
    fd_ = fd;
    ctx_.info("jsonl sink: appending to " + path_ + (fsync_ ? " (fsync after each batch)" : ""));
}

void jsonl_sink::stop() {
    close_file();
}

void jsonl_sink::write_batch(ingest::sdk::batch b) {
    if (fd_ < 0) {
        b.all_retry("jsonl sink: " + path_ + " is not open (start() failed or was not called)");
        return;
    }
    std::string buffer;
    for (auto const& r : b.records()) {
        buffer += ingest::sdk::to_json(r);
        buffer += '\n';
    }
    if (buffer.empty()) {
        return;  // an empty batch: nothing to write, nothing to report
    }
    std::string const failure = append(buffer);
    if (!failure.empty()) {
        ctx_.warn(failure);
        ctx_.count("ingest_sink_jsonl_write_failures_total",
                   "Batches the jsonl sink could not write (retried)");
        b.all_retry(failure);
        return;
    }
    b.all_delivered();
    ctx_.count("ingest_sink_jsonl_records_total", "Releases appended by the jsonl sink", {},
               static_cast<double>(b.size()));
    ctx_.count("ingest_sink_jsonl_bytes_total", "Bytes appended by the jsonl sink", {},
               static_cast<double>(buffer.size()));
}

std::string jsonl_sink::append(std::string const& buffer) {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
        return "jsonl sink: cannot stat " + path_ + ": " + errno_text(errno);
    }
    bool const regular = S_ISREG(st.st_mode);
    long long const before = static_cast<long long>(st.st_size);
    std::size_t written = 0;
    while (written < buffer.size()) {
        ssize_t const n = ::write(fd_, buffer.data() + written, buffer.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            int const e = n < 0 ? errno : EIO;
            std::string reason = "jsonl sink: write to " + path_ + " failed: " + errno_text(e);
            if (written > 0) {
                reason += " (after " + std::to_string(written) + " of " +
                          std::to_string(buffer.size()) + " bytes)";
            }
            return reason + cut_back(before, regular);
        }
        written += static_cast<std::size_t>(n);
    }
    if (fsync_ && ::fsync(fd_) != 0) {
        return "jsonl sink: fsync of " + path_ + " failed: " + errno_text(errno) +
               cut_back(before, regular);
    }
    return {};
}

std::string jsonl_sink::cut_back(long long size, bool regular_file) {
    if (!regular_file) {
        return {};
    }
    if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) {
        return "; cutting it back to " + std::to_string(size) +
               " bytes failed too: " + errno_text(errno) + " (the file may end in a partial line)";
    }
    return {};
}

void jsonl_sink::close_file() noexcept {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

}  // namespace ingest::plugins::sink_jsonl
