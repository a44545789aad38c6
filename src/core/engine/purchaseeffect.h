#pragma once

#include "core/ledger/ledgerentry.h"
#include "core/result.h"

#include <optional>
#include <string>
#include <vector>

namespace tapledger {

/// What one engine entry says about a member's purchases (docs/engine.md, "Entries per action"):
/// the single reading of purchase, pay and return entries outside the engine's projections,
/// used by HQ's CRM (docs/crm.md).
struct PurchaseEffect
{
    /// A line of the purchase or of what the return gave back.
    struct Item
    {
        std::string sku, category;
        int64_t quantity = 0;
        int64_t amountMinor = 0; ///< the line's amount, minor units
    };
    int64_t amountMinor = 0; ///< charged (purchase, pay) or net returned now (return), minor units, >= 0
    bool isReturn = false;
    std::vector<Item> items;
};

/// Reads @p entry: nullopt for kinds other than purchase, pay and return and for entries about no
/// member; Corrupt when its extra is not a JSON object or its amount is negative.
Result<std::optional<PurchaseEffect>> purchaseEffect(const LedgerEntry &entry);

} // namespace tapledger
