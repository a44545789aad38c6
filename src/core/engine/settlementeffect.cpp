#include "core/engine/settlementeffect.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/policy.h"

namespace tapledger {

SettlementEffect settlementEffect(const LedgerEntry &e)
{
    auto parsed = extra::of(e);
    const nlohmann::json x = parsed ? *parsed : nlohmann::json::object();
    SettlementEffect s;
    switch (e.kind) {
    case EntryKind::TopUp:
        s.payMethod = extra::str(x, "pay_method");
        s.topUps = e.depositDelta;
        s.bonusGranted = e.bonusDelta;
        break;
    case EntryKind::Purchase:
        s.payMethod = extra::str(x, "pay_method");
        s.purchases = extra::num(x, "amount");
        break;
    case EntryKind::Pay:
        s.payMethod = kPayStoredValue;
        s.purchases = extra::num(x, "amount");
        break;
    case EntryKind::Membership:
        s.payMethod = extra::str(x, "pay_method");
        s.purchases = extra::num(x, "fee");
        break;
    case EntryKind::Redeem:
        s.pointsRedeemed = -e.pointsDelta;
        s.bonusGranted = extra::num(x, "credit");
        if (extra::num(x, "cash")) {
            s.payMethod = extra::str(x, "pay_method");
            s.purchases = extra::num(x, "cash");
        }
        break;
    case EntryKind::Return:
        s.payMethod = extra::str(x, "pay_method");
        s.refunds = extra::num(x, "amount");
        break;
    case EntryKind::Refund:
        s.payMethod = kPayStoredValue;
        s.refunds = extra::num(x, "refunded");
        break;
    case EntryKind::Earn:
        s.pointsIssued = e.pointsDelta;
        break;
    case EntryKind::Adjust:
        s.pointsAdjusted = e.pointsDelta;
        break;
    default:
        break;
    }
    return s;
}

} // namespace tapledger
