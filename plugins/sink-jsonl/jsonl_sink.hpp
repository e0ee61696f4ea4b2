// Sink "jsonl": appends every release as one line of Release JSON (ingest::sdk::to_json) to
// a file, the format that `ingestctl parse` prints and the ndjson decoder reads back.
//
// A batch is written with one write() of one buffer and, with fsync on, made durable
// before it is reported delivered. When the write fails (disk full, file too large, I/O
// error) the file is cut back to its size before the batch, so that it never ends in a
// partial line, and every record of the batch is reported "retry" with the reason (the
// path and the system's error text). The file must have this sink as its only writer.
#pragma once

#include <ingest/sdk.hpp>

#include <string>

namespace ingest::plugins::sink_jsonl {

class jsonl_sink final : public ingest::sdk::sink {
public:
    static constexpr ingest::sdk::plugin_info info{
        "jsonl", "1.0.0", "Appends releases as JSON lines (one Release JSON object per line)"};
    /// Defined in plugin.cpp.
    static ingest::sdk::settings_spec settings();

    explicit jsonl_sink(ingest::sdk::context& ctx);
    ~jsonl_sink() override;

protected:
    /// Opens (creates, mode 0640) the file for appending. Throws when it cannot.
    void start() override;
    /// Closes the file.
    void stop() override;
    /// Appends the batch; delivered, or retry for every record with the reason.
    void write_batch(ingest::sdk::batch b) override;

private:
    /// Appends buffer to the file (and fsyncs it when configured). Returns "" or, on
    /// failure, the reason, after cutting the file back to its previous size.
    std::string append(std::string const& buffer);
    /// Cuts the file back to size bytes; returns "" or why that failed too.
    std::string cut_back(long long size, bool regular_file);
    void close_file() noexcept;

    ingest::sdk::context& ctx_;
    std::string path_;
    bool fsync_ = true;
    int fd_ = -1;
};

}  // namespace ingest::plugins::sink_jsonl
