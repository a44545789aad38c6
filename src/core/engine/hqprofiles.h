#pragma once

#include "core/engine/engine.h"
#include "core/engine/memberprofile.h"
#include "core/result.h"
#include "core/uuid.h"

#include <optional>

namespace tapledger {

/// The member profiles a kiosk adopted from HQ's `profile` feed items (docs/crm.md, "Member
/// profiles"; the engine's engine_hq_profiles projection). Staff-only data.
class HqProfiles
{
public:
    /// @p member's profile and preferences as HQ last sent them to @p engine; nullopt before HQ
    /// sent one; Corrupt when the stored profile does not parse.
    static Result<std::optional<MemberProfile>> adopted(const Engine &engine, const Uuid &member);
};

} // namespace tapledger
