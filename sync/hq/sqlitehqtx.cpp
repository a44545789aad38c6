// SqliteHqTx: the SQL of HQ's SQLite store (schema in sqlitehqstore.cpp, docs/hq-storage.md).
#include "sync/hq/sqlitehqtx_p.h"

#include "sync/hq/sqlitehqrows_p.h"

#include "core/ledger/canonicalcodec.h"

#include <algorithm>

namespace tapledger::sync {

using namespace sqliterows;

namespace {
KioskRecord kioskAt(const SqliteStatement &s)
{
    return KioskRecord{s.textAt(0), arrayAt<32>(s, 1), s.textAt(2), s.textAt(3), s.textAt(4), s.int64At(5)};
}

MasterBalance balanceAt(const SqliteStatement &s)
{
    return MasterBalance{uuidAt(s, 0), s.textAt(1), s.int64At(2), s.int64At(3), s.int64At(4), s.int64At(5), s.int64At(6)};
}

AlertRecord alertAt(const SqliteStatement &s)
{
    return AlertRecord{static_cast<uint64_t>(s.int64At(0)), s.textAt(1), s.textAt(2), static_cast<uint64_t>(s.int64At(3)),
                       uuidAt(s, 4), uuidAt(s, 5), s.textAt(6), s.int64At(7)};
}

DenyRecord denyAt(const SqliteStatement &s)
{
    return DenyRecord{static_cast<uint64_t>(s.int64At(0)), uuidAt(s, 1), uuidAt(s, 2), s.textAt(3), s.int64At(4)};
}

} // namespace

Result<StoredEntry> storedEntryAt(const SqliteStatement &s, const std::string &chainId, int first)
{
    StoredEntry e;
    e.canonical = s.blobAt(first + 2);
    auto decoded = CanonicalCodec::decode(e.canonical);
    if (!decoded)
        return fail(ErrorCode::Corrupt, chainId + " seq " + std::to_string(s.int64At(first)) + ": " + decoded.error().message);
    e.entry = std::move(*decoded);
    e.hash = arrayAt<32>(s, first + 1);
    e.signature = arrayAt<64>(s, first + 3);
    return e;
}

Result<std::vector<StoredEntry>> chainEntriesOf(SqliteStatement &s)
{
    std::vector<StoredEntry> out;
    TL_TRY(s.forEachRow([&]() -> Result<void> {
        auto e = storedEntryAt(s, s.textAt(0), 1);
        if (!e)
            return std::move(e).error();
        out.push_back(std::move(*e));
        return {};
    }));
    return out;
}

namespace {

constexpr const char *kKioskColumns = "kiosk_id, device_key, cert_serial, status, status_reason, enrolled_ms";
constexpr const char *kBalanceColumns = "member, currency, deposit, bonus, points, debt, points_debt";
constexpr const char *kAlertColumns = "id, type, kiosk_id, seq, card, member, detail, time_ms";
constexpr const char *kDenyColumns = "version, card, member, reason, time_ms";
constexpr const char *kPolicyColumns = "policy_id, version, effective_ms, currency, policy_json, published_ms, feed_seq";

PolicyRecord policyAt(const SqliteStatement &r)
{
    return PolicyRecord{r.textAt(0), r.int64At(1), r.int64At(2), r.textAt(3), r.textAt(4), r.int64At(5),
                        static_cast<uint64_t>(r.int64At(6))};
}
} // namespace

Result<std::optional<KioskRecord>> SqliteHqTx::kiosk(const std::string &kioskId)
{
    auto s = m_db.prepare(std::string("SELECT ") + kKioskColumns + " FROM kiosks WHERE kiosk_id = ?");
    if (!s)
        return std::move(s).error();
    s->bindText(1, kioskId);
    return firstRow(*s, [](const SqliteStatement &row) { return kioskAt(row); });
}

Result<std::vector<KioskRecord>> SqliteHqTx::kiosks()
{
    auto s = m_db.prepare(std::string("SELECT ") + kKioskColumns + " FROM kiosks ORDER BY kiosk_id");
    if (!s)
        return std::move(s).error();
    std::vector<KioskRecord> out;
    TL_TRY(s->forEachRow([&] { out.push_back(kioskAt(*s)); }));
    return out;
}

Result<ChainTip> SqliteHqTx::chainTip(const std::string &chainId)
{
    auto s = m_db.prepare("SELECT size, last_hash, frontier, head_json FROM chains WHERE chain_id = ?");
    if (!s)
        return std::move(s).error();
    s->bindText(1, chainId);
    auto row = s->step();
    if (!row)
        return std::move(row).error();
    ChainTip tip;
    tip.frontier = Bytes(8, 0);
    if (!*row)
        return tip;
    tip.size = static_cast<uint64_t>(s->int64At(0));
    tip.lastHash = arrayAt<32>(*s, 1);
    tip.frontier = s->blobAt(2);
    tip.headJson = s->textAt(3);
    return tip;
}

Result<std::optional<Sha256Digest>> SqliteHqTx::entryHash(const std::string &chainId, uint64_t seq)
{
    auto s = m_db.prepare("SELECT hash FROM entries WHERE chain_id = ? AND seq = ?");
    if (!s)
        return std::move(s).error();
    s->bindText(1, chainId).bind(2, static_cast<int64_t>(seq));
    return firstRow(*s, [](const SqliteStatement &row) { return arrayAt<32>(row, 0); });
}

Result<std::vector<StoredEntry>> SqliteHqTx::entries(const std::string &chainId, uint64_t fromSeq, uint64_t limit)
{
    auto s = m_db.prepare("SELECT seq, hash, body, signature FROM entries WHERE chain_id = ? AND seq >= ? "
                          "ORDER BY seq LIMIT ?");
    if (!s)
        return std::move(s).error();
    s->bindText(1, chainId).bind(2, static_cast<int64_t>(fromSeq)).bind(3, static_cast<int64_t>(std::min<uint64_t>(limit, INT64_MAX)));
    std::vector<StoredEntry> out;
    TL_TRY(s->forEachRow([&]() -> Result<void> {
        auto e = storedEntryAt(*s, chainId, 0);
        if (!e)
            return std::move(e).error();
        out.push_back(std::move(*e));
        return {};
    }));
    return out;
}

Result<std::vector<Sha256Digest>> SqliteHqTx::entryHashes(const std::string &chainId)
{
    auto s = m_db.prepare("SELECT hash FROM entries WHERE chain_id = ? ORDER BY seq");
    if (!s)
        return std::move(s).error();
    s->bindText(1, chainId);
    std::vector<Sha256Digest> out;
    TL_TRY(s->forEachRow([&] { out.push_back(arrayAt<32>(*s, 0)); }));
    return out;
}

Result<std::vector<std::string>> SqliteHqTx::chains()
{
    auto s = m_db.prepare("SELECT chain_id FROM chains WHERE size > 0 ORDER BY chain_id");
    if (!s)
        return std::move(s).error();
    std::vector<std::string> out;
    TL_TRY(s->forEachRow([&] { out.push_back(s->textAt(0)); }));
    return out;
}

Result<std::optional<MasterBalance>> SqliteHqTx::masterBalance(const Uuid &member)
{
    auto s = m_db.prepare(std::string("SELECT ") + kBalanceColumns + " FROM master_balances WHERE member = ?");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, member);
    return firstRow(*s, [](const SqliteStatement &row) { return balanceAt(row); });
}

Result<std::vector<MasterBalance>> SqliteHqTx::masterBalances()
{
    auto s = m_db.prepare(std::string("SELECT ") + kBalanceColumns + " FROM master_balances ORDER BY member");
    if (!s)
        return std::move(s).error();
    std::vector<MasterBalance> out;
    TL_TRY(s->forEachRow([&] { out.push_back(balanceAt(*s)); }));
    return out;
}

Result<std::optional<MemberRecord>> SqliteHqTx::member(const Uuid &member)
{
    auto s = m_db.prepare("SELECT handle, name, birthday, pin, phone, tier, consent FROM members WHERE member = ?");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, member);
    auto row = s->step();
    if (!row)
        return std::move(row).error();
    if (!*row)
        return std::optional<MemberRecord>{};
    MemberRecord m;
    m.member = member;
    m.handle = s->textAt(0);
    m.name = s->textAt(1);
    m.birthday = s->textAt(2);
    m.pin = s->textAt(3);
    m.phone = s->textAt(4);
    m.tier = s->textAt(5);
    m.consent = s->int64At(6) != 0;
    auto cards = m_db.prepare("SELECT card, status, counter FROM member_cards WHERE member = ? ORDER BY card");
    if (!cards)
        return std::move(cards).error();
    bindUuid(*cards, 1, member);
    TL_TRY(cards->forEachRow([&] {
        m.cards.push_back(CardRecord{uuidAt(*cards, 0), cards->textAt(1), static_cast<uint32_t>(cards->int64At(2))});
    }));
    auto sources = m_db.prepare("SELECT kiosk_id, seq FROM member_sources WHERE member = ?");
    if (!sources)
        return std::move(sources).error();
    bindUuid(*sources, 1, member);
    TL_TRY(sources->forEachRow([&] { m.sources[sources->textAt(0)] = static_cast<uint64_t>(sources->int64At(1)); }));
    return std::optional<MemberRecord>{std::move(m)};
}

Result<Uuid> SqliteHqTx::memberOfCard(const Uuid &card)
{
    auto s = m_db.prepare("SELECT member FROM member_cards WHERE card = ?");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, card);
    auto row = s->step();
    if (!row)
        return std::move(row).error();
    return *row ? uuidAt(*s, 0) : Uuid{};
}

Result<std::optional<CardUse>> SqliteHqTx::cardUse(const Uuid &card, uint32_t counter)
{
    auto s = m_db.prepare("SELECT kiosk_id, seq FROM card_uses WHERE card = ? AND counter = ?");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, card);
    s->bind(2, int64_t{counter});
    return firstRow(*s, [](const SqliteStatement &row) { return CardUse{row.textAt(0), static_cast<uint64_t>(row.int64At(1))}; });
}

Result<std::vector<AlertRecord>> SqliteHqTx::alerts()
{
    auto s = m_db.prepare(std::string("SELECT ") + kAlertColumns + " FROM alerts ORDER BY id");
    if (!s)
        return std::move(s).error();
    std::vector<AlertRecord> out;
    TL_TRY(s->forEachRow([&] { out.push_back(alertAt(*s)); }));
    return out;
}

Result<std::vector<DenyRecord>> SqliteHqTx::denyList()
{
    auto s = m_db.prepare(std::string("SELECT ") + kDenyColumns + " FROM deny_list ORDER BY version");
    if (!s)
        return std::move(s).error();
    std::vector<DenyRecord> out;
    TL_TRY(s->forEachRow([&] { out.push_back(denyAt(*s)); }));
    return out;
}

Result<std::optional<DenyRecord>> SqliteHqTx::denied(const Uuid &card)
{
    auto s = m_db.prepare(std::string("SELECT ") + kDenyColumns + " FROM deny_list WHERE card = ?");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, card);
    return firstRow(*s, [](const SqliteStatement &row) { return denyAt(row); });
}

Result<std::vector<HqFeedItem>> SqliteHqTx::feed(uint64_t after, uint64_t limit)
{
    auto s = m_db.prepare("SELECT seq, type, body, signature FROM feed WHERE seq > ? ORDER BY seq LIMIT ?");
    if (!s)
        return std::move(s).error();
    s->bind(1, static_cast<int64_t>(after)).bind(2, static_cast<int64_t>(std::min<uint64_t>(limit, INT64_MAX)));
    std::vector<HqFeedItem> out;
    TL_TRY(s->forEachRow([&] {
        out.push_back(HqFeedItem{static_cast<uint64_t>(s->int64At(0)), s->textAt(1), s->textAt(2), arrayAt<64>(*s, 3)});
    }));
    return out;
}

Result<uint64_t> SqliteHqTx::feedHead()
{
    auto s = m_db.prepare("SELECT coalesce(max(seq), 0) FROM feed");
    if (!s)
        return std::move(s).error();
    auto row = s->step();
    if (!row)
        return std::move(row).error();
    return static_cast<uint64_t>(s->int64At(0));
}

Result<void> SqliteHqTx::putKiosk(const KioskRecord &k)
{
    auto s = m_db.prepare(std::string("INSERT OR REPLACE INTO kiosks(") + kKioskColumns + ") VALUES(?, ?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bindText(1, k.kioskId).bind(2, ByteView(k.deviceKey)).bindText(3, k.certSerial).bindText(4, k.status);
    s->bindText(5, k.statusReason).bind(6, k.enrolledMs);
    return s->run();
}

Result<void> SqliteHqTx::appendEntry(const std::string &chainId, const StoredEntry &e)
{
    auto s = m_db.prepare("INSERT INTO entries(chain_id, seq, hash, body, signature, kind, member, card, counter, time_ms) "
                          "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bindText(1, chainId).bind(2, static_cast<int64_t>(e.entry.seq)).bind(3, ByteView(e.hash)).bind(4, ByteView(e.canonical));
    s->bind(5, ByteView(e.signature)).bind(6, int64_t{static_cast<uint16_t>(e.entry.kind)});
    bindOptionalUuid(*s, 7, e.entry.member);
    bindOptionalUuid(*s, 8, e.entry.card);
    s->bind(9, int64_t{e.entry.cardCounter}).bind(10, e.entry.timeMs);
    auto r = s->run();
    if (!r && m_db.changes() == 0)
        return fail(ErrorCode::Conflict, chainId + " seq " + std::to_string(e.entry.seq) + " is already stored: " +
                                             r.error().message);
    return r;
}

Result<void> SqliteHqTx::setChainTip(const std::string &chainId, const ChainTip &tip)
{
    auto s = m_db.prepare("INSERT OR REPLACE INTO chains(chain_id, size, last_hash, frontier, head_json) VALUES(?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bindText(1, chainId).bind(2, static_cast<int64_t>(tip.size)).bind(3, ByteView(tip.lastHash));
    s->bind(4, ByteView(tip.frontier)).bindText(5, tip.headJson);
    return s->run();
}

Result<void> SqliteHqTx::putMasterBalance(const MasterBalance &b)
{
    auto s = m_db.prepare(std::string("INSERT OR REPLACE INTO master_balances(") + kBalanceColumns +
                          ") VALUES(?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, b.member);
    s->bindText(2, b.currency).bind(3, b.deposit).bind(4, b.bonus).bind(5, b.points).bind(6, b.debt).bind(7, b.pointsDebt);
    return s->run();
}

Result<void> SqliteHqTx::putMember(const MemberRecord &m)
{
    auto s = m_db.prepare("INSERT OR REPLACE INTO members(member, handle, name, birthday, pin, phone, tier, consent) "
                          "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, m.member);
    s->bindText(2, m.handle).bindText(3, m.name).bindText(4, m.birthday).bindText(5, m.pin).bindText(6, m.phone);
    s->bindText(7, m.tier).bind(8, int64_t{m.consent});
    TL_TRY(s->run());
    for (const auto &c : m.cards) {
        auto cs = m_db.prepare("INSERT OR REPLACE INTO member_cards(card, member, status, counter) VALUES(?, ?, ?, ?)");
        if (!cs)
            return std::move(cs).error();
        bindUuid(*cs, 1, c.card);
        bindUuid(*cs, 2, m.member);
        cs->bindText(3, c.status).bind(4, int64_t{c.counter});
        TL_TRY(cs->run());
    }
    for (const auto &[kiosk, seq] : m.sources) {
        auto ss = m_db.prepare("INSERT OR REPLACE INTO member_sources(member, kiosk_id, seq) VALUES(?, ?, ?)");
        if (!ss)
            return std::move(ss).error();
        bindUuid(*ss, 1, m.member);
        ss->bindText(2, kiosk).bind(3, static_cast<int64_t>(seq));
        TL_TRY(ss->run());
    }
    return {};
}

Result<void> SqliteHqTx::putCardUse(const Uuid &card, uint32_t counter, const CardUse &use)
{
    auto s = m_db.prepare("INSERT INTO card_uses(card, counter, kiosk_id, seq) VALUES(?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, card);
    s->bind(2, int64_t{counter}).bindText(3, use.kioskId).bind(4, static_cast<int64_t>(use.seq));
    return s->run();
}

Result<uint64_t> SqliteHqTx::addAlert(const AlertRecord &a)
{
    auto s = m_db.prepare("INSERT INTO alerts(type, kiosk_id, seq, card, member, detail, time_ms) VALUES(?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bindText(1, a.type).bindText(2, a.kioskId).bind(3, static_cast<int64_t>(a.seq));
    bindUuid(*s, 4, a.card);
    bindUuid(*s, 5, a.member);
    s->bindText(6, a.detail).bind(7, a.timeMs);
    TL_TRY(s->run());
    auto id = m_db.prepare("SELECT max(id) FROM alerts");
    if (!id)
        return std::move(id).error();
    TL_TRY(id->step());
    return static_cast<uint64_t>(id->int64At(0));
}

Result<uint64_t> SqliteHqTx::addDeny(const DenyRecord &d)
{
    auto s = m_db.prepare("INSERT INTO deny_list(card, member, reason, time_ms) VALUES(?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, d.card);
    bindUuid(*s, 2, d.member);
    s->bindText(3, d.reason).bind(4, d.timeMs);
    if (auto r = s->run(); !r)
        return fail(ErrorCode::Conflict, "card " + d.card.toString() + " is already deny-listed: " + r.error().message);
    auto v = m_db.prepare("SELECT version FROM deny_list WHERE card = ?");
    if (!v)
        return std::move(v).error();
    bindUuid(*v, 1, d.card);
    TL_TRY(v->step());
    return static_cast<uint64_t>(v->int64At(0));
}

Result<std::optional<PolicyRecord>> SqliteHqTx::latestPolicy(const std::string &policyId)
{
    auto s = m_db.prepare(std::string("SELECT ") + kPolicyColumns +
                          " FROM policies WHERE policy_id = ? ORDER BY version DESC LIMIT 1");
    if (!s)
        return std::move(s).error();
    s->bindText(1, policyId);
    return firstRow(*s, [](const SqliteStatement &r) { return policyAt(r); });
}

Result<std::vector<PolicyRecord>> SqliteHqTx::publishedPolicies()
{
    auto s = m_db.prepare(std::string("SELECT ") + kPolicyColumns +
                          " FROM policies p WHERE version = (SELECT max(version) FROM policies q "
                          "WHERE q.policy_id = p.policy_id) ORDER BY policy_id");
    if (!s)
        return std::move(s).error();
    std::vector<PolicyRecord> out;
    TL_TRY(s->forEachRow([&] { out.push_back(policyAt(*s)); }));
    return out;
}

Result<std::vector<RewardRedemptions>> SqliteHqTx::rewardRedemptions(const std::string &rewardId)
{
    auto s = m_db.prepare("SELECT reward, kiosk_id, redeemed, last_seq FROM reward_redemptions WHERE reward = ? "
                          "ORDER BY kiosk_id");
    if (!s)
        return std::move(s).error();
    s->bindText(1, rewardId);
    std::vector<RewardRedemptions> out;
    TL_TRY(s->forEachRow([&] {
        out.push_back(RewardRedemptions{s->textAt(0), s->textAt(1), s->int64At(2), static_cast<uint64_t>(s->int64At(3))});
    }));
    return out;
}

Result<std::optional<MemberOffersRecord>> SqliteHqTx::memberOffers(const Uuid &member)
{
    auto s = m_db.prepare("SELECT member, offers_json, published_ms, feed_seq FROM member_offers WHERE member = ?");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, member);
    return firstRow(*s, [](const SqliteStatement &r) {
        return MemberOffersRecord{uuidAt(r, 0), r.textAt(1), r.int64At(2), static_cast<uint64_t>(r.int64At(3))};
    });
}

Result<void> SqliteHqTx::putMemberOffers(const MemberOffersRecord &o)
{
    auto s = m_db.prepare("INSERT OR REPLACE INTO member_offers(member, offers_json, published_ms, feed_seq) VALUES(?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, o.member);
    s->bindText(2, o.offersJson).bind(3, o.publishedMs).bind(4, static_cast<int64_t>(o.feedSeq));
    return s->run();
}

Result<void> SqliteHqTx::putRewardRedemptions(const RewardRedemptions &r)
{
    auto s = m_db.prepare("INSERT OR REPLACE INTO reward_redemptions(reward, kiosk_id, redeemed, last_seq) VALUES(?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bindText(1, r.rewardId).bindText(2, r.kioskId).bind(3, r.redeemed).bind(4, static_cast<int64_t>(r.lastSeq));
    return s->run();
}

Result<void> SqliteHqTx::putPolicy(const PolicyRecord &p)
{
    auto s = m_db.prepare("INSERT INTO policies(policy_id, version, effective_ms, currency, policy_json, published_ms, "
                          "feed_seq) VALUES(?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bindText(1, p.policyId).bind(2, p.version).bind(3, p.effectiveMs).bindText(4, p.currency);
    s->bindText(5, p.policyJson).bind(6, p.publishedMs).bind(7, static_cast<int64_t>(p.feedSeq));
    if (auto r = s->run(); !r)
        return fail(ErrorCode::Conflict, "policy " + p.policyId + "@" + std::to_string(p.version) +
                                             " is already published: " + r.error().message);
    return {};
}

Result<HqFeedItem> SqliteHqTx::appendFeed(const std::string &type, const std::string &key, std::string body,
                                          bool keepOlder, const std::function<void(HqFeedItem &)> &sign)
{
    auto head = feedHead();
    if (!head)
        return std::move(head).error();
    HqFeedItem item{*head + 1, type, std::move(body), {}};
    sign(item);
    if (!keepOlder) {
        auto del = m_db.prepare("DELETE FROM feed WHERE type = ? AND key = ?");
        if (!del)
            return std::move(del).error();
        del->bindText(1, type).bindText(2, key);
        TL_TRY(del->run());
    }
    auto s = m_db.prepare("INSERT INTO feed(seq, type, key, body, signature) VALUES(?, ?, ?, ?, ?)");
    if (!s)
        return std::move(s).error();
    s->bind(1, static_cast<int64_t>(item.seq)).bindText(2, type).bindText(3, key).bindText(4, item.body);
    s->bind(5, ByteView(item.signature));
    TL_TRY(s->run());
    return item;
}

Result<std::vector<StoredEntry>> SqliteHqTx::memberEntries(const Uuid &member)
{
    auto s = m_db.prepare("SELECT e.chain_id, e.seq, e.hash, e.body, e.signature FROM member_entries m "
                          "JOIN entries e ON e.chain_id = m.chain_id AND e.seq = m.seq WHERE m.member = ? ORDER BY m.ordinal");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, member);
    return chainEntriesOf(*s);
}

Result<void> SqliteHqTx::addMemberEntry(const Uuid &member, const std::string &chainId, uint64_t seq)
{
    auto s = m_db.prepare("INSERT INTO member_entries(member, ordinal, chain_id, seq) SELECT ?1, "
                          "coalesce(max(ordinal), 0) + 1, ?2, ?3 FROM member_entries WHERE member = ?1");
    if (!s)
        return std::move(s).error();
    bindUuid(*s, 1, member);
    s->bindText(2, chainId).bind(3, static_cast<int64_t>(seq));
    return s->run();
}

} // namespace tapledger::sync
