#pragma once
// Private to src/core.

#include "core/bytes.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tapledger {

/// A prepared statement. Bind indexes start at 1, column indexes at 0 (as in SQLite).
class SqliteStatement
{
public:
    /// Owns @p stmt; or, with @p lease (the connection's cache flag for it), borrows it and on
    /// destruction resets it, clears its bindings and clears *lease.
    SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt, bool *lease = nullptr) noexcept
        : m_db(db), m_stmt(stmt), m_lease(lease)
    {
    }
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&) = delete;
    SqliteStatement(const SqliteStatement &) = delete;
    ~SqliteStatement();

    SqliteStatement &bind(int index, int64_t value);
    SqliteStatement &bind(int index, ByteView blob);
    SqliteStatement &bindText(int index, std::string_view text);
    SqliteStatement &bindNull(int index);

    /// Advances: true when a row is available, false when done, Error on failure.
    Result<bool> step();
    /// Runs a statement that returns no rows.
    Result<void> run();
    /// Steps through every row, calling @p onRow (which reads the current row's columns). When
    /// @p onRow returns a Result, its first error stops the loop and is returned.
    template<typename F>
    Result<void> forEachRow(F &&onRow)
    {
        while (true) {
            auto row = step();
            if (!row)
                return std::move(row).error();
            if (!*row)
                return {};
            if constexpr (std::is_void_v<decltype(onRow())>)
                onRow();
            else
                TL_TRY(onRow());
        }
    }
    /// Rewinds for re-execution, keeping bindings.
    void reset();

    int columnCount() const;
    /// The result columns' names, in order.
    std::vector<std::string> columnNames() const;
    bool isNull(int col) const;
    int64_t int64At(int col) const;
    Bytes blobAt(int col) const;
    std::string textAt(int col) const;
    /// Any column rendered as text (integers in decimal, blobs in hex, NULL as "null"), for comparisons.
    std::string valueText(int col) const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt;
    bool *m_lease;
};

} // namespace tapledger
