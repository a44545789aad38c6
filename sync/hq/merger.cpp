#include "sync/hq/merger_p.h"

#include "core/cardtokensignature.h"
#include "core/checkedmath.h"
#include "core/crypto/sha256.h"
#include "core/engine/membereffect.h"
#include "core/engine/purchaseeffect.h"
#include "core/ledger/canonicalcodec.h"
#include "core/ledger/merkle.h"
#include "sync/hq/crm/memberprofiles.h"
#include "sync/hq/rewardstock_p.h"
#include "sync/protocol/feedpage.h"
#include "sync/protocol/protocol.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace tapledger::sync {

Uuid Merger::keyFor(const std::string &cause)
{
    const Sha256Digest h = sha256(asBytes("tapledger-hq-entry|" + cause));
    Uuid::Bytes16 raw{};
    std::copy(h.begin(), h.begin() + 16, raw.begin());
    raw[6] = static_cast<uint8_t>((raw[6] & 0x0f) | 0x40);
    raw[8] = static_cast<uint8_t>((raw[8] & 0x3f) | 0x80);
    return Uuid(raw);
}

namespace {
std::string entryRef(const std::string &chainId, uint64_t seq)
{
    return "entry:" + chainId + ":" + std::to_string(seq);
}
} // namespace

Result<std::string> memberSnapshotBody(const MemberRecord &m, const MasterBalance &b, const MemberHoldings &holdings)
{
    nlohmann::json cards = nlohmann::json::array();
    for (const auto &c : m.cards)
        cards.push_back({{"card", c.card.toString()}, {"status", c.status}, {"counter", c.counter}});
    nlohmann::json sources = nlohmann::json::object();
    for (const auto &[k, seq] : m.sources)
        sources[k] = seq;
    auto vouchers = holdings.vouchers();
    if (!vouchers)
        return std::move(vouchers).error();
    auto batches = holdings.batches();
    if (!batches)
        return std::move(batches).error();
    // The newest expired (or void) vouchers, so a kiosk still holding one open shows why it closed.
    auto expired = holdings.expiredVouchers(kSnapshotExpiredVouchers);
    if (!expired)
        return std::move(expired).error();
    auto batchDebt = holdings.batchDebt();
    if (!batchDebt)
        return std::move(batchDebt).error();
    nlohmann::json v = nlohmann::json::array();
    for (const auto &h : *vouchers)
        v.push_back({{"ref", h.ref},
                     {"source", h.source},
                     {"value", h.value},
                     {"min_spend", h.minSpend},
                     {"issued_ms", h.issuedMs},
                     {"expires_ms", h.expiresMs},
                     {"purchase", h.purchase}});
    nlohmann::json pb = nlohmann::json::array();
    for (const auto &h : *batches)
        pb.push_back({{"ref", h.ref},
                      {"earned_ms", h.earnedMs},
                      {"expires_ms", h.expiresMs},
                      {"initial", h.initial},
                      {"remaining", h.remaining},
                      {"purchase", h.purchase}});
    return nlohmann::json{{"member", m.member.toString()},
                          {"handle", m.handle},
                          {"name", m.name},
                          {"birthday", m.birthday},
                          {"pin", m.pin},
                          {"phone", m.phone},
                          {"consent", m.consent},
                          {"tier", m.tier},
                          {"currency", b.currency},
                          {"deposit", b.deposit},
                          {"bonus", b.bonus},
                          {"points", b.points},
                          {"debt", b.debt},
                          {"points_debt", b.pointsDebt},
                          {"cards", std::move(cards)},
                          {"sources", std::move(sources)},
                          {"vouchers", std::move(v)},
                          {"expired_vouchers", std::move(*expired)},
                          {"batches", std::move(pb)},
                          {"batch_debt", *batchDebt}}
        .dump();
}

Merger::Merger(HqWriteTx &tx, const Ed25519SecretKey &hqKey, int64_t nowMs) : m_tx(tx), m_key(hqKey), m_now(nowMs) {}

Result<MasterBalance *> Merger::balance(const Uuid &member)
{
    if (auto it = m_balances.find(member); it != m_balances.end())
        return &it->second;
    auto stored = m_tx.masterBalance(member);
    if (!stored)
        return std::move(stored).error();
    MasterBalance b = stored->value_or(MasterBalance{});
    b.member = member;
    return &m_balances.emplace(member, std::move(b)).first->second;
}

Result<MemberRecord *> Merger::memberRecord(const Uuid &member)
{
    if (auto it = m_members.find(member); it != m_members.end())
        return &it->second;
    auto stored = m_tx.member(member);
    if (!stored)
        return std::move(stored).error();
    MemberRecord m = stored->value_or(MemberRecord{});
    m.member = member;
    return &m_members.emplace(member, std::move(m)).first->second;
}

Result<MemberHoldings *> Merger::holdings(const Uuid &member)
{
    if (auto it = m_holdings.find(member); it != m_holdings.end())
        return &it->second;
    auto h = MemberHoldings::create(member);
    if (!h)
        return std::move(h).error();
    auto history = m_tx.memberEntries(member);
    if (!history)
        return std::move(history).error();
    for (const auto &stored : *history) {
        auto step = h->apply(stored.entry);
        if (!step)
            return std::move(step).error();
    }
    return &m_holdings.emplace(member, std::move(*h)).first->second;
}

Result<void> Merger::hold(const std::string &chainId, const LedgerEntry &e)
{
    auto h = holdings(e.member);
    if (!h)
        return std::move(h).error();
    TL_TRY(m_tx.addMemberEntry(e.member, chainId, e.seq));
    auto step = (*h)->apply(e);
    if (!step)
        return std::move(step).error();
    const std::string ref = entryRef(chainId, e.seq);
    if (step->expiredTwice > 0) {
        // The batch was spent or expired at another kiosk first: expiring it again takes nothing.
        auto b = balance(e.member);
        if (!b)
            return std::move(b).error();
        TL_TRY(hqAdjust(e.member, (*b)->currency, 0, 0, step->expiredTwice, "duplicate_expiry", 0, 0, ref));
    }
    if (step->voucherNotOpen && step->voucherValue > 0) {
        // Used twice across the fleet: like an overspend, the second use's value is debt.
        auto b = balance(e.member);
        if (!b)
            return std::move(b).error();
        TL_TRY(hqAdjust(e.member, (*b)->currency, 0, 0, 0, "voucher_reuse", step->voucherValue, 0, ref));
        const auto named = std::find_if(e.refs.begin(), e.refs.end(),
                                        [](const std::string &r) { return r.rfind("entry:", 0) == 0; });
        const std::string voucher = named == e.refs.end() ? std::string("?") : *named;
        TL_TRY(raise(AlertRecord{0, "voucher", chainId, e.seq, e.card, e.member,
                                 "member " + e.member.toString() + " used voucher " + voucher + " again at " + ref +
                                     " (already used, expired or unknown at HQ): " + std::to_string(step->voucherValue) +
                                     " minor units recorded as debt",
                                 0}));
        if (!e.card.isNil())
            TL_TRY(deny(e.card, e.member, "overspend"));
    }
    return {};
}

Result<void> Merger::raise(AlertRecord alert)
{
    alert.timeMs = m_now;
    m_alertLines.push_back("alert " + alert.type + ": " + alert.detail);
    ++m_alerts;
    TL_TRY(m_tx.addAlert(alert));
    return {};
}

Result<void> Merger::deny(const Uuid &card, const Uuid &member, const std::string &reason)
{
    auto already = m_tx.denied(card);
    if (!already)
        return std::move(already).error();
    if (*already)
        return {};
    DenyRecord d{0, card, member, reason, m_now};
    auto version = m_tx.addDeny(d);
    if (!version)
        return std::move(version).error();
    const std::string body = nlohmann::json{{"version", *version},
                                            {"card", card.toString()},
                                            {"member", member.toString()},
                                            {"reason", reason},
                                            {"time_ms", m_now}}
                                 .dump();
    auto item = m_tx.appendFeed("deny", card.toString(), body, true, [&](HqFeedItem &i) { signFeedItem(i, m_key); });
    if (!item)
        return std::move(item).error();
    if (member.isNil())
        return {};
    if (auto m = memberRecord(member); m) {
        for (auto &c : (*m)->cards) {
            if (c.card == card && c.status == "active")
                c.status = "blocked";
        }
        m_touched.insert(member);
    }
    return {};
}

Result<void> Merger::addDeltas(MasterBalance &b, const LedgerEntry &e)
{
    if (e.depositDelta == 0 && e.bonusDelta == 0 && e.pointsDelta == 0)
        return {};
    if (!e.currency.empty()) {
        if (b.currency.empty())
            b.currency = e.currency;
        else if (b.currency != e.currency)
            return fail(ErrorCode::Conflict, entryRef(e.kioskId, e.seq) + ": member " + e.member.toString() +
                                                 " holds " + b.currency + ", the entry is in " + e.currency);
    }
    TL_ASSIGN(b.deposit, checkedAdd(b.deposit, e.depositDelta, "deposit"));
    TL_ASSIGN(b.bonus, checkedAdd(b.bonus, e.bonusDelta, "bonus"));
    TL_ASSIGN(b.points, checkedAdd(b.points, e.pointsDelta, "points"));
    return {};
}

Result<void> Merger::hqAdjust(const Uuid &member, const std::string &currency, int64_t deposit, int64_t bonus,
                              int64_t points, const std::string &reason, int64_t debt, int64_t pointsDebt,
                              const std::string &ref)
{
    LedgerEntry e;
    e.timeMs = m_now;
    e.kind = EntryKind::Adjust;
    e.member = member;
    e.currency = deposit != 0 || bonus != 0 ? currency : std::string();
    e.depositDelta = deposit;
    e.bonusDelta = bonus;
    e.pointsDelta = points;
    e.refs = {ref};
    e.idempotencyKey = keyFor(reason + "|" + ref);
    e.extra = nlohmann::json{{"reason", reason}, {"debt", debt}, {"points_debt", pointsDebt}}.dump();
    auto stored = appendHq(std::move(e), debt, pointsDebt);
    if (!stored)
        return std::move(stored).error();
    return {};
}

Result<StoredEntry> Merger::appendHq(LedgerEntry e, int64_t debt, int64_t pointsDebt)
{
    if (!m_hqLoaded) {
        auto tip = m_tx.chainTip(kHqChainId);
        if (!tip)
            return std::move(tip).error();
        m_hqTip = std::move(*tip);
        auto f = MerkleFrontier::fromBytes(m_hqTip.frontier);
        if (!f)
            return std::move(f).error();
        m_hqFrontier = std::move(*f);
        m_hqLoaded = true;
    }
    const Uuid member = e.member;
    auto held = holdings(member);
    if (!held)
        return std::move(held).error();
    e.kioskId = kHqChainId;
    e.seq = m_hqTip.size + 1;
    e.prevHash = m_hqTip.lastHash;
    auto bytes = CanonicalCodec::encode(e);
    if (!bytes)
        return std::move(bytes).error();
    StoredEntry stored;
    stored.entry = e;
    stored.canonical = std::move(*bytes);
    stored.hash = sha256(stored.canonical);
    stored.signature = m_key.sign(stored.canonical);
    TL_TRY(m_tx.appendEntry(kHqChainId, stored));
    TL_TRY(m_tx.addMemberEntry(member, kHqChainId, e.seq));
    if (auto step = (*held)->apply(e); !step)
        return std::move(step).error();
    m_hqTip.size = e.seq;
    m_hqTip.lastHash = stored.hash;
    m_hqFrontier.push(merkle::leafHash(stored.hash));
    auto b = balance(member);
    if (!b)
        return std::move(b).error();
    TL_TRY(addDeltas(**b, e));
    TL_ASSIGN((*b)->debt, checkedAdd((*b)->debt, debt, "debt"));
    TL_ASSIGN((*b)->pointsDebt, checkedAdd((*b)->pointsDebt, pointsDebt, "points debt"));
    m_touched.insert(member);
    TL_TRY(notePurchase(e));
    return stored;
}

Result<void> Merger::settle(const std::string &chainId, const LedgerEntry &e)
{
    auto b = balance(e.member);
    if (!b)
        return std::move(b).error();
    MasterBalance &bal = **b;
    const std::string ref = entryRef(chainId, e.seq);
    if (bal.deposit < 0 || bal.bonus < 0 || bal.points < 0) {
        // Debt on the member, never a silently negative balance (docs/sync-protocol.md).
        const int64_t dep = bal.deposit < 0 ? -bal.deposit : 0;
        const int64_t bon = bal.bonus < 0 ? -bal.bonus : 0;
        const int64_t pts = bal.points < 0 ? -bal.points : 0;
        TL_TRY(hqAdjust(e.member, bal.currency, dep, bon, pts, "overspend", dep + bon, pts, ref));
        std::string detail = "member " + e.member.toString() + " overspent by " + std::to_string(dep + bon) +
                             " minor units and " + std::to_string(pts) + " points at " + ref + "; recorded as debt";
        TL_TRY(raise(AlertRecord{0, "overspend", chainId, e.seq, e.card, e.member, detail, 0}));
        if (!e.card.isNil())
            TL_TRY(deny(e.card, e.member, "overspend"));
        return {};
    }
    if (bal.debt > 0 && (bal.deposit > 0 || bal.bonus > 0)) {
        const int64_t fromDeposit = std::min(bal.debt, bal.deposit);
        const int64_t fromBonus = std::min(bal.debt - fromDeposit, bal.bonus);
        TL_TRY(hqAdjust(e.member, bal.currency, -fromDeposit, -fromBonus, 0, "debt_settlement", -(fromDeposit + fromBonus),
                        0, ref));
    }
    if (bal.pointsDebt > 0 && bal.points > 0) {
        const int64_t take = std::min(bal.pointsDebt, bal.points);
        TL_TRY(hqAdjust(e.member, bal.currency, 0, 0, -take, "debt_settlement", 0, -take, ref));
    }
    return {};
}

Result<void> Merger::checkCardSync(const std::string &chainId, const LedgerEntry &e)
{
    const auto x = nlohmann::json::parse(e.extra, nullptr, false);
    const std::string writer = x.is_object() ? x.value("kiosk", std::string()) : std::string();
    auto bytes = fromHex(x.is_object() ? x.value("token", std::string()) : std::string());
    std::string why;
    if (!bytes) {
        why = "its extra carries no token";
    } else if (auto signer = verifiedCardTokenSigner(*bytes); !signer) {
        why = signer.error().message;
    } else {
        auto kiosk = m_tx.kiosk(writer);
        if (!kiosk)
            return std::move(kiosk).error();
        if (!*kiosk)
            why = "the token names kiosk '" + writer + "', which is not enrolled";
        else if ((*kiosk)->deviceKey != *signer)
            why = "the token is not signed by kiosk " + writer + "'s device key";
        else if ((*kiosk)->status == "quarantined")
            why = "the token was written by quarantined kiosk " + writer;
    }
    if (why.empty())
        return {};
    return raise(AlertRecord{0, "card", chainId, e.seq, e.card, e.member,
                             "kiosk " + chainId + " adopted a card token at " + entryRef(chainId, e.seq) +
                                 " that HQ does not accept: " + why,
                             0});
}

Result<void> Merger::countRedemption(const std::string &chainId, const LedgerEntry &e)
{
    const auto x = nlohmann::json::parse(e.extra, nullptr, false);
    const auto reward = x.is_object() ? x.find("reward") : x.end();
    if (!x.is_object() || reward == x.end() || !reward->is_string())
        return {}; // not a reward of any policy: nothing to count (the engine always names one)
    auto &counted = m_redemptions[reward->get<std::string>()][chainId];
    ++counted.first;
    counted.second = std::max(counted.second, e.seq);
    return {};
}

Result<void> Merger::merge(const std::string &chainId, const StoredEntry &stored)
{
    TL_TRY(m_tx.appendEntry(chainId, stored));
    ++m_merged;
    const LedgerEntry &e = stored.entry;
    // An hq_sync entry mirrors HQ's own numbers back: stored and verified, never merged.
    if (e.kind == EntryKind::HqSync)
        return {};
    if (e.kind == EntryKind::Redeem)
        TL_TRY(countRedemption(chainId, e));
    // A card_sync adopted another kiosk's token: its value and counter are that kiosk's entries.
    if (e.kind == EntryKind::CardSync)
        return checkCardSync(chainId, e);

    // A card_alert reports the counter of a token the kiosk refused: not a use of that counter.
    if (!e.card.isNil() && e.cardCounter > 0 && e.kind != EntryKind::CardAlert) {
        auto use = m_tx.cardUse(e.card, e.cardCounter);
        if (!use)
            return std::move(use).error();
        if (!*use) {
            TL_TRY(m_tx.putCardUse(e.card, e.cardCounter, CardUse{chainId, e.seq}));
        } else if ((*use)->kioskId != chainId) {
            auto listed = m_tx.denied(e.card);
            if (!listed)
                return std::move(listed).error();
            if (!*listed) {
                const std::string detail = "card " + e.card.toString() + " used counter " + std::to_string(e.cardCounter) +
                                           " at " + entryRef((*use)->kioskId, (*use)->seq) + " and at " +
                                           entryRef(chainId, e.seq) + ": a cloned card or a card rolled back";
                TL_TRY(raise(AlertRecord{0, "fork", chainId, e.seq, e.card, e.member, detail, 0}));
                Uuid owner = e.member;
                if (owner.isNil()) {
                    auto o = m_tx.memberOfCard(e.card);
                    if (!o)
                        return std::move(o).error();
                    owner = *o;
                }
                TL_TRY(deny(e.card, owner, "fork"));
            }
        }
    }

    auto effect = memberEffect(e);
    if (!effect)
        return std::move(effect).error();
    if (!effect->alertReason.empty()) {
        const std::string type = effect->alertReason == "clone" || effect->alertReason == "rollback" ? effect->alertReason
                                                                                                      : "card";
        TL_TRY(raise(AlertRecord{0, type, chainId, e.seq, e.card, e.member,
                                 "kiosk " + chainId + " refused card " + e.card.toString() + ": " + effect->alertReason, 0}));
    }
    if (e.member.isNil())
        return {};

    auto m = memberRecord(e.member);
    if (!m)
        return std::move(m).error();
    MemberRecord &rec = **m;
    if (const auto &p = effect->enrolled) {
        rec.handle = p->handle;
        rec.name = p->name;
        rec.birthday = p->birthday;
        rec.pin = p->pin;
        rec.phone = p->phone;
        rec.consent = p->consent;
    }
    if (effect->pin)
        rec.pin = *effect->pin;
    if (effect->tier)
        rec.tier = *effect->tier;
    if (!e.card.isNil()) {
        auto card = std::find_if(rec.cards.begin(), rec.cards.end(), [&](const CardRecord &c) { return c.card == e.card; });
        if (card == rec.cards.end()) {
            rec.cards.push_back(CardRecord{e.card, "active", 0});
            std::sort(rec.cards.begin(), rec.cards.end(), [](const auto &a, const auto &b) { return a.card < b.card; });
            card = std::find_if(rec.cards.begin(), rec.cards.end(), [&](const CardRecord &c) { return c.card == e.card; });
        }
        if (effect->cardStatus && card->status != "blocked")
            card->status = *effect->cardStatus;
        // A card replaced or blocked at one kiosk is refused at every kiosk: it joins the deny-list.
        if (effect->cardStatus && *effect->cardStatus != "active")
            TL_TRY(deny(e.card, e.member, *effect->cardStatus));
        card->counter = std::max(card->counter, e.cardCounter);
        auto listed = m_tx.denied(e.card);
        if (!listed)
            return std::move(listed).error();
        if (*listed && card->status == "active")
            card->status = "blocked";
    }
    rec.sources[chainId] = std::max(rec.sources[chainId], e.seq);
    m_touched.insert(e.member);
    TL_TRY(notePurchase(e));

    auto b = balance(e.member);
    if (!b)
        return std::move(b).error();
    TL_TRY(addDeltas(**b, e));
    TL_TRY(hold(chainId, e));
    return settle(chainId, e);
}

Result<void> Merger::notePurchase(const LedgerEntry &e)
{
    auto bought = purchaseEffect(e);
    if (!bought)
        return std::move(bought).error();
    if (*bought)
        m_purchasers.insert(e.member);
    return {};
}

Result<void> Merger::flush()
{
    for (const auto &id : m_touched) {
        auto m = memberRecord(id);
        if (!m)
            return std::move(m).error();
        auto b = balance(id);
        if (!b)
            return std::move(b).error();
        auto h = holdings(id);
        if (!h)
            return std::move(h).error();
        TL_TRY(m_tx.putMember(**m));
        TL_TRY(m_tx.putMasterBalance(**b));
        auto body = memberSnapshotBody(**m, **b, **h);
        if (!body)
            return std::move(body).error();
        auto item = m_tx.appendFeed("member", id.toString(), std::move(*body), false,
                                    [&](HqFeedItem &i) { signFeedItem(i, m_key); });
        if (!item)
            return std::move(item).error();
    }
    m_touched.clear();
    for (const auto &id : m_purchasers)
        TL_TRY(MemberProfiles::rederive(m_tx, id, m_key));
    m_purchasers.clear();
    for (const auto &[reward, byKiosk] : m_redemptions) {
        auto rows = m_tx.rewardRedemptions(reward);
        if (!rows)
            return std::move(rows).error();
        for (const auto &[kiosk, counted] : byKiosk) {
            RewardRedemptions row{reward, kiosk, 0, 0};
            for (const auto &stored : *rows) {
                if (stored.kioskId == kiosk)
                    row = stored;
            }
            row.redeemed += counted.first;
            row.lastSeq = std::max(row.lastSeq, counted.second);
            TL_TRY(m_tx.putRewardRedemptions(row));
        }
        TL_TRY(RewardStock::publish(m_tx, m_key, reward));
    }
    m_redemptions.clear();
    if (m_hqLoaded) {
        m_hqTip.frontier = m_hqFrontier.toBytes();
        TL_TRY(m_tx.setChainTip(kHqChainId, m_hqTip));
    }
    return {};
}

} // namespace tapledger::sync
