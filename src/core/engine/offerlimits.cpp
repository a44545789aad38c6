#include "core/engine/offerlimits.h"

#include <cassert>
#include <cstdlib>

namespace tapledger {

std::optional<NearestBirthday> nearestBirthday(const VenueCalendar &calendar, std::string_view birthday, int64_t nowMs)
{
    if (birthday.size() != 10 || !calendar.parseLocalDate(birthday))
        return std::nullopt;
    const int64_t today = calendar.localDay(nowMs);
    const int year = std::stoi(calendar.localDate(nowMs).substr(0, 4));
    const std::string md(birthday.substr(4));
    std::optional<NearestBirthday> best;
    for (int dy : {-1, 0, 1}) {
        const std::string y = std::to_string(year + dy);
        auto ms = calendar.parseLocalDate(y + md);
        if (!ms && md == "-02-29")
            ms = calendar.parseLocalDate(y + "-02-28");
        if (!ms)
            continue;
        const int64_t diff = calendar.localDay(*ms) - today;
        if (!best || std::llabs(diff) < std::llabs(best->inDays))
            best = NearestBirthday{diff, y};
    }
    return best;
}

std::string offerPeriodKey(LimitPeriod period, const VenueCalendar &calendar, int64_t nowMs,
                           const std::string &birthdayYear)
{
    switch (period) {
    case LimitPeriod::Life:
        return {};
    case LimitPeriod::Year:
        return calendar.localDate(nowMs).substr(0, 4);
    case LimitPeriod::Month:
        return calendar.localDate(nowMs).substr(0, 7);
    case LimitPeriod::BirthdayYear:
        return birthdayYear.empty() ? calendar.localDate(nowMs).substr(0, 4) : "b" + birthdayYear;
    }
    return {};
}

void grantFromRule(Offer &offer, const OfferRule &rule, const Policy &policy, const VenueCalendar &calendar,
                   int64_t nowMs)
{
    if (!rule.voucherRule.empty()) {
        const VoucherRule *v = policy.voucherRule(rule.voucherRule);
        assert(v); // the parser refuses an offer naming an unknown voucher rule
        offer.grant = Offer::Grant::Voucher;
        offer.voucherRule = v->rule.id;
        offer.voucherValue = v->value;
        offer.voucherMinSpend = v->minSpend;
        offer.voucherExpiresMs = calendar.expiryAt(nowMs, v->expiry);
    } else if (rule.points) {
        offer.grant = Offer::Grant::Points;
        offer.points = rule.points;
    }
}

} // namespace tapledger
