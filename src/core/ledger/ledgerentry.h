#pragma once

#include "core/crypto/ed25519.h"
#include "core/crypto/sha256.h"
#include "core/ledger/entrykind.h"
#include "core/uuid.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tapledger {

/// One ledger entry, as encoded canonically (docs/ledger-format.md, format version 1).
/// When passed to Ledger::append() as a draft, formatVersion, kioskId, seq and prevHash are
/// filled in by the ledger; everything else is the caller's.
struct LedgerEntry
{
    static constexpr uint8_t kFormatVersion = 1;

    uint8_t formatVersion = kFormatVersion;
    std::string kioskId;      ///< 1..64 chars of [A-Za-z0-9._-]
    uint64_t seq = 0;         ///< position in the kiosk's chain, from 1
    Sha256Digest prevHash{};  ///< hash of entry seq-1; all zero for seq 1
    int64_t timeMs = 0;       ///< UTC milliseconds since the Unix epoch
    EntryKind kind = EntryKind::Adjust;
    Uuid card;                ///< TapLedger card id (not the NFC UID); nil = no card
    uint32_t cardCounter = 0; ///< the card's monotonic counter after this entry; 0 = none
    Uuid member;              ///< nil = not about a member (shift, device events)
    std::string currency;     ///< ISO 4217 code; must be set iff a value delta is non-zero, else ""
    int64_t depositDelta = 0; ///< stored-value deposit change, minor units
    int64_t bonusDelta = 0;   ///< stored-value bonus change, minor units
    int64_t pointsDelta = 0;  ///< points change
    std::vector<std::string> refs; ///< references: "rule:earn-std@3", "entry:<kiosk>:<seq>", ... (≤ 64, each 1..255 bytes)
    Uuid staff;               ///< staff member who acted; nil = self-service
    Uuid idempotencyKey;      ///< retry key, unique per ledger; nil = none
    std::string extra;        ///< canonical JSON object (sorted keys, no spaces, integers only) or ""

    friend bool operator==(const LedgerEntry &, const LedgerEntry &) = default;
};

/// An entry as stored: the entry, its canonical bytes, their SHA-256 and the device signature.
struct StoredEntry
{
    LedgerEntry entry;
    std::vector<uint8_t> canonical; ///< the exact bytes that are hashed and signed
    Sha256Digest hash{};            ///< SHA-256(canonical)
    Ed25519Signature signature{};   ///< Ed25519 over canonical by the device key
};

} // namespace tapledger
