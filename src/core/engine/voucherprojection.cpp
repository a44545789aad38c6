#include "core/engine/voucherprojection_p.h"

#include "core/engine/entryextra_p.h"
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
    )sql");
}

Result<void> VoucherProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
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
