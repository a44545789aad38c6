#pragma once

#include "nfc/cardreader.h"

#include <memory>
#include <string>

namespace tapledger::nfc {

/// CardReader over libnfc 1.8 (any supported reader: ACR122U, PN532 UART/I2C/SPI...) with
/// DESFire commands through libfreefare 0.4.0. The device is opened lazily and reopened after a
/// failure (reader unplugged). Works with the emulated PN532 (`pn532_uart:/dev/pts/N`).
///
/// waitForCard() lets the reader wait for the card: libnfc's nfc_initiator_poll_target, i.e. the
/// PN532's InAutoPoll (UM0701-02 §7.3.13), in rounds of 150 ms (PollNr 1, Period 1). A card is
/// seen the moment it enters the field and an idle reader costs no CPU on the host (the thread
/// sleeps in the serial read). A stop request aborts the round in flight (libnfc's
/// nfc_abort_command, which ACKs the chip); the deadline is honoured within one round.
/// Not thread-safe: one owner thread (only the stop tokens may be triggered from elsewhere).
class NfcCardReader final : public CardReader
{
public:
    /// @p connString is a libnfc connection string ("pn532_uart:/dev/ttyUSB0", "acr122_usb");
    /// empty = libnfc's default device.
    explicit NfcCardReader(std::string connString);
    ~NfcCardReader() override;
    NfcCardReader(const NfcCardReader &) = delete;
    NfcCardReader &operator=(const NfcCardReader &) = delete;

    void setEventHandler(std::function<void(const ReaderEvent &)> handler) override;
    Result<CardUid> waitForCard(std::chrono::milliseconds timeout, std::stop_token stop = {}) override;
    Result<void> runSession(const std::function<Result<void>(DesfireCard &)> &session) override;
    Result<void> waitForRemoval(std::chrono::milliseconds timeout, std::stop_token stop = {}) override;

    /// Pause between presence checks while waiting for a card's removal, and between rounds while
    /// the reader is unavailable or a foreign tag lies in the field (default 50 ms). Waiting for a
    /// card does not sleep: the chip polls (see the class comment).
    void setPollInterval(std::chrono::milliseconds interval) noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tapledger::nfc
