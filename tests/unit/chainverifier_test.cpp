// ChainVerifier: one chain check for `ledger verify` and HQ's ingest.
#include "core/crypto/ed25519secretkey.h"
#include "core/crypto/sha256.h"
#include "core/ledger/canonicalcodec.h"
#include "core/ledger/chainverifier.h"

#include <gtest/gtest.h>

#include <functional>

using namespace tapledger;

namespace {
struct Signed
{
    Bytes body;
    Ed25519Signature sig{};
};

/// A valid chain of @p n top-ups by @p key for @p kiosk (amounts shifted by @p salt).
std::vector<Signed> chain(const Ed25519SecretKey &key, size_t n, const std::string &kiosk = "lobby-1", int64_t salt = 0)
{
    std::vector<Signed> out;
    Sha256Digest prev{};
    for (size_t i = 1; i <= n; ++i) {
        LedgerEntry e;
        e.kioskId = kiosk;
        e.seq = i;
        e.prevHash = prev;
        e.timeMs = 1'795'456'676'308 + static_cast<int64_t>(i);
        e.kind = EntryKind::TopUp;
        e.member = *Uuid::parse("6b2acad5-a0c2-40b0-b570-554632cf9e4f");
        e.currency = "CNY";
        e.depositDelta = 100 * static_cast<int64_t>(i) + salt;
        Bytes body = *CanonicalCodec::encode(e);
        prev = sha256(body);
        out.push_back({body, key.sign(body)});
    }
    return out;
}
} // namespace

TEST(ChainVerifier, AcceptsAChainAndContinuesFromATip)
{
    const auto key = Ed25519SecretKey::generate();
    const auto entries = chain(key, 5);
    ChainVerifier all("lobby-1", key.publicKey());
    for (const auto &s : entries)
        ASSERT_TRUE(all.next(s.body, s.sig).ok());
    EXPECT_EQ(all.lastSeq(), 5u);
    ChainVerifier tail("lobby-1", key.publicKey(), 3, sha256(entries[2].body));
    EXPECT_TRUE(tail.next(entries[3].body, entries[3].sig).ok());
    EXPECT_TRUE(tail.next(entries[4].body, entries[4].sig).ok());
    EXPECT_EQ(tail.lastHash(), all.lastHash());
}

TEST(ChainVerifier, RefusesEachDefectNamingTheSeqAndDoesNotAdvance)
{
    const auto key = Ed25519SecretKey::generate();
    const auto other = Ed25519SecretKey::generate();
    const auto good = chain(key, 3);
    const auto foreign = chain(key, 3, "bar-2");
    struct Case
    {
        const char *name;
        std::function<Signed()> make;
        const char *message;
    };
    const Case cases[] = {
        {"tampered amount", [&] { Signed s = good[1]; s.body[s.body.size() - 80] ^= 1; return s; }, "signature does not verify"},
        {"not canonical", [&] { Signed s = good[1]; s.body.push_back(0); return s; }, "seq 2: "},
        {"signed by another key", [&] { Signed s = good[1]; s.sig = other.sign(s.body); return s; }, "signature does not verify"},
        {"skips a seq", [&] { return good[2]; }, "claim seq 3"},
        {"replays the previous", [&] { return good[0]; }, "claim seq 1"},
        {"another kiosk", [&] { return foreign[1]; }, "belongs to kiosk 'bar-2'"},
        {"broken link", [&] { return chain(key, 2, "lobby-1", 7)[1]; }, "previous-hash link is broken"},
    };
    for (const auto &c : cases) {
        ChainVerifier v("lobby-1", key.publicKey());
        ASSERT_TRUE(v.next(good[0].body, good[0].sig).ok());
        const Signed bad = c.make();
        auto r = v.next(bad.body, bad.sig);
        ASSERT_FALSE(r.ok()) << c.name;
        EXPECT_EQ(r.error().code, ErrorCode::Corrupt) << c.name;
        EXPECT_NE(r.error().message.find(c.message), std::string::npos) << c.name << ": " << r.error().message;
        EXPECT_EQ(r.error().message.rfind("seq 2: ", 0), 0u) << c.name << ": " << r.error().message;
        EXPECT_EQ(v.lastSeq(), 1u) << c.name;
        EXPECT_TRUE(v.next(good[1].body, good[1].sig).ok()) << c.name;
    }
}
