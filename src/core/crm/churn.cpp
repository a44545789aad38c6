#include "core/crm/churn.h"

#include <date/date.h>

#include <charconv>

namespace tapledger::crm {

ChurnFlags churnFlags(const MemberSummary &s, std::optional<double> pAlive, int64_t asOfDay, const ChurnOptions &options)
{
    ChurnFlags f;
    f.pAliveLow = pAlive && *pAlive < options.pAliveBelow;
    const int64_t gap = asOfDay - s.lastDay;
    const int64_t repeats = s.totalVisits - 1;
    // gap > factor × (t_x / x)  ⇔  gap × x > factor × t_x, for x >= 1.
    f.gapBeyondRhythm = repeats >= 1 && static_cast<double>(gap) * static_cast<double>(repeats) >
                                            options.rhythmFactor * static_cast<double>(s.lastDay - s.firstDay);
    f.lapsed = gap > options.lapsedDays;
    return f;
}

namespace {
bool parseNumber(std::string_view text, unsigned &out)
{
    const auto *end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}
} // namespace

bool birthdayInComingWeek(std::string_view birthday, int64_t asOfDay)
{
    unsigned y = 0, m = 0, d = 0;
    if (birthday.size() != 10 || birthday[4] != '-' || birthday[7] != '-' || !parseNumber(birthday.substr(0, 4), y) ||
        !parseNumber(birthday.substr(5, 2), m) || !parseNumber(birthday.substr(8, 2), d))
        return false;
    const date::year_month_day born{date::year{static_cast<int>(y)}, date::month{m}, date::day{d}};
    if (!born.ok())
        return false;
    for (int64_t day = asOfDay + 1; day <= asOfDay + 7; ++day) {
        const date::year_month_day local{date::sys_days{date::days{day}}};
        date::year_month_day anniversary{local.year(), born.month(), born.day()};
        if (!anniversary.ok()) // 29 February in a common year
            anniversary = date::year_month_day{local.year(), date::March, date::day{1}};
        if (anniversary == local)
            return true;
    }
    return false;
}

} // namespace tapledger::crm
