#include "core/engine/memberprojection_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/sql_p.h"

namespace tapledger {

Result<void> MemberProjection::createSchema(SqliteDb &db)
{
    return db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS engine_members(
            member BLOB PRIMARY KEY,
            handle TEXT NOT NULL,
            name TEXT NOT NULL,
            birthday TEXT NOT NULL,
            pin TEXT NOT NULL,
            enrolled_ms INTEGER NOT NULL,
            membership_until_ms INTEGER NOT NULL DEFAULT 0,
            tier TEXT NOT NULL DEFAULT '',
            tier_since_ms INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS engine_members_handle ON engine_members(handle) WHERE handle <> '';
        CREATE TABLE IF NOT EXISTS engine_cards(
            card BLOB PRIMARY KEY,
            member BLOB NOT NULL,
            issued_ms INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS engine_cards_member ON engine_cards(member);
    )sql");
}

Result<void> MemberProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    switch (e.kind) {
    case EntryKind::Enrol: {
        auto x = extra::of(e);
        if (!x)
            return std::move(x).error();
        return sql::run(db,
                        "INSERT INTO engine_members(member, handle, name, birthday, pin, enrolled_ms) "
                        "VALUES(?, ?, ?, ?, ?, ?)",
                        e.member, extra::str(*x, "handle"), extra::str(*x, "name"), extra::str(*x, "birthday"),
                        extra::str(*x, "pin"), e.timeMs);
    }
    case EntryKind::Issue:
        return sql::run(db, "INSERT INTO engine_cards(card, member, issued_ms) VALUES(?, ?, ?)", e.card, e.member,
                        e.timeMs);
    case EntryKind::Membership: {
        auto x = extra::of(e);
        if (!x)
            return std::move(x).error();
        return sql::run(db, "UPDATE engine_members SET membership_until_ms = ? WHERE member = ?",
                        extra::num(*x, "valid_until_ms"), e.member);
    }
    case EntryKind::TierChange: {
        if (e.member.isNil())
            return {};
        auto x = extra::of(e);
        if (!x)
            return std::move(x).error();
        return sql::run(db, "UPDATE engine_members SET tier = ?, tier_since_ms = ? WHERE member = ?",
                        extra::str(*x, "to"), e.timeMs, e.member);
    }
    default:
        return {};
    }
}

} // namespace tapledger
