#include "core/card.h"

#include <string>

namespace tapledger {

Result<void> Card::validate() const
{
    const auto bad = [](std::string why) { return fail(ErrorCode::InvalidArgument, "invalid card: " + why); };
    if (id.isNil())
        return bad("no card id");
    if (uid.size() != 4 && uid.size() != 7 && uid.size() != 10)
        return bad("an ISO 14443-3 UID is 4, 7 or 10 bytes");
    if (holder.isNil())
        return bad("no holder");
    if (kind != Kind::Member && kind != Kind::Staff)
        return bad("unknown card kind");
    if ((kind == Kind::Member) != (role == Role::None))
        return bad(kind == Kind::Member ? "a member card has no staff role" : "a staff card needs a role");
    if (role > Role::Admin)
        return bad("unknown staff role");
    if (status != Status::Active && status != Status::Blocked && status != Status::Replaced)
        return bad("unknown status");
    return {};
}

std::string_view cardRoleName(Card::Role role) noexcept
{
    switch (role) {
    case Card::Role::Cashier:
        return "cashier";
    case Card::Role::Supervisor:
        return "supervisor";
    case Card::Role::Admin:
        return "admin";
    case Card::Role::None:
        break;
    }
    return "none";
}

Result<Card::Role> cardRoleFromName(std::string_view name)
{
    for (auto role : {Card::Role::None, Card::Role::Cashier, Card::Role::Supervisor, Card::Role::Admin}) {
        if (cardRoleName(role) == name)
            return role;
    }
    return fail(ErrorCode::InvalidArgument,
                "unknown staff role '" + std::string(name) + "' (cashier, supervisor, admin, none)");
}

} // namespace tapledger
