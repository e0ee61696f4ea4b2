// A thin RAII wrapper over the sqlite3 C API: a connection, prepared statements with typed
// binds and reads, and a transaction guard. Errors throw sqlite_error carrying the SQLite
// result code and message, so callers can tell "busy"/"full" from a bug.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace ingest::core::sqlite {

class sqlite_error : public std::runtime_error {
public:
    sqlite_error(int code, std::string const& message) : std::runtime_error(message), code_(code) {}
    /// The primary result code (SQLITE_BUSY, SQLITE_FULL, ...).
    int code() const noexcept { return code_ & 0xff; }
    /// True for failures that may pass (busy, locked, disk full, I/O).
    bool transient() const noexcept {
        int const c = code();
        return c == SQLITE_BUSY || c == SQLITE_LOCKED || c == SQLITE_FULL || c == SQLITE_IOERR;
    }

private:
    int code_;
};

class statement;

/// One connection. Not thread-safe: guard it or keep it to one thread.
class database {
public:
    /// Opens (creating if needed) the file at path.
    explicit database(std::string const& path, bool read_only = false);
    ~database();
    database(database const&) = delete;
    database& operator=(database const&) = delete;

    /// Runs one or more statements without results.
    void exec(std::string_view sql);
    statement prepare(std::string_view sql);
    /// The statement for sql, prepared once per connection and kept until the connection
    /// closes (for the statements a hot path runs for every item). The returned handle
    /// resets it and clears its binds when it goes out of scope, so no read stays open.
    /// One handle per sql at a time.
    statement cached(std::string_view sql);
    std::int64_t last_insert_rowid() const noexcept;
    int changes() const noexcept;
    std::string const& path() const noexcept { return path_; }
    sqlite3* handle() const noexcept { return db_; }

    /// Throws sqlite_error for rc unless it is SQLITE_OK/ROW/DONE.
    void check(int rc, std::string_view what) const;

private:
    sqlite3* db_ = nullptr;
    std::string path_;
    std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

/// A prepared statement. bind() indexes start at 1, column() indexes at 0.
class statement {
public:
    /// owned: finalized at the end; otherwise (database::cached) only reset.
    statement(database& db, sqlite3_stmt* stmt, bool owned = true) noexcept
        : db_(&db), stmt_(stmt), owned_(owned) {}
    ~statement();
    statement(statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_), owned_(o.owned_) {
        o.stmt_ = nullptr;
    }
    statement& operator=(statement&&) = delete;
    statement(statement const&) = delete;
    statement& operator=(statement const&) = delete;

    statement& bind(int index, std::string_view text);
    statement& bind(int index, std::string const& text) {
        return bind(index, std::string_view(text));
    }
    statement& bind(int index, char const* text) { return bind(index, std::string_view(text)); }
    statement& bind_int(int index, std::int64_t value);
    template <class T, class = std::enable_if_t<std::is_integral_v<T>>>
    statement& bind(int index, T value) {
        return bind_int(index, static_cast<std::int64_t>(value));
    }
    statement& bind_null(int index);
    statement& bind(int index, std::optional<std::int64_t> value) {
        return value ? bind_int(index, *value) : bind_null(index);
    }
    statement& bind(int index, std::optional<std::string> const& text) {
        return text ? bind(index, std::string_view(*text)) : bind_null(index);
    }

    /// Steps once: true when a row is available.
    bool step();
    /// Steps to completion, ignoring rows.
    void run();
    /// Resets for another execution with new binds.
    void reset();

    std::int64_t column_int(int index) const;
    std::string column_text(int index) const;
    bool column_is_null(int index) const;

private:
    database* db_;
    sqlite3_stmt* stmt_;
    bool owned_;
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back unless committed. Inside a transaction already open
/// on the connection: a savepoint, released or rolled back to, whose writes are committed
/// with the enclosing transaction.
class transaction {
public:
    explicit transaction(database& db);
    ~transaction();
    transaction(transaction const&) = delete;
    transaction& operator=(transaction const&) = delete;
    void commit();

private:
    database& db_;
    bool nested_;
    bool done_ = false;
};

}  // namespace ingest::core::sqlite
