#pragma once

#include "core/crm/cardliveness.h"
#include "core/crm/crmanalysis.h"
#include "core/result.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/hqreadtx.h"
#include "sync/hq/reports/reportoptions.h"

#include <cstdint>
#include <vector>

namespace tapledger::sync {

/// HQ's CRM analysis (core's crm::analyse over CrmDataset) as of one month-end, with the card
/// liveness of that day: what the segments and cards reports chart month by month.
struct MonthEndAnalysis
{
    /// K of card liveness: a card is alive when used in the last 90 days (docs/crm.md).
    static constexpr int64_t kCardAliveDays = 90;

    int64_t day = 0;         ///< the as-of local day of this analysis
    crm::Analysis analysis;  ///< members with a purchase up to `day`
    crm::CardLiveness cards; ///< cards seen up to `day`

    /// One analysis per day of @p days (each loads the dataset as of that day, as `tapledger-hq
    /// analytics --as-of` would), @p progress after each. Errors of the store or the analysis.
    static Result<std::vector<MonthEndAnalysis>> run(HqReadTx &tx, const HqVenue &venue,
                                                     const std::vector<int64_t> &days, int64_t windowDays,
                                                     const ReportProgress &progress);
};

} // namespace tapledger::sync
