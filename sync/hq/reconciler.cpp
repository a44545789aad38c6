#include "sync/hq/reconciler.h"

#include "core/engine/hqoffers.h"
#include "core/engine/policyparser.h"
#include "core/kioskid.h"
#include "core/ledger/canonicalcodec.h"
#include "core/ledger/chainverifier.h"
#include "core/ledger/merkle.h"
#include "core/ledger/merklefrontier.h"
#include "sync/hq/merger_p.h"
#include "sync/hq/rewardstock_p.h"
#include "sync/protocol/protocol.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace tapledger::sync {

namespace {
/// Carries a refusal out of a store transaction (which rolls back on any error).
struct Refused
{
    Refusal refusal;
    bool quarantine = false; ///< set the kiosk quarantined in a transaction of its own
    uint64_t seq = 0;
};

Sha256Digest rootOfPrefix(const std::vector<Sha256Digest> &hashes, uint64_t size)
{
    MerkleFrontier f;
    for (uint64_t i = 0; i < size && i < hashes.size(); ++i)
        f.push(merkle::leafHash(hashes[i]));
    return f.root();
}
} // namespace

Reconciler::Reconciler(HqStore &store, std::shared_ptr<const Ed25519SecretKey> hqKey, std::shared_ptr<const Clock> clock,
                       LogSink log)
    : m_store(store), m_key(std::move(hqKey)), m_hqPublic(m_key->publicKey()), m_clock(std::move(clock)),
      m_log(std::move(log))
{
}

void Reconciler::log(const std::string &line) const
{
    if (m_log)
        m_log(line);
}

Result<Hello> Reconciler::hello(const std::string &kioskId)
{
    Hello h;
    TL_TRY(m_store.read([&](HqReadTx &tx) -> Result<void> {
        auto kiosk = tx.kiosk(kioskId);
        if (!kiosk)
            return std::move(kiosk).error();
        if (!*kiosk || (*kiosk)->status == "revoked")
            return fail(ErrorCode::Denied, "kiosk " + kioskId + " is not enrolled or is revoked");
        auto tip = tx.chainTip(kioskId);
        if (!tip)
            return std::move(tip).error();
        auto frontier = MerkleFrontier::fromBytes(tip->frontier);
        if (!frontier)
            return std::move(frontier).error();
        auto head = tx.feedHead();
        if (!head)
            return std::move(head).error();
        h.kioskId = kioskId;
        h.kioskStatus = (*kiosk)->status;
        h.ackedSeq = tip->size;
        h.ackedRoot = frontier->root();
        h.hqKey = m_hqPublic;
        h.feedHead = *head;
        h.timeMs = m_clock->nowMs();
        return {};
    }));
    return h;
}

Result<void> Reconciler::setKioskStatus(const std::string &kioskId, const std::string &status, const std::string &reason,
                                        const std::string &alertType, uint64_t seq)
{
    return m_store.write([&](HqWriteTx &tx) -> Result<void> {
        auto kiosk = tx.kiosk(kioskId);
        if (!kiosk)
            return std::move(kiosk).error();
        if (!*kiosk)
            return fail(ErrorCode::NotFound, "kiosk " + kioskId + " is not enrolled");
        KioskRecord k = **kiosk;
        k.status = status;
        k.statusReason = reason;
        TL_TRY(tx.putKiosk(k));
        if (!alertType.empty())
            TL_TRY(tx.addAlert(AlertRecord{0, alertType, kioskId, seq, {}, {}, reason, m_clock->nowMs()}));
        const std::string body =
            nlohmann::json{{"kiosk_id", kioskId}, {"public_key", toHex(k.deviceKey)}, {"status", status}}.dump();
        auto item = tx.appendFeed("kiosk_key", kioskId, body, false, [&](HqFeedItem &i) { signFeedItem(i, *m_key); });
        if (!item)
            return std::move(item).error();
        return {};
    });
}

Result<void> Reconciler::enrolKiosk(const std::string &kioskId, const Ed25519PublicKey &deviceKey,
                                    const std::string &certSerial)
{
    if (kioskId == kHqChainId)
        return fail(ErrorCode::InvalidArgument, "kiosk id 'hq' is reserved for HQ's own chain");
    if (!isValidKioskId(kioskId))
        return fail(ErrorCode::InvalidArgument, "kiosk id '" + kioskId + "' is not valid (1..63 of A-Z a-z 0-9 . _ -)");
    return m_store.write([&](HqWriteTx &tx) -> Result<void> {
        auto existing = tx.kiosk(kioskId);
        if (!existing)
            return std::move(existing).error();
        if (*existing && (*existing)->status == "active" && (*existing)->deviceKey != deviceKey)
            return fail(ErrorCode::AlreadyExists,
                        "kiosk " + kioskId + " is already enrolled with another device key (revoke it first)");
        if (*existing && (*existing)->status != "active" && (*existing)->deviceKey != deviceKey)
            return fail(ErrorCode::AlreadyExists, "kiosk id " + kioskId + " was used by another device; choose a new id");
        KioskRecord k{kioskId, deviceKey, certSerial, "active", "", m_clock->nowMs()};
        if (*existing) {
            k.enrolledMs = (*existing)->enrolledMs;
            if ((*existing)->status == "quarantined") {
                k.status = "quarantined"; // a new certificate does not lift a quarantine
                k.statusReason = (*existing)->statusReason;
            }
        }
        TL_TRY(tx.putKiosk(k));
        const std::string body =
            nlohmann::json{{"kiosk_id", kioskId}, {"public_key", toHex(deviceKey)}, {"status", k.status}}.dump();
        auto item = tx.appendFeed("kiosk_key", kioskId, body, false, [&](HqFeedItem &i) { signFeedItem(i, *m_key); });
        if (!item)
            return std::move(item).error();
        return {};
    });
}

Result<void> Reconciler::revokeKiosk(const std::string &kioskId)
{
    TL_TRY(setKioskStatus(kioskId, "revoked", "revoked by an operator", "", 0));
    log("kiosk " + kioskId + " revoked");
    return {};
}

std::variant<UploadAck, Refusal> Reconciler::ingest(const std::string &certKioskId, const UploadBatch &batch)
{
    using Kind = Refusal::Kind;
    std::optional<Refused> refused;
    UploadAck ack;
    const auto refuse = [&](Kind kind, std::string message, bool quarantine = false, uint64_t seq = 0) {
        refused = Refused{Refusal{kind, std::move(message), 0}, quarantine, seq};
        return fail(ErrorCode::Denied, refused->refusal.message);
    };
    auto r = m_store.write([&](HqWriteTx &tx) -> Result<void> {
        if (batch.kioskId != certKioskId)
            return refuse(Kind::Forbidden, "certificate is for kiosk " + certKioskId + ", the batch claims " + batch.kioskId);
        auto kiosk = tx.kiosk(certKioskId);
        if (!kiosk)
            return std::move(kiosk).error();
        if (!*kiosk || (*kiosk)->status == "revoked")
            return refuse(Kind::Forbidden, "kiosk " + certKioskId + " is not enrolled or is revoked");
        if ((*kiosk)->status == "quarantined")
            return refuse(Kind::Quarantined, "kiosk " + certKioskId + " is quarantined: " + (*kiosk)->statusReason);
        const Ed25519PublicKey deviceKey = (*kiosk)->deviceKey;
        auto tipR = tx.chainTip(certKioskId);
        if (!tipR)
            return std::move(tipR).error();
        ChainTip tip = std::move(*tipR);
        if (batch.fromSeq > tip.size + 1) {
            refused = Refused{Refusal{Kind::OutOfOrder,
                                      "batch starts at seq " + std::to_string(batch.fromSeq) + ", HQ holds " +
                                          std::to_string(tip.size) + ": resend from " + std::to_string(tip.size + 1),
                                      tip.size + 1},
                              false, 0};
            return fail(ErrorCode::Conflict, refused->refusal.message);
        }
        // Entries HQ already holds must be byte-identical (a re-sent batch).
        size_t fresh = 0;
        for (; fresh < batch.entries.size(); ++fresh) {
            const uint64_t seq = batch.fromSeq + fresh;
            if (seq > tip.size)
                break;
            auto stored = tx.entryHash(certKioskId, seq);
            if (!stored)
                return std::move(stored).error();
            if (!*stored || **stored != sha256(batch.entries[fresh].body))
                return refuse(Kind::Quarantined,
                              "kiosk " + certKioskId + " sent a different entry for seq " + std::to_string(seq) +
                                  " than HQ holds: rewritten history",
                              true, seq);
        }
        if (fresh < batch.entries.size() && tip.size > 0) {
            // Signed by the kiosk, at the next seq, but not linked to what HQ holds: the kiosk's
            // ledger forked from the history it uploaded before (an old backup kept running).
            auto first = CanonicalCodec::decode(batch.entries[fresh].body);
            if (first && first->seq == tip.size + 1 && first->kioskId == certKioskId &&
                first->prevHash != tip.lastHash && ed25519Verify(deviceKey, batch.entries[fresh].body, batch.entries[fresh].signature))
                return refuse(Kind::Quarantined,
                              "kiosk " + certKioskId + ": seq " + std::to_string(first->seq) +
                                  " does not extend the history HQ holds (restored from an old backup, or rewritten)",
                              true, first->seq);
        }
        ChainVerifier chain(certKioskId, deviceKey, tip.size, tip.lastHash);
        std::vector<StoredEntry> verified;
        verified.reserve(batch.entries.size() - fresh);
        for (size_t i = fresh; i < batch.entries.size(); ++i) {
            auto e = chain.next(batch.entries[i].body, batch.entries[i].signature);
            if (!e)
                return refuse(Kind::Invalid, "kiosk " + certKioskId + ": " + e.error().message);
            verified.push_back(std::move(*e));
        }
        auto frontierR = MerkleFrontier::fromBytes(tip.frontier);
        if (!frontierR)
            return std::move(frontierR).error();
        MerkleFrontier frontier = std::move(*frontierR);
        const uint64_t oldSize = tip.size;
        if (batch.head) {
            const SignedTreeHead &h = *batch.head;
            if (h.kioskId != certKioskId || !h.verify(deviceKey))
                return refuse(Kind::Invalid, "kiosk " + certKioskId + ": the tree head does not verify with its device key");
            if (h.treeSize < oldSize) {
                auto hashes = tx.entryHashes(certKioskId);
                if (!hashes)
                    return std::move(hashes).error();
                const bool prefix = rootOfPrefix(*hashes, h.treeSize) == h.rootHash;
                return refuse(Kind::Quarantined,
                              "kiosk " + certKioskId + " reports " + std::to_string(h.treeSize) + " entries, HQ holds " +
                                  std::to_string(oldSize) +
                                  (prefix ? ": restored from an old backup" : ": its history was rewritten"),
                              true, h.treeSize);
            }
        }
        Merger merger(tx, *m_key, m_clock->nowMs());
        for (const auto &e : verified) {
            TL_TRY(merger.merge(certKioskId, e));
            frontier.push(merkle::leafHash(e.hash));
            tip.size = e.entry.seq;
            tip.lastHash = e.hash;
            if (batch.head && batch.head->treeSize == tip.size && frontier.root() != batch.head->rootHash)
                return refuse(Kind::Quarantined,
                              "kiosk " + certKioskId + ": its signed tree head at size " + std::to_string(tip.size) +
                                  " does not match its entries: rewritten history",
                              true, tip.size);
        }
        if (batch.head && batch.head->treeSize == oldSize && oldSize > 0 && verified.empty() &&
            frontier.root() != batch.head->rootHash)
            return refuse(Kind::Quarantined,
                          "kiosk " + certKioskId + ": its signed tree head at size " + std::to_string(oldSize) +
                              " does not match the entries HQ holds: rewritten history",
                          true, oldSize);
        if (batch.head && batch.head->treeSize <= tip.size)
            tip.headJson = batch.head->toJson();
        tip.frontier = frontier.toBytes();
        TL_TRY(merger.flush());
        TL_TRY(tx.setChainTip(certKioskId, tip));
        ack.ackedSeq = tip.size;
        ack.merged = merger.merged();
        ack.alerts = merger.alerts();
        for (const auto &line : merger.alertLines())
            log(certKioskId + ": " + line);
        return {};
    });
    if (refused) {
        log("refused batch from " + certKioskId + ": " + refused->refusal.message);
        if (refused->quarantine) {
            if (auto q = setKioskStatus(certKioskId, "quarantined", refused->refusal.message, "rollback", refused->seq); !q)
                log("could not quarantine " + certKioskId + ": " + q.error().message);
        }
        return refused->refusal;
    }
    if (!r) {
        log("batch from " + certKioskId + " failed: " + r.error().message);
        return Refusal{Kind::Internal, r.error().message, 0};
    }
    return ack;
}

Result<PolicyRecord> Reconciler::publishPolicy(std::string_view policyText, int64_t effectiveMs)
{
    auto policy = PolicyParser::parse(policyText);
    if (!policy)
        return std::move(policy).error();
    auto canonical = CanonicalCodec::canonicalJson(policyText);
    if (!canonical)
        return fail(ErrorCode::InvalidArgument, "policy: " + canonical.error().message);
    PolicyRecord rec{policy->id, policy->version, effectiveMs, policy->currency, std::move(*canonical),
                     m_clock->nowMs(), 0};
    auto written = m_store.write([&](HqWriteTx &tx) -> Result<void> {
        auto last = tx.latestPolicy(rec.policyId);
        if (!last)
            return std::move(last).error();
        if (*last && (*last)->version >= rec.version)
            return fail(ErrorCode::Conflict, "policy " + rec.policyId + " version " + std::to_string(rec.version) +
                                                 " is not above version " + std::to_string((*last)->version) +
                                                 " already published");
        if (*last && (*last)->currency != rec.currency)
            return fail(ErrorCode::Conflict, "policy " + rec.policyId + " is in " + (*last)->currency +
                                                 "; a new version cannot change the currency to " + rec.currency);
        const std::string body = nlohmann::json{{"policy_id", rec.policyId},
                                                {"version", rec.version},
                                                {"effective_ms", rec.effectiveMs},
                                                {"policy", nlohmann::json::parse(rec.policyJson)}}
                                     .dump();
        // Every version stays in the feed: a kiosk syncing after two publications must learn both
        // switch moments, not only the later one.
        auto item = tx.appendFeed("policy", rec.policyId, body, true, [&](HqFeedItem &i) { signFeedItem(i, *m_key); });
        if (!item)
            return std::move(item).error();
        rec.feedSeq = item->seq;
        TL_TRY(tx.putPolicy(rec));
        // Its stocks count from now on: every stocked reward already redeemed gets a new count.
        for (const auto &reward : policy->rewards) {
            if (!reward.stock)
                continue;
            auto rows = tx.rewardRedemptions(reward.rule.id);
            if (!rows)
                return std::move(rows).error();
            if (!rows->empty())
                TL_TRY(RewardStock::publish(tx, *m_key, reward.rule.id));
        }
        return {};
    });
    if (!written)
        return std::move(written).error();
    log("policy " + rec.policyId + "@" + std::to_string(rec.version) + " published, effective " +
        std::to_string(rec.effectiveMs));
    return rec;
}

Result<MemberOffersRecord> Reconciler::publishMemberOffers(const Uuid &member, std::span<const Offer> offers)
{
    // One reading of the list: what the kiosks will parse is what HQ checks here.
    MemberOffersRecord rec{member, HqOffers::toJson(offers), m_clock->nowMs(), 0};
    if (auto back = HqOffers::parse(rec.offersJson); !back)
        return std::move(back).error();
    auto written = m_store.write([&](HqWriteTx &tx) -> Result<void> {
        auto known = tx.member(member);
        if (!known)
            return std::move(known).error();
        if (!*known)
            return fail(ErrorCode::NotFound, "member " + member.toString() + " is not known at HQ (no kiosk has synced it)");
        const std::string body =
            nlohmann::json{{"member", member.toString()}, {"offers", nlohmann::json::parse(rec.offersJson)}}.dump();
        auto item = tx.appendFeed("offers", member.toString(), body, false, [&](HqFeedItem &i) { signFeedItem(i, *m_key); });
        if (!item)
            return std::move(item).error();
        rec.feedSeq = item->seq;
        return tx.putMemberOffers(rec);
    });
    if (!written)
        return std::move(written).error();
    return rec;
}

Result<FeedPage> Reconciler::feed(uint64_t after, uint64_t limit)
{
    limit = std::clamp<uint64_t>(limit, 1, kMaxFeedItems);
    FeedPage page;
    page.after = after;
    TL_TRY(m_store.read([&](HqReadTx &tx) -> Result<void> {
        auto items = tx.feed(after, limit + 1);
        if (!items)
            return std::move(items).error();
        page.end = items->size() <= limit;
        if (!page.end)
            items->resize(limit);
        page.items = std::move(*items);
        auto head = tx.feedHead();
        if (!head)
            return std::move(head).error();
        page.next = page.end ? std::max(after, *head) : page.items.back().seq;
        return {};
    }));
    page.sign(*m_key);
    return page;
}

} // namespace tapledger::sync
