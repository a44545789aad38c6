// SqliteHqTx, member profile part (docs/hq-storage.md, docs/crm.md "Member profiles").
#include "sync/hq/sqlitehqtx_p.h"

#include "sync/hq/sqlitehqrows_p.h"

namespace tapledger::sync {

using namespace sqliterows;

const char *const kSqliteHqProfileSchema = R"sql(
CREATE TABLE IF NOT EXISTS member_profiles(member BLOB PRIMARY KEY, profile_json TEXT NOT NULL,
    feed_seq INTEGER NOT NULL CHECK(feed_seq >= 1)) WITHOUT ROWID;
)sql";

Result<std::optional<MemberProfileRecord>> SqliteHqTx::memberProfile(const Uuid &member)
{
    auto s = m_db.prepare("SELECT member, profile_json, feed_seq FROM member_profiles WHERE member = ?");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, member);
    return firstRow(*s, [](const SqliteStatement &r) {
        return MemberProfileRecord{uuidAt(r, 0), r.textAt(1), static_cast<uint64_t>(r.int64At(2))};
    });
}

Result<void> SqliteHqTx::putMemberProfile(const MemberProfileRecord &p)
{
    auto s = m_db.prepare("INSERT OR REPLACE INTO member_profiles(member, profile_json, feed_seq) VALUES(?, ?, ?)");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, p.member);
    s->bindText(2, p.profileJson).bind(3, static_cast<int64_t>(p.feedSeq));
    return s->run();
}

} // namespace tapledger::sync
