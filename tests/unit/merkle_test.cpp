#include "core/bytes.h"
#include "core/crypto/ed25519secretkey.h"
#include "core/ledger/merkle.h"
#include "core/ledger/signedtreehead.h"

#include <gtest/gtest.h>

#include <random>

using namespace tapledger;

namespace {
// RFC 6962 test leaves, as used by the certificate-transparency and transparency-dev test suites.
const char *kLeaves[] = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

std::vector<Sha256Digest> leafHashes(size_t n)
{
    std::vector<Sha256Digest> out;
    for (size_t i = 0; i < n; ++i)
        out.push_back(merkle::leafHash(*fromHex(kLeaves[i])));
    return out;
}

std::vector<Sha256Digest> randomLeaves(size_t n, std::mt19937 &rng)
{
    std::vector<Sha256Digest> out(n);
    for (auto &leaf : out) {
        for (auto &b : leaf)
            b = static_cast<uint8_t>(rng());
    }
    return out;
}
} // namespace

TEST(Merkle, Rfc6962KnownRoots)
{
    // platform.md: roots of the first 1 and all 8 test leaves.
    EXPECT_EQ(toHex(merkle::root(leafHashes(1))), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    EXPECT_EQ(toHex(merkle::root(leafHashes(8))), "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    EXPECT_EQ(toHex(merkle::root({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Merkle, ConsistencyProofsVerifyForEveryPairOfSizes)
{
    std::mt19937 rng(42);
    const auto leaves = randomLeaves(70, rng);
    for (uint64_t n = 1; n <= leaves.size(); ++n) {
        const auto tree = std::span(leaves).first(n);
        const auto newRoot = merkle::root(tree);
        for (uint64_t m = 0; m <= n; ++m) {
            const auto oldRoot = merkle::root(std::span(leaves).first(m));
            const auto proof = merkle::consistencyProof(tree, m);
            ASSERT_TRUE(merkle::verifyConsistency(m, n, oldRoot, newRoot, proof)) << m << " -> " << n;
        }
    }
}

TEST(Merkle, ConsistencyRejectsRewrittenHistoryAndBadProofs)
{
    std::mt19937 rng(7);
    auto leaves = randomLeaves(13, rng);
    const auto newRoot = merkle::root(leaves);
    for (uint64_t m = 1; m < leaves.size(); ++m) {
        const auto proof = merkle::consistencyProof(leaves, m);
        // A rewritten old tree: change one leaf the old head covered.
        auto forged = leaves;
        forged[m - 1][0] ^= 1;
        const auto forgedOldRoot = merkle::root(std::span(forged).first(m));
        EXPECT_FALSE(merkle::verifyConsistency(m, leaves.size(), forgedOldRoot, newRoot, proof)) << m;
        // A damaged proof.
        for (size_t i = 0; i < proof.size(); ++i) {
            auto bad = proof;
            bad[i][5] ^= 0x40;
            EXPECT_FALSE(merkle::verifyConsistency(m, leaves.size(), merkle::root(std::span(leaves).first(m)), newRoot,
                                                   bad))
                << m << " element " << i;
        }
        // Truncated proof. (A root does not commit to its size: the signed tree head carries it.)
        const auto oldRoot = merkle::root(std::span(leaves).first(m));
        if (!proof.empty()) {
            EXPECT_FALSE(merkle::verifyConsistency(m, leaves.size(), oldRoot, newRoot,
                                                   std::span(proof).first(proof.size() - 1)));
        }
    }
    EXPECT_FALSE(merkle::verifyConsistency(5, 4, {}, {}, {}));
}

TEST(SignedTreeHead, SignsVerifiesRoundTripsAndChecksConsistency)
{
    const auto key = Ed25519SecretKey::generate();
    std::mt19937 rng(3);
    const auto leaves = randomLeaves(10, rng);
    SignedTreeHead older{"lobby-1", 6, merkle::root(std::span(leaves).first(6)), 1000, {}};
    SignedTreeHead newer{"lobby-1", 10, merkle::root(leaves), 2000, {}};
    older.sign(key);
    newer.sign(key);
    EXPECT_TRUE(older.verify(key.publicKey()));
    auto parsed = SignedTreeHead::fromJson(newer.toJson());
    ASSERT_TRUE(parsed.ok());
    EXPECT_TRUE(parsed->verify(key.publicKey()));
    EXPECT_EQ(parsed->rootHash, newer.rootHash);

    EXPECT_TRUE(checkTreeHeadConsistency(older, newer, merkle::consistencyProof(leaves, 6)).ok());
    auto rolledBack = checkTreeHeadConsistency(newer, older, {});
    ASSERT_FALSE(rolledBack.ok());
    EXPECT_NE(rolledBack.error().message.find("rolled back"), std::string::npos);

    SignedTreeHead tampered = parsed.value();
    tampered.treeSize = 11;
    EXPECT_FALSE(tampered.verify(key.publicKey()));
    for (const char *bad : {"", "{}", "[1]", R"({"format_version":1,"kiosk_id":"k","tree_size":1,"root_hash":"00","time_ms":1,"signature":"00"})"})
        EXPECT_FALSE(SignedTreeHead::fromJson(bad).ok()) << bad;
}
