// MerkleFrontier (compact range) and RFC 6962 inclusion proofs.
#include "core/bytes.h"
#include "core/ledger/merkle.h"
#include "core/ledger/merklefrontier.h"

#include <gtest/gtest.h>

#include <random>

using namespace tapledger;

namespace {
const char *kLeaves[] = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

std::vector<Sha256Digest> testLeaves()
{
    std::vector<Sha256Digest> out;
    for (const char *l : kLeaves)
        out.push_back(merkle::leafHash(*fromHex(l)));
    return out;
}

std::vector<Sha256Digest> randomLeaves(size_t n, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::vector<Sha256Digest> out(n);
    for (auto &leaf : out) {
        for (auto &b : leaf)
            b = static_cast<uint8_t>(rng());
    }
    return out;
}
} // namespace

TEST(MerkleFrontier, RootEqualsTheFullTreeHashAtEverySize)
{
    const auto leaves = randomLeaves(300, 11);
    MerkleFrontier f;
    EXPECT_EQ(f.root(), merkle::root({}));
    for (size_t n = 1; n <= leaves.size(); ++n) {
        f.push(leaves[n - 1]);
        ASSERT_EQ(f.size(), n);
        ASSERT_EQ(f.root(), merkle::root(std::span(leaves).first(n))) << "size " << n;
    }
}

TEST(MerkleFrontier, KnownRootOfTheRfc6962TestLeaves)
{
    MerkleFrontier f;
    for (const auto &l : testLeaves())
        f.push(l);
    EXPECT_EQ(toHex(f.root()), "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
}

TEST(MerkleFrontier, BytesRoundTripAndContinue)
{
    const auto leaves = randomLeaves(77, 5);
    MerkleFrontier f;
    for (size_t i = 0; i < 45; ++i)
        f.push(leaves[i]);
    auto back = MerkleFrontier::fromBytes(f.toBytes());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, f);
    for (size_t i = 45; i < leaves.size(); ++i)
        back->push(leaves[i]);
    EXPECT_EQ(back->root(), merkle::root(leaves));
}

TEST(MerkleFrontier, MalformedBytesAreCorrupt)
{
    MerkleFrontier f;
    f.push(Sha256Digest{});
    f.push(Sha256Digest{});
    f.push(Sha256Digest{}); // size 3: two subtrees
    Bytes good = f.toBytes();
    ASSERT_EQ(good.size(), 8u + 64u);
    const std::vector<Bytes> bad = {{}, Bytes(7, 0), Bytes(good.begin(), good.end() - 1), [&] {
                                        Bytes b = good;
                                        b[7] = 4; // size 4 needs one subtree, 64 bytes follow
                                        return b;
                                    }()};
    for (const auto &b : bad) {
        auto r = MerkleFrontier::fromBytes(b);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::Corrupt);
    }
}

TEST(MerkleInclusion, KnownAnswerProofsFromTheCertificateTransparencySuite)
{
    const auto leaves = testLeaves();
    struct Case
    {
        uint64_t leaf, size; // leaf 1-based
        std::vector<const char *> path;
    };
    const Case cases[] = {
        {1, 8,
         {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
        {6, 8,
         {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
        {3, 3, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
        {2, 5,
         {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
    };
    for (const auto &c : cases) {
        const auto tree = std::span(leaves).first(c.size);
        const auto proof = merkle::inclusionProof(tree, c.leaf - 1);
        ASSERT_EQ(proof.size(), c.path.size()) << c.leaf << "/" << c.size;
        for (size_t i = 0; i < proof.size(); ++i)
            EXPECT_EQ(toHex(proof[i]), c.path[i]) << c.leaf << "/" << c.size << " step " << i;
        EXPECT_TRUE(merkle::verifyInclusion(c.leaf - 1, c.size, tree[c.leaf - 1], proof, merkle::root(tree)));
    }
}

TEST(MerkleInclusion, EveryLeafOfEverySizeVerifiesAndTamperingFails)
{
    const auto leaves = randomLeaves(40, 3);
    for (uint64_t n = 1; n <= leaves.size(); ++n) {
        const auto tree = std::span(leaves).first(n);
        const auto root = merkle::root(tree);
        for (uint64_t i = 0; i < n; ++i) {
            auto proof = merkle::inclusionProof(tree, i);
            ASSERT_TRUE(merkle::verifyInclusion(i, n, tree[i], proof, root)) << i << "/" << n;
            EXPECT_FALSE(merkle::verifyInclusion(i, n, leaves[(i + 1) % leaves.size()], proof, root));
            if (n > 1) {
                EXPECT_FALSE(merkle::verifyInclusion((i + 1) % n, n, tree[i], proof, root)) << i << "/" << n;
                proof[0][0] ^= 1;
                EXPECT_FALSE(merkle::verifyInclusion(i, n, tree[i], proof, root));
            }
        }
        EXPECT_FALSE(merkle::verifyInclusion(n, n, tree[0], merkle::inclusionProof(tree, 0), root));
    }
}
