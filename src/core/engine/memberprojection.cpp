#include "core/engine/memberprojection_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/membereffect.h"
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

namespace {
/// An HQ member snapshot or deny-list line (docs/sync-protocol.md) adopted by the kiosk.
Result<void> applyHqSync(SqliteDb &db, const LedgerEntry &e)
{
    auto item = extra::hqItem(e);
    if (!item)
        return std::move(item).error();
    const nlohmann::json &x = *item->extra;
    const std::string &type = item->type;
    const nlohmann::json *body = item->body;
    if (type == "deny") {
        auto card = Uuid::parse(extra::str(*body, "card"));
        if (!card)
            return fail(ErrorCode::Corrupt, "seq " + std::to_string(e.seq) + ": deny item with a malformed card");
        return sql::run(db, "UPDATE engine_cards SET status = 'blocked' WHERE card = ? AND status = 'active'", *card);
    }
    if (type != "member")
        return {};
    // A handle another local member already holds stays with that member (extra handle_conflict).
    const std::string handle = x.value("handle_conflict", false) ? std::string() : extra::str(*body, "handle");
    TL_TRY(sql::run(db,
                    "INSERT INTO engine_members(member, handle, name, birthday, pin, enrolled_ms, tier, phone, consent) "
                    "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(member) DO UPDATE SET handle = excluded.handle, "
                    "name = excluded.name, birthday = excluded.birthday, pin = excluded.pin, tier = excluded.tier, "
                    "phone = excluded.phone, consent = excluded.consent",
                    e.member, handle, extra::str(*body, "name"), extra::str(*body, "birthday"), extra::str(*body, "pin"),
                    e.timeMs, extra::str(*body, "tier"), extra::str(*body, "phone"),
                    int64_t{body->value("consent", false)}));
    const auto cards = body->find("cards");
    if (cards == body->end() || !cards->is_array())
        return {};
    for (const auto &c : *cards) {
        auto card = Uuid::parse(c.is_object() ? extra::str(c, "card") : std::string());
        if (!card)
            return fail(ErrorCode::Corrupt, "seq " + std::to_string(e.seq) + ": member snapshot with a malformed card");
        // A card this kiosk already replaced or blocked stays so: HQ's view never unblocks it here.
        TL_TRY(sql::run(db,
                        "INSERT INTO engine_cards(card, member, issued_ms, status) VALUES(?, ?, ?, ?) "
                        "ON CONFLICT(card) DO UPDATE SET member = excluded.member, status = CASE "
                        "WHEN engine_cards.status = 'active' THEN excluded.status ELSE engine_cards.status END",
                        *card, e.member, e.timeMs, extra::str(c, "status")));
        // The counter HQ merged for the card: this kiosk's next use of it continues above it, so
        // using a card first seen at another kiosk is not mistaken for a fork.
        TL_TRY(sql::run(db,
                        "INSERT INTO card_states(card, member, counter, last_seq) VALUES(?, ?, ?, ?) "
                        "ON CONFLICT(card) DO UPDATE SET counter = max(card_states.counter, excluded.counter)",
                        *card, e.member, extra::num(c, "counter"), static_cast<int64_t>(e.seq)));
    }
    return {};
}
} // namespace

Result<void> MemberProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    if (e.kind == EntryKind::HqSync)
        return applyHqSync(db, e);
    if (e.kind == EntryKind::Membership) {
        auto x = extra::cached(e);
        if (!x)
            return std::move(x).error();
        return sql::run(db, "UPDATE engine_members SET membership_until_ms = ? WHERE member = ?",
                        extra::num(**x, "valid_until_ms"), e.member);
    }
    auto effect = memberEffect(e);
    if (!effect)
        return std::move(effect).error();
    if (const auto &p = effect->enrolled)
        return sql::run(db,
                        "INSERT INTO engine_members(member, handle, name, birthday, pin, enrolled_ms, phone, consent) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                        e.member, p->handle, p->name, p->birthday, p->pin, e.timeMs, p->phone, int64_t{p->consent});
    if (effect->pin)
        return sql::run(db, "UPDATE engine_members SET pin = ? WHERE member = ?", *effect->pin, e.member);
    if (effect->tier)
        return sql::run(db, "UPDATE engine_members SET tier = ?, tier_since_ms = ? WHERE member = ?", *effect->tier,
                        e.timeMs, e.member);
    if (!effect->cardStatus)
        return {};
    if (*effect->cardStatus == "active")
        return sql::run(db, "INSERT INTO engine_cards(card, member, issued_ms) VALUES(?, ?, ?)", e.card, e.member,
                        e.timeMs);
    return sql::run(db, "UPDATE engine_cards SET status = ? WHERE card = ?", *effect->cardStatus, e.card);
}

} // namespace tapledger
