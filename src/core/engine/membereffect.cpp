#include "core/engine/membereffect.h"

#include "core/engine/entryextra_p.h"

namespace tapledger {

Result<MemberEffect> memberEffect(const LedgerEntry &e)
{
    MemberEffect out;
    switch (e.kind) {
    case EntryKind::Enrol:
    case EntryKind::PinChange:
    case EntryKind::TierChange:
    case EntryKind::Transfer:
    case EntryKind::CardAlert:
        break;
    case EntryKind::Issue:
        out.cardStatus = "active";
        return out;
    default:
        return out;
    }
    auto parsed = extra::cached(e);
    if (!parsed)
        return std::move(parsed).error();
    const nlohmann::json &x = **parsed;
    switch (e.kind) {
    case EntryKind::Enrol:
        if (!x.value("staff", false) && !e.member.isNil())
            out.enrolled = MemberEffect::Profile{extra::str(x, "handle"), extra::str(x, "name"), extra::str(x, "birthday"),
                                                 extra::str(x, "pin"), extra::str(x, "phone"), x.value("consent", false)};
        break;
    case EntryKind::PinChange:
        out.pin = extra::str(x, "pin");
        break;
    case EntryKind::TierChange:
        if (!e.member.isNil())
            out.tier = extra::str(x, "to");
        break;
    case EntryKind::Transfer:
        out.cardStatus = extra::str(x, "direction") == "in" ? "active" : "replaced";
        break;
    case EntryKind::CardAlert:
        if (extra::str(x, "action") == "block")
            out.cardStatus = "blocked";
        else
            out.alertReason = extra::str(x, "reason");
        break;
    default:
        break;
    }
    return out;
}

} // namespace tapledger
