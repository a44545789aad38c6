#pragma once
// Point-of-sale and HQ-posting rows of HQ's store (docs/hq-storage.md, docs/pos-api.md).

#include "core/crypto/ed25519.h"
#include "core/uuid.h"

#include <cstdint>
#include <string>

namespace tapledger::sync {

/// An enrolled point-of-sale system (`tapledger-hq enrol-pos`).
struct PosRecord
{
    std::string posId;            ///< the certificate's CN (kiosk id rule)
    Ed25519PublicKey publicKey{}; ///< its certificate's key
    std::string certSerial;       ///< hex serial of its current certificate
    std::string status;           ///< "active" or "revoked"
    int64_t enrolledMs = 0;       ///< UTC ms
};

/// One HQ-originated posting (HqPosting): the entries HQ wrote on its chain for one idempotency
/// key, and the answer given, so a re-sent request gets the same answer and stores nothing.
struct PostingRecord
{
    std::string key;            ///< idempotency key: "pos:<pos id>:<receipt>", "adjust:<caller's key>"
    std::string digest;         ///< SHA-256 hex of the request's canonical content (a reused key with
                                ///< another digest is a Conflict)
    std::string kind;           ///< "purchase", "return" or "adjust"
    Uuid member;
    std::string refersTo;       ///< a return: the key of the purchase it returns; "" otherwise
    int64_t amountMinor = 0;    ///< purchase charged / return given back, minor units (>= 0); adjust 0
    int64_t points = 0;         ///< points delta of all its entries (earned > 0, taken back < 0)
    uint64_t firstSeq = 0;      ///< its first entry on chain "hq"
    uint64_t lastSeq = 0;       ///< its last entry on chain "hq"
    std::string answerJson;     ///< the answer given the first time (docs/pos-api.md)
    int64_t createdMs = 0;      ///< UTC ms
};

} // namespace tapledger::sync
