#include "core/engine/hqruleoffers.h"

#include "core/engine/offerlimits.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>

namespace tapledger {

namespace {
bool meets(const OfferConditions &w, const HqMemberSegments &m, const std::optional<NearestBirthday> &birthday)
{
    if (!w.quadrant.empty() && w.quadrant != m.quadrant)
        return false;
    if (!w.pyramid.empty() && std::find(w.pyramid.begin(), w.pyramid.end(), m.pyramid) == w.pyramid.end())
        return false;
    if (w.churnRisk && !m.churnRisk)
        return false;
    if (!w.tiers.empty() && std::find(w.tiers.begin(), w.tiers.end(), m.tier) == w.tiers.end())
        return false;
    if (w.noVisitDays && m.daysSinceVisit < *w.noVisitDays)
        return false;
    if (w.birthdayWithinDays && (!birthday || std::llabs(birthday->inDays) > *w.birthdayWithinDays))
        return false;
    return true;
}
} // namespace

std::vector<Offer> HqRuleOffers::evaluate(const Policy &policy, const VenueCalendar &calendar,
                                          const HqMemberSegments &member, int64_t asOfMs, int64_t validUntilMs)
{
    assert(validUntilMs >= asOfMs);
    const auto birthday = nearestBirthday(calendar, member.birthday, asOfMs);
    std::vector<Offer> out;
    for (const OfferRule &rule : policy.offers) {
        if (!rule.evaluatedAtHq() || !meets(rule.when, member, birthday))
            continue;
        Offer o;
        o.id = rule.rule.id;
        o.version = rule.rule.version;
        o.source = "hq";
        o.title = rule.title;
        o.priority = rule.priority;
        o.validFromMs = asOfMs;
        o.validUntilMs = validUntilMs;
        o.perMemberLimit = rule.perMemberLimit;
        o.limitPeriodKey = offerPeriodKey(rule.limitPeriod, calendar, asOfMs, birthday ? birthday->year : "");
        const TierLevel *tier = nullptr;
        for (const TierLevel &level : policy.tiers.levels)
            tier = level.id == member.tier ? &level : tier;
        const TemplateArgs args = {{"days", std::to_string(member.daysSinceVisit)},
                                   {"name", member.name},
                                   {"tier", tier ? tier->name : std::string()}};
        o.reason = fillTemplate(rule.reason, args);
        for (const auto &[locale, table] : policy.translations) {
            const Phrasebook book = policy.phrasebook(locale);
            const std::string title = book.phrase(rule.title);
            TemplateArgs local = args;
            local[2].second = book.phrase(local[2].second); // a tier name is a policy word
            const std::string reason = fillTemplate(book.phrase(rule.reason), local);
            if (title != o.title)
                o.translations[locale][o.title] = title;
            if (reason != o.reason)
                o.translations[locale][o.reason] = reason;
        }
        grantFromRule(o, rule, policy, calendar, asOfMs);
        out.push_back(std::move(o));
    }
    std::stable_sort(out.begin(), out.end(), [](const Offer &a, const Offer &b) {
        return a.priority != b.priority ? a.priority > b.priority : a.id < b.id;
    });
    return out;
}

} // namespace tapledger
