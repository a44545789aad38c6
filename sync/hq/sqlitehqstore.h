#pragma once

#include "sync/hq/hqstore.h"

#include <filesystem>
#include <memory>
#include <mutex>

namespace tapledger {
class SqliteDb;
}

namespace tapledger::sync {

/// HqStore on one SQLite database (WAL, synchronous=FULL: a committed batch survives power
/// loss), the embedded default for one HQ process. Transactions are serialised by a mutex, so
/// the HTTP server's threads may call it concurrently. Schema: docs/hq-storage.md.
class SqliteHqStore final : public HqStore
{
public:
    /// Creates the database at @p path; AlreadyExists when the file exists.
    static Result<std::unique_ptr<SqliteHqStore>> create(const std::filesystem::path &path);
    /// Opens an existing database; NotFound when missing, Corrupt when it is not an HQ store.
    static Result<std::unique_ptr<SqliteHqStore>> open(const std::filesystem::path &path);
    ~SqliteHqStore() override;

    Result<void> read(const std::function<Result<void>(HqReadTx &)> &body) override;
    Result<void> write(const std::function<Result<void>(HqWriteTx &)> &body) override;

private:
    explicit SqliteHqStore(std::unique_ptr<SqliteDb> db);
    std::unique_ptr<SqliteDb> m_db;
    std::mutex m_mutex;
};

} // namespace tapledger::sync
