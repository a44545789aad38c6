#pragma once
// Private to src/core.

#include "core/result.h"

namespace tapledger {

class SqliteDb;

/// BEGIN IMMEDIATE … COMMIT; rolls back on destruction unless committed. Inside an open
/// transaction it nests as a SAVEPOINT (commit = RELEASE, rollback = ROLLBACK TO + RELEASE), so
/// only the outermost commit is durable.
class SqliteTransaction
{
public:
    /// Starts the transaction; check ok() / error() before use.
    explicit SqliteTransaction(SqliteDb &db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction &) = delete;
    SqliteTransaction &operator=(const SqliteTransaction &) = delete;

    /// Result of BEGIN.
    const Result<void> &begun() const noexcept { return m_begun; }
    /// COMMIT; afterwards the destructor does nothing.
    Result<void> commit();

private:
    SqliteDb &m_db;
    bool m_nested;
    Result<void> m_begun;
    bool m_done = false;
};

} // namespace tapledger
