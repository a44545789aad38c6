// Purchases (prices, discounts, vouchers, payment, points, issued vouchers); returns are in
// enginereturn.cpp.
#include "core/engine/engine_p.h"

#include "core/checkedmath.h"
#include "core/engine/purchasepoints.h"
#include "core/engine/sql_p.h"

#include <algorithm>
#include <climits>

namespace tapledger {

namespace {
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
        auto lines = PurchasePoints::compute(pol, d->calendar, {r.member, member->tier, now, total, priced->categories, purchaseSeq},
                                             [this](const std::string &key) { return d->counter(key); });
        if (!lines)
            return std::move(lines).error();

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
        for (const auto &l : *lines) {
            if (!l.recorded)
                continue;
            auto e = d->draft(EntryKind::Earn, r.member, nlohmann::json::parse(l.extraJson), {l.ruleRef, purchaseRef});
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
