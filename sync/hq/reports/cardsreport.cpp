#include "sync/hq/reports/cardsreport.h"

#include "sync/hq/reports/csvtable.h"
#include "sync/hq/reports/htmlpage.h"
#include "sync/hq/reports/reportcalendar.h"
#include "sync/hq/reports/svgchart.h"

#include <cstdio>

namespace tapledger::sync {

namespace {
std::string twoDecimals(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}
} // namespace

ReportFiles CardsReport::render(const std::vector<MonthEndAnalysis> &months, const HqVenue &venue)
{
    const VenueCalendar &cal = venue.calendar();
    CsvTable csv({"month_end", "issued", "alive", "expected_alive", "alive_days"});
    std::vector<std::string> dates;
    std::vector<SvgChart::Series> curve{
        {"issued", {}}, {"alive (used in 90 days)", {}}, {"model-expected alive", {}}};
    for (const MonthEndAnalysis &m : months) {
        const std::string date = ReportCalendar::date(cal, m.day);
        csv.add({date, std::to_string(m.cards.issued), std::to_string(m.cards.alive),
                 twoDecimals(m.cards.expectedAlive), std::to_string(MonthEndAnalysis::kCardAliveDays)});
        dates.push_back(date);
        curve[0].values.push_back(static_cast<double>(m.cards.issued));
        curve[1].values.push_back(static_cast<double>(m.cards.alive));
        curve[2].values.push_back(m.cards.expectedAlive);
    }
    const std::string asOf = dates.empty() ? "-" : dates.back();
    HtmlPage page("Card liveness", "As of " + asOf + " (" + cal.zoneName() + ")");
    page.paragraph(
        "Issued: cards seen in the kiosks' entries up to the month-end. Alive: cards used in the last " +
        std::to_string(MonthEndAnalysis::kCardAliveDays) +
        " days. Model-expected alive: the sum over issued cards of their member's probability of still "
        "being a customer (BG/NBD model fitted at that month-end; 0 for a member without purchases or "
        "when the model cannot be fitted).");
    if (!months.empty()) {
        const auto &c = months.back().cards;
        page.paragraph("On " + asOf + ": " + std::to_string(c.issued) + " cards issued, " +
                       std::to_string(c.alive) + " alive, " + twoDecimals(c.expectedAlive) +
                       " expected alive by the model.");
    }
    page.heading("Liveness curve");
    page.chart(
        SvgChart::lines("Cards issued and alive", dates, curve, "cards"),
        "The gap between issued and alive cards is the cards no longer used; when the model-expected line "
        "lies above the alive line, members are expected back who have not used their card lately.");
    page.heading("Figures");
    page.table(csv);
    return {csv.toCsv(), page.str(), std::to_string(months.size()) + " month-ends"};
}

} // namespace tapledger::sync
