#pragma once

#include "core/result.h"
#include "nfc/cardkeystore.h"
#include "nfc/cardstatetoken.h"
#include "nfc/desfirecard.h"
#include "nfc/memberrecord.h"

#include <array>
#include <string>

namespace tapledger::nfc {

/// What an authenticated read of a TapLedger card returns (not yet verified: CardStateVerifier).
struct CardContents
{
    CardUid uid{};
    MemberRecord record;
    std::array<uint8_t, CardStateToken::kSize> stateBytes{}; ///< raw file 0x02
    uint8_t keyVersion = 0; ///< generation of the kiosk key (key 1)
};

/// Result of a state update: the kiosk must know whether the card holds the new state.
struct StateWriteOutcome
{
    enum class Kind {
        Committed,    ///< CommitTransaction acknowledged: the card holds the new state
        NotCommitted, ///< failed before CommitTransaction was sent: the card holds the old state
        Unknown,      ///< CommitTransaction sent, no answer: old or new — read the card again
    };
    Kind kind = Kind::NotCommitted;
    std::string detail; ///< the error when not Committed
};

/// The TapLedger application on one connected DESFire card (layout in CardLayout and
/// docs/card-format.md): personalisation, authenticated read, transactional state update,
/// key rotation and format. Card keys are diversified per card from the HQ masters (AN10922).
class TapLedgerCard
{
public:
    /// Works on @p card with card keys from @p keys; both must outlive this object.
    TapLedgerCard(DesfireCard &card, const CardKeyStore &keys) : m_card(card), m_keys(keys) {}

    /// Formats the card (PICC master key: AES zero on a blank card, else the diversified one),
    /// sets the diversified PICC master key, creates the application with diversified keys of the
    /// current generation, writes @p record and @p signedState and commits. Denied when the card's
    /// PICC master key is neither.
    Result<void> personalise(const MemberRecord &record, const CardStateToken &signedState);
    /// Authenticates with the kiosk key and reads both files. Denied / NotFound: not a TapLedger
    /// card of this fleet ("card not recognised"); Io: card removed; Corrupt: bad member record.
    Result<CardContents> read();
    /// Writes @p signedState into the backup file and commits (anti-tearing: all or nothing).
    StateWriteOutcome writeState(const CardStateToken &signedState);
    /// Changes the three application keys to generation @p newVersion (must be in the key store).
    Result<void> rotateKeys(uint8_t newVersion);
    /// Deletes every application (FormatPICC); the PICC master key stays diversified.
    Result<void> format();

private:
    Result<void> authenticatePicc(bool &blank);
    Result<uint8_t> authenticateApp(uint8_t keyNo);
    Result<Aes128Key> key(uint8_t version, uint32_t aid, uint8_t keyNo) const;

    DesfireCard &m_card;
    const CardKeyStore &m_keys;
};

} // namespace tapledger::nfc
