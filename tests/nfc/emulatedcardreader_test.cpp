// The in-process card path: our DESFire client (DesfireClient) against the emulated card, and
// the EmulatedCardReader's own controls (unplug, UID-only tags, control calls from other threads).
#include "cardfixture.h"

#include "nfc/cardlayout.h"
#include "nfc/desfireclient.h"
#include "nfc/emulator/emulatedcardreader.h"
#include "nfc/tapledgercard.h"

#include <gtest/gtest.h>

#include <thread>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;

namespace {

const CardUid kUid{0x04, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06};

DesfireClient clientFor(DesfireEmulator &card)
{
    return DesfireClient([&card](ByteView apdu) -> Result<Bytes> { return card.transceive(apdu); }, card.uid());
}

struct Recorder
{
    std::vector<ReaderEvent::Kind> kinds;
    void attach(CardReader &r)
    {
        r.setEventHandler([this](const ReaderEvent &e) { kinds.push_back(e.kind); });
    }
    long count(ReaderEvent::Kind k) const { return std::count(kinds.begin(), kinds.end(), k); }
};

} // namespace

TEST(DesfireClient, AesAuthenticationWithTheRightKeyOnly)
{
    DesfireEmulator card(DesfireImage::blankAes(kUid));
    DesfireClient client = clientFor(card);
    ASSERT_TRUE(client.selectApplication(0).ok());
    Aes128Key wrong{};
    wrong[0] = 1;
    auto refused = client.authenticateAes(0, wrong);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Denied);
    auto noKey = client.authenticateAes(5, Aes128Key{});
    ASSERT_FALSE(noKey.ok());
    EXPECT_EQ(noKey.error().code, ErrorCode::Denied);
    ASSERT_TRUE(client.authenticateAes(0, Aes128Key{}).ok());
    // The session works: CMAC'd answers verify, commands are accepted.
    auto version = client.keyVersion(0);
    ASSERT_TRUE(version.ok()) << version.error().message;
    EXPECT_EQ(*version, 0);
    ASSERT_TRUE(client.createApplicationAes(0x123456, 0x0B, 2).ok());
    auto aids = client.applicationIds();
    ASSERT_TRUE(aids.ok());
    EXPECT_EQ(*aids, std::vector<uint32_t>{0x123456});
}

TEST(DesfireClient, EveryCommModeRoundTripsAndTamperingIsCaught)
{
    DesfireEmulator card(DesfireImage::blankAes(kUid));
    DesfireClient client = clientFor(card);
    ASSERT_TRUE(client.selectApplication(0).ok());
    ASSERT_TRUE(client.authenticateAes(0, Aes128Key{}).ok());
    ASSERT_TRUE(client.createApplicationAes(0x010203, 0x0B, 1).ok());
    ASSERT_TRUE(client.selectApplication(0x010203).ok());
    ASSERT_TRUE(client.authenticateAes(0, Aes128Key{}).ok());
    Bytes data(200);
    for (size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<uint8_t>(i * 7);
    for (const CommMode mode : {CommMode::Plain, CommMode::Maced, CommMode::Enciphered}) {
        SCOPED_TRACE(static_cast<int>(mode));
        const auto fileNo = static_cast<uint8_t>(mode);
        ASSERT_TRUE(client.createDataFile(fileNo, true, mode, 0x0000, 256).ok());
        ASSERT_TRUE(client.writeData(fileNo, 3, data, mode).ok());
        ASSERT_TRUE(client.commitTransaction().ok());
        auto back = client.readData(fileNo, 3, 200, mode);
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_EQ(*back, data);
    }
    // A bit flipped in the card's answer fails its CMAC: Crypto, and the session is over.
    DesfireClient tampered([&card](ByteView apdu) -> Result<Bytes> {
        Bytes r = card.transceive(apdu);
        if (apdu[1] == 0x64 && r.size() > 3)
            r[1] ^= 0x01;
        return r;
    }, card.uid());
    ASSERT_TRUE(tampered.selectApplication(0x010203).ok());
    ASSERT_TRUE(tampered.authenticateAes(0, Aes128Key{}).ok());
    auto v = tampered.keyVersion(0);
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().code, ErrorCode::Crypto);
}

TEST(EmulatedCardReader, UnpluggedReaderIsReportedOnceAndRecovers)
{
    EmulatedCardReader reader;
    Recorder events;
    events.attach(reader);
    reader.presentCard(nfc::test::CardFixture::blankCard(0x21));
    ASSERT_TRUE(reader.waitForCard(0ms).ok());
    EXPECT_EQ(events.count(ReaderEvent::Kind::ReaderReady), 1);

    reader.setConnected(false);
    auto session = reader.runSession([](DesfireCard &) { return Result<void>{}; });
    ASSERT_FALSE(session.ok());
    EXPECT_EQ(session.error().code, ErrorCode::Io);
    auto uid = reader.waitForCard(20ms);
    ASSERT_FALSE(uid.ok());
    EXPECT_EQ(uid.error().code, ErrorCode::Io);
    uid = reader.waitForCard(0ms);
    EXPECT_EQ(events.count(ReaderEvent::Kind::ReaderUnplugged), 1);

    std::jthread plugger([&reader] {
        std::this_thread::sleep_for(30ms);
        reader.setConnected(true);
    });
    uid = reader.waitForCard(60s);
    ASSERT_TRUE(uid.ok()) << uid.error().message;
    EXPECT_EQ(events.count(ReaderEvent::Kind::ReaderReady), 2);
}

TEST(EmulatedCardReader, UnpluggedMidSessionFailsTheCommandNotTheProcess)
{
    nfc::test::CardFixture fx;
    EmulatedCardReader reader;
    Recorder events;
    events.attach(reader);
    reader.presentCard(nfc::test::CardFixture::blankCard(0x22));
    ASSERT_TRUE(reader.waitForCard(0ms).ok());
    auto r = reader.runSession([&](DesfireCard &card) -> Result<void> {
        TL_TRY(card.selectApplication(0));
        reader.setConnected(false);
        return card.selectApplication(0);
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Io);
    EXPECT_EQ(events.count(ReaderEvent::Kind::ReaderUnplugged), 1);
    EXPECT_EQ(events.count(ReaderEvent::Kind::CardRemoved), 0);
}

TEST(EmulatedCardReader, ControlCallsFromAnotherThreadWakeTheWaiter)
{
    EmulatedCardReader reader;
    Recorder events;
    events.attach(reader);
    auto empty = reader.waitForCard(0ms);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::NotFound);

    auto card = nfc::test::CardFixture::blankCard(0x23);
    std::jthread tapper([&] {
        std::this_thread::sleep_for(20ms);
        reader.presentUidOnlyTag({1, 2, 3, 4});
        std::this_thread::sleep_for(20ms);
        reader.presentCard(card);
    });
    auto uid = reader.waitForCard(60s);
    ASSERT_TRUE(uid.ok()) << uid.error().message;
    EXPECT_EQ(*uid, card->uid());
    EXPECT_EQ(events.count(ReaderEvent::Kind::UnknownCard), 1);
    EXPECT_EQ(events.count(ReaderEvent::Kind::CardDetected), 1);
    EXPECT_TRUE(reader.cardPresent());
}

TEST(EmulatedCardReader, CardChangedHandlerSeesCommittedWrites)
{
    nfc::test::CardFixture fx;
    EmulatedCardReader reader;
    int changes = 0;
    reader.setCardChangedHandler([&](const DesfireEmulator &) { ++changes; });
    auto card = nfc::test::CardFixture::blankCard(0x24);
    reader.presentCard(card);
    ASSERT_TRUE(reader.waitForCard(0ms).ok());
    const MemberRecord rec = nfc::test::CardFixture::record(0x44);
    ASSERT_TRUE(reader.runSession([&](DesfireCard &c) {
                    return TapLedgerCard(c, fx.masters).personalise(rec, fx.token(card->uid(), rec, 1, 10));
                }).ok());
    EXPECT_GT(changes, 5);
    EXPECT_TRUE(card->image().applications.count(CardLayout::kAid));
}
