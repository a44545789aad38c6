#include "core/money.h"

#include "core/checkedmath.h"

namespace tapledger {

Result<Money> Money::parse(std::string_view text, Currency currency)
{
    const auto bad = [&](std::string_view why) {
        return fail(ErrorCode::InvalidArgument,
                    "invalid amount '" + std::string(text) + "': " + std::string(why));
    };
    if (text.empty())
        return bad("empty");
    if (text.front() == '-' || text.front() == '+')
        return bad("amounts are given without a sign");

    const auto dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    if (whole.empty())
        return bad("no digits before the decimal point");
    if (dot != std::string_view::npos && frac.empty())
        return bad("no digits after the decimal point");
    if (static_cast<int>(frac.size()) > currency.exponent())
        return bad(std::string(currency.code()) + " has " + std::to_string(currency.exponent()) +
                   " decimal places");

    int64_t value = 0;
    const auto accumulate = [&](std::string_view digits) -> bool {
        for (char c : digits) {
            if (c < '0' || c > '9')
                return false;
            if (__builtin_mul_overflow(value, int64_t{10}, &value) ||
                __builtin_add_overflow(value, int64_t{c - '0'}, &value))
                return false;
        }
        return true;
    };
    if (!accumulate(whole))
        return bad("not a decimal number within range");
    std::string padded(frac);
    padded.append(static_cast<size_t>(currency.exponent()) - frac.size(), '0');
    if (!accumulate(padded))
        return bad("not a decimal number within range");
    return Money(value, currency);
}

Result<Money> Money::plus(const Money &other) const
{
    if (other.m_currency != m_currency)
        return fail(ErrorCode::Conflict, "cannot add " + std::string(other.m_currency.code()) + " to " +
                                             std::string(m_currency.code()));
    auto sum = checkedAdd(m_minor, other.m_minor);
    if (!sum)
        return std::move(sum).error();
    return Money(*sum, m_currency);
}

Result<Money> Money::minus(const Money &other) const
{
    if (other.m_currency != m_currency)
        return fail(ErrorCode::Conflict, "cannot subtract " + std::string(other.m_currency.code()) +
                                             " from " + std::string(m_currency.code()));
    auto diff = checkedSub(m_minor, other.m_minor);
    if (!diff)
        return std::move(diff).error();
    return Money(*diff, m_currency);
}

std::string Money::toString() const
{
    return formatMinorUnits(m_minor, m_currency.exponent());
}

std::string formatMinorUnits(int64_t minor, int exponent)
{
    // Work in unsigned magnitude so INT64_MIN formats correctly.
    const bool negative = minor < 0;
    uint64_t magnitude = negative ? ~static_cast<uint64_t>(minor) + 1 : static_cast<uint64_t>(minor);
    std::string digits = std::to_string(magnitude);
    if (exponent > 0) {
        const auto e = static_cast<size_t>(exponent);
        if (digits.size() <= e)
            digits.insert(0, e + 1 - digits.size(), '0');
        digits.insert(digits.size() - e, 1, '.');
    }
    return negative ? "-" + digits : digits;
}

} // namespace tapledger
