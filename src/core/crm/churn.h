#pragma once

#include "core/crm/membersummary.h"

#include <optional>
#include <string_view>

namespace tapledger::crm {

/// Churn early-warning thresholds (docs/crm.md, "Churn warning, lapsed, birthdays, card liveness").
struct ChurnOptions
{
    double pAliveBelow = 0.5;  ///< p_alive_low when P(alive) < this (0..1)
    double rhythmFactor = 2.0; ///< gap_beyond_rhythm when the gap > factor × t_x / x (> 0)
    int64_t lapsedDays = 180;  ///< lapsed when the last visit is more than this many days ago (>= 1)
};

/// A member's warnings.
struct ChurnFlags
{
    bool pAliveLow = false;
    bool gapBeyondRhythm = false;
    bool lapsed = false;
    friend bool operator==(const ChurnFlags &, const ChurnFlags &) = default;
};

/// The warnings for @p summary at @p asOfDay; @p pAlive nullopt = no model (never p_alive_low).
ChurnFlags churnFlags(const MemberSummary &summary, std::optional<double> pAlive, int64_t asOfDay,
                      const ChurnOptions &options = {});

/// True when the anniversary of @p birthday ("YYYY-MM-DD"; 29 February counts as 1 March in
/// common years) is one of the 7 local days after @p asOfDay (days since 1970-01-01). False for
/// an empty or malformed birthday.
bool birthdayInComingWeek(std::string_view birthday, int64_t asOfDay);

} // namespace tapledger::crm
