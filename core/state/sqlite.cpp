#include "state/sqlite.hpp"

namespace ingest::core::sqlite {

database::database(std::string const& path, bool read_only) : path_(path) {
    int const flags =
        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    int const rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string const msg = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw sqlite_error(rc, "cannot open " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
}

database::~database() {
    for (auto& [sql, stmt] : cache_) {
        sqlite3_finalize(stmt);
    }
    if (db_ != nullptr) {
        sqlite3_close_v2(db_);
    }
}

void database::check(int rc, std::string_view what) const {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) {
        return;
    }
    throw sqlite_error(rc, std::string(what) + " (" + path_ + "): " + sqlite3_errmsg(db_));
}

void database::exec(std::string_view sql) {
    std::string const s(sql);
    char* err = nullptr;
    int const rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string const msg = err != nullptr ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw sqlite_error(rc, "sqlite exec (" + path_ + "): " + msg);
    }
}

statement database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    int const rc =
        sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    check(rc, "prepare");
    return statement(*this, stmt);
}

statement database::cached(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        sqlite3_stmt* stmt = nullptr;
        int const rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        check(rc, "prepare");
        it = cache_.emplace(std::string(sql), stmt).first;
    }
    return statement(*this, it->second, false);
}

std::int64_t database::last_insert_rowid() const noexcept {
    return sqlite3_last_insert_rowid(db_);
}
int database::changes() const noexcept {
    return sqlite3_changes(db_);
}

statement::~statement() {
    if (stmt_ == nullptr) {
        return;
    }
    if (owned_) {
        sqlite3_finalize(stmt_);
    } else {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
}

statement& statement::bind(int index, std::string_view text) {
    db_->check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                                 SQLITE_TRANSIENT),
               "bind");
    return *this;
}

statement& statement::bind_int(int index, std::int64_t value) {
    db_->check(sqlite3_bind_int64(stmt_, index, value), "bind");
    return *this;
}

statement& statement::bind_null(int index) {
    db_->check(sqlite3_bind_null(stmt_, index), "bind");
    return *this;
}

bool statement::step() {
    int const rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    db_->check(rc, "step");
    return false;
}

void statement::run() {
    while (step()) {
    }
}

void statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::int64_t statement::column_int(int index) const {
    return sqlite3_column_int64(stmt_, index);
}

std::string statement::column_text(int index) const {
    auto const* p = sqlite3_column_text(stmt_, index);
    int const n = sqlite3_column_bytes(stmt_, index);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<char const*>(p), n);
}

bool statement::column_is_null(int index) const {
    return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

transaction::transaction(database& db)
    : db_(db), nested_(sqlite3_get_autocommit(db.handle()) == 0) {
    db_.exec(nested_ ? "SAVEPOINT ingest_transaction" : "BEGIN IMMEDIATE");
}

transaction::~transaction() {
    if (!done_) {
        try {
            db_.exec(nested_ ? "ROLLBACK TO ingest_transaction; RELEASE ingest_transaction"
                             : "ROLLBACK");
        } catch (...) {
            // Nothing more can be done; SQLite rolls back on close anyway.
        }
    }
}

void transaction::commit() {
    db_.exec(nested_ ? "RELEASE ingest_transaction" : "COMMIT");
    done_ = true;
}

}  // namespace ingest::core::sqlite
