#include "core/crm/membersummary.h"

#include "core/checkedmath.h"

#include <algorithm>

namespace tapledger::crm {

Result<std::optional<MemberSummary>> summarise(const MemberActivity &activity, int64_t asOfDay, int64_t windowDays)
{
    const int64_t windowStart = asOfDay - windowDays + 1;
    std::vector<int64_t> visitDays;
    MemberSummary s;
    for (const DayAmount &p : activity.purchases) {
        if (p.day > asOfDay)
            continue;
        if (p.day >= windowStart) {
            const int64_t delta = p.isReturn ? -p.amountMinor : p.amountMinor;
            auto sum = checkedAdd(s.windowSpend, delta, "member spend");
            if (!sum)
                return std::move(sum).error();
            s.windowSpend = *sum;
        }
        if (!p.isReturn)
            visitDays.push_back(p.day);
    }
    if (visitDays.empty())
        return std::optional<MemberSummary>{};
    std::sort(visitDays.begin(), visitDays.end());
    visitDays.erase(std::unique(visitDays.begin(), visitDays.end()), visitDays.end());
    s.totalVisits = static_cast<int64_t>(visitDays.size());
    s.firstDay = visitDays.front();
    s.lastDay = visitDays.back();
    s.windowVisits = static_cast<int64_t>(visitDays.end() - std::lower_bound(visitDays.begin(), visitDays.end(), windowStart));
    return std::optional<MemberSummary>{s};
}

} // namespace tapledger::crm
