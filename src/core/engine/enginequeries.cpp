// Read-only views: a member's home screen state and explained history.
#include "core/engine/engine_p.h"

#include "core/engine/explainertemplates.h"
#include "core/engine/sql_p.h"

#include <climits>

namespace tapledger {

namespace {
/// "spend 1,240.00 more for Gold" in @p book (English when empty; explainertemplates.h).
std::string progressText(const Policy &p, size_t current, int64_t value, const Phrasebook &book)
{
    const auto &levels = p.tiers.levels;
    if (current + 1 >= levels.size())
        return fillTemplate(book.phrase(phrase::kTierProgressTop), {{"tier", book.phrase(levels[current].name)}});
    const TierLevel &next = levels[current + 1];
    const int64_t need = std::max<int64_t>(0, next.min - value);
    if (p.tiers.basis == TierBasis::Spend)
        return fillTemplate(book.phrase(phrase::kTierProgressSpend),
                            {{"amount", book.money(need, p.exponent)}, {"tier", book.phrase(next.name)}});
    return fillTemplate(book.phrase(phrase::kTierProgressPoints),
                        {{"points", std::to_string(need)}, {"tier", book.phrase(next.name)}});
}
} // namespace

Result<MemberView> Engine::member(const Uuid &member) const
{
    d->refreshPolicy();
    auto row = d->memberRow(member);
    if (!row)
        return std::move(row).error();
    MemberView v;
    v.member = member;
    v.handle = row->handle;
    v.name = row->name;
    v.birthday = row->birthday;
    v.phone = row->phone;
    v.consent = row->consent;
    const MemberBalance b = d->ledger().balance(member);
    v.deposit = b.deposit;
    v.bonus = b.bonus;
    v.points = b.points;
    auto debt = sql::queryInt(d->db(), "SELECT debt FROM engine_point_debt WHERE member = ?", member);
    if (!debt)
        return std::move(debt).error();
    v.pointsDebt = debt->value_or(0);
    const size_t tier = d->policy.tierIndex(row->tier);
    v.tier = d->policy.tiers.levels[tier].id;
    v.tierName = d->policy.tiers.levels[tier].name;
    auto value = d->tierValue(member, d->now());
    if (!value)
        return std::move(value).error();
    v.tierValue = *value;
    v.tierProgress = progressText(d->policy, tier, *value, d->explainer.phrasebook());
    v.membershipUntilMs = row->membershipUntilMs;
    v.isPayingMember = row->membershipUntilMs > d->now();
    auto survivor = d->resolveMember(member);
    if (!survivor)
        return std::move(survivor).error();
    if (*survivor != member)
        v.mergedInto = *survivor;

    auto cards = sql::prepared(d->db(), "SELECT card FROM engine_cards WHERE member = ? ORDER BY issued_ms, card", member);
    if (!cards)
        return std::move(cards).error();
    while (true) {
        auto r = cards->step();
        if (!r)
            return std::move(r).error();
        if (!*r)
            break;
        v.cards.push_back(sql::uuidAt(*cards, 0));
    }
    auto vouchers = sql::prepared(d->db(),
                                  "SELECT seq, source, value, min_spend, issued_ms, expires_ms, status FROM engine_vouchers "
                                  "WHERE member = ? ORDER BY seq",
                                  member);
    if (!vouchers)
        return std::move(vouchers).error();
    while (true) {
        auto r = vouchers->step();
        if (!r)
            return std::move(r).error();
        if (!*r)
            break;
        VoucherView vv;
        vv.id = static_cast<uint64_t>(vouchers->int64At(0));
        vv.source = vouchers->textAt(1);
        vv.value = vouchers->int64At(2);
        vv.minSpend = vouchers->int64At(3);
        vv.issuedMs = vouchers->int64At(4);
        vv.expiresMs = vouchers->int64At(5);
        vv.status = vouchers->textAt(6);
        if (vv.status == "open" && vv.expiresMs < d->now())
            vv.status = "expired";
        v.vouchers.push_back(vv);
    }
    auto batches = sql::prepared(d->db(),
                                 "SELECT seq, remaining, expires_ms FROM engine_point_batches WHERE member = ? "
                                 "AND remaining > 0 AND expires_ms >= ? AND expires_ms < ? ORDER BY expires_ms, seq",
                                 member, d->now(), INT64_MAX);
    if (!batches)
        return std::move(batches).error();
    while (true) {
        auto r = batches->step();
        if (!r)
            return std::move(r).error();
        if (!*r)
            break;
        v.expiries.push_back({static_cast<uint64_t>(batches->int64At(0)), batches->int64At(1), batches->int64At(2)});
    }
    return v;
}

Result<std::vector<HistoryLine>> Engine::history(const Uuid &member) const
{
    d->refreshPolicy();
    TL_TRY(d->memberRow(member));
    auto stmt = sql::prepared(d->db(), "SELECT seq FROM entries WHERE member = ? ORDER BY seq", member);
    if (!stmt)
        return std::move(stmt).error();
    std::vector<HistoryLine> out;
    while (true) {
        auto r = stmt->step();
        if (!r)
            return std::move(r).error();
        if (!*r)
            break;
        auto e = d->ledger().entry(static_cast<uint64_t>(stmt->int64At(0)));
        if (!e)
            return std::move(e).error();
        out.push_back({e->entry.seq, e->entry.timeMs, std::string(entryKindName(e->entry.kind)),
                       d->explainer.explain(e->entry)});
    }
    return out;
}

} // namespace tapledger
