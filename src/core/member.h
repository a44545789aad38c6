#pragma once

#include "core/result.h"
#include "core/uuid.h"

#include <cstdint>
#include <string>

namespace tapledger {

/// A member as enrolled at a kiosk or at HQ. Balances are not here: they are derived from the
/// ledger (Ledger::balance, the engine's projections).
struct Member
{
    Uuid id;                     ///< never nil
    std::string name;            ///< display name, 1..100 bytes of UTF-8, no control characters
    std::string phone;           ///< E.164 ("+8613800138000"), or "" when not given
    std::string birthday;        ///< ISO 8601 date "YYYY-MM-DD", or "" when not given
    bool marketingConsent = false; ///< may offers be shown and sent
    int64_t enrolledAtMs = 0;    ///< UTC milliseconds

    /// InvalidArgument naming the first bad field (nil id, empty name, malformed phone or date).
    Result<void> validate() const;
};

} // namespace tapledger
