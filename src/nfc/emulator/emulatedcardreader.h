#pragma once

#include "nfc/cardreader.h"
#include "nfc/emulator/desfireemulator.h"
#include "nfc/emulator/faultplan.h"

#include <array>
#include <functional>
#include <memory>

namespace tapledger::nfc {

/// A CardReader hosting emulated cards in-process: no libnfc, no pty. Sessions run our own
/// DESFire client (DesfireClient) straight against a DesfireEmulator, with the same fault
/// injection as the emulated PN532 (FaultPlan), so every test can run on both reader paths.
/// Used by tests, the tap bench and the kiosk's demo mode.
///
/// The CardReader calls belong to one owner thread (events are delivered on it); the control calls
/// (presentCard, removeCard, presentUidOnlyTag, setFault, setConnected, ...) are thread-safe and
/// wake a waiting owner at once.
class EmulatedCardReader final : public CardReader
{
public:
    /// An empty field; the reader is connected.
    EmulatedCardReader();
    ~EmulatedCardReader() override;
    EmulatedCardReader(const EmulatedCardReader &) = delete;
    EmulatedCardReader &operator=(const EmulatedCardReader &) = delete;

    void setEventHandler(std::function<void(const ReaderEvent &)> handler) override;
    /// NotFound at @p timeout (0 = look once), Io when disconnected at the deadline,
    /// InvalidArgument("cancelled") on @p stop. Events: ReaderReady (first call, reconnection),
    /// ReaderUnplugged (once per disconnection), CardDetected, UnknownCard (once per UID-only tag).
    Result<CardUid> waitForCard(std::chrono::milliseconds timeout, std::stop_token stop = {}) override;
    /// Runs @p session over a DesfireClient on the card of the last waitForCard(), which must still
    /// be in the field (Io + CardRemoved otherwise). A card removed mid-session fails the current
    /// command with Io (and a CardRemoved event); the card keeps only what it committed.
    Result<void> runSession(const std::function<Result<void>(DesfireCard &)> &session) override;
    /// Ok (and a CardRemoved event) once the card of the last waitForCard() has left the field or
    /// the reader was disconnected; NotFound at @p timeout; InvalidArgument("cancelled") on @p stop.
    Result<void> waitForRemoval(std::chrono::milliseconds timeout, std::stop_token stop = {}) override;

    /// Puts @p card into the field (replacing any target); it starts unpowered (no session).
    void presentCard(std::shared_ptr<DesfireEmulator> card);
    /// Puts a UID-only ISO 14443-3 tag (MIFARE Classic-like, 4-byte UID) into the field.
    void presentUidOnlyTag(const std::array<uint8_t, 4> &uid);
    /// Empties the field (the card loses its volatile state: session, uncommitted writes).
    void removeCard();
    /// True while a target is in the field.
    bool cardPresent() const;
    /// Arms @p fault (same semantics as Pn532Emulator::setFault); restarts the command count.
    void setFault(const Pn532Fault &fault);
    /// Card commands (APDUs) delivered since the last setFault / presentCard.
    uint64_t cardCommands() const;
    /// false: the reader is unplugged (every call fails with Io, waits report ReaderUnplugged);
    /// true: plugged in again (ReaderReady on the next wait). The field keeps its card.
    void setConnected(bool connected);
    /// Called (under the reader lock, on the session thread) after each card command that changed
    /// the card's non-volatile content, e.g. to save its image file.
    void setCardChangedHandler(std::function<void(const DesfireEmulator &)> handler);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tapledger::nfc
