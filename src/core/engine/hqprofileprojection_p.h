#pragma once
// Private to the engine.

#include "core/ledger/projection.h"

namespace tapledger {

/// Each member's newest profile and preferences as the kiosk adopted them from HQ's `profile`
/// feed items (docs/sync-protocol.md; engine_hq_profiles: member, seq of the hq_sync entry, the
/// profile's canonical JSON). Staff-only data, read through HqProfiles::adopted.
class HqProfileProjection final : public Projection
{
public:
    std::string name() const override { return "engine-hq-profiles"; }
    std::vector<std::string> tables() const override { return {"engine_hq_profiles"}; }
    Result<void> createSchema(SqliteDb &db) override;
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;
};

} // namespace tapledger
