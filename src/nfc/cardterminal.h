#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/result.h"
#include "core/uuid.h"
#include "nfc/cardcounterstore.h"
#include "nfc/cardkeystore.h"
#include "nfc/cardreader.h"
#include "nfc/cardstateverifier.h"
#include "nfc/tapledgercard.h"
#include "nfc/tapresult.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>

namespace tapledger::nfc {

/// One reader's card sessions for the kiosk: a tap authenticates the card (AES, diversified keys
/// from the CardKeyStore), reads the member record and the card-state token and verifies the
/// token (signature, binding to this card, counter against the CardCounterStore). Owns the
/// reader's event handler (forwarded to setEventHandler()). Not thread-safe: one owner thread;
/// cancel waits with the stop_token.
class CardTerminal
{
public:
    /// @p reader, @p keys and @p counters must outlive the terminal. @p kioskId (1..63 chars of
    /// [A-Za-z0-9._-]) is written into every card state.
    CardTerminal(CardReader &reader, const CardKeyStore &keys, CardStateVerifier verifier, CardCounterStore &counters,
                 std::string kioskId);
    ~CardTerminal();
    CardTerminal(const CardTerminal &) = delete;
    CardTerminal &operator=(const CardTerminal &) = delete;

    /// Receives the reader's status events (ReaderEvent), on the caller's thread.
    void setEventHandler(std::function<void(const ReaderEvent &)> handler);

    /// Waits for a card and reads + verifies it (one session). NotFound on timeout; Io when the
    /// reader is unavailable or the card left mid-read ("tap again"); Crypto when an answer failed
    /// its CMAC; InvalidArgument("cancelled") on @p stop. A tag that is not a DESFire card yields
    /// NotRecognised at once (uid all zero). Records accepted counters in the CardCounterStore.
    Result<TapResult> waitForTap(std::chrono::milliseconds timeout, std::stop_token stop = {});

    /// Writes the next state (counter = last + 1, signed with @p deviceKey) to the card last
    /// tapped; must still be in the field. The last tap must be an accepted Member tap of
    /// @p memberId (else NotCommitted). Amounts in minor units of @p currency (ISO 4217 or ""),
    /// @p ledgerSeq the kiosk entry this state follows, @p timeMs UTC ms. Committed: the counter is
    /// recorded; Unknown: tap the card again before the next write.
    StateWriteOutcome writeState(const Uuid &memberId, int64_t deposit, int64_t bonus, int64_t points,
                                 const std::string &currency, uint64_t ledgerSeq, int64_t timeMs,
                                 const Ed25519SecretKey &deviceKey);

    /// Personalises the card in the field (factory-fresh, formatted, or left half-issued) as a
    /// member or staff card (per @p record) with an empty state (counter 0) signed with
    /// @p deviceKey at @p timeMs (TapLedgerCard::issue). NotFound when no card is in the field;
    /// Conflict when it is already issued or holds other applications (nothing changed); Denied
    /// when its PICC master key is neither blank nor ours; Io "issue outcome unknown" when the
    /// commit's answer was lost (tap the card again to check). On success the card counts as
    /// tapped, so writeState() can load it at once. Returns the card's real UID.
    Result<CardUid> issueCard(const MemberRecord &record, const Ed25519SecretKey &deviceKey, int64_t timeMs);

    /// Waits until the card leaves the field (CardReader::waitForRemoval): ok when gone,
    /// NotFound at @p timeout, InvalidArgument("cancelled") on @p stop.
    Result<void> waitForRemoval(std::chrono::milliseconds timeout, std::stop_token stop = {});

private:
    struct Tapped
    {
        CardUid uid{};
        MemberRecord record;
        uint32_t counter = 0;
    };
    void onReaderEvent(const ReaderEvent &event);
    TapResult verify(const CardUid &uid, const CardContents &contents);

    CardReader &m_reader;
    const CardKeyStore &m_keys;
    CardStateVerifier m_verifier;
    CardCounterStore &m_counters;
    std::string m_kioskId;
    std::function<void(const ReaderEvent &)> m_handler;
    std::optional<Tapped> m_tapped; // the last accepted Member tap
    std::stop_source *m_waiting = nullptr; // set during waitForTap's waitForCard
    bool m_unknownCard = false;
};

} // namespace tapledger::nfc
