#include "core/engine/pointbatchprojection_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/fleetref_p.h"
#include "core/engine/sql_p.h"

#include <algorithm>
#include <climits>

namespace tapledger {

Result<void> PointBatchProjection::createSchema(SqliteDb &db)
{
    return db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS engine_point_batches(
            seq INTEGER PRIMARY KEY,
            member BLOB NOT NULL,
            purchase INTEGER NOT NULL,
            earned_ms INTEGER NOT NULL,
            expires_ms INTEGER NOT NULL,
            initial INTEGER NOT NULL,
            remaining INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS engine_point_batches_fifo ON engine_point_batches(member, expires_ms, seq)
            WHERE remaining > 0;
        CREATE TABLE IF NOT EXISTS engine_point_debt(
            member BLOB PRIMARY KEY,
            debt INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS engine_batch_refs(
            seq INTEGER PRIMARY KEY,
            ref TEXT NOT NULL UNIQUE);
    )sql");
}

Result<int64_t> PointBatchProjection::consume(SqliteDb &db, const LedgerEntry &e, int64_t need,
                                              const std::string &where, int64_t key)
{
    auto stmt = sql::prepared(db, "SELECT seq, remaining FROM engine_point_batches WHERE member = ? AND remaining > 0 " +
                                      where + " ORDER BY expires_ms, seq",
                              e.member);
    if (!stmt)
        return std::move(stmt).error();
    if (!where.empty())
        stmt->bind(2, key);
    std::vector<std::pair<int64_t, int64_t>> takes;
    while (need > 0) {
        auto row = stmt->step();
        if (!row)
            return std::move(row).error();
        if (!*row)
            break;
        const int64_t take = std::min(need, stmt->int64At(1));
        takes.emplace_back(stmt->int64At(0), take);
        need -= take;
    }
    for (const auto &[seq, take] : takes)
        TL_TRY(sql::run(db, "UPDATE engine_point_batches SET remaining = remaining - ? WHERE seq = ?", take, seq));
    return need;
}

Result<void> PointBatchProjection::adopt(SqliteDb &db, const LedgerEntry &e, const nlohmann::json &batches,
                                         int64_t batchDebt, uint64_t mergedUpTo)
{
    TL_TRY(sql::run(db, "DELETE FROM engine_point_batches WHERE member = ?", e.member));
    TL_TRY(sql::run(db, "DELETE FROM engine_point_debt WHERE member = ?", e.member));
    for (const auto &b : batches) {
        auto local = fleetref::localFor(db, "engine_batch_refs", e.kioskId, extra::str(b, "ref"), true);
        if (!local)
            return std::move(local).error();
        // Only this kiosk's own purchases can be returned here: another chain's purchase is 0.
        int64_t purchase = 0;
        if (const auto p = fleetref::parse(extra::str(b, "purchase")); p && p->chain == e.kioskId)
            purchase = static_cast<int64_t>(p->seq);
        TL_TRY(sql::run(db,
                        "INSERT INTO engine_point_batches(seq, member, purchase, earned_ms, expires_ms, initial, remaining) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?)",
                        *local, e.member, purchase, extra::num(b, "earned_ms"), extra::num(b, "expires_ms", INT64_MAX),
                        extra::num(b, "initial"), extra::num(b, "remaining")));
    }
    if (batchDebt > 0)
        TL_TRY(sql::run(db, "INSERT INTO engine_point_debt(member, debt) VALUES(?, ?)", e.member, batchDebt));
    return fleetref::forEachUnmerged(db, e.member, mergedUpTo, e.seq, [&](const StoredEntry &own) { return apply(db, own); });
}

Result<void> PointBatchProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    if (e.kind == EntryKind::HqSync) {
        // A snapshot with HQ's batches replaces the member's; one with balances only (an older
        // HQ) falls through: its points delta is one batch without expiry, as before.
        auto snapshot = fleetref::snapshotOf(e, "batches");
        if (!snapshot)
            return std::move(snapshot).error();
        if (*snapshot)
            return adopt(db, e, *(*snapshot)->list, (*snapshot)->batchDebt, (*snapshot)->mergedUpTo);
    }
    // A transfer pair moves points between the member's cards: the member's batches stay as they are.
    if (e.member.isNil() || e.pointsDelta == 0 || e.kind == EntryKind::Transfer)
        return {};
    auto parsed = extra::cached(e);
    if (!parsed)
        return std::move(parsed).error();
    const nlohmann::json &x = **parsed;
    auto debtRow = sql::queryInt(db, "SELECT debt FROM engine_point_debt WHERE member = ?", e.member);
    if (!debtRow)
        return std::move(debtRow).error();
    int64_t debt = debtRow->value_or(0);

    if (e.pointsDelta > 0) {
        const int64_t paid = std::min(debt, e.pointsDelta);
        debt -= paid;
        TL_TRY(sql::run(db,
                        "INSERT INTO engine_point_batches(seq, member, purchase, earned_ms, expires_ms, initial, remaining) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?)",
                        static_cast<int64_t>(e.seq), e.member, extra::num(x, "purchase"), e.timeMs,
                        extra::num(x, "expires_ms", INT64_MAX), e.pointsDelta, e.pointsDelta - paid));
    } else {
        int64_t need = -e.pointsDelta;
        if (e.kind == EntryKind::PointsExpire) {
            auto left = consume(db, e, need, "AND seq = ?", extra::num(x, "batch"));
            if (!left)
                return std::move(left).error();
            need = *left;
        } else if (e.kind == EntryKind::Return) {
            auto left = consume(db, e, need, "AND purchase = ?", extra::num(x, "purchase"));
            if (!left)
                return std::move(left).error();
            need = *left;
        }
        auto left = consume(db, e, need, "", 0);
        if (!left)
            return std::move(left).error();
        debt += *left;
    }
    if (debt == 0)
        return sql::run(db, "DELETE FROM engine_point_debt WHERE member = ?", e.member);
    return sql::run(db, "INSERT OR REPLACE INTO engine_point_debt(member, debt) VALUES(?, ?)", e.member, debt);
}

} // namespace tapledger
