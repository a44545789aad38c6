#include "core/currency.h"

#include <string>

namespace tapledger {

namespace {
struct CurrencyInfo
{
    std::string_view code;
    int exponent;
};

// ISO 4217 codes a venue is likely to run a programme in; extend as venues need.
constexpr CurrencyInfo kCurrencies[] = {
    {"AED", 2}, {"AUD", 2}, {"BHD", 3}, {"BRL", 2}, {"CAD", 2}, {"CHF", 2}, {"CNY", 2}, {"CZK", 2},
    {"DKK", 2}, {"EUR", 2}, {"GBP", 2}, {"HKD", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2},
    {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KRW", 0}, {"KWD", 3}, {"MOP", 2}, {"MXN", 2}, {"MYR", 2},
    {"NOK", 2}, {"NZD", 2}, {"OMR", 3}, {"PHP", 2}, {"PLN", 2}, {"QAR", 2}, {"SAR", 2}, {"SEK", 2},
    {"SGD", 2}, {"THB", 2}, {"TND", 3}, {"TRY", 2}, {"TWD", 2}, {"USD", 2}, {"VND", 0}, {"ZAR", 2},
};
} // namespace

Result<Currency> Currency::fromCode(std::string_view code)
{
    for (const auto &c : kCurrencies) {
        if (c.code == code)
            return Currency({c.code[0], c.code[1], c.code[2]}, c.exponent);
    }
    return fail(ErrorCode::InvalidArgument, "unknown currency code '" + std::string(code) +
                                                "' (expected an ISO 4217 code such as EUR or CNY)");
}

} // namespace tapledger
