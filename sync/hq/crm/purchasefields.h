#pragma once

#include "core/result.h"
#include "sync/hq/crm/hqvenue.h"

#include <cstdint>
#include <string_view>

namespace tapledger::sync {

/// The field rules of a purchase HQ learns from a point-of-sale system (docs/crm.md, "Importing
/// purchases"): one reading for the CSV import and the POS endpoint (docs/pos-api.md). Errors are
/// InvalidArgument with a one-line message naming the field (the import prefixes "line N: ").
class PurchaseFields
{
public:
    static constexpr size_t kMaxText = 128;          ///< bytes of member, category, sku, receipt
    static constexpr int64_t kMaxQuantity = 1000000; ///< units of one line

    /// A member reference: 1..128 bytes without control characters.
    static Result<void> memberRef(std::string_view ref);
    /// `YYYY-MM-DD` (local noon in the venue zone) or ISO 8601 (with `Z`, an offset, or none for
    /// venue local time): UTC ms.
    static Result<int64_t> time(std::string_view text, const HqVenue &venue);
    /// Major units of the venue currency, at most its decimals, no sign (`12.50`, `0`): minor units.
    static Result<int64_t> amount(std::string_view text, const HqVenue &venue);
    /// Category and sku: free text up to 128 bytes each.
    static Result<void> categoryAndSku(std::string_view category, std::string_view sku);
    /// A receipt id: up to 128 bytes without control characters ("" = none).
    static Result<void> receipt(std::string_view receipt);
    /// A whole number 1..1000000.
    static Result<int64_t> quantity(std::string_view text);
};

} // namespace tapledger::sync
