#pragma once

#include "core/crypto/ed25519.h"
#include "core/crypto/sha256.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace tapledger::sync {

/// HQ's answer to `GET /v1/hello` (docs/sync-protocol.md): what HQ holds of the asking kiosk.
struct Hello
{
    std::string kioskId;        ///< as read from the kiosk's client certificate
    std::string kioskStatus;    ///< "active" or "quarantined"
    uint64_t ackedSeq = 0;      ///< highest seq of this kiosk HQ stored, 0 = none
    Sha256Digest ackedRoot{};   ///< RFC 6962 root over entries 1..ackedSeq (SHA-256("") for 0)
    Ed25519PublicKey hqKey{};   ///< HQ's feed-signing key (the kiosk pins it)
    uint64_t feedHead = 0;      ///< newest feed seq, 0 = empty feed
    int64_t timeMs = 0;         ///< HQ's clock, UTC ms

    /// The JSON text with "protocol": 1.
    std::string toJson() const;
    /// Strict parse; InvalidArgument naming the first bad field.
    static Result<Hello> fromJson(std::string_view text);
};

} // namespace tapledger::sync
