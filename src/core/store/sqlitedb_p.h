#pragma once
// Private to src/core: SQLite never appears in a public header.

#include "core/bytes.h"
#include "core/result.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace tapledger {

class SqliteStatement;

/// One SQLite connection, configured for durability: WAL, synchronous=FULL, foreign keys on,
/// a 5 s busy timeout, a 16 MiB page cache. Errors carry SQLite's message; corrupt or non-database files map to Corrupt.
/// Compiled statements are cached per connection, keyed by their SQL text: parsing costs more
/// than running most of the engine's statements. All statements must be gone before the connection.
class SqliteDb
{
public:
    enum class Mode { OpenExisting, CreateNew };

    /// Opens @p path. CreateNew fails with AlreadyExists if the file exists; OpenExisting with
    /// NotFound if it does not.
    static Result<std::unique_ptr<SqliteDb>> open(const std::filesystem::path &path, Mode mode);
    ~SqliteDb();
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;

    /// Runs one or more statements, discarding any rows (a single statement runs from the cache).
    Result<void> exec(std::string_view sql);
    /// The first statement of @p sql, compiled or taken from the cache (reset, no bindings). While
    /// it lives, the same text prepared again gets a separately compiled statement.
    Result<SqliteStatement> prepare(std::string_view sql);
    /// Rows changed by the last statement.
    int changes() const noexcept;
    /// True while a transaction is open on this connection (not in autocommit mode).
    bool inTransaction() const noexcept;
    /// An Error built from the connection's current error state.
    Error lastError(std::string_view context) const;

private:
    struct CachedStatement
    {
        sqlite3_stmt *stmt = nullptr;
        bool inUse = false; ///< lent out to a live SqliteStatement
    };
    struct TextHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

    explicit SqliteDb(sqlite3 *db) : m_db(db) {}
    /// Compiles the first statement of @p sql; @p tail gets what follows it.
    Result<sqlite3_stmt *> compile(std::string_view sql, std::string_view *tail = nullptr);
    /// Wraps a freshly compiled @p stmt: into the cache (lent out) while there is room and no
    /// entry for @p sql, else owned by the returned statement.
    SqliteStatement adopt(std::string_view sql, sqlite3_stmt *stmt);
    sqlite3 *m_db;
    std::unordered_map<std::string, CachedStatement, TextHash, std::equal_to<>> m_cache;
};

/// Maps a SQLite result code to an ErrorCode.
ErrorCode sqliteErrorCode(int rc) noexcept;

} // namespace tapledger
