#pragma once

#include "core/engine/venuecalendar.h"
#include "core/ledger/ledgerentry.h"

#include <cstdint>
#include <string>

namespace tapledger {

/// Minor units as grouped decimal text: 124000 with exponent 2 → "1,240.00"; negative "-5.00".
std::string formatAmount(int64_t minor, int exponent);

/// Turns an engine entry into the one-line explanation a history screen shows, from the entry
/// alone (its kind, deltas and the inputs recorded in `extra`), so old lines stay explainable
/// after the policy changes. Dates are venue local.
class Explainer
{
public:
    /// @p exponent: minor-unit digits of the policy currency.
    Explainer(VenueCalendar calendar, int exponent) : m_calendar(std::move(calendar)), m_exponent(exponent) {}
    /// One line, e.g. "+12 pts: 120.00 × 1 pt/10.00 × Gold 1 (rule earn-std v3)".
    std::string explain(const LedgerEntry &entry) const;

private:
    VenueCalendar m_calendar;
    int m_exponent;
};

} // namespace tapledger
