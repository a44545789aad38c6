// Purchases (prices, discounts, vouchers, payment, points, issued vouchers); returns are in
// enginereturn.cpp.
#include "core/engine/engine_p.h"

#include "core/checkedmath.h"
#include "core/engine/sql_p.h"

#include <algorithm>
#include <climits>

namespace tapledger {

namespace {
/// One points line of a purchase before it becomes an earn entry.
struct EarnLine
{
    nlohmann::json extra;
    std::string ref;
    int64_t points = 0;
};

struct Priced
{
    int64_t list = 0;       ///< at normal prices
    int64_t total = 0;      ///< after member prices
    nlohmann::json items = nlohmann::json::array();
    std::vector<std::string> categories;
};

struct VoucherRow
{
    int64_t value = 0, minSpend = 0, expiresMs = 0;
    std::string status;
};
} // namespace

namespace {
Result<Priced> priceItems(const Policy &policy, const std::vector<PurchaseItem> &items, bool isMember)
{
    if (items.empty())
        return fail(ErrorCode::InvalidArgument, "a purchase needs at least one item");
    Priced p;
    for (const auto &item : items) {
        int64_t list = 0, paid = 0;
        std::string category;
        if (!item.sku.empty()) {
            const PriceItem *pi = policy.item(item.sku);
            if (!pi)
                return fail(ErrorCode::NotFound, "unknown item '" + item.sku + "' (not in the price list)");
            if (item.quantity <= 0 || item.quantity > 1000)
                return fail(ErrorCode::InvalidArgument, "quantity of '" + item.sku + "' must be 1 to 1000");
            auto l = checkedMul(pi->price, item.quantity, "item amount");
            auto m = checkedMul(isMember && pi->memberPrice ? *pi->memberPrice : pi->price, item.quantity, "item amount");
            if (!l)
                return std::move(l).error();
            if (!m)
                return std::move(m).error();
            list = *l;
            paid = *m;
            category = pi->category;
        } else {
            if (item.amount <= 0)
                return fail(ErrorCode::InvalidArgument, "an item amount must be more than zero");
            if (item.category.empty())
                return fail(ErrorCode::InvalidArgument, "an open amount needs a category");
            list = paid = item.amount;
            category = item.category;
        }
        auto l = checkedAdd(p.list, list, "purchase total");
        auto t = checkedAdd(p.total, paid, "purchase total");
        if (!l)
            return std::move(l).error();
        if (!t)
            return std::move(t).error();
        p.list = *l;
        p.total = *t;
        nlohmann::json j = {{"category", category}, {"amount", paid}, {"quantity", item.sku.empty() ? 1 : item.quantity}};
        if (!item.sku.empty())
            j["sku"] = item.sku;
        p.items.push_back(j);
        p.categories.push_back(category);
    }
    return p;
}
} // namespace

Result<Receipt> Engine::purchase(const PurchaseRequest &r)
{
    d->refreshPolicy();
    TL_TRY(d->checkPayMethod(r.payMethod, true));
    auto member = d->memberRow(r.member);
    if (!member)
        return std::move(member).error();
    auto card = d->useCard(r.card, r.member, r.cardCounter);
    if (!card)
        return std::move(card).error();
    const Policy &pol = d->policy;
    return d->transact(r.member, [&](Receipt &receipt) -> Result<void> {
        TL_TRY(d->expireDue(&r.member, receipt));
        const int64_t now = d->now();
        const bool isMember = member->membershipUntilMs > now;
        auto priced = priceItems(pol, r.items, isMember);
        if (!priced)
            return std::move(priced).error();
        int64_t total = priced->total;
        nlohmann::json main = {{"list", priced->list},        {"items", priced->items},
                               {"pay_method", r.payMethod},   {"member_prices", priced->list - priced->total},
                               {"day", d->calendar.localDay(now)}};
        std::vector<std::string> mainRefs = {pol.ref()};

        for (const auto &disc : pol.discounts) {
            const bool method = std::find(disc.payMethods.begin(), disc.payMethods.end(), r.payMethod) != disc.payMethods.end();
            if (!method || (disc.requiresMembership && !isMember))
                continue;
            auto off = disc.rate.applyTo(total, disc.rounding);
            if (!off)
                return std::move(off).error();
            total -= *off;
            main["discount"] = {{"rule", disc.rule.id}, {"version", disc.rule.version}, {"rate", disc.rate.toString()},
                                {"amount", *off}};
            mainRefs.push_back(disc.rule.ref());
            break; // the first matching discount applies (docs/policy.md)
        }

        int64_t voucherValue = 0;
        std::string voucherRef; // fleet-wide: a voucher adopted from HQ names its issuing kiosk's entry
        if (r.voucher) {
            auto stmt = sql::queryRow(d->db(), "unknown voucher #" + std::to_string(r.voucher) + " for this member", "SELECT value, min_spend, expires_ms, status FROM engine_vouchers "
                                               "WHERE seq = ? AND member = ?",
                                      static_cast<int64_t>(r.voucher), r.member);
            if (!stmt)
                return std::move(stmt).error();
            const VoucherRow v{stmt->int64At(0), stmt->int64At(1), stmt->int64At(2), stmt->textAt(3)};
            if (v.status == "used")
                return fail(ErrorCode::Denied, ErrorReason::VoucherUsed,
                            "voucher #" + std::to_string(r.voucher) + " was already used");
            if (v.status == "expired" || v.expiresMs < now) {
                Error e = fail(ErrorCode::Denied, ErrorReason::VoucherExpired,
                               "voucher #" + std::to_string(r.voucher) + " expired on " +
                                   d->calendar.localDateTime(v.expiresMs));
                e.untilMs = v.expiresMs;
                return e;
            }
            if (total < v.minSpend) {
                Error e = fail(ErrorCode::Denied, ErrorReason::VoucherMinSpend,
                               "voucher #" + std::to_string(r.voucher) + " needs a spend of at least " +
                                   d->money(v.minSpend) + "; this purchase is " + d->money(total));
                e.available = total;
                e.needed = v.minSpend;
                return e;
            }
            voucherValue = std::min(v.value, total);
            total -= voucherValue;
            main["voucher"] = static_cast<int64_t>(r.voucher);
            main["voucher_value"] = voucherValue;
            auto ref = d->voucherRef(r.voucher);
            if (!ref)
                return std::move(ref).error();
            voucherRef = *ref;
            mainRefs.push_back(voucherRef);
        }
        main["amount"] = total;

        Impl::Split split;
        if (r.payMethod == kPayStoredValue) {
            TL_TRY(d->verifyPin(*member, r.pin));
            auto s = d->splitStoredValue(r.member, total);
            if (!s)
                return std::move(s).error();
            split = *s;
            TL_TRY(d->spendOffline(*card, total));
        }

        // Points: spend × rate × tier × promotions, visit, thresholds, promotion bonuses; then caps.
        const uint64_t purchaseSeq = d->nextSeq();
        const int64_t day = d->calendar.localDay(now);
        const int64_t expiresMs = d->calendar.expiryAt(now, pol.points.expiry);
        const TierLevel &tier = pol.tiers.levels[pol.tierIndex(member->tier)];
        const auto base = [&](nlohmann::json j) {
            j["purchase"] = static_cast<int64_t>(purchaseSeq);
            j["day"] = day;
            if (expiresMs != INT64_MAX)
                j["expires_ms"] = expiresMs;
            return j;
        };
        Rational promoMultiplier(1, 1);
        nlohmann::json promoIds = nlohmann::json::array();
        std::vector<EarnLine> lines;
        std::vector<const Promotion *> bonusPromos;
        for (const auto &p : pol.points.promotions) {
            if (now < p.fromMs || now > p.toMs)
                continue;
            if (!p.category.empty() &&
                std::find(priced->categories.begin(), priced->categories.end(), p.category) == priced->categories.end())
                continue;
            if (p.perMemberLimit) {
                auto used = d->counter("promo:" + p.rule.id + ":" + r.member.toString());
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
            auto last = d->counter("visit:" + r.member.toString());
            if (!last)
                return std::move(last).error();
            if (*last != day)
                lines.push_back({base({{"line", "visit"}, {"rule", pol.points.visit->rule.id},
                                       {"version", pol.points.visit->rule.version},
                                       {"date", d->calendar.localDate(now)}}),
                                 pol.points.visit->rule.ref(), pol.points.visit->points});
        }
        for (const auto &t : pol.points.thresholds) {
            if (total >= t.minSpend)
                lines.push_back({base({{"line", "threshold"}, {"rule", t.rule.id}, {"version", t.rule.version},
                                       {"amount", total}, {"min_spend", t.minSpend}}),
                                 t.rule.ref(), t.points});
        }
        for (const Promotion *p : bonusPromos)
            lines.push_back({base({{"line", "promo"}, {"rule", p->rule.id}, {"version", p->rule.version},
                                   {"from", p->from}, {"to", p->to}}),
                             p->rule.ref(), p->bonusPoints});

        int64_t cap = INT64_MAX;
        std::string capName;
        if (pol.points.capPerPurchase) {
            cap = pol.points.capPerPurchase;
            capName = "per_purchase";
        }
        if (pol.points.capPerDay) {
            auto capDay = d->counter("capday:" + r.member.toString());
            auto today = d->counter("cappoints:" + r.member.toString());
            if (!capDay || !today)
                return fail(ErrorCode::Io, "cannot read the daily points cap");
            const int64_t left = std::max<int64_t>(0, pol.points.capPerDay - (*capDay == day ? *today : 0));
            if (left < cap) {
                cap = left;
                capName = "per_day";
            }
        }
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
        }

        std::vector<LedgerEntry> drafts;
        if (r.payMethod == kPayStoredValue)
            Impl::tagRule(main, mainRefs, pol.programRule(programrule::kSpendOrder));
        auto mainEntry = d->draft(r.payMethod == kPayStoredValue ? EntryKind::Pay : EntryKind::Purchase, r.member, main,
                                  mainRefs);
        mainEntry.depositDelta = -split.deposit;
        mainEntry.bonusDelta = -split.bonus;
        mainEntry.staff = r.staff;
        drafts.push_back(mainEntry);
        const std::string purchaseRef = d->entryRef(purchaseSeq);
        if (r.voucher) {
            nlohmann::json vx = {{"voucher", static_cast<int64_t>(r.voucher)},
                                 {"value", voucherValue},
                                 {"purchase", static_cast<int64_t>(purchaseSeq)}};
            std::vector<std::string> vrefs{voucherRef, purchaseRef};
            Impl::tagRule(vx, vrefs, d->voucherRuleOf(static_cast<int64_t>(r.voucher)));
            drafts.push_back(d->draft(EntryKind::VoucherUse, r.member, vx, vrefs));
        }
        for (auto &l : lines) {
            if (l.points == 0 && !l.extra.contains("capped_from") && !l.extra.contains("promos"))
                continue;
            auto e = d->draft(EntryKind::Earn, r.member, l.extra, {l.ref, purchaseRef});
            e.pointsDelta = l.points;
            drafts.push_back(e);
        }
        for (const auto &v : pol.vouchers) {
            if (v.triggerMinSpend > 0 && total >= v.triggerMinSpend)
                drafts.push_back(d->voucherDraft(r.member, v,
                                                 {{"purchase", static_cast<int64_t>(purchaseSeq)}, {"amount", total},
                                                  {"trigger_min_spend", v.triggerMinSpend}},
                                                 {purchaseRef}));
        }
        Impl::stamp(drafts, *card, r.staff);
        auto stored = d->append(std::move(drafts), receipt);
        if (!stored)
            return std::move(stored).error();
        receipt.mainSeq = purchaseSeq;
        receipt.charged = total;
        return d->maybeUpgrade(r.member, receipt);
    });
}

} // namespace tapledger
