#pragma once

#include "sync/hq/hqreadtx.h"

#include <functional>

namespace tapledger::sync {

/// Writes of HQ's store inside one transaction: all of a batch or none of it becomes durable.
/// A backend serialises write transactions that touch the same kiosk, member or card
/// (docs/hq-storage.md: one process with SQLite, row locks with PostgreSQL).
class HqWriteTx : public HqReadTx
{
public:
    /// Inserts or replaces a kiosk.
    virtual Result<void> putKiosk(const KioskRecord &kiosk) = 0;
    /// Stores @p entry as (chainId, entry.seq): Conflict when that seq is already stored.
    virtual Result<void> appendEntry(const std::string &chainId, const StoredEntry &entry) = 0;
    /// Appends entry (chainId, seq), already stored, to @p member's merge order (member_entries).
    virtual Result<void> addMemberEntry(const Uuid &member, const std::string &chainId, uint64_t seq) = 0;
    virtual Result<void> setChainTip(const std::string &chainId, const ChainTip &tip) = 0;
    virtual Result<void> putMasterBalance(const MasterBalance &balance) = 0;
    virtual Result<void> putMember(const MemberRecord &member) = 0;
    /// Records the first use of (card, counter); Conflict when already recorded.
    virtual Result<void> putCardUse(const Uuid &card, uint32_t counter, const CardUse &use) = 0;
    /// Stores an alert; its id.
    virtual Result<uint64_t> addAlert(const AlertRecord &alert) = 0;
    /// Appends a deny-list line for a card not yet listed; its version (the record's version is
    /// ignored). Conflict when the card is already listed.
    virtual Result<uint64_t> addDeny(const DenyRecord &deny) = 0;
    /// Stores a published policy version; Conflict when (policyId, version) is already stored.
    virtual Result<void> putPolicy(const PolicyRecord &policy) = 0;
    /// Inserts or replaces one kiosk's redemption count of a reward.
    virtual Result<void> putRewardRedemptions(const RewardRedemptions &row) = 0;
    /// Inserts or replaces the offers of one member.
    virtual Result<void> putMemberOffers(const MemberOffersRecord &offers) = 0;
    /// Appends a feed item with the next seq; @p sign fills its signature from seq, type and
    /// body. Older items of the same type and @p key are dropped unless @p keepOlder (the deny
    /// type keeps every line). The stored item.
    virtual Result<HqFeedItem> appendFeed(const std::string &type, const std::string &key, std::string body,
                                          bool keepOlder, const std::function<void(HqFeedItem &)> &sign) = 0;

    // CRM (docs/crm.md)
    /// Stores an imported purchase: true when new, false when its key is stored with the same
    /// content; Conflict when the key is stored with a different content.
    virtual Result<bool> addPurchase(const PurchaseRecord &purchase) = 0;
    /// Stores an imported member: true when new, false when already there (same id and ref);
    /// Conflict when the id or the ref is taken by another.
    virtual Result<bool> addCrmMember(const CrmMemberRecord &member) = 0;

    // Feedback and complaints (docs/crm.md)
    /// Appends a complaint step; Conflict when (kioskId, seq, step) is already stored (another
    /// operator took that step first).
    virtual Result<void> addComplaintStep(const ComplaintStep &step) = 0;
    // Point of sale and HQ postings (docs/pos-api.md)
    /// Inserts or replaces a point-of-sale system.
    virtual Result<void> putPos(const PosRecord &pos) = 0;
    /// Stores a posting; Conflict when its key is already stored.
    virtual Result<void> addPosting(const PostingRecord &posting) = 0;

    // Duplicates and merge (docs/crm.md)
    /// Stores the alias of a merged-away member; Conflict when that member already has one.
    virtual Result<void> addMemberAlias(const MemberAliasRecord &alias) = 0;

    // Member profiles (docs/crm.md, "Member profiles")
    /// Inserts or replaces the profile of one member.
    virtual Result<void> putMemberProfile(const MemberProfileRecord &profile) = 0;
};

} // namespace tapledger::sync
