#pragma once
// Private to the engine.

#include "core/ledger/projection.h"

namespace tapledger {

/// Purchases (for exact returns; returned_by = the latest return, whose extra "so_far" totals
/// partial returns), the dated activity that tier windows sum (spend and points
/// earned, negative for returns), and spend per category (favourite category offers).
/// Tables engine_purchases, engine_activity, engine_category_spend.
class PurchaseProjection final : public Projection
{
public:
    std::string name() const override { return "engine-purchases"; }
    std::vector<std::string> tables() const override
    {
        return {"engine_purchases", "engine_activity", "engine_category_spend"};
    }
    Result<void> createSchema(SqliteDb &db) override;
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;
};

} // namespace tapledger
