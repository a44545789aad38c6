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
            if (!v->phone.empty())
                m["phone"] = v->phone;
            if (v->consent)
                m["consent"] = true;
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
    const auto cardName = [&](const Uuid &c) {
        auto it = m_cardHandles.find(c);
        return it != m_cardHandles.end() ? it->second : c.toString();
    };
    const auto staffName = [&](const Uuid &id) {
        auto it = m_staffHandles.find(id);
        return it != m_staffHandles.end() ? it->second : id.toString();
    };
    if (auto staff = m_engine.staff(); staff && !staff->empty()) {
        json list = json::object();
        for (const auto &st : *staff)
            list[staffName(st.staff)] = {{"name", st.name}, {"role", std::string(cardRoleName(st.role))}};
        out["staff"] = list;
    }
    if (!m_closedShifts.empty()) {
        json shifts = json::array();
        for (const auto &r : m_closedShifts) {
            json methods = json::object();
            for (const auto &t : r.byPayMethod)
                methods[t.payMethod] = {{"topups", money(t.topUps)}, {"purchases", money(t.purchases)},
                                        {"refunds", money(t.refunds)}, {"count", t.count}};
            shifts.push_back({{"staff", staffName(r.staff)},        {"opened", local(r.openedMs)},
                              {"closed", local(r.closedMs)},        {"first_seq", r.firstSeq},
                              {"last_seq", r.lastSeq},              {"by_pay_method", methods},
                              {"bonus_granted", money(r.bonusGranted)}, {"points_issued", r.pointsIssued},
                              {"points_redeemed", r.pointsRedeemed}, {"points_adjusted", r.pointsAdjusted}});
        }
        out["shifts"] = shifts;
    }
    if (auto deny = m_engine.denyList(); deny && !deny->empty()) {
        json list = json::array();
        for (const Uuid &c : *deny) {
            auto st = m_engine.cardStatus(c);
            list.push_back(cardName(c) + (st ? " " + st->status : std::string()));
        }
        out["deny_list"] = list;
    }
    if (m_connectivitySet) {
        json cards = json::object();
        bool online = true, stale = false;
        for (const auto &[id, handle] : m_cardHandles) {
            auto a = m_engine.offlineAllowance(id);
            if (!a)
                continue;
            online = a->online;
            stale = a->denyListStale;
            cards[handle] = {{"redemptions_left", a->redemptionsLeft}, {"value_left", money(a->valueLeft)}};
        }
        out["offline"] = {{"online", online}, {"deny_list_stale", stale}, {"cards", cards}};
    }
    if (!m_syncs.empty()) {
        out["syncs"] = nlohmann::json::array();
        for (const auto &summary : m_syncs)
            out["syncs"].push_back(nlohmann::json::parse(summary, nullptr, false));
    }
    const VerifyReport report = m_engine.ledger().verify();
    out["ledger"] = {{"entries", m_engine.ledger().size()}, {"verify", report.ok ? "ok" : report.problem}};
    if (error)
        out["error"] = error->message;
    return out.dump(2) + "\n";
}

} // namespace tapledger
