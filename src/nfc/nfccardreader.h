#pragma once

#include "nfc/cardreader.h"

#include <memory>
#include <string>

namespace tapledger::nfc {

/// CardReader over libnfc 1.8 (any supported reader: ACR122U, PN532 UART/I2C/SPI...) with
/// DESFire commands through libfreefare 0.4.0. The device is opened lazily and reopened after a
/// failure (reader unplugged). Works with the emulated PN532 (`pn532_uart:/dev/pts/N`).
/// Not thread-safe: one owner thread.
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

    /// Poll interval while waiting for a card or its removal (default 50 ms).
    void setPollInterval(std::chrono::milliseconds interval) noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tapledger::nfc
