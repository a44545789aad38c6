#include "sync/hq/crm/hqvenue.h"

#include "core/engine/policyparser.h"

namespace tapledger::sync {

Result<HqVenue> HqVenue::load(const std::filesystem::path &hqDir)
{
    const auto path = hqDir / kPolicyFile;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return fail(ErrorCode::NotFound, "HQ has no venue policy: put the venue's policy file at " + path.string() +
                                             " (its timezone and currency are used for purchases and analytics)");
    auto policy = PolicyParser::load(path);
    if (!policy)
        return fail(policy.error().code, path.string() + ": " + policy.error().message);
    auto calendar = VenueCalendar::create(policy->timezone, policy->weekStart);
    if (!calendar)
        return std::move(calendar).error();
    auto currency = Currency::fromCode(policy->currency);
    if (!currency)
        return std::move(currency).error();
    return HqVenue(std::move(*calendar), *currency);
}

} // namespace tapledger::sync
