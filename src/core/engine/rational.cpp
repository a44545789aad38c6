#include "core/engine/rational.h"

#include "core/checkedmath.h"

#include <cassert>
#include <charconv>
#include <numeric>

namespace tapledger {

std::string_view roundingName(Rounding rounding) noexcept
{
    switch (rounding) {
    case Rounding::Floor:
        return "floor";
    case Rounding::Ceil:
        return "ceil";
    case Rounding::HalfUp:
        return "half_up";
    }
    return "floor";
}

Result<Rounding> roundingFromName(std::string_view name)
{
    for (Rounding r : {Rounding::Floor, Rounding::Ceil, Rounding::HalfUp}) {
        if (roundingName(r) == name)
            return r;
    }
    return fail(ErrorCode::InvalidArgument, "unknown rounding '" + std::string(name) + "' (valid: floor, ceil, half_up)");
}

Rational::Rational(int64_t num, int64_t den)
{
    assert(num >= 0 && den > 0);
    const int64_t g = std::gcd(num, den);
    m_num = num / g;
    m_den = den / g;
}

namespace {
Result<int64_t> parseWhole(std::string_view text, std::string_view whole)
{
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || text.front() == '-' || text.front() == '+' || ec != std::errc{} ||
        ptr != text.data() + text.size()) {
        std::string message = "'";
        message += whole;
        message += "' is not a rational like \"3/2\" or \"2\" (whole numbers >= 0)";
        return fail(ErrorCode::InvalidArgument, message);
    }
    return v;
}
} // namespace

Result<Rational> Rational::parse(std::string_view text)
{
    const auto slash = text.find('/');
    auto num = parseWhole(text.substr(0, slash), text);
    if (!num)
        return std::move(num).error();
    int64_t den = 1;
    if (slash != std::string_view::npos) {
        auto d = parseWhole(text.substr(slash + 1), text);
        if (!d)
            return std::move(d).error();
        den = *d;
    }
    if (den == 0)
        return fail(ErrorCode::InvalidArgument, std::string("'") + std::string(text) + "' has a zero denominator");
    return Rational(*num, den);
}

Result<Rational> Rational::times(const Rational &other) const
{
    // Cross-reduce first so that products stay small.
    const int64_t g1 = std::gcd(m_num, other.m_den);
    const int64_t g2 = std::gcd(other.m_num, m_den);
    auto n = checkedMul(m_num / (g1 ? g1 : 1), other.m_num / (g2 ? g2 : 1), "rate");
    auto d = checkedMul(m_den / (g2 ? g2 : 1), other.m_den / (g1 ? g1 : 1), "rate");
    if (!n)
        return std::move(n).error();
    if (!d)
        return std::move(d).error();
    return Rational(*n, *d);
}

int64_t floorDiv(int64_t a, int64_t b) noexcept
{
    assert(b > 0);
    int64_t q = a / b;
    if (a % b != 0 && a < 0)
        --q;
    return q;
}

Result<int64_t> Rational::applyTo(int64_t amount, Rounding rounding) const
{
    const int64_t g = std::gcd(amount, m_den);
    auto product = checkedMul(amount / (g ? g : 1), m_num, "rated amount");
    if (!product)
        return std::move(product).error();
    const int64_t den = m_den / (g ? g : 1);
    const int64_t q = floorDiv(*product, den);
    const int64_t r = *product - q * den; // 0 <= r < den
    switch (rounding) {
    case Rounding::Floor:
        return q;
    case Rounding::Ceil:
        return r == 0 ? q : q + 1;
    case Rounding::HalfUp:
        return r >= den - r ? q + 1 : q;
    }
    return q;
}

std::string Rational::toString() const
{
    return m_den == 1 ? std::to_string(m_num) : std::to_string(m_num) + "/" + std::to_string(m_den);
}

bool operator<(const Rational &a, const Rational &b) noexcept
{
    __extension__ typedef __int128 Wide;
    return static_cast<Wide>(a.m_num) * b.m_den < static_cast<Wide>(b.m_num) * a.m_den;
}

} // namespace tapledger
