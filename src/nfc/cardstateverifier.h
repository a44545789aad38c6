#pragma once

#include "core/bytes.h"
#include "core/crypto/ed25519.h"
#include "core/ledger/ledgerentry.h"
#include "nfc/cardstatetoken.h"
#include "nfc/memberrecord.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger::nfc {

/// Why a card's state was refused (DESIGN.md "Cards", issue 5 "Security behaviour").
enum class CardAlertReason {
    Malformed,       ///< the state file does not decode as a card-state token
    BadSignature,    ///< the Ed25519 signature does not verify
    UntrustedSigner, ///< signed by a key that is not a known kiosk device key
    Rollback,        ///< counter lower than the highest this kiosk has seen for the card
    Clone,           ///< token bound to another NFC UID or card id than the card carrying it
};

/// Stable lower-case name: "malformed", "bad_signature", "untrusted_signer", "rollback", "clone".
std::string_view cardAlertReasonName(CardAlertReason reason) noexcept;

/// A refused card state, to be recorded in the ledger for HQ (the kiosk appends it).
struct CardAlert
{
    CardAlertReason reason = CardAlertReason::Malformed;
    std::string detail;        ///< one line for people
    CardUid uid{};             ///< NFC UID of the card presented
    Uuid cardId;               ///< from the member record of the card presented
    Uuid memberId;             ///< from the member record of the card presented
    uint32_t tokenCounter = 0; ///< counter in the refused token (0 if unreadable)
    std::optional<uint32_t> lastSeenCounter; ///< what the kiosk had seen

    /// A LedgerEntry draft of kind CardAlert: card, member and cardCounter set, no amounts, extra
    /// = canonical JSON {"detail","last_seen"?,"reason","token_counter","uid"} (sorted, no spaces).
    LedgerEntry toLedgerDraft(int64_t timeMs) const;
};

/// The verdict on one card's state: the token when accepted, the alert when refused.
struct CardVerdict
{
    std::optional<CardStateToken> token;
    std::optional<CardAlert> alert;
    bool accepted() const noexcept { return token.has_value(); }
};

/// Checks a card-state token read from an authenticated card before any offline spending:
/// decodes it, verifies the Ed25519 signature against the trusted kiosk device keys, checks it is
/// bound to this card (UID and card id from the member record: a copied state is a clone) and
/// that its counter is not below what the kiosk has seen (a restored older state is a rollback).
class CardStateVerifier
{
public:
    /// @p trustedSigners: device public keys of the fleet's kiosks (from HQ).
    explicit CardStateVerifier(std::vector<Ed25519PublicKey> trustedSigners);

    /// @p tokenBytes as read from file 0x02 of the card with @p uid and member @p record;
    /// @p lastSeenCounter: highest counter recorded for record.cardId, nullopt if never seen.
    [[nodiscard]] CardVerdict check(ByteView tokenBytes, const CardUid &uid, const MemberRecord &record,
                                    std::optional<uint32_t> lastSeenCounter) const;

private:
    std::vector<Ed25519PublicKey> m_trusted;
};

} // namespace tapledger::nfc
