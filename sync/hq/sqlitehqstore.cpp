#include "sync/hq/sqlitehqstore.h"

#include "core/ledger/entrykind.h"
#include "core/store/sqlitetransaction_p.h"
#include "sync/hq/sqlitehqtx_p.h"

namespace tapledger::sync {

namespace {
constexpr const char *kApplication = "tapledger-hq";
constexpr const char *kSchemaVersion = "1";
} // namespace

const char *const kSqliteHqSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE kiosks(kiosk_id TEXT PRIMARY KEY, device_key BLOB NOT NULL, cert_serial TEXT NOT NULL,
    status TEXT NOT NULL, status_reason TEXT NOT NULL, enrolled_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE chains(chain_id TEXT PRIMARY KEY, size INTEGER NOT NULL, last_hash BLOB NOT NULL,
    frontier BLOB NOT NULL, head_json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries(chain_id TEXT NOT NULL, seq INTEGER NOT NULL, hash BLOB NOT NULL, body BLOB NOT NULL,
    signature BLOB NOT NULL, kind INTEGER NOT NULL, member BLOB, card BLOB, counter INTEGER NOT NULL,
    time_ms INTEGER NOT NULL, PRIMARY KEY(chain_id, seq)) WITHOUT ROWID;
CREATE INDEX entries_member ON entries(member, chain_id, seq) WHERE member IS NOT NULL;
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END;
CREATE TABLE master_balances(member BLOB PRIMARY KEY, currency TEXT NOT NULL, deposit INTEGER NOT NULL,
    bonus INTEGER NOT NULL, points INTEGER NOT NULL, debt INTEGER NOT NULL, points_debt INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE members(member BLOB PRIMARY KEY, handle TEXT NOT NULL, name TEXT NOT NULL, birthday TEXT NOT NULL,
    pin TEXT NOT NULL, phone TEXT NOT NULL, tier TEXT NOT NULL, consent INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE member_cards(card BLOB PRIMARY KEY, member BLOB NOT NULL, status TEXT NOT NULL,
    counter INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX member_cards_member ON member_cards(member);
CREATE TABLE member_sources(member BLOB NOT NULL, kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY(member, kiosk_id)) WITHOUT ROWID;
CREATE TABLE card_uses(card BLOB NOT NULL, counter INTEGER NOT NULL, kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY(card, counter)) WITHOUT ROWID;
CREATE TABLE alerts(id INTEGER PRIMARY KEY, type TEXT NOT NULL, kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL,
    card BLOB NOT NULL, member BLOB NOT NULL, detail TEXT NOT NULL, time_ms INTEGER NOT NULL);
CREATE TABLE deny_list(version INTEGER PRIMARY KEY, card BLOB NOT NULL UNIQUE, member BLOB NOT NULL,
    reason TEXT NOT NULL, time_ms INTEGER NOT NULL);
CREATE TABLE feed(seq INTEGER PRIMARY KEY, type TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL,
    signature BLOB NOT NULL);
CREATE INDEX feed_key ON feed(type, key);
)sql";

const char *const kSqliteHqFeedSchema = R"sql(
CREATE TABLE IF NOT EXISTS policies(policy_id TEXT NOT NULL, version INTEGER NOT NULL, effective_ms INTEGER NOT NULL,
    currency TEXT NOT NULL, policy_json TEXT NOT NULL, published_ms INTEGER NOT NULL, feed_seq INTEGER NOT NULL,
    PRIMARY KEY(policy_id, version)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reward_redemptions(reward TEXT NOT NULL, kiosk_id TEXT NOT NULL, redeemed INTEGER NOT NULL,
    last_seq INTEGER NOT NULL, PRIMARY KEY(reward, kiosk_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS member_entries(member BLOB NOT NULL, ordinal INTEGER NOT NULL, chain_id TEXT NOT NULL,
    seq INTEGER NOT NULL, PRIMARY KEY(member, ordinal)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS member_offers(member BLOB PRIMARY KEY, offers_json TEXT NOT NULL, published_ms INTEGER NOT NULL,
    feed_seq INTEGER NOT NULL) WITHOUT ROWID;
)sql";

SqliteHqStore::SqliteHqStore(std::unique_ptr<SqliteDb> db) : m_db(std::move(db)) {}
SqliteHqStore::~SqliteHqStore() = default;

Result<std::unique_ptr<SqliteHqStore>> SqliteHqStore::create(const std::filesystem::path &path)
{
    auto db = SqliteDb::open(path, SqliteDb::Mode::CreateNew);
    if (!db)
        return std::move(db).error();
    {
        SqliteTransaction txn(**db);
        TL_TRY(txn.begun());
        TL_TRY((*db)->exec(kSqliteHqSchema));
        TL_TRY((*db)->exec(kSqliteHqFeedSchema));
        TL_TRY((*db)->exec(kSqliteHqCrmSchema));
        TL_TRY((*db)->exec(kSqliteHqFeedbackSchema));
        TL_TRY((*db)->exec(kSqliteHqPosSchema));
        TL_TRY((*db)->exec(kSqliteHqMergeSchema));
        TL_TRY((*db)->exec(kSqliteHqProfileSchema));
        auto meta = (*db)->prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
        if (!meta)
            return std::move(meta).error();
        for (const auto &[k, v] : {std::pair{"application", kApplication}, std::pair{"schema_version", kSchemaVersion}}) {
            meta->bindText(1, k).bindText(2, v);
            TL_TRY(meta->run());
            meta->reset();
        }
        TL_TRY(txn.commit());
    }
    return std::unique_ptr<SqliteHqStore>(new SqliteHqStore(std::move(*db)));
}

Result<std::unique_ptr<SqliteHqStore>> SqliteHqStore::open(const std::filesystem::path &path)
{
    auto db = SqliteDb::open(path, SqliteDb::Mode::OpenExisting);
    if (!db)
        return std::move(db).error();
    {
        auto stmt = (*db)->prepare("SELECT value FROM meta WHERE key = 'application'");
        if (!stmt)
            return fail(ErrorCode::Corrupt, path.string() + " is not a TapLedger HQ store");
        auto row = stmt->step();
        if (!row || !*row || stmt->textAt(0) != kApplication)
            return fail(ErrorCode::Corrupt, path.string() + " is not a TapLedger HQ store");
    }
    bool hadMemberEntries = false;
    {
        auto stmt = (*db)->prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'member_entries'");
        if (!stmt)
            return std::move(stmt).error();
        auto row = stmt->step();
        if (!row)
            return std::move(row).error();
        hadMemberEntries = *row && stmt->int64At(0) > 0;
    }
    {
        SqliteTransaction txn(**db);
        TL_TRY(txn.begun());
        TL_TRY((*db)->exec(kSqliteHqFeedSchema));
        TL_TRY((*db)->exec(kSqliteHqCrmSchema));
        TL_TRY((*db)->exec(kSqliteHqFeedbackSchema));
        TL_TRY((*db)->exec(kSqliteHqPosSchema));
        TL_TRY((*db)->exec(kSqliteHqMergeSchema));
        TL_TRY((*db)->exec(kSqliteHqProfileSchema));
        // A store made before member_entries: its members' merged entries in time order (no voucher
        // of another kiosk could be used before, so no order between kiosks matters there).
        if (!hadMemberEntries)
            TL_TRY((*db)->exec("INSERT INTO member_entries(member, ordinal, chain_id, seq) SELECT member, "
                               "row_number() OVER (PARTITION BY member ORDER BY time_ms, chain_id, seq), chain_id, seq "
                               "FROM entries WHERE member IS NOT NULL AND kind NOT IN (" +
                               std::to_string(static_cast<uint16_t>(EntryKind::HqSync)) + ", " +
                               std::to_string(static_cast<uint16_t>(EntryKind::CardSync)) + ")"));
        TL_TRY(txn.commit());
    }
    return std::unique_ptr<SqliteHqStore>(new SqliteHqStore(std::move(*db)));
}

Result<void> SqliteHqStore::read(const std::function<Result<void>(HqReadTx &)> &body)
{
    std::lock_guard lock(m_mutex);
    TL_TRY(m_db->exec("BEGIN"));
    SqliteHqTx tx(*m_db);
    auto r = body(tx);
    TL_TRY(m_db->exec("ROLLBACK"));
    return r;
}

Result<void> SqliteHqStore::write(const std::function<Result<void>(HqWriteTx &)> &body)
{
    std::lock_guard lock(m_mutex);
    SqliteTransaction txn(*m_db);
    TL_TRY(txn.begun());
    SqliteHqTx tx(*m_db);
    TL_TRY(body(tx));
    return txn.commit();
}

} // namespace tapledger::sync
