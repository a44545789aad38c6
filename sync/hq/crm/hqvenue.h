#pragma once

#include "core/currency.h"
#include "core/engine/venuecalendar.h"
#include "core/result.h"

#include <filesystem>

namespace tapledger::sync {

/// HQ's venue: the time zone and currency of the policy in DIR/policy.json (docs/crm.md,
/// "Time zone and days"), the same policy file the kiosks get.
class HqVenue
{
public:
    static constexpr const char *kPolicyFile = "policy.json";

    /// Reads DIR/policy.json with core's PolicyParser: NotFound ("HQ has no venue policy …")
    /// when missing, InvalidArgument for a bad policy, NotFound for an unknown zone.
    static Result<HqVenue> load(const std::filesystem::path &hqDir);

    const VenueCalendar &calendar() const noexcept { return m_calendar; }
    const Currency &currency() const noexcept { return m_currency; }

private:
    HqVenue(VenueCalendar calendar, Currency currency) : m_calendar(std::move(calendar)), m_currency(currency) {}
    VenueCalendar m_calendar;
    Currency m_currency;
};

} // namespace tapledger::sync
