#pragma once
// Private to the engine.

#include "core/ledger/projection.h"

namespace tapledger {

/// Vouchers, one row per voucher_issue entry (its seq is the voucher number): value, minimum
/// spend, expiry and status open / used / expired; a return reopens the voucher its purchase
/// used. Table engine_vouchers.
class VoucherProjection final : public Projection
{
public:
    std::string name() const override { return "engine-vouchers"; }
    std::vector<std::string> tables() const override { return {"engine_vouchers"}; }
    Result<void> createSchema(SqliteDb &db) override;
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;
};

} // namespace tapledger
