#include "core/engine/hqviewprojection_p.h"

#include "core/bytes.h"
#include "core/engine/entryextra_p.h"
#include "core/engine/sql_p.h"

namespace tapledger {

Result<void> HqViewProjection::createSchema(SqliteDb &db)
{
    return db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS engine_hq_deny(
            card BLOB PRIMARY KEY,
            member BLOB NOT NULL,
            version INTEGER NOT NULL,
            reason TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS engine_fleet_keys(
            kiosk_id TEXT PRIMARY KEY,
            public_key BLOB NOT NULL,
            status TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS engine_hq_policies(
            seq INTEGER PRIMARY KEY,
            policy_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            effective_ms INTEGER NOT NULL,
            status TEXT NOT NULL,
            reason TEXT NOT NULL,
            policy TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS engine_hq_stock(
            reward TEXT PRIMARY KEY,
            remaining INTEGER NOT NULL,
            own_seq INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS engine_hq_offers(
            member BLOB PRIMARY KEY,
            seq INTEGER NOT NULL,
            offers TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS engine_member_aliases(
            member BLOB PRIMARY KEY,
            into_member BLOB NOT NULL,
            merged_ms INTEGER NOT NULL,
            seq INTEGER NOT NULL) WITHOUT ROWID;
    )sql");
}

Result<void> HqViewProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    if (e.kind != EntryKind::HqSync)
        return {};
    auto item = extra::hqItem(e);
    if (!item)
        return std::move(item).error();
    const std::string &type = item->type;
    const nlohmann::json *body = item->body;
    if (type == "deny") {
        auto card = Uuid::parse(extra::str(*body, "card"));
        auto member = Uuid::parse(extra::str(*body, "member"));
        if (!card || !member)
            return fail(ErrorCode::Corrupt, "seq " + std::to_string(e.seq) + ": deny item with a malformed card or member");
        return sql::run(db, "INSERT OR REPLACE INTO engine_hq_deny(card, member, version, reason) VALUES(?, ?, ?, ?)",
                        *card, *member, extra::num(*body, "version"), extra::str(*body, "reason"));
    }
    if (type == "kiosk_key") {
        auto key = fromHexExact(extra::str(*body, "public_key"), 32, "public_key");
        if (!key)
            return fail(ErrorCode::Corrupt, "seq " + std::to_string(e.seq) + ": " + key.error().message);
        auto stmt = sql::prepared(db, "INSERT OR REPLACE INTO engine_fleet_keys(kiosk_id, public_key, status) VALUES(?, ?, ?)",
                                  extra::str(*body, "kiosk_id"));
        if (!stmt)
            return std::move(stmt).error();
        stmt->bind(2, ByteView(*key));
        stmt->bindText(3, extra::str(*body, "status"));
        return stmt->run();
    }
    if (type == "offers") {
        // The newest adopted list of the member replaces the one before; a refused one does not.
        const auto offers = body->find("offers");
        if (!extra::str(*item->extra, "refused").empty() || offers == body->end())
            return {};
        return sql::run(db, "INSERT OR REPLACE INTO engine_hq_offers(member, seq, offers) VALUES(?, ?, ?)", e.member,
                        static_cast<int64_t>(e.seq), offers->dump());
    }
    if (type == "member_alias") {
        auto into = Uuid::parse(extra::str(*body, "into"));
        if (!into)
            return fail(ErrorCode::Corrupt, "seq " + std::to_string(e.seq) + ": member_alias item with a malformed into");
        return sql::run(db, "INSERT OR REPLACE INTO engine_member_aliases(member, into_member, merged_ms, seq) VALUES(?, ?, ?, ?)",
                        e.member, *into, extra::num(*body, "merged_ms"), static_cast<int64_t>(e.seq));
    }
    if (type == "stock") {
        // HQ's fleet-wide remaining stock, as of this kiosk's entries up to own_seq.
        int64_t ownSeq = 0;
        if (auto sources = body->find("sources"); sources != body->end() && sources->is_object())
            ownSeq = extra::num(*sources, e.kioskId.c_str());
        return sql::run(db, "INSERT OR REPLACE INTO engine_hq_stock(reward, remaining, own_seq) VALUES(?, ?, ?)",
                        extra::str(*body, "reward"), extra::num(*body, "remaining"), ownSeq);
    }
    if (type == "policy") {
        // Recorded whether adopted or refused (the reason is the entry's extra "refused").
        const auto policy = body->find("policy");
        const std::string reason = extra::str(*item->extra, "refused");
        return sql::run(db,
                        "INSERT INTO engine_hq_policies(seq, policy_id, version, effective_ms, status, reason, policy) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?)",
                        static_cast<int64_t>(e.seq), extra::str(*body, "policy_id"), extra::num(*body, "version"),
                        extra::num(*body, "effective_ms"), std::string(reason.empty() ? "adopted" : "refused"), reason,
                        policy != body->end() ? policy->dump() : std::string());
    }
    return {};
}

} // namespace tapledger
