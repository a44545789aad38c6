#pragma once

#include "core/bytes.h"
#include "nfc/emulator/desfireemulator.h"
#include "nfc/emulator/faultplan.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace tapledger::nfc {

/// An emulated NXP PN532 (PN532 User Manual UM0701-02) speaking the HSU frame protocol
/// (preamble 00 00 FF, LEN, LCS, TFI D4/D5, data, DCS, postamble 00; extended frames; ACK
/// 00 00 FF 00 FF 00; error frame 00 00 FF 01 FF 7F 81 00), hosting at most one target in its
/// field: an emulated DESFire EV1 (ISO 14443-4, forwarded through InDataExchange) or a UID-only
/// ISO 14443-3 tag (MIFARE Classic-like: answers select, nothing else). Enough of the command
/// set for libnfc 1.8's pn532_uart driver: open, initiator init, list/select/deselect/release,
/// InDataExchange (with MI chaining from the host: Tg bit 6 set = more data follows; the parts are
/// joined into one APDU), InCommunicateThru presence checks, InAutoPoll, PowerDown.
///
/// InAutoPoll (UM0701-02 §7.3.13) really waits: with no target in the field the chip sends only the
/// ACK and answers later, at once when a target enters the field (NbTg 1) or, when its PollNr ×
/// Period × 150 ms have passed, with NbTg 0 (PollNr 0xFF polls endlessly). The manual leaves open how
/// one polling splits its period between the types; here one polling lasts one Period whatever the
/// number of types. An ACK frame from the host aborts a pending poll (§6.2.1.3: nothing is answered);
/// so does any other command frame. The serial side asks pollAnswer() when woken (setWakeHandler) or
/// at pollDeadline().
/// Thread-safe: feed() from the serial thread, control calls from any thread.
class Pn532Emulator
{
public:
    Pn532Emulator();

    /// Bytes received from the host; returns the bytes the chip sends back (ACK + answer frames).
    /// Partial frames are buffered; junk and wake-up bytes (0x55) are skipped.
    Bytes feed(ByteView in);

    /// Puts a DESFire card into the field (replacing any target). It is powered up when selected.
    void presentCard(std::shared_ptr<DesfireEmulator> card);
    /// Puts a UID-only ISO 14443-3 tag with SAK 0x08 (MIFARE Classic 1K) of 4 bytes into the field.
    void presentUidOnlyTag(const std::array<uint8_t, 4> &uid);
    /// Takes the target out of the field (the DESFire card loses its volatile state).
    void removeCard();
    /// True while a target is in the field.
    bool cardPresent() const;
    /// The DESFire card last presented (still inspectable after removal); may be null.
    std::shared_ptr<DesfireEmulator> lastCard() const;

    /// One HSU information frame around @p payload (TFI + data): a normal frame up to 255 bytes,
    /// an extended frame (LEN FF FF, LENM LENL LCS) above, with LCS/DCS checksums and postamble.
    static Bytes encodeFrame(ByteView payload);

    /// Arms @p fault (resets the command counter).
    void setFault(const Pn532Fault &fault);
    /// Card commands (InDataExchange) delivered since the last setFault / presentCard.
    uint64_t cardCommands() const;
    /// How many frames with PN532 command @p code (e.g. 0x60 InAutoPoll) the host has sent.
    uint64_t hostCommands(uint8_t code) const;
    /// How many ACK frames the host has sent (each aborts the command in progress, §6.2.1.3).
    uint64_t hostAcks() const;
    /// Called (under the emulator lock) when a pending InAutoPoll may have an answer (a target entered
    /// the field). Must not call back into the emulator; e.g. it writes to an eventfd.
    void setWakeHandler(std::function<void()> handler);
    /// The answer frame of a pending InAutoPoll when it is due at @p now (a target is in the field, or
    /// the polls are exhausted: NbTg 0); empty while it is still waiting or when none is pending.
    Bytes pollAnswer(std::chrono::steady_clock::time_point now);
    /// When the pending InAutoPoll gives up (NbTg 0); nullopt when none is pending or it is endless.
    std::optional<std::chrono::steady_clock::time_point> pollDeadline() const;
    /// True while an InAutoPoll waits for a target.
    bool pollPending() const;

    /// Called (under the emulator lock) after each card command that changed the card's
    /// non-volatile content, e.g. to save the image file.
    void setCardChangedHandler(std::function<void(const DesfireEmulator &)> handler);

private:
    /// An InAutoPoll waiting for a target.
    struct PendingPoll
    {
        std::optional<std::chrono::steady_clock::time_point> deadline; ///< nullopt: PollNr 0xFF, endless
        Bytes types;                                                   ///< Type1..TypeN of the command
    };

    std::optional<Bytes> handleFrame(ByteView payload);
    std::optional<Bytes> autoPoll(ByteView params, bool &errorFrame);
    Bytes autoPollAnswer(ByteView types);
    void wake();
    Bytes command(uint8_t cmd, ByteView params, bool &errorFrame);
    Bytes listPassiveTarget(ByteView params);
    Bytes dataExchange(ByteView apdu);
    Bytes targetData() const;
    void takeOut();

    mutable std::mutex m_mutex;
    Bytes m_rx;
    std::map<uint16_t, uint8_t> m_registers;
    std::shared_ptr<DesfireEmulator> m_card;     // in the field
    std::shared_ptr<DesfireEmulator> m_lastCard; // for inspection
    bool m_uidOnly = false;
    std::array<uint8_t, 4> m_uidOnlyUid{};
    bool m_active = false; // target selected (ISO 14443-4 activated)
    FaultPlan m_faults;
    Bytes m_chained; // InDataExchange parts sent with the MI bit, awaiting the last part
    std::map<uint8_t, uint64_t> m_hostCommands;
    uint64_t m_hostAcks = 0;
    std::function<void(const DesfireEmulator &)> m_changed;
    std::optional<PendingPoll> m_poll;
    std::function<void()> m_wake;
};

} // namespace tapledger::nfc
