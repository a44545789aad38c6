#pragma once

#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace tapledger {

/// A calendar period that expiry dates round up to (the end of the period, venue local time).
enum class Period {
    None,  ///< no rounding: the exact instant
    Day,   ///< end of the local day
    Week,  ///< end of the local week (the policy says which day weeks start on)
    Month, ///< end of the local month
};

/// When something issued at an instant expires: after N months and N days, then rounded up to
/// the end of the day / week / month in the venue's time zone. never = it does not expire.
struct ExpirySpec
{
    bool never = true;
    int32_t afterMonths = 0; ///< 0..1200
    int32_t afterDays = 0;   ///< 0..36500
    Period round = Period::None;
};

/// Calendar rules in the venue's IANA time zone (DESIGN invariant 7): every instant is UTC
/// milliseconds; local dates come from the tz database (Howard Hinnant's date/tz, system tzdata),
/// never from the machine's zone. Cheap to copy.
class VenueCalendar
{
public:
    /// The calendar for @p zone ("Asia/Shanghai"), weeks starting on ISO weekday @p weekStart
    /// (1 = Monday … 7 = Sunday). NotFound for a zone the tz database does not know.
    static Result<VenueCalendar> create(std::string_view zone, unsigned weekStart = 1);

    /// The IANA zone name.
    const std::string &zoneName() const noexcept { return m_name; }

    /// Local civil date "YYYY-MM-DD" of UTC instant @p ms.
    std::string localDate(int64_t ms) const;
    /// Local "YYYY-MM-DD HH:MM" of UTC instant @p ms.
    std::string localDateTime(int64_t ms) const;
    /// Local days since 1970-01-01 (for "once per day" rules and day differences).
    int64_t localDay(int64_t ms) const;
    /// Local month (1..12) and day (1..31) of @p ms.
    std::pair<unsigned, unsigned> localMonthDay(int64_t ms) const;
    /// UTC ms of the local midnight that starts local day number @p day.
    int64_t startOfLocalDay(int64_t day) const;

    /// UTC ms of local midnight of "YYYY-MM-DD"; InvalidArgument for anything else.
    Result<int64_t> parseLocalDate(std::string_view text) const;
    /// An instant: ISO 8601 "2026-05-31T22:00:00Z", with an offset ("+08:00"), or without one
    /// (venue local time); seconds optional. InvalidArgument otherwise.
    Result<int64_t> parseInstant(std::string_view text) const;

    /// The last millisecond of validity of something issued at @p issuedMs under @p spec
    /// (INT64_MAX when spec.never).
    int64_t expiryAt(int64_t issuedMs, const ExpirySpec &spec) const;

    /// Local midnight (UTC ms) of the latest first-of-month in @p months (1..12) that is on or
    /// before @p ms; INT64_MIN when @p months is empty.
    int64_t lastMonthStartOnOrBefore(int64_t ms, const std::vector<unsigned> &months) const;

    /// True when the anniversary of @p birthday ("YYYY-MM-DD"; 29 Feb counts as 1 Mar in
    /// common years) falls in the local week (starting on the calendar's week start) that
    /// contains @p nowMs. False for an empty or malformed birthday.
    bool isBirthdayWeek(std::string_view birthday, int64_t nowMs) const;

private:
    VenueCalendar(const date::time_zone *zone, std::string name, unsigned weekStart)
        : m_zone(zone), m_name(std::move(name)), m_weekStart(weekStart)
    {
    }
    const date::time_zone *m_zone;
    std::string m_name;
    unsigned m_weekStart;
};

} // namespace tapledger
