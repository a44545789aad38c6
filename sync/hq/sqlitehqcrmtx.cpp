// SqliteHqTx, CRM part: imported purchases and members (docs/hq-storage.md, docs/crm.md).
#include "sync/hq/sqlitehqtx_p.h"

#include "sync/hq/sqlitehqrows_p.h"

namespace tapledger::sync {

using namespace sqliterows;

const char *const kSqliteHqCrmSchema = R"sql(
CREATE TABLE IF NOT EXISTS crm_members(member BLOB PRIMARY KEY, ref TEXT NOT NULL UNIQUE, origin TEXT NOT NULL,
    created_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS purchases(key TEXT PRIMARY KEY, member BLOB NOT NULL, time_ms INTEGER NOT NULL,
    amount INTEGER NOT NULL CHECK(amount >= 0), currency TEXT NOT NULL, category TEXT NOT NULL, sku TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK(quantity >= 1), receipt TEXT NOT NULL, source TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS purchases_member ON purchases(member, time_ms);
CREATE TRIGGER IF NOT EXISTS purchases_no_update BEFORE UPDATE ON purchases BEGIN SELECT RAISE(ABORT, 'purchases are append-only'); END;
CREATE TRIGGER IF NOT EXISTS purchases_no_delete BEFORE DELETE ON purchases BEGIN SELECT RAISE(ABORT, 'purchases are append-only'); END;
)sql";

namespace {
constexpr const char *kPurchaseColumns = "key, member, time_ms, amount, currency, category, sku, quantity, receipt, source";

PurchaseRecord purchaseAt(const SqliteStatement &s)
{
    return PurchaseRecord{s.textAt(0), uuidAt(s, 1), s.int64At(2), s.int64At(3), s.textAt(4), s.textAt(5),
                          s.textAt(6), s.int64At(7), s.textAt(8), s.textAt(9)};
}

CrmMemberRecord crmMemberAt(const SqliteStatement &s)
{
    return CrmMemberRecord{uuidAt(s, 0), s.textAt(1), s.textAt(2), s.int64At(3)};
}
} // namespace

Result<std::optional<PurchaseRecord>> SqliteHqTx::purchase(const std::string &key)
{
    auto s = m_db.prepare(std::string("SELECT ") + kPurchaseColumns + " FROM purchases WHERE key = ?");
    if (!s)
        return std::move(s).error();
    s->bindText(1, key);
    return firstRow(*s, [](const SqliteStatement &row) { return purchaseAt(row); });
}

Result<std::vector<PurchaseRecord>> SqliteHqTx::purchases()
{
    auto s = m_db.prepare(std::string("SELECT ") + kPurchaseColumns + " FROM purchases ORDER BY member, time_ms, key");
    if (!s)
        return std::move(s).error();
    std::vector<PurchaseRecord> out;
    TL_TRY(s->forEachRow([&] { out.push_back(purchaseAt(*s)); }));
    return out;
}

Result<std::vector<CrmMemberRecord>> SqliteHqTx::crmMembers()
{
    auto s = m_db.prepare("SELECT member, ref, origin, created_ms FROM crm_members ORDER BY member");
    if (!s)
        return std::move(s).error();
    std::vector<CrmMemberRecord> out;
    TL_TRY(s->forEachRow([&] { out.push_back(crmMemberAt(*s)); }));
    return out;
}

Result<bool> SqliteHqTx::addPurchase(const PurchaseRecord &p)
{
    auto existing = purchase(p.key);
    if (!existing)
        return std::move(existing).error();
    if (*existing) {
        if (!(*existing)->sameContent(p))
            return fail(ErrorCode::Conflict, "purchase " + p.key + " is already stored with a different content");
        return false;
    }
    auto s = m_db.prepare(std::string("INSERT INTO purchases(") + kPurchaseColumns + ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bindText(1, p.key);
    bindUuid(*s, 2, p.member);
    s->bind(3, p.timeMs).bind(4, p.amountMinor).bindText(5, p.currency).bindText(6, p.category).bindText(7, p.sku);
    s->bind(8, p.quantity).bindText(9, p.receipt).bindText(10, p.source);
    TL_TRY(s->run());
    return true;
}

Result<bool> SqliteHqTx::addCrmMember(const CrmMemberRecord &m)
{
    auto s = m_db.prepare("SELECT member, ref, origin, created_ms FROM crm_members WHERE member = ? OR ref = ?");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, m.member);
    s->bindText(2, m.ref);
    auto existing = firstRow(*s, [](const SqliteStatement &row) { return crmMemberAt(row); });
    if (!existing)
        return std::move(existing).error();
    if (*existing) {
        if ((*existing)->member != m.member || (*existing)->ref != m.ref)
            return fail(ErrorCode::Conflict, "imported member '" + m.ref + "' clashes with '" + (*existing)->ref + "'");
        return false;
    }
    auto insert = m_db.prepare("INSERT INTO crm_members(member, ref, origin, created_ms) VALUES(?, ?, ?, ?)");
    if (!insert)
        return std::move(insert).error();
    bindUuid(*insert, 1, m.member);
    insert->bindText(2, m.ref).bindText(3, m.origin).bind(4, m.createdMs);
    TL_TRY(insert->run());
    return true;
}

} // namespace tapledger::sync
