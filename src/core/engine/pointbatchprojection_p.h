#pragma once
// Private to the engine.

#include "core/ledger/projection.h"

#include <nlohmann/json_fwd.hpp>

namespace tapledger {

/// Points held as batches for FIFO expiry: every points credit opens a batch (seq of its entry,
/// expiry from extra.expires_ms); every debit consumes batches — the named batch first for
/// points_expire, the purchase's own batches first for a return, then oldest expiry first.
/// A debit beyond all batches becomes debt that later credits pay off first, so that always
/// sum(remaining) − debt = the member's points balance. An hq_sync member snapshot carrying
/// `batches` replaces the member's batches and debt with HQ's and replays this kiosk's entries HQ
/// had not merged over them (docs/sync-protocol.md); batches first written by another chain get
/// an adopted local number (engine_batch_refs: number → `entry:<chain>:<seq>`).
/// Tables engine_point_batches, engine_point_debt, engine_batch_refs.
class PointBatchProjection final : public Projection
{
public:
    std::string name() const override { return "engine-point-batches"; }
    std::vector<std::string> tables() const override { return {"engine_point_batches", "engine_point_debt", "engine_batch_refs"}; }
    Result<void> createSchema(SqliteDb &db) override;
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;

private:
    Result<void> adopt(SqliteDb &db, const LedgerEntry &e, const nlohmann::json &batches, int64_t batchDebt,
                       uint64_t mergedUpTo);
    Result<int64_t> consume(SqliteDb &db, const LedgerEntry &e, int64_t need, const std::string &where, int64_t key);
};

} // namespace tapledger
