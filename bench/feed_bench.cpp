// Feed-decoder throughput and memory, one file at a time, in one of two tiers:
//
//   full     (default) the real decoder plugin, loaded and called the way the daemon does it
//            (core::plugin_loader, an instance with the plugin's default settings,
//            core::decode_with, the payload handed over writable): full normalization,
//            each release copied into a host record and, for a payload of 64 KiB or more,
//            dropped before the next, as the daemon writes each into its intake transaction
//            (smaller payloads' releases are held, as the daemon holds them).
//   extract  parse and field extraction only: feed_decoder::read() (charset, safety checks,
//            entity mapping, the XML/JSON reader: the first stage of the decoder, the same
//            code, linked in from ingest-decoder-feed-impl) and the dates of every entry
//            parsed as the release builder parses them. What sfeed does.
//
//   build/bin/feed_bench [--tier full|extract] [--json] [--warmup] [--discard] [--per-call]
//                        [--read-only] [--plugin FILE] [--set NAME=VALUE]... [--limit N] DIR
//
// Prints files, bytes, items, wall and CPU seconds, MB/s (10^6 bytes per wall second),
// items/s, peak RSS (VmHWM) and the RSS growth over the baseline taken before parsing, and
// the largest input file. --json prints the same as one JSON object (for bench/feed/compare).
// The growth includes the code and tables of the decoder's libraries that the first parse
// pages in (RssFile); --warmup parses the first file once before the baseline, so that the
// growth is the heap the parsing needs. --discard (full tier) counts and drops each release
// as the decoder emits it, without the host's copy: the decoder's own memory. --read-only
// hands the payload over read-only (as a host that keeps it would; the decoder then parses a
// copy), to measure what the writable payload saves. --per-call also measures the peak of each
// decode call over what was resident just before it (the file read, freed heap returned with
// malloc_trim): the decoder's working memory without the input; it slows the loop, so time without
// it. Not a test: run it by hand, on an idle machine.
#include "config/config.hpp"
#include "config/units.hpp"
#include "pipeline/decoding.hpp"
#include "plugin_host/plugin_host.hpp"
#include "plugin_host/plugin_instance.hpp"

#include "decoder-feed/detail/dates.hpp"
#include "decoder-feed/detail/model.hpp"
#include "decoder-feed/feed.hpp"

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr char const* decoder_file_name = "ingest-decoder-feed.so";

enum class tier { full, extract };

struct options {
    fs::path dir;
    tier run = tier::full;
    fs::path plugin;  ///< empty: <bin>/../lib/ingestd/plugins/ingest-decoder-feed.so
    std::vector<std::pair<std::string, std::string>> settings;
    std::size_t limit = 0;  ///< 0: every file
    bool json = false;
    bool warmup = false;
    bool discard = false;    ///< full tier: releases counted and dropped as they are emitted
    bool read_only = false;  ///< the payload handed over read-only
    bool per_call = false;   ///< measure the peak of each decode call
};

/// Host services for the benchmark: warnings and errors are counted and the first few shown,
/// the rest is dropped (no state, no metrics: a decoder uses neither).
class bench_services final : public ingest::core::host_services {
public:
    void log(ingest_log_level level, std::string_view message) override {
        if (level < INGEST_LOG_WARN) {
            return;
        }
        if (++warnings_ <= max_shown) {
            std::cerr << "feed_bench: plugin " << (level == INGEST_LOG_WARN ? "warning" : "error")
                      << ": " << message << "\n";
        }
    }
    void metric(ingest_metric_kind, std::string_view, std::string_view,
                std::vector<std::pair<std::string, std::string>> const&, double) override {}
    std::optional<std::string> state_get(std::string_view) override { return std::nullopt; }
    bool state_put(std::string_view, std::string_view) override { return false; }
    bool state_erase(std::string_view) override { return false; }

    std::uint64_t warnings() const noexcept { return warnings_; }

private:
    static constexpr std::uint64_t max_shown = 5;
    std::uint64_t warnings_ = 0;
};

/// A field of /proc/self/status in bytes ("VmRSS", "VmHWM"); 0 when unreadable.
std::uint64_t proc_status_bytes(std::string_view field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.size() > field.size() && line.compare(0, field.size(), field) == 0 &&
            line[field.size()] == ':') {
            return std::strtoull(line.c_str() + field.size() + 1, nullptr, 10) * 1024;
        }
    }
    return 0;
}

/// Resets VmHWM to the current RSS (Linux >= 4.0), so that the peak measured afterwards
/// belongs to the parsing alone. False when the kernel refuses.
bool reset_peak_rss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](timeval const& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

bool read_file(fs::path const& file, std::string& into) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return false;
    }
    std::error_code ec;
    auto const size = fs::file_size(file, ec);
    if (ec) {
        return false;
    }
    into.resize(static_cast<std::size_t>(size));
    in.read(into.data(), static_cast<std::streamsize>(into.size()));
    return static_cast<std::size_t>(in.gcount()) == into.size();
}

/// Applies NAME=VALUE (configuration syntax: "4KiB", "30s", "true", "100") to the setting of
/// that name. Returns the problem, or an empty string.
std::string apply_setting(std::vector<ingest::core::config::setting_value>& values,
                          std::string const& name, std::string const& text) {
    namespace config = ingest::core::config;
    auto it = std::find_if(values.begin(), values.end(),
                           [&](config::setting_value const& v) { return v.name == name; });
    if (it == values.end()) {
        return "the plugin has no setting '" + name + "'";
    }
    it->present = true;
    it->from_default = false;
    switch (it->type) {
        case INGEST_SETTING_INT: {
            char* end = nullptr;
            it->integer = std::strtoll(text.c_str(), &end, 10);
            if (text.empty() || *end != '\0') {
                return name + ": not an integer: " + text;
            }
            return {};
        }
        case INGEST_SETTING_BOOL:
            if (text != "true" && text != "false") {
                return name + ": not true or false: " + text;
            }
            it->integer = text == "true" ? 1 : 0;
            return {};
        case INGEST_SETTING_SIZE: {
            auto size = config::parse_size(text);
            if (!size.value) {
                return name + ": " + size.error;
            }
            it->integer = *size.value;
            return {};
        }
        case INGEST_SETTING_DURATION: {
            auto duration = config::parse_duration(text);
            if (!duration.value) {
                return name + ": " + duration.error;
            }
            it->integer = duration.value->count();
            return {};
        }
        case INGEST_SETTING_LIST:
            return name + ": list settings are not supported by feed_bench";
        default:
            it->text = text;
            return {};
    }
}

int usage(char const* why) {
    if (why != nullptr) {
        std::cerr << "feed_bench: " << why << "\n";
    }
    std::cerr
        << "usage: feed_bench [--tier full|extract] [--json] [--warmup] [--discard] "
           "[--per-call] [--read-only] [--plugin FILE] [--set NAME=VALUE]... [--limit N] DIR\n"
           "  decodes every file of DIR that the feed decoder claims (*.rss, *.atom, "
           "*.xml, ...)\n"
           "  --tier full     (default) the plugin through the daemon's loader and "
           "core::decode_with:\n"
           "                  full normalization, each release taken and dropped in "
           "turn\n"
           "  --tier extract  parse and field extraction only: feed_decoder::read() and "
           "the entry dates\n"
           "  --plugin FILE   the decoder library (default: <bin>/../lib/ingestd/plugins/"
        << decoder_file_name
        << ")\n"
           "  --set N=V       a decoder setting instead of its default (e.g. "
           "max_content_bytes=4MiB)\n"
           "  --limit N       only the first N files (sorted by name)\n"
           "  --warmup        parse the first file once before the baseline (not "
           "counted)\n"
           "  --discard       full tier: count and drop each release as it is emitted "
           "(no host copy)\n"
           "  --read-only     hand the payload over read-only (the decoder copies it)\n"
           "  --per-call      also the peak memory of each decode call over what was "
           "resident before it\n"
           "  --json          one JSON object instead of the table\n";
    return 2;
}

std::optional<options> parse_args(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string_view const arg = argv[i];
        auto value = [&]() -> char const* { return i + 1 < argc ? argv[++i] : nullptr; };
        if (arg == "--json") {
            o.json = true;
        } else if (arg == "--warmup") {
            o.warmup = true;
        } else if (arg == "--discard") {
            o.discard = true;
        } else if (arg == "--per-call") {
            o.per_call = true;
        } else if (arg == "--read-only") {
            o.read_only = true;
        } else if (arg == "--tier") {
            char const* v = value();
            if (v == nullptr) {
                return std::nullopt;
            }
            if (std::string_view(v) == "full") {
                o.run = tier::full;
            } else if (std::string_view(v) == "extract") {
                o.run = tier::extract;
            } else {
                return std::nullopt;
            }
        } else if (arg == "--plugin") {
            char const* v = value();
            if (v == nullptr) {
                return std::nullopt;
            }
            o.plugin = v;
        } else if (arg == "--set") {
            char const* v = value();
            char const* eq = v == nullptr ? nullptr : std::strchr(v, '=');
            if (eq == nullptr) {
                return std::nullopt;
            }
            o.settings.emplace_back(std::string(v, eq), std::string(eq + 1));
        } else if (arg == "--limit") {
            char const* v = value();
            if (v == nullptr) {
                return std::nullopt;
            }
            o.limit = static_cast<std::size_t>(std::strtoull(v, nullptr, 10));
        } else if (!arg.empty() && arg[0] == '-') {
            return std::nullopt;
        } else if (o.dir.empty()) {
            o.dir = arg;
        } else {
            return std::nullopt;
        }
    }
    if (o.dir.empty()) {
        return std::nullopt;
    }
    return o;
}

struct measurement {
    std::uint64_t files = 0;
    std::uint64_t failed = 0;
    std::uint64_t bytes = 0;
    std::uint64_t items = 0;
    std::uint64_t dates = 0;      ///< extract tier: dates read to a time
    std::uint64_t bad_dates = 0;  ///< extract tier: dates present but unreadable
    std::uint64_t largest_file = 0;
    double wall_s = 0;
    double decode_s = 0;  ///< inside the decode call only (wall_s also reads the files)
    double cpu_s = 0;
    std::uint64_t baseline_rss = 0;
    std::uint64_t baseline_anon = 0;  ///< RssAnon: heap, stacks
    std::uint64_t baseline_file = 0;  ///< RssFile: mapped code and read-only data
    std::uint64_t end_anon = 0;
    std::uint64_t end_file = 0;
    std::uint64_t peak_rss = 0;
    bool warmed_up = false;
    bool peak_reset = false;  ///< VmHWM was reset at the baseline
    std::uint64_t plugin_warnings = 0;
    // --per-call: the largest (VmHWM during a decode call - VmRSS just before it).
    bool per_call = false;
    std::uint64_t call_peak = 0;       ///< the largest of them, in bytes
    std::uint64_t call_peak_file = 0;  ///< the size of the file it was measured on
    double call_peak_ratio = 0;        ///< the largest of (call peak / size of its file)
};

/// What one decode of one file gave: the items (releases, or entries for the extract tier),
/// or why it failed.
struct file_outcome {
    bool ok = true;
    std::uint64_t items = 0;
    std::string error;
    std::uint64_t dates = 0;      ///< extract tier
    std::uint64_t bad_dates = 0;  ///< extract tier
};

/// Decodes one payload (bytes, origin URI, file name).
/// The payload is writable: the decoder may parse it in place (unless --read-only).
using decode_function =
    std::function<file_outcome(std::string&, std::string const&, std::string const&)>;

char const* tier_description(options const& o) {
    if (o.run == tier::extract) {
        return "extract: parse and field extraction (feed_decoder::read + entry dates)";
    }
    return o.discard ? "full normalization, plugin via loader, releases counted and dropped"
                     : "full normalization, plugin via loader and core::decode_with, releases "
                       "streamed";
}

void print_text(measurement const& m, options const& o, std::string const& label) {
    auto mib = [](std::uint64_t b) { return static_cast<double>(b) / (1024.0 * 1024.0); };
    std::uint64_t const growth = m.peak_rss > m.baseline_rss ? m.peak_rss - m.baseline_rss : 0;
    double const mbps = static_cast<double>(m.bytes) / 1e6 / m.wall_s;
    double const items_s = static_cast<double>(m.items) / m.wall_s;
    std::printf("feed_bench: %s on %s\n", label.c_str(), o.dir.string().c_str());
    std::printf("  tier             %s\n", tier_description(o));
    std::printf("  files            %llu (%llu failed)\n", static_cast<unsigned long long>(m.files),
                static_cast<unsigned long long>(m.failed));
    std::printf("  bytes            %llu (%.1f MiB)\n", static_cast<unsigned long long>(m.bytes),
                mib(m.bytes));
    std::printf("  items            %llu\n", static_cast<unsigned long long>(m.items));
    if (o.run == tier::extract) {
        std::printf("  dates            %llu read, %llu unreadable\n",
                    static_cast<unsigned long long>(m.dates),
                    static_cast<unsigned long long>(m.bad_dates));
    }
    std::printf("  wall seconds     %.3f (%.3f in the decoder, the rest reading files)\n", m.wall_s,
                m.decode_s);
    std::printf("  cpu seconds      %.3f\n", m.cpu_s);
    std::printf("  MB/s             %.2f (10^6 input bytes per wall second)\n", mbps);
    std::printf("  items/s          %.0f\n", items_s);
    std::printf("  peak RSS         %.1f MiB (VmHWM%s)\n", mib(m.peak_rss),
                m.peak_reset ? ", reset at the baseline" : ", whole process");
    std::printf("  baseline RSS     %.1f MiB (%s%s)\n", mib(m.baseline_rss),
                o.run == tier::extract ? "decoder created" : "plugin loaded, instance created",
                m.warmed_up ? ", first file parsed once" : "");
    std::printf(
        "  RSS growth       %.2f MiB = %.2f x the largest file (goal: below 2)\n", mib(growth),
        m.largest_file == 0 ? 0.0
                            : static_cast<double>(growth) / static_cast<double>(m.largest_file));
    std::printf("  largest file     %llu bytes\n", static_cast<unsigned long long>(m.largest_file));
    std::printf("  RssAnon          %.1f -> %.1f MiB at the end (heap: %+.2f MiB)\n",
                mib(m.baseline_anon), mib(m.end_anon),
                (static_cast<double>(m.end_anon) - static_cast<double>(m.baseline_anon)) /
                    (1024.0 * 1024.0));
    std::printf("  RssFile          %.1f -> %.1f MiB at the end (library pages: %+.2f MiB)\n",
                mib(m.baseline_file), mib(m.end_file),
                (static_cast<double>(m.end_file) - static_cast<double>(m.baseline_file)) /
                    (1024.0 * 1024.0));
    if (m.per_call) {
        std::printf(
            "  per-call peak    %.2f MiB = %.2f x the largest file (on a file of %llu bytes)\n",
            mib(m.call_peak),
            m.largest_file == 0
                ? 0.0
                : static_cast<double>(m.call_peak) / static_cast<double>(m.largest_file),
            static_cast<unsigned long long>(m.call_peak_file));
        std::printf("  per-call / file  %.2f x the file decoded, at most\n", m.call_peak_ratio);
    }
    if (m.plugin_warnings != 0) {
        std::printf("  plugin warnings  %llu\n",
                    static_cast<unsigned long long>(m.plugin_warnings));
    }
}

void print_json(measurement const& m, options const& o) {
    std::uint64_t const growth = m.peak_rss > m.baseline_rss ? m.peak_rss - m.baseline_rss : 0;
    std::printf(
        "{\"tool\":\"feed_bench\",\"tier\":\"%s\",\"releases\":\"%s\",\"files\":%llu,"
        "\"failed\":%llu,\"bytes\":%llu,\"items\":%llu,"
        "\"wall_s\":%.6f,\"decode_s\":%.6f,\"cpu_s\":%.6f,\"mb_per_s\":%.4f,\"items_per_s\":%.2f,"
        "\"peak_rss_bytes\":%llu,\"baseline_rss_bytes\":%llu,\"rss_growth_bytes\":%llu,"
        "\"peak_reset_at_baseline\":%s,\"warmup\":%s,\"largest_file_bytes\":%llu,"
        "\"plugin_warnings\":%llu,\"baseline_anon_bytes\":%llu,\"end_anon_bytes\":%llu,"
        "\"baseline_file_bytes\":%llu,\"end_file_bytes\":%llu,\"dates\":%llu,\"bad_dates\":%llu",
        o.run == tier::extract ? "extract" : "full",
        o.run == tier::extract ? "none" : (o.discard ? "discarded" : "streamed"),
        static_cast<unsigned long long>(m.files), static_cast<unsigned long long>(m.failed),
        static_cast<unsigned long long>(m.bytes), static_cast<unsigned long long>(m.items),
        m.wall_s, m.decode_s, m.cpu_s, static_cast<double>(m.bytes) / 1e6 / m.wall_s,
        static_cast<double>(m.items) / m.wall_s, static_cast<unsigned long long>(m.peak_rss),
        static_cast<unsigned long long>(m.baseline_rss), static_cast<unsigned long long>(growth),
        m.peak_reset ? "true" : "false", m.warmed_up ? "true" : "false",
        static_cast<unsigned long long>(m.largest_file),
        static_cast<unsigned long long>(m.plugin_warnings),
        static_cast<unsigned long long>(m.baseline_anon),
        static_cast<unsigned long long>(m.end_anon),
        static_cast<unsigned long long>(m.baseline_file),
        static_cast<unsigned long long>(m.end_file), static_cast<unsigned long long>(m.dates),
        static_cast<unsigned long long>(m.bad_dates));
    if (m.per_call) {
        std::printf(
            ",\"call_peak_bytes\":%llu,\"call_peak_file_bytes\":%llu,"
            "\"call_peak_ratio_to_file\":%.4f",
            static_cast<unsigned long long>(m.call_peak),
            static_cast<unsigned long long>(m.call_peak_file), m.call_peak_ratio);
    }
    std::printf("}\n");
}

/// The files of dir that claims accept by name (as ingestctl parse picks them), sorted,
/// at most limit (0: all).
std::vector<fs::path> claimed_files(fs::path const& dir, ingest::core::decoder_claims claims,
                                    std::size_t limit, std::string& error) {
    std::vector<ingest::core::decoder_claims> const all{std::move(claims)};
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto const& entry : fs::directory_iterator(dir, ec)) {
        std::string why;
        if (entry.is_regular_file() &&
            ingest::core::choose_decoder(all, entry.path().filename().string(), "", why)) {
            files.push_back(entry.path());
        }
    }
    if (ec) {
        error = dir.string() + ": " + ec.message();
        return {};
    }
    std::sort(files.begin(), files.end());
    if (limit != 0 && files.size() > limit) {
        files.resize(limit);
    }
    return files;
}

/// The parse loop: every file read and decoded, one at a time, timed and measured.
measurement measure(std::vector<fs::path> const& files, options const& o,
                    decode_function const& decode) {
    measurement m;
    if (o.warmup) {
        // Pages in the code and tables of the decoder's libraries, and the allocator's pools.
        std::string payload;
        if (read_file(files.front(), payload)) {
            decode(payload, files.front().string(), files.front().filename().string());
        }
        m.warmed_up = true;
    }
    m.per_call = o.per_call;
    m.baseline_rss = proc_status_bytes("VmRSS");
    m.baseline_anon = proc_status_bytes("RssAnon");
    m.baseline_file = proc_status_bytes("RssFile");
    m.peak_reset = reset_peak_rss();
    std::uint64_t peak = 0;  // --per-call resets VmHWM at each call: the peaks before it
    double const cpu_start = cpu_seconds();
    auto const start = clock_type::now();
    std::chrono::duration<double> in_decoder{0};
    for (auto const& file : files) {
        std::string payload;
        if (!read_file(file, payload)) {
            std::cerr << "feed_bench: " << file.string() << ": cannot read\n";
            ++m.failed;
            continue;
        }
        std::string const name = file.filename().string();
        std::string const uri = file.string();
        std::uint64_t resident_before = 0;
        if (o.per_call) {
            peak = std::max(peak, proc_status_bytes("VmHWM"));
            malloc_trim(0);  // freed heap pages would hide what the call allocates
            resident_before = proc_status_bytes("VmRSS");
            reset_peak_rss();
        }
        auto const t0 = clock_type::now();
        file_outcome const outcome = decode(payload, uri, name);
        in_decoder += clock_type::now() - t0;
        if (o.per_call) {
            std::uint64_t const hwm = proc_status_bytes("VmHWM");
            std::uint64_t const call = hwm > resident_before ? hwm - resident_before : 0;
            if (call > m.call_peak) {
                m.call_peak = call;
                m.call_peak_file = payload.size();
            }
            if (!payload.empty()) {
                m.call_peak_ratio =
                    std::max(m.call_peak_ratio,
                             static_cast<double>(call) / static_cast<double>(payload.size()));
            }
        }
        ++m.files;
        m.bytes += payload.size();
        m.largest_file = std::max<std::uint64_t>(m.largest_file, payload.size());
        if (!outcome.ok) {
            std::cerr << "feed_bench: " << file.string() << ": " << outcome.error << "\n";
            ++m.failed;
            continue;
        }
        m.items += outcome.items;
        m.dates += outcome.dates;
        m.bad_dates += outcome.bad_dates;
    }
    m.wall_s = std::chrono::duration<double>(clock_type::now() - start).count();
    m.cpu_s = cpu_seconds() - cpu_start;
    m.decode_s = in_decoder.count();
    m.peak_rss = std::max(peak, proc_status_bytes("VmHWM"));
    m.end_anon = proc_status_bytes("RssAnon");
    m.end_file = proc_status_bytes("RssFile");
    return m;
}

/// The extract tier: feed_decoder::read() linked in, with the default options (the
/// plugin's default settings), and every entry's dates parsed as the release builder does.
int run_extract(options const& o) {
    namespace feed = ingest::plugins::decoder_feed;
    if (!o.settings.empty() || o.discard) {
        return usage("--set and --discard are for the full tier only");
    }
    // The files are those the plugin claims by name, as in the full tier (its descriptor;
    // no instance is created).
    ingest::core::plugin_loader loader;
    auto loaded = loader.load(o.plugin);
    if (!loaded) {
        std::cerr << "feed_bench: " << loaded.error << "\n";
        return 1;
    }
    ingest::core::decoder_claims claims =
        ingest::core::decoder_claims::of(loaded.module->name(), loaded.module->descriptor());
    std::string error;
    std::vector<fs::path> const files = claimed_files(o.dir, std::move(claims), o.limit, error);
    if (!error.empty() || files.empty()) {
        std::cerr << "feed_bench: "
                  << (error.empty() ? "no feed files in " + o.dir.string() : error) << "\n";
        return 1;
    }
    feed::feed_decoder const decoder{feed::options{}};
    decode_function const decode = [&decoder, &o](std::string& payload, std::string const& uri,
                                                  std::string const& name) {
        file_outcome outcome;
        auto parse_date = [&outcome](std::string const& raw) {
            if (raw.empty()) {
                return;
            }
            ingest::sdk::timestamp const ts = feed::detail::parse_feed_date(raw);
            if (ts.unix_ms) {
                ++outcome.dates;
            } else if (!ts.raw.empty()) {
                ++outcome.bad_dates;
            }
        };
        ingest::sdk::decode_input in;
        in.payload = payload;
        in.origin_uri = uri;
        in.file_name = name;
        in.writable_payload = o.read_only ? nullptr : payload.data();
        try {
            feed::detail::feed_document const doc = decoder.read(in);
            for (auto const& e : doc.feed.entries) {
                parse_date(e.published);
                parse_date(e.updated);
            }
            outcome.items = doc.feed.entries.size();
        } catch (std::exception const& e) {
            outcome.ok = false;
            outcome.error = e.what();
        }
        return outcome;
    };
    measurement const m = measure(files, o, decode);
    std::string const label = std::string(feed::feed_decoder::info.name) + " " +
                              std::string(feed::feed_decoder::info.version) + " (linked in)";
    if (o.json) {
        print_json(m, o);
    } else {
        print_text(m, o, label);
    }
    return m.failed == 0 ? 0 : 1;
}

/// The full tier: the plugin through the daemon's loader and decode path.
int run_full(options const& o) {
    namespace core = ingest::core;

    core::plugin_loader loader;
    auto loaded = loader.load(o.plugin);
    if (!loaded) {
        std::cerr << "feed_bench: " << loaded.error << "\n";
        return 1;
    }
    auto const& module = loaded.module;
    if (module->kind() != INGEST_KIND_DECODER) {
        std::cerr << "feed_bench: " << module->label() << " is not a decoder\n";
        return 1;
    }
    std::vector<std::string> problems;
    auto settings = core::config::default_settings(module->descriptor(), &problems);
    if (!settings) {
        std::cerr << "feed_bench: " << module->label() << " cannot run with its defaults";
        for (auto const& p : problems) {
            std::cerr << "; " << p;
        }
        std::cerr << "\n";
        return 1;
    }
    for (auto const& [name, text] : o.settings) {
        if (auto problem = apply_setting(*settings, name, text); !problem.empty()) {
            std::cerr << "feed_bench: --set: " << problem << "\n";
            return 2;
        }
    }
    core::config::abi_settings abi(*settings);
    auto services = std::make_shared<bench_services>();
    core::call_status status;
    auto decoder =
        core::plugin_instance::create(module, module->name(), abi.values(), services, status);
    if (!decoder) {
        std::cerr << "feed_bench: " << status.message << "\n";
        return 1;
    }

    std::string error;
    std::vector<fs::path> const files = claimed_files(
        o.dir, core::decoder_claims::of(module->name(), module->descriptor()), o.limit, error);
    if (!error.empty() || files.empty()) {
        std::cerr << "feed_bench: "
                  << (error.empty() ? "no feed files in " + o.dir.string() : error) << "\n";
        return 1;
    }

    decode_function decode;
    if (o.discard) {
        // The decoder's own path: each release handed over by the plugin is counted and
        // dropped at once, as a consumer that streams them would.
        decode = [&](std::string& payload, std::string const& uri, std::string const& name) {
            ingest_decode_input in{};
            in.struct_size = sizeof in;
            in.payload = {payload.data(), payload.size()};
            in.payload_writable = o.read_only ? nullptr : payload.data();
            in.origin_uri = {uri.data(), uri.size()};
            in.file_name = {name.data(), name.size()};
            std::uint64_t count = 0;
            auto const st = decoder->decode(in, [&count](ingest_release const&) {
                ++count;
                return INGEST_OK;
            });
            return file_outcome{st.ok(), count, st.message, 0, 0};
        };
    } else {
        // The daemon's path: from core::decode_in_intake_from_bytes on, each release is
        // copied into a host record as the plugin emits it and goes on (into the intake
        // transaction), only the current one alive; a smaller payload's releases are
        // collected first, as the daemon holds them until its intake begins.
        decode = [&](std::string& payload, std::string const& uri, std::string const& name) {
            std::uint64_t count = 0;
            std::vector<ingest::sdk::release> held;
            bool const stream = payload.size() >= core::decode_in_intake_from_bytes;
            auto const st =
                core::decode_with(*decoder,
                                  core::decode_request{payload, "", uri, name, nullptr,
                                                       o.read_only ? nullptr : payload.data()},
                                  [&](ingest::sdk::release&& r) {
                                      ++count;
                                      if (stream) {
                                          ingest::sdk::release const taken = std::move(r);
                                      } else {
                                          held.push_back(std::move(r));
                                      }
                                  });
            return file_outcome{st.ok(), count, st.message, 0, 0};
        };
    }
    measurement m = measure(files, o, decode);
    m.plugin_warnings = services->warnings();
    if (o.json) {
        print_json(m, o);
    } else {
        print_text(m, o, module->label());
    }
    return m.failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    auto opts = parse_args(argc, argv);
    if (!opts) {
        return usage(nullptr);
    }
    if (opts->plugin.empty()) {
        opts->plugin = ingest::core::default_plugin_dir() / decoder_file_name;
    }
    return opts->run == tier::extract ? run_extract(*opts) : run_full(*opts);
}
