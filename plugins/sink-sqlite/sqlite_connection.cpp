#include "sqlite_connection.hpp"

#include <limits>
#include <utility>

namespace ingest::plugins::sink_sqlite {

namespace {

/// Symbolic names of the primary result codes a sink meets in practice.
char const* primary_code_name(int primary) noexcept {
    switch (primary) {
        case SQLITE_ERROR:
            return "SQLITE_ERROR";
        case SQLITE_PERM:
            return "SQLITE_PERM";
        case SQLITE_ABORT:
            return "SQLITE_ABORT";
        case SQLITE_BUSY:
            return "SQLITE_BUSY";
        case SQLITE_LOCKED:
            return "SQLITE_LOCKED";
        case SQLITE_NOMEM:
            return "SQLITE_NOMEM";
        case SQLITE_READONLY:
            return "SQLITE_READONLY";
        case SQLITE_INTERRUPT:
            return "SQLITE_INTERRUPT";
        case SQLITE_IOERR:
            return "SQLITE_IOERR";
        case SQLITE_CORRUPT:
            return "SQLITE_CORRUPT";
        case SQLITE_FULL:
            return "SQLITE_FULL";
        case SQLITE_CANTOPEN:
            return "SQLITE_CANTOPEN";
        case SQLITE_PROTOCOL:
            return "SQLITE_PROTOCOL";
        case SQLITE_SCHEMA:
            return "SQLITE_SCHEMA";
        case SQLITE_TOOBIG:
            return "SQLITE_TOOBIG";
        case SQLITE_CONSTRAINT:
            return "SQLITE_CONSTRAINT";
        case SQLITE_MISMATCH:
            return "SQLITE_MISMATCH";
        case SQLITE_MISUSE:
            return "SQLITE_MISUSE";
        case SQLITE_RANGE:
            return "SQLITE_RANGE";
        case SQLITE_NOTADB:
            return "SQLITE_NOTADB";
        default:
            return nullptr;
    }
}

int checked_length(std::string_view value) noexcept {
    // Longer than INT_MAX cannot be bound; SQLite's own limit (1e9 by default) is lower.
    return value.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())
               ? -1
               : static_cast<int>(value.size());
}

}  // namespace

std::string result_code_name(int code) {
    char const* name = primary_code_name(code & 0xff);
    return name != nullptr ? std::string(name) : "SQLITE_" + std::to_string(code & 0xff);
}

std::string sql_status::describe() const {
    std::string out = message.empty() ? std::string(sqlite3_errstr(code)) : message;
    if (char const* name = primary_code_name(primary())) {
        out += " (";
        out += name;
        if (code != primary()) {
            out += ", extended code " + std::to_string(code);
        }
        out += ")";
    } else {
        out += " (sqlite result code " + std::to_string(code) + ")";
    }
    return out;
}

// ---------------------------------------------------------------------------- statement --

statement::statement(statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

statement& statement::operator=(statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

statement::~statement() {
    sqlite3_finalize(stmt_);
}

int statement::bind_text(int index, std::string_view value) {
    int const length = checked_length(value);
    if (length < 0) {
        return SQLITE_TOOBIG;
    }
    // An empty view may have a null data pointer, which SQLite would bind as NULL.
    char const* data = value.data() != nullptr ? value.data() : "";
    return sqlite3_bind_text(stmt_, index, data, length, SQLITE_TRANSIENT);
}

int statement::bind_text_or_null(int index, std::string_view value) {
    return value.empty() ? sqlite3_bind_null(stmt_, index) : bind_text(index, value);
}

int statement::bind_optional_text(int index, std::optional<std::string> const& value) {
    return value ? bind_text(index, *value) : sqlite3_bind_null(stmt_, index);
}

int statement::bind_int64(int index, std::int64_t value) {
    return sqlite3_bind_int64(stmt_, index, static_cast<sqlite3_int64>(value));
}

int statement::step() noexcept {
    return sqlite3_step(stmt_);
}

sql_status statement::run() {
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW) {
        rc = sqlite3_step(stmt_);
    }
    sql_status out{rc, {}};
    if (rc != SQLITE_DONE) {
        out.message = sqlite3_errmsg(sqlite3_db_handle(stmt_));
    }
    reset();
    return out;
}

std::int64_t statement::column_int64(int column) const noexcept {
    return static_cast<std::int64_t>(sqlite3_column_int64(stmt_, column));
}

std::optional<std::string> statement::column_text(int column) const {
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) {
        return std::nullopt;
    }
    auto const* text = sqlite3_column_text(stmt_, column);
    auto const size = sqlite3_column_bytes(stmt_, column);
    if (text == nullptr) {
        return std::string();
    }
    return std::string(reinterpret_cast<char const*>(text), static_cast<std::size_t>(size));
}

void statement::reset() noexcept {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

// --------------------------------------------------------------------------- connection --

connection::connection(connection&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

connection& connection::operator=(connection&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

connection::~connection() {
    close();
}

sql_status connection::open(std::string const& path, int flags) {
    close();
    sqlite3* db = nullptr;
    int const rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        sql_status out{rc, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)};
        if (db != nullptr) {
            out.code = sqlite3_extended_errcode(db);
        }
        sqlite3_close_v2(db);
        return out;
    }
    sqlite3_extended_result_codes(db, 1);
    db_ = db;
    return {};
}

void connection::close() noexcept {
    if (db_ != nullptr) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
    }
}

sql_status connection::exec(char const* sql) {
    char* error = nullptr;
    int const rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
    sql_status out{rc, {}};
    if (rc != SQLITE_OK) {
        out.message = error != nullptr ? error : sqlite3_errmsg(db_);
        out.code = sqlite3_extended_errcode(db_);
    }
    sqlite3_free(error);
    return out;
}

sql_status connection::prepare(std::string_view sql, statement& out) {
    sqlite3_stmt* stmt = nullptr;
    int const rc = sqlite3_prepare_v2(db_, sql.data(), checked_length(sql), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return status(rc);
    }
    out = statement(stmt);
    return {};
}

sql_status connection::query_int64(char const* sql, std::int64_t& out) {
    statement stmt;
    if (auto st = prepare(sql, stmt); !st.ok()) {
        return st;
    }
    int const rc = stmt.step();
    if (rc == SQLITE_ROW) {
        out = stmt.column_int64(0);
        return {};
    }
    if (rc == SQLITE_DONE) {
        return {SQLITE_ERROR, std::string("no row from: ") + sql};
    }
    return status(rc);
}

sql_status connection::query_text(char const* sql, std::string& out) {
    statement stmt;
    if (auto st = prepare(sql, stmt); !st.ok()) {
        return st;
    }
    int const rc = stmt.step();
    if (rc == SQLITE_ROW) {
        out = stmt.column_text(0).value_or(std::string());
        return {};
    }
    if (rc == SQLITE_DONE) {
        return {SQLITE_ERROR, std::string("no row from: ") + sql};
    }
    return status(rc);
}

bool connection::in_transaction() const noexcept {
    return db_ != nullptr && sqlite3_get_autocommit(db_) == 0;
}

bool connection::read_only() const noexcept {
    return db_ != nullptr && sqlite3_db_readonly(db_, "main") == 1;
}

sql_status connection::status(int code) const {
    sql_status out{code, {}};
    if (db_ != nullptr) {
        out.message = sqlite3_errmsg(db_);
        // Prefer the extended code SQLite recorded for the same failure.
        int const extended = sqlite3_extended_errcode(db_);
        if ((extended & 0xff) == (code & 0xff)) {
            out.code = extended;
        }
    } else {
        out.message = sqlite3_errstr(code);
    }
    return out;
}

}  // namespace ingest::plugins::sink_sqlite
