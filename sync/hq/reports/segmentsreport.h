#pragma once

#include "core/crm/crmanalysis.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/reports/monthendanalysis.h"
#include "sync/hq/reports/reportoptions.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace tapledger::sync {

/// Segment counts at one month-end (docs/crm.md, "Reports: segments").
struct SegmentMonth
{
    int64_t day = 0;                  ///< local day
    size_t members = 0;               ///< members analysed (a purchase up to the day)
    std::array<size_t, 5> pyramid{};  ///< by crm::PyramidLevel, [4] = not a member yet
    std::array<size_t, 5> quadrant{}; ///< by crm::Quadrant, [4] = no visit in the window
};

/// How many members moved from each segment at one month-end to each at the next.
struct SegmentMove
{
    int64_t fromDay = 0, toDay = 0;
    bool quadrants = false; ///< false: pyramid levels; true: quadrants
    /// [from][to] members; index 4 = "none" (not yet analysed, or no quadrant). Every member
    /// analysed at toDay is counted once.
    std::array<std::array<size_t, 5>, 5> counts{};
};

/// The segments report's figures.
struct Segments
{
    std::vector<SegmentMonth> months;        ///< oldest first
    std::vector<SegmentMove> moves;          ///< per consecutive pair of month-ends: pyramid, then quadrants
    std::vector<crm::MemberAnalysis> latest; ///< the members at the last month-end (the scatter)
};

/// `tapledger-hq report segments`.
class SegmentsReport
{
public:
    /// Index 4 of a segment array.
    static constexpr size_t kNone = 4;
    /// "vip" … "small", then "none" (index 4).
    static std::string pyramidName(size_t index);
    /// "A" … "D", then "none" (index 4).
    static std::string quadrantName(size_t index);

    /// Counts and movements of @p months (the analyses at each month-end, oldest first).
    static Segments compute(const std::vector<MonthEndAnalysis> &months);
    /// The CSV and the HTML page (pyramid, quadrant scatter, tables).
    static ReportFiles render(const Segments &segments, const HqVenue &venue, int64_t windowDays);
};

} // namespace tapledger::sync
