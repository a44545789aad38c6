#include "core/engine/voucherprojection_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/fleetref_p.h"

#include <set>
#include "core/engine/sql_p.h"

namespace tapledger {

Result<void> VoucherProjection::createSchema(SqliteDb &db)
{
    return db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS engine_vouchers(
            seq INTEGER PRIMARY KEY,
            member BLOB NOT NULL,
            source TEXT NOT NULL,
            value INTEGER NOT NULL,
            min_spend INTEGER NOT NULL,
            issued_ms INTEGER NOT NULL,
            expires_ms INTEGER NOT NULL,
            status TEXT NOT NULL,
            purchase INTEGER NOT NULL,
            used_by INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS engine_vouchers_member ON engine_vouchers(member, status);
        CREATE TABLE IF NOT EXISTS engine_voucher_refs(
            seq INTEGER PRIMARY KEY,
            ref TEXT NOT NULL UNIQUE);
    )sql");
}

namespace {
Result<void> adopt(SqliteDb &db, const LedgerEntry &e, const fleetref::Snapshot &snapshot,
                   const std::function<Result<void>(const StoredEntry &)> &apply)
{
    // This kiosk's vouchers HQ had not merged come back from the replay below.
    TL_TRY(sql::run(db, "DELETE FROM engine_vouchers WHERE member = ? AND seq > ? AND seq < ?", e.member,
                    static_cast<int64_t>(snapshot.mergedUpTo), static_cast<int64_t>(e.seq)));
    std::set<int64_t> open;
    for (const auto &v : *snapshot.list) {
        auto local = fleetref::localFor(db, "engine_voucher_refs", e.kioskId, extra::str(v, "ref"), true);
        if (!local)
            return std::move(local).error();
        open.insert(*local);
        int64_t purchase = 0;
        if (const auto p = fleetref::parse(extra::str(v, "purchase")); p && p->chain == e.kioskId)
            purchase = static_cast<int64_t>(p->seq);
        // HQ is the authority: open there is open here (a use here HQ has not merged is replayed).
        TL_TRY(sql::run(db,
                        "INSERT INTO engine_vouchers(seq, member, source, value, min_spend, issued_ms, expires_ms, "
                        "status, purchase) VALUES(?, ?, ?, ?, ?, ?, ?, 'open', ?) "
                        "ON CONFLICT(seq) DO UPDATE SET status = 'open', used_by = 0",
                        *local, e.member, extra::str(v, "source"), extra::num(v, "value"), extra::num(v, "min_spend"),
                        extra::num(v, "issued_ms"), extra::num(v, "expires_ms"), purchase));
    }
    // Open here but not at HQ: used or expired at another kiosk.
    auto stmt = sql::prepared(db, "SELECT seq FROM engine_vouchers WHERE member = ? AND status = 'open'", e.member);
    if (!stmt)
        return std::move(stmt).error();
    std::vector<int64_t> closed;
    TL_TRY(sql::forEachRow(*stmt, [&] {
        if (!open.count(stmt->int64At(0)))
            closed.push_back(stmt->int64At(0));
    }));
    // Why it closed: expired (or void) when the snapshot names it, else used.
    std::set<std::string> expired;
    if (const nlohmann::json *body = snapshot.body) {
        if (auto list = body->find("expired_vouchers"); list != body->end() && list->is_array())
            for (const auto &r : *list)
                if (r.is_string())
                    expired.insert(r.get<std::string>());
    }
    for (int64_t seq : closed) {
        auto ref = fleetref::refFor(db, "engine_voucher_refs", e.kioskId, seq);
        if (!ref)
            return std::move(ref).error();
        const char *status = expired.count(*ref) ? "expired" : "used";
        TL_TRY(sql::run(db, "UPDATE engine_vouchers SET status = ?, used_by = 0 WHERE seq = ?", std::string(status), seq));
    }
    return fleetref::forEachUnmerged(db, e.member, snapshot.mergedUpTo, e.seq, apply);
}
} // namespace

Result<void> VoucherProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    if (e.kind == EntryKind::HqSync) {
        auto snapshot = fleetref::snapshotOf(e, "vouchers");
        if (!snapshot)
            return std::move(snapshot).error();
        if (!*snapshot)
            return {};
        return adopt(db, e, **snapshot, [&](const StoredEntry &own) { return apply(db, own); });
    }
    if (e.kind != EntryKind::VoucherIssue && e.kind != EntryKind::VoucherUse && e.kind != EntryKind::VoucherExpire &&
        e.kind != EntryKind::Return)
        return {};
    auto parsed = extra::cached(e);
    if (!parsed)
        return std::move(parsed).error();
    const nlohmann::json &x = **parsed;
    switch (e.kind) {
    case EntryKind::VoucherIssue: {
        const std::string source = x.contains("offer") ? "offer:" + extra::str(x, "offer") : extra::str(x, "rule");
        return sql::run(db,
                        "INSERT INTO engine_vouchers(seq, member, source, value, min_spend, issued_ms, expires_ms, "
                        "status, purchase) VALUES(?, ?, ?, ?, ?, ?, ?, 'open', ?)",
                        static_cast<int64_t>(e.seq), e.member, source, extra::num(x, "value"),
                        extra::num(x, "min_spend"), e.timeMs, extra::num(x, "expires_ms"), extra::num(x, "purchase"));
    }
    case EntryKind::VoucherUse:
        return sql::run(db, "UPDATE engine_vouchers SET status = 'used', used_by = ? WHERE seq = ?",
                        extra::num(x, "purchase"), extra::num(x, "voucher"));
    case EntryKind::VoucherExpire:
        return sql::run(db, "UPDATE engine_vouchers SET status = 'expired' WHERE seq = ?", extra::num(x, "voucher"));
    default: // Return
        if (!x.contains("voucher_reinstated"))
            return {};
        return sql::run(db, "UPDATE engine_vouchers SET status = 'open', used_by = 0 WHERE seq = ?",
                        extra::num(x, "voucher_reinstated"));
    }
}

} // namespace tapledger
