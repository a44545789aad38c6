#pragma once
// Private to the engine.

#include "core/ledger/projection.h"

namespace tapledger {

/// Named counters the limits need: rewards redeemed in total and per member, promotion and offer
/// uses per member, the member's last visit day and points earned that day (caps), and the last
/// tier review date. Table engine_counters(key, value); keys in docs/engine.md.
class CounterProjection final : public Projection
{
public:
    std::string name() const override { return "engine-counters"; }
    std::vector<std::string> tables() const override { return {"engine_counters"}; }
    Result<void> createSchema(SqliteDb &db) override;
    Result<void> apply(SqliteDb &db, const StoredEntry &entry) override;

    /// The counter of @p member's acceptances of offer @p offerId in the span @p periodKey
    /// (Offer::limitPeriodKey; "" = whole life): "offer:<id>:<member>[:<period>]".
    static std::string offerKey(const std::string &offerId, const std::string &member, const std::string &periodKey);
};

} // namespace tapledger
