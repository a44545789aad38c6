#include "sync/hq/reports/settlementreport.h"

#include "core/checkedmath.h"
#include "core/engine/settlementeffect.h"
#include "core/money.h"
#include "sync/hq/reports/csvtable.h"
#include "sync/hq/reports/entryscan.h"
#include "sync/hq/reports/htmlpage.h"
#include "sync/hq/reports/reportcalendar.h"
#include "sync/hq/reports/svgchart.h"
#include "sync/protocol/protocol.h"

#include <nlohmann/json.hpp>
#include <tuple>

namespace tapledger::sync {

namespace {
using Key = std::tuple<int64_t, std::string, Uuid, std::string>;

Result<void> add(SettlementLine &to, const SettlementLine &from)
{
    TL_ASSIGN(to.count, checkedAdd(to.count, from.count, "settlement count"));
    TL_ASSIGN(to.topUps, checkedAdd(to.topUps, from.topUps, "settlement top-ups"));
    TL_ASSIGN(to.bonusGranted, checkedAdd(to.bonusGranted, from.bonusGranted, "settlement bonus"));
    TL_ASSIGN(to.purchases, checkedAdd(to.purchases, from.purchases, "settlement purchases"));
    TL_ASSIGN(to.refunds, checkedAdd(to.refunds, from.refunds, "settlement refunds"));
    TL_ASSIGN(to.pointsIssued, checkedAdd(to.pointsIssued, from.pointsIssued, "settlement points issued"));
    TL_ASSIGN(to.pointsRedeemed,
              checkedAdd(to.pointsRedeemed, from.pointsRedeemed, "settlement points redeemed"));
    return {};
}

/// The name of a staff registration (an enrol entry about no member, extra staff:true).
std::string staffName(const LedgerEntry &e)
{
    const auto j = nlohmann::json::parse(e.extra, nullptr, false);
    if (!j.is_object() || !j.value("staff", false))
        return {};
    const auto name = j.find("name");
    return name != j.end() && name->is_string() ? name->get<std::string>() : std::string();
}

const char *const kHeader[] = {"level",      "date",  "kiosk",         "staff",          "staff_name",
                               "pay_method", "count", "topups",        "bonus_granted",  "purchases",
                               "refunds",    "net",   "points_issued", "points_redeemed"};
} // namespace

Result<Settlement> SettlementReport::compute(HqReadTx &tx, const HqVenue &venue, int64_t fromDay,
                                             int64_t toDay, const ReportProgress &progress)
{
    Settlement out;
    out.fromDay = fromDay;
    out.toDay = toDay;
    std::map<Key, SettlementLine> lines;
    TL_TRY(scanEntries(
        tx,
        [&](const std::string &chain, const LedgerEntry &e) -> Result<void> {
            if (e.kind == EntryKind::Enrol && e.member.isNil() && !e.staff.isNil()) {
                if (std::string name = staffName(e); !name.empty())
                    out.staffNames[e.staff] = std::move(name);
            }
            const int64_t day = venue.calendar().localDay(e.timeMs);
            if (chain == kHqChainId || day < fromDay || day > toDay)
                return {};
            const SettlementEffect s = settlementEffect(e);
            if (!s.payMethod && !s.bonusGranted && !s.pointsIssued && !s.pointsRedeemed)
                return {};
            SettlementLine one{day,       chain,          e.staff,         s.payMethod.value_or("none"),
                               1,         s.topUps,       s.bonusGranted,  s.purchases,
                               s.refunds, s.pointsIssued, s.pointsRedeemed};
            SettlementLine &line = lines[Key{day, chain, e.staff, one.payMethod}];
            if (!line.count) {
                line = one;
                return {};
            }
            return add(line, one);
        },
        progress));
    // The period's total bounds every other total (the amounts are >= 0), so once it and its net
    // fit int64, render() can sum and subtract without checks.
    SettlementLine period;
    for (auto &[key, line] : lines) {
        TL_TRY(add(period, line));
        out.lines.push_back(std::move(line));
    }
    int64_t net = 0;
    TL_ASSIGN(net, checkedAdd(period.topUps, period.purchases, "settlement net"));
    TL_TRY(checkedSub(net, period.refunds, "settlement net"));
    return out;
}

ReportFiles SettlementReport::render(const Settlement &st, const HqVenue &venue)
{
    const int exp = venue.currency().exponent();
    const VenueCalendar &cal = venue.calendar();
    CsvTable csv(std::vector<std::string>(std::begin(kHeader), std::end(kHeader)));
    const auto row = [&](const std::string &level, const std::string &date, const std::string &kiosk,
                         const Uuid &staff, const std::string &staffLabel, const std::string &method,
                         const SettlementLine &l) {
        return std::vector<std::string>{level,
                                        date,
                                        kiosk,
                                        staff.isNil() ? std::string() : staff.toString(),
                                        staffLabel,
                                        method,
                                        std::to_string(l.count),
                                        formatMinorUnits(l.topUps, exp),
                                        formatMinorUnits(l.bonusGranted, exp),
                                        formatMinorUnits(l.purchases, exp),
                                        formatMinorUnits(l.refunds, exp),
                                        formatMinorUnits(l.net(), exp),
                                        std::to_string(l.pointsIssued),
                                        std::to_string(l.pointsRedeemed)};
    };
    const auto nameOf = [&](const Uuid &staff) {
        if (staff.isNil())
            return std::string("self-service");
        const auto it = st.staffNames.find(staff);
        return it == st.staffNames.end() ? std::string() : it->second;
    };
    // Totals: (day, method) with method "all" for the day's total; day INT64_MAX = the period.
    // compute() checked that the period's total fits, and it bounds every other.
    constexpr int64_t kPeriod = INT64_MAX;
    std::map<std::pair<int64_t, std::string>, SettlementLine> totals;
    for (const SettlementLine &l : st.lines) {
        csv.add(
            row("line", ReportCalendar::date(cal, l.day), l.kiosk, l.staff, nameOf(l.staff), l.payMethod, l));
        for (const auto &key : {std::pair{l.day, l.payMethod}, std::pair{l.day, std::string("all")},
                                std::pair{kPeriod, l.payMethod}, std::pair{kPeriod, std::string("all")}})
            (void)add(totals[key], l);
    }
    CsvTable byMethod(std::vector<std::string>(std::begin(kHeader), std::end(kHeader)));
    for (const auto &[key, t] : totals) {
        const bool period = key.first == kPeriod;
        auto r = row(period ? "period" : "day", period ? "" : ReportCalendar::date(cal, key.first), "",
                     Uuid(), "", key.second, t);
        csv.add(r);
        if (period)
            byMethod.add(std::move(r));
    }

    const std::string from = ReportCalendar::date(cal, st.fromDay), to = ReportCalendar::date(cal, st.toDay);
    const std::string span = from == to ? from : from + " to " + to;
    HtmlPage page("Daily settlement", "Local days " + span + " (" + cal.zoneName() + "), amounts in " +
                                          std::string(venue.currency().code()));
    page.paragraph(
        "What the kiosks took in and paid out, per local day, kiosk, staff member and pay method. "
        "Top-ups are deposits taken (the bonus granted with them is no money in); purchases include "
        "stored-value payments (pay method stored_value), membership fees and the cash part of rewards; "
        "refunds are returns and stored-value refunds. Net = top-ups + purchases - refunds.");
    std::vector<std::string> days;
    std::vector<SvgChart::Series> series;
    std::map<std::string, size_t> seriesOf;
    for (int64_t d = st.fromDay; d <= st.toDay; ++d)
        days.push_back(ReportCalendar::date(cal, d));
    for (const auto &[key, t] : totals) {
        if (key.first == kPeriod || key.second == "all" || key.second == "none")
            continue;
        auto [it, added] = seriesOf.emplace(key.second, series.size());
        if (added)
            series.push_back({key.second, std::vector<double>(days.size(), 0.0)});
        series[it->second].values[static_cast<size_t>(key.first - st.fromDay)] =
            SvgChart::major(t.net(), exp);
    }
    page.heading("Net takings per pay method");
    page.chart(SvgChart::lines("Net takings per day and pay method", days, series, venue.currency().code()),
               "Each line is one pay method: money in (top-ups and purchases) minus money paid back, per "
               "local day.");
    page.heading("Totals per pay method");
    page.table(byMethod);
    page.heading("All lines and daily totals");
    page.table(csv);
    return {csv.toCsv(), page.str(),
            std::to_string(st.toDay - st.fromDay + 1) + (st.toDay == st.fromDay ? " day, " : " days, ") +
                std::to_string(st.lines.size()) + (st.lines.size() == 1 ? " line" : " lines")};
}

} // namespace tapledger::sync
