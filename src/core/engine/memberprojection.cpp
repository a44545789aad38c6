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
            tier_since_ms INTEGER NOT NULL DEFAULT 0,
            phone TEXT NOT NULL DEFAULT '',
            consent INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS engine_members_handle ON engine_members(handle) WHERE handle <> '';
        CREATE TABLE IF NOT EXISTS engine_cards(
            card BLOB PRIMARY KEY,
            member BLOB NOT NULL,
            issued_ms INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'active') WITHOUT ROWID;
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
        if (x->value("staff", false))
            return {}; // staff registration: StaffProjection
        return sql::run(db,
                        "INSERT INTO engine_members(member, handle, name, birthday, pin, enrolled_ms, phone, consent) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                        e.member, extra::str(*x, "handle"), extra::str(*x, "name"), extra::str(*x, "birthday"),
                        extra::str(*x, "pin"), e.timeMs, extra::str(*x, "phone"),
                        int64_t{x->value("consent", false)});
    }
    case EntryKind::PinChange: {
        auto x = extra::of(e);
        if (!x)
            return std::move(x).error();
        return sql::run(db, "UPDATE engine_members SET pin = ? WHERE member = ?", extra::str(*x, "pin"), e.member);
    }
    case EntryKind::Transfer: {
        auto x = extra::of(e);
        if (!x)
            return std::move(x).error();
        if (extra::str(*x, "direction") == "in")
            return sql::run(db, "INSERT INTO engine_cards(card, member, issued_ms) VALUES(?, ?, ?)", e.card, e.member,
                            e.timeMs);
        return sql::run(db, "UPDATE engine_cards SET status = 'replaced' WHERE card = ?", e.card);
    }
    case EntryKind::CardAlert: {
        auto x = extra::of(e);
        if (!x)
            return std::move(x).error();
        if (extra::str(*x, "action") != "block")
            return {};
        return sql::run(db, "UPDATE engine_cards SET status = 'blocked' WHERE card = ?", e.card);
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
