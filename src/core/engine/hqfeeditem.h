#pragma once

#include "core/crypto/ed25519.h"
#include "core/uuid.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tapledger {

/// One item of HQ's signed change feed as the engine adopts it (docs/sync-protocol.md, "Whose
/// view wins"). The sync client has already checked HQ's signature; the engine keeps it in the
/// hq_sync entry so anyone can check the kiosk adopted an authentic HQ view.
struct HqFeedItem
{
    uint64_t seq = 0;              ///< feed sequence number, >= 1
    std::string type;              ///< "member", "deny", "kiosk_key", "policy", "stock", "offers", "profile", "member_alias"; other types are skipped
    std::string body;              ///< canonical JSON object (keys sorted, no spaces, integers only)
    Ed25519Signature signature{};  ///< HQ's Ed25519 signature over the item
};

/// What applying a feed page did.
struct HqSyncOutcome
{
    uint64_t cursor = 0;       ///< the feed cursor now stored
    size_t applied = 0;        ///< items written as hq_sync entries
    size_t skipped = 0;        ///< items of a type this engine does not know (counted through)
    std::vector<uint64_t> seqs; ///< ledger entries written
    /// One line per item recorded but not adopted (a `policy` item the engine refused, with why).
    std::vector<std::string> refused;
};

/// A program policy HQ published in the feed, as this kiosk recorded it (docs/sync-protocol.md,
/// `policy` items; docs/decisions.md "Issue 11 — feed: policy, stock, offers").
struct HqPolicyView
{
    uint64_t seq = 0;          ///< the hq_sync entry that recorded it
    std::string policyId;
    int64_t version = 0;
    int64_t effectiveMs = 0;   ///< UTC ms from which it applies
    std::string status;        ///< "adopted" (in force or waiting for effectiveMs) or "refused"
    std::string reason;        ///< why refused, "" when adopted
};

/// A fleet kiosk's device key as HQ last published it.
struct FleetKey
{
    std::string kioskId;
    Ed25519PublicKey publicKey{};
    std::string status; ///< "active", "revoked" or "quarantined": only active keys are trusted
};

} // namespace tapledger
