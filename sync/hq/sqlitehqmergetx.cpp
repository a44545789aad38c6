// SqliteHqTx, duplicates and merge part: the member alias table (docs/hq-storage.md, docs/crm.md).
#include "sync/hq/sqlitehqtx_p.h"

#include "sync/hq/sqlitehqrows_p.h"

namespace tapledger::sync {

using namespace sqliterows;

const char *const kSqliteHqMergeSchema = R"sql(
CREATE TABLE IF NOT EXISTS member_aliases(member BLOB PRIMARY KEY, into_member BLOB NOT NULL CHECK(into_member <> member),
    staff TEXT NOT NULL, merged_ms INTEGER NOT NULL, hq_seq INTEGER NOT NULL CHECK(hq_seq >= 0)) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS member_aliases_no_update BEFORE UPDATE ON member_aliases BEGIN SELECT RAISE(ABORT, 'member aliases are append-only'); END;
CREATE TRIGGER IF NOT EXISTS member_aliases_no_delete BEFORE DELETE ON member_aliases BEGIN SELECT RAISE(ABORT, 'member aliases are append-only'); END;
)sql";

namespace {
constexpr const char *kAliasColumns = "member, into_member, staff, merged_ms, hq_seq";

MemberAliasRecord aliasAt(const SqliteStatement &s)
{
    return MemberAliasRecord{uuidAt(s, 0), uuidAt(s, 1), s.textAt(2), s.int64At(3), static_cast<uint64_t>(s.int64At(4))};
}
} // namespace

Result<std::optional<MemberAliasRecord>> SqliteHqTx::memberAlias(const Uuid &member)
{
    auto s = m_db.prepare(std::string("SELECT ") + kAliasColumns + " FROM member_aliases WHERE member = ?");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, member);
    return firstRow(*s, aliasAt);
}

Result<std::vector<MemberAliasRecord>> SqliteHqTx::memberAliases()
{
    auto s = m_db.prepare(std::string("SELECT ") + kAliasColumns + " FROM member_aliases ORDER BY member");
    if (!s)
        return std::move(s).error();
    std::vector<MemberAliasRecord> out;
    TL_TRY(s->forEachRow([&] { out.push_back(aliasAt(*s)); }));
    return out;
}

Result<void> SqliteHqTx::addMemberAlias(const MemberAliasRecord &a)
{
    auto existing = memberAlias(a.member);
    if (!existing)
        return std::move(existing).error();
    if (*existing)
        return fail(ErrorCode::Conflict, "member " + a.member.toString() + " was already merged into " +
                                             (*existing)->into.toString());
    auto s = m_db.prepare(std::string("INSERT INTO member_aliases(") + kAliasColumns + ") VALUES(?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, a.member);
    bindUuid(*s, 2, a.into);
    s->bindText(3, a.staff).bind(4, a.mergedMs).bind(5, static_cast<int64_t>(a.hqSeq));
    return s->run();
}

} // namespace tapledger::sync
