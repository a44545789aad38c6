#pragma once

#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/reports/monthendanalysis.h"
#include "sync/hq/reports/reportoptions.h"

#include <vector>

namespace tapledger::sync {

/// `tapledger-hq report cards`: card liveness month by month (docs/crm.md, "Reports: cards").
class CardsReport
{
public:
    /// The CSV (per month-end: issued, alive, model-expected alive) and the HTML page with the
    /// liveness curve, from the analyses at each month-end (oldest first).
    static ReportFiles render(const std::vector<MonthEndAnalysis> &months, const HqVenue &venue);
};

} // namespace tapledger::sync
