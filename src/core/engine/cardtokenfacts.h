#pragma once

#include "core/bytes.h"
#include "core/crypto/ed25519.h"
#include "core/uuid.h"

#include <cstdint>
#include <optional>
#include <string>

namespace tapledger {

/// A card-state token a tapped card carried, as the engine adopts it (docs/sync-protocol.md,
/// "The card's token in the view"). The fields are the decoding of @ref bytes by
/// nfc::CardStateToken (nfc::cardTokenFacts builds this); the engine verifies the signature in
/// the bytes itself and keeps the bytes in the card_sync entry, so anyone can re-verify them.
struct CardTokenFacts
{
    Uuid card;              ///< TapLedger card id, never nil
    Uuid member;            ///< owner, never nil
    uint32_t counter = 0;   ///< the card's counter in the token
    uint64_t ledgerSeq = 0; ///< seq of the writer's ledger entry the state follows
    int64_t deposit = 0;    ///< minor units of currency
    int64_t bonus = 0;      ///< minor units of currency
    int64_t points = 0;
    std::string currency;   ///< ISO 4217 or "" when the token holds no stored value
    std::string kioskId;    ///< the kiosk that wrote the token
    Bytes bytes;            ///< the 256 encoded bytes as read from the card
};

/// What Engine::adoptCardToken did with a token.
struct CardTokenAdoption
{
    enum class Kind {
        Adopted,  ///< one card_sync entry brought the member's balances to the token's
        OwnToken, ///< written by this kiosk: its ledger is the truth (nothing written)
        NotNewer, ///< its counter is not above what this kiosk's view reflects (nothing written)
        Unchanged ///< newer, but the view already shows its balances (nothing written)
    };
    Kind kind = Kind::NotNewer;
    std::optional<uint64_t> seq; ///< the card_sync entry, when Adopted
    int64_t depositDelta = 0, bonusDelta = 0, pointsDelta = 0; ///< the entry's deltas, when Adopted
};

} // namespace tapledger
