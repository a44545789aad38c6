#include "sync/hq/masterdelta.h"

#include "sync/protocol/protocol.h"

#include <nlohmann/json.hpp>

namespace tapledger::sync {

std::optional<MasterDelta> masterDelta(const LedgerEntry &x, const std::string &chainId)
{
    if (x.kind == EntryKind::HqSync || x.kind == EntryKind::CardSync || x.member.isNil())
        return std::nullopt;
    MasterDelta d{x.depositDelta, x.bonusDelta, x.pointsDelta, 0, 0};
    if (chainId == kHqChainId && !x.extra.empty()) {
        const auto j = nlohmann::json::parse(x.extra, nullptr, false);
        if (j.is_object()) {
            d.debt = j.value("debt", int64_t{0});
            d.pointsDebt = j.value("points_debt", int64_t{0});
        }
    }
    return d;
}

} // namespace tapledger::sync
