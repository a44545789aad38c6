#pragma once

#include "core/ledger/ledgerentry.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace tapledger {

class SqliteDb;

/// Derived state kept beside the ledger in the same database (balances, vouchers, point batches).
/// A projection is updated in the same SQLite transaction as the entry it follows, and can be
/// rebuilt at any time by replaying the ledger: Ledger::verify() does exactly that and compares.
/// Implemented inside src/core only (SqliteDb is private to core).
class Projection
{
public:
    virtual ~Projection() = default;

    /// Short name for messages ("balances").
    virtual std::string name() const = 0;
    /// The tables this projection owns; verify() compares their full contents after a rebuild.
    virtual std::vector<std::string> tables() const = 0;
    /// Creates the tables if missing (idempotent, run at every open).
    virtual Result<void> createSchema(SqliteDb &db) = 0;
    /// Applies one entry. An Error aborts the whole append (nothing is written).
    virtual Result<void> apply(SqliteDb &db, const StoredEntry &entry) = 0;
};

} // namespace tapledger
