#pragma once

#include "core/result.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/hqstore.h"
#include "sync/hq/reports/reportoptions.h"

#include <string>
#include <string_view>
#include <vector>

namespace tapledger::sync {

/// The reports of `tapledger-hq report NAME` (docs/crm.md, "Reports"), each computed in one read
/// transaction of HQ's store.
class ReportRunner
{
public:
    /// "settlement", "liability", "segments", "cards" (the order `all` writes them in).
    static const std::vector<std::string> &names();

    /// Ok for a name of names() or "all"; InvalidArgument naming the known reports otherwise.
    static Result<void> checkName(std::string_view name);

    /// Report @p name over @p store as of @p options. InvalidArgument naming the known reports
    /// for an unknown name, or for fromDay after asOfDay; the store's or the analysis' errors.
    static Result<ReportFiles> run(std::string_view name, HqStore &store, const HqVenue &venue,
                                   const ReportOptions &options, const ReportProgress &progress);
};

} // namespace tapledger::sync
