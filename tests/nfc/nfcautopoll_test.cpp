// NfcCardReader waits for a card with libnfc's nfc_initiator_poll_target, i.e. the PN532's
// InAutoPoll (UM0701-02 §7.3.13), on the real libnfc pn532_uart path against the emulated chip.
#include "readerharness.h"

#include <gtest/gtest.h>

#include <thread>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;

namespace {

constexpr uint8_t kInAutoPoll = 0x60;
constexpr uint8_t kInListPassiveTarget = 0x4A;

} // namespace

TEST(NfcAutoPoll, CardEnteringDuringTheWaitIsSeenThroughInAutoPoll)
{
    nfc::test::PtyHarness h;
    auto card = nfc::test::CardFixture::blankCard(0x21);
    std::jthread presenter([&] {
        // Present only once the chip is polling, so the card enters the field mid-poll.
        for (int i = 0; i < 500 && !h.chip->pollPending(); ++i)
            std::this_thread::sleep_for(10ms);
        h.present(card);
    });
    auto uid = h.reader().waitForCard(20s);
    ASSERT_TRUE(uid.ok()) << uid.error().message;
    EXPECT_EQ(*uid, card->uid());
    EXPECT_GE(h.chip->hostCommands(kInAutoPoll), 1u);
}

TEST(NfcAutoPoll, AnIdleReaderPollsInRoundsOfTheChipNotInASpin)
{
    nfc::test::PtyHarness h;
    auto uid = h.reader().waitForCard(1s);
    ASSERT_FALSE(uid.ok());
    EXPECT_EQ(uid.error().code, ErrorCode::NotFound);
    // Each round waits 150 ms inside the chip (PollNr 1, Period 1): about 7 rounds in a second,
    // and no listing at all while the field stays empty (a 50 ms listing loop made 20).
    const uint64_t polls = h.chip->hostCommands(kInAutoPoll);
    EXPECT_GE(polls, 1u);
    EXPECT_LE(polls, 9u);
    EXPECT_EQ(h.chip->hostCommands(kInListPassiveTarget), 0u);
}

TEST(NfcAutoPoll, StopFromAnotherThreadAbortsThePollWithAnAck)
{
    nfc::test::PtyHarness h;
    // A stop that lands while libnfc still waits for the chip's ACK of the InAutoPoll cannot abort
    // it (the round then ends by itself within 150 ms); a few attempts make the test independent
    // of that window.
    for (int attempt = 0; attempt < 5 && h.chip->hostAcks() == 0; ++attempt) {
        std::stop_source stop;
        std::jthread canceller([&] {
            for (int i = 0; i < 500 && !h.chip->pollPending(); ++i)
                std::this_thread::sleep_for(1ms);
            std::this_thread::sleep_for(20ms); // libnfc is now reading the answer
            stop.request_stop();
        });
        auto uid = h.reader().waitForCard(600s, stop.get_token());
        ASSERT_FALSE(uid.ok());
        EXPECT_EQ(uid.error().message, "cancelled");
        canceller.join();
        // libnfc's abort sends the chip an ACK (UM0701-02 §6.2.1.3); the pty thread may still be
        // delivering it.
        for (int i = 0; i < 50 && h.chip->hostAcks() == 0; ++i)
            std::this_thread::sleep_for(10ms);
    }
    EXPECT_GE(h.chip->hostAcks(), 1u);
    EXPECT_FALSE(h.chip->pollPending());
    // The reader still works after the abort.
    auto card = nfc::test::CardFixture::blankCard(0x22);
    h.present(card);
    auto again = h.reader().waitForCard(5s);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(*again, card->uid());
}
