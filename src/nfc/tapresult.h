#pragma once

#include "nfc/cardstatetoken.h"
#include "nfc/cardstateverifier.h"
#include "nfc/desfirecard.h"
#include "nfc/memberrecord.h"

#include <optional>
#include <string>

namespace tapledger::nfc {

/// What a tap yields after authentication and token verification (CardTerminal::waitForTap).
struct TapResult
{
    enum class Kind {
        Member,        ///< a member card of this fleet with an accepted state
        Staff,         ///< a staff card of this fleet with an accepted state (record.role says what)
        NotRecognised, ///< failed AES authentication / no TapLedger application / not a DESFire
        Refused,       ///< ours, but its state is refused (clone, rollback, bad signature...): see alert
    };
    Kind kind = Kind::NotRecognised;
    CardUid uid{};       ///< anticollision UID; all zero for a non-DESFire tag
    MemberRecord record; ///< valid for Member/Staff/Refused
    /// The accepted token (Member), nullopt on a fresh card with counter 0 and on staff cards.
    std::optional<CardStateToken> state;
    std::optional<CardAlert> alert; ///< Refused: the alert to append to the ledger (CardAlert::toLedgerDraft)
    std::string message;            ///< one line for people ("card not recognised"); never key material
};

} // namespace tapledger::nfc
