#pragma once
// Private to src/core: SQLite never appears in a public header.

#include "core/bytes.h"
#include "core/result.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tapledger {

class SqliteStatement;

/// One SQLite connection, configured for durability: WAL, synchronous=FULL, foreign keys on,
/// a 5 s busy timeout. Errors carry SQLite's message; corrupt or non-database files map to Corrupt.
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

    /// Runs one or more statements without results.
    Result<void> exec(std::string_view sql);
    /// Compiles one statement.
    Result<SqliteStatement> prepare(std::string_view sql);
    /// Rows changed by the last statement.
    int changes() const noexcept;
    /// True while a transaction is open on this connection (not in autocommit mode).
    bool inTransaction() const noexcept;
    /// An Error built from the connection's current error state.
    Error lastError(std::string_view context) const;

private:
    explicit SqliteDb(sqlite3 *db) : m_db(db) {}
    sqlite3 *m_db;
};

/// Maps a SQLite result code to an ErrorCode.
ErrorCode sqliteErrorCode(int rc) noexcept;

} // namespace tapledger
