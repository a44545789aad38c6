#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/engine/cardtokenfacts.h"
#include "core/engine/clock.h"
#include "core/engine/enginetypes.h"
#include "core/engine/hqfeeditem.h"
#include "core/engine/offer.h"
#include "core/engine/phrasebook.h"
#include "core/engine/policy.h"
#include "core/ledger/ledger.h"
#include "core/result.h"

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace tapledger {

/// The loyalty engine (docs/engine.md): applies the policy's programs to member actions and
/// writes every change of value as signed ledger entries; balances, batches, vouchers, tiers and
/// counters are projections of the ledger. Each action is atomic and durable when it returns
/// (or when the enclosing batch commits): on any error nothing is written, except the PIN
/// lock-out counter. Not thread-safe: one owner at a time.
class Engine
{
public:
    /// Opens the kiosk data directory @p dataDir with @p policy and @p clock.
    static Result<std::unique_ptr<Engine>> open(const std::filesystem::path &dataDir, Policy policy,
                                                 std::shared_ptr<const Clock> clock);
    /// Creates a new data directory (DataDir::init) for @p kioskId and opens it.
    static Result<std::unique_ptr<Engine>> init(const std::filesystem::path &dataDir, const std::string &kioskId,
                                                 Policy policy, std::shared_ptr<const Clock> clock);
    /// The projections the engine needs; pass them to DataDir::open / Ledger::open to read or
    /// verify an engine ledger without an Engine.
    static std::vector<std::unique_ptr<Projection>> projections();
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    /// The policy in force now: the one given to open() or init(), or the newest HQ-published
    /// policy (applyHqFeed) whose effective moment has passed; the engine switches at the start
    /// of an operation, never mid-way, and never back to an older version.
    const Policy &policy() const;
    Ledger &ledger() noexcept;
    const Ledger &ledger() const noexcept;
    /// The kiosk's Ed25519 device key (signs ledger entries and card-state tokens). Never log it.
    const Ed25519SecretKey &deviceKey() const noexcept;

    /// Groups the following actions into one durable commit (bulk import, simulation). Each action
    /// stays atomic on its own. Misuse (nested batches, commit without begin) asserts.
    Result<void> beginBatch();
    /// Commits the batch durably.
    Result<void> commitBatch();
    /// Discards every entry written since beginBatch() (nothing becomes durable), e.g. when the
    /// card to be charged left the field before CommitTransaction (DESIGN.md invariant 4).
    /// In-memory state derived from the ledger must not outlive this call.
    void rollbackBatch();

    /// Enrols a member. InvalidArgument for an empty name/handle, a bad birthday or PIN;
    /// AlreadyExists for a taken handle or member id.
    Result<Receipt> enrol(const EnrolRequest &request);
    /// Registers card @p card (a TapLedger card id) for @p member. NotFound for an unknown member,
    /// AlreadyExists for a card already issued.
    Result<Receipt> issueCard(const Uuid &member, const Uuid &card, const Uuid &staff);
    /// The member a card belongs to; NotFound for an unknown card, Denied for a replaced or
    /// blocked (deny-listed) card.
    Result<Uuid> memberForCard(const Uuid &card) const;
    /// The member with @p handle; NotFound otherwise.
    Result<Uuid> memberByHandle(const std::string &handle) const;

    /// Deposit with the matching top-up tier's bonus. InvalidArgument for amounts <= 0, outside
    /// min/max top-up, or an unknown pay method; NotFound for an unknown member.
    Result<Receipt> topUp(const TopUpRequest &request);
    /// A purchase: prices, discount, voucher, payment, points, issued vouchers, tier upgrade.
    Result<Receipt> purchase(const PurchaseRequest &request);
    /// Returns a whole purchase: reverses its points and payment, reinstates its voucher.
    Result<Receipt> returnPurchase(const ReturnRequest &request);
    /// Redeems a catalogue reward for points (and its cash part).
    Result<Receipt> redeem(const RedeemRequest &request);
    /// Buys or renews the paid membership.
    Result<Receipt> buyMembership(const MembershipRequest &request);
    /// Refunds the stored value: the deposit is paid out, the bonus is forfeited.
    Result<Receipt> refund(const Uuid &member, const Uuid &staff);
    /// Accepts offer @p offerId (kiosk-evaluated, from HQ's feed, or one of @p hqOffers).
    /// NotFound when the offer is not currently available to the member. An HQ offer accepted
    /// offline counts toward the offline caps of the member's active card (its voucher value),
    /// Denied past them.
    Result<Receipt> acceptOffer(const Uuid &member, const std::string &offerId, std::span<const Offer> hqOffers = {});

    /// Writes the due points_expire / voucher_expire entries of every member.
    Result<Receipt> expireDue();
    /// Runs the tier review of the latest review date on or before now: downgrades members whose
    /// window no longer qualifies. Conflict when that review already ran; InvalidArgument when
    /// the policy has no review months.
    Result<Receipt> tierReview();

    /// The member as of now. Balances are the ledger's: points past their expiry stay in the
    /// balance until expireDue(), tierReview() or the member's next action writes the expiry;
    /// `expiries` lists only batches not yet due. For a member HQ merged away, its own (empty)
    /// view with `mergedInto` naming the survivor (resolveMember).
    Result<MemberView> member(const Uuid &member) const;
    /// Current offers for @p member, ranked: kiosk-evaluated ones (source "kiosk"), the member's
    /// per-member offers HQ sent in the feed (source "hq", within valid_from..valid_until and
    /// their per-member limit) and applicable @p hqOffers.
    Result<std::vector<Offer>> offers(const Uuid &member, std::span<const Offer> hqOffers = {}) const;
    /// Every entry about @p member with its explanation, oldest first.
    Result<std::vector<HistoryLine>> history(const Uuid &member) const;
    /// Every member id, in enrolment order.
    Result<std::vector<Uuid>> members() const;
    /// What is left of reward @p rewardId's stock for this kiosk (HQ's fleet-wide remaining minus
    /// this kiosk's redemptions since HQ counted; before HQ sent a count, the policy's stock minus
    /// this kiosk's redemptions); nullopt for a reward without stock. A redeem is refused
    /// ("out of stock") at 0 or below. NotFound for an unknown reward.
    Result<std::optional<int64_t>> rewardStockLeft(const std::string &rewardId) const;
    /// Times reward @p rewardId was redeemed in total.
    Result<int64_t> rewardRedeemed(const std::string &rewardId) const;
    // ---- Members: lookup, duplicates, PINs (enginemembers.cpp) ----

    /// Members whose name or handle contains @p query (case-insensitive), whose phone contains the
    /// query's digits (queries of digits, spaces, '+', '-', '(', ')' only), or whose member id or
    /// card id is @p query, or — for a query of ASCII letters and spaces — whose Chinese name's
    /// pinyin contains it or whose pinyin initials start with it ("liwei", "Li Wei", "lw" find
    /// 李伟; ICU Han-Latin); ordered by name, at most @p limit. A member HQ merged away (its
    /// `member_alias` item) is listed as the member it was merged into, with `mergedFrom` naming
    /// it (once, however many of the two matched), or, while this kiosk does not know the
    /// survivor, as itself with `mergedInto` set. InvalidArgument for an empty query.
    Result<std::vector<MemberSummary>> findMembers(const std::string &query, size_t limit = 20) const;
    /// The member HQ merged @p member into, following chains of merges (docs/crm.md "Duplicates
    /// and merge", the kiosk's adopted `member_alias` items); @p member itself when it was not
    /// merged away. Corrupt when the aliases form a loop.
    Result<Uuid> resolveMember(const Uuid &member) const;
    /// Members with the same normalised phone, or the same name ignoring case and extra spaces
    /// (the enrol screen's "possible duplicate" offer); never a member HQ merged away.
    /// InvalidArgument when both are empty or the phone is malformed.
    Result<std::vector<MemberSummary>> duplicateCandidates(const std::string &name, const std::string &phone) const;
    /// Checks the member's PIN (counts toward the lock-out; a right PIN clears it). Denied when
    /// wrong or locked, InvalidArgument when empty, NotFound for an unknown member. Writes no entry.
    Result<void> checkPin(const Uuid &member, const std::string &pin);
    /// Changes the member's PIN (a pin_change entry). Denied when @p oldPin is wrong (counts
    /// toward the lock-out); InvalidArgument when @p newPin is not 4..12 digits.
    Result<void> changePin(const Uuid &member, const std::string &oldPin, const std::string &newPin);
    /// A staff points adjustment (adjust entry with reason and staff). InvalidArgument for 0
    /// points or a reason not 1..200 characters; Denied for role None or, above the policy's
    /// adjust.supervisor_threshold, a role below Supervisor; Insufficient when a negative
    /// adjustment exceeds the points balance; NotFound for an unknown member.
    Result<Receipt> adjustPoints(const AdjustRequest &request);
    /// Records a rating and/or comment (feedback entry). InvalidArgument for a rating outside
    /// 0..5, an unknown category, text over 500 bytes or not UTF-8, or nothing at all.
    Result<Receipt> recordFeedback(const FeedbackRequest &request);
    /// The policy's feedback categories (policy feedback.categories).
    std::vector<std::string> feedbackCategories() const;

    // ---- Cards: replacement, deny-list, offline caps (enginecards.cpp) ----

    /// Lost-card replacement: one atomic pair of transfer entries (out of @p oldCard, into
    /// @p newCard) moves deposit, bonus and points; the old card becomes "replaced" (deny-listed)
    /// and the new card belongs to the same member. NotFound for an unknown old card,
    /// AlreadyExists for a new card already issued, Conflict when the old card is not active,
    /// InvalidArgument for a nil or identical new card.
    Result<Receipt> replaceCard(const Uuid &oldCard, const Uuid &newCard, const Uuid &staff);
    /// Blocks (deny-lists) an active card without replacement: a card_alert entry. NotFound for
    /// an unknown card, Conflict when it is not active, InvalidArgument without a reason.
    Result<Receipt> blockCard(const Uuid &card, const std::string &reason, const Uuid &staff);
    /// The replaced and blocked cards, ordered by card id.
    Result<std::vector<Uuid>> denyList() const;
    /// A card's owner and status; NotFound for an unknown card.
    Result<CardStatusView> cardStatus(const Uuid &card) const;
    /// Tells the engine whether HQ is reachable and when its deny-list was last updated (UTC ms,
    /// 0 = never). Not persisted: the kiosk sets it at start and on every change.
    void setConnectivity(bool online, int64_t denyListUpdatedMs);
    /// The kiosk's own offline caps (`[offline]` of its configuration): per field, the tighter of
    /// these and the policy's `offline` applies, so a kiosk can be stricter than HQ, never looser.
    /// Not persisted. Values must be >= 0 (max_denylist_age_hours >= 1); misuse asserts.
    void tightenOfflineLimits(const OfflinePolicy &local);
    /// Records that @p card was just seen online (its offline counters restart). NotFound for an
    /// unknown card, Denied for a replaced or blocked one.
    Result<void> markCardOnline(const Uuid &card);
    /// What @p card may still spend offline. NotFound for an unknown card.
    Result<OfflineAllowance> offlineAllowance(const Uuid &card) const;

    // ---- HQ sync (enginesync.cpp, docs/sync-protocol.md "Whose view wins") ----

    /// Adopts one page of HQ's change feed atomically: one hq_sync entry per known item, and the
    /// cursor @p nextCursor, in one durable commit (re-applying a page after a crash is
    /// impossible: the cursor moved with it). A `member` item brings the member's balances to
    /// HQ's snapshot plus this kiosk's entries HQ has not merged yet; `deny` blocks the card;
    /// `kiosk_key` updates the fleet keys; `policy` is recorded, adopted unless it is another
    /// program (id), currency or time zone, or not above the version in force (then refused with
    /// the reason in the entry and in HqSyncOutcome::refused), and in force from its effective_ms.
    /// InvalidArgument for an item whose seq is not above the
    /// stored cursor or whose body is malformed, Conflict for a snapshot in another currency;
    /// nothing is written then.
    Result<HqSyncOutcome> applyHqFeed(std::span<const HqFeedItem> items, uint64_t nextCursor);
    /// The feed cursor stored by the last applyHqFeed (0 = never synced).
    uint64_t hqFeedCursor() const;
    /// Every program policy HQ published that this kiosk recorded, adopted or refused (with the
    /// reason), in feed order.
    Result<std::vector<HqPolicyView>> hqPolicies() const;
    /// The fleet kiosks' device keys as HQ last published them (ordered by kiosk id).
    Result<std::vector<FleetKey>> fleetKeys() const;
    /// Restarts the offline caps of every card in @p cards that this kiosk knows (their offline
    /// spending has reached HQ); unknown cards are ignored.
    Result<void> markCardsReconciled(std::span<const Uuid> cards);
    /// Records a successful sync round (engine_sync_state, not derived from entries): its time
    /// (UTC ms, > 0) and HQ's acknowledged ledger height, so "last synced" and the deny-list age
    /// survive a restart. InvalidArgument for a time <= 0.
    Result<void> recordSyncRound(int64_t timeMs, uint64_t ackedSeq);
    /// The last recordSyncRound (time 0 = never synced).
    struct SyncRound
    {
        int64_t timeMs = 0;
        uint64_t ackedSeq = 0;
    };
    SyncRound lastSyncRound() const;
    /// Brings the view of a tapped card's member up to a newer token written by another fleet
    /// kiosk (docs/sync-protocol.md, "The card's token in the view"): one card_sync entry with
    /// deltas = token − current balances when the token's counter is above the card's counter in
    /// card_states and its balances differ. Nothing written for this kiosk's own token, a counter
    /// not above, or equal balances. Refused, nothing written: InvalidArgument for a malformed
    /// token or a negative balance, Crypto for a bad signature, Denied when the signer is not
    /// the named kiosk's active fleet key, NotFound / Denied as a card use (unknown, blocked or
    /// another member's card), Conflict for another currency than the policy's.
    Result<CardTokenAdoption> adoptCardToken(const CardTokenFacts &token);

    // ---- Staff and shifts (enginestaff.cpp) ----

    /// Registers a staff member (an enrol entry with nil member, staff = the id and extra
    /// {"staff": true, "name", "role", "pin"}); never listed as a member. InvalidArgument for an
    /// empty name, role None or a bad PIN; AlreadyExists for a known staff or member id.
    Result<Receipt> registerStaff(const StaffRequest &request);
    /// Checks a staff PIN with the member PIN lock-out rules. NotFound for unknown staff, Denied
    /// for a wrong PIN or while locked.
    Result<StaffView> staffLogin(const Uuid &staffId, const std::string &pin);
    /// Every registered staff member, by name.
    Result<std::vector<StaffView>> staff() const;
    /// Opens a shift (shift_open entry). NotFound for unknown staff, Conflict when one is open.
    Result<Receipt> openShift(const Uuid &staff);
    /// The staff member's open shift so far. NotFound when none is open.
    Result<ShiftReport> shiftReport(const Uuid &staff) const;
    /// Closes the open shift: a shift_close entry with the settlement in extra. NotFound when
    /// none is open.
    Result<ShiftReport> closeShift(const Uuid &staff);

    /// One line explaining @p entry ("+12 pts: 120.00 × 1 pt/10.00 × Gold 1 (rule earn-std v3)").
    std::string explain(const LedgerEntry &entry) const;
    /// The phrasebook that explain(), history(), receipt explanations and member().tierProgress
    /// use from now on (empty = English, the default; a kiosk sets one per screen language:
    /// core/engine/explainertemplates.h).
    void setPhrasebook(Phrasebook book);

    struct Impl;

private:
    explicit Engine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace tapledger
