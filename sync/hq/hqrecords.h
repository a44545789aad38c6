#pragma once
// Rows of HQ's store (docs/hq-storage.md), as the reconciler and the commands see them.

#include "core/crypto/ed25519.h"
#include "core/crypto/sha256.h"
#include "core/uuid.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tapledger::sync {

/// An enrolled kiosk.
struct KioskRecord
{
    std::string kioskId;
    Ed25519PublicKey deviceKey{};   ///< its ledger key, also its TLS certificate's key
    std::string certSerial;         ///< hex serial of its current certificate
    std::string status;             ///< "active", "revoked" or "quarantined"
    std::string statusReason;       ///< why quarantined or revoked, "" when active
    int64_t enrolledMs = 0;
};

/// The tip of one chain as HQ holds it (a kiosk's, or HQ's own "hq").
struct ChainTip
{
    uint64_t size = 0;          ///< entries stored, = seq of the last
    Sha256Digest lastHash{};    ///< hash of entry `size`, zero when empty
    std::vector<uint8_t> frontier; ///< MerkleFrontier::toBytes() over the entry hashes
    std::string headJson;       ///< the kiosk's latest accepted signed tree head, "" = none
};

/// A member's master balances: the sum of every merged entry (minor units / points).
struct MasterBalance
{
    Uuid member;
    std::string currency;       ///< "" until the first value entry
    int64_t deposit = 0, bonus = 0, points = 0;
    int64_t debt = 0;           ///< stored value owed after an overspend, minor units (>= 0)
    int64_t pointsDebt = 0;     ///< points owed after an overspend (>= 0)
};

/// A member's card as HQ knows it.
struct CardRecord
{
    Uuid card;
    std::string status;         ///< "active", "replaced" or "blocked"
    uint32_t counter = 0;       ///< highest counter merged
};

/// A member's profile as HQ knows it (from enrol, pin_change, tier_change entries).
struct MemberRecord
{
    Uuid member;
    std::string handle, name, birthday, pin, phone, tier;
    bool consent = false;
    std::vector<CardRecord> cards;          ///< ordered by card id
    std::map<std::string, uint64_t> sources; ///< kiosk id → highest seq merged about the member
};

/// A security alert (docs/sync-protocol.md, "Merge at HQ").
struct AlertRecord
{
    uint64_t id = 0;
    std::string type;           ///< "fork", "clone", "overspend", "rollback", "tamper"
    std::string kioskId;        ///< the kiosk whose entry or batch raised it
    uint64_t seq = 0;           ///< that kiosk's entry, 0 = the batch
    Uuid card, member;          ///< nil when not about one
    std::string detail;         ///< one line for people
    int64_t timeMs = 0;
};

/// A line of the card deny-list (append-only, versioned).
struct DenyRecord
{
    uint64_t version = 0;       ///< 1, 2, … in order of listing
    Uuid card, member;
    std::string reason;         ///< "fork", "overspend", "clone", "replaced", "blocked"
    int64_t timeMs = 0;
};

/// A program policy version HQ published (tapledger-hq publish-policy; feed item `policy`).
struct PolicyRecord
{
    std::string policyId;       ///< the policy's `id`
    int64_t version = 0;        ///< its `version`; strictly increasing per policy id
    int64_t effectiveMs = 0;    ///< UTC ms from which kiosks apply it
    std::string currency;       ///< its currency (a later version must keep it)
    std::string policyJson;     ///< the policy file in canonical JSON (CanonicalCodec::canonicalJson)
    int64_t publishedMs = 0;
    uint64_t feedSeq = 0;       ///< the feed item that carries it
};

/// One kiosk's merged redemptions of a reward (the fleet-wide stock, feed item `stock`).
struct RewardRedemptions
{
    std::string rewardId;
    std::string kioskId;
    int64_t redeemed = 0;       ///< redeem entries of the reward merged from this kiosk
    uint64_t lastSeq = 0;       ///< the kiosk's seq of the last of them
};

/// The per-member offers HQ last published for a member (feed item `offers`).
struct MemberOffersRecord
{
    Uuid member;
    std::string offersJson;     ///< canonical JSON array (HqOffers::toJson)
    int64_t publishedMs = 0;
    uint64_t feedSeq = 0;
};

/// Where a card counter was used first.
struct CardUse
{
    std::string kioskId;
    uint64_t seq = 0;
};

} // namespace tapledger::sync
