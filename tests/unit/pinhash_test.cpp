#include "core/crypto/pinhash.h"

#include <gtest/gtest.h>

using namespace tapledger;

namespace {
const PinHash::Params kCheap{10, 1, 1}; // fast for tests; the kiosk uses the defaults
}

TEST(PinHash, VerifiesTheRightPinOnly)
{
    auto h = PinHash::create("123456", kCheap);
    ASSERT_TRUE(h.ok());
    EXPECT_TRUE(h->verify("123456"));
    for (const char *wrong : {"123457", "12345", "1234567", "", "abcdef", "654321"})
        EXPECT_FALSE(h->verify(wrong)) << wrong;
}

TEST(PinHash, EncodeParseRoundTripAndSaltIsFresh)
{
    auto a = PinHash::create("2468", kCheap);
    auto b = PinHash::create("2468", kCheap);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a->encode(), b->encode()) << "two hashes of one PIN must differ by salt";
    auto parsed = PinHash::parse(a->encode());
    ASSERT_TRUE(parsed.ok());
    EXPECT_TRUE(parsed->verify("2468"));
    EXPECT_EQ(parsed->encode(), a->encode());
}

TEST(PinHash, DefaultParametersWork)
{
    auto h = PinHash::create("9999");
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(h->encode().rfind("scrypt$14$8$1$", 0), 0u);
    EXPECT_TRUE(h->verify("9999"));
}

TEST(PinHash, RejectsBadPinsAndMalformedStoredForms)
{
    for (const char *pin : {"", "123", "12a4", "1234567890123", "12 34"})
        EXPECT_FALSE(PinHash::create(pin, kCheap).ok()) << pin;
    EXPECT_FALSE(PinHash::create("1234", PinHash::Params{30, 8, 1}).ok());

    const std::string good = PinHash::create("1234", kCheap)->encode();
    const std::string badForms[] = {
        "",
        "bcrypt$10$1$1$00$00",
        "scrypt$10$1$1$" + good.substr(good.size() - 97, 32) + "$00",  // hash too short
        "scrypt$99$1$1$" + good.substr(good.size() - 97),              // N out of range
        "scrypt$10$1$1$zz" + good.substr(good.size() - 95),            // bad hex
        good + "$extra",
    };
    for (const auto &form : badForms) {
        auto p = PinHash::parse(form);
        EXPECT_FALSE(p.ok()) << form;
        if (!p.ok()) {
            EXPECT_EQ(p.error().code, ErrorCode::Corrupt);
        }
    }
}
