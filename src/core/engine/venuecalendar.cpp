#include "core/engine/venuecalendar.h"

#include <cctype>

// GCC 12 at -O2 reports a false "may be used uninitialized" inside date::from_stream (date.h),
// which date::parse instantiates here; the variable is written before every read.
// clang has no such warning (and would warn about the unknown group).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <climits>
#include <cstdio>
#include <sstream>

namespace tapledger {

namespace {
using std::chrono::milliseconds;
using SysMs = date::sys_time<milliseconds>;
using LocalMs = date::local_time<milliseconds>;

date::local_days localDaysOf(const date::time_zone *zone, int64_t ms)
{
    const LocalMs local = zone->to_local(SysMs(milliseconds(ms)));
    return date::floor<date::days>(local);
}

int64_t toUtcMs(const date::time_zone *zone, const LocalMs &local)
{
    // A local time inside a DST gap or overlap: take the earliest matching instant.
    const auto sys = zone->to_sys(local, date::choose::earliest);
    return std::chrono::duration_cast<milliseconds>(sys.time_since_epoch()).count();
}

date::year_month_day addMonths(date::year_month_day ymd, int32_t months)
{
    date::year_month_day out = ymd + date::months(months);
    if (!out.ok()) // 31 Jan + 1 month → last day of February
        out = date::year_month_day(date::year_month_day_last(out.year(), date::month_day_last(out.month())));
    return out;
}
} // namespace

Result<VenueCalendar> VenueCalendar::create(std::string_view zone, unsigned weekStart)
{
    if (weekStart < 1 || weekStart > 7)
        return fail(ErrorCode::InvalidArgument, "week start must be an ISO weekday 1 (Monday) to 7 (Sunday)");
    try {
        const date::time_zone *tz = date::locate_zone(zone);
        return VenueCalendar(tz, std::string(zone), weekStart);
    } catch (const std::exception &) {
        return fail(ErrorCode::NotFound, "unknown IANA time zone '" + std::string(zone) + "'");
    }
}

std::string VenueCalendar::localDate(int64_t ms) const
{
    return date::format("%F", localDaysOf(m_zone, ms));
}

std::string VenueCalendar::localDateTime(int64_t ms) const
{
    const LocalMs local = m_zone->to_local(SysMs(milliseconds(ms)));
    return date::format("%F %R", date::floor<std::chrono::minutes>(local));
}

int64_t VenueCalendar::localDay(int64_t ms) const
{
    return localDaysOf(m_zone, ms).time_since_epoch().count();
}

std::pair<unsigned, unsigned> VenueCalendar::localMonthDay(int64_t ms) const
{
    const date::year_month_day ymd(localDaysOf(m_zone, ms));
    return {static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

int64_t VenueCalendar::startOfLocalDay(int64_t day) const
{
    return toUtcMs(m_zone, LocalMs(date::local_days(date::days(day))));
}

Result<int64_t> VenueCalendar::parseLocalDate(std::string_view text) const
{
    std::istringstream in{std::string(text)};
    date::year_month_day ymd{};
    in >> date::parse(std::string("%F"), ymd);
    if (in.fail() || in.peek() != std::char_traits<char>::eof() || !ymd.ok() || text.size() != 10) {
        std::string message = "'";
        message += text;
        message += "' is not a date YYYY-MM-DD";
        return fail(ErrorCode::InvalidArgument, message);
    }
    return toUtcMs(m_zone, LocalMs(date::local_days(ymd)));
}

Result<int64_t> VenueCalendar::parseInstant(std::string_view text) const
{
    const std::string s(text);
    const auto bad = fail(ErrorCode::InvalidArgument,
                          "'" + s + "' is not a time like 2026-05-31T22:00:00Z, 2026-05-31T22:00+08:00 or 2026-05-31T22:00");
    const bool zulu = !s.empty() && s.back() == 'Z';
    const bool offset = s.size() > 6 && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-') && s[s.size() - 3] == ':';
    // Pick %T or %R from the text's shape first: date::parse reads a seconds field that is
    // missing or malformed into a NaN and converts it to an integer (undefined behaviour, found by
    // fuzz_simscript under clang's UBSan), so it must never be asked for seconds that are not there.
    const size_t tee = s.find('T');
    const size_t zoneLen = zulu ? 1 : offset ? 6 : 0;
    if (tee == std::string::npos || s.size() < tee + 1 + zoneLen)
        return bad;
    const std::string clock = s.substr(tee + 1, s.size() - tee - 1 - zoneLen);
    const auto digitsAt = [&clock](size_t i) { return std::isdigit(static_cast<unsigned char>(clock[i])) != 0; };
    const bool hm = clock.size() >= 5 && digitsAt(0) && digitsAt(1) && clock[2] == ':' && digitsAt(3) && digitsAt(4);
    const bool hms = hm && clock.size() >= 8 && clock[5] == ':' && digitsAt(6) && digitsAt(7);
    if (!hm || (clock.size() != 5 && !hms))
        return bad;
    for (const char *fmt : {hms ? "%FT%T" : "%FT%R"}) {
        std::istringstream in(s);
        if (zulu || offset) {
            SysMs t{};
            in >> date::parse(std::string(fmt) + (zulu ? "Z" : "%Ez"), t);
            if (!in.fail() && in.peek() == std::char_traits<char>::eof())
                return t.time_since_epoch().count();
        } else {
            LocalMs t{};
            in >> date::parse(fmt, t);
            if (!in.fail() && in.peek() == std::char_traits<char>::eof())
                return toUtcMs(m_zone, t);
        }
    }
    return bad;
}

int64_t VenueCalendar::expiryAt(int64_t issuedMs, const ExpirySpec &spec) const
{
    if (spec.never)
        return INT64_MAX;
    const LocalMs local = m_zone->to_local(SysMs(milliseconds(issuedMs)));
    const date::local_days day = date::floor<date::days>(local);
    const auto timeOfDay = local - day;
    date::year_month_day ymd = addMonths(date::year_month_day(day), spec.afterMonths);
    const date::local_days target = date::local_days(ymd) + date::days(spec.afterDays);
    switch (spec.round) {
    case Period::None:
        return toUtcMs(m_zone, target + timeOfDay);
    case Period::Day:
        return toUtcMs(m_zone, LocalMs(target + date::days(1))) - 1;
    case Period::Week: {
        const unsigned iso = date::weekday(target).iso_encoding();
        const auto intoWeek = static_cast<int>((iso + 7 - m_weekStart) % 7);
        return toUtcMs(m_zone, LocalMs(target - date::days(intoWeek) + date::days(7))) - 1;
    }
    case Period::Month: {
        const date::year_month_day t(target);
        const date::year_month next = date::year_month(t.year(), t.month()) + date::months(1);
        return toUtcMs(m_zone, LocalMs(date::local_days(next / 1))) - 1;
    }
    }
    return INT64_MAX;
}

int64_t VenueCalendar::lastMonthStartOnOrBefore(int64_t ms, const std::vector<unsigned> &months) const
{
    if (months.empty())
        return INT64_MIN;
    const date::year_month_day today(localDaysOf(m_zone, ms));
    date::year_month ym(today.year(), today.month());
    for (int i = 0; i < 13; ++i, ym -= date::months(1)) {
        for (unsigned m : months) {
            if (static_cast<unsigned>(ym.month()) == m)
                return toUtcMs(m_zone, LocalMs(date::local_days(ym / 1)));
        }
    }
    return INT64_MIN;
}

bool VenueCalendar::isBirthdayWeek(std::string_view birthday, int64_t nowMs) const
{
    if (birthday.size() != 10 || !parseLocalDate(birthday))
        return false;
    const int64_t today = localDay(nowMs);
    // 1970-01-01 was a Thursday (ISO weekday 4).
    const int64_t isoWeekday = ((today + 3) % 7 + 7) % 7 + 1;
    const int64_t weekFirst = today - ((isoWeekday - static_cast<int64_t>(m_weekStart)) % 7 + 7) % 7;
    const std::string monthDay(birthday.substr(4));
    for (int64_t day : {weekFirst, weekFirst + 6}) {
        const std::string year = localDate(startOfLocalDay(day)).substr(0, 4);
        auto start = parseLocalDate(year + monthDay);
        if (!start && monthDay == "-02-29")
            start = parseLocalDate(year + "-03-01");
        if (!start)
            continue;
        const int64_t anniversary = localDay(*start);
        if (anniversary >= weekFirst && anniversary <= weekFirst + 6)
            return true;
    }
    return false;
}

} // namespace tapledger
