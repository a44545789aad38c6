#pragma once

#include "core/engine/venuecalendar.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tapledger::sync {

/// The reports' local days (docs/crm.md, "Reports"): a local day number is a civil date, so
/// month arithmetic is plain calendar arithmetic; dates print in the venue's zone.
class ReportCalendar
{
public:
    /// The last @p months (>= 1) month-ends up to @p asOfDay, oldest first: the last day of each
    /// of the months before the as-of day's month, then the as-of day itself (the month so far).
    static std::vector<int64_t> monthEnds(int64_t asOfDay, int64_t months);
    /// "YYYY-MM-DD" of local day @p day.
    static std::string date(const VenueCalendar &calendar, int64_t day);
};

} // namespace tapledger::sync
