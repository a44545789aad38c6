#pragma once

#include <cstddef>
#include <string_view>

namespace tapledger {

/// Longest kiosk id: 63 bytes, the room the card state token has for it (docs/card-format.md);
/// the ledger, the card and the kiosk configuration share this one rule.
inline constexpr size_t kMaxKioskIdLength = 63;

/// The kiosk id rule, for people: what isValidKioskId() accepts.
inline constexpr std::string_view kKioskIdRule = "1..63 characters of A-Z a-z 0-9 . _ -";

/// True when @p id is 1..kMaxKioskIdLength characters of `A-Z a-z 0-9 . _ -` (ASCII only).
constexpr bool isValidKioskId(std::string_view id) noexcept
{
    if (id.empty() || id.size() > kMaxKioskIdLength)
        return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace tapledger
