#pragma once

#include "core/bytes.h"
#include "core/crypto/sha256.h"
#include "core/result.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace tapledger {

/// The right edge of an RFC 6962 Merkle tree (a "compact range"): the roots of the perfect
/// subtrees that cover the leaves so far, largest first. Appending a leaf and computing the root
/// cost O(log n), so a ledger or HQ never re-hashes the whole tree for a new tree head.
class MerkleFrontier
{
public:
    /// Appends one leaf, already leaf-hashed (merkle::leafHash, RFC 6962 section 2.1).
    void push(const Sha256Digest &leafHash);
    /// Number of leaves covered.
    uint64_t size() const noexcept { return m_size; }
    /// RFC 6962 Merkle Tree Hash of the leaves so far; SHA-256("") for none.
    Sha256Digest root() const;
    /// Compact encoding for storage: size u64 BE, then each subtree root (32 bytes), largest first.
    Bytes toBytes() const;
    /// Parses toBytes() output; Corrupt when the length does not match the size's subtrees.
    static Result<MerkleFrontier> fromBytes(ByteView bytes);

    friend bool operator==(const MerkleFrontier &, const MerkleFrontier &) = default;

private:
    std::vector<std::pair<uint64_t, Sha256Digest>> m_subtrees; ///< (leaves, root), largest first
    uint64_t m_size = 0;
};

} // namespace tapledger
