#pragma once
// Member merge rows of HQ's store (docs/hq-storage.md, docs/crm.md "Duplicates and merge").

#include "core/uuid.h"

#include <cstdint>
#include <string>

namespace tapledger::sync {

/// A member merged away into another (`tapledger-hq merge-members`): the old id resolves to
/// `into` (follow the aliases of `into` too: A→B then B→C resolves A to C). One row per merged-away
/// member, never changed or deleted.
struct MemberAliasRecord
{
    Uuid member;            ///< the merged-away member (`--from`)
    Uuid into;              ///< the member it was merged into (`--into`) at the time
    std::string staff;      ///< the HQ operator who merged, "" = not given
    int64_t mergedMs = 0;   ///< when, UTC ms
    uint64_t hqSeq = 0;     ///< HQ's chain seq of the merge's first entry, 0 = nothing had to move
};

/// What one merge moved from one member to another (minor units, points, counts).
struct MemberMoveSummary
{
    std::string currency;          ///< the stored value's currency, "" when none moved
    int64_t deposit = 0, bonus = 0; ///< minor units
    int64_t points = 0;
    int64_t debt = 0;              ///< stored value owed, minor units
    int64_t pointsDebt = 0;
    uint64_t batches = 0;          ///< point batches moved with their expiry
    uint64_t vouchers = 0;         ///< open vouchers moved
    uint64_t cards = 0;            ///< cards now listed under the surviving member
    uint64_t entries = 0;          ///< HQ entries written
    uint64_t firstHqSeq = 0;       ///< HQ's chain seq of the first of them, 0 = none

    /// True when nothing moved.
    bool empty() const noexcept { return entries == 0 && cards == 0; }
};

} // namespace tapledger::sync
