#include "sync/hq/reports/reportcalendar.h"

#include <chrono>

namespace tapledger::sync {

std::vector<int64_t> ReportCalendar::monthEnds(int64_t asOfDay, int64_t months)
{
    using namespace std::chrono;
    const year_month_day asOf{sys_days{days{asOfDay}}};
    std::vector<int64_t> out;
    for (int64_t back = months - 1; back >= 1; --back) {
        const year_month ym = year_month{asOf.year(), asOf.month()} - std::chrono::months{back};
        out.push_back(sys_days{ym / last}.time_since_epoch().count());
    }
    out.push_back(asOfDay);
    return out;
}

std::string ReportCalendar::date(const VenueCalendar &calendar, int64_t day)
{
    return calendar.localDate(calendar.startOfLocalDay(day));
}

} // namespace tapledger::sync
