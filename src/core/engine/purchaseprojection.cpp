#include "core/engine/purchaseprojection_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/sql_p.h"

namespace tapledger {

Result<void> PurchaseProjection::createSchema(SqliteDb &db)
{
    return db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS engine_purchases(
            seq INTEGER PRIMARY KEY,
            member BLOB NOT NULL,
            time_ms INTEGER NOT NULL,
            amount INTEGER NOT NULL,
            pay_method TEXT NOT NULL,
            deposit_paid INTEGER NOT NULL,
            bonus_paid INTEGER NOT NULL,
            points_earned INTEGER NOT NULL DEFAULT 0,
            voucher INTEGER NOT NULL DEFAULT 0,
            returned_by INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS engine_purchases_member ON engine_purchases(member, time_ms);
        CREATE TABLE IF NOT EXISTS engine_activity(
            seq INTEGER PRIMARY KEY,
            member BLOB NOT NULL,
            time_ms INTEGER NOT NULL,
            spend INTEGER NOT NULL,
            points INTEGER NOT NULL);
        -- Covers the tier-window sums (member, time range → spend or points) without table reads.
        DROP INDEX IF EXISTS engine_activity_member;
        CREATE INDEX IF NOT EXISTS engine_activity_window ON engine_activity(member, time_ms, spend, points);
        CREATE TABLE IF NOT EXISTS engine_category_spend(
            key TEXT PRIMARY KEY,
            member BLOB NOT NULL,
            category TEXT NOT NULL,
            amount INTEGER NOT NULL) WITHOUT ROWID;
    )sql");
}

namespace {
Result<void> addCategorySpend(SqliteDb &db, const LedgerEntry &e, const nlohmann::json &items, int64_t sign)
{
    if (!items.is_array())
        return {};
    for (const auto &item : items) {
        const std::string category = extra::str(item, "category");
        const int64_t amount = sign * extra::num(item, "amount");
        TL_TRY(sql::run(db,
                        "INSERT INTO engine_category_spend(key, member, category, amount) VALUES(?, ?, ?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET amount = amount + excluded.amount",
                        e.member.toString() + "|" + category, e.member, category, amount));
    }
    return {};
}
} // namespace

Result<void> PurchaseProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    const auto seq = static_cast<int64_t>(e.seq);
    switch (e.kind) {
    case EntryKind::Purchase:
    case EntryKind::Pay: {
        auto parsed = extra::cached(e);
        if (!parsed)
            return std::move(parsed).error();
        const nlohmann::json &x = **parsed;
        const int64_t amount = extra::num(x, "amount");
        TL_TRY(sql::run(db,
                        "INSERT INTO engine_purchases(seq, member, time_ms, amount, pay_method, deposit_paid, bonus_paid) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?)",
                        seq, e.member, e.timeMs, amount, extra::str(x, "pay_method"), -e.depositDelta, -e.bonusDelta));
        TL_TRY(sql::run(db, "INSERT INTO engine_activity(seq, member, time_ms, spend, points) VALUES(?, ?, ?, ?, 0)",
                        seq, e.member, e.timeMs, amount));
        return addCategorySpend(db, e, x.value("items", nlohmann::json::array()), 1);
    }
    case EntryKind::Earn: {
        auto parsed = extra::cached(e);
        if (!parsed)
            return std::move(parsed).error();
        const nlohmann::json &x = **parsed;
        TL_TRY(sql::run(db, "INSERT INTO engine_activity(seq, member, time_ms, spend, points) VALUES(?, ?, ?, 0, ?)", seq,
                        e.member, e.timeMs, e.pointsDelta));
        if (const int64_t purchase = extra::num(x, "purchase"))
            return sql::run(db, "UPDATE engine_purchases SET points_earned = points_earned + ? WHERE seq = ?",
                            e.pointsDelta, purchase);
        return {};
    }
    case EntryKind::VoucherUse: {
        auto parsed = extra::cached(e);
        if (!parsed)
            return std::move(parsed).error();
        const nlohmann::json &x = **parsed;
        return sql::run(db, "UPDATE engine_purchases SET voucher = ? WHERE seq = ?", extra::num(x, "voucher"),
                        extra::num(x, "purchase"));
    }
    case EntryKind::Return: {
        auto parsed = extra::cached(e);
        if (!parsed)
            return std::move(parsed).error();
        const nlohmann::json &x = **parsed;
        const int64_t purchase = extra::num(x, "purchase");
        // returned_by: the latest return; its extra says what all returns so far gave back.
        TL_TRY(sql::run(db, "UPDATE engine_purchases SET returned_by = ? WHERE seq = ?", seq, purchase));
        // Points this return takes off what the purchase earned (a whole return: all of it).
        const int64_t points = extra::num(x, "points_reversed") + extra::num(x, "shortfall");
        TL_TRY(sql::run(db, "INSERT INTO engine_activity(seq, member, time_ms, spend, points) VALUES(?, ?, ?, ?, ?)",
                        seq, e.member, e.timeMs, -extra::num(x, "amount"), -points));
        return addCategorySpend(db, e, x.value("items", nlohmann::json::array()), -1);
    }
    default:
        return {};
    }
}

} // namespace tapledger
