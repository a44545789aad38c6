#include "core/engine/hqprofiles.h"

#include "core/engine/sql_p.h"

namespace tapledger {

Result<std::optional<MemberProfile>> HqProfiles::adopted(const Engine &engine, const Uuid &member)
{
    auto stmt = sql::prepared(engine.ledger().database(), "SELECT profile FROM engine_hq_profiles WHERE member = ?", member);
    if (!stmt)
        return std::move(stmt).error();
    auto row = stmt->step();
    if (!row)
        return std::move(row).error();
    if (!*row)
        return std::optional<MemberProfile>{};
    auto profile = MemberProfile::parse(stmt->textAt(0));
    if (!profile)
        return fail(ErrorCode::Corrupt, "adopted HQ profile of " + member.toString() + ": " + profile.error().message);
    return std::optional<MemberProfile>{std::move(*profile)};
}

} // namespace tapledger
