#pragma once

#include "core/result.h"
#include "nfc/cardkeystore.h"
#include "nfc/cardstatetoken.h"
#include "nfc/desfirecard.h"
#include "nfc/memberrecord.h"

#include <array>
#include <optional>
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

    /// Issues the card: takes a factory card as it comes (PICC master key DES/2K3DES zero with
    /// legacy authentication, 3K3DES zero with ISO, or AES zero) or one whose PICC master key is
    /// already ours, switches the PICC master key to the diversified AES key of its generation,
    /// creates the application with diversified keys of the current generation, writes @p record
    /// and @p signedState and commits. Never wipes a card: Conflict ("already issued to member
    /// …") when the card holds a readable TapLedger application, Conflict when it holds other
    /// applications; a TapLedger application left half-personalised (zero keys, missing files or
    /// no committed state, e.g. a card pulled during an earlier issue) is deleted and made again.
    /// Denied when the PICC master key is neither blank nor ours. Every step leaves a card that
    /// reads as not recognised or issues again (docs/card-format.md, "Issuing"). Errors are
    /// failures before the state write (the card is not issued); otherwise the outcome of the
    /// final state write: Committed (issued), NotCommitted (not issued) or Unknown (the commit's
    /// answer was lost: the card may be issued, read it again).
    Result<StateWriteOutcome> issue(const MemberRecord &record, const CardStateToken &signedState);
    /// issue() as one Result: Io "personalisation not committed" / "issue outcome unknown" when
    /// the state write did not report Committed.
    Result<void> personalise(const MemberRecord &record, const CardStateToken &signedState);
    /// Authenticates with the kiosk key and reads both files. Denied / NotFound: not a TapLedger
    /// card of this fleet ("card not recognised"); Io: card removed; Corrupt: bad member record.
    Result<CardContents> read();
    /// Writes @p signedState into the backup file and commits (anti-tearing: all or nothing).
    StateWriteOutcome writeState(const CardStateToken &signedState);
    /// Changes the three application keys to generation @p newVersion (must be in the key store).
    Result<void> rotateKeys(uint8_t newVersion);
    /// Deletes every application (FormatPICC); the PICC master key becomes (or stays) our
    /// diversified AES key, so a factory card comes out blank and ours.
    Result<void> format();

    /// The card's real UID: the anticollision UID, or on a random-ID card (isRandomUid) the UID
    /// from GetCardUID after a PICC authentication (our PICC key of a random-ID card is
    /// diversified with CardLayout::kRandomIdPiccUid; a factory card's zero key works as it is).
    /// Keys of the application and the card state are bound to this UID. Cached per object.
    Result<CardUid> uid();

    /// Which PICC master key authenticated (authenticatePicc).
    enum class PiccKey { Ours, FactoryZero };

private:
    Result<PiccKey> authenticatePicc();
    Result<void> takePicc();
    Result<bool> halfIssued();
    Result<uint8_t> authenticateApp(uint8_t keyNo);
    Result<Aes128Key> key(uint8_t version, uint32_t aid, uint8_t keyNo) const;

    DesfireCard &m_card;
    const CardKeyStore &m_keys;
    std::optional<CardUid> m_realUid; // resolved by uid()
};

} // namespace tapledger::nfc
