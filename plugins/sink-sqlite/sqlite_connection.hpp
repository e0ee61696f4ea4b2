// A small RAII layer over the SQLite C API, private to the sqlite sink plugin.
//
// Plugins cannot share the core's code, so this folder carries its own wrapper. It owns
// sqlite3 and sqlite3_stmt handles and turns result codes into sql_status values; it does
// not throw, so the data path (write_batch) can decide per failure what it means.
// Not thread-safe: one connection and its statements are used by one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ingest::plugins::sink_sqlite {

/// The outcome of one SQLite call: an extended result code and, on failure, SQLite's text.
struct sql_status {
    int code = SQLITE_OK;
    std::string message;

    /// True for SQLITE_OK, SQLITE_ROW and SQLITE_DONE.
    bool ok() const noexcept {
        return code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE;
    }
    /// The primary result code (SQLITE_BUSY for SQLITE_BUSY_SNAPSHOT, ...).
    int primary() const noexcept { return code & 0xff; }
    /// "database is locked (SQLITE_BUSY)": the message and the symbolic code.
    std::string describe() const;
};

/// "SQLITE_BUSY" for any code whose primary code is SQLITE_BUSY; "SQLITE_<n>" for codes
/// without a name here.
std::string result_code_name(int code);

/// A prepared statement. Values bound with bind_*() are copied by SQLite, so callers need
/// not keep them alive. Move-only; finalized on destruction.
class statement {
public:
    statement() = default;
    explicit statement(sqlite3_stmt* stmt) noexcept : stmt_(stmt) {}
    statement(statement&& other) noexcept;
    statement& operator=(statement&& other) noexcept;
    statement(statement const&) = delete;
    statement& operator=(statement const&) = delete;
    ~statement();

    /// Parameters are 1-based, as in SQLite. Each returns the SQLite result code.
    int bind_text(int index, std::string_view value);
    /// Binds NULL for an empty string, the text otherwise.
    int bind_text_or_null(int index, std::string_view value);
    int bind_optional_text(int index, std::optional<std::string> const& value);
    int bind_int64(int index, std::int64_t value);

    /// Steps once: SQLITE_ROW, SQLITE_DONE or an error code.
    int step() noexcept;
    /// Steps until SQLITE_DONE (rows are discarded) and resets the statement, keeping no
    /// bindings. Returns the first error, with the connection's message.
    sql_status run();

    std::int64_t column_int64(int column) const noexcept;
    /// The column as text; nullopt for NULL.
    std::optional<std::string> column_text(int column) const;

    /// Resets the statement and clears its bindings so it can run again.
    void reset() noexcept;
    bool valid() const noexcept { return stmt_ != nullptr; }

private:
    sqlite3_stmt* stmt_ = nullptr;
};

/// One connection to a database file. Move-only; closed on destruction.
class connection {
public:
    connection() = default;
    connection(connection&& other) noexcept;
    connection& operator=(connection&& other) noexcept;
    connection(connection const&) = delete;
    connection& operator=(connection const&) = delete;
    ~connection();

    /// Opens path with sqlite3_open_v2(flags) and turns on extended result codes. On
    /// failure the connection stays closed and the status says why.
    sql_status open(std::string const& path, int flags);
    /// Closes the connection; statements still alive keep it open until they are finalized
    /// (sqlite3_close_v2), so call this after destroying them.
    void close() noexcept;
    bool is_open() const noexcept { return db_ != nullptr; }

    /// Runs one or more statements without results.
    sql_status exec(char const* sql);
    sql_status exec(std::string const& sql) { return exec(sql.c_str()); }
    /// Prepares one statement into out.
    sql_status prepare(std::string_view sql, statement& out);
    /// Runs a statement that yields one integer (e.g. a PRAGMA) into out.
    sql_status query_int64(char const* sql, std::int64_t& out);
    /// Runs a statement that yields one text value (NULL becomes "") into out.
    sql_status query_text(char const* sql, std::string& out);

    /// True while a transaction is open (sqlite3_get_autocommit() is 0).
    bool in_transaction() const noexcept;
    /// True when the main database was opened read-only.
    bool read_only() const noexcept;
    /// The status for code with the connection's current error message.
    sql_status status(int code) const;

    sqlite3* get() const noexcept { return db_; }

private:
    sqlite3* db_ = nullptr;
};

}  // namespace ingest::plugins::sink_sqlite
