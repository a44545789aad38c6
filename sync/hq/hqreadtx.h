#pragma once

#include "core/engine/hqfeeditem.h"
#include "core/ledger/ledgerentry.h"
#include "core/result.h"
#include "sync/hq/crmrecords.h"
#include "sync/hq/feedbackrecords.h"
#include "sync/hq/hqrecords.h"
#include "sync/hq/posrecords.h"
#include "sync/hq/mergerecords.h"
#include "sync/hq/profilerecords.h"

#include <optional>
#include <string>
#include <vector>

namespace tapledger::sync {

/// Reads of HQ's store inside one transaction (a consistent snapshot). The reconciler and the
/// commands see only this and HqWriteTx, never a backend's types (docs/hq-storage.md).
class HqReadTx
{
public:
    virtual ~HqReadTx() = default;

    virtual Result<std::optional<KioskRecord>> kiosk(const std::string &kioskId) = 0;
    /// Every enrolled kiosk, ordered by id.
    virtual Result<std::vector<KioskRecord>> kiosks() = 0;
    /// A chain's tip (all zero for a chain with no entries).
    virtual Result<ChainTip> chainTip(const std::string &chainId) = 0;
    /// The hash of entry @p seq of @p chainId, nullopt when not stored.
    virtual Result<std::optional<Sha256Digest>> entryHash(const std::string &chainId, uint64_t seq) = 0;
    /// Up to @p limit stored entries of @p chainId from @p fromSeq on, in seq order (canonical
    /// bytes and signature as received; the entry decoded).
    virtual Result<std::vector<StoredEntry>> entries(const std::string &chainId, uint64_t fromSeq, uint64_t limit) = 0;
    /// Every entry hash of @p chainId in seq order (RFC 6962 leaves for proofs).
    virtual Result<std::vector<Sha256Digest>> entryHashes(const std::string &chainId) = 0;
    /// Ids of every chain with at least one entry, ordered.
    virtual Result<std::vector<std::string>> chains() = 0;

    /// Every merged entry about @p member except hq_sync and card_sync (kiosks' and HQ's own), in
    /// the order HQ merged them: what MemberHoldings replays (docs/hq-storage.md, member_entries).
    virtual Result<std::vector<StoredEntry>> memberEntries(const Uuid &member) = 0;
    virtual Result<std::optional<MasterBalance>> masterBalance(const Uuid &member) = 0;
    /// Every member's master balances, ordered by member id.
    virtual Result<std::vector<MasterBalance>> masterBalances() = 0;
    virtual Result<std::optional<MemberRecord>> member(const Uuid &member) = 0;
    /// The member a card belongs to, nil when unknown.
    virtual Result<Uuid> memberOfCard(const Uuid &card) = 0;
    /// Where @p card first used @p counter, nullopt when never.
    virtual Result<std::optional<CardUse>> cardUse(const Uuid &card, uint32_t counter) = 0;

    /// Every alert, oldest first.
    virtual Result<std::vector<AlertRecord>> alerts() = 0;
    /// The deny-list in version order.
    virtual Result<std::vector<DenyRecord>> denyList() = 0;
    virtual Result<std::optional<DenyRecord>> denied(const Uuid &card) = 0;

    /// The highest version of policy @p policyId published, nullopt when none.
    virtual Result<std::optional<PolicyRecord>> latestPolicy(const std::string &policyId) = 0;

    /// The newest version of every policy id published, ordered by policy id.
    virtual Result<std::vector<PolicyRecord>> publishedPolicies() = 0;
    /// Every kiosk's merged redemptions of reward @p rewardId, ordered by kiosk id.
    virtual Result<std::vector<RewardRedemptions>> rewardRedemptions(const std::string &rewardId) = 0;

    /// The offers last published for @p member, nullopt when none.
    virtual Result<std::optional<MemberOffersRecord>> memberOffers(const Uuid &member) = 0;

    /// Up to @p limit feed items after @p after, ascending.
    virtual Result<std::vector<HqFeedItem>> feed(uint64_t after, uint64_t limit) = 0;
    /// The newest feed seq ever assigned, 0 = none.
    virtual Result<uint64_t> feedHead() = 0;

    // CRM (docs/crm.md)
    /// The imported purchase stored under @p key, nullopt when none.
    virtual Result<std::optional<PurchaseRecord>> purchase(const std::string &key) = 0;
    /// Every imported purchase, ordered by member, then time, then key.
    virtual Result<std::vector<PurchaseRecord>> purchases() = 0;
    /// Every imported member, ordered by member id.
    virtual Result<std::vector<CrmMemberRecord>> crmMembers() = 0;

    // Feedback and complaints (docs/crm.md)
    /// Every stored entry of @p kind on every chain, ordered by chain id, then seq.
    virtual Result<std::vector<StoredEntry>> entriesOfKind(EntryKind kind) = 0;
    /// Every complaint step, ordered by kiosk id, seq, then step.
    virtual Result<std::vector<ComplaintStep>> complaintSteps() = 0;
    /// The steps of the complaint on feedback entry (@p kioskId, @p seq), in step order.
    virtual Result<std::vector<ComplaintStep>> complaintSteps(const std::string &kioskId, uint64_t seq) = 0;
    // Point of sale and HQ postings (docs/pos-api.md)
    /// The enrolled point-of-sale system @p posId, nullopt when none.
    virtual Result<std::optional<PosRecord>> pos(const std::string &posId) = 0;
    /// The posting stored under idempotency key @p key, nullopt when none.
    virtual Result<std::optional<PostingRecord>> posting(const std::string &key) = 0;
    /// The postings whose refersTo is @p key (the returns of a purchase), in key order.
    virtual Result<std::vector<PostingRecord>> postingsReferringTo(const std::string &key) = 0;

    // Duplicates and merge (docs/crm.md)
    /// The alias of merged-away member @p member (one step, not followed), nullopt when it was
    /// never merged away.
    virtual Result<std::optional<MemberAliasRecord>> memberAlias(const Uuid &member) = 0;
    /// Every alias, ordered by merged-away member id.
    virtual Result<std::vector<MemberAliasRecord>> memberAliases() = 0;

    // Member profiles (docs/crm.md, "Member profiles")
    /// The profile last published for @p member, nullopt when none.
    virtual Result<std::optional<MemberProfileRecord>> memberProfile(const Uuid &member) = 0;
};

} // namespace tapledger::sync
