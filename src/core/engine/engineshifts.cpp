// Staff shifts: open, report so far, close with the settlement written into the shift_close entry.
#include "core/engine/engine_p.h"

#include "core/engine/settlementeffect.h"
#include "core/engine/sql_p.h"

#include <map>

namespace tapledger {

namespace {
struct OpenShift
{
    uint64_t seq = 0;
    int64_t openedMs = 0;
};

Result<OpenShift> openShiftOf(SqliteDb &db, const Uuid &staff)
{
    auto stmt = sql::queryRow(db, "no open shift for staff member " + staff.toString(),
                              "SELECT seq, opened_ms FROM engine_shifts WHERE staff = ? AND closed_seq = 0", staff);
    if (!stmt)
        return std::move(stmt).error();
    return OpenShift{static_cast<uint64_t>(stmt->int64At(0)), stmt->int64At(1)};
}

/// Adds one entry written by the shift's staff member to the totals (docs/engine.md, "Shifts"),
/// read with settlementEffect (the reading HQ's settlement report shares).
void count(const LedgerEntry &e, std::map<std::string, ShiftTotal> &methods, ShiftReport &r)
{
    const SettlementEffect s = settlementEffect(e);
    if (s.payMethod) {
        ShiftTotal &t = methods[*s.payMethod];
        t.payMethod = *s.payMethod;
        ++t.count;
        t.topUps += s.topUps;
        t.purchases += s.purchases;
        t.refunds += s.refunds;
    }
    r.bonusGranted += s.bonusGranted;
    r.pointsIssued += s.pointsIssued;
    r.pointsRedeemed += s.pointsRedeemed;
    r.pointsAdjusted += s.pointsAdjusted;
}

nlohmann::json settlementJson(const ShiftReport &r)
{
    nlohmann::json methods = nlohmann::json::array();
    for (const auto &t : r.byPayMethod)
        methods.push_back({{"pay_method", t.payMethod},
                           {"topups", t.topUps},
                           {"purchases", t.purchases},
                           {"refunds", t.refunds},
                           {"count", t.count}});
    return {{"open_seq", static_cast<int64_t>(r.firstSeq)}, {"opened_ms", r.openedMs},
            {"name", r.staffName},                          {"by_pay_method", methods},
            {"bonus_granted", r.bonusGranted},              {"points_issued", r.pointsIssued},
            {"points_redeemed", r.pointsRedeemed},          {"points_adjusted", r.pointsAdjusted},
            {"last_seq", static_cast<int64_t>(r.lastSeq)}};
}
} // namespace

Result<Receipt> Engine::openShift(const Uuid &staff)
{
    d->refreshPolicy();
    auto s = d->staffRow(staff);
    if (!s)
        return std::move(s).error();
    if (auto open = openShiftOf(d->db(), staff); open)
        return fail(ErrorCode::Conflict, s->row.name + " already has a shift open since " +
                                             d->calendar.localDateTime(open->openedMs) + " (#" +
                                             std::to_string(open->seq) + ")");
    return d->transact(Uuid(), [&](Receipt &receipt) -> Result<void> {
        auto e = d->draft(EntryKind::ShiftOpen, Uuid(),
                          {{"name", s->row.name}, {"role", std::string(cardRoleName(s->role))}}, {});
        e.staff = staff;
        return d->appendMain({e}, receipt);
    });
}

Result<ShiftReport> Engine::shiftReport(const Uuid &staff) const
{
    d->refreshPolicy();
    auto s = d->staffRow(staff);
    if (!s)
        return std::move(s).error();
    auto open = openShiftOf(d->db(), staff);
    if (!open)
        return std::move(open).error();
    ShiftReport r;
    r.staff = staff;
    r.staffName = s->row.name;
    r.openedMs = open->openedMs;
    r.firstSeq = open->seq;
    r.lastSeq = d->ledger().size();
    std::map<std::string, ShiftTotal> methods;
    constexpr uint64_t kPage = 512;
    for (uint64_t from = open->seq + 1; from <= r.lastSeq; from += kPage) {
        auto page = d->ledger().entries(from, kPage);
        if (!page)
            return std::move(page).error();
        for (const auto &stored : *page) {
            if (stored.entry.staff == staff)
                count(stored.entry, methods, r);
        }
    }
    for (auto &[method, total] : methods)
        r.byPayMethod.push_back(total);
    return r;
}

Result<ShiftReport> Engine::closeShift(const Uuid &staff)
{
    d->refreshPolicy();
    auto report = shiftReport(staff);
    if (!report)
        return std::move(report).error();
    auto receipt = d->transact(Uuid(), [&](Receipt &rc) -> Result<void> {
        auto e = d->draft(EntryKind::ShiftClose, Uuid(), settlementJson(*report),
                          {d->entryRef(report->firstSeq)});
        e.staff = staff;
        return d->appendMain({e}, rc);
    });
    if (!receipt)
        return std::move(receipt).error();
    report->closedMs = d->now();
    report->lastSeq = receipt->mainSeq;
    return report;
}

} // namespace tapledger
