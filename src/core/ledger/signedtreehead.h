#pragma once

#include "core/crypto/ed25519.h"
#include "core/crypto/sha256.h"
#include "core/result.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tapledger {

class Ed25519SecretKey;

/// A signed tree head (after RFC 6962 section 3.5): the Merkle root over a kiosk's entry hashes,
/// the tree size and a time, signed by the device key. Two heads of one kiosk must be consistent
/// (RFC 6962 section 2.1.2): a rolled-back or rewritten ledger is caught by that check.
struct SignedTreeHead
{
    static constexpr uint8_t kFormatVersion = 1;

    std::string kioskId;
    uint64_t treeSize = 0;   ///< number of entries covered
    Sha256Digest rootHash{}; ///< RFC 6962 Merkle tree hash of the entry hashes
    int64_t timeMs = 0;      ///< UTC ms when the head was made
    Ed25519Signature signature{};

    /// The signed bytes: "TLSTH" | version u8 | kiosk id (u8 len + bytes) | size u64 BE | root | time i64 BE.
    std::vector<uint8_t> signedBytes() const;
    /// Fills signature.
    void sign(const Ed25519SecretKey &key);
    /// Checks the signature against @p publicKey.
    [[nodiscard]] bool verify(const Ed25519PublicKey &publicKey) const;
    /// JSON object text: kiosk_id, tree_size, root_hash (hex), time_ms, signature (hex).
    std::string toJson() const;
    /// Parses toJson() output; InvalidArgument when malformed.
    static Result<SignedTreeHead> fromJson(std::string_view json);
};

/// Checks that @p newer extends @p older using an RFC 6962 consistency @p proof: same kiosk,
/// size not smaller, and the proof links both roots. Signatures are not checked here.
Result<void> checkTreeHeadConsistency(const SignedTreeHead &older, const SignedTreeHead &newer,
                                      std::span<const Sha256Digest> proof);

} // namespace tapledger
