#pragma once
// Private to the engine.

#include "core/ledger/projection.h"

namespace tapledger {

/// Members and cards registry (with card status), paid membership and current tier, derived
/// from enrol (members only), issue, transfer, card_alert, pin_change, membership and tier_change
/// entries, and HQ member snapshots and deny-list lines (hq_sync). Tables engine_members, engine_cards (docs/engine.md).
class MemberProjection final : public Projection
{
public:
    std::string name() const override { return "engine-members"; }
    std::vector<std::string> tables() const override { return {"engine_members", "engine_cards"}; }
    Result<void> createSchema(SqliteDb &db) override;
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;
};

} // namespace tapledger
