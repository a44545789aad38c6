#pragma once

#include "core/currency.h"
#include "core/engine/policy.h"
#include "core/engine/venuecalendar.h"
#include "core/result.h"

#include <filesystem>
#include <vector>

namespace tapledger::sync {

class HqStore;

/// HQ's venue: the time zone and currency of the program policy (docs/crm.md, "Time zone and
/// days"). The policy HQ published to its kiosks (`tapledger-hq publish-policy`) is the source;
/// an HQ that has published none reads DIR/policy.json, the same policy file the kiosks get.
class HqVenue
{
public:
    static constexpr const char *kPolicyFile = "policy.json";

    /// The venue of the newest published policy in @p store; when none is published, the one of
    /// DIR/policy.json (load(hqDir)). Published policies with different ids must agree on time
    /// zone and currency, else InvalidArgument naming them.
    static Result<HqVenue> load(const std::filesystem::path &hqDir, HqStore &store);

    /// Reads DIR/policy.json with core's PolicyParser: NotFound ("HQ has no venue policy …")
    /// when missing, InvalidArgument for a bad policy, NotFound for an unknown zone.
    static Result<HqVenue> load(const std::filesystem::path &hqDir);

    const VenueCalendar &calendar() const noexcept { return m_calendar; }
    const Currency &currency() const noexcept { return m_currency; }
    /// The program policies the venue was read from: the newest published version of each policy
    /// id (by id), or the one of DIR/policy.json. Never empty.
    const std::vector<Policy> &programs() const noexcept { return m_programs; }

private:
    /// The venue of @p programs (the first one's zone and currency); errors name @p source.
    static Result<HqVenue> fromPrograms(std::vector<Policy> programs, const std::string &source);
    HqVenue(VenueCalendar calendar, Currency currency, std::vector<Policy> programs)
        : m_calendar(std::move(calendar)), m_currency(currency), m_programs(std::move(programs))
    {
    }
    VenueCalendar m_calendar;
    Currency m_currency;
    std::vector<Policy> m_programs;
};

} // namespace tapledger::sync
