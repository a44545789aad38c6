#pragma once
// Private to the engine.

#include "core/ledger/projection.h"

namespace tapledger {

/// HQ's view as the kiosk adopted it from hq_sync entries (docs/sync-protocol.md): the card
/// deny-list (engine_hq_deny: card, member, version, reason) and the fleet's kiosk device keys
/// (engine_fleet_keys: kiosk id, public key, status) and the program policies HQ published
/// (engine_hq_policies: seq, policy id, version, effective_ms, adopted/refused and why, the policy
/// JSON; Engine::Impl::loadHqPolicies switches to them) and the rewards' fleet-wide remaining
/// stock (engine_hq_stock: reward, remaining, the seq of this kiosk HQ had merged) and each
/// member's newest per-member offers (engine_hq_offers: member, seq, offers array) and the members
/// HQ merged away (engine_member_aliases: member, the member it resolves to, merged_ms, seq; the
/// newest item of a member replaces the last). Member snapshots change engine_members and
/// engine_cards through MemberProjection.
class HqViewProjection final : public Projection
{
public:
    std::string name() const override { return "engine-hq-view"; }
    std::vector<std::string> tables() const override { return {"engine_hq_deny", "engine_fleet_keys", "engine_hq_policies", "engine_hq_stock", "engine_hq_offers", "engine_member_aliases"}; }
    Result<void> createSchema(SqliteDb &db) override;
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;
};

} // namespace tapledger
