// Returns of a whole purchase or of some of its lines (docs/engine.md, "Returns").
#include "core/engine/engine_p.h"

#include "core/checkedmath.h"
#include "core/engine/entryextra_p.h"
#include "core/engine/rational.h"
#include "core/engine/returnpoints.h"
#include "core/engine/sql_p.h"

#include <algorithm>

namespace tapledger {

namespace {
using nlohmann::json;

/// One line of the purchase as bought (its extra "items"), and how much of it is returned.
struct BoughtLine
{
    std::string sku, category;
    int64_t quantity = 1, amount = 0; ///< amount: minor units paid for the line before discount and voucher
    int64_t returned = 0;             ///< units returned by earlier returns
    int64_t now = 0;                  ///< units returned by this return
};

/// What the earlier returns of a purchase gave back in total: the latest return's "so_far".
struct SoFar
{
    int64_t value = 0, amount = 0, points = 0, deposit = 0, bonus = 0;
};

/// A threshold bonus the purchase earned (an earn line "threshold").
struct ThresholdLine
{
    std::string rule;
    int64_t points = 0, minSpend = 0;
};

std::string label(const ReturnItem &item)
{
    return item.sku.empty() ? "open amount in '" + item.category + "'" : "'" + item.sku + "'";
}

/// Marks the units @p request asks for on @p lines (first lines first); bad input is an error.
Result<void> take(std::vector<BoughtLine> &lines, const ReturnItem &request, uint64_t purchase)
{
    const std::string what = label(request), on = " of purchase #" + std::to_string(purchase);
    if (request.sku.empty() && request.category.empty())
        return fail(ErrorCode::InvalidArgument, "an item to return needs a sku or a category");
    if (request.quantity <= 0)
        return fail(ErrorCode::InvalidArgument, "the quantity of " + what + " to return must be at least 1");
    const auto matches = [&](const BoughtLine &l) {
        return request.sku.empty() ? l.sku.empty() && l.category == request.category : l.sku == request.sku;
    };
    int64_t left = 0;
    bool found = false;
    for (const auto &l : lines) {
        if (matches(l)) {
            found = true;
            left += l.quantity - l.returned - l.now;
        }
    }
    if (!found)
        return fail(ErrorCode::NotFound, "purchase #" + std::to_string(purchase) + " has no " + what);
    if (left == 0)
        return fail(ErrorCode::InvalidArgument, "every " + what + on + " was already returned");
    if (request.quantity > left)
        return fail(ErrorCode::InvalidArgument, "only " + std::to_string(left) + " × " + what + on +
                                                    " can be returned, not " + std::to_string(request.quantity));
    int64_t need = request.quantity;
    for (auto &l : lines) {
        if (!matches(l))
            continue;
        const int64_t n = std::min(need, l.quantity - l.returned - l.now);
        l.now += n;
        need -= n;
    }
    return {};
}

/// floor(@p whole × share): the cumulative part of @p whole given back at @p share.
Result<int64_t> partOf(int64_t whole, const Rational &share)
{
    return share.applyTo(whole, Rounding::Floor);
}
} // namespace

Result<Receipt> Engine::returnPurchase(const ReturnRequest &r)
{
    d->refreshPolicy();
    TL_TRY(d->memberRow(r.member));
    return d->transact(r.member, [&](Receipt &receipt) -> Result<void> {
        TL_TRY(d->expireDue(&r.member, receipt));
        const std::string purchaseName = "purchase #" + std::to_string(r.purchase);
        auto stmt = sql::queryRow(d->db(), "unknown " + purchaseName + " for this member",
                                  "SELECT amount, pay_method, deposit_paid, bonus_paid, points_earned, voucher, returned_by "
                                  "FROM engine_purchases WHERE seq = ? AND member = ?",
                                  static_cast<int64_t>(r.purchase), r.member);
        if (!stmt)
            return std::move(stmt).error();
        const int64_t net = stmt->int64At(0);
        const std::string payMethod = stmt->textAt(1);
        const int64_t depositPaid = stmt->int64At(2), bonusPaid = stmt->int64At(3);
        const int64_t earned = stmt->int64At(4), voucher = stmt->int64At(5), lastReturn = stmt->int64At(6);

        auto original = d->ledger().entry(r.purchase);
        if (!original)
            return std::move(original).error();
        auto originalExtra = extra::of(original->entry);
        if (!originalExtra)
            return std::move(originalExtra).error();
        const json boughtItems = originalExtra->value("items", json::array());
        std::vector<BoughtLine> lines;
        int64_t total = 0; // T: what the lines cost before discount and voucher
        for (const auto &item : boughtItems) {
            lines.push_back({extra::str(item, "sku"), extra::str(item, "category"),
                             std::max<int64_t>(1, extra::num(item, "quantity", 1)), extra::num(item, "amount")});
            auto t = checkedAdd(total, lines.back().amount, "purchase total");
            if (!t)
                return std::move(t).error();
            total = *t;
        }

        // What earlier returns gave back: the latest one's totals so far. A return without them
        // (a whole return) left nothing to return.
        SoFar before;
        if (lastReturn) {
            auto last = d->ledger().entry(static_cast<uint64_t>(lastReturn));
            if (!last)
                return std::move(last).error();
            auto lx = extra::of(last->entry);
            if (!lx)
                return std::move(lx).error();
            if (!lx->value("partial", false) || lx->value("complete", true))
                return fail(ErrorCode::Conflict, purchaseName + " was already returned (#" + std::to_string(lastReturn) + ")");
            const json s = lx->value("so_far", json::object());
            const json q = s.value("quantities", json::array());
            for (size_t i = 0; i < lines.size() && i < q.size(); ++i)
                lines[i].returned = q[i].is_number_integer() ? q[i].get<int64_t>() : 0;
            before = {extra::num(s, "value"), extra::num(s, "amount"), extra::num(s, "points"), extra::num(s, "deposit"),
                      extra::num(s, "bonus")};
        }

        if (r.items.empty()) {
            for (auto &l : lines)
                l.now = l.quantity - l.returned;
        } else {
            for (const auto &item : r.items)
                TL_TRY(take(lines, item, r.purchase));
        }

        // The cumulative share returned is R / T (R: what the returned units cost before discount
        // and voucher); every amount is given back as floor(whole × R / T) − what went back before,
        // so any sequence of returns ends at exactly the whole.
        int64_t returnedValue = 0; // R
        bool complete = true;
        json items = json::array(), quantities = json::array();
        for (const auto &l : lines) {
            const int64_t upTo = l.returned + l.now;
            auto cum = partOf(l.amount, Rational(upTo, l.quantity));
            auto prev = partOf(l.amount, Rational(l.returned, l.quantity));
            if (!cum)
                return std::move(cum).error();
            if (!prev)
                return std::move(prev).error();
            returnedValue += *cum;
            complete = complete && upTo == l.quantity;
            quantities.push_back(upTo);
            if (l.now == 0)
                continue;
            const PriceItem *pi = l.sku.empty() ? nullptr : d->policy.item(l.sku);
            json j = {{"category", l.category},
                      {"quantity", l.now},
                      {"amount", *cum - *prev},
                      {"name", pi ? pi->name : l.sku.empty() ? l.category : l.sku}};
            if (!l.sku.empty())
                j["sku"] = l.sku;
            items.push_back(j);
        }
        const Rational share = total > 0 ? Rational(returnedValue, total) : Rational(complete ? 1 : 0, 1);
        auto netSoFar = partOf(net, share);
        if (!netSoFar)
            return std::move(netSoFar).error();
        const int64_t amount = *netSoFar - before.amount;
        const int64_t remaining = net - *netSoFar;

        // Points: threshold bonuses go back whole once the rest of the purchase is below their
        // minimum spend; everything else the purchase earned goes back by the share.
        std::vector<ThresholdLine> thresholds;
        {
            auto batches = sql::prepared(d->db(), "SELECT seq FROM engine_point_batches WHERE purchase = ? AND member = ? "
                                                  "ORDER BY seq",
                                         static_cast<int64_t>(r.purchase), r.member);
            if (!batches)
                return std::move(batches).error();
            std::vector<uint64_t> seqs;
            TL_TRY(batches->forEachRow([&]() -> Result<void> {
                seqs.push_back(static_cast<uint64_t>(batches->int64At(0)));
                return {};
            }));
            for (uint64_t seq : seqs) {
                auto earn = d->ledger().entry(seq);
                if (!earn)
                    return std::move(earn).error();
                auto ex = extra::of(earn->entry);
                if (!ex)
                    return std::move(ex).error();
                if (earn->entry.kind == EntryKind::Earn && extra::str(*ex, "line") == "threshold")
                    thresholds.push_back({extra::str(*ex, "rule"), earn->entry.pointsDelta, extra::num(*ex, "min_spend")});
            }
        }
        const int64_t remainingBefore = net - before.amount;
        ReturnPointsInput pin{earned, {}, share, complete, remaining, remainingBefore, before.points,
                              d->ledger().balance(r.member).points, d->policy.points.allowNegative};
        for (const auto &t : thresholds)
            pin.thresholds.push_back({t.points, t.minSpend});
        auto back = ReturnPoints::compute(pin);
        if (!back)
            return std::move(back).error();
        const int64_t pointsSoFar = back->pointsSoFar, reversed = back->reversed, shortfall = back->shortfall;
        json thresholdsNow = json::array();
        for (const size_t i : back->thresholdsNow)
            thresholdsNow.push_back(
                {{"rule", thresholds[i].rule}, {"points", thresholds[i].points}, {"min_spend", thresholds[i].minSpend}});

        // Stored value: in the purchase's own split; the deposit part is the deposit's share,
        // kept within this return's amount and what is left of either balance to give back.
        auto svSoFar = partOf(depositPaid + bonusPaid, share);
        auto depositShare = partOf(depositPaid, share);
        if (!svSoFar)
            return std::move(svSoFar).error();
        if (!depositShare)
            return std::move(depositShare).error();
        const int64_t sv = *svSoFar - before.deposit - before.bonus;
        const int64_t depositLo = std::max<int64_t>(0, sv - (bonusPaid - before.bonus));
        const int64_t depositHi = std::min(sv, depositPaid - before.deposit);
        const int64_t deposit = std::max(depositLo, std::min(depositHi, *depositShare - before.deposit));
        const int64_t bonus = sv - deposit;

        const bool partial = lastReturn != 0 || !complete;
        json x = {{"purchase", static_cast<int64_t>(r.purchase)},
                  {"amount", amount},
                  {"pay_method", payMethod},
                  {"points_earned", earned},
                  {"points_reversed", reversed},
                  {"shortfall", shortfall},
                  {"refund_deposit", deposit},
                  {"refund_bonus", bonus},
                  {"items", partial ? items : boughtItems}};
        if (partial) {
            x["partial"] = true;
            x["complete"] = complete;
            x["net"] = net;
            x["so_far"] = {{"quantities", quantities}, {"value", returnedValue},     {"amount", *netSoFar},
                           {"points", pointsSoFar},    {"deposit", before.deposit + deposit},
                           {"bonus", before.bonus + bonus}};
            if (!thresholdsNow.empty())
                x["thresholds_reversed"] = thresholdsNow;
        }
        std::vector<std::string> refs = {d->entryRef(r.purchase)};
        // The voucher used on the purchase comes back only with the last of it.
        if (voucher && complete) {
            x["voucher_reinstated"] = voucher;
            auto ref = d->voucherRef(static_cast<uint64_t>(voucher));
            if (!ref)
                return std::move(ref).error();
            refs.push_back(*ref);
        }
        Impl::tagRule(x, refs, d->policy.programRule(programrule::kReturns));
        std::vector<LedgerEntry> drafts;
        auto e = d->draft(EntryKind::Return, r.member, x, refs);
        e.pointsDelta = -reversed;
        e.depositDelta = deposit;
        e.bonusDelta = bonus;
        e.staff = r.staff;
        drafts.push_back(e);

        // Vouchers this purchase issued and that are still unused are void with it, or as soon as
        // the rest of the purchase is below the spend that triggered them.
        auto issued = sql::prepared(d->db(), "SELECT seq FROM engine_vouchers WHERE purchase = ? AND status = 'open' "
                                             "AND member = ? ORDER BY seq",
                                    static_cast<int64_t>(r.purchase), r.member);
        if (!issued)
            return std::move(issued).error();
        std::vector<uint64_t> open;
        TL_TRY(issued->forEachRow([&]() -> Result<void> {
            open.push_back(static_cast<uint64_t>(issued->int64At(0)));
            return {};
        }));
        for (uint64_t seq : open) {
            json vx = {{"voucher", static_cast<int64_t>(seq)}, {"reason", "purchase_returned"},
                       {"purchase", static_cast<int64_t>(r.purchase)}};
            if (!complete) {
                auto issue = d->ledger().entry(seq);
                if (!issue)
                    return std::move(issue).error();
                auto ix = extra::of(issue->entry);
                if (!ix)
                    return std::move(ix).error();
                const int64_t trigger = extra::num(*ix, "trigger_min_spend");
                if (trigger <= 0 || remaining >= trigger)
                    continue;
                vx["remaining"] = remaining;
                vx["trigger_min_spend"] = trigger;
            }
            std::vector<std::string> vrefs{d->entryRef(seq), d->entryRef(r.purchase)};
            Impl::tagRule(vx, vrefs, d->voucherRuleOf(static_cast<int64_t>(seq)));
            drafts.push_back(d->draft(EntryKind::VoucherExpire, r.member, vx, vrefs));
        }
        auto stored = d->append(std::move(drafts), receipt);
        if (!stored)
            return std::move(stored).error();
        receipt.mainSeq = stored->front().entry.seq;
        return {};
    });
}

} // namespace tapledger
