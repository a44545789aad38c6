#pragma once
// Member profile rows of HQ's store (docs/hq-storage.md, docs/crm.md "Member profiles").

#include "core/uuid.h"

#include <cstdint>
#include <string>

namespace tapledger::sync {

/// A member's profile and preferences as HQ last published them (one row per member, replaced).
struct MemberProfileRecord
{
    Uuid member;
    std::string profileJson; ///< canonical JSON object (MemberProfile::toJson), derived preferences included
    uint64_t feedSeq = 0;    ///< the `profile` feed item that published it
};

} // namespace tapledger::sync
