// SqliteHqTx, point-of-sale part: POS systems and HQ postings (docs/hq-storage.md, docs/pos-api.md).
#include "sync/hq/sqlitehqtx_p.h"

#include "sync/hq/sqlitehqrows_p.h"

namespace tapledger::sync {

using namespace sqliterows;

const char *const kSqliteHqPosSchema = R"sql(
CREATE TABLE IF NOT EXISTS pos_systems(pos_id TEXT PRIMARY KEY, public_key BLOB NOT NULL, cert_serial TEXT NOT NULL,
    status TEXT NOT NULL, enrolled_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hq_postings(key TEXT PRIMARY KEY, digest TEXT NOT NULL, kind TEXT NOT NULL,
    member BLOB NOT NULL, refers_to TEXT NOT NULL, amount INTEGER NOT NULL CHECK(amount >= 0), points INTEGER NOT NULL,
    first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL, answer TEXT NOT NULL, created_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS hq_postings_refers_to ON hq_postings(refers_to) WHERE refers_to <> '';
CREATE TRIGGER IF NOT EXISTS hq_postings_no_update BEFORE UPDATE ON hq_postings BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
CREATE TRIGGER IF NOT EXISTS hq_postings_no_delete BEFORE DELETE ON hq_postings BEGIN SELECT RAISE(ABORT, 'postings are append-only'); END;
)sql";

namespace {
constexpr const char *kPostingColumns =
    "key, digest, kind, member, refers_to, amount, points, first_seq, last_seq, answer, created_ms";

PostingRecord postingAt(const SqliteStatement &s)
{
    return PostingRecord{s.textAt(0),
                         s.textAt(1),
                         s.textAt(2),
                         uuidAt(s, 3),
                         s.textAt(4),
                         s.int64At(5),
                         s.int64At(6),
                         static_cast<uint64_t>(s.int64At(7)),
                         static_cast<uint64_t>(s.int64At(8)),
                         s.textAt(9),
                         s.int64At(10)};
}
} // namespace

Result<std::optional<PosRecord>> SqliteHqTx::pos(const std::string &posId)
{
    auto s = m_db.prepare("SELECT pos_id, public_key, cert_serial, status, enrolled_ms FROM pos_systems WHERE pos_id = ?");
    if (!s)
        return std::move(s).error();
    s->bindText(1, posId);
    return firstRow(*s, [](const SqliteStatement &row) {
        return PosRecord{row.textAt(0), arrayAt<32>(row, 1), row.textAt(2), row.textAt(3), row.int64At(4)};
    });
}

Result<std::optional<PostingRecord>> SqliteHqTx::posting(const std::string &key)
{
    auto s = m_db.prepare(std::string("SELECT ") + kPostingColumns + " FROM hq_postings WHERE key = ?");
    if (!s)
        return std::move(s).error();
    s->bindText(1, key);
    return firstRow(*s, [](const SqliteStatement &row) { return postingAt(row); });
}

Result<std::vector<PostingRecord>> SqliteHqTx::postingsReferringTo(const std::string &key)
{
    auto s = m_db.prepare(std::string("SELECT ") + kPostingColumns + " FROM hq_postings WHERE refers_to = ? ORDER BY key");
    if (!s)
        return std::move(s).error();
    s->bindText(1, key);
    std::vector<PostingRecord> out;
    TL_TRY(s->forEachRow([&] { out.push_back(postingAt(*s)); }));
    return out;
}

Result<void> SqliteHqTx::putPos(const PosRecord &p)
{
    auto s = m_db.prepare("INSERT OR REPLACE INTO pos_systems(pos_id, public_key, cert_serial, status, enrolled_ms) "
                          "VALUES(?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bindText(1, p.posId).bind(2, ByteView(p.publicKey)).bindText(3, p.certSerial).bindText(4, p.status);
    s->bind(5, p.enrolledMs);
    return s->run();
}

Result<void> SqliteHqTx::addPosting(const PostingRecord &p)
{
    auto existing = posting(p.key);
    if (!existing)
        return std::move(existing).error();
    if (*existing)
        return fail(ErrorCode::Conflict, "posting " + p.key + " is already stored");
    auto s = m_db.prepare(std::string("INSERT INTO hq_postings(") + kPostingColumns +
                          ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bindText(1, p.key).bindText(2, p.digest).bindText(3, p.kind);
    bindUuid(*s, 4, p.member);
    s->bindText(5, p.refersTo).bind(6, p.amountMinor).bind(7, p.points);
    s->bind(8, static_cast<int64_t>(p.firstSeq)).bind(9, static_cast<int64_t>(p.lastSeq)).bindText(10, p.answerJson);
    s->bind(11, p.createdMs);
    return s->run();
}

} // namespace tapledger::sync
