// A tapped card's token in the kiosk's view (docs/sync-protocol.md, "The card's token in the
// view") and the persisted last sync round.
#include "core/engine/engine_p.h"

#include "core/cardtokensignature.h"
#include "core/checkedmath.h"
#include "core/engine/sql_p.h"

#include <algorithm>

namespace tapledger {

namespace {
constexpr const char *kLastSyncKey = "hq_last_sync_ms";
constexpr const char *kAckedKey = "hq_acked_seq";

Result<void> checkBalances(const CardTokenFacts &t)
{
    if (t.deposit < 0 || t.bonus < 0 || t.points < 0)
        return fail(ErrorCode::InvalidArgument, "card " + t.card.toString() + ": the token of kiosk " + t.kioskId +
                                                    " shows a negative balance (deposit " + std::to_string(t.deposit) +
                                                    ", bonus " + std::to_string(t.bonus) + ", points " +
                                                    std::to_string(t.points) + "): not adopted");
    return {};
}
} // namespace

Result<void> Engine::recordSyncRound(int64_t timeMs, uint64_t ackedSeq)
{
    if (timeMs <= 0)
        return fail(ErrorCode::InvalidArgument, "sync round time must be > 0 ms, not " + std::to_string(timeMs));
    TL_TRY(sql::run(d->db(), "INSERT OR REPLACE INTO engine_sync_state(key, value) VALUES(?, ?)",
                    std::string(kLastSyncKey), timeMs));
    return sql::run(d->db(), "INSERT OR REPLACE INTO engine_sync_state(key, value) VALUES(?, ?)", std::string(kAckedKey),
                    static_cast<int64_t>(ackedSeq));
}

Engine::SyncRound Engine::lastSyncRound() const
{
    const auto read = [&](const char *key) -> int64_t {
        auto v = sql::queryInt(d->db(), "SELECT value FROM engine_sync_state WHERE key = ?", std::string(key));
        return v && *v ? **v : 0;
    };
    return SyncRound{read(kLastSyncKey), static_cast<uint64_t>(std::max<int64_t>(0, read(kAckedKey)))};
}

Result<CardTokenAdoption> Engine::adoptCardToken(const CardTokenFacts &t)
{
    if (t.card.isNil() || t.member.isNil() || t.kioskId.empty())
        return fail(ErrorCode::InvalidArgument, "card token without card, member or kiosk id");
    auto signer = verifiedCardTokenSigner(t.bytes);
    if (!signer)
        return fail(signer.error().code, "card " + t.card.toString() + ": " + signer.error().message);
    CardTokenAdoption out;
    if (*signer == deviceKey().publicKey() || t.kioskId == d->ledger().kioskId()) {
        out.kind = CardTokenAdoption::Kind::OwnToken;
        return out;
    }
    auto key = sql::queryRow(d->db(), "kiosk " + t.kioskId + " is not a fleet kiosk HQ published",
                             "SELECT public_key, status FROM engine_fleet_keys WHERE kiosk_id = ?", t.kioskId);
    if (!key)
        return fail(key.error().code == ErrorCode::NotFound ? ErrorCode::Denied : key.error().code,
                    "card " + t.card.toString() + ": token not adopted: " + key.error().message);
    const Bytes published = key->blobAt(0);
    if (!std::equal(published.begin(), published.end(), signer->begin(), signer->end()) || key->textAt(1) != "active")
        return fail(ErrorCode::Denied, "card " + t.card.toString() + ": token signed by a key that is not kiosk " +
                                           t.kioskId + "'s active fleet key (" + key->textAt(1) + "): not adopted");
    TL_TRY(checkBalances(t));
    if (!t.currency.empty() && t.currency != d->policy.currency)
        return fail(ErrorCode::Conflict, "card " + t.card.toString() + ": token in " + t.currency +
                                             ", the policy's currency is " + d->policy.currency + ": not adopted");
    if (t.currency.empty() && (t.deposit != 0 || t.bonus != 0))
        return fail(ErrorCode::InvalidArgument, "card " + t.card.toString() + ": token with stored value and no currency");
    auto use = d->useCard(t.card, t.member, 0);
    if (!use)
        return std::move(use).error();
    // useCard answers the card's last counter + 1: the token is newer when above the last.
    if (t.counter < use->counter) {
        out.kind = CardTokenAdoption::Kind::NotNewer;
        return out;
    }
    const MemberBalance now = d->ledger().balance(t.member);
    auto dep = checkedSub(t.deposit, now.deposit, "deposit");
    auto bon = checkedSub(t.bonus, now.bonus, "bonus");
    auto pts = checkedSub(t.points, now.points, "points");
    if (!dep || !bon || !pts)
        return fail(ErrorCode::Overflow, "card " + t.card.toString() + ": token balances out of range");
    if (*dep == 0 && *bon == 0 && *pts == 0) {
        out.kind = CardTokenAdoption::Kind::Unchanged;
        return out;
    }
    auto receipt = d->transact(t.member, [&](Receipt &r) -> Result<void> {
        LedgerEntry e = d->draft(EntryKind::CardSync, t.member,
                                 {{"kiosk", t.kioskId}, {"token", toHex(t.bytes)}, {"token_counter", t.counter}},
                                 {"entry:" + t.kioskId + ":" + std::to_string(t.ledgerSeq)});
        e.card = t.card;
        e.cardCounter = t.counter;
        e.depositDelta = *dep;
        e.bonusDelta = *bon;
        e.pointsDelta = *pts;
        return d->appendMain({std::move(e)}, r);
    });
    if (!receipt)
        return std::move(receipt).error();
    out.kind = CardTokenAdoption::Kind::Adopted;
    out.seq = receipt->seqs.empty() ? std::nullopt : std::optional(receipt->seqs.front());
    out.depositDelta = *dep;
    out.bonusDelta = *bon;
    out.pointsDelta = *pts;
    return out;
}

} // namespace tapledger
