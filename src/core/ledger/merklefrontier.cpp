#include "core/ledger/merklefrontier.h"

#include "core/ledger/merkle.h"

#include <bit>

namespace tapledger {

void MerkleFrontier::push(const Sha256Digest &leafHash)
{
    m_subtrees.emplace_back(1, leafHash);
    ++m_size;
    // Like a binary counter: two subtrees of one size make one of twice the size.
    while (m_subtrees.size() >= 2 && m_subtrees[m_subtrees.size() - 2].first == m_subtrees.back().first) {
        const auto right = m_subtrees.back();
        m_subtrees.pop_back();
        m_subtrees.back() = {right.first * 2, merkle::nodeHash(m_subtrees.back().second, right.second)};
    }
}

Sha256Digest MerkleFrontier::root() const
{
    if (m_subtrees.empty())
        return merkle::root({});
    // RFC 6962: MTH(D[n]) = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two below n.
    Sha256Digest acc = m_subtrees.back().second;
    for (size_t i = m_subtrees.size() - 1; i-- > 0;)
        acc = merkle::nodeHash(m_subtrees[i].second, acc);
    return acc;
}

Bytes MerkleFrontier::toBytes() const
{
    Bytes out;
    out.reserve(8 + 32 * m_subtrees.size());
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(m_size >> shift));
    for (const auto &[leaves, hash] : m_subtrees)
        out.insert(out.end(), hash.begin(), hash.end());
    return out;
}

Result<MerkleFrontier> MerkleFrontier::fromBytes(ByteView bytes)
{
    if (bytes.size() < 8)
        return fail(ErrorCode::Corrupt, "Merkle frontier: shorter than its size field");
    MerkleFrontier f;
    for (size_t i = 0; i < 8; ++i)
        f.m_size = (f.m_size << 8) | bytes[i];
    const auto count = static_cast<size_t>(std::popcount(f.m_size));
    if (bytes.size() != 8 + 32 * count)
        return fail(ErrorCode::Corrupt, "Merkle frontier: " + std::to_string(bytes.size()) + " bytes do not fit size " +
                                            std::to_string(f.m_size));
    size_t offset = 8;
    for (int bit = 63; bit >= 0; --bit) {
        const uint64_t leaves = uint64_t{1} << bit;
        if (!(f.m_size & leaves))
            continue;
        Sha256Digest h{};
        std::copy(bytes.begin() + static_cast<std::ptrdiff_t>(offset), bytes.begin() + static_cast<std::ptrdiff_t>(offset + 32),
                  h.begin());
        f.m_subtrees.emplace_back(leaves, h);
        offset += 32;
    }
    return f;
}

} // namespace tapledger
