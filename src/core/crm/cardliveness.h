#pragma once

#include <cstdint>
#include <span>

namespace tapledger::crm {

/// One issued card: the last local day it was used and its member's P(alive).
struct CardUseDay
{
    int64_t lastUseDay = 0;   ///< local days since 1970-01-01
    double memberPAlive = 0;  ///< 0 when the member has no purchase or no model
};

/// "Issued N cards, M alive" (docs/crm.md, "Churn warning, lapsed, birthdays, card liveness").
struct CardLiveness
{
    size_t issued = 0;
    size_t alive = 0;          ///< used in the last K days up to the as-of day
    double expectedAlive = 0;  ///< Σ of the members' P(alive)
};

/// Counts @p cards at @p asOfDay: alive when lastUseDay is in asOfDay − aliveDays + 1 … asOfDay.
CardLiveness cardLiveness(std::span<const CardUseDay> cards, int64_t asOfDay, int64_t aliveDays);

} // namespace tapledger::crm
