// Known-answer tests for the OpenSSL-backed primitives.
#include "core/bytes.h"
#include "core/crypto/aes128.h"
#include "core/crypto/constanttime.h"
#include "core/crypto/ed25519.h"
#include "core/crypto/ed25519secretkey.h"
#include "core/crypto/sha256.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace tapledger;

namespace {
Bytes hex(std::string_view h)
{
    auto b = fromHex(h);
    EXPECT_TRUE(b.ok()) << h;
    return b.ok() ? *b : Bytes{};
}

template<size_t N>
std::array<uint8_t, N> fixedHex(std::string_view h)
{
    std::array<uint8_t, N> out{};
    const Bytes b = hex(h);
    EXPECT_EQ(b.size(), N);
    std::copy_n(b.begin(), std::min(N, b.size()), out.begin());
    return out;
}
} // namespace

struct Ed25519Vector
{
    const char *name, *seed, *publicKey, *message, *signature;
};

// RFC 8032 section 7.1.
const Ed25519Vector kRfc8032[] = {
    {"test1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe2465"
     "5141438e7a100b"},
    {"test2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb0"
     "0d291612bb0c00"},
    {"test3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc0"
     "27beceea1ec40a"},
    {"test-sha-abc", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a"
     "9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9"
     "bef1177331a704"},
};

TEST(Ed25519, Rfc8032KnownAnswers)
{
    for (const auto &v : kRfc8032) {
        SCOPED_TRACE(v.name);
        const auto key = Ed25519SecretKey::fromSeed(fixedHex<32>(v.seed));
        EXPECT_EQ(toHex(key.publicKey()), v.publicKey);
        const Bytes msg = hex(v.message);
        const Ed25519Signature sig = key.sign(msg);
        EXPECT_EQ(toHex(sig), v.signature);
        EXPECT_TRUE(ed25519Verify(key.publicKey(), msg, sig));
    }
}

TEST(Ed25519, OneKeySigningManyMessagesGivesEachItsKnownAnswer)
{
    // The key reuses its signing context: every vector's message, signed in turn (and twice) by
    // one key object with that vector's seed, must still give the RFC's signature.
    for (const auto &v : kRfc8032) {
        SCOPED_TRACE(v.name);
        const auto key = Ed25519SecretKey::fromSeed(fixedHex<32>(v.seed));
        for (const auto &other : kRfc8032)
            (void)key.sign(hex(other.message));
        for (int round = 0; round < 2; ++round)
            EXPECT_EQ(toHex(key.sign(hex(v.message))), v.signature) << "round " << round;
    }
}

TEST(Ed25519, RejectsEveryOneBitChangeOfSignatureMessageAndKey)
{
    const auto &v = kRfc8032[2];
    const auto pub = fixedHex<32>(v.publicKey);
    const Bytes msg = hex(v.message);
    const auto sig = fixedHex<64>(v.signature);
    for (size_t bit = 0; bit < sig.size() * 8; ++bit) {
        auto bad = sig;
        bad[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
        EXPECT_FALSE(ed25519Verify(pub, msg, bad)) << "signature bit " << bit;
    }
    for (size_t bit = 0; bit < msg.size() * 8; ++bit) {
        auto bad = msg;
        bad[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
        EXPECT_FALSE(ed25519Verify(pub, bad, sig)) << "message bit " << bit;
    }
    auto otherKey = pub;
    otherKey[0] ^= 1;
    EXPECT_FALSE(ed25519Verify(otherKey, msg, sig));
}

TEST(Ed25519, PemRoundTripsAndRejectsGarbage)
{
    const auto key = Ed25519SecretKey::generate();
    const std::string pem = key.toPem();
    EXPECT_NE(pem.find("BEGIN PRIVATE KEY"), std::string::npos);
    auto again = Ed25519SecretKey::fromPem(pem);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->publicKey(), key.publicKey());

    auto pub = ed25519PublicKeyFromPem(ed25519PublicKeyToPem(key.publicKey()));
    ASSERT_TRUE(pub.ok());
    EXPECT_EQ(*pub, key.publicKey());

    for (const char *garbage : {"", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "hello"}) {
        EXPECT_FALSE(Ed25519SecretKey::fromPem(garbage).ok()) << garbage;
        EXPECT_FALSE(ed25519PublicKeyFromPem(garbage).ok()) << garbage;
    }
    // A public key is not a private key.
    EXPECT_FALSE(Ed25519SecretKey::fromPem(ed25519PublicKeyToPem(key.publicKey())).ok());
}

TEST(Sha256, KnownAnswers)
{
    EXPECT_EQ(toHex(sha256({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(toHex(sha256(asBytes("abc"))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(toHex(Sha256().update(asBytes("a")).update(asBytes("bc")).finish()), toHex(sha256(asBytes("abc"))));
}

struct CmacVector
{
    const char *name, *message, *tag;
};

// RFC 4493 section 4, key 2b7e151628aed2a6abf7158809cf4f3c.
const CmacVector kRfc4493[] = {
    {"example1-empty", "", "bb1d6929e95937287fa37d129b756746"},
    {"example2-16", "6bc1bee22e409f96e93d7e117393172a", "070a16b46b4d4144f79bdd9dd04a287c"},
    {"example3-40",
     "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411",
     "dfa66747de9ae63030ca32611497c827"},
    {"example4-64",
     "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad"
     "2b417be66c3710",
     "51f0bebf7e3b9d92fc49741779363cfe"},
};

TEST(AesCmac, Rfc4493KnownAnswers)
{
    const auto key = fixedHex<16>("2b7e151628aed2a6abf7158809cf4f3c");
    for (const auto &v : kRfc4493) {
        SCOPED_TRACE(v.name);
        EXPECT_EQ(toHex(aes128Cmac(key, hex(v.message))), v.tag);
    }
}

TEST(AesCbc, Sp80038aKnownAnswerAndChaining)
{
    // NIST SP 800-38A F.2.1 / F.2.2, first two blocks.
    const auto key = fixedHex<16>("2b7e151628aed2a6abf7158809cf4f3c");
    const Bytes plain = hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
    AesBlock iv = fixedHex<16>("000102030405060708090a0b0c0d0e0f");
    Bytes cipher(plain.size());
    aes128CbcEncrypt(key, iv, plain, cipher);
    EXPECT_EQ(toHex(cipher), "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2");
    EXPECT_EQ(toHex(iv), "5086cb9b507219ee95db113a917678b2");

    // Two calls of one block each chain like one call of two blocks.
    AesBlock iv2 = fixedHex<16>("000102030405060708090a0b0c0d0e0f");
    Bytes piecewise(32);
    aes128CbcEncrypt(key, iv2, ByteView(plain).first(16), std::span(piecewise).first(16));
    aes128CbcEncrypt(key, iv2, ByteView(plain).subspan(16), std::span(piecewise).subspan(16));
    EXPECT_EQ(piecewise, cipher);

    AesBlock iv3 = fixedHex<16>("000102030405060708090a0b0c0d0e0f");
    Bytes back(cipher.size());
    aes128CbcDecrypt(key, iv3, cipher, back);
    EXPECT_EQ(back, plain);
    EXPECT_EQ(toHex(iv3), "5086cb9b507219ee95db113a917678b2");
}

TEST(ConstantTime, EqualOnlyForSameBytesAndLength)
{
    const Bytes a = {1, 2, 3};
    EXPECT_TRUE(constantTimeEqual(a, Bytes{1, 2, 3}));
    EXPECT_FALSE(constantTimeEqual(a, Bytes{1, 2, 4}));
    EXPECT_FALSE(constantTimeEqual(a, Bytes{1, 2}));
    EXPECT_TRUE(constantTimeEqual(Bytes{}, Bytes{}));
    Bytes secret = {9, 9, 9};
    secureZero(secret);
    EXPECT_EQ(secret, (Bytes{0, 0, 0}));
}

TEST(Hex, RoundTripAndErrors)
{
    EXPECT_EQ(toHex(hex("00ff10AB")), "00ff10ab");
    EXPECT_FALSE(fromHex("abc").ok());
    EXPECT_FALSE(fromHex("zz").ok());
    EXPECT_FALSE(fromHexExact("0011", 3, "key").ok());
    EXPECT_TRUE(fromHexExact("001122", 3, "key").ok());
}
