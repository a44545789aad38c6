#pragma once

#include "core/result.h"

#include <array>
#include <compare>
#include <string_view>

namespace tapledger {

/// An ISO 4217 currency: three upper-case letters and the number of minor-unit digits
/// (EUR 2, JPY 0, KWD 3). Only currencies in the built-in ISO 4217 table are valid.
class Currency
{
public:
    /// Looks up an ISO 4217 alphabetic code ("EUR"); InvalidArgument for anything not in the table.
    static Result<Currency> fromCode(std::string_view code);

    /// The three-letter code, e.g. "CNY".
    std::string_view code() const noexcept { return {m_code.data(), m_code.size()}; }
    /// Minor-unit digits per ISO 4217 (0..3).
    int exponent() const noexcept { return m_exponent; }

    friend bool operator==(const Currency &a, const Currency &b) noexcept { return a.m_code == b.m_code; }
    friend auto operator<=>(const Currency &a, const Currency &b) noexcept { return a.m_code <=> b.m_code; }

private:
    Currency(std::array<char, 3> code, int exponent) : m_code(code), m_exponent(exponent) {}
    std::array<char, 3> m_code;
    int m_exponent;
};

} // namespace tapledger
