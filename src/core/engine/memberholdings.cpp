#include "core/engine/memberholdings.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/fleetref_p.h"
#include "core/engine/pointbatchprojection_p.h"
#include "core/engine/sql_p.h"
#include "core/engine/voucherprojection_p.h"

#include <climits>
#include <map>

namespace tapledger {

struct MemberHoldings::Impl
{
    Uuid member;
    std::unique_ptr<SqliteDb> db;
    PointBatchProjection batches;
    VoucherProjection vouchers;
    uint64_t next = 0;                     ///< the ordinal of the last entry applied
    std::map<std::string, int64_t> ordinal; ///< fleet ref → ordinal
    std::vector<std::string> refOf;         ///< ordinal − 1 → fleet ref

    int64_t find(const std::string &ref) const
    {
        auto it = ordinal.find(ref);
        return it == ordinal.end() ? 0 : it->second;
    }
    std::string refAt(int64_t n) const
    {
        return n >= 1 && static_cast<size_t>(n) <= refOf.size() ? refOf[static_cast<size_t>(n - 1)] : std::string();
    }
};

namespace {
/// Whether @p e can change a voucher or batch, or be named by one (a purchase): top-ups, refunds,
/// payments without points and the like are skipped unparsed, so replaying a member's history
/// costs what their points and vouchers did, not every top-up.
bool mayHold(const LedgerEntry &e)
{
    switch (e.kind) {
    case EntryKind::Purchase:
    case EntryKind::Pay:
    case EntryKind::Return:
    case EntryKind::VoucherIssue:
    case EntryKind::VoucherUse:
    case EntryKind::VoucherExpire:
        return true;
    default:
        return e.pointsDelta != 0;
    }
}
} // namespace

MemberHoldings::MemberHoldings(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
MemberHoldings::MemberHoldings(MemberHoldings &&) noexcept = default;
MemberHoldings &MemberHoldings::operator=(MemberHoldings &&) noexcept = default;
MemberHoldings::~MemberHoldings() = default;

Result<MemberHoldings> MemberHoldings::create(const Uuid &member)
{
    auto impl = std::make_unique<Impl>();
    impl->member = member;
    auto db = SqliteDb::open(":memory:", SqliteDb::Mode::CreateNew);
    if (!db)
        return std::move(db).error();
    impl->db = std::move(*db);
    TL_TRY(impl->batches.createSchema(*impl->db));
    TL_TRY(impl->vouchers.createSchema(*impl->db));
    return MemberHoldings(std::move(impl));
}

Result<HoldingsStep> MemberHoldings::apply(const LedgerEntry &entry)
{
    HoldingsStep step;
    if (entry.member != d->member)
        return fail(ErrorCode::InvalidArgument, "holdings of member " + d->member.toString() + " given an entry about " +
                                                    entry.member.toString());
    if (entry.kind == EntryKind::HqSync || entry.kind == EntryKind::CardSync || !mayHold(entry))
        return step;
    auto parsed = extra::of(entry);
    if (!parsed)
        return std::move(parsed).error();
    nlohmann::json x = std::move(*parsed);
    if (entry.kind == EntryKind::Adjust && extra::str(x, "reason") == "duplicate_expiry")
        return step;

    const std::string self = fleetref::of(entry.kioskId, entry.seq);
    const auto n = static_cast<int64_t>(++d->next);
    d->ordinal.emplace(self, n);
    d->refOf.push_back(self);

    // Local numbers of the writing kiosk become ordinals: purchases are always the writer's own,
    // vouchers and batches are named by their fleet-wide ref (the first entry ref; a return's
    // reinstated voucher is the second). Rule tags (rule:<id>@<v>) come before them.
    std::vector<std::string> entryRefs;
    for (const auto &r : entry.refs)
        if (fleetref::parse(r))
            entryRefs.push_back(r);
    LedgerEntry e = entry;
    e.seq = static_cast<uint64_t>(n);
    if (const int64_t p = extra::num(x, "purchase"); p > 0)
        x["purchase"] = d->find(fleetref::of(entry.kioskId, static_cast<uint64_t>(p)));
    const auto refAt = [&](size_t i) { return i < entryRefs.size() ? d->find(entryRefs[i]) : int64_t{0}; };
    if (entry.kind == EntryKind::VoucherUse || entry.kind == EntryKind::VoucherExpire) {
        x["voucher"] = refAt(0);
        if (entry.kind == EntryKind::VoucherUse) {
            auto status = sql::prepared(*d->db, "SELECT status FROM engine_vouchers WHERE seq = ?", refAt(0));
            if (!status)
                return std::move(status).error();
            auto row = status->step();
            if (!row)
                return std::move(row).error();
            if (!*row || status->textAt(0) != "open") {
                step.voucherNotOpen = true;
                step.voucherValue = extra::num(x, "value");
            }
        }
    }
    if (entry.kind == EntryKind::Return && x.contains("voucher_reinstated"))
        x["voucher_reinstated"] = refAt(1);
    if (entry.kind == EntryKind::PointsExpire) {
        x["batch"] = refAt(0);
        auto left = sql::queryInt(*d->db, "SELECT remaining FROM engine_point_batches WHERE seq = ?", refAt(0));
        if (!left)
            return std::move(left).error();
        const int64_t remaining = left->value_or(0);
        if (-e.pointsDelta > remaining) {
            step.expiredTwice = -e.pointsDelta - remaining;
            e.pointsDelta = -remaining;
        }
    }
    e.extra = extra::dump(x);
    StoredEntry stored;
    stored.entry = std::move(e);
    TL_TRY(d->batches.apply(*d->db, stored));
    TL_TRY(d->vouchers.apply(*d->db, stored));
    return step;
}

Result<std::vector<HeldVoucher>> MemberHoldings::vouchers() const
{
    auto stmt = d->db->prepare("SELECT seq, source, value, min_spend, issued_ms, expires_ms, purchase FROM engine_vouchers "
                               "WHERE status = 'open' ORDER BY seq");
    if (!stmt)
        return std::move(stmt).error();
    std::vector<HeldVoucher> out;
    TL_TRY(sql::forEachRow(*stmt, [&] {
        out.push_back({d->refAt(stmt->int64At(0)), stmt->textAt(1), stmt->int64At(2), stmt->int64At(3),
                       stmt->int64At(4), stmt->int64At(5), d->refAt(stmt->int64At(6))});
    }));
    return out;
}

Result<std::vector<std::string>> MemberHoldings::expiredVouchers(int64_t limit) const
{
    auto stmt = sql::prepared(*d->db,
                              "SELECT seq FROM (SELECT seq FROM engine_vouchers WHERE status = 'expired' ORDER BY seq DESC "
                              "LIMIT ?) ORDER BY seq",
                              limit);
    if (!stmt)
        return std::move(stmt).error();
    std::vector<std::string> out;
    TL_TRY(sql::forEachRow(*stmt, [&] { out.push_back(d->refAt(stmt->int64At(0))); }));
    return out;
}

Result<std::vector<HeldBatch>> MemberHoldings::batches() const
{
    auto stmt = d->db->prepare("SELECT seq, earned_ms, expires_ms, initial, remaining, purchase FROM engine_point_batches "
                               "WHERE remaining > 0 ORDER BY expires_ms, seq");
    if (!stmt)
        return std::move(stmt).error();
    std::vector<HeldBatch> out;
    TL_TRY(sql::forEachRow(*stmt, [&] {
        out.push_back({d->refAt(stmt->int64At(0)), stmt->int64At(1), stmt->int64At(2), stmt->int64At(3),
                       stmt->int64At(4), d->refAt(stmt->int64At(5))});
    }));
    return out;
}

Result<int64_t> MemberHoldings::batchDebt() const
{
    auto debt = sql::queryInt(*d->db, "SELECT debt FROM engine_point_debt WHERE member = ?", d->member);
    if (!debt)
        return std::move(debt).error();
    return debt->value_or(0);
}

} // namespace tapledger
