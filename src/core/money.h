#pragma once

#include "core/currency.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace tapledger {

/// An amount of money: int64 minor units (cents, fen) of one ISO 4217 currency.
/// No floating point anywhere; arithmetic is overflow-checked and refuses mixed currencies.
class Money
{
public:
    /// @p minor minor units of @p currency (may be negative for debits).
    Money(int64_t minor, Currency currency) noexcept : m_minor(minor), m_currency(currency) {}

    /// Parses a decimal amount in major units: "120", "120.5", "120.00" → 12000 for EUR.
    /// Rejects signs, exponents, grouping, more decimals than the currency has, and values beyond int64.
    static Result<Money> parse(std::string_view text, Currency currency);

    /// Minor units (e.g. cents).
    int64_t minor() const noexcept { return m_minor; }
    const Currency &currency() const noexcept { return m_currency; }

    /// Sum; Conflict on mixed currencies, Overflow beyond int64.
    Result<Money> plus(const Money &other) const;
    /// Difference; Conflict on mixed currencies, Overflow beyond int64.
    Result<Money> minus(const Money &other) const;

    /// Decimal text in major units with exactly exponent() decimals, e.g. "-12.30"; no currency code.
    std::string toString() const;

    friend bool operator==(const Money &, const Money &) = default;

private:
    int64_t m_minor;
    Currency m_currency;
};

/// Formats @p minor minor units with @p exponent decimals ("12.30"); exact for all int64 values.
std::string formatMinorUnits(int64_t minor, int exponent);

} // namespace tapledger
