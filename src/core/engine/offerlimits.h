#pragma once

#include "core/engine/offer.h"
#include "core/engine/policy.h"
#include "core/engine/venuecalendar.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tapledger {

/// A member's birthday nearest to an instant (docs/policy.md, `offers[].when.birthday_within_days`).
struct NearestBirthday
{
    int64_t inDays = 0; ///< local days from the instant's day to it; negative = just passed
    std::string year;   ///< its local year, "2027"
};

/// The anniversary of @p birthday ("YYYY-MM-DD"; 29 February counts as 28 February in common
/// years) nearest to @p nowMs in @p calendar, looking one year back and ahead; nullopt for an
/// empty or malformed birthday. The kiosk's offers and HQ's segment offers share it.
std::optional<NearestBirthday> nearestBirthday(const VenueCalendar &calendar, std::string_view birthday, int64_t nowMs);

/// The span an offer's per-member limit counts over at @p nowMs (Offer::limitPeriodKey): "" for
/// LimitPeriod::Life, "2026" (Year), "2026-05" (Month), "b2027" for BirthdayYear with the year
/// of the nearest birthday @p birthdayYear, the calendar year when @p birthdayYear is "".
std::string offerPeriodKey(LimitPeriod period, const VenueCalendar &calendar, int64_t nowMs,
                           const std::string &birthdayYear);

/// Sets what accepting @p offer gives from its @p rule: a voucher of the rule's voucher rule
/// (value, minimum spend, expiry counted from @p nowMs in @p calendar), else the rule's points,
/// else nothing (informational). The kiosk's offers and HQ's segment offers share it.
void grantFromRule(Offer &offer, const OfferRule &rule, const Policy &policy, const VenueCalendar &calendar,
                   int64_t nowMs);

} // namespace tapledger
