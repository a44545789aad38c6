#pragma once
// CRM rows of HQ's store (docs/hq-storage.md, docs/crm.md "Importing purchases").

#include "core/uuid.h"

#include <cstdint>
#include <string>

namespace tapledger::sync {

/// A purchase HQ learnt outside the kiosks' ledgers (a point-of-sale import), stored once per key.
struct PurchaseRecord
{
    std::string key;          ///< idempotency key: "receipt:<receipt>#<k>" or "row:<sha256 hex>#<k>"
    Uuid member;
    int64_t timeMs = 0;       ///< UTC ms
    int64_t amountMinor = 0;  ///< >= 0, minor units of currency
    std::string currency;     ///< ISO 4217
    std::string category, sku; ///< "" = none
    int64_t quantity = 1;     ///< >= 1
    std::string receipt;      ///< the POS's receipt id, "" = none
    std::string source;       ///< where it came from, e.g. "import:sales.csv" (not part of the content)

    /// Same purchase content (everything but source).
    bool sameContent(const PurchaseRecord &o) const
    {
        return key == o.key && member == o.member && timeMs == o.timeMs && amountMinor == o.amountMinor &&
               currency == o.currency && category == o.category && sku == o.sku && quantity == o.quantity &&
               receipt == o.receipt;
    }
};

/// A member HQ created from an external reference (an imported member).
struct CrmMemberRecord
{
    Uuid member;              ///< derived from ref (docs/crm.md)
    std::string ref;          ///< the external reference, unique
    std::string origin;       ///< "import"
    int64_t createdMs = 0;
};

} // namespace tapledger::sync
