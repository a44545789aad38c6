#pragma once

#include "core/bytes.h"
#include "core/crypto/sha256.h"

#include <cstdint>
#include <span>
#include <vector>

namespace tapledger::merkle {

/// RFC 6962 section 2.1 leaf hash: SHA-256(0x00 || data).
Sha256Digest leafHash(ByteView data);
/// RFC 6962 section 2.1 interior node hash: SHA-256(0x01 || left || right).
Sha256Digest nodeHash(const Sha256Digest &left, const Sha256Digest &right);
/// RFC 6962 Merkle Tree Hash over already leaf-hashed inputs; SHA-256("") for none.
Sha256Digest root(std::span<const Sha256Digest> leafHashes);

/// RFC 6962 section 2.1.2 consistency proof PROOF(m, D[n]) for the first @p oldSize of @p leafHashes.
/// Empty when oldSize is 0 or equals the size. Misuse (oldSize > size) asserts.
std::vector<Sha256Digest> consistencyProof(std::span<const Sha256Digest> leafHashes, uint64_t oldSize);

/// RFC 6962 section 2.1.1 audit path PATH(m, D[n]) of leaf @p index in @p leafHashes (empty for
/// a one-leaf tree). Misuse (index >= size) asserts.
std::vector<Sha256Digest> inclusionProof(std::span<const Sha256Digest> leafHashes, uint64_t index);

/// Verifies an inclusion proof (RFC 9162 section 2.1.3.2): leaf hash @p leaf at @p index in a tree
/// of @p treeSize leaves with root @p rootHash.
[[nodiscard]] bool verifyInclusion(uint64_t index, uint64_t treeSize, const Sha256Digest &leaf,
                                   std::span<const Sha256Digest> proof, const Sha256Digest &rootHash);

/// Verifies a consistency proof (RFC 9162 section 2.1.4.2) between a tree of @p oldSize with root
/// @p oldRoot and one of @p newSize with root @p newRoot. Size 0 is consistent with anything.
[[nodiscard]] bool verifyConsistency(uint64_t oldSize, uint64_t newSize, const Sha256Digest &oldRoot,
                                     const Sha256Digest &newRoot, std::span<const Sha256Digest> proof);

} // namespace tapledger::merkle
