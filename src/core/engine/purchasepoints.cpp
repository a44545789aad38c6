#include "core/engine/purchasepoints.h"

#include "core/engine/entryextra_p.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>

namespace tapledger {

namespace {
struct Line
{
    nlohmann::json extra;
    std::string ref;
    int64_t points = 0;
};
} // namespace

Result<std::vector<EarnLine>> PurchasePoints::compute(const Policy &pol, const VenueCalendar &calendar,
                                                      const PurchasePointsInput &in, const EarnCounters &counter)
{
    const int64_t now = in.nowMs;
    const int64_t total = in.total;
    const std::string member = in.member.toString();
    const int64_t day = calendar.localDay(now);
    const int64_t expiresMs = calendar.expiryAt(now, pol.points.expiry);
    const TierLevel &tier = pol.tiers.levels[pol.tierIndex(in.tier)];
    const auto base = [&](nlohmann::json j) {
        j["purchase"] = static_cast<int64_t>(in.purchaseSeq);
        j["day"] = day;
        if (expiresMs != INT64_MAX)
            j["expires_ms"] = expiresMs;
        return j;
    };
    Rational promoMultiplier(1, 1);
    nlohmann::json promoIds = nlohmann::json::array();
    std::vector<Line> lines;
    std::vector<const Promotion *> bonusPromos;
    for (const auto &p : pol.points.promotions) {
        if (now < p.fromMs || now > p.toMs)
            continue;
        if (!p.category.empty() && std::find(in.categories.begin(), in.categories.end(), p.category) == in.categories.end())
            continue;
        if (p.perMemberLimit) {
            auto used = counter("promo:" + p.rule.id + ":" + member);
            if (!used)
                return std::move(used).error();
            if (*used >= p.perMemberLimit)
                continue;
        }
        auto m = promoMultiplier.times(p.multiplier);
        if (!m)
            return std::move(m).error();
        promoMultiplier = *m;
        promoIds.push_back(p.rule.id);
        if (p.bonusPoints)
            bonusPromos.push_back(&p);
    }
    auto rate = pol.points.earn.rate().times(tier.multiplier);
    if (!rate)
        return std::move(rate).error();
    auto fullRate = rate->times(promoMultiplier);
    if (!fullRate)
        return std::move(fullRate).error();
    auto spendPoints = fullRate->applyTo(total, pol.points.earn.rounding);
    if (!spendPoints)
        return std::move(spendPoints).error();
    if (*spendPoints > 0 || !promoIds.empty()) {
        const auto &earn = pol.points.earn;
        lines.push_back({base({{"line", "earn"},
                               {"rule", earn.rule.id},
                               {"version", earn.rule.version},
                               {"amount", total},
                               {"points_per", earn.points},
                               {"per", earn.per},
                               {"rounding", std::string(roundingName(earn.rounding))},
                               {"tier", tier.id},
                               {"tier_name", tier.name},
                               {"tier_multiplier", tier.multiplier.toString()},
                               {"promo_multiplier", promoMultiplier.toString()},
                               {"promos", promoIds}}),
                         earn.rule.ref(), *spendPoints});
    }
    if (pol.points.visit) {
        auto last = counter("visit:" + member);
        if (!last)
            return std::move(last).error();
        if (*last != day)
            lines.push_back({base({{"line", "visit"},
                                   {"rule", pol.points.visit->rule.id},
                                   {"version", pol.points.visit->rule.version},
                                   {"date", calendar.localDate(now)}}),
                             pol.points.visit->rule.ref(), pol.points.visit->points});
    }
    for (const auto &t : pol.points.thresholds) {
        if (total >= t.minSpend)
            lines.push_back({base({{"line", "threshold"},
                                   {"rule", t.rule.id},
                                   {"version", t.rule.version},
                                   {"amount", total},
                                   {"min_spend", t.minSpend}}),
                             t.rule.ref(), t.points});
    }
    for (const Promotion *p : bonusPromos)
        lines.push_back({base({{"line", "promo"}, {"rule", p->rule.id}, {"version", p->rule.version}, {"from", p->from},
                               {"to", p->to}}),
                         p->rule.ref(), p->bonusPoints});

    int64_t cap = INT64_MAX;
    std::string capName;
    if (pol.points.capPerPurchase) {
        cap = pol.points.capPerPurchase;
        capName = "per_purchase";
    }
    if (pol.points.capPerDay) {
        auto capDay = counter("capday:" + member);
        auto today = counter("cappoints:" + member);
        if (!capDay || !today)
            return fail(ErrorCode::Io, "cannot read the daily points cap");
        const int64_t left = std::max<int64_t>(0, pol.points.capPerDay - (*capDay == day ? *today : 0));
        if (left < cap) {
            cap = left;
            capName = "per_day";
        }
    }
    std::vector<EarnLine> out;
    int64_t sum = 0;
    for (auto &l : lines) {
        const int64_t allowed = std::max<int64_t>(0, std::min(l.points, cap - sum));
        if (allowed < l.points) {
            l.extra["capped_from"] = l.points;
            l.extra["cap"] = capName;
            l.extra["cap_points"] = capName == "per_day" ? pol.points.capPerDay : pol.points.capPerPurchase;
            l.points = allowed;
        }
        sum += l.points;
        const bool recorded = l.points != 0 || l.extra.contains("capped_from") || l.extra.contains("promos");
        out.push_back({extra::dump(l.extra), l.ref, l.points, recorded});
    }
    return out;
}

} // namespace tapledger
