#pragma once

#include "core/engine/phrasebook.h"
#include "core/engine/venuecalendar.h"
#include "core/ledger/ledgerentry.h"

#include <cstdint>
#include <string>

namespace tapledger {

/// Minor units as grouped decimal text: 124000 with exponent 2 → "1,240.00"; negative "-5.00".
std::string formatAmount(int64_t minor, int exponent);

/// Turns an engine entry into the one-line explanation a history screen shows, from the entry
/// alone (its kind, deltas and the inputs recorded in `extra`), so old lines stay explainable
/// after the policy changes. Dates are venue local. Every text comes from a template or term of
/// core/engine/explainertemplates.h, looked up in a phrasebook: without one the line is English
/// (what the engine golden files and `tapledger sim` show).
class Explainer
{
public:
    /// @p exponent: minor-unit digits of the policy currency.
    Explainer(VenueCalendar calendar, int exponent) : m_calendar(std::move(calendar)), m_exponent(exponent) {}
    /// One line in the phrasebook set by setPhrasebook() (English when none), e.g.
    /// "+12 pts: 120.00 × 1 pt/10.00 × Gold 1 (rule earn-std v3)".
    std::string explain(const LedgerEntry &entry) const;
    /// One line in @p book: templates and terms (pay methods, roles, "never", tier and reward
    /// names, offer titles) are looked up in it; numbers, amounts and dates are not.
    std::string explain(const LedgerEntry &entry, const Phrasebook &book) const;
    /// The phrasebook explain(entry) uses from now on (an empty one = English).
    void setPhrasebook(Phrasebook book) { m_book = std::move(book); }
    /// The phrasebook set by setPhrasebook() (other engine texts for screens use it too).
    const Phrasebook &phrasebook() const noexcept { return m_book; }

private:
    VenueCalendar m_calendar;
    int m_exponent;
    Phrasebook m_book;
};

} // namespace tapledger
