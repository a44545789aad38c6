#pragma once

#include "core/engine/clock.h"
#include "core/engine/enginetypes.h"
#include "core/engine/offer.h"
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

    const Policy &policy() const noexcept;
    Ledger &ledger() noexcept;
    const Ledger &ledger() const noexcept;

    /// Groups the following actions into one durable commit (bulk import, simulation). Each action
    /// stays atomic on its own. Misuse (nested batches, commit without begin) asserts.
    Result<void> beginBatch();
    /// Commits the batch durably.
    Result<void> commitBatch();

    /// Enrols a member. InvalidArgument for an empty name/handle, a bad birthday or PIN;
    /// AlreadyExists for a taken handle or member id.
    Result<Receipt> enrol(const EnrolRequest &request);
    /// Registers card @p card (a TapLedger card id) for @p member. NotFound for an unknown member,
    /// AlreadyExists for a card already issued.
    Result<Receipt> issueCard(const Uuid &member, const Uuid &card, const Uuid &staff);
    /// The member a card belongs to; NotFound for an unknown card.
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
    /// Accepts offer @p offerId (kiosk-evaluated, or one of @p hqOffers). NotFound when the
    /// offer is not currently available to the member.
    Result<Receipt> acceptOffer(const Uuid &member, const std::string &offerId, std::span<const Offer> hqOffers = {});

    /// Writes the due points_expire / voucher_expire entries of every member.
    Result<Receipt> expireDue();
    /// Runs the tier review of the latest review date on or before now: downgrades members whose
    /// window no longer qualifies. Conflict when that review already ran; InvalidArgument when
    /// the policy has no review months.
    Result<Receipt> tierReview();

    /// The member as of now. Balances are the ledger's: points past their expiry stay in the
    /// balance until expireDue(), tierReview() or the member's next action writes the expiry;
    /// `expiries` lists only batches not yet due.
    Result<MemberView> member(const Uuid &member) const;
    /// Current offers for @p member, kiosk-evaluated plus applicable @p hqOffers, ranked.
    Result<std::vector<Offer>> offers(const Uuid &member, std::span<const Offer> hqOffers = {}) const;
    /// Every entry about @p member with its explanation, oldest first.
    Result<std::vector<HistoryLine>> history(const Uuid &member) const;
    /// Every member id, in enrolment order.
    Result<std::vector<Uuid>> members() const;
    /// Times reward @p rewardId was redeemed in total.
    Result<int64_t> rewardRedeemed(const std::string &rewardId) const;
    /// One line explaining @p entry ("+12 pts: 120.00 × 1 pt/10.00 × Gold 1 (rule earn-std v3)").
    std::string explain(const LedgerEntry &entry) const;

    struct Impl;

private:
    explicit Engine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace tapledger
