#pragma once
// Private to the engine.

#include "core/ledger/projection.h"

namespace tapledger {

/// Vouchers, one row per voucher_issue entry (its seq is the voucher number): value, minimum
/// spend, expiry and status open / used / expired; a return reopens the voucher its purchase
/// used. An hq_sync member snapshot carrying `vouchers` (HQ's open vouchers of the member) makes
/// exactly those open, closes every other voucher of the member HQ had merged, adds the ones
/// issued at another kiosk under an adopted local number (engine_voucher_refs: number →
/// `entry:<chain>:<seq>`) and replays this kiosk's entries HQ had not merged over them
/// (docs/sync-protocol.md). Tables engine_vouchers, engine_voucher_refs.
class VoucherProjection final : public Projection
{
public:
    std::string name() const override { return "engine-vouchers"; }
    std::vector<std::string> tables() const override { return {"engine_vouchers", "engine_voucher_refs"}; }
    Result<void> createSchema(SqliteDb &db) override;
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;
};

} // namespace tapledger
