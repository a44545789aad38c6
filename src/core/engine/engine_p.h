#pragma once
// Private to the engine: Engine internals shared by the engine*.cpp files.

#include "core/device/datadir.h"
#include "core/engine/engine.h"
#include "core/engine/explainer.h"
#include "core/engine/pinyin.h"
#include "core/engine/venuecalendar.h"
#include "core/store/sqlitedb_p.h"
#include "core/store/sqlitestatement_p.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace tapledger {

/// A phone number as stored: digits with an optional leading '+', spaces, '-', '(', ')' and '.'
/// dropped; "" stays "". InvalidArgument unless 6..20 digits (enginemembers.cpp).
Result<std::string> normalisePhone(const std::string &phone);

struct Engine::Impl
{
    Impl(std::unique_ptr<DataDir> d, Policy p, VenueCalendar cal, std::shared_ptr<const Clock> c)
        : dir(std::move(d)), policy(std::move(p)), filePolicy(policy), calendar(cal), clock(std::move(c)),
          explainer(calendar, policy.exponent)
    {
    }

    std::unique_ptr<DataDir> dir;
    /// The policy in force: the file's, or the newest HQ policy effective now (refreshPolicy()).
    Policy policy;
    /// The policy the engine was opened with (the kiosk's file), the start of every switch.
    Policy filePolicy;
    VenueCalendar calendar;
    std::shared_ptr<const Clock> clock;
    Explainer explainer;
    /// Pinyin keys of member names for findMembers (ICU Han-Latin, cached).
    Pinyin pinyin;
    bool batchOpen = false;

    /// A wrong PIN to count once the failed action has been rolled back.
    struct PinFailure
    {
        Uuid member;
        int64_t failures = 0;
        int64_t lockedUntilMs = 0;
    };
    std::optional<PinFailure> pendingPinFailure;
    /// Persists pendingPinFailure (if any) outside any rolled-back scope, then clears it.
    void recordPinFailure();

    /// Connectivity as last told by setConnectivity (not persisted; online until told otherwise).
    bool online = true;
    int64_t denyListUpdatedMs = 0;
    /// The kiosk's own offline caps (its configuration), applied on top of the policy's.
    std::optional<OfflinePolicy> localOffline;
    /// The offline caps in force: per field the tighter of the policy's and the kiosk's.
    OfflinePolicy offlineLimits() const;

    /// The card an action was made with (nil = none) and the counter its entries carry.
    struct CardUse
    {
        Uuid card;
        uint32_t counter = 0;
    };

    struct MemberRow
    {
        Uuid id;
        std::string handle, name, birthday, pin, tier, phone;
        int64_t enrolledMs = 0, membershipUntilMs = 0, tierSinceMs = 0;
        bool consent = false;
    };

    /// How a stored-value charge splits over the two balances (both >= 0).
    struct Split
    {
        int64_t deposit = 0, bonus = 0;
    };

    Ledger &ledger() { return dir->ledger(); }
    const Ledger &ledger() const { return dir->ledger(); }
    SqliteDb &db() const { return dir->ledger().database(); }
    int64_t now() const { return clock->nowMs(); }
    std::string money(int64_t minor) const { return formatAmount(minor, policy.exponent); }

    /// "entry:<kiosk>:<seq>".
    std::string entryRef(uint64_t seq) const { return "entry:" + ledger().kioskId() + ":" + std::to_string(seq); }
    /// The fleet-wide reference of voucher @p local: its issuing entry, at this kiosk or, for an
    /// adopted voucher, at the kiosk that issued it (engine_voucher_refs).
    Result<std::string> voucherRef(uint64_t local) const;
    /// The fleet-wide reference of point batch @p local (engine_batch_refs), as voucherRef.
    Result<std::string> batchRef(uint64_t local) const;
    /// A draft stamped with now, a fresh idempotency key and canonical extra.
    LedgerEntry draft(EntryKind kind, const Uuid &member, const nlohmann::json &extra,
                      std::vector<std::string> refs) const;
    /// Appends @p drafts (one atomic append) and records them on @p receipt.
    Result<std::vector<StoredEntry>> append(std::vector<LedgerEntry> drafts, Receipt &receipt);
    /// append(), then the first entry becomes the receipt's main entry.
    Result<void> appendMain(std::vector<LedgerEntry> drafts, Receipt &receipt);
    /// The seq the next appended entry will get (exact inside a ledger scope).
    uint64_t nextSeq() const { return ledger().size() + 1; }

    /// Runs @p body inside a ledger scope; on error rolls everything back (then counts a wrong
    /// PIN, if that was the error), else commits and fills the receipt's balance lines.
    template<typename F>
    Result<Receipt> transact(const Uuid &member, F &&body);

    Result<MemberRow> memberRow(const Uuid &member) const;
    /// A registered staff member as a MemberRow (id, name, PIN hash) for verifyPin, and its role.
    struct StaffRow
    {
        MemberRow row;
        Card::Role role = Card::Role::None;
    };
    Result<StaffRow> staffRow(const Uuid &staff) const;
    /// Checks that @p card (nil = no card) is active and @p member's: NotFound for an unknown
    /// card, Denied for a replaced/blocked card or another member's. The counter is the larger of
    /// @p counter and the last one recorded + 1.
    Result<CardUse> useCard(const Uuid &card, const Uuid &member, uint32_t counter) const;
    /// Puts the card, its counter and the staff member (where unset) on every draft.
    static void stamp(std::vector<LedgerEntry> &drafts, const CardUse &use, const Uuid &staff);
    /// While offline: Denied when the deny-list is too old or @p use's card would pass the
    /// policy's offline caps with a spend of @p value minor units; else counts the spend (in the
    /// current scope). Online: nothing.
    Result<void> spendOffline(const CardUse &use, int64_t value);
    Result<int64_t> counter(const std::string &key) const;
    Result<void> checkPayMethod(const std::string &method, bool allowStoredValue) const;
    /// Checks the PIN against the lock-out state; wrong → Denied (and pendingPinFailure set).
    Result<void> verifyPin(const MemberRow &member, const std::string &pin);
    /// verifyPin outside an action: a wrong PIN is counted at once.
    Result<void> checkPinNow(const MemberRow &member, const std::string &pin);
    /// The encoded scrypt hash of a new PIN; InvalidArgument "PIN: …" unless 4..12 digits.
    Result<std::string> hashPin(const std::string &pin) const;
    /// How @p amount is taken from stored value under the spend order; Insufficient otherwise.
    Result<Split> splitStoredValue(const Uuid &member, int64_t amount) const;
    /// Appends due points_expire / voucher_expire entries (of one member, or all when null).
    Result<void> expireDue(const Uuid *member, Receipt &receipt);
    /// Spend or points earned by @p member in the tier window ending at @p endMs.
    Result<int64_t> tierValue(const Uuid &member, int64_t endMs) const;
    /// The highest level whose minimum @p value reaches.
    size_t tierFor(int64_t value) const;
    /// Appends a tier_change upgrade when the member's window now reaches a higher tier.
    Result<void> maybeUpgrade(const Uuid &member, Receipt &receipt);
    /// Writes @p rule into @p extra ("rule", "version") and its ref in front of @p refs: how every
    /// value line names the rule that produced it.
    static void tagRule(nlohmann::json &extra, std::vector<std::string> &refs, const RuleId &rule);
    /// The rule behind voucher @p voucherSeq, from its issue entry: the voucher rule, or the offer
    /// (id and version) for a voucher an offer issued. A voucher adopted from HQ (issued at another
    /// kiosk) names its rule's id with the version in force here. Id "" when nothing can be read.
    RuleId voucherRuleOf(int64_t voucherSeq) const;
    /// Issues a voucher of @p rule (origin in @p extraFields) to @p member.
    LedgerEntry voucherDraft(const Uuid &member, const VoucherRule &rule, nlohmann::json fields,
                             std::vector<std::string> refs) const;
    // ---- HQ-published policies (enginepolicy.cpp) ----

    /// An adopted HQ policy above the one in force, waiting for its effective moment.
    struct PendingPolicy
    {
        int64_t version = 0;
        int64_t effectiveMs = 0;
        Policy policy;
    };
    std::vector<PendingPolicy> pendingPolicies;
    /// Reads the adopted policies above the one in force from engine_hq_policies (parsed once).
    Result<void> loadHqPolicies();
    /// Switches to the newest pending policy whose effective moment has come (called at the
    /// start of every operation); older pending versions are dropped. Never goes back.
    void refreshPolicy();
    /// Starts over from filePolicy: loadHqPolicies() then refreshPolicy() (open, rollbackBatch).
    Result<void> resetPolicy();
    /// Decides whether the `policy` item @p body can be adopted: "" when yes, else why not.
    std::string policyRefusal(const nlohmann::json &body) const;

    /// What is left of @p reward's stock (which must have one): HQ's fleet-wide remaining minus
    /// this kiosk's redemptions HQ had not merged, or, before HQ sent any, the stock minus this
    /// kiosk's redemptions (enginestock.cpp).
    Result<int64_t> stockLeft(const Reward &reward) const;

    /// The per-member offers HQ sent for @p member (its newest adopted `offers` item), all of
    /// them: validity and limits are checked by Engine::offers (enginestock.cpp).
    Result<std::vector<Offer>> adoptedOffers(const Uuid &member) const;

    /// Kiosk-evaluated policy offers for a member.
    Result<std::vector<Offer>> policyOffers(const Uuid &member) const;

    /// The lines of a member search with every merged-away member replaced by its survivor
    /// (Engine::findMembers' rule), in @p found's order, at most @p limit (enginemembers.cpp).
    Result<std::vector<MemberSummary>> withSurvivors(std::vector<MemberSummary> found, size_t limit) const;
    /// Engine::resolveMember.
    Result<Uuid> resolveMember(const Uuid &member) const;
};

template<typename F>
Result<Receipt> Engine::Impl::transact(const Uuid &member, F &&body)
{
    pendingPinFailure.reset();
    const MemberBalance before = ledger().balance(member);
    TL_TRY(ledger().beginScope());
    Receipt receipt;
    receipt.member = member;
    Result<void> r = body(receipt);
    if (!r) {
        ledger().rollbackScope();
        recordPinFailure();
        return std::move(r).error();
    }
    TL_TRY(ledger().commitScope());
    if (!member.isNil()) {
        const MemberBalance after = ledger().balance(member);
        receipt.balances = {{"deposit", before.deposit, after.deposit - before.deposit, after.deposit},
                            {"bonus", before.bonus, after.bonus - before.bonus, after.bonus},
                            {"points", before.points, after.points - before.points, after.points}};
    }
    return receipt;
}

} // namespace tapledger
