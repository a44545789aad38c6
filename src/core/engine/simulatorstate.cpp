// Simulator::stateJson: the end state of a simulation as JSON (docs/sim.md, "Output").
#include "core/engine/simulator.h"

#include "core/engine/explainer.h"
#include "core/money.h"

#include <nlohmann/json.hpp>

#include <climits>

namespace tapledger {

namespace {
const char *grantName(Offer::Grant g)
{
    switch (g) {
    case Offer::Grant::Voucher:
        return "voucher";
    case Offer::Grant::Points:
        return "points";
    case Offer::Grant::None:
        break;
    }
    return "none";
}
} // namespace

std::string Simulator::stateJson(const std::optional<Error> &error) const
{
    using nlohmann::json;
    const Policy &p = m_engine.policy();
    auto cal = VenueCalendar::create(p.timezone, p.weekStart);
    const auto money = [&](int64_t minor) { return formatMinorUnits(minor, p.exponent); };
    const auto local = [&](int64_t ms) -> json {
        if (ms == INT64_MAX || !cal)
            return nullptr;
        return cal->localDateTime(ms);
    };
    json out = json::object();
    out["policy"] = p.id + "@" + std::to_string(p.version);
    out["clock"] = local(m_clock.nowMs());
    out["events"] = m_events;
    json members = json::object();
    auto ids = m_engine.members();
    if (ids) {
        for (const Uuid &id : *ids) {
            auto v = m_engine.member(id);
            if (!v)
                continue;
            json m = {{"name", v->name},
                      {"deposit", money(v->deposit)},
                      {"bonus", money(v->bonus)},
                      {"points", v->points},
                      {"points_debt", v->pointsDebt},
                      {"tier", v->tier},
                      {"tier_progress", v->tierProgress},
                      {"membership_until", v->membershipUntilMs ? local(v->membershipUntilMs) : json(nullptr)}};
            json cards = json::array();
            for (const Uuid &c : v->cards) {
                auto it = m_cardHandles.find(c);
                cards.push_back(it != m_cardHandles.end() ? it->second : c.toString());
            }
            m["cards"] = cards;
            json vouchers = json::array();
            for (const auto &vv : v->vouchers)
                vouchers.push_back({{"id", vv.id},
                                    {"source", vv.source},
                                    {"value", money(vv.value)},
                                    {"min_spend", money(vv.minSpend)},
                                    {"valid_to", local(vv.expiresMs)},
                                    {"status", vv.status}});
            m["vouchers"] = vouchers;
            json expiries = json::array();
            for (const auto &e : v->expiries)
                expiries.push_back({{"points", e.points}, {"expires", local(e.expiresMs)}, {"batch", e.batch}});
            m["upcoming_expiries"] = expiries;
            json offers = json::array();
            if (auto list = m_engine.offers(id)) {
                for (const auto &o : *list)
                    offers.push_back({{"id", o.id}, {"title", o.title}, {"reason", o.reason}, {"grant", grantName(o.grant)}});
            }
            m["offers"] = offers;
            if (m_options.history) {
                json history = json::array();
                if (auto lines = m_engine.history(id)) {
                    for (const auto &l : *lines)
                        history.push_back(std::string("#") + std::to_string(l.seq) + " " + (cal ? cal->localDateTime(l.timeMs) : "") +
                                          " " + l.kind + ": " + l.text);
                }
                m["history"] = history;
            }
            members[v->handle] = m;
        }
    }
    out["members"] = members;
    json rewards = json::object();
    for (const auto &r : p.rewards) {
        auto redeemed = m_engine.rewardRedeemed(r.rule.id);
        const int64_t n = redeemed ? *redeemed : 0;
        rewards[r.rule.id] = {{"redeemed", n}, {"stock_left", r.stock ? json(*r.stock - n) : json(nullptr)}};
    }
    out["rewards"] = rewards;
    const VerifyReport report = m_engine.ledger().verify();
    out["ledger"] = {{"entries", m_engine.ledger().size()}, {"verify", report.ok ? "ok" : report.problem}};
    if (error)
        out["error"] = error->message;
    return out.dump(2) + "\n";
}

} // namespace tapledger
