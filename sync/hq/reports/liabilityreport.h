#pragma once

#include "core/result.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/hqreadtx.h"
#include "sync/hq/masterdelta.h"
#include "sync/hq/reports/reportoptions.h"

#include <cstdint>
#include <vector>

namespace tapledger::sync {

/// The fleet's liability at the end of one local day: the master ledger summed over every
/// member (docs/crm.md, "Reports: liability"). Money in minor units of the venue currency.
struct LiabilityPoint
{
    int64_t day = 0;   ///< local day; the sums cover every merged entry up to its end
    MasterDelta total; ///< deposit and bonus owed as stored value, points outstanding, debts
    int64_t storedValue() const { return total.deposit + total.bonus; }
};

/// `tapledger-hq report liability`.
class LiabilityReport
{
public:
    /// The master ledger (the entries `tapledger-hq verify` sums into master_balances, masterDelta)
    /// summed up to the end of each of @p days (ascending local days). As of today it equals
    /// `tapledger-hq balances` summed. Overflow when a sum leaves int64.
    static Result<std::vector<LiabilityPoint>> compute(HqReadTx &tx, const HqVenue &venue,
                                                       const std::vector<int64_t> &days,
                                                       const ReportProgress &progress);
    /// The days of @p options: each day from fromDay to asOfDay when byDay, else the month-ends.
    static std::vector<int64_t> days(const ReportOptions &options);
    /// The CSV (one row per day) and the HTML page (a line chart of liability over time).
    static ReportFiles render(const std::vector<LiabilityPoint> &points, const HqVenue &venue, bool byDay);
};

} // namespace tapledger::sync
