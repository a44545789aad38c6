#pragma once

#include "core/bytes.h"
#include "core/crypto/ed25519.h"
#include "core/engine/cardtokenfacts.h"
#include "core/result.h"
#include "core/uuid.h"
#include "nfc/desfirecard.h"

#include <array>
#include <cstdint>
#include <string>

namespace tapledger {
class Ed25519SecretKey;
}

namespace tapledger::nfc {

/// The signed card-state token in the backup file 0x02 (256 bytes, docs/card-format.md): the
/// balances mirror the card carries between offline kiosks, bound to one card (NFC UID + card
/// id) and signed with the Ed25519 device key of the kiosk that wrote it (RFC 8032).
/// HQ stays the authority; the counter orders a card's history and exposes rollbacks and clones.
struct CardStateToken
{
    static constexpr size_t kSize = 256;
    static constexpr size_t kSignedSize = 192; ///< bytes 0..191 are signed
    static constexpr uint8_t kVersion = 1;

    CardUid uid{};          ///< the card's 7-byte NFC UID
    Uuid cardId;            ///< TapLedger card id (member record), never nil
    Uuid memberId;          ///< owner, never nil
    uint32_t counter = 0;   ///< monotonic per card, +1 on every write; 0 only before the first
    uint64_t ledgerSeq = 0; ///< seq of the kiosk ledger entry this state follows
    int64_t deposit = 0;    ///< stored-value deposit, minor units of currency
    int64_t bonus = 0;      ///< stored-value bonus, minor units of currency
    int64_t points = 0;     ///< points
    std::string currency;   ///< ISO 4217 code (3 upper-case letters) or "" when no value yet
    std::string kioskId;    ///< last writer, 1..63 chars of [A-Za-z0-9._-]
    int64_t timeMs = 0;     ///< UTC ms when written
    Ed25519PublicKey signer{};    ///< device public key of the writing kiosk
    Ed25519Signature signature{}; ///< over the first 192 encoded bytes

    /// Sets signer and signature with @p key; InvalidArgument when a field is out of range.
    Result<void> sign(const Ed25519SecretKey &key);
    /// True when signature verifies over the encoding under signer (RFC 8032 section 5.1.7).
    [[nodiscard]] bool verifySignature() const;
    /// The 256-byte encoding; InvalidArgument when a field is out of range.
    Result<std::array<uint8_t, kSize>> encode() const;
    /// Parses 256 bytes; Corrupt for a bad magic, version, padding or field. Does not verify.
    static Result<CardStateToken> decode(ByteView bytes);

    friend bool operator==(const CardStateToken &, const CardStateToken &) = default;
};

/// @p token as the engine adopts it (Engine::adoptCardToken): its fields and its 256-byte
/// encoding. InvalidArgument as encode() for a field out of range.
Result<CardTokenFacts> cardTokenFacts(const CardStateToken &token);

} // namespace tapledger::nfc
