#pragma once

#include "core/bytes.h"
#include "core/card.h"
#include "core/result.h"
#include "core/uuid.h"

#include <array>
#include <cstdint>
#include <string>

namespace tapledger::nfc {

/// The member record file (file 0x01, 64 bytes, docs/card-format.md): who the card belongs to.
/// Written once at personalisation with the application master key; read with key 1 or 2.
struct MemberRecord
{
    static constexpr size_t kSize = 64;
    static constexpr uint8_t kVersion = 1;
    enum class CardType : uint8_t { Member = 1, Staff = 2 };

    CardType type = CardType::Member;
    /// Staff role (core's Card::Role, encoded as its value 0..3): None exactly on member cards.
    Card::Role role = Card::Role::None;
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

} // namespace tapledger::nfc
