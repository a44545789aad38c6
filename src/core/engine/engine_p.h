#pragma once
// Private to the engine: Engine internals shared by the engine*.cpp files.

#include "core/device/datadir.h"
#include "core/engine/engine.h"
#include "core/engine/explainer.h"
#include "core/engine/venuecalendar.h"
#include "core/store/sqlitedb_p.h"
#include "core/store/sqlitestatement_p.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace tapledger {

struct Engine::Impl
{
    Impl(std::unique_ptr<DataDir> d, Policy p, VenueCalendar cal, std::shared_ptr<const Clock> c)
        : dir(std::move(d)), policy(std::move(p)), calendar(cal), clock(std::move(c)),
          explainer(calendar, policy.exponent)
    {
    }

    std::unique_ptr<DataDir> dir;
    Policy policy;
    VenueCalendar calendar;
    std::shared_ptr<const Clock> clock;
    Explainer explainer;
    bool batchOpen = false;

    /// A wrong PIN to count once the failed action has been rolled back.
    struct PinFailure
    {
        Uuid member;
        int64_t failures = 0;
        int64_t lockedUntilMs = 0;
    };
    std::optional<PinFailure> pendingPinFailure;

    struct MemberRow
    {
        Uuid id;
        std::string handle, name, birthday, pin, tier;
        int64_t enrolledMs = 0, membershipUntilMs = 0, tierSinceMs = 0;
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
    /// A draft stamped with now, a fresh idempotency key and canonical extra.
    LedgerEntry draft(EntryKind kind, const Uuid &member, const nlohmann::json &extra,
                      std::vector<std::string> refs) const;
    /// Appends @p drafts (one atomic append) and records them on @p receipt.
    Result<std::vector<StoredEntry>> append(std::vector<LedgerEntry> drafts, Receipt &receipt);
    /// The seq the next appended entry will get (exact inside a ledger scope).
    uint64_t nextSeq() const { return ledger().size() + 1; }

    /// Runs @p body inside a ledger scope; on error rolls everything back (then counts a wrong
    /// PIN, if that was the error), else commits and fills the receipt's balance lines.
    template<typename F>
    Result<Receipt> transact(const Uuid &member, F &&body);

    Result<MemberRow> memberRow(const Uuid &member) const;
    Result<int64_t> counter(const std::string &key) const;
    Result<void> checkPayMethod(const std::string &method, bool allowStoredValue) const;
    /// Checks the PIN against the lock-out state; wrong → Denied (and pendingPinFailure set).
    Result<void> verifyPin(const MemberRow &member, const std::string &pin);
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
    /// Issues a voucher of @p rule (origin in @p extraFields) to @p member.
    LedgerEntry voucherDraft(const Uuid &member, const VoucherRule &rule, nlohmann::json fields,
                             std::vector<std::string> refs) const;
    /// Kiosk-evaluated policy offers for a member.
    Result<std::vector<Offer>> policyOffers(const Uuid &member) const;
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
        if (pendingPinFailure) {
            auto stmt = db().prepare("INSERT OR REPLACE INTO engine_pin_state(member, failures, locked_until_ms) "
                                     "VALUES(?, ?, ?)");
            if (stmt) {
                stmt->bind(1, pendingPinFailure->member.bytes())
                    .bind(2, pendingPinFailure->failures)
                    .bind(3, pendingPinFailure->lockedUntilMs);
                (void)stmt->run();
            }
            pendingPinFailure.reset();
        }
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
