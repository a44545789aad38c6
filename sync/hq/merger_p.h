#pragma once
// Private to HQ: merging verified kiosk entries into the master state, inside one write tx.

#include "core/crypto/ed25519secretkey.h"
#include "core/engine/memberholdings.h"
#include "core/ledger/merklefrontier.h"
#include "sync/hq/hqwritetx.h"
#include "sync/hq/mergerecords.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace tapledger::sync {

/// Merges entries (docs/sync-protocol.md, "Merge at HQ") within one HqWriteTx: master balances,
/// profiles and cards (core memberEffect), card counters and forks, overspend compensation and
/// debt settlement on HQ's chain, the deny-list and alerts; flush() writes the touched members
/// and their feed snapshots. Members and balances are cached for the transaction.
class Merger
{
public:
    Merger(HqWriteTx &tx, const Ed25519SecretKey &hqKey, int64_t nowMs);

    /// Stores @p entry (already verified) of chain @p chainId and merges it.
    Result<void> merge(const std::string &chainId, const StoredEntry &entry);
    /// Writes touched members, balances, HQ's chain tip and the feed items; a member with a profile
    /// and a purchase, pay or return merged since the last flush gets a new `profile` item when
    /// its derived preferences changed (MemberProfiles::rederive).
    Result<void> flush();

    /// Appends @p e as HQ's next entry (chain "hq": kioskId, seq and prev_hash are set here;
    /// signed with HQ's key) about e.member, and merges it: master balances (its deltas, plus
    /// @p debt minor units and @p pointsDebt points of debt), the member's merge order and
    /// holdings; flush() then writes the member's snapshot to the feed. The stored entry.
    Result<StoredEntry> appendHq(LedgerEntry e, int64_t debt, int64_t pointsDebt);
    /// After @p e (of chain @p chainId) changed its member's balances: a negative balance becomes
    /// debt (alert `overspend`), a positive one pays off debt (docs/sync-protocol.md).
    Result<void> settle(const std::string &chainId, const LedgerEntry &e);
    /// The member's master balances as merged so far in this transaction.
    Result<MasterBalance *> balance(const Uuid &member);

    /// A stable idempotency key for an HQ entry caused by @p cause: the same cause, the same key
    /// (a version-4-shaped UUID from SHA-256 of "tapledger-hq-entry|" + cause).
    static Uuid keyFor(const std::string &cause);

    /// Moves everything @p from holds to @p into (docs/crm.md, "Duplicates and merge") with HQ-signed
    /// entries on HQ's chain, each referencing @p ref ("merge:<from>:<into>"): stored value (deposit
    /// and bonus apart), points, debt and points debt out of @p from in one `adjust` (reason
    /// "merge_out") and into @p into with `adjust`s (reason "merge_in": one for value and debt, one per
    /// point batch carrying the batch's expiry), each open voucher expired on @p from and issued
    /// again on @p into (same value, minimum spend, expiry), and @p from's cards listed under @p into.
    /// Both members' snapshots go to the feed at flush(). Nothing moves when @p from holds nothing.
    /// Conflict when the two members hold different currencies. In mergermove.cpp.
    Result<MemberMoveSummary> moveMember(const Uuid &from, const Uuid &into, const std::string &ref);

    uint64_t merged() const noexcept { return m_merged; }
    uint64_t alerts() const noexcept { return m_alerts; }
    /// One line per alert raised, for the log.
    const std::vector<std::string> &alertLines() const noexcept { return m_alertLines; }

private:
    Result<MemberRecord *> memberRecord(const Uuid &member);
    /// The member's vouchers and batches: replayed from member_entries at the first use in this
    /// transaction, then kept up to date entry by entry.
    Result<MemberHoldings *> holdings(const Uuid &member);
    /// Records @p e in the member's merge order and its holdings; a use of a voucher no longer
    /// open becomes debt (alert `voucher`, card deny-listed), a batch expired beyond what it
    /// had left is given back (`duplicate_expiry`).
    Result<void> hold(const std::string &chainId, const LedgerEntry &e);
    Result<void> raise(AlertRecord alert);
    Result<void> deny(const Uuid &card, const Uuid &member, const std::string &reason);
    /// Appends an HQ-signed adjust entry for @p member and merges its deltas.
    Result<void> hqAdjust(const Uuid &member, const std::string &currency, int64_t deposit, int64_t bonus,
                          int64_t points, const std::string &reason, int64_t debt, int64_t pointsDebt,
                          const std::string &ref);
    Result<void> addDeltas(MasterBalance &b, const LedgerEntry &e);
    /// A card_sync entry (never merged as value): alert "card" unless its token verifies under
    /// the device key of the enrolled, not quarantined kiosk it names.
    Result<void> checkCardSync(const std::string &chainId, const LedgerEntry &e);
    /// Counts a redeem entry toward its reward's fleet-wide stock (written by flush()).
    Result<void> countRedemption(const std::string &chainId, const LedgerEntry &e);
    /// Notes e.member for flush()'s re-derivation when @p e is a purchase, pay or return.
    Result<void> notePurchase(const LedgerEntry &e);

    HqWriteTx &m_tx;
    const Ed25519SecretKey &m_key;
    int64_t m_now;
    std::map<Uuid, MasterBalance> m_balances;
    std::map<Uuid, MemberRecord> m_members;
    std::map<Uuid, MemberHoldings> m_holdings;
    std::set<Uuid> m_touched;
    /// Members with a purchase, pay or return merged since the last flush: their profile's
    /// derived preferences are derived again (MemberProfiles::rederive).
    std::set<Uuid> m_purchasers;
    bool m_hqLoaded = false;
    ChainTip m_hqTip;
    MerkleFrontier m_hqFrontier;
    uint64_t m_merged = 0, m_alerts = 0;
    std::vector<std::string> m_alertLines;
    /// Redemptions of this transaction: reward → kiosk → (count, seq of the last).
    std::map<std::string, std::map<std::string, std::pair<int64_t, uint64_t>>> m_redemptions;
};

/// How many of a member's newest expired or void vouchers a snapshot lists (`expired_vouchers`):
/// a count, not a time window, so the feed stays a pure function of the merged entries.
inline constexpr int64_t kSnapshotExpiredVouchers = 32;

/// The canonical JSON body of a member snapshot feed item (docs/sync-protocol.md): profile, cards,
/// balances, sources, the member's open vouchers and point batches from @p holdings, and the refs
/// of its newest expired vouchers.
Result<std::string> memberSnapshotBody(const MemberRecord &member, const MasterBalance &balance,
                                       const MemberHoldings &holdings);

} // namespace tapledger::sync
