#include "core/engine/hqprofileprojection_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/sql_p.h"

namespace tapledger {

Result<void> HqProfileProjection::createSchema(SqliteDb &db)
{
    return db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS engine_hq_profiles(
            member BLOB PRIMARY KEY,
            seq INTEGER NOT NULL,
            profile TEXT NOT NULL) WITHOUT ROWID;
    )sql");
}

Result<void> HqProfileProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    if (e.kind != EntryKind::HqSync)
        return {};
    auto item = extra::hqItem(e);
    if (!item)
        return std::move(item).error();
    if (item->type != "profile")
        return {};
    // The newest adopted profile of the member replaces the one before; a refused one does not.
    const auto profile = item->body->find("profile");
    if (!extra::str(*item->extra, "refused").empty() || profile == item->body->end())
        return {};
    return sql::run(db, "INSERT OR REPLACE INTO engine_hq_profiles(member, seq, profile) VALUES(?, ?, ?)", e.member,
                    static_cast<int64_t>(e.seq), profile->dump());
}

} // namespace tapledger
