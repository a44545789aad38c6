#pragma once

#include "core/ledger/ledgerentry.h"
#include "core/result.h"
#include "sync/hq/hqreadtx.h"
#include "sync/hq/reports/reportoptions.h"

#include <functional>
#include <string>

namespace tapledger::sync {

/// Reads every merged entry of every chain (kiosks' and HQ's "hq"), chain by chain in id order
/// and each in seq order, calling @p visit with the chain id and the entry; @p progress after
/// each chain. Stops at the first error of the store or of @p visit.
Result<void> scanEntries(HqReadTx &tx,
                         const std::function<Result<void>(const std::string &, const LedgerEntry &)> &visit,
                         const ReportProgress &progress);

} // namespace tapledger::sync
