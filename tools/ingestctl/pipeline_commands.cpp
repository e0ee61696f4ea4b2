// ingestctl commands that work with the pipeline: run, parse, dlq, search.
#include "commands.hpp"

#include "config/config.hpp"
#include "config/units.hpp"
#include "daemon/daemon.hpp"
#include "http/http_client.hpp"
#include "pipeline/decoding.hpp"
#include "pipeline/identity.hpp"
#include "plugin_host/plugin_instance.hpp"
#include "state/sqlite.hpp"
#include "state/state_db.hpp"

#include <ingest/sdk/json.hpp>
#include <ingest/sdk/json_read.hpp>

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>

namespace ingest::ctl {

namespace fs = std::filesystem;

namespace {

/// Host services for plugins run by ingestctl itself: logs to stderr, state in memory.
class cli_services final : public core::host_services {
public:
    explicit cli_services(std::ostream& err) : err_(err) {}
    void log(ingest_log_level level, std::string_view message) override {
        if (level >= INGEST_LOG_WARN) {
            std::lock_guard<std::mutex> lock(mutex_);
            err_ << (level == INGEST_LOG_WARN ? "warning: " : "error: ") << message << "\n";
        }
    }
    void metric(ingest_metric_kind, std::string_view, std::string_view,
                std::vector<std::pair<std::string, std::string>> const&, double) override {}
    std::optional<std::string> state_get(std::string_view key) override {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = state_.find(std::string(key));
        return it == state_.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    bool state_put(std::string_view key, std::string_view value) override {
        std::lock_guard<std::mutex> lock(mutex_);
        state_[std::string(key)] = std::string(value);
        return true;
    }
    bool state_erase(std::string_view key) override {
        std::lock_guard<std::mutex> lock(mutex_);
        state_.erase(std::string(key));
        return true;
    }

private:
    std::ostream& err_;
    std::mutex mutex_;
    std::map<std::string, std::string> state_;
};

/// An instance of a plugin with its default settings, or nullptr with the reason in err.
std::unique_ptr<core::plugin_instance> instance_with_defaults(
    core::plugin_module_ptr const& module, std::shared_ptr<core::host_services> const& services,
    std::ostream& err) {
    std::vector<std::string> problems;
    auto defaults = core::config::default_settings(module->descriptor(), &problems);
    if (!defaults) {
        err << "error: plugin '" << module->name() << "' cannot run with its defaults";
        for (auto const& p : problems) {
            err << "; " << p;
        }
        err << "\n";
        return nullptr;
    }
    core::config::abi_settings abi(*defaults);
    core::call_status status;
    auto inst =
        core::plugin_instance::create(module, module->name(), abi.values(), services, status);
    if (!inst) {
        err << "error: " << status.message << "\n";
    }
    return inst;
}

std::string format_time_ms(std::int64_t ms) {
    return sdk::format_rfc3339(ms);
}

std::optional<fs::path> state_dir_of(fs::path const& config, std::ostream& err) {
    auto document = core::config::read_config(config);
    if (core::config::has_errors(document.diagnostics())) {
        for (auto const& d : document.diagnostics()) {
            err << d.str() << "\n";
        }
        return std::nullopt;
    }
    return document.daemon().state_dir;
}

std::string title_of(std::string const& json) {
    auto r = sdk::release_from_json(json);
    return r ? r.value->title : std::string("(unreadable record)");
}

}  // namespace

int run_command(fs::path const& config, std::vector<fs::path> const& plugin_dirs, bool once,
                std::string const& drain_timeout, std::ostream& out, std::ostream& err) {
    core::daemon_options options;
    options.config = config;
    options.plugin_dirs = plugin_dirs;
    options.once = once;
    if (!drain_timeout.empty()) {
        auto d = core::config::parse_duration(drain_timeout);
        if (!d) {
            err << "ingestctl run: --drain-timeout: " << d.error << "\n";
            return exit_usage;
        }
        options.drain_timeout = *d.value;
    }
    return core::run_daemon(options, out);
}

namespace {

/// The decoders and transforms of one parse or fetch invocation, and the printing of what
/// they make of a document: {"kind":"feed",...} first when the decoder describes a feed,
/// then one {"kind":"release",...} per release.
class decode_session {
public:
    /// source_id and source_plugin name the origin of the records ("parse"/"file",
    /// "fetch"/"http"), as a configured source would.
    decode_session(std::string decoder_name, std::vector<std::string> const& transform_names,
                   std::vector<fs::path> const& plugin_dirs, std::string source_id,
                   std::string source_plugin, std::ostream& err)
        : decoder_name_(std::move(decoder_name)),
          source_id_(std::move(source_id)),
          source_plugin_(std::move(source_plugin)),
          registry_(loader_),
          err_(err) {
        auto dirs = plugin_dirs;
        if (dirs.empty()) {
            dirs.push_back(core::default_plugin_dir());
        }
        for (auto const& dir : dirs) {
            for (auto const& refusal : registry_.load_directory(dir)) {
                err << "warning: " << refusal << "\n";
            }
        }
        services_ = std::make_shared<cli_services>(err);
        if (!decoder_name_.empty()) {
            auto module = registry_.find(decoder_name_, INGEST_KIND_DECODER);
            if (!module) {
                err << "error: no decoder plugin named '" << decoder_name_ << "' in";
                for (auto const& d : dirs) {
                    err << " " << d.string();
                }
                err << "\n";
                return;
            }
            auto inst = instance_with_defaults(module, services_, err);
            if (!inst) {
                return;
            }
            claims_.push_back(core::decoder_claims::of(module->name(), module->descriptor()));
            decoders_.push_back(std::move(inst));
        } else {
            for (auto const& module : registry_.all()) {
                if (module->kind() != INGEST_KIND_DECODER) {
                    continue;
                }
                std::ostringstream ignored;
                if (auto inst = instance_with_defaults(module, services_, ignored)) {
                    claims_.push_back(
                        core::decoder_claims::of(module->name(), module->descriptor()));
                    decoders_.push_back(std::move(inst));
                }
            }
        }
        for (auto const& name : transform_names) {
            auto module = registry_.find(name, INGEST_KIND_TRANSFORM);
            if (!module) {
                err << "error: no transform plugin named '" << name << "'\n";
                return;
            }
            auto inst = instance_with_defaults(module, services_, err);
            if (!inst) {
                return;
            }
            transforms_.push_back(std::move(inst));
        }
        ready_ = true;
    }

    /// False when a named plugin was missing or refused its defaults (already reported).
    bool ready() const noexcept { return ready_; }

    /// Decodes one document and prints it. `label` starts error lines (the file or URL).
    bool decode_and_print(std::string const& label, std::string_view payload,
                          std::string_view media_type, std::string const& uri,
                          std::string const& name,
                          std::vector<std::pair<std::string, std::string>> const* metadata,
                          std::ostream& out) {
        std::size_t index = 0;
        if (decoder_name_.empty()) {
            std::string why;
            auto chosen = core::choose_decoder(claims_, name, media_type, why);
            if (!chosen) {
                err_ << label << ": " << why << ". Fix: name one with --decoder\n";
                return false;
            }
            index = *chosen;
        }
        std::vector<sdk::release> releases;
        auto status = core::decode_with(
            *decoders_[index], core::decode_request{payload, media_type, uri, name, metadata},
            releases);
        for (std::size_t t = 0; status.ok() && t < transforms_.size(); ++t) {
            status = core::transform_with(*transforms_[t], releases);
        }
        if (!status.ok()) {
            err_ << label << ": " << status.message << "\n";
            return false;
        }
        // A feed decoder tells the feed's own metadata in every release's extensions
        // (feed_title, feed_link, ...): print it once, first, as {"kind":"feed",...}.
        if (!releases.empty() && releases.front().extensions.count("feed_title") != 0) {
            auto const& ext = releases.front().extensions;
            std::string feed = "{\"kind\":\"feed\",\"uri\":";
            sdk::detail::append_json_string(feed, uri);
            for (auto const* key : {"title", "link", "subtitle", "language", "updated", "generator",
                                    "format", "encoding"}) {
                feed += ",\"";
                feed += key;
                feed += "\":";
                auto it = ext.find(std::string("feed_") + key);
                sdk::detail::append_json_nullable(feed, it == ext.end() ? "" : it->second);
            }
            out << feed << ",\"items\":" << releases.size() << "}\n";
        }
        auto const now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        std::size_t ordinal = 0;
        for (auto& r : releases) {
            core::complete_identity(
                r, core::origin{source_id_, source_plugin_, uri, name, ++ordinal}, now);
            out << "{\"kind\":\"release\"," << sdk::to_json(r).substr(1) << "\n";
        }
        return true;
    }

private:
    std::string decoder_name_;
    std::string source_id_;
    std::string source_plugin_;
    core::plugin_loader loader_;
    core::plugin_registry registry_;
    std::ostream& err_;
    std::shared_ptr<cli_services> services_;
    std::vector<std::unique_ptr<core::plugin_instance>> decoders_;
    std::vector<core::decoder_claims> claims_;
    std::vector<std::unique_ptr<core::plugin_instance>> transforms_;
    bool ready_ = false;
};

}  // namespace

int parse_command(std::vector<fs::path> const& files, std::string const& decoder_name,
                  std::vector<std::string> const& transform_names,
                  std::vector<fs::path> const& plugin_dirs, std::ostream& out, std::ostream& err) {
    decode_session session(decoder_name, transform_names, plugin_dirs, "parse", "file", err);
    if (!session.ready()) {
        return exit_failure;
    }
    int code = exit_ok;
    for (auto const& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            err << file.string() << ": cannot read: " << std::strerror(errno) << "\n";
            code = exit_failure;
            continue;
        }
        std::stringstream buffer;
        buffer << in.rdbuf();
        std::string const payload = buffer.str();
        std::string const name = file.filename().string();
        std::string const uri = fs::absolute(file).lexically_normal().string();
        if (!session.decode_and_print(file.string(), payload, "", uri, name, nullptr, out)) {
            code = exit_failure;
        }
    }
    return code;
}

int fetch_command(fetch_options const& o, std::ostream& out, std::ostream& err) {
    if (o.url.rfind("http://", 0) != 0 && o.url.rfind("https://", 0) != 0) {
        err << "error: '" << o.url << "' is not an http:// or https:// URL\n";
        return exit_failure;
    }
    decode_session session(o.decoder, o.transforms, o.plugin_dirs, "fetch", "http", err);
    if (!session.ready()) {
        return exit_failure;
    }
    boost::asio::io_context io;
    auto client_options = core::http::daemon_options(
        o.contact.empty() ? std::nullopt : std::optional<std::string>(o.contact));
    core::http::http_client client(io, client_options);
    core::http::request req;
    req.url = o.url;
    // The same Accept header and conditional headers as the http source.
    req.headers.emplace_back("Accept",
                             "application/rss+xml, application/atom+xml, application/feed+json, "
                             "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8");
    if (!o.if_none_match.empty()) {
        req.headers.emplace_back("If-None-Match", o.if_none_match);
    }
    if (!o.if_modified_since.empty()) {
        req.headers.emplace_back("If-Modified-Since", o.if_modified_since);
    }
    for (auto const& h : o.headers) {
        auto colon = h.find(':');
        if (colon == std::string::npos || colon == 0 ||
            h.find_first_of("\r\n") != std::string::npos) {
            err << "error: --header '" << h << "' is not of the form 'Name: value'\n";
            return exit_failure;
        }
        auto value = h.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        req.headers.emplace_back(h.substr(0, colon), value);
    }
    req.allow_private = o.allow_private;
    req.proxy = o.proxy;
    if (o.max_body_bytes != 0) {
        req.max_body_bytes = o.max_body_bytes;
    }
    std::optional<core::http::response> got;
    client.start(std::move(req), [&got](core::http::response r) { got = std::move(r); });
    while (!got && io.run_one() > 0) {
    }
    if (!got || !got->ok) {
        err << o.url << ": " << (got ? got->error : std::string("no response")) << "\n";
        return exit_failure;
    }
    auto const& r = *got;
    auto header = [&r](std::string_view name) { return r.header(name).value_or(""); };
    std::string redirects;
    for (auto const& [k, v] : r.headers) {
        if (k == core::http::redirect_header) {
            redirects += (redirects.empty() ? "" : ",") + v;
        }
    }
    err << "HTTP " << r.status << " " << r.url << "\n";
    if (!redirects.empty()) {
        err << "redirects: " << redirects << "\n";
    }
    for (auto const* name : {"Content-Type", "ETag", "Last-Modified", "Cache-Control"}) {
        if (auto v = header(name); !v.empty()) {
            err << name << ": " << v << "\n";
        }
    }
    err << "body: " << r.body.size() << " bytes\n";
    if (r.status == 304) {
        err << "not modified: nothing to parse\n";
        return exit_ok;
    }
    if (r.status < 200 || r.status >= 300) {
        err << o.url << ": HTTP " << r.status << ": nothing parsed\n";
        return exit_failure;
    }
    auto content_type = header("Content-Type");
    auto media_type = content_type.substr(0, content_type.find(';'));
    media_type.erase(media_type.find_last_not_of(" \t") + 1);
    std::transform(media_type.begin(), media_type.end(), media_type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::vector<std::pair<std::string, std::string>> metadata{
        {"content_type", content_type},
        {"etag", header("ETag")},
        {"last_modified", header("Last-Modified")},
        {"status", std::to_string(r.status)},
        {"url", o.url}};
    auto const effective = r.url.empty() ? o.url : r.url;
    auto name = effective.substr(effective.find("://") + 3);
    name = name.substr(name.find_last_of('/') + 1);
    name = name.substr(0, name.find_first_of("?#"));
    return session.decode_and_print(o.url, r.body, media_type, effective, name, &metadata, out)
               ? exit_ok
               : exit_failure;
}

int dlq_list_command(fs::path const& config, std::optional<std::string> const& sink,
                     std::ostream& out, std::ostream& err) {
    auto dir = state_dir_of(config, err);
    if (!dir) {
        return exit_failure;
    }
    try {
        core::state_db db(*dir, true);
        auto letters = db.dead_letters(sink);
        if (letters.empty()) {
            out << "no dead letters" << (sink ? " for sink " + *sink : std::string()) << "\n";
            return exit_ok;
        }
        out << std::left << std::setw(6) << "ID" << std::setw(16) << "SINK" << std::setw(22)
            << "FAILED" << std::setw(9) << "ATTEMPTS"
            << "TITLE / ERROR\n";
        for (auto const& d : letters) {
            out << std::left << std::setw(6) << d.id << std::setw(16) << d.sink_id << std::setw(22)
                << format_time_ms(d.failed_at_ms) << std::setw(9) << d.attempts << title_of(d.json)
                << "\n"
                << std::string(53, ' ') << d.last_error << "\n";
        }
        return exit_ok;
    } catch (std::exception const& e) {
        err << "ingestctl dlq: " << e.what() << "\n";
        return exit_failure;
    }
}

int dlq_show_command(fs::path const& config, std::int64_t id, std::ostream& out,
                     std::ostream& err) {
    auto dir = state_dir_of(config, err);
    if (!dir) {
        return exit_failure;
    }
    try {
        core::state_db db(*dir, true);
        auto d = db.dead_letter_by_id(id);
        if (!d) {
            err << "ingestctl dlq show: no dead letter " << id << "\n";
            return exit_failure;
        }
        out << "id:         " << d->id << "\nsink:       " << d->sink_id
            << "\nrelease:    " << d->release_id << " (revision " << d->revision << ")"
            << "\nfailed at:  " << format_time_ms(d->failed_at_ms)
            << "\nattempts:   " << d->attempts << "\nerror:      " << d->last_error << "\nrecord:\n"
            << d->json << "\n";
        return exit_ok;
    } catch (std::exception const& e) {
        err << "ingestctl dlq: " << e.what() << "\n";
        return exit_failure;
    }
}

int dlq_move_command(fs::path const& config, bool replay, std::optional<std::int64_t> id,
                     std::optional<std::string> const& sink, std::ostream& out, std::ostream& err) {
    auto dir = state_dir_of(config, err);
    if (!dir) {
        return exit_failure;
    }
    try {
        core::state_db db(*dir);
        if (replay) {
            auto n = db.replay(id, sink);
            out << n << " dead letter(s) back in their outbox; the daemon delivers them at its "
                << "next drain (or: ingestctl run --once " << config.string() << ")\n";
        } else {
            auto n = db.drop(id, sink);
            out << n << " dead letter(s) dropped\n";
        }
        if (id && !replay) {
            return exit_ok;
        }
        return exit_ok;
    } catch (std::exception const& e) {
        err << "ingestctl dlq: " << e.what() << "\n";
        return exit_failure;
    }
}

int search_command(fs::path const& db_path, std::string const& query, bool list, int limit,
                   std::ostream& out, std::ostream& err) {
    std::error_code ec;
    if (!fs::is_regular_file(db_path, ec)) {
        err << "ingestctl search: " << db_path.string()
            << " does not exist (it is the path of an sqlite sink)\n";
        return exit_failure;
    }
    try {
        core::sqlite::database db(db_path.string(), true);
        std::string const columns =
            "SELECT COALESCE(r.published, r.published_raw, '(no date)'), r.source_id, r.title ";
        auto st = list ? db.prepare(columns +
                                    "FROM releases r ORDER BY r.published DESC, r.doc_id DESC "
                                    "LIMIT ?1")
                       : db.prepare(columns +
                                    "FROM releases_fts f JOIN releases r ON r.doc_id = f.rowid "
                                    "WHERE releases_fts MATCH ?2 ORDER BY rank LIMIT ?1");
        st.bind(1, limit);
        if (!list) {
            st.bind(2, query);
        }
        int n = 0;
        while (st.step()) {
            if (n == 0) {
                out << std::left << std::setw(22) << "DATE" << std::setw(14) << "SOURCE"
                    << "TITLE\n";
            }
            ++n;
            auto date = st.column_text(0);
            out << std::left << std::setw(22) << date.substr(0, 21) << std::setw(14)
                << st.column_text(1) << st.column_text(2) << "\n";
        }
        if (n == 0) {
            out << (list ? std::string("no releases yet") : "no release matches '" + query + "'")
                << "\n";
        }
        return exit_ok;
    } catch (core::sqlite::sqlite_error const& e) {
        err << "ingestctl search: " << e.what() << "\n";
        return exit_failure;
    }
}

}  // namespace ingest::ctl
