#pragma once

#include "core/crm/crmanalysis.h"
#include "core/crm/memberactivity.h"
#include "core/result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tapledger::crm {

/// Per-member CRM aggregates kept up to date as purchases arrive, for the daily incremental run
/// (docs/crm.md, "Incremental run"). Each member keeps its purchases merged per local day; the
/// summary an analysis needs (window visits and spend, visits, first and last visit up to the
/// as-of day) is maintained in place and moves with the as-of day and window: an analysis costs
/// the days that enter or leave the window plus the segments and the fit, not a re-read of all
/// purchases. analyse() gives exactly what crm::analyse() gives over the same purchases (the fit
/// within the simplex tolerance when warm-started or on several threads).
class CrmAggregates
{
public:
    /// Adds a member with no purchase yet; its index (0, 1, …) is its place in every analysis.
    /// @p member is only echoed; @p birthday "YYYY-MM-DD" or "" (unknown).
    size_t addMember(std::string member, std::string birthday = {});

    /// The number of members added.
    size_t memberCount() const noexcept { return m_members.size(); }

    /// Adds purchases and returns of member @p index (< memberCount()) on any days, in any order.
    /// InvalidArgument for a negative amount or a day outside ±2^31; Overflow when a day's net
    /// amount leaves int64. On error the member is unchanged.
    Result<void> add(size_t index, std::span<const DayAmount> purchases);

    /// The analysis as of @p options.asOfDay over @p options.windowDays, as crm::analyse() of the
    /// same purchases; the fit starts from @p warmStart (e.g. yesterday's parameters) when given.
    /// InvalidArgument for bad options, Overflow when a window spend leaves int64 (the aggregates
    /// stay valid). Moving to any as-of day or window, forwards or back, is allowed.
    Result<Analysis> analyse(const AnalysisOptions &options, const std::optional<BgNbdParams> &warmStart = std::nullopt);

    /// Approximate heap and object bytes held (members, ids, day lists), for the benchmark.
    size_t bytes() const noexcept;

private:
    /// One member's purchases on one local day, merged.
    struct Day
    {
        int32_t day = 0;        ///< local days since 1970-01-01
        bool visit = false;     ///< at least one purchase (not only returns)
        int64_t netMinor = 0;   ///< purchases minus returns, minor units
    };
    struct Member
    {
        std::string id, birthday;
        std::vector<Day> days;           ///< sorted by day, one entry per day
        uint32_t begin = 0, end = 0;     ///< days[begin, end) is the window, days[0, end) up to the as-of day
        int64_t totalVisits = 0;         ///< visit days in days[0, end)
        int64_t windowVisits = 0;        ///< visit days in days[begin, end)
        __extension__ __int128 windowSpend = 0; ///< Σ netMinor over days[begin, end): no overflow while moving
        int32_t firstVisit = 0;          ///< the first visit day of all days (valid when one is a visit)
        int32_t lastVisit = 0;           ///< the last visit day in days[0, end) (valid when totalVisits > 0)
    };

    static void moveTo(Member &m, int64_t asOfDay, int64_t windowStart);
    static Result<void> addTo(Member &m, const DayAmount &p, int64_t asOfDay, int64_t windowStart);

    std::vector<Member> m_members;
    /// The as-of day and window start every member's pointers are at; before any analysis, before
    /// every day (nothing counted).
    int64_t m_asOfDay = INT64_MIN / 2, m_windowStart = INT64_MIN / 2;
};

} // namespace tapledger::crm
