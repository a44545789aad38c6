#pragma once

#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace tapledger {

/// How an exact rational result becomes a whole number of points or minor units.
enum class Rounding {
    Floor,  ///< towards minus infinity (a customer never gets a fraction they did not earn)
    Ceil,   ///< towards plus infinity
    HalfUp, ///< to the nearest, halves towards plus infinity
};

/// "floor", "ceil" or "half_up".
std::string_view roundingName(Rounding rounding) noexcept;
/// The rounding for a name; InvalidArgument listing the valid names otherwise.
Result<Rounding> roundingFromName(std::string_view name);

/// A non-negative exact rational num/den of int64 (rates, multipliers, discount fractions),
/// always reduced, den > 0. No floating point; every operation is overflow-checked.
class Rational
{
public:
    /// 0/1.
    Rational() = default;
    /// @p num / @p den; misuse (negative num, den <= 0) asserts. Reduced on construction.
    Rational(int64_t num, int64_t den);

    /// Parses "3/2", "2" or "0"; InvalidArgument for signs, zero denominators, spaces, overflow.
    static Result<Rational> parse(std::string_view text);

    int64_t num() const noexcept { return m_num; }
    int64_t den() const noexcept { return m_den; }
    bool isZero() const noexcept { return m_num == 0; }
    bool isOne() const noexcept { return m_num == m_den; }

    /// Exact product; Overflow when a reduced term leaves int64.
    Result<Rational> times(const Rational &other) const;
    /// @p amount × this, rounded by @p rounding; Overflow when the intermediate product leaves int64.
    Result<int64_t> applyTo(int64_t amount, Rounding rounding) const;

    /// "3/2", or "2" when den is 1.
    std::string toString() const;

    friend bool operator==(const Rational &, const Rational &) = default;
    /// Exact comparison (via 128-bit cross products).
    friend bool operator<(const Rational &a, const Rational &b) noexcept;

private:
    int64_t m_num = 0;
    int64_t m_den = 1;
};

/// Floor division for any sign of @p a; @p b > 0.
int64_t floorDiv(int64_t a, int64_t b) noexcept;

} // namespace tapledger
