#pragma once
// Private to src/core.

#include "core/ledger/projection.h"

namespace tapledger {

/// Per-member stored-value and points balances and per-card counters, derived from the ledger.
/// Tables: member_balances, card_states (docs/ledger-format.md, "Derived state").
class BalanceProjection final : public Projection
{
public:
    std::string name() const override { return "balances"; }
    std::vector<std::string> tables() const override { return {"member_balances", "card_states"}; }
    Result<void> createSchema(SqliteDb &db) override;
    /// Adds the entry's deltas (Overflow beyond int64, Conflict on a currency change) and raises
    /// the card's counter to the entry's (counters never go down here).
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;
};

} // namespace tapledger
