#pragma once

#include "core/crm/memberactivity.h"
#include "core/result.h"

#include <optional>

namespace tapledger::crm {

/// A member's visits and spend up to an as-of day (docs/crm.md, "Purchases, visits, spend").
struct MemberSummary
{
    int64_t windowVisits = 0;  ///< distinct local days with a purchase inside the window
    int64_t windowSpend = 0;   ///< purchases minus returns inside the window, minor units
    int64_t totalVisits = 0;   ///< distinct local days with a purchase up to the as-of day, >= 1
    int64_t firstDay = 0;      ///< local day of the first visit
    int64_t lastDay = 0;       ///< local day of the last visit up to the as-of day
};

/// Summarises @p activity over the @p windowDays (>= 1) local days ending with @p asOfDay;
/// entries after @p asOfDay are ignored. nullopt when the member has no purchase up to it
/// (such a member is not part of the analysis). Overflow when the window spend leaves int64.
Result<std::optional<MemberSummary>> summarise(const MemberActivity &activity, int64_t asOfDay, int64_t windowDays);

} // namespace tapledger::crm
