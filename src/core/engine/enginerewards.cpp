// Rewards, expiry of points and vouchers, tiers (upgrade at once, downgrade at reviews).
#include "core/engine/engine_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/sql_p.h"

#include <algorithm>
#include <climits>

namespace tapledger {

namespace {
constexpr int64_t kDayMs = 86'400'000;
}

Result<Receipt> Engine::redeem(const RedeemRequest &r)
{
    d->refreshPolicy();
    const Reward *reward = d->policy.reward(r.reward);
    if (!reward)
        return fail(ErrorCode::NotFound, "unknown reward '" + r.reward + "'");
    auto member = d->memberRow(r.member);
    if (!member)
        return std::move(member).error();
    int64_t points = reward->points, credit = 0;
    if (r.points < 0)
        return fail(ErrorCode::InvalidArgument, "points must be more than zero, not " + std::to_string(r.points));
    if (reward->variable) {
        if (r.points <= 0)
            return fail(ErrorCode::InvalidArgument, "choose how many points to spend on '" + reward->name + "' (" +
                                                        std::to_string(reward->minPoints) + " to " +
                                                        std::to_string(reward->maxPoints) + ")");
        if (r.points < reward->minPoints || r.points > reward->maxPoints || r.points % reward->step)
            return fail(ErrorCode::InvalidArgument, "'" + reward->name + "' takes " + std::to_string(reward->minPoints) +
                                                        " to " + std::to_string(reward->maxPoints) + " points in steps of " +
                                                        std::to_string(reward->step) + ", not " + std::to_string(r.points));
        points = r.points;
        auto c = reward->valuePerPoint.applyTo(points, Rounding::Floor);
        if (!c)
            return std::move(c).error();
        credit = *c;
    } else if (r.points != 0 && r.points != reward->points) {
        return fail(ErrorCode::InvalidArgument, "'" + reward->name + "' costs exactly " + std::to_string(reward->points) +
                                                    " points");
    }
    if (reward->cash)
        TL_TRY(d->checkPayMethod(r.payMethod, true));
    auto card = d->useCard(r.card, r.member, r.cardCounter);
    if (!card)
        return std::move(card).error();
    return d->transact(r.member, [&](Receipt &receipt) -> Result<void> {
        TL_TRY(d->expireDue(&r.member, receipt));
        if (reward->stock) {
            auto left = d->stockLeft(*reward);
            if (!left)
                return std::move(left).error();
            if (*left <= 0)
                return fail(ErrorCode::Insufficient, ErrorReason::OutOfStock,
                            "reward '" + reward->name + "' is out of stock");
        }
        if (reward->perMemberLimit) {
            auto mine = d->counter("reward:" + reward->rule.id + ":" + r.member.toString());
            if (!mine)
                return std::move(mine).error();
            if (*mine >= reward->perMemberLimit) {
                Error e = fail(ErrorCode::Denied, ErrorReason::OverMemberLimit,
                               "over the per-member limit: '" + reward->name + "' allows " +
                                   std::to_string(reward->perMemberLimit) + " per member, already redeemed " +
                                   std::to_string(*mine));
                e.needed = reward->perMemberLimit;
                return e;
            }
        }
        TL_TRY(d->verifyPin(*member, r.pin));
        const int64_t balance = d->ledger().balance(r.member).points;
        if (balance < points) {
            Error e = fail(ErrorCode::Insufficient, ErrorReason::InsufficientPoints,
                           "insufficient points: " + std::to_string(balance) + " available, '" + reward->name +
                               "' needs " + std::to_string(points));
            e.available = balance;
            e.needed = points;
            return e;
        }
        Impl::Split split;
        if (reward->cash && r.payMethod == kPayStoredValue) {
            auto s = d->splitStoredValue(r.member, reward->cash);
            if (!s)
                return std::move(s).error();
            split = *s;
        }
        TL_TRY(d->spendOffline(*card, split.deposit + split.bonus + credit));
        nlohmann::json x = {{"reward", reward->rule.id}, {"version", reward->rule.version}, {"name", reward->name},
                            {"points", points},          {"cash", reward->cash}};
        if (reward->cash)
            x["pay_method"] = r.payMethod;
        if (reward->variable) {
            x["credit"] = credit;
            x["value_per_point"] = reward->valuePerPoint.toString();
        }
        std::vector<LedgerEntry> drafts = {d->draft(EntryKind::Redeem, r.member, x, {reward->rule.ref()})};
        drafts[0].pointsDelta = -points;
        drafts[0].depositDelta = -split.deposit;
        drafts[0].bonusDelta = credit - split.bonus;
        Impl::stamp(drafts, *card, r.staff);
        auto stored = d->append(std::move(drafts), receipt);
        if (!stored)
            return std::move(stored).error();
        receipt.mainSeq = stored->front().entry.seq;
        receipt.charged = reward->cash;
        return {};
    });
}

Result<void> Engine::Impl::expireDue(const Uuid *member, Receipt &receipt)
{
    const int64_t t = now();
    std::vector<LedgerEntry> drafts;
    {
        auto stmt = sql::prepared(db(),
                                  std::string("SELECT seq, member, remaining, earned_ms, expires_ms FROM engine_point_batches "
                                              "WHERE remaining > 0 AND expires_ms < ?") +
                                      (member ? " AND member = ?" : "") + " ORDER BY seq",
                                  t);
        if (!stmt)
            return std::move(stmt).error();
        if (member)
            stmt->bind(2, member->bytes());
        TL_TRY(sql::forEachRow(*stmt, [&] {
            const int64_t batch = stmt->int64At(0);
            nlohmann::json x = {{"batch", batch}, {"earned_ms", stmt->int64At(3)}, {"expires_ms", stmt->int64At(4)}};
            std::vector<std::string> refs;
            tagRule(x, refs, policy.programRule(programrule::kPointsExpiry));
            auto e = draft(EntryKind::PointsExpire, sql::uuidAt(*stmt, 1), x, refs);
            e.pointsDelta = -stmt->int64At(2);
            drafts.push_back(e);
        }));
    }
    {
        auto stmt = sql::prepared(db(),
                                  std::string("SELECT seq, member, expires_ms, value FROM engine_vouchers "
                                              "WHERE status = 'open' AND expires_ms < ?") +
                                      (member ? " AND member = ?" : "") + " ORDER BY seq",
                                  t);
        if (!stmt)
            return std::move(stmt).error();
        if (member)
            stmt->bind(2, member->bytes());
        TL_TRY(sql::forEachRow(*stmt, [&] {
            const int64_t voucher = stmt->int64At(0);
            nlohmann::json x = {{"voucher", voucher}, {"expires_ms", stmt->int64At(2)}, {"value", stmt->int64At(3)},
                                {"reason", "expired"}};
            std::vector<std::string> refs;
            tagRule(x, refs, voucherRuleOf(voucher));
            drafts.push_back(draft(EntryKind::VoucherExpire, sql::uuidAt(*stmt, 1), x, refs));
        }));
    }
    if (drafts.empty())
        return {};
    // The reference is fleet-wide (a batch or voucher adopted from HQ names its issuing kiosk's
    // entry), looked up once the statements above are done.
    for (auto &e : drafts) {
        const bool batch = e.kind == EntryKind::PointsExpire;
        auto x = extra::of(e);
        if (!x)
            return std::move(x).error();
        const auto local = static_cast<uint64_t>(extra::num(*x, batch ? "batch" : "voucher"));
        auto ref = batch ? batchRef(local) : voucherRef(local);
        if (!ref)
            return std::move(ref).error();
        e.refs.push_back(*ref); // after the rule tag (rule:<id>@<v>, then the entry)
    }
    auto stored = append(std::move(drafts), receipt);
    if (!stored)
        return std::move(stored).error();
    return {};
}

Result<Receipt> Engine::expireDue()
{
    d->refreshPolicy();
    return d->transact(Uuid(), [&](Receipt &receipt) { return d->expireDue(nullptr, receipt); });
}

Result<int64_t> Engine::Impl::tierValue(const Uuid &member, int64_t endMs) const
{
    const char *column = policy.tiers.basis == TierBasis::Spend ? "spend" : "points";
    auto v = sql::queryInt(db(),
                           std::string("SELECT coalesce(sum(") + column +
                               "), 0) FROM engine_activity WHERE member = ? AND time_ms > ? AND time_ms <= ?",
                           member, endMs - policy.tiers.windowDays * kDayMs, endMs);
    if (!v)
        return std::move(v).error();
    return v->value_or(0);
}

size_t Engine::Impl::tierFor(int64_t value) const
{
    size_t best = 0;
    for (size_t i = 0; i < policy.tiers.levels.size(); ++i) {
        if (value >= policy.tiers.levels[i].min)
            best = i;
    }
    return best;
}

namespace {
nlohmann::json tierExtra(const Policy &p, size_t from, size_t to, int64_t value, const char *reason)
{
    return {{"from", p.tiers.levels[from].id},
            {"from_name", p.tiers.levels[from].name},
            {"to", p.tiers.levels[to].id},
            {"to_name", p.tiers.levels[to].name},
            {"basis", p.tiers.basis == TierBasis::Spend ? "spend" : "points"},
            {"value", value},
            {"window_days", p.tiers.windowDays},
            {"min", p.tiers.levels[to].min},
            {"reason", reason}};
}
} // namespace

Result<void> Engine::Impl::maybeUpgrade(const Uuid &member, Receipt &receipt)
{
    auto row = memberRow(member);
    if (!row)
        return std::move(row).error();
    const size_t current = policy.tierIndex(row->tier);
    if (current + 1 >= policy.tiers.levels.size())
        return {}; // already at the top: no window to sum
    auto value = tierValue(member, now());
    if (!value)
        return std::move(value).error();
    const size_t reached = tierFor(*value);
    if (reached <= current)
        return {};
    nlohmann::json x = tierExtra(policy, current, reached, *value, "upgrade");
    std::vector<std::string> refs{policy.ref(), "tier:" + policy.tiers.levels[reached].id};
    tagRule(x, refs, policy.programRule(programrule::kTiers));
    auto e = draft(EntryKind::TierChange, member, x, refs);
    auto stored = append({e}, receipt);
    if (!stored)
        return std::move(stored).error();
    return {};
}

Result<Receipt> Engine::tierReview()
{
    d->refreshPolicy();
    const int64_t reviewMs = d->calendar.lastMonthStartOnOrBefore(d->now(), d->policy.tiers.reviewMonths);
    if (reviewMs == INT64_MIN)
        return fail(ErrorCode::InvalidArgument, "the policy sets no tier review months");
    const int64_t reviewDay = d->calendar.localDay(reviewMs);
    auto last = d->counter("tier_review");
    if (!last)
        return std::move(last).error();
    if (*last >= reviewDay)
        return fail(ErrorCode::Conflict, "the tier review of " + d->calendar.localDate(reviewMs) + " was already run");
    auto all = members();
    if (!all)
        return std::move(all).error();
    return d->transact(Uuid(), [&](Receipt &receipt) -> Result<void> {
        TL_TRY(d->expireDue(nullptr, receipt)); // a periodic job: bring expiries up to date first
        std::vector<LedgerEntry> drafts;
        nlohmann::json review = {{"review_day", reviewDay}, {"review_date", d->calendar.localDate(reviewMs)}};
        std::vector<std::string> reviewRefs{d->policy.ref()};
        Impl::tagRule(review, reviewRefs, d->policy.programRule(programrule::kTiers));
        drafts.push_back(d->draft(EntryKind::TierChange, Uuid(), review, reviewRefs));
        for (const Uuid &m : *all) {
            auto row = d->memberRow(m);
            if (!row)
                return std::move(row).error();
            // Judged on the window that ends at the review date; an upgrade earned after it stands.
            if (row->tierSinceMs > reviewMs)
                continue;
            auto value = d->tierValue(m, reviewMs - 1);
            if (!value)
                return std::move(value).error();
            const size_t current = d->policy.tierIndex(row->tier);
            const size_t due = d->tierFor(*value);
            if (due >= current)
                continue;
            auto x = tierExtra(d->policy, current, due, *value, "review");
            x["review_date"] = d->calendar.localDate(reviewMs);
            std::vector<std::string> refs{d->policy.ref(), "tier:" + d->policy.tiers.levels[due].id};
            Impl::tagRule(x, refs, d->policy.programRule(programrule::kTiers));
            drafts.push_back(d->draft(EntryKind::TierChange, m, x, refs));
        }
        auto stored = d->append(std::move(drafts), receipt);
        if (!stored)
            return std::move(stored).error();
        receipt.mainSeq = stored->front().entry.seq;
        return {};
    });
}

} // namespace tapledger
