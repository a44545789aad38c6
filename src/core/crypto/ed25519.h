#pragma once

#include "core/bytes.h"
#include "core/result.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tapledger {

/// An Ed25519 public key (RFC 8032 section 5.1.5), 32 bytes.
using Ed25519PublicKey = std::array<uint8_t, 32>;
/// An Ed25519 signature (RFC 8032 section 5.1.6), 64 bytes.
using Ed25519Signature = std::array<uint8_t, 64>;
/// An Ed25519 private key seed (RFC 8032 section 5.1.5), 32 bytes. Clear it after use.
using Ed25519Seed = std::array<uint8_t, 32>;

/// Verifies @p signature over @p message under @p publicKey (pure Ed25519, RFC 8032 section 5.1.7).
/// Returns false for a bad signature and for a public key that is not a valid curve point.
[[nodiscard]] bool ed25519Verify(const Ed25519PublicKey &publicKey, ByteView message,
                                 const Ed25519Signature &signature);

/// The public key as a PEM "PUBLIC KEY" (SubjectPublicKeyInfo, RFC 8410) block, as `openssl pkey -pubout`.
std::string ed25519PublicKeyToPem(const Ed25519PublicKey &publicKey);

/// Reads a PEM "PUBLIC KEY" block; Crypto error when it is not an Ed25519 public key.
Result<Ed25519PublicKey> ed25519PublicKeyFromPem(std::string_view pem);

} // namespace tapledger
