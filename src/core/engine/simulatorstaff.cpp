// Simulator events for staff, shifts, adjustments, card replacement, feedback, PINs and
// connectivity (docs/sim.md).
#include "core/engine/simevent_p.h"
#include "core/engine/simulator.h"

namespace tapledger {

Result<bool> SimEvent::flag(const char *key, bool fallback)
{
    auto f = field(key, false);
    if (!f)
        return std::move(f).error();
    if (!*f)
        return fallback;
    if (!(*f)->is_boolean())
        return fail(ErrorCode::InvalidArgument, std::string("\"") + key + "\" must be true or false");
    return (*f)->get<bool>();
}

namespace {
Result<void> done(Result<Receipt> r)
{
    if (!r)
        return std::move(r).error();
    return {};
}

/// The staff member an event names with "staff" (required), with the role they registered with.
Result<StaffView> registeredStaff(Engine &engine, SimEvent &e)
{
    auto id = simStaffOf(e);
    if (!id)
        return std::move(id).error();
    if (id->isNil())
        return fail(ErrorCode::InvalidArgument, "'" + e.type() + "' needs \"staff\"");
    auto all = engine.staff();
    if (!all)
        return std::move(all).error();
    for (const auto &s : *all) {
        if (s.staff == *id)
            return s;
    }
    return fail(ErrorCode::NotFound, "unknown staff member '" + e.json().value("staff", std::string()) + "'");
}
} // namespace

std::optional<Result<void>> Simulator::dispatchStaff(SimEvent &e)
{
    const std::string type = e.type();
    if (type == "register_staff") {
        auto handle = e.text("staff");
        auto name = e.text("name");
        auto role = e.text("role");
        auto pin = e.text("pin");
        for (auto *f : {&handle, &name, &role, &pin}) {
            if (!*f)
                return Result<void>(f->error());
        }
        auto parsedRole = cardRoleFromName(*role);
        if (!parsedRole)
            return Result<void>(std::move(parsedRole).error());
        const Uuid id = idFor("staff", *handle);
        m_staffHandles[id] = *handle;
        return done(m_engine.registerStaff({id, *name, *parsedRole, *pin}));
    }
    if (type == "staff_login") {
        auto id = simStaffOf(e);
        auto pin = e.text("pin");
        if (!id)
            return Result<void>(std::move(id).error());
        if (!pin)
            return Result<void>(std::move(pin).error());
        auto login = m_engine.staffLogin(*id, *pin);
        if (!login)
            return Result<void>(std::move(login).error());
        return Result<void>();
    }
    if (type == "open_shift" || type == "close_shift") {
        auto id = simStaffOf(e);
        if (!id)
            return Result<void>(std::move(id).error());
        if (type == "open_shift")
            return done(m_engine.openShift(*id));
        auto report = m_engine.closeShift(*id);
        if (!report)
            return Result<void>(std::move(report).error());
        m_closedShifts.push_back(*report);
        return Result<void>();
    }
    if (type == "set_connectivity") {
        auto online = e.flag("online", true);
        auto hours = e.integer("deny_list_age_hours", 0);
        if (!online)
            return Result<void>(std::move(online).error());
        if (!hours || *hours < 0)
            return Result<void>(fail(ErrorCode::InvalidArgument, "\"deny_list_age_hours\" is a whole number >= 0"));
        m_engine.setConnectivity(*online, m_clock.nowMs() - *hours * 3'600'000);
        m_connectivitySet = true;
        return Result<void>();
    }
    if (type == "mark_card_online") {
        auto card = e.text("card");
        if (!card)
            return Result<void>(std::move(card).error());
        return m_engine.markCardOnline(idFor("card", *card));
    }
    if (type == "replace_card" || type == "block_card") {
        auto card = e.text("card");
        auto staff = simStaffOf(e);
        if (!card)
            return Result<void>(std::move(card).error());
        if (!staff)
            return Result<void>(std::move(staff).error());
        if (type == "block_card") {
            auto reason = e.text("reason");
            if (!reason)
                return Result<void>(std::move(reason).error());
            return done(m_engine.blockCard(idFor("card", *card), *reason, *staff));
        }
        auto newCard = e.text("new_card");
        if (!newCard)
            return Result<void>(std::move(newCard).error());
        m_cardHandles[idFor("card", *newCard)] = *newCard;
        return done(m_engine.replaceCard(idFor("card", *card), idFor("card", *newCard), *staff));
    }
    if (type == "feedback") {
        FeedbackRequest r;
        if (e.has("member") || e.has("card")) {
            auto member = simMemberOf(m_engine, e);
            if (!member)
                return Result<void>(std::move(member).error());
            r.member = *member;
        }
        auto rating = e.integer("rating", 0);
        auto category = e.text("category", false);
        auto text = e.text("text", false);
        if (!rating)
            return Result<void>(std::move(rating).error());
        if (!category)
            return Result<void>(std::move(category).error());
        if (!text)
            return Result<void>(std::move(text).error());
        if (*rating < -100 || *rating > 100)
            return Result<void>(fail(ErrorCode::InvalidArgument, "\"rating\" is 0 to 5"));
        r.rating = static_cast<int>(*rating);
        r.category = *category;
        r.text = *text;
        return done(m_engine.recordFeedback(r));
    }
    if (type != "adjust" && type != "change_pin" && type != "check_pin")
        return std::nullopt;

    auto member = simMemberOf(m_engine, e);
    if (!member)
        return Result<void>(std::move(member).error());
    if (type == "adjust") {
        AdjustRequest r;
        r.member = *member;
        auto points = e.integer("points", 0);
        auto reason = e.text("reason");
        if (!points)
            return Result<void>(std::move(points).error());
        if (!reason)
            return Result<void>(std::move(reason).error());
        r.points = *points;
        r.reason = *reason;
        if (e.has("staff")) {
            auto staff = registeredStaff(m_engine, e);
            if (!staff)
                return Result<void>(std::move(staff).error());
            r.staff = staff->staff;
            r.staffRole = staff->role;
        }
        return done(m_engine.adjustPoints(r));
    }
    auto pin = e.text("pin");
    if (!pin)
        return Result<void>(std::move(pin).error());
    if (type == "check_pin")
        return m_engine.checkPin(*member, *pin);
    auto oldPin = e.text("old_pin");
    if (!oldPin)
        return Result<void>(std::move(oldPin).error());
    return m_engine.changePin(*member, *oldPin, *pin);
}

} // namespace tapledger
