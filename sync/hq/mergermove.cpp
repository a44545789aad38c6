// Merger, member merge part: moving one member's holdings to another (docs/crm.md, "Duplicates and merge").
#include "sync/hq/merger_p.h"

#include "core/checkedmath.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace tapledger::sync {

Result<MemberMoveSummary> Merger::moveMember(const Uuid &from, const Uuid &into, const std::string &ref)
{
    MemberMoveSummary out;
    auto fromBalance = balance(from);
    if (!fromBalance)
        return std::move(fromBalance).error();
    const MasterBalance moved = **fromBalance; // hqAdjust below changes the cached one
    auto intoBalance = balance(into);
    if (!intoBalance)
        return std::move(intoBalance).error();
    const bool hasValue = moved.deposit != 0 || moved.bonus != 0 || moved.debt != 0;
    if (hasValue && !(*intoBalance)->currency.empty() && (*intoBalance)->currency != moved.currency)
        return fail(ErrorCode::Conflict, "member " + from.toString() + " holds " + moved.currency + ", member " +
                                             into.toString() + " holds " + (*intoBalance)->currency +
                                             ": stored value cannot move between currencies");
    auto held = holdings(from);
    if (!held)
        return std::move(held).error();
    auto vouchers = (*held)->vouchers();
    if (!vouchers)
        return std::move(vouchers).error();
    auto batches = (*held)->batches();
    if (!batches)
        return std::move(batches).error();
    auto history = m_tx.memberEntries(from);
    if (!history)
        return std::move(history).error();
    // A later merge of the same pair (entries about `from` merged since) gets keys of its own.
    const std::string causeBase = "merge|" + ref + "|" + std::to_string(history->size()) + "|";
    const auto append = [&](LedgerEntry e, const std::string &what, int64_t debt, int64_t pointsDebt) -> Result<void> {
        e.timeMs = m_now;
        e.idempotencyKey = keyFor(causeBase + what);
        auto stored = appendHq(std::move(e), debt, pointsDebt);
        if (!stored)
            return std::move(stored).error();
        if (out.entries++ == 0)
            out.firstHqSeq = m_hqTip.size;
        return {};
    };

    for (const HeldVoucher &v : *vouchers) {
        LedgerEntry expire;
        expire.kind = EntryKind::VoucherExpire;
        expire.member = from;
        expire.refs = {v.ref, ref};
        expire.extra = nlohmann::json{{"reason", "merge_out"}, {"into", into.toString()}}.dump();
        TL_TRY(append(std::move(expire), "voucher_out|" + v.ref, 0, 0));
        LedgerEntry issue;
        issue.kind = EntryKind::VoucherIssue;
        issue.member = into;
        issue.refs = {ref};
        nlohmann::json x{{"reason", "merge_in"},     {"from", from.toString()},   {"moved", v.ref},
                         {"value", v.value},         {"min_spend", v.minSpend}, {"expires_ms", v.expiresMs},
                         {"issued_ms", v.issuedMs}};
        if (v.source.rfind("offer:", 0) == 0)
            x["offer"] = v.source.substr(6);
        else
            x["rule"] = v.source;
        issue.extra = x.dump();
        TL_TRY(append(std::move(issue), "voucher_in|" + v.ref, 0, 0));
        ++out.vouchers;
    }

    if (moved.deposit != 0 || moved.bonus != 0 || moved.points != 0 || moved.debt != 0 || moved.pointsDebt != 0) {
        const std::string currency = moved.deposit != 0 || moved.bonus != 0 ? moved.currency : std::string();
        LedgerEntry leave;
        leave.kind = EntryKind::Adjust;
        leave.member = from;
        leave.currency = currency;
        leave.depositDelta = -moved.deposit;
        leave.bonusDelta = -moved.bonus;
        leave.pointsDelta = -moved.points;
        leave.refs = {ref};
        leave.extra = nlohmann::json{{"reason", "merge_out"},
                                     {"into", into.toString()},
                                     {"debt", -moved.debt},
                                     {"points_debt", -moved.pointsDebt}}
                          .dump();
        TL_TRY(append(std::move(leave), "out", -moved.debt, -moved.pointsDebt));

        // Each batch keeps its expiry; points beyond the batches (none unless the member had batch
        // debt) travel with the value.
        int64_t inBatches = 0;
        for (const HeldBatch &batch : *batches) {
            LedgerEntry arrive;
            arrive.kind = EntryKind::Adjust;
            arrive.member = into;
            arrive.pointsDelta = batch.remaining;
            arrive.refs = {ref};
            arrive.extra = nlohmann::json{{"reason", "merge_in"},       {"from", from.toString()},
                                          {"moved_batch", batch.ref},    {"expires_ms", batch.expiresMs},
                                          {"earned_ms", batch.earnedMs}, {"debt", 0},
                                          {"points_debt", 0}}
                               .dump();
            TL_TRY(append(std::move(arrive), "batch|" + batch.ref, 0, 0));
            TL_ASSIGN(inBatches, checkedAdd(inBatches, batch.remaining, "points"));
            ++out.batches;
        }
        const int64_t rest = moved.points - inBatches;
        if (moved.deposit != 0 || moved.bonus != 0 || rest != 0 || moved.debt != 0 || moved.pointsDebt != 0) {
            LedgerEntry arrive;
            arrive.kind = EntryKind::Adjust;
            arrive.member = into;
            arrive.currency = currency;
            arrive.depositDelta = moved.deposit;
            arrive.bonusDelta = moved.bonus;
            arrive.pointsDelta = rest;
            arrive.refs = {ref};
            arrive.extra = nlohmann::json{{"reason", "merge_in"},
                                          {"from", from.toString()},
                                          {"debt", moved.debt},
                                          {"points_debt", moved.pointsDebt}}
                               .dump();
            TL_TRY(append(std::move(arrive), "in", moved.debt, moved.pointsDebt));
        }
    }
    out.currency = moved.deposit != 0 || moved.bonus != 0 || moved.debt != 0 ? moved.currency : std::string();
    out.deposit = moved.deposit;
    out.bonus = moved.bonus;
    out.points = moved.points;
    out.debt = moved.debt;
    out.pointsDebt = moved.pointsDebt;

    // The cards follow: listed under `into` only, so a kiosk adopting both snapshots maps them to it.
    auto source = memberRecord(from);
    if (!source)
        return std::move(source).error();
    auto target = memberRecord(into);
    if (!target)
        return std::move(target).error();
    for (const CardRecord &c : (*source)->cards) {
        (*target)->cards.push_back(c);
        ++out.cards;
    }
    (*source)->cards.clear();
    std::sort((*target)->cards.begin(), (*target)->cards.end(),
              [](const CardRecord &a, const CardRecord &b) { return a.card < b.card; });
    if (!out.empty()) {
        m_touched.insert(from);
        m_touched.insert(into);
    }
    return out;
}

} // namespace tapledger::sync
