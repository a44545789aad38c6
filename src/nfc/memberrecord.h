#pragma once

#include "core/bytes.h"
#include "core/result.h"
#include "core/uuid.h"

#include <array>
#include <cstdint>
#include <string>

namespace tapledger::nfc {

/// Staff role carried by a staff card (DESIGN.md "Cards"); None on member cards.
enum class StaffRole : uint8_t { None = 0, Cashier = 1, Supervisor = 2, Admin = 3 };

/// The member record file (file 0x01, 64 bytes, docs/card-format.md): who the card belongs to.
/// Written once at personalisation with the application master key; read with key 1 or 2.
struct MemberRecord
{
    static constexpr size_t kSize = 64;
    static constexpr uint8_t kVersion = 1;
    enum class CardType : uint8_t { Member = 1, Staff = 2 };

    CardType type = CardType::Member;
    StaffRole role = StaffRole::None; ///< must be None for member cards, not None for staff cards
    Uuid cardId;                      ///< TapLedger card id (not the NFC UID); never nil
    Uuid memberId;                    ///< member id, or staff id on staff cards; never nil
    std::string issuer;               ///< issuing organisation code, 1..16 printable ASCII chars
    int64_t issuedAtMs = 0;           ///< UTC milliseconds

    /// The 64-byte encoding; InvalidArgument for values out of range.
    Result<std::array<uint8_t, kSize>> encode() const;
    /// Parses a 64-byte file; Corrupt for anything else (bad magic, version, role, nil ids).
    static Result<MemberRecord> decode(ByteView bytes);

    friend bool operator==(const MemberRecord &, const MemberRecord &) = default;
};

/// "cashier", "supervisor", "admin" or "none".
std::string_view staffRoleName(StaffRole role) noexcept;
/// Inverse of staffRoleName; InvalidArgument otherwise.
Result<StaffRole> staffRoleFromName(std::string_view name);

} // namespace tapledger::nfc
