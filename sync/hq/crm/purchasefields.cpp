#include "sync/hq/crm/purchasefields.h"

#include "core/money.h"
#include "sync/hq/crm/plaintext.h"

#include <charconv>
#include <string>

namespace tapledger::sync {

namespace {
Error invalid(const std::string &what)
{
    return fail(ErrorCode::InvalidArgument, what);
}

bool isLocalDate(std::string_view t)
{
    if (t.size() != 10 || t[4] != '-' || t[7] != '-')
        return false;
    for (const size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (t[i] < '0' || t[i] > '9')
            return false;
    }
    return true;
}
} // namespace

Result<void> PurchaseFields::memberRef(std::string_view ref)
{
    if (ref.empty() || ref.size() > kMaxText || hasControlChar(ref))
        return invalid("member must be 1 to 128 bytes without control characters");
    return {};
}

Result<int64_t> PurchaseFields::time(std::string_view text, const HqVenue &venue)
{
    const std::string t(text);
    auto ms = isLocalDate(t) ? venue.calendar().parseInstant(t + "T12:00") : venue.calendar().parseInstant(t);
    if (!ms)
        return invalid("time '" + t + "' is neither YYYY-MM-DD nor ISO 8601 (2026-05-31T22:00:00Z)");
    return *ms;
}

Result<int64_t> PurchaseFields::amount(std::string_view text, const HqVenue &venue)
{
    auto money = Money::parse(text, venue.currency());
    if (!money)
        return invalid("amount '" + std::string(text) + "': " + money.error().message);
    return money->minor();
}

Result<void> PurchaseFields::categoryAndSku(std::string_view category, std::string_view sku)
{
    if (category.size() > kMaxText || sku.size() > kMaxText)
        return invalid("category and sku must be at most 128 bytes");
    return {};
}

Result<void> PurchaseFields::receipt(std::string_view receipt)
{
    if (receipt.size() > kMaxText || hasControlChar(receipt))
        return invalid("receipt must be at most 128 bytes without control characters");
    return {};
}

Result<int64_t> PurchaseFields::quantity(std::string_view text)
{
    int64_t q = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), q);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || text[0] == '-' || q < 1 ||
        q > kMaxQuantity)
        return invalid("quantity '" + std::string(text) + "' must be a whole number from 1 to 1000000");
    return q;
}

} // namespace tapledger::sync
