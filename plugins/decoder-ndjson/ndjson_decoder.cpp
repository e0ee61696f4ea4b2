#include "ndjson_decoder.hpp"

#include <ingest/sdk/json_read.hpp>

#include <string_view>
#include <utility>

namespace ingest::plugins::decoder_ndjson {

namespace {

bool blank(std::string_view line) {
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r') {
            return false;
        }
    }
    return true;
}

std::string at_line(std::size_t number) {
    return "line " + std::to_string(number) + ": ";
}

}  // namespace

ndjson_decoder::ndjson_decoder(ingest::sdk::context& ctx)
    : max_line_size_(ctx.settings().get_size("max_line_size")) {
    auto const max_records = ctx.settings().get_int("max_records");
    if (max_records < 1) {
        throw ingest::sdk::invalid_input("max_records must be at least 1, not " +
                                         std::to_string(max_records));
    }
    if (max_line_size_ < 1) {
        throw ingest::sdk::invalid_input("max_line_size must be at least 1 byte");
    }
    max_records_ = static_cast<std::size_t>(max_records);
}

void ndjson_decoder::decode(ingest::sdk::decode_input const& in,
                            ingest::sdk::release_emitter& out) {
    std::vector<ingest::sdk::release> records;
    std::string_view rest = in.payload;
    static constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (rest.substr(0, bom.size()) == bom) {
        rest.remove_prefix(bom.size());
    }
    std::size_t number = 0;
    while (!rest.empty()) {
        auto const newline = rest.find('\n');
        std::string_view line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.size() > max_line_size_) {
            throw ingest::sdk::invalid_input(at_line(number) + "the line is " +
                                             std::to_string(line.size()) +
                                             " bytes long, more than max_line_size (" +
                                             std::to_string(max_line_size_) + " bytes)");
        }
        if (blank(line)) {
            continue;
        }
        if (records.size() == max_records_) {
            throw ingest::sdk::invalid_input(at_line(number) + "more than max_records (" +
                                             std::to_string(max_records_) + ") records");
        }
        // ingestctl parse / fetch output: {"kind":"feed",...} lines describe the feed and
        // are skipped; {"kind":"release", ...} lines are releases with that key in front.
        constexpr std::string_view feed_line = "{\"kind\":\"feed\"";
        constexpr std::string_view release_prefix = "{\"kind\":\"release\",";
        if (line.substr(0, feed_line.size()) == feed_line) {
            continue;
        }
        std::string unkinded;
        if (line.substr(0, release_prefix.size()) == release_prefix) {
            unkinded = "{";
            unkinded += line.substr(release_prefix.size());
            line = unkinded;
        }
        auto parsed = ingest::sdk::release_from_json(line);
        if (!parsed) {
            throw ingest::sdk::invalid_input(at_line(number) + parsed.error);
        }
        records.push_back(std::move(*parsed.value));
    }
    // Only now that every line is known to be good does anything leave the decoder.
    for (auto const& r : records) {
        if (!out.emit(r)) {
            return;
        }
    }
}

}  // namespace ingest::plugins::decoder_ndjson
