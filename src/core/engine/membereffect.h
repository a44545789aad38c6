#pragma once

#include "core/ledger/ledgerentry.h"
#include "core/result.h"

#include <optional>
#include <string>

namespace tapledger {

/// What one engine entry does to a member's profile and cards (docs/engine.md, "Entries per
/// action"): the single reading of enrol, pin_change, tier_change, issue, transfer and
/// card_alert entries, used by the kiosk's member projection and by HQ's merge.
struct MemberEffect
{
    /// Set by a member enrol entry (staff registrations are not members: no effect).
    struct Profile
    {
        std::string handle, name, birthday, pin, phone;
        bool consent = false;
    };
    std::optional<Profile> enrolled;
    std::optional<std::string> pin;  ///< pin_change: the new scrypt hash
    std::optional<std::string> tier; ///< tier_change about a member: the new tier id
    /// A card status set by the entry on entry.card: "active" (issue, transfer in), "replaced"
    /// (transfer out) or "blocked" (card_alert with action block); nullopt when none.
    std::optional<std::string> cardStatus;
    /// card_alert entries that are not a block: the card check that failed ("clone", "rollback",
    /// "bad_signature", "untrusted_signer", "malformed"), "" otherwise.
    std::string alertReason;
};

/// Reads @p entry's effect on its member; Corrupt when its extra is not a JSON object.
Result<MemberEffect> memberEffect(const LedgerEntry &entry);

} // namespace tapledger
