#include "core/store/sqlitedb_p.h"

#include "core/store/sqlitestatement_p.h"

#include <sqlite3.h>

#include <cassert>
#include <climits>
#include <optional>

namespace tapledger {

ErrorCode sqliteErrorCode(int rc) noexcept
{
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
        return ErrorCode::Corrupt;
    case SQLITE_CONSTRAINT:
        return ErrorCode::Conflict;
    case SQLITE_CANTOPEN:
        return ErrorCode::NotFound;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return ErrorCode::Denied;
    default:
        return ErrorCode::Io;
    }
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::open(const std::filesystem::path &path, Mode mode)
{
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (mode == Mode::CreateNew && exists)
        return fail(ErrorCode::AlreadyExists, "database " + path.string() + " already exists");
    if (mode == Mode::OpenExisting && !exists)
        return fail(ErrorCode::NotFound, "no database at " + path.string());

    sqlite3 *raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == Mode::CreateNew ? SQLITE_OPEN_CREATE : 0);
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    std::unique_ptr<SqliteDb> db(new SqliteDb(raw));
    if (rc != SQLITE_OK)
        return db->lastError("cannot open " + path.string());
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);
    // journal_mode answers with a row; the others are plain settings. Reading the schema here
    // also makes a non-database file fail now (SQLITE_NOTADB) rather than at first use.
    // A 16 MiB page cache (SQLite's default is 2 MiB): a kiosk ledger soon outgrows the default,
    // and every miss is a read from the OS.
    TL_TRY(db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                    "PRAGMA cache_size=-16384; SELECT count(*) FROM sqlite_schema;"));
    return db;
}

SqliteDb::~SqliteDb()
{
    for (auto &[text, cached] : m_cache) {
        assert(!cached.inUse && "a statement outlives its connection");
        sqlite3_finalize(cached.stmt);
    }
    sqlite3_close_v2(m_db);
}

Result<void> SqliteDb::exec(std::string_view sql)
{
    // A single statement (transaction control, most of all) runs through the cache; a script, or
    // text that does not compile (for the message sqlite3_exec gives), goes to sqlite3_exec.
    std::optional<SqliteStatement> single;
    if (m_cache.find(sql) != m_cache.end()) {
        auto stmt = prepare(sql);
        if (!stmt)
            return std::move(stmt).error();
        single.emplace(std::move(*stmt));
    } else {
        std::string_view tail;
        if (auto stmt = compile(sql, &tail); stmt && *stmt) {
            if (tail.find_first_not_of(" \t\r\n;") == std::string_view::npos)
                single.emplace(adopt(sql, *stmt));
            else
                sqlite3_finalize(*stmt);
        }
    }
    if (single) {
        while (true) {
            auto row = single->step();
            if (!row)
                return std::move(row).error();
            if (!*row)
                return {};
        }
    }
    const std::string text(sql);
    char *msg = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        std::string m = msg ? msg : sqlite3_errstr(rc);
        sqlite3_free(msg);
        return fail(sqliteErrorCode(rc), "database: " + m);
    }
    return {};
}

Result<sqlite3_stmt *> SqliteDb::compile(std::string_view sql, std::string_view *tail)
{
    sqlite3_stmt *stmt = nullptr;
    if (sql.size() > static_cast<size_t>(INT_MAX))
        return fail(ErrorCode::InvalidArgument, "statement too long");
    const char *end = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, &end);
    if (rc != SQLITE_OK)
        return lastError("prepare");
    if (tail)
        *tail = sql.substr(static_cast<size_t>(end - sql.data()));
    return stmt;
}

SqliteStatement SqliteDb::adopt(std::string_view sql, sqlite3_stmt *stmt)
{
    // Bounded, so SQL built from data cannot grow it without end; beyond it, no caching. An empty
    // text compiles to no statement: nothing to cache.
    constexpr size_t kMaxCached = 256;
    if (stmt && m_cache.size() < kMaxCached && m_cache.find(sql) == m_cache.end()) {
        auto &cached = m_cache.emplace(std::string(sql), CachedStatement{stmt, true}).first->second;
        return SqliteStatement(m_db, cached.stmt, &cached.inUse);
    }
    return SqliteStatement(m_db, stmt);
}

Result<SqliteStatement> SqliteDb::prepare(std::string_view sql)
{
    if (auto it = m_cache.find(sql); it != m_cache.end() && !it->second.inUse) {
        it->second.inUse = true;
        return SqliteStatement(m_db, it->second.stmt, &it->second.inUse);
    }
    auto stmt = compile(sql);
    if (!stmt)
        return std::move(stmt).error();
    return adopt(sql, *stmt);
}

int SqliteDb::changes() const noexcept
{
    return sqlite3_changes(m_db);
}

bool SqliteDb::inTransaction() const noexcept
{
    return sqlite3_get_autocommit(m_db) == 0;
}

Error SqliteDb::lastError(std::string_view context) const
{
    const int rc = m_db ? sqlite3_extended_errcode(m_db) : SQLITE_NOMEM;
    const char *msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    return fail(sqliteErrorCode(rc), std::string(context) + ": " + msg);
}

} // namespace tapledger
