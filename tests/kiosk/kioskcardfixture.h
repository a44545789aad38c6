#pragma once

#include "kiosk/kioskfixture.h"
#include "nfc/cardmasterkeys.h"
#include "nfc/emulator/desfireemulator.h"
#include "nfc/emulator/emulatedcardreader.h"
#include "nfc/inmemorycardcounterstore.h"
#include "services/cardservice.h"
#include "services/taprouter.h"

#include <cstdint>
#include <memory>
#include <optional>

namespace tapledger::test {

/// KioskFixture plus the card path: a CardService polling an in-process EmulatedCardReader
/// (master key 1 current), the TapRouter behind it, and the card-writing staff controllers (enrol,
/// replace, top-up) given the CardService. Every tap is kept in lastTap and counted in taps.
class KioskCardFixture : public KioskFixture
{
protected:
    void SetUp() override;
    void TearDown() override;

    /// A blank DESFire card whose 7-byte UID ends in @p last.
    static std::shared_ptr<nfc::DesfireEmulator> blankCard(uint8_t last);
    /// Puts @p card on the reader and waits until its tap was handled (read and routed).
    void present(const std::shared_ptr<nfc::DesfireEmulator> &card);
    /// Puts @p card on the reader and waits only until the card service has seen it.
    void presentUntilSeen(const std::shared_ptr<nfc::DesfireEmulator> &card);
    /// Takes the card off and waits until its removal was handled.
    void removeCard();

    nfc::EmulatedCardReader reader;
    nfc::CardMasterKeys keys;
    nfc::InMemoryCardCounterStore counters;
    std::unique_ptr<kiosk::CardService> cards;
    std::unique_ptr<kiosk::TapRouter> router;
    std::optional<nfc::TapResult> lastTap; ///< what the last tap read; none before the first
    int taps = 0;                          ///< taps handled so far
};

} // namespace tapledger::test
