#include "core/checkedmath.h"
#include "core/money.h"

#include <gtest/gtest.h>

#include <climits>

using namespace tapledger;

namespace {
Currency cur(const char *code)
{
    return *Currency::fromCode(code);
}
} // namespace

struct ParseCase
{
    const char *text, *currency;
    bool ok;
    int64_t minor;
};

TEST(Money, ParseTable)
{
    const ParseCase cases[] = {
        {"120", "EUR", true, 12000},
        {"120.5", "EUR", true, 12050},
        {"120.00", "EUR", true, 12000},
        {"0.01", "EUR", true, 1},
        {"0", "CNY", true, 0},
        {"1500", "JPY", true, 1500},
        {"1.234", "KWD", true, 1234},
        {"92233720368547758.07", "EUR", true, INT64_MAX},
        {"92233720368547758.08", "EUR", false, 0}, // one past int64
        {"99999999999999999999", "JPY", false, 0},
        {"1.5", "JPY", false, 0},     // JPY has no minor unit
        {"120.001", "EUR", false, 0}, // too many decimals
        {"-5", "EUR", false, 0},
        {"+5", "EUR", false, 0},
        {"1e3", "EUR", false, 0},
        {"1,000", "EUR", false, 0},
        {"", "EUR", false, 0},
        {".5", "EUR", false, 0},
        {"5.", "EUR", false, 0},
        {" 5", "EUR", false, 0},
        {"abc", "EUR", false, 0},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(std::string(c.text) + " " + c.currency);
        auto m = Money::parse(c.text, cur(c.currency));
        ASSERT_EQ(m.ok(), c.ok);
        if (c.ok)
            EXPECT_EQ(m->minor(), c.minor);
        else
            EXPECT_EQ(m.error().code, ErrorCode::InvalidArgument);
    }
}

TEST(Money, FormatTable)
{
    EXPECT_EQ(Money(12000, cur("EUR")).toString(), "120.00");
    EXPECT_EQ(Money(5, cur("EUR")).toString(), "0.05");
    EXPECT_EQ(Money(-1230, cur("EUR")).toString(), "-12.30");
    EXPECT_EQ(Money(1500, cur("JPY")).toString(), "1500");
    EXPECT_EQ(Money(1, cur("KWD")).toString(), "0.001");
    EXPECT_EQ(Money(INT64_MIN, cur("EUR")).toString(), "-92233720368547758.08");
    EXPECT_EQ(Money(INT64_MAX, cur("EUR")).toString(), "92233720368547758.07");
}

TEST(Money, ArithmeticChecksOverflowAndCurrency)
{
    const Money a(INT64_MAX - 1, cur("EUR"));
    EXPECT_EQ(a.plus(Money(1, cur("EUR")))->minor(), INT64_MAX);
    auto over = a.plus(Money(2, cur("EUR")));
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, ErrorCode::Overflow);
    auto under = Money(INT64_MIN, cur("EUR")).minus(Money(1, cur("EUR")));
    ASSERT_FALSE(under.ok());
    EXPECT_EQ(under.error().code, ErrorCode::Overflow);
    auto mixed = Money(1, cur("EUR")).plus(Money(1, cur("USD")));
    ASSERT_FALSE(mixed.ok());
    EXPECT_EQ(mixed.error().code, ErrorCode::Conflict);
    EXPECT_EQ(Money(500, cur("CNY")).minus(Money(700, cur("CNY")))->minor(), -200);
}

TEST(Money, UnknownCurrencies)
{
    for (const char *code : {"", "eur", "EU", "EURO", "XXX", "ABC"})
        EXPECT_FALSE(Currency::fromCode(code).ok()) << code;
    EXPECT_EQ(cur("JPY").exponent(), 0);
    EXPECT_EQ(cur("BHD").exponent(), 3);
}

TEST(CheckedMath, Boundaries)
{
    EXPECT_FALSE(checkedAdd(INT64_MAX, 1).ok());
    EXPECT_FALSE(checkedSub(INT64_MIN, 1).ok());
    EXPECT_FALSE(checkedMul(INT64_MAX / 2 + 1, 2).ok());
    EXPECT_EQ(*checkedMul(-3, 4), -12);
}
