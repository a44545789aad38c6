#pragma once
// Private to the SQLite backend of HQ's store.

#include "core/store/sqlitedb_p.h"
#include "core/store/sqlitestatement_p.h"
#include "sync/hq/hqwritetx.h"

namespace tapledger::sync {

/// One transaction of SqliteHqStore (the caller holds the store's mutex and the SQLite
/// transaction). Reads and writes go straight to the connection.
class SqliteHqTx final : public HqWriteTx
{
public:
    explicit SqliteHqTx(SqliteDb &db) : m_db(db) {}

    Result<std::optional<KioskRecord>> kiosk(const std::string &kioskId) override;
    Result<std::vector<KioskRecord>> kiosks() override;
    Result<ChainTip> chainTip(const std::string &chainId) override;
    Result<std::optional<Sha256Digest>> entryHash(const std::string &chainId, uint64_t seq) override;
    Result<std::vector<StoredEntry>> entries(const std::string &chainId, uint64_t fromSeq, uint64_t limit) override;
    Result<std::vector<Sha256Digest>> entryHashes(const std::string &chainId) override;
    Result<std::vector<std::string>> chains() override;
    Result<std::optional<MasterBalance>> masterBalance(const Uuid &member) override;
    Result<std::vector<MasterBalance>> masterBalances() override;
    Result<std::optional<MemberRecord>> member(const Uuid &member) override;
    Result<Uuid> memberOfCard(const Uuid &card) override;
    Result<std::optional<CardUse>> cardUse(const Uuid &card, uint32_t counter) override;
    Result<std::vector<AlertRecord>> alerts() override;
    Result<std::vector<DenyRecord>> denyList() override;
    Result<std::optional<DenyRecord>> denied(const Uuid &card) override;
    Result<std::optional<PolicyRecord>> latestPolicy(const std::string &policyId) override;
    Result<std::vector<PolicyRecord>> publishedPolicies() override;
    Result<std::vector<RewardRedemptions>> rewardRedemptions(const std::string &rewardId) override;
    Result<std::vector<StoredEntry>> memberEntries(const Uuid &member) override;
    Result<std::optional<MemberOffersRecord>> memberOffers(const Uuid &member) override;
    Result<std::vector<HqFeedItem>> feed(uint64_t after, uint64_t limit) override;
    Result<uint64_t> feedHead() override;

    Result<void> putKiosk(const KioskRecord &kiosk) override;
    Result<void> appendEntry(const std::string &chainId, const StoredEntry &entry) override;
    Result<void> setChainTip(const std::string &chainId, const ChainTip &tip) override;
    Result<void> putMasterBalance(const MasterBalance &balance) override;
    Result<void> putMember(const MemberRecord &member) override;
    Result<void> putCardUse(const Uuid &card, uint32_t counter, const CardUse &use) override;
    Result<uint64_t> addAlert(const AlertRecord &alert) override;
    Result<uint64_t> addDeny(const DenyRecord &deny) override;
    Result<void> putPolicy(const PolicyRecord &policy) override;
    Result<void> putRewardRedemptions(const RewardRedemptions &row) override;
    Result<void> addMemberEntry(const Uuid &member, const std::string &chainId, uint64_t seq) override;
    Result<void> putMemberOffers(const MemberOffersRecord &offers) override;
    Result<HqFeedItem> appendFeed(const std::string &type, const std::string &key, std::string body, bool keepOlder,
                                  const std::function<void(HqFeedItem &)> &sign) override;

    // CRM, in sqlitehqcrmtx.cpp
    Result<std::optional<PurchaseRecord>> purchase(const std::string &key) override;
    Result<std::vector<PurchaseRecord>> purchases() override;
    Result<std::vector<CrmMemberRecord>> crmMembers() override;
    Result<bool> addPurchase(const PurchaseRecord &purchase) override;
    Result<bool> addCrmMember(const CrmMemberRecord &member) override;

    // Feedback and complaints, in sqlitehqfeedbacktx.cpp
    Result<std::vector<StoredEntry>> entriesOfKind(EntryKind kind) override;
    Result<std::vector<ComplaintStep>> complaintSteps() override;
    Result<std::vector<ComplaintStep>> complaintSteps(const std::string &kioskId, uint64_t seq) override;
    Result<void> addComplaintStep(const ComplaintStep &step) override;
    // Point of sale and HQ postings, in sqlitehqpostx.cpp
    Result<std::optional<PosRecord>> pos(const std::string &posId) override;
    Result<std::optional<PostingRecord>> posting(const std::string &key) override;
    Result<std::vector<PostingRecord>> postingsReferringTo(const std::string &key) override;
    Result<void> putPos(const PosRecord &pos) override;
    Result<void> addPosting(const PostingRecord &posting) override;

    // Duplicates and merge, in sqlitehqmergetx.cpp
    Result<std::optional<MemberAliasRecord>> memberAlias(const Uuid &member) override;
    Result<std::vector<MemberAliasRecord>> memberAliases() override;
    Result<void> addMemberAlias(const MemberAliasRecord &alias) override;

    // Member profiles, in sqlitehqprofiletx.cpp
    Result<std::optional<MemberProfileRecord>> memberProfile(const Uuid &member) override;
    Result<void> putMemberProfile(const MemberProfileRecord &profile) override;

private:
    SqliteDb &m_db;
};

/// The schema of HQ's SQLite store (docs/hq-storage.md).
extern const char *const kSqliteHqSchema;
/// Tables added after schema 1 (the feed's policy, stock and offers), created IF NOT EXISTS
/// both by create() and by open(), so a store made by an older tapledger-hq gains them.
extern const char *const kSqliteHqFeedSchema;
/// The CRM tables (docs/hq-storage.md), created when missing: stores made before them gain them.
extern const char *const kSqliteHqCrmSchema;
/// The complaint follow-up table and the entries-by-kind index (docs/hq-storage.md), created when
/// missing: stores made before them gain them.
extern const char *const kSqliteHqFeedbackSchema;
/// The member alias table of merged-away members (docs/hq-storage.md), created when missing:
/// stores made before it gain it.
extern const char *const kSqliteHqMergeSchema;
/// The member profile table (docs/hq-storage.md), created when missing: stores made before it gain it.
extern const char *const kSqliteHqProfileSchema;

/// The stored entry of the row at columns @p first.. (seq, hash, body, signature) of chain
/// @p chainId; Corrupt when the body does not decode.
Result<StoredEntry> storedEntryAt(const SqliteStatement &s, const std::string &chainId, int first);
/// Every row of @p s, columns (chain_id, seq, hash, body, signature), as stored entries.
Result<std::vector<StoredEntry>> chainEntriesOf(SqliteStatement &s);
/// The point-of-sale tables (docs/hq-storage.md), created when missing like the CRM tables.
extern const char *const kSqliteHqPosSchema;

} // namespace tapledger::sync
