#pragma once

#include "core/result.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace tapledger {

/// The kind of a ledger entry. The numeric codes are part of the canonical encoding
/// (docs/ledger-format.md): never renumber, only append.
enum class EntryKind : uint16_t {
    Issue = 1,          ///< a card was issued (personalised) for a member
    Enrol = 2,          ///< a member was enrolled
    TopUp = 3,          ///< stored value added: deposit and bonus as separate deltas
    Earn = 4,           ///< points earned
    Redeem = 5,         ///< points (and optionally value) spent on a reward
    Pay = 6,            ///< a payment from stored value
    Purchase = 7,       ///< a purchase paid by another method (earns points; amount in extra)
    Return = 8,         ///< goods returned: reverses what a purchase earned
    VoucherIssue = 9,   ///< a voucher was issued
    VoucherUse = 10,    ///< a voucher was used
    VoucherExpire = 11, ///< a voucher expired unused
    PointsExpire = 12,  ///< a points batch expired
    Reversal = 13,      ///< corrects an earlier entry (referenced), opposite deltas
    Transfer = 14,      ///< balances moved between cards (lost-card replacement)
    Adjust = 15,        ///< a staff adjustment with a mandatory reason
    Feedback = 16,      ///< a member's rating or complaint
    ShiftOpen = 17,     ///< a staff shift started
    ShiftClose = 18,    ///< a staff shift closed (settlement in extra)
    CardAlert = 19,     ///< a card failed a security check (clone, rollback, bad token)
    Membership = 20,    ///< a paid membership was bought or renewed
    Refund = 21,        ///< stored value refunded (deposit only)
    TierChange = 22,    ///< a member's tier changed (upgrade, or downgrade at a review); member nil = review marker
    PinChange = 23,     ///< a member changed their PIN (new scrypt hash in extra)
    HqSync = 24,        ///< the kiosk adopted one signed HQ feed item (docs/sync-protocol.md); HQ never merges its deltas
    CardSync = 25,      ///< the kiosk adopted a newer card token of another fleet kiosk (token in extra); HQ never merges its deltas
};

/// Which way a kind moves balances, for tools that take unsigned amounts.
enum class KindDirection {
    None,   ///< carries no balance change (issue, feedback, shift...)
    Credit, ///< amounts are added
    Debit,  ///< amounts are taken away
    Either, ///< the caller says which (adjust, reversal, transfer, return)
};

/// Stable lower-case name used in JSON and the CLI ("topup", "voucher_issue").
std::string_view entryKindName(EntryKind kind) noexcept;
/// The kind for a name; InvalidArgument listing the valid names otherwise.
Result<EntryKind> entryKindFromName(std::string_view name);
/// The kind for a wire code; Corrupt for an unknown code.
Result<EntryKind> entryKindFromCode(uint16_t code);
/// How the kind moves balances.
KindDirection entryKindDirection(EntryKind kind) noexcept;
/// Every kind, in code order.
std::span<const EntryKind> allEntryKinds() noexcept;

} // namespace tapledger
