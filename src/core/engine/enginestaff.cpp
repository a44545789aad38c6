// Staff: registration (an enrol entry with nil member and extra "staff": true), PIN login with the
// member lock-out rules, listing.
#include "core/engine/engine_p.h"

#include "core/engine/sql_p.h"

#include <algorithm>

namespace tapledger {

namespace {
/// The stored role name as a role (None for anything unknown).
Card::Role roleOf(const std::string &name)
{
    auto role = cardRoleFromName(name);
    return role ? *role : Card::Role::None;
}
} // namespace

Result<Engine::Impl::StaffRow> Engine::Impl::staffRow(const Uuid &staff) const
{
    auto stmt = sql::queryRow(db(), "unknown staff member " + staff.toString(),
                              "SELECT name, role, pin, registered_ms FROM engine_staff WHERE staff = ?", staff);
    if (!stmt)
        return std::move(stmt).error();
    StaffRow s;
    s.row.id = staff;
    s.row.name = stmt->textAt(0);
    s.role = roleOf(stmt->textAt(1));
    s.row.pin = stmt->textAt(2);
    s.row.enrolledMs = stmt->int64At(3);
    return s;
}

Result<void> Engine::Impl::checkPinNow(const MemberRow &member, const std::string &pin)
{
    pendingPinFailure.reset();
    auto r = verifyPin(member, pin);
    recordPinFailure();
    return r;
}

Result<Receipt> Engine::registerStaff(const StaffRequest &r)
{
    d->refreshPolicy();
    if (r.name.empty() || r.name.size() > 100)
        return fail(ErrorCode::InvalidArgument, "a staff member needs a name of 1 to 100 characters");
    if (r.role == Card::Role::None)
        return fail(ErrorCode::InvalidArgument, "a staff member needs a role (cashier, supervisor, admin)");
    const Uuid id = r.staffId.isNil() ? Uuid::generate() : r.staffId;
    if (d->staffRow(id))
        return fail(ErrorCode::AlreadyExists, "staff member " + id.toString() + " is already registered");
    if (d->memberRow(id))
        return fail(ErrorCode::AlreadyExists, id.toString() + " is a member id");
    auto pin = d->hashPin(r.pin);
    if (!pin)
        return std::move(pin).error();
    return d->transact(Uuid(), [&](Receipt &receipt) -> Result<void> {
        nlohmann::json x = {{"staff", true}, {"name", r.name}, {"role", std::string(cardRoleName(r.role))}, {"pin", *pin}};
        auto e = d->draft(EntryKind::Enrol, Uuid(), x, {d->policy.ref()});
        e.staff = id;
        return d->appendMain({e}, receipt);
    });
}

Result<StaffView> Engine::staffLogin(const Uuid &staffId, const std::string &pin)
{
    d->refreshPolicy();
    auto s = d->staffRow(staffId);
    if (!s)
        return std::move(s).error();
    if (auto checked = d->checkPinNow(s->row, pin); !checked) {
        Error e = std::move(checked).error();
        if (e.reason == ErrorReason::WrongPin)
            e.reason = ErrorReason::StaffPinWrong;
        else if (e.reason == ErrorReason::PinLocked)
            e.reason = ErrorReason::StaffPinLocked;
        return e;
    }
    return StaffView{staffId, s->row.name, s->role};
}

Result<std::vector<StaffView>> Engine::staff() const
{
    auto stmt = d->db().prepare("SELECT staff, name, role FROM engine_staff ORDER BY name, staff");
    if (!stmt)
        return std::move(stmt).error();
    std::vector<StaffView> out;
    TL_TRY(sql::forEachRow(*stmt, [&] {
        out.push_back({sql::uuidAt(*stmt, 0), stmt->textAt(1), roleOf(stmt->textAt(2))});
    }));
    return out;
}

} // namespace tapledger
