#include "core/crypto/aes128.h"
#include "nfc/an10922.h"
#include "nfc/desfirecrypto.h"

#include <gtest/gtest.h>

#include <string>

using namespace tapledger;
using namespace tapledger::nfc;

namespace {

Aes128Key key(const std::string &hex)
{
    auto bytes = fromHexExact(hex, 16, "key");
    EXPECT_TRUE(bytes.ok());
    Aes128Key k{};
    if (bytes)
        std::copy(bytes->begin(), bytes->end(), k.begin());
    return k;
}

Bytes hex(const std::string &h)
{
    auto b = fromHex(h);
    EXPECT_TRUE(b.ok());
    return b ? *b : Bytes{};
}

struct DiversificationVector
{
    const char *name;
    const char *master;
    const char *input; // M, without the 0x01 prefix
    const char *expected;
};

// NXP AN10922 section 2.2.1 example and the AN10957 short-input example (libfreefare upstream tests).
const DiversificationVector kVectors[] = {
    {"an10922_full_32_bytes", "00112233445566778899aabbccddeeff", "04782e21801d803042f54e585020416275",
     "a8dd63a3b89d54b37ca802473fda9175"},
    {"an10957_short_input_padded", "f3f9377698707b688eaf84abe39e3791", "04deadbeeffeed",
     "0bb408baff98b6ee9f2e1585777f6a51"},
};

} // namespace

TEST(An10922, DiversifiesPublishedVectors)
{
    for (const auto &v : kVectors) {
        SCOPED_TRACE(v.name);
        auto derived = An10922::diversify(key(v.master), hex(v.input));
        ASSERT_TRUE(derived.ok());
        EXPECT_EQ(toHex(*derived), v.expected);
    }
}

TEST(An10922, PlainCmacOfShortInputIsTheKnownWrongValue)
{
    // A plain RFC 4493 CMAC pads only to 16 bytes: it gives 721E… — AN10922 must not.
    const Bytes d = hex("0104deadbeeffeed");
    EXPECT_EQ(toHex(aes128Cmac(key("f3f9377698707b688eaf84abe39e3791"), d)), "721e2c01e81af85d815633969cea2607");
    auto derived = An10922::diversify(key("f3f9377698707b688eaf84abe39e3791"), hex("04deadbeeffeed"));
    ASSERT_TRUE(derived.ok());
    EXPECT_NE(toHex(*derived), "721e2c01e81af85d815633969cea2607");
}

TEST(An10922, InputIsUidAidSystemId)
{
    auto m = An10922::input(hex("04782e21801d80"), hex("3042f5"), hex("4e585020416275"));
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(toHex(*m), "04782e21801d803042f54e585020416275");
}

TEST(An10922, RejectsBadInputSizes)
{
    const Aes128Key master{};
    EXPECT_FALSE(An10922::diversify(master, Bytes{}).ok());
    EXPECT_FALSE(An10922::diversify(master, Bytes(32, 0x11)).ok());
    EXPECT_TRUE(An10922::diversify(master, Bytes(31, 0x11)).ok());
    EXPECT_FALSE(An10922::input(hex("0102030405"), hex("3042f5"), {}).ok());
    EXPECT_FALSE(An10922::input(hex("04782e21801d80"), hex("3042"), {}).ok());
    EXPECT_FALSE(An10922::input(hex("04782e21801d80"), hex("3042f5"), Bytes(22, 0x41)).ok());
}

TEST(DesfireCrypto, ChainedCmacWithZeroIvIsRfc4493)
{
    const Aes128Key k = key("2b7e151628aed2a6abf7158809cf4f3c");
    const CmacSubkeys sk = cmacSubkeys(k);
    EXPECT_EQ(toHex(sk.k1), "fbeed618357133667c85e08f7236a8de"); // RFC 4493 section 4
    EXPECT_EQ(toHex(sk.k2), "f7ddac306ae266ccf90bc11ee46d513b");
    for (const char *msg : {"", "6bc1bee22e409f96e93d7e117393172a", "6bc1bee22e409f96e93d7e117393172aae2d8a57"}) {
        SCOPED_TRACE(msg);
        AesBlock iv{};
        const Bytes m = hex(msg);
        EXPECT_EQ(toHex(cmacChained(k, sk, iv, m)), toHex(aes128Cmac(k, m)));
        EXPECT_EQ(toHex(iv), toHex(aes128Cmac(k, m))); // the IV carries the full tag on
    }
}

TEST(DesfireCrypto, Crc32MatchesDesfireConvention)
{
    // DESFire CRC32 = IEEE CRC-32 without the final inversion: "123456789" → ~0xCBF43926.
    EXPECT_EQ(desfireCrc32(asBytes("123456789")), ~0xCBF43926u);
    EXPECT_EQ(desfireCrc32({}), 0xFFFFFFFFu);
}
