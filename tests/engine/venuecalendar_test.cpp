#include "core/engine/venuecalendar.h"

#include <gtest/gtest.h>

namespace tapledger {
namespace {

TEST(VenueCalendar, UnknownZoneIsNotFound)
{
    auto c = VenueCalendar::create("Nowhere/Land");
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, ErrorCode::NotFound);
}

TEST(VenueCalendar, EndOfMonthIsLocalNotUtc)
{
    auto sh = *VenueCalendar::create("Asia/Shanghai");
    // 2026-01-31T20:00Z is already 1 Feb 04:00 in Shanghai: the voucher runs to the end of February.
    const int64_t issued = *sh.parseInstant("2026-01-31T20:00:00Z");
    EXPECT_EQ(sh.localDate(issued), "2026-02-01");
    const int64_t end = sh.expiryAt(issued, ExpirySpec{false, 0, 0, Period::Month});
    EXPECT_EQ(sh.localDateTime(end), "2026-02-28 23:59");
    EXPECT_EQ(end, *sh.parseInstant("2026-02-28T15:59:59.999Z") );
}

TEST(VenueCalendar, WeekAndDayRounding)
{
    auto paris = *VenueCalendar::create("Europe/Paris", 1);
    const int64_t wed = *paris.parseInstant("2026-03-04T12:00");
    EXPECT_EQ(paris.localDateTime(paris.expiryAt(wed, {false, 0, 0, Period::Week})), "2026-03-08 23:59");
    EXPECT_EQ(paris.localDateTime(paris.expiryAt(wed, {false, 0, 6, Period::Day})), "2026-03-10 23:59");
    auto sundayStart = *VenueCalendar::create("Europe/Paris", 7);
    EXPECT_EQ(sundayStart.localDateTime(sundayStart.expiryAt(wed, {false, 0, 0, Period::Week})), "2026-03-07 23:59");
}

TEST(VenueCalendar, MonthsClampAndCrossDst)
{
    auto paris = *VenueCalendar::create("Europe/Paris");
    const int64_t jan31 = *paris.parseInstant("2026-01-31T10:00");
    EXPECT_EQ(paris.localDateTime(paris.expiryAt(jan31, {false, 1, 0, Period::None})), "2026-02-28 10:00");
    // Across the March DST change the local end of day is still 23:59:59.999 local.
    const int64_t mar28 = *paris.parseInstant("2026-03-28T10:00");
    const int64_t end = paris.expiryAt(mar28, {false, 0, 1, Period::Day});
    EXPECT_EQ(end, *paris.parseInstant("2026-03-29T21:59:59.999Z"));
    EXPECT_EQ(paris.expiryAt(mar28, ExpirySpec{}), INT64_MAX);
}

TEST(VenueCalendar, ReviewDates)
{
    auto paris = *VenueCalendar::create("Europe/Paris");
    const int64_t t = *paris.parseInstant("2026-05-20T10:00");
    EXPECT_EQ(paris.localDate(paris.lastMonthStartOnOrBefore(t, {1, 4, 7, 10})), "2026-04-01");
    EXPECT_EQ(paris.localDate(paris.lastMonthStartOnOrBefore(t, {7})), "2025-07-01");
    EXPECT_EQ(paris.lastMonthStartOnOrBefore(t, {}), INT64_MIN);
}

TEST(VenueCalendar, ParsesInstantsStrictly)
{
    auto paris = *VenueCalendar::create("Europe/Paris");
    EXPECT_EQ(*paris.parseInstant("2026-01-01T01:00"), *paris.parseInstant("2026-01-01T00:00:00Z"));
    EXPECT_EQ(*paris.parseInstant("2026-01-01T08:00+08:00"), *paris.parseInstant("2026-01-01T00:00Z"));
    for (const char *bad : {"", "2026-13-01T00:00", "yesterday", "2026-01-01 00:00", "2026-01-01T00:00Zjunk"})
        EXPECT_FALSE(paris.parseInstant(bad).ok()) << bad;
    EXPECT_FALSE(paris.parseLocalDate("2026-02-30").ok());
}

struct BirthdayWeekCase
{
    const char *now;      // venue local time
    const char *birthday;
    unsigned weekStart;
    bool expected;
};

TEST(VenueCalendar, BirthdayWeekIsTheLocalWeekOfTheAnniversary)
{
    // 2026-11-23 is a Monday.
    const BirthdayWeekCase cases[] = {
        {"2026-11-23T19:00", "1988-11-25", 1, true},   // Wednesday of the same week
        {"2026-11-23T19:00", "1988-11-29", 1, true},   // Sunday: last day of a Monday week
        {"2026-11-23T19:00", "1988-11-30", 1, false},  // next Monday
        {"2026-11-23T19:00", "1988-11-22", 1, false},  // the Sunday before
        {"2026-11-23T19:00", "1988-11-22", 7, true},   // weeks starting on Sunday include it
        {"2026-12-30T10:00", "1990-01-02", 1, true},   // week across the new year
        {"2027-03-01T10:00", "1992-02-29", 1, true},   // 29 Feb in a common year → 1 Mar
        {"2026-11-23T19:00", "", 1, false},
        {"2026-11-23T19:00", "1988-13-01", 1, false},
        {"2026-11-23T19:00", "25/11/1988", 1, false},
    };
    for (const auto &c : cases) {
        auto cal = *VenueCalendar::create("Asia/Shanghai", c.weekStart);
        EXPECT_EQ(cal.isBirthdayWeek(c.birthday, *cal.parseInstant(c.now)), c.expected)
            << c.now << " birthday " << c.birthday << " week start " << c.weekStart;
    }
}

} // namespace
} // namespace tapledger
