// Known answers for the DESFire key types and secure messaging: DES (FIPS 81 / NBS example),
// ISO/IEC 14443-3 CRC_A (Annex B), TDEA CMAC (NIST SP 800-38B D.4), AES session CMAC against
// OpenSSL's, session key layouts, and the legacy "send mode" as the inverse of the card's receive.
#include "core/crypto/random.h"
#include "nfc/desfirecrypto.h"
#include "nfc/desfirekey.h"

#include <gtest/gtest.h>

using namespace tapledger;
using namespace tapledger::nfc;

namespace {

Bytes hex(const char *text)
{
    return *fromHex(text);
}

} // namespace

TEST(DesfireKey, DesAndTripleDesKnownAnswers)
{
    struct Case
    {
        const char *name;
        DesfireKeyType type;
        const char *key;
        const char *plain;
        const char *cipher;
    };
    const Case cases[] = {
        {"DES, 'Now is t'", DesfireKeyType::Des, "0123456789abcdef", "4e6f772069732074", "3fa40e8a984d4815"},
        // 2K3DES with equal halves is single DES.
        {"2K3DES K1 == K2", DesfireKeyType::TwoK3Des, "0123456789abcdef0123456789abcdef", "4e6f772069732074",
         "3fa40e8a984d4815"},
        {"3K3DES K1 == K2 == K3", DesfireKeyType::ThreeK3Des, "0123456789abcdef0123456789abcdef0123456789abcdef",
         "4e6f772069732074", "3fa40e8a984d4815"},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        const DesfireKey k = DesfireKey::of(c.type, hex(c.key));
        Bytes block = hex(c.plain);
        desfireEcb(k, true, block);
        EXPECT_EQ(toHex(block), c.cipher);
        desfireEcb(k, false, block);
        EXPECT_EQ(toHex(block), c.plain);
    }
    // Halves equal apart from the parity (version) bits: still single DES.
    EXPECT_TRUE(DesfireKey::of(DesfireKeyType::TwoK3Des, hex("0123456789abcdef0022446688aaccee")).actsAsSingleDes());
    EXPECT_FALSE(DesfireKey::of(DesfireKeyType::TwoK3Des, hex("0123456789abcdeffedcba9876543210")).actsAsSingleDes());
    // Versions live in the parity bits (bit 0 of bytes 0..7, most significant first).
    EXPECT_EQ(DesfireKey::of(DesfireKeyType::TwoK3Des, hex("01000000000000010000000000000000")).version(), 0x81);
    EXPECT_EQ(DesfireKey::aes(Aes128Key{}, 7).version(), 7);
}

TEST(DesfireKey, Iso14443aCrcKnownAnswers)
{
    EXPECT_EQ(iso14443aCrc(hex("0000")), 0x1EA0); // sent A0 1E
    EXPECT_EQ(iso14443aCrc(hex("1234")), 0xCF26); // sent 26 CF
}

TEST(DesfireSession, TdeaCmacMatchesNistSp800_38B)
{
    // NIST SP 800-38B D.4, three-key TDEA, example 13 (empty message): T = b7a688e122ffaf95.
    // The 3K3DES session key is a0-3 b0-3 a6-9 b6-9 a12-15 b12-15: place the NIST key there.
    const Bytes k = hex("8aa83bf8cbda10620bc1bf19fbb6cd58bc313d4a371ca8b5");
    Bytes a(16), b(16);
    for (size_t i = 0; i < 4; ++i) {
        a[i] = k[i];
        b[i] = k[4 + i];
        a[6 + i] = k[8 + i];
        b[6 + i] = k[12 + i];
        a[12 + i] = k[16 + i];
        b[12 + i] = k[20 + i];
    }
    DesfireSession sm;
    sm.start(DesfireAuthScheme::Iso, DesfireKey::zero(DesfireKeyType::ThreeK3Des), a, b);
    EXPECT_EQ(toHex(ByteView(sm.key.bytes).first(24)), toHex(k));
    EXPECT_EQ(toHex(sm.cmac({})), "b7a688e122ffaf95");
}

TEST(DesfireSession, AesSessionCmacIsOpenSslCmacFromAZeroIv)
{
    for (int round = 0; round < 8; ++round) {
        Bytes a(16), b(16), m(static_cast<size_t>(round * 7));
        randomBytes(a);
        randomBytes(b);
        randomBytes(m);
        DesfireSession sm;
        sm.start(DesfireAuthScheme::Aes, DesfireKey::zero(DesfireKeyType::Aes), a, b);
        Aes128Key key{};
        std::copy(sm.key.bytes.begin(), sm.key.bytes.begin() + 16, key.begin());
        const AesBlock expected = aes128Cmac(key, m);
        EXPECT_EQ(toHex(sm.cmac(m)), toHex(ByteView(expected).first(8)));
    }
}

TEST(DesfireSession, SessionKeysFollowTheDatasheetAndEqualHalvesMeanDes)
{
    const Bytes a = hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
    const Bytes b = hex("b0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
    struct Case
    {
        DesfireKey authKey;
        DesfireKeyType sessionType;
        const char *sessionKey;
    };
    const Case cases[] = {
        {DesfireKey::zero(DesfireKeyType::TwoK3Des), DesfireKeyType::Des, "a0a1a2a3b0b1b2b3"},
        {DesfireKey::of(DesfireKeyType::TwoK3Des, hex("0123456789abcdeffedcba9876543210")), DesfireKeyType::TwoK3Des,
         "a0a1a2a3b0b1b2b3a4a5a6a7b4b5b6b7"},
        {DesfireKey::zero(DesfireKeyType::ThreeK3Des), DesfireKeyType::ThreeK3Des,
         "a0a1a2a3b0b1b2b3a6a7a8a9b6b7b8b9acadaeafbcbdbebf"},
        {DesfireKey::zero(DesfireKeyType::Aes), DesfireKeyType::Aes, "a0a1a2a3b0b1b2b3acadaeafbcbdbebf"},
    };
    for (const auto &c : cases) {
        DesfireSession sm;
        const size_t n = c.authKey.blockSize() == 16 || c.authKey.type == DesfireKeyType::ThreeK3Des ? 16 : 8;
        sm.start(DesfireAuthScheme::Iso, c.authKey, ByteView(a).first(n), ByteView(b).first(n));
        EXPECT_EQ(sm.key.type, c.sessionType);
        EXPECT_EQ(toHex(ByteView(sm.key.bytes).first(DesfireKey::length(c.sessionType))), c.sessionKey);
    }
}

TEST(DesfireSession, LegacySendModeIsUndoneByTheCardsReceive)
{
    DesfireSession pcd;
    pcd.start(DesfireAuthScheme::Legacy, DesfireKey::zero(DesfireKeyType::Des), hex("0102030405060708"),
              hex("1112131415161718"));
    DesfireSession picc = pcd;
    Bytes data = hex("00112233445566778899aabbccddeeff");
    const Bytes original = data;
    pcd.sendEncipher(data);
    EXPECT_NE(data, original);
    picc.sendDecipher(data);
    EXPECT_EQ(data, original);
    picc.answerEncipher(data);
    pcd.answerDecipher(data);
    EXPECT_EQ(data, original);
    EXPECT_EQ(pcd.cmac(original), (std::array<uint8_t, 8>{})); // legacy sessions have no CMAC
}
