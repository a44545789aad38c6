#include "sync/hq/reports/segmentsreport.h"

#include "core/money.h"
#include "sync/hq/reports/csvtable.h"
#include "sync/hq/reports/htmlpage.h"
#include "sync/hq/reports/reportcalendar.h"
#include "sync/hq/reports/svgchart.h"

#include <map>

namespace tapledger::sync {

namespace {
struct Segment
{
    size_t pyramid = SegmentsReport::kNone, quadrant = SegmentsReport::kNone;
};

std::map<std::string, Segment> segmentsOf(const crm::Analysis &a)
{
    std::map<std::string, Segment> out;
    for (const auto &m : a.members)
        out[m.member] = {static_cast<size_t>(m.pyramid),
                         m.quadrant ? static_cast<size_t>(*m.quadrant) : SegmentsReport::kNone};
    return out;
}

std::string segmentName(bool quadrants, size_t i)
{
    return quadrants ? SegmentsReport::quadrantName(i) : SegmentsReport::pyramidName(i);
}
} // namespace

std::string SegmentsReport::pyramidName(size_t index)
{
    return index >= kNone ? "none"
                          : std::string(crm::pyramidLevelName(static_cast<crm::PyramidLevel>(index)));
}

std::string SegmentsReport::quadrantName(size_t index)
{
    return index >= kNone ? "none" : std::string(crm::quadrantName(static_cast<crm::Quadrant>(index)));
}

Segments SegmentsReport::compute(const std::vector<MonthEndAnalysis> &months)
{
    Segments out;
    std::map<std::string, Segment> before;
    for (size_t i = 0; i < months.size(); ++i) {
        const MonthEndAnalysis &m = months[i];
        SegmentMonth month;
        month.day = m.day;
        month.members = m.analysis.members.size();
        const auto now = segmentsOf(m.analysis);
        for (const auto &[name, s] : now) {
            ++month.pyramid[s.pyramid];
            ++month.quadrant[s.quadrant];
        }
        out.months.push_back(month);
        if (i > 0) {
            SegmentMove pyramid{months[i - 1].day, m.day, false, {}},
                quadrant{months[i - 1].day, m.day, true, {}};
            for (const auto &[name, s] : now) {
                const auto was = before.find(name);
                const Segment from = was == before.end() ? Segment{} : was->second;
                ++pyramid.counts[from.pyramid][s.pyramid];
                ++quadrant.counts[from.quadrant][s.quadrant];
            }
            out.moves.push_back(pyramid);
            out.moves.push_back(quadrant);
        }
        before = now;
    }
    if (!months.empty())
        out.latest = months.back().analysis.members;
    return out;
}

ReportFiles SegmentsReport::render(const Segments &sg, const HqVenue &venue, int64_t windowDays)
{
    const VenueCalendar &cal = venue.calendar();
    const int exp = venue.currency().exponent();
    CsvTable csv({"month_end", "kind", "from", "to", "members"});
    CsvTable counts(
        {"month_end", "members", "vip", "major", "ordinary", "small", "A", "B", "C", "D", "no_quadrant"});
    for (const SegmentMonth &m : sg.months) {
        const std::string date = ReportCalendar::date(cal, m.day);
        std::vector<std::string> row{date, std::to_string(m.members)};
        for (size_t i = 0; i < kNone; ++i) {
            csv.add({date, "pyramid", "", pyramidName(i), std::to_string(m.pyramid[i])});
            row.push_back(std::to_string(m.pyramid[i]));
        }
        for (size_t i = 0; i <= kNone; ++i) {
            csv.add({date, "quadrant", "", quadrantName(i), std::to_string(m.quadrant[i])});
            row.push_back(std::to_string(m.quadrant[i]));
        }
        counts.add(std::move(row));
    }
    for (const SegmentMove &mv : sg.moves) {
        const std::string date = ReportCalendar::date(cal, mv.toDay);
        for (size_t f = 0; f <= kNone; ++f) {
            for (size_t t = 0; t < (mv.quadrants ? kNone + 1 : kNone); ++t)
                csv.add({date, mv.quadrants ? "quadrant_move" : "pyramid_move", segmentName(mv.quadrants, f),
                         segmentName(mv.quadrants, t), std::to_string(mv.counts[f][t])});
        }
    }

    const std::string asOf = sg.months.empty() ? "-" : ReportCalendar::date(cal, sg.months.back().day);
    HtmlPage page("Customer segments month by month", "As of " + asOf + " (" + cal.zoneName() +
                                                          "), analysis window " + std::to_string(windowDays) +
                                                          " days, amounts in " +
                                                          std::string(venue.currency().code()));
    page.paragraph(
        "Each month-end is analysed as if it were today: the customer pyramid ranks members by their spend "
        "in the window (vip: the top 1 %, major: the next to 5 %, ordinary: to 20 %, small: the rest); the "
        "quadrants compare each member's visits and average spend with the medians (B: frequent and high "
        "spend, A: high spend but rare, D: frequent but low spend, C: neither). The last month-end is the "
        "as-of day.");
    if (!sg.months.empty()) {
        const SegmentMonth &last = sg.months.back();
        std::vector<SvgChart::Level> levels;
        for (size_t i = 0; i < kNone; ++i)
            levels.push_back({pyramidName(i), static_cast<int64_t>(last.pyramid[i])});
        page.heading("Customer pyramid on " + asOf);
        page.chart(SvgChart::pyramid("Customer pyramid, " + asOf, levels),
                   "How many members are at each level of the pyramid, the most valuable at the top.");
    }
    std::vector<SvgChart::Point> points;
    for (const auto &m : sg.latest) {
        if (!m.quadrant || m.summary.windowVisits <= 0)
            continue;
        const double avg =
            SvgChart::major(m.summary.windowSpend, exp) / static_cast<double>(m.summary.windowVisits);
        points.push_back({static_cast<double>(m.summary.windowVisits), avg,
                          m.member + ": " + std::to_string(m.summary.windowVisits) +
                              (m.summary.windowVisits == 1 ? " visit, " : " visits, ") +
                              formatMinorUnits(m.summary.windowSpend, exp) + " spent (" +
                              quadrantName(static_cast<size_t>(*m.quadrant)) + ")",
                          static_cast<size_t>(*m.quadrant)});
    }
    page.heading("Frequency and average spend on " + asOf);
    page.chart(
        SvgChart::scatter("Visits and average spend per member, " + asOf, points, "visits in the window",
                          "average spend per visit",
                          {"A: rare, high spend", "B: frequent, high spend", "C: rare, low spend",
                           "D: frequent, low spend"}),
        "Each dot is a member with a visit in the window, coloured by quadrant: move A members to B with "
        "dated vouchers, D members with threshold incentives.");
    page.heading("Counts per month-end");
    page.table(counts);
    for (const SegmentMove &mv : sg.moves) {
        std::vector<std::string> header{std::string(mv.quadrants ? "quadrant" : "level") + " on " +
                                        ReportCalendar::date(cal, mv.fromDay) + " \u2192 " +
                                        ReportCalendar::date(cal, mv.toDay)};
        const size_t cols = mv.quadrants ? kNone + 1 : kNone;
        for (size_t t = 0; t < cols; ++t)
            header.push_back(segmentName(mv.quadrants, t));
        CsvTable table(header);
        for (size_t f = 0; f <= kNone; ++f) {
            std::vector<std::string> row{segmentName(mv.quadrants, f)};
            for (size_t t = 0; t < cols; ++t)
                row.push_back(std::to_string(mv.counts[f][t]));
            table.add(std::move(row));
        }
        page.heading(std::string(mv.quadrants ? "Quadrant" : "Pyramid") + " movement to " +
                     ReportCalendar::date(cal, mv.toDay));
        page.paragraph(
            "Rows: the segment at the earlier month-end (none: not a member yet, or no visit in the window); "
            "columns: the segment at the later one.");
        page.table(table);
    }
    return {csv.toCsv(), page.str(), std::to_string(sg.months.size()) + " month-ends"};
}

} // namespace tapledger::sync
