#include "sync/hq/reports/reportrunner.h"

#include "sync/hq/reports/cardsreport.h"
#include "sync/hq/reports/liabilityreport.h"
#include "sync/hq/reports/monthendanalysis.h"
#include "sync/hq/reports/reportcalendar.h"
#include "sync/hq/reports/segmentsreport.h"
#include "sync/hq/reports/settlementreport.h"

#include <algorithm>

namespace tapledger::sync {

const std::vector<std::string> &ReportRunner::names()
{
    static const std::vector<std::string> kNames{"settlement", "liability", "segments", "cards"};
    return kNames;
}

Result<void> ReportRunner::checkName(std::string_view name)
{
    const auto &known = names();
    if (name == "all" || std::find(known.begin(), known.end(), name) != known.end())
        return {};
    std::string list;
    for (const auto &n : known)
        list += n + ", ";
    return fail(ErrorCode::InvalidArgument,
                "unknown report '" + std::string(name) + "' (known: " + list + "all)");
}

Result<ReportFiles> ReportRunner::run(std::string_view name, HqStore &store, const HqVenue &venue,
                                      const ReportOptions &o, const ReportProgress &progress)
{
    if (name == "all")
        return fail(ErrorCode::InvalidArgument, "report 'all' is every report, one at a time");
    TL_TRY(checkName(name));
    if (o.fromDay > o.asOfDay)
        return fail(ErrorCode::InvalidArgument,
                    "--from " + ReportCalendar::date(venue.calendar(), o.fromDay) +
                        " is after the as-of day " + ReportCalendar::date(venue.calendar(), o.asOfDay));
    ReportFiles files;
    TL_TRY(store.read([&](HqReadTx &tx) -> Result<void> {
        if (name == "settlement") {
            auto st = SettlementReport::compute(tx, venue, o.fromDay, o.asOfDay, progress);
            if (!st)
                return std::move(st).error();
            files = SettlementReport::render(*st, venue);
        } else if (name == "liability") {
            auto points = LiabilityReport::compute(tx, venue, LiabilityReport::days(o), progress);
            if (!points)
                return std::move(points).error();
            files = LiabilityReport::render(*points, venue, o.byDay);
        } else {
            auto months = MonthEndAnalysis::run(tx, venue, ReportCalendar::monthEnds(o.asOfDay, o.months),
                                                o.windowDays, progress);
            if (!months)
                return std::move(months).error();
            files = name == "segments"
                        ? SegmentsReport::render(SegmentsReport::compute(*months), venue, o.windowDays)
                        : CardsReport::render(*months, venue);
        }
        return {};
    }));
    return files;
}

} // namespace tapledger::sync
