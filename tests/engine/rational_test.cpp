#include "core/engine/rational.h"

#include <gtest/gtest.h>

#include <climits>

namespace tapledger {
namespace {

TEST(Rational, ParsesAndReduces)
{
    EXPECT_EQ(*Rational::parse("6/4"), Rational(3, 2));
    EXPECT_EQ(Rational::parse("6/4")->toString(), "3/2");
    EXPECT_EQ(Rational::parse("2")->toString(), "2");
    for (const char *bad : {"", "-1/2", "1/0", "1/-2", "a/b", "1.5", "1/2/3", " 1/2", "+1"})
        EXPECT_FALSE(Rational::parse(bad).ok()) << bad;
}

TEST(Rational, RoundsAsStated)
{
    const Rational rate(1, 1000); // 1 point per 10.00 in cents
    EXPECT_EQ(*rate.applyTo(12999, Rounding::Floor), 12);
    EXPECT_EQ(*rate.applyTo(12999, Rounding::Ceil), 13);
    EXPECT_EQ(*rate.applyTo(12499, Rounding::HalfUp), 12);
    EXPECT_EQ(*rate.applyTo(12500, Rounding::HalfUp), 13);
    EXPECT_EQ(*rate.applyTo(12000, Rounding::Ceil), 12);
    EXPECT_EQ(*rate.applyTo(-12999, Rounding::Floor), -13);
    EXPECT_EQ(*Rational(1, 5).applyTo(1005, Rounding::HalfUp), 201);
}

TEST(Rational, OverflowIsAnErrorNotAWrap)
{
    EXPECT_EQ(Rational(3, 1).applyTo(INT64_MAX / 2, Rounding::Floor).error().code, ErrorCode::Overflow);
    EXPECT_EQ(Rational(INT64_MAX, 1).times(Rational(3, 1)).error().code, ErrorCode::Overflow);
    // Reduction first keeps large but representable products exact.
    EXPECT_EQ(*Rational(1, 1000).applyTo(INT64_MAX - 807, Rounding::Floor), (INT64_MAX - 807) / 1000);
    EXPECT_EQ(*Rational(INT64_MAX, 2).times(Rational(2, INT64_MAX)), Rational(1, 1));
}

TEST(Rational, Compares)
{
    EXPECT_TRUE(Rational(1, 3) < Rational(1, 2));
    EXPECT_FALSE(Rational(2, 4) < Rational(1, 2));
}

} // namespace
} // namespace tapledger
