#include "core/ledger/merkle.h"

#include <bit>
#include <cassert>

namespace tapledger::merkle {

namespace {
/// Largest power of two strictly smaller than n (n >= 2).
size_t splitPoint(size_t n)
{
    return std::bit_floor(n - 1);
}

void subproof(std::span<const Sha256Digest> d, size_t m, bool complete, std::vector<Sha256Digest> &out)
{
    const size_t n = d.size();
    if (m == n) {
        if (!complete)
            out.push_back(root(d));
        return;
    }
    const size_t k = splitPoint(n);
    if (m <= k) {
        subproof(d.first(k), m, complete, out);
        out.push_back(root(d.subspan(k)));
    } else {
        subproof(d.subspan(k), m - k, false, out);
        out.push_back(root(d.first(k)));
    }
}
} // namespace

Sha256Digest leafHash(ByteView data)
{
    return Sha256().update(uint8_t{0x00}).update(data).finish();
}

Sha256Digest nodeHash(const Sha256Digest &left, const Sha256Digest &right)
{
    return Sha256().update(uint8_t{0x01}).update(left).update(right).finish();
}

Sha256Digest root(std::span<const Sha256Digest> leaves)
{
    if (leaves.empty())
        return sha256({});
    if (leaves.size() == 1)
        return leaves[0];
    const size_t k = splitPoint(leaves.size());
    return nodeHash(root(leaves.first(k)), root(leaves.subspan(k)));
}

std::vector<Sha256Digest> consistencyProof(std::span<const Sha256Digest> leafHashes, uint64_t oldSize)
{
    assert(oldSize <= leafHashes.size());
    std::vector<Sha256Digest> out;
    if (oldSize == 0 || oldSize == leafHashes.size())
        return out;
    subproof(leafHashes, static_cast<size_t>(oldSize), true, out);
    return out;
}

namespace {
void path(std::span<const Sha256Digest> d, size_t m, std::vector<Sha256Digest> &out)
{
    if (d.size() <= 1)
        return;
    const size_t k = splitPoint(d.size());
    if (m < k) {
        path(d.first(k), m, out);
        out.push_back(root(d.subspan(k)));
    } else {
        path(d.subspan(k), m - k, out);
        out.push_back(root(d.first(k)));
    }
}
} // namespace

std::vector<Sha256Digest> inclusionProof(std::span<const Sha256Digest> leafHashes, uint64_t index)
{
    assert(index < leafHashes.size());
    std::vector<Sha256Digest> out;
    path(leafHashes, static_cast<size_t>(index), out);
    return out;
}

bool verifyInclusion(uint64_t index, uint64_t treeSize, const Sha256Digest &leaf, std::span<const Sha256Digest> proof,
                     const Sha256Digest &rootHash)
{
    if (index >= treeSize)
        return false;
    uint64_t fn = index;
    uint64_t sn = treeSize - 1;
    Sha256Digest r = leaf;
    for (const auto &p : proof) {
        if (sn == 0)
            return false;
        if ((fn & 1) || fn == sn) {
            r = nodeHash(p, r);
            if (!(fn & 1)) {
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = nodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && r == rootHash;
}

bool verifyConsistency(uint64_t oldSize, uint64_t newSize, const Sha256Digest &oldRoot, const Sha256Digest &newRoot,
                       std::span<const Sha256Digest> proof)
{
    if (oldSize > newSize)
        return false;
    if (oldSize == 0)
        return proof.empty();
    if (oldSize == newSize)
        return proof.empty() && oldRoot == newRoot;
    if (proof.empty())
        return false;

    std::vector<Sha256Digest> path(proof.begin(), proof.end());
    if (std::has_single_bit(oldSize))
        path.insert(path.begin(), oldRoot);
    uint64_t fn = oldSize - 1;
    uint64_t sn = newSize - 1;
    while (fn & 1) {
        fn >>= 1;
        sn >>= 1;
    }
    Sha256Digest fr = path[0];
    Sha256Digest sr = path[0];
    for (size_t i = 1; i < path.size(); ++i) {
        const auto &c = path[i];
        if (sn == 0)
            return false;
        if ((fn & 1) || fn == sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            if (!(fn & 1)) {
                do {
                    fn >>= 1;
                    sn >>= 1;
                } while (!(fn & 1) && fn != 0);
            }
        } else {
            sr = nodeHash(sr, c);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return fr == oldRoot && sr == newRoot && sn == 0;
}

} // namespace tapledger::merkle
