#include "kiosk/kioskcardfixture.h"

#include "kiosk/kiosktestsupport.h"
#include "nfc/cardterminal.h"

#include <QCoreApplication>
#include <QTest>
#include <initializer_list>
#include <utility>
#include <vector>

namespace tapledger::test {

using namespace tapledger::kiosk;

void KioskCardFixture::SetUp()
{
    KioskFixture::SetUp();
    if (HasFatalFailure())
        return;
    ASSERT_TRUE(keys.add(1, Aes128Key{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC,
                                      0xDD, 0xEE, 0xFF, 0x01})
                    .ok());
    ASSERT_TRUE(keys.setCurrent(1).ok());
    const Ed25519SecretKey &deviceKey = engine().deviceKey();
    auto terminal = std::make_unique<nfc::CardTerminal>(
        reader, keys, nfc::CardStateVerifier({deviceKey.publicKey()}), counters, "test-kiosk");
    cards =
        std::make_unique<CardService>(std::move(terminal), std::vector<std::shared_ptr<void>>{}, deviceKey);
    // As main.cpp: the fleet's keys from HQ rebuild the terminal (setTrustedSigners).
    cards->setTerminalFactory([this](std::vector<Ed25519PublicKey> signers) {
        return std::make_unique<nfc::CardTerminal>(reader, keys, nfc::CardStateVerifier(std::move(signers)), counters,
                                                   "test-kiosk");
    });
    router = std::make_unique<TapRouter>(*cards, *engineService, *session);
    // Keep what each tap read (the chip's balances) and hand it on to the router.
    cards->setTapHandler([this](const nfc::TapResult &tap) {
        lastTap = tap;
        ++taps;
        router->onTap(tap);
    });
    for (ControllerBase *c : std::initializer_list<ControllerBase *>{&enrol, &replace, &topUp})
        c->setCards(cards.get());
    cards->start();
}

void KioskCardFixture::TearDown()
{
    if (cards)
        cards->stop();
}

std::shared_ptr<nfc::DesfireEmulator> KioskCardFixture::blankCard(uint8_t last)
{
    return std::make_shared<nfc::DesfireEmulator>(
        nfc::DesfireImage::blank({0x04, 0x10, 0x20, 0x30, 0x40, 0x50, last}));
}

void KioskCardFixture::present(const std::shared_ptr<nfc::DesfireEmulator> &card)
{
    const int before = taps;
    reader.presentCard(card);
    EXPECT_TRUE(QTest::qWaitFor([&] { return taps > before; }, kWaitMs));
}

void KioskCardFixture::presentUntilSeen(const std::shared_ptr<nfc::DesfireEmulator> &card)
{
    reader.presentCard(card);
    EXPECT_TRUE(QTest::qWaitFor([&] { return cards->cardPresent(); }, kWaitMs));
}

void KioskCardFixture::removeCard()
{
    reader.removeCard();
    EXPECT_TRUE(QTest::qWaitFor([&] { return !cards->cardPresent(); }, kWaitMs));
    QCoreApplication::processEvents(); // the removal handler runs after cardPresent changed
}

} // namespace tapledger::test
