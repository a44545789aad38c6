#pragma once

#include "core/result.h"
#include "sync/hq/hqwritetx.h"

#include <functional>

namespace tapledger::sync {

/// HQ's storage seam (docs/hq-storage.md): every read and write goes through a transaction of
/// this interface, so the reconciler, the feed and the commands never see a backend. SQLite
/// (SqliteHqStore) is the embedded default; the schema is laid out for several HQ processes
/// writing at once (PostgreSQL, a later issue).
class HqStore
{
public:
    virtual ~HqStore() = default;
    /// Runs @p body in a read transaction (a consistent snapshot).
    virtual Result<void> read(const std::function<Result<void>(HqReadTx &)> &body) = 0;
    /// Runs @p body in a write transaction: durable when it returns ok, nothing of it when
    /// @p body fails (its error is returned).
    virtual Result<void> write(const std::function<Result<void>(HqWriteTx &)> &body) = 0;
};

} // namespace tapledger::sync
