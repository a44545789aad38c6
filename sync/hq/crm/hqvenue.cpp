#include "sync/hq/crm/hqvenue.h"

#include "core/engine/policyparser.h"
#include "sync/hq/hqstore.h"

namespace tapledger::sync {

Result<HqVenue> HqVenue::fromPrograms(std::vector<Policy> programs, const std::string &source)
{
    const Policy &policy = programs.front();
    auto calendar = VenueCalendar::create(policy.timezone, policy.weekStart);
    if (!calendar)
        return fail(calendar.error().code, source + ": " + calendar.error().message);
    auto currency = Currency::fromCode(policy.currency);
    if (!currency)
        return fail(currency.error().code, source + ": " + currency.error().message);
    return HqVenue(std::move(*calendar), *currency, std::move(programs));
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
    std::vector<Policy> programs;
    std::string venueName;
    for (const PolicyRecord &rec : published) {
        auto policy = PolicyParser::parse(rec.policyJson);
        const std::string name = "published policy " + rec.policyId + " version " + std::to_string(rec.version);
        if (!policy)
            return fail(policy.error().code, name + ": " + policy.error().message);
        if (!programs.empty() && (programs[0].timezone != policy->timezone || programs[0].currency != policy->currency))
            return fail(ErrorCode::InvalidArgument, "the published policies disagree on the venue: " + venueName + " is " +
                                                        programs[0].timezone + " " + programs[0].currency + ", " + name +
                                                        " is " + policy->timezone + " " + policy->currency);
        if (programs.empty())
            venueName = name;
        programs.push_back(std::move(*policy));
    }
    return fromPrograms(std::move(programs), venueName);
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
    std::vector<Policy> programs;
    programs.push_back(std::move(*policy));
    return fromPrograms(std::move(programs), path.string());
}

} // namespace tapledger::sync
