#include "sync/hq/reports/liabilityreport.h"

#include "core/checkedmath.h"
#include "core/money.h"
#include "sync/hq/reports/csvtable.h"
#include "sync/hq/reports/entryscan.h"
#include "sync/hq/reports/htmlpage.h"
#include "sync/hq/reports/reportcalendar.h"
#include "sync/hq/reports/svgchart.h"

#include <algorithm>
#include <map>

namespace tapledger::sync {

namespace {
Result<void> add(MasterDelta &to, const MasterDelta &d)
{
    TL_ASSIGN(to.deposit, checkedAdd(to.deposit, d.deposit, "deposit liability"));
    TL_ASSIGN(to.bonus, checkedAdd(to.bonus, d.bonus, "bonus liability"));
    TL_ASSIGN(to.points, checkedAdd(to.points, d.points, "points liability"));
    TL_ASSIGN(to.debt, checkedAdd(to.debt, d.debt, "member debt"));
    TL_ASSIGN(to.pointsDebt, checkedAdd(to.pointsDebt, d.pointsDebt, "points debt"));
    return {};
}
} // namespace

std::vector<int64_t> LiabilityReport::days(const ReportOptions &o)
{
    if (!o.byDay)
        return ReportCalendar::monthEnds(o.asOfDay, o.months);
    std::vector<int64_t> out;
    for (int64_t d = o.fromDay; d <= o.asOfDay; ++d)
        out.push_back(d);
    return out;
}

Result<std::vector<LiabilityPoint>> LiabilityReport::compute(HqReadTx &tx, const HqVenue &venue,
                                                             const std::vector<int64_t> &days,
                                                             const ReportProgress &progress)
{
    // Each entry's delta goes to the first reported day on or after its own day.
    std::vector<LiabilityPoint> out;
    for (const int64_t d : days)
        out.push_back({d, {}});
    TL_TRY(scanEntries(
        tx,
        [&](const std::string &chain, const LedgerEntry &e) -> Result<void> {
            const auto delta = masterDelta(e, chain);
            if (!delta)
                return {};
            const int64_t day = venue.calendar().localDay(e.timeMs);
            const auto at = std::lower_bound(days.begin(), days.end(), day);
            if (at == days.end())
                return {};
            return add(out[static_cast<size_t>(at - days.begin())].total, *delta);
        },
        progress));
    for (size_t i = 1; i < out.size(); ++i)
        TL_TRY(add(out[i].total, out[i - 1].total));
    return out;
}

ReportFiles LiabilityReport::render(const std::vector<LiabilityPoint> &points, const HqVenue &venue,
                                    bool byDay)
{
    const int exp = venue.currency().exponent();
    const VenueCalendar &cal = venue.calendar();
    CsvTable csv({"date", "deposit", "bonus", "stored_value", "points", "debt", "points_debt"});
    std::vector<std::string> dates;
    std::vector<SvgChart::Series> money{{"deposit", {}}, {"bonus", {}}, {"member debt", {}}};
    std::vector<SvgChart::Series> points_{{"points outstanding", {}}};
    for (const LiabilityPoint &p : points) {
        const std::string date = ReportCalendar::date(cal, p.day);
        csv.add({date, formatMinorUnits(p.total.deposit, exp), formatMinorUnits(p.total.bonus, exp),
                 formatMinorUnits(p.storedValue(), exp), std::to_string(p.total.points),
                 formatMinorUnits(p.total.debt, exp), std::to_string(p.total.pointsDebt)});
        dates.push_back(date);
        money[0].values.push_back(SvgChart::major(p.total.deposit, exp));
        money[1].values.push_back(SvgChart::major(p.total.bonus, exp));
        money[2].values.push_back(SvgChart::major(p.total.debt, exp));
        points_[0].values.push_back(static_cast<double>(p.total.points));
    }
    const std::string code(venue.currency().code());
    const LiabilityPoint last = points.empty() ? LiabilityPoint{} : points.back();
    HtmlPage page("Stored-value and points liability", "As of " +
                                                           (dates.empty() ? std::string("-") : dates.back()) +
                                                           " (" + cal.zoneName() + "), amounts in " + code);
    page.paragraph(
        "What the members hold and HQ owes them: stored value paid in (deposit) and given as bonus, kept "
        "apart, and the points outstanding, summed over the master ledger up to the end of each day. "
        "Member debt is stored value members owe after spending offline beyond their balance.");
    page.paragraph("As of " + (dates.empty() ? std::string("-") : dates.back()) + ": deposit " +
                   formatMinorUnits(last.total.deposit, exp) + " " + code + ", bonus " +
                   formatMinorUnits(last.total.bonus, exp) + " " + code + ", points " +
                   std::to_string(last.total.points) + ", member debt " +
                   formatMinorUnits(last.total.debt, exp) + " " + code + ".");
    page.heading("Stored value over time");
    page.chart(SvgChart::lines("Stored-value liability", dates, money, code),
               std::string("Deposit and bonus owed to members and member debt at the end of each ") +
                   (byDay ? "day." : "month (the last point is the as-of day)."));
    page.heading("Points over time");
    page.chart(SvgChart::lines("Points outstanding", dates, points_, "points"),
               "Points members hold and may still redeem, at the same dates.");
    page.heading("Figures");
    page.table(csv);
    return {csv.toCsv(), page.str(), std::to_string(points.size()) + (byDay ? " days" : " month-ends")};
}

} // namespace tapledger::sync
