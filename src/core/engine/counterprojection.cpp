#include "core/engine/counterprojection_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/sql_p.h"

namespace tapledger {

Result<void> CounterProjection::createSchema(SqliteDb &db)
{
    return db.exec("CREATE TABLE IF NOT EXISTS engine_counters(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
}

namespace {
Result<void> add(SqliteDb &db, const std::string &key, int64_t by)
{
    return sql::run(db,
                    "INSERT INTO engine_counters(key, value) VALUES(?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = value + excluded.value",
                    key, by);
}

Result<void> set(SqliteDb &db, const std::string &key, int64_t value)
{
    return sql::run(db, "INSERT OR REPLACE INTO engine_counters(key, value) VALUES(?, ?)", key, value);
}
} // namespace

std::string CounterProjection::offerKey(const std::string &offerId, const std::string &member,
                                        const std::string &periodKey)
{
    return "offer:" + offerId + ":" + member + (periodKey.empty() ? "" : ":" + periodKey);
}

Result<void> CounterProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    if (e.kind != EntryKind::Redeem && e.kind != EntryKind::Earn && e.kind != EntryKind::VoucherIssue &&
        e.kind != EntryKind::TierChange)
        return {};
    auto parsed = extra::cached(e);
    if (!parsed)
        return std::move(parsed).error();
    const nlohmann::json &x = **parsed;
    const std::string member = e.member.toString();
    if (e.kind == EntryKind::TierChange) {
        if (e.member.isNil())
            return set(db, "tier_review", extra::num(x, "review_day"));
        return {};
    }
    if (e.kind == EntryKind::Redeem) {
        const std::string reward = extra::str(x, "reward");
        TL_TRY(add(db, "reward:" + reward, 1));
        return add(db, "reward:" + reward + ":" + member, 1);
    }
    if (x.contains("offer"))
        TL_TRY(add(db, offerKey(extra::str(x, "offer"), member, extra::str(x, "period")), 1));
    if (e.kind != EntryKind::Earn)
        return {};
    const std::string line = extra::str(x, "line");
    if (auto promos = x.find("promos"); promos != x.end() && promos->is_array()) {
        for (const auto &id : *promos) {
            if (id.is_string())
                TL_TRY(add(db, "promo:" + id.get<std::string>() + ":" + member, 1));
        }
    }
    if (line == "visit")
        TL_TRY(set(db, "visit:" + member, extra::num(x, "day")));
    if (extra::num(x, "purchase") != 0) {
        // Points from purchases per local day, for the daily cap.
        const int64_t day = extra::num(x, "day");
        auto current = sql::queryInt(db, "SELECT value FROM engine_counters WHERE key = ?", "capday:" + member);
        if (!current)
            return std::move(current).error();
        if (current->value_or(-1) != day) {
            TL_TRY(set(db, "capday:" + member, day));
            TL_TRY(set(db, "cappoints:" + member, 0));
        }
        TL_TRY(add(db, "cappoints:" + member, e.pointsDelta));
    }
    return {};
}

} // namespace tapledger
