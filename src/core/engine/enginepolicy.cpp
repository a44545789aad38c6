// Program policies HQ publishes in the feed (docs/sync-protocol.md, `policy` items): which are
// adopted, and the switch at their effective moment (docs/decisions.md, "Issue 11 — feed").
#include "core/engine/engine_p.h"

#include "core/engine/entryextra_p.h"
#include "core/engine/policyparser.h"
#include "core/engine/sql_p.h"

#include <algorithm>

namespace tapledger {

std::string Engine::Impl::policyRefusal(const nlohmann::json &body) const
{
    auto parsed = PolicyParser::parse(body.at("policy").dump());
    if (!parsed)
        return parsed.error().message;
    const std::string id = extra::str(body, "policy_id");
    const int64_t version = extra::num(body, "version");
    if (parsed->id != id || parsed->version != version)
        return "the item announces policy " + id + "@" + std::to_string(version) + " but carries " + parsed->ref();
    if (parsed->id != filePolicy.id)
        return "policy '" + parsed->id + "' is another program than the kiosk's '" + filePolicy.id + "'";
    if (parsed->currency != filePolicy.currency)
        return parsed->ref() + " is in " + parsed->currency + ", the kiosk's stored value is in " + filePolicy.currency;
    if (parsed->timezone != filePolicy.timezone)
        return parsed->ref() + " is for time zone " + parsed->timezone + ", the venue's is " + filePolicy.timezone;
    int64_t newest = policy.version;
    for (const auto &p : pendingPolicies)
        newest = std::max(newest, p.version);
    if (parsed->version <= newest)
        return parsed->ref() + " is not above version " + std::to_string(newest) + " the kiosk already has";
    return {};
}

Result<void> Engine::Impl::loadHqPolicies()
{
    pendingPolicies.clear();
    auto stmt = sql::prepared(db(),
                              "SELECT version, effective_ms, policy FROM engine_hq_policies WHERE status = 'adopted' "
                              "AND policy_id = ? AND version > ? ORDER BY version",
                              policy.id);
    if (!stmt)
        return std::move(stmt).error();
    stmt->bind(2, policy.version);
    Result<void> bad;
    TL_TRY(sql::forEachRow(*stmt, [&] {
        auto parsed = PolicyParser::parse(stmt->textAt(2));
        if (!parsed) {
            bad = fail(ErrorCode::Corrupt, "adopted HQ policy " + policy.id + "@" + std::to_string(stmt->int64At(0)) +
                                               " no longer parses: " + parsed.error().message);
            return;
        }
        pendingPolicies.push_back(PendingPolicy{stmt->int64At(0), stmt->int64At(1), std::move(*parsed)});
    }));
    return bad;
}

void Engine::Impl::refreshPolicy()
{
    if (pendingPolicies.empty())
        return;
    const int64_t t = now();
    auto due = pendingPolicies.end();
    for (auto it = pendingPolicies.begin(); it != pendingPolicies.end(); ++it) {
        if (it->effectiveMs <= t && (due == pendingPolicies.end() || it->version > due->version))
            due = it;
    }
    if (due == pendingPolicies.end())
        return;
    const bool newWeek = due->policy.weekStart != policy.weekStart;
    policy = std::move(due->policy);
    if (newWeek) {
        // Same zone (policyRefusal), so create() cannot fail for a zone it accepted before.
        if (auto cal = VenueCalendar::create(policy.timezone, policy.weekStart)) {
            calendar = *cal;
            Phrasebook book = explainer.phrasebook();
            explainer = Explainer(calendar, policy.exponent);
            explainer.setPhrasebook(std::move(book));
        }
    }
    const int64_t inForce = policy.version;
    std::erase_if(pendingPolicies, [inForce](const PendingPolicy &p) { return p.version <= inForce; });
}

Result<void> Engine::Impl::resetPolicy()
{
    if (policy.version != filePolicy.version || policy.weekStart != filePolicy.weekStart) {
        policy = filePolicy;
        TL_ASSIGN(calendar, VenueCalendar::create(policy.timezone, policy.weekStart));
        Phrasebook book = explainer.phrasebook();
        explainer = Explainer(calendar, policy.exponent);
        explainer.setPhrasebook(std::move(book));
    }
    TL_TRY(loadHqPolicies());
    refreshPolicy();
    return {};
}

Result<std::vector<HqPolicyView>> Engine::hqPolicies() const
{
    auto stmt = d->db().prepare(
        "SELECT seq, policy_id, version, effective_ms, status, reason FROM engine_hq_policies ORDER BY seq");
    if (!stmt)
        return std::move(stmt).error();
    std::vector<HqPolicyView> out;
    TL_TRY(sql::forEachRow(*stmt, [&] {
        out.push_back(HqPolicyView{static_cast<uint64_t>(stmt->int64At(0)), stmt->textAt(1), stmt->int64At(2),
                                   stmt->int64At(3), stmt->textAt(4), stmt->textAt(5)});
    }));
    return out;
}

} // namespace tapledger
