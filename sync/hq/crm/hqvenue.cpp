#include "sync/hq/crm/hqvenue.h"

#include "core/engine/policyparser.h"
#include "sync/hq/hqstore.h"

namespace tapledger::sync {

Result<HqVenue> HqVenue::fromPolicy(const Policy &policy, const std::string &source)
{
    auto calendar = VenueCalendar::create(policy.timezone, policy.weekStart);
    if (!calendar)
        return fail(calendar.error().code, source + ": " + calendar.error().message);
    auto currency = Currency::fromCode(policy.currency);
    if (!currency)
        return fail(currency.error().code, source + ": " + currency.error().message);
    return HqVenue(std::move(*calendar), *currency);
}

Result<HqVenue> HqVenue::load(const std::filesystem::path &hqDir, HqStore &store)
{
    std::vector<PolicyRecord> published;
    auto read = store.read([&](HqReadTx &tx) -> Result<void> {
        auto all = tx.publishedPolicies();
        if (!all)
            return std::move(all).error();
        published = std::move(*all);
        return {};
    });
    if (!read)
        return std::move(read).error();
    if (published.empty())
        return load(hqDir);
    std::optional<Policy> venue;
    std::string venueName;
    for (const PolicyRecord &rec : published) {
        auto policy = PolicyParser::parse(rec.policyJson);
        const std::string name = "published policy " + rec.policyId + " version " + std::to_string(rec.version);
        if (!policy)
            return fail(policy.error().code, name + ": " + policy.error().message);
        if (venue && (venue->timezone != policy->timezone || venue->currency != policy->currency))
            return fail(ErrorCode::InvalidArgument,
                        "the published policies disagree on the venue: " + venueName + " is " + venue->timezone + " " +
                            venue->currency + ", " + name + " is " + policy->timezone + " " + policy->currency);
        if (!venue) {
            venue = std::move(*policy);
            venueName = name;
        }
    }
    return fromPolicy(*venue, venueName);
}

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
    return fromPolicy(*policy, path.string());
}

} // namespace tapledger::sync
