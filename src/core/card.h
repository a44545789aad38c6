#pragma once

#include "core/bytes.h"
#include "core/result.h"
#include "core/uuid.h"

#include <cstdint>
#include <string_view>

namespace tapledger {

/// A TapLedger card as the back office knows it. The NFC UID is recorded for support and
/// clone detection only: a UID never identifies a member for spending (DESIGN.md invariant 8);
/// only AES authentication with the card's diversified key does (docs/card-format.md).
struct Card
{
    enum class Kind : uint8_t { Member = 1, Staff = 2 };
    /// Staff privileges; adjustments above the policy threshold need Supervisor or Admin.
    enum class Role : uint8_t { None = 0, Cashier = 1, Supervisor = 2, Admin = 3 };
    enum class Status : uint8_t {
        Active = 1,   ///< usable
        Blocked = 2,  ///< deny-listed (lost, stolen, cloned)
        Replaced = 3, ///< balances moved to a replacement card
    };

    Uuid id;            ///< TapLedger card id; never nil
    Bytes uid;          ///< ISO/IEC 14443-3 UID: 4, 7 or 10 bytes
    Uuid holder;        ///< member id, or staff id for staff cards; never nil
    Kind kind = Kind::Member;
    Role role = Role::None; ///< None exactly for member cards
    Status status = Status::Active;
    int64_t issuedAtMs = 0; ///< UTC milliseconds

    /// InvalidArgument naming the first bad field.
    Result<void> validate() const;
    /// True when the card may be used at all (Active).
    bool usable() const noexcept { return status == Status::Active; }
};

/// "cashier", "supervisor", "admin", "none".
std::string_view cardRoleName(Card::Role role) noexcept;
/// Inverse of cardRoleName; InvalidArgument otherwise.
Result<Card::Role> cardRoleFromName(std::string_view name);

} // namespace tapledger
