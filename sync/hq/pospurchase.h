#pragma once

#include "core/result.h"
#include "core/uuid.h"
#include "sync/hq/crm/hqvenue.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger::sync {

/// One line of a point-of-sale purchase or return.
struct PosLine
{
    std::string category, sku; ///< free text up to 128 bytes, "" = none
    int64_t quantity = 1;      ///< 1..1000000
    int64_t amountMinor = 0;   ///< what the line charged, minor units (>= 0)
};

/// `POST /v1/pos/purchases` (docs/pos-api.md): one purchase or return from a point-of-sale
/// system, checked with the CSV import's field rules (PurchaseFields).
struct PosPurchase
{
    static constexpr size_t kMaxLines = 200;

    std::string receipt;       ///< the POS's receipt id: the idempotency key, unique per POS
    Uuid member;               ///< nil when the request names a card
    Uuid card;                 ///< nil when the request names a member
    int64_t timeMs = 0;        ///< when it happened, UTC ms
    int64_t amountMinor = 0;   ///< charged (purchase) or given back (return), minor units (>= 0)
    std::vector<PosLine> lines;
    std::string returnOf;      ///< a return: the receipt of the purchase it returns; "" = a purchase
    std::string digest;        ///< SHA-256 hex of the body's canonical JSON: "the same request"

    bool isReturn() const noexcept { return !returnOf.empty(); }

    /// Parses @p body (a JSON object, unknown fields refused) in @p venue's zone and currency.
    /// InvalidArgument with a one-line message naming the field; a time more than 5 minutes after
    /// @p nowMs (UTC ms) is refused too.
    static Result<PosPurchase> fromJson(std::string_view body, const HqVenue &venue, int64_t nowMs);
};

} // namespace tapledger::sync
