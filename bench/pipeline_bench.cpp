// Pipeline throughput: N generated press releases dropped as files, ingested by
// `ingestd --once` (dir source -> press-text decoder -> durable outbox -> SQLite sink), against
// a plain batched SQLite insert of the same rows with a unique key, in the same run.
//
//   build/bin/pipeline_bench [N=100000] [--batch N=2000] [--keep DIR] [--generate-only]
//
// Prints both rates and their ratio. Not a test: run it by hand, on an idle machine.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

namespace {

struct row {
    std::string id;
    std::string title;
    std::string body;
    std::string tags;
};

row make_row(int i) {
    row r;
    r.id = "release-" + std::to_string(i);
    r.title = "Regional office " + std::to_string(i) + " opens to serve displaced families";
    std::ostringstream body;
    body << "Town " << i << " – The regional office opened today and will serve " << (100 + i)
         << " families displaced by the floods of last spring, with legal aid, schooling "
            "support and referrals to health services.\n\n“We are here to stay,” said Ana "
            "Pérez, head of office, at the opening. “Families need to know where to go "
            "before they need it.”\n\nThe office is funded for three years.";
    r.body = body.str();
    r.tags = "region " + std::to_string(i % 7) + ", offices, displacement";
    return r;
}

std::string press_text(row const& r, int i) {
    std::ostringstream out;
    out << r.title << "\n\nDate Publish: \n"
        << (1 + i % 28) << " / " << (1 + i % 12) << " / 2024\n\n"
        << r.body
        << "\n\nFor more information, please contact Ana Pérez at Regional Office, Tel: +41 22 "
           "717 9111, Email: press@example.org\n\n"
        << r.tags << "\n";
    return out.str();
}

void check(int rc, sqlite3* db, char const* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::cerr << what << ": " << sqlite3_errmsg(db) << "\n";
        std::exit(1);
    }
}

/// The first baseline (kept for comparison with earlier runs): five columns of the generated
/// rows (id, title, body, tags, a small JSON), a unique key on id, no other index, WAL +
/// synchronous=FULL like the sink, `batch` rows per transaction.
double plain_insert(fs::path const& db_path, std::vector<row> const& rows, std::size_t batch) {
    sqlite3* db = nullptr;
    check(sqlite3_open(db_path.c_str(), &db), db, "open");
    check(sqlite3_exec(db,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                       "CREATE TABLE releases (id TEXT PRIMARY KEY, title TEXT, body TEXT, "
                       "tags TEXT, json TEXT)",
                       nullptr, nullptr, nullptr),
          db, "schema");
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO releases VALUES (?1, ?2, ?3, ?4, ?5)", -1, &st,
                             nullptr),
          db, "prepare");
    auto const start = clock_type::now();
    for (std::size_t i = 0; i < rows.size(); i += batch) {
        check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
        for (std::size_t k = i; k < std::min(rows.size(), i + batch); ++k) {
            auto const& r = rows[k];
            std::string const json = "{\"id\":\"" + r.id + "\",\"title\":\"" + r.title + "\"}";
            sqlite3_bind_text(st, 1, r.id.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, r.title.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, r.body.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, r.tags.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, json.c_str(), -1, SQLITE_TRANSIENT);
            check(sqlite3_step(st), db, "insert");
            sqlite3_reset(st);
        }
        check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    }
    double const secs = std::chrono::duration<double>(clock_type::now() - start).count();
    sqlite3_finalize(st);
    sqlite3_close(db);
    return secs;
}

/// Values read from one table, each row a list of column values (sqlite3_value_dup copies).
struct table_rows {
    int columns = 0;
    std::vector<std::vector<sqlite3_value*>> rows;
    table_rows() = default;
    table_rows(table_rows const&) = delete;
    table_rows& operator=(table_rows const&) = delete;
    ~table_rows() {
        for (auto& r : rows) {
            for (auto* v : r) {
                sqlite3_value_free(v);
            }
        }
    }
};

void read_table(sqlite3* db, std::string const& select, table_rows& out) {
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v2(db, select.c_str(), -1, &st, nullptr), db, "prepare");
    out.columns = sqlite3_column_count(st);
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::vector<sqlite3_value*> r;
        for (int c = 0; c < out.columns; ++c) {
            r.push_back(sqlite3_value_dup(sqlite3_column_value(st, c)));
        }
        out.rows.push_back(std::move(r));
    }
    sqlite3_finalize(st);
}

sqlite3_stmt* insert_into(sqlite3* db, std::string const& table, int columns) {
    std::string sql = "INSERT INTO " + table + " VALUES (";
    for (int c = 0; c < columns; ++c) {
        sql += c == 0 ? "?" : ", ?";
    }
    sql += ")";
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), db, "prepare");
    return st;
}

void insert_row(sqlite3* db, sqlite3_stmt* st, std::vector<sqlite3_value*> const& values) {
    for (std::size_t c = 0; c < values.size(); ++c) {
        sqlite3_bind_value(st, static_cast<int>(c) + 1, values[c]);
    }
    check(sqlite3_step(st), db, "insert");
    sqlite3_reset(st);
}

/// The baseline read literally: the same rows, plainly inserted. The rows the
/// sink stored (`releases` and `revisions`, every column as stored) are read back from the
/// sink's database and inserted into a new database with the sink's own schema (unique id,
/// indexes, CHECK constraints, the FTS5 index kept by its triggers) and the sink's pragmas
/// (WAL, synchronous=FULL, foreign keys, 32 MiB page cache), in transactions of the sink's batch
/// size. What it does not do is everything the pipeline adds: reading files, decoding, identities,
/// the durable outbox, the ledger, checkpoints and moving the files.
double same_rows_insert(fs::path const& sink_db, fs::path const& db_path, std::size_t batch) {
    sqlite3* src = nullptr;
    check(sqlite3_open_v2(sink_db.c_str(), &src, SQLITE_OPEN_READONLY, nullptr), src, "open");
    std::vector<std::string> schema;
    {
        sqlite3_stmt* st = nullptr;
        // Shadow tables of the FTS5 index are made by its CREATE VIRTUAL TABLE (its triggers,
        // named like them, are not).
        check(sqlite3_prepare_v2(
                  src,
                  "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE "
                  "'sqlite_%' AND NOT (sqlite_master.type = 'table' AND EXISTS (SELECT 1 FROM "
                  "sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' AND "
                  "sqlite_master.name LIKE v.name || '\\_%' ESCAPE '\\')) ORDER BY rowid",
                  -1, &st, nullptr),
              src, "schema");
        while (sqlite3_step(st) == SQLITE_ROW) {
            schema.emplace_back(reinterpret_cast<char const*>(sqlite3_column_text(st, 0)));
        }
        sqlite3_finalize(st);
    }
    table_rows releases;
    table_rows revisions;
    read_table(src, "SELECT * FROM releases ORDER BY doc_id", releases);
    read_table(src, "SELECT * FROM revisions ORDER BY rowid", revisions);
    sqlite3_close(src);

    sqlite3* db = nullptr;
    check(sqlite3_open(db_path.c_str(), &db), db, "open");
    check(sqlite3_exec(db,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                       "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768",
                       nullptr, nullptr, nullptr),
          db, "pragmas");
    for (auto const& sql : schema) {
        check(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), db, sql.c_str());
    }
    sqlite3_stmt* put_release = insert_into(db, "releases", releases.columns);
    sqlite3_stmt* put_revision = insert_into(db, "revisions", revisions.columns);
    auto const start = clock_type::now();
    std::size_t k = 0;  // next revision row: revisions follow their release
    for (std::size_t i = 0; i < releases.rows.size(); i += batch) {
        check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
        std::size_t const end = std::min(releases.rows.size(), i + batch);
        for (std::size_t r = i; r < end; ++r) {
            insert_row(db, put_release, releases.rows[r]);
        }
        for (std::size_t const want = k + (end - i); k < std::min(want, revisions.rows.size());
             ++k) {
            insert_row(db, put_revision, revisions.rows[k]);
        }
        check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    }
    double const secs = std::chrono::duration<double>(clock_type::now() - start).count();
    sqlite3_finalize(put_release);
    sqlite3_finalize(put_revision);
    {
        // The same work: the FTS index (kept by the copied triggers) finds every release.
        sqlite3_stmt* st = nullptr;
        check(sqlite3_prepare_v2(db,
                                 "SELECT count(*) FROM releases_fts WHERE releases_fts MATCH "
                                 "'regional'",
                                 -1, &st, nullptr),
              db, "fts check");
        check(sqlite3_step(st), db, "fts check");
        auto const found = static_cast<std::size_t>(sqlite3_column_int64(st, 0));
        sqlite3_finalize(st);
        if (found != releases.rows.size()) {
            std::cerr << "baseline: the FTS index finds " << found << " of " << releases.rows.size()
                      << " releases\n";
            std::exit(1);
        }
    }
    sqlite3_close(db);
    return secs;
}

}  // namespace

int main(int argc, char** argv) {
    int n = 100000;
    fs::path keep;
    bool generate_only = false;
    std::size_t batch = 2000;  // files per poll, releases per sink batch and per baseline commit
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--keep" && i + 1 < argc) {
            keep = argv[++i];
        } else if (a == "--batch" && i + 1 < argc) {
            batch = static_cast<std::size_t>(std::atoi(argv[++i]));
        } else if (a == "--generate-only") {
            generate_only = true;
        } else {
            n = std::atoi(argv[i]);
        }
    }
    fs::path const exe = fs::read_symlink("/proc/self/exe").parent_path();
    fs::path const ingestd = exe / "ingestd";
    fs::path dir = keep.empty()
                       ? fs::temp_directory_path() / ("ingest-bench-" + std::to_string(::getpid()))
                       : keep;
    fs::remove_all(dir);
    fs::create_directories(dir / "drops");

    std::vector<row> rows;
    rows.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        rows.push_back(make_row(i));
        std::ofstream(dir / "drops" / ("release-" + std::to_string(i) + ".txt"))
            << press_text(rows.back(), i);
    }
    std::ofstream(dir / "ingestd.toml")
        << "[daemon]\nstate_dir = \"" << (dir / "state").string()
        << "\"\nlog_level = \"warn\"\n\n[[sources]]\nid = \"drops\"\nplugin = \"dir\"\npath = \""
        << (dir / "drops").string()
        << "\"\nsettle_time = \"0s\"\nwatch = false\nafter_ack = \"move\"\n"
           "max_items_per_poll = "
        << batch << "\n\n[[sinks]]\nid = \"archive\"\nplugin = \"sqlite\"\npath = \""
        << (dir / "releases.db").string() << "\"\nbatch_size = " << batch
        << "\n\n[[routes]]\nfrom = [\"*\"]\nto = [\"archive\"]\n";

    std::cout << "generated " << n << " press releases as files in " << dir << "\n";
    if (generate_only) {
        std::cout << "ingest them with: " << ingestd.string() << " --config "
                  << (dir / "ingestd.toml").string() << " --once\n";
        return 0;
    }
    auto const start = clock_type::now();
    std::string const cmd = ingestd.string() + " --config " + (dir / "ingestd.toml").string() +
                            " --once --drain-timeout 10m";
    int const rc = std::system(cmd.c_str());
    double const pipeline_secs = std::chrono::duration<double>(clock_type::now() - start).count();
    if (rc != 0) {
        std::cerr << "ingestd failed (" << rc << ")\n";
        return 1;
    }
    double const same_secs = same_rows_insert(dir / "releases.db", dir / "same-rows.db", batch);
    double const plain_secs = plain_insert(dir / "plain.db", rows, batch);

    double const pipeline_rate = n / pipeline_secs;
    double const same_rate = n / same_secs;
    double const plain_rate = n / plain_secs;
    std::printf("pipeline (files -> ingestd -> sqlite sink):  %8.2f s  %10.0f releases/s\n",
                pipeline_secs, pipeline_rate);
    std::printf("plain insert of the sink's rows and schema:  %8.2f s  %10.0f releases/s\n",
                same_secs, same_rate);
    std::printf("plain insert of five columns, no index:      %8.2f s  %10.0f releases/s\n",
                plain_secs, plain_rate);
    std::printf("ratio pipeline / plain insert of the same rows: %.2f\n",
                pipeline_rate / same_rate);
    std::printf("ratio pipeline / five-column insert:            %.2f\n",
                pipeline_rate / plain_rate);
    if (keep.empty()) {
        fs::remove_all(dir);
    }
    return 0;
}
