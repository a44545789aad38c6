#pragma once

#include "core/result.h"
#include "core/uuid.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/hqreadtx.h"
#include "sync/hq/reports/reportoptions.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tapledger::sync {

/// One line of the daily settlement: what one kiosk's staff member (or self-service) took in and
/// paid out through one pay method on one local day, read with core's settlementEffect.
/// Amounts are minor units of the venue currency.
struct SettlementLine
{
    int64_t day = 0; ///< local day
    std::string kiosk;
    Uuid staff;            ///< nil = self-service
    std::string payMethod; ///< a policy pay method, "stored_value", or "none" (points or bonus only)
    int64_t count = 0;     ///< entries counted on the line
    int64_t topUps = 0, bonusGranted = 0, purchases = 0, refunds = 0;
    int64_t pointsIssued = 0, pointsRedeemed = 0;
    /// Money in through the method: top-ups + purchases − refunds, minor units (compute() checked
    /// that the period's net fits int64, which bounds every line's).
    int64_t net() const { return topUps + purchases - refunds; }
};

/// The settlement of local days fromDay … toDay (docs/crm.md, "Reports: settlement").
struct Settlement
{
    int64_t fromDay = 0, toDay = 0;
    std::vector<SettlementLine> lines;      ///< by day, kiosk, staff, pay method
    std::map<Uuid, std::string> staffNames; ///< staff registered at any kiosk, by id
};

/// `tapledger-hq report settlement`.
class SettlementReport
{
public:
    /// The kiosks' merged entries (HQ's own compensating entries are no takings) on local days
    /// @p fromDay … @p toDay, one line per (day, kiosk, staff, pay method). Overflow when a sum
    /// (or the period's net) leaves int64.
    static Result<Settlement> compute(HqReadTx &tx, const HqVenue &venue, int64_t fromDay, int64_t toDay,
                                      const ReportProgress &progress);
    /// The CSV (lines, then totals per day and pay method, per day, per pay method over the
    /// period and the period's total) and the HTML page.
    static ReportFiles render(const Settlement &settlement, const HqVenue &venue);
};

} // namespace tapledger::sync
