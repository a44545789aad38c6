#pragma once
// Private to the engine.

#include "core/ledger/projection.h"

namespace tapledger {

/// HQ's view as the kiosk adopted it from hq_sync entries (docs/sync-protocol.md): the card
/// deny-list (engine_hq_deny: card, member, version, reason) and the fleet's kiosk device keys
/// (engine_fleet_keys: kiosk id, public key, status). Member snapshots change engine_members and
/// engine_cards through MemberProjection.
class HqViewProjection final : public Projection
{
public:
    std::string name() const override { return "engine-hq-view"; }
    std::vector<std::string> tables() const override { return {"engine_hq_deny", "engine_fleet_keys"}; }
    Result<void> createSchema(SqliteDb &db) override;
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;
};

} // namespace tapledger
