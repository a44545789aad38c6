#pragma once

#include "core/bytes.h"
#include "core/crypto/ed25519.h"
#include "core/result.h"

#include <cstddef>

namespace tapledger {

/// Where a 256-byte card-state token keeps its signer and signature (docs/card-format.md,
/// "Card-state token"): Ed25519 public key at bytes 160..191, signature at 192..255 over bytes
/// 0..191. For holders of a token's bytes that do not decode cards (the engine, HQ); the one
/// decoder is nfc::CardStateToken.
struct CardTokenLayout
{
    static constexpr size_t kSize = 256;        ///< encoded token, bytes
    static constexpr size_t kSignedSize = 192;  ///< bytes covered by the signature
    static constexpr size_t kSignerOffset = 160; ///< the writer's Ed25519 public key (32 bytes)
};

/// The key that signed @p tokenBytes when its signature verifies under that key (RFC 8032
/// section 5.1.7). InvalidArgument when @p tokenBytes is not 256 bytes long, Crypto when the
/// signature does not verify. Says nothing about whether the key is trusted.
Result<Ed25519PublicKey> verifiedCardTokenSigner(ByteView tokenBytes);

} // namespace tapledger
