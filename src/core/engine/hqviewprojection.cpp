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
    return {};
}

} // namespace tapledger
