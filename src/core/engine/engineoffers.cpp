// Offers evaluated on the kiosk from the policy, merged with HQ offers; accepting one.
#include "core/engine/engine_p.h"

#include "core/engine/counterprojection_p.h"
#include "core/engine/offerlimits.h"
#include "core/engine/sql_p.h"

#include <algorithm>
#include <climits>
#include <cstdlib>

namespace tapledger {

namespace {
constexpr int64_t kDayMs = 86'400'000;

/// Facts about a member that offer conditions and reasons use.
struct Facts
{
    std::string tier, tierName;
    std::optional<int64_t> birthdayInDays; ///< days to the nearest birthday (negative: just passed)
    std::string birthdayYear;              ///< local year of that nearest birthday, "" = no birthday
    int64_t purchases = 0;
    int64_t daysSinceVisit = 0;
    std::string favouriteCategory;
};
} // namespace

Result<std::vector<Offer>> Engine::Impl::policyOffers(const Uuid &member) const
{
    auto row = memberRow(member);
    if (!row)
        return std::move(row).error();
    const int64_t t = now();
    const int64_t today = calendar.localDay(t);
    Facts f;
    const TierLevel &level = policy.tiers.levels[policy.tierIndex(row->tier)];
    f.tier = level.id;
    f.tierName = level.name;
    if (auto b = nearestBirthday(calendar, row->birthday, t)) {
        f.birthdayInDays = b->inDays;
        f.birthdayYear = b->year;
    }
    auto stmt = sql::prepared(db(), "SELECT count(*), coalesce(max(time_ms), 0) FROM engine_purchases WHERE member = ?",
                              member);
    if (!stmt)
        return std::move(stmt).error();
    if (auto r = stmt->step(); !r)
        return std::move(r).error();
    f.purchases = stmt->int64At(0);
    f.daysSinceVisit = f.purchases ? today - calendar.localDay(stmt->int64At(1)) : 0;
    auto fav = sql::prepared(db(), "SELECT category FROM engine_category_spend WHERE member = ? AND amount > 0 "
                                   "ORDER BY amount DESC, category LIMIT 1",
                             member);
    if (!fav)
        return std::move(fav).error();
    if (auto r = fav->step(); !r)
        return std::move(r).error();
    else if (*r)
        f.favouriteCategory = fav->textAt(0);

    std::vector<Offer> out;
    for (const auto &rule : policy.offers) {
        const auto &w = rule.when;
        std::string points, date, days;
        if (w.birthdayWithinDays && (!f.birthdayInDays || std::llabs(*f.birthdayInDays) > *w.birthdayWithinDays))
            continue;
        if (w.pointsExpiringWithinDays) {
            auto q = sql::prepared(db(), "SELECT coalesce(sum(remaining), 0), min(expires_ms) FROM engine_point_batches "
                                         "WHERE member = ? AND remaining > 0 AND expires_ms <= ?",
                                   member, t + *w.pointsExpiringWithinDays * kDayMs);
            if (!q)
                return std::move(q).error();
            if (auto r = q->step(); !r)
                return std::move(r).error();
            if (q->int64At(0) <= 0)
                continue;
            points = std::to_string(q->int64At(0));
            date = calendar.localDate(q->int64At(1));
        }
        if (!w.tiers.empty() && std::find(w.tiers.begin(), w.tiers.end(), f.tier) == w.tiers.end())
            continue;
        if (w.noVisitDays && (f.purchases == 0 || f.daysSinceVisit < *w.noVisitDays))
            continue;
        if (w.firstVisit && f.purchases != 0)
            continue;
        if (!w.favouriteCategory.empty() && f.favouriteCategory != w.favouriteCategory)
            continue;
        if (rule.evaluatedAtHq())
            continue; // segments are computed at HQ; HQ ships such offers itself (HqRuleOffers)
        // The span the limit counts over, in the venue's calendar (DESIGN.md invariant 7).
        const std::string periodKey = offerPeriodKey(rule.limitPeriod, calendar, t, f.birthdayYear);
        if (rule.perMemberLimit) {
            auto used = counter(CounterProjection::offerKey(rule.rule.id, member.toString(), periodKey));
            if (!used)
                return std::move(used).error();
            if (*used >= rule.perMemberLimit)
                continue;
        }
        Offer o;
        o.id = rule.rule.id;
        o.version = rule.rule.version;
        o.source = "kiosk";
        o.title = rule.title;
        o.priority = rule.priority;
        o.perMemberLimit = rule.perMemberLimit;
        o.limitPeriodKey = periodKey;
        o.reasonTemplate = rule.reason;
        o.reasonArgs = {{"points", points},
                        {"date", date},
                        {"days", std::to_string(f.daysSinceVisit)},
                        {"tier", f.tierName},
                        {"category", f.favouriteCategory},
                        {"name", row->name}};
        o.reason = o.reasonIn(Phrasebook());
        grantFromRule(o, rule, policy, calendar, t);
        out.push_back(std::move(o));
    }
    return out;
}

Result<std::vector<Offer>> Engine::offers(const Uuid &member, std::span<const Offer> hqOffers) const
{
    d->refreshPolicy();
    auto out = d->policyOffers(member);
    if (!out)
        return std::move(out).error();
    // HQ's per-member offers from the feed, then any the caller brings.
    auto hq = d->adoptedOffers(member);
    if (!hq)
        return std::move(hq).error();
    hq->insert(hq->end(), hqOffers.begin(), hqOffers.end());
    for (const Offer &o : *hq) {
        if (o.validUntilMs < d->now() || o.validFromMs > d->now())
            continue;
        if (o.perMemberLimit) {
            auto used = d->counter(CounterProjection::offerKey(o.id, member.toString(), o.limitPeriodKey));
            if (!used)
                return std::move(used).error();
            if (*used >= o.perMemberLimit)
                continue;
        }
        out->push_back(o);
    }
    std::stable_sort(out->begin(), out->end(), [](const Offer &a, const Offer &b) {
        return a.priority != b.priority ? a.priority > b.priority : a.id < b.id;
    });
    return out;
}

Result<Receipt> Engine::acceptOffer(const Uuid &member, const std::string &offerId, std::span<const Offer> hqOffers)
{
    d->refreshPolicy();
    auto available = offers(member, hqOffers);
    if (!available)
        return std::move(available).error();
    auto it = std::find_if(available->begin(), available->end(), [&](const Offer &o) { return o.id == offerId; });
    if (it == available->end())
        return fail(ErrorCode::NotFound, "offer '" + offerId + "' is not available to this member now");
    const Offer offer = *it;
    if (offer.grant == Offer::Grant::None)
        return fail(ErrorCode::InvalidArgument, "offer '" + offerId + "' is informational; there is nothing to accept");
    return d->transact(member, [&](Receipt &receipt) -> Result<void> {
        // What HQ grants is spent like stored value: offline, only within the caps.
        if (offer.source == "hq") {
            // Counted on the member's active card (accepting takes no card of its own).
            auto card = sql::prepared(d->db(), "SELECT card FROM engine_cards WHERE member = ? AND status = 'active' "
                                               "ORDER BY issued_ms DESC LIMIT 1", member);
            if (!card)
                return std::move(card).error();
            auto row = card->step();
            if (!row)
                return std::move(row).error();
            Impl::CardUse use;
            if (*row)
                use.card = sql::uuidAt(*card, 0);
            TL_TRY(d->spendOffline(use, offer.grant == Offer::Grant::Voucher ? offer.voucherValue : 0));
        }
        const std::string ref = "offer:" + offer.source + ":" + offer.id + "@" + std::to_string(offer.version);
        nlohmann::json x = {{"offer", offer.id}, {"offer_version", offer.version}, {"source", offer.source},
                            {"title", offer.title}};
        if (!offer.limitPeriodKey.empty())
            x["period"] = offer.limitPeriodKey;
        LedgerEntry e;
        if (offer.grant == Offer::Grant::Voucher) {
            x["value"] = offer.voucherValue;
            x["min_spend"] = offer.voucherMinSpend;
            x["expires_ms"] = offer.voucherExpiresMs;
            if (!offer.voucherRule.empty()) {
                x["rule"] = offer.voucherRule;
                for (const VoucherRule &v : d->policy.vouchers)
                    if (v.rule.id == offer.voucherRule)
                        x["version"] = v.rule.version;
            }
            e = d->draft(EntryKind::VoucherIssue, member, x, {ref});
        } else {
            x["line"] = "offer";
            const int64_t expiresMs = d->calendar.expiryAt(d->now(), d->policy.points.expiry);
            if (expiresMs != INT64_MAX)
                x["expires_ms"] = expiresMs;
            e = d->draft(EntryKind::Earn, member, x, {ref});
            e.pointsDelta = offer.points;
        }
        auto stored = d->append({e}, receipt);
        if (!stored)
            return std::move(stored).error();
        receipt.mainSeq = stored->front().entry.seq;
        return offer.grant == Offer::Grant::Points ? d->maybeUpgrade(member, receipt) : Result<void>();
    });
}

} // namespace tapledger
