// The TapLedger card application and the CardReader seam on both reader paths: the production
// libnfc + libfreefare 0.4.0 backend against the emulated PN532 on a pty, and the in-process
// EmulatedCardReader with our own DESFire client (DesfireClient). Same cards, same faults.
#include "readerharness.h"

#include "nfc/cardlayout.h"
#include "nfc/cardstateverifier.h"

#include <gtest/gtest.h>

#include <thread>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;
using nfc::test::ReaderHarness;
using nfc::test::ReaderPath;

namespace {

class CardReaderPaths : public ::testing::TestWithParam<ReaderPath>
{
protected:
    void SetUp() override
    {
        h = ReaderHarness::make(GetParam());
        h->reader().setEventHandler([this](const ReaderEvent &e) { events.push_back(e.kind); });
    }

    bool sawEvent(ReaderEvent::Kind kind) const { return std::find(events.begin(), events.end(), kind) != events.end(); }

    StateWriteOutcome writeState(const CardStateToken &token)
    {
        StateWriteOutcome outcome{StateWriteOutcome::Kind::NotCommitted, "no session"};
        auto session = h->withCard(fx.masters, [&](TapLedgerCard &app) {
            outcome = app.writeState(token);
            return Result<void>{};
        });
        if (!session.ok()) // the card vanished before the session could start
            outcome = {StateWriteOutcome::Kind::NotCommitted, session.error().message};
        return outcome;
    }

    nfc::test::CardFixture fx;
    std::unique_ptr<ReaderHarness> h;
    std::vector<ReaderEvent::Kind> events;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Paths, CardReaderPaths, nfc::test::bothPaths(), nfc::test::pathName);

TEST_P(CardReaderPaths, IssueAuthenticateReadUpdateCommit)
{
    auto card = fx.blankCard(0x01);
    const MemberRecord rec = fx.record(0x31);
    ASSERT_TRUE(h->issue(fx, card, rec, 5000).ok());

    auto contents = h->read(fx.masters);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    EXPECT_EQ(contents->record, rec);
    EXPECT_EQ(contents->keyVersion, 1);
    CardStateVerifier verifier({fx.kioskKey.publicKey()});
    auto verdict = verifier.check(contents->stateBytes, card->uid(), contents->record, std::nullopt);
    ASSERT_TRUE(verdict.accepted()) << verdict.alert->detail;
    EXPECT_EQ(verdict.token->deposit, 5000);

    const StateWriteOutcome outcome = writeState(fx.token(card->uid(), rec, 2, 4200));
    EXPECT_EQ(outcome.kind, StateWriteOutcome::Kind::Committed) << outcome.detail;
    contents = h->read(fx.masters);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    verdict = verifier.check(contents->stateBytes, card->uid(), contents->record, 1u);
    ASSERT_TRUE(verdict.accepted());
    EXPECT_EQ(verdict.token->counter, 2u);
    EXPECT_EQ(verdict.token->deposit, 4200);

    // The image on the card: keys are diversified, never the zero key.
    const auto &app = card->image().applications.at(CardLayout::kAid);
    EXPECT_NE(app.keys[1].key, DesfireKey::aes(Aes128Key{}, 1));
    EXPECT_EQ(app.keys[1].key, DesfireKey::aes(CardLayout::cardKey(*fx.masters.master(1), card->uid(), CardLayout::kAid, 1), 1));
    // The factory DES PICC master key became the diversified AES key of generation 1.
    EXPECT_EQ(card->image().piccKey.key, DesfireKey::aes(CardLayout::cardKey(*fx.masters.master(1), card->uid(), 0, 0), 1));
}

TEST_P(CardReaderPaths, TearingAtEveryCommandLeavesOldOrNewStateNeverAMix)
{
    auto issued = fx.blankCard(0x02);
    const MemberRecord rec = fx.record(0x32);
    ASSERT_TRUE(h->issue(fx, issued, rec, 5000).ok());
    const DesfireImage before = issued->image();
    const CardUid uid = issued->uid();
    const CardStateToken oldState = fx.token(uid, rec, 1, 5000);
    const CardStateToken newState = fx.token(uid, rec, 2, 3100);

    // How many card commands does a clean update take?
    h->present(std::make_shared<DesfireEmulator>(before));
    ASSERT_EQ(writeState(newState).kind, StateWriteOutcome::Kind::Committed);
    const uint64_t total = h->cardCommands();
    ASSERT_GE(total, 6u);

    CardStateVerifier verifier({fx.kioskKey.publicKey()});
    int sawOld = 0;
    int sawNew = 0;
    for (uint64_t n = 1; n <= total; ++n) {
        for (const bool loseAnswer : {false, true}) {
            SCOPED_TRACE("card removed after command " + std::to_string(n) + (loseAnswer ? " (answer lost)" : ""));
            auto card = std::make_shared<DesfireEmulator>(before);
            h->present(card);
            h->setFault({n, loseAnswer, 0});
            const StateWriteOutcome outcome = writeState(newState);
            const bool completed = n == total && !loseAnswer;
            EXPECT_EQ(outcome.kind == StateWriteOutcome::Kind::Committed, completed) << outcome.detail;

            h->present(card); // the member taps again
            auto contents = h->read(fx.masters);
            ASSERT_TRUE(contents.ok()) << contents.error().message;
            auto verdict = verifier.check(contents->stateBytes, uid, rec, std::nullopt);
            ASSERT_TRUE(verdict.accepted()) << verdict.alert->detail;
            const bool isOld = *verdict.token == oldState;
            const bool isNew = *verdict.token == newState;
            EXPECT_TRUE(isOld != isNew) << "neither the old nor the new state";
            if (outcome.kind == StateWriteOutcome::Kind::Committed) {
                EXPECT_TRUE(isNew);
            }
            if (outcome.kind == StateWriteOutcome::Kind::NotCommitted) {
                EXPECT_TRUE(isOld);
            }
            sawOld += isOld;
            sawNew += isNew;
        }
    }
    EXPECT_GT(sawOld, 0);
    EXPECT_GE(sawNew, 2); // clean finish, and commit executed with its answer lost
}

TEST_P(CardReaderPaths, CopiedStateOnAnotherCardIsAClone)
{
    auto a = fx.blankCard(0x03);
    auto b = fx.blankCard(0x04);
    const MemberRecord recA = fx.record(0x33);
    const MemberRecord recB = fx.record(0x34);
    ASSERT_TRUE(h->issue(fx, a, recA, 9000).ok());
    ASSERT_TRUE(h->issue(fx, b, recB, 10).ok());
    const Bytes stolen = a->image().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data;
    b->mutableImage().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data = stolen;

    h->present(b);
    auto contents = h->read(fx.masters);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    CardStateVerifier verifier({fx.kioskKey.publicKey()});
    const CardVerdict verdict = verifier.check(contents->stateBytes, b->uid(), contents->record, std::nullopt);
    ASSERT_FALSE(verdict.accepted());
    EXPECT_EQ(verdict.alert->reason, CardAlertReason::Clone);
    const LedgerEntry draft = verdict.alert->toLedgerDraft(1700000001000);
    EXPECT_EQ(draft.kind, EntryKind::CardAlert);
    EXPECT_EQ(draft.card, recB.cardId);
    EXPECT_NE(draft.extra.find("\"reason\":\"clone\""), std::string::npos) << draft.extra;
}

TEST_P(CardReaderPaths, WholeApplicationCopiedToAnotherUidIsNotRecognised)
{
    auto a = fx.blankCard(0x05);
    ASSERT_TRUE(h->issue(fx, a, fx.record(0x35), 9000).ok());
    DesfireImage copy = a->image();
    copy.uid = nfc::test::CardFixture::uid(0x06); // same files and keys, other UID
    h->present(std::make_shared<DesfireEmulator>(copy));
    auto contents = h->read(fx.masters);
    ASSERT_FALSE(contents.ok());
    EXPECT_EQ(contents.error().code, ErrorCode::Denied) << contents.error().message;
}

TEST_P(CardReaderPaths, RestoredOlderStateIsARollback)
{
    auto a = fx.blankCard(0x07);
    const MemberRecord rec = fx.record(0x37);
    ASSERT_TRUE(h->issue(fx, a, rec, 9000).ok());
    const Bytes older = a->image().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data;
    ASSERT_EQ(writeState(fx.token(a->uid(), rec, 2, 1000)).kind, StateWriteOutcome::Kind::Committed);
    a->mutableImage().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data = older;

    h->present(a);
    auto contents = h->read(fx.masters);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    CardStateVerifier verifier({fx.kioskKey.publicKey()});
    const CardVerdict verdict = verifier.check(contents->stateBytes, a->uid(), contents->record, 2u);
    ASSERT_FALSE(verdict.accepted());
    EXPECT_EQ(verdict.alert->reason, CardAlertReason::Rollback);
    EXPECT_EQ(verdict.alert->toLedgerDraft(0).cardCounter, 1u);
}

TEST_P(CardReaderPaths, KeyRotationMovesEveryKeyToTheNewGeneration)
{
    auto a = fx.blankCard(0x08);
    ASSERT_TRUE(h->issue(fx, a, fx.record(0x38), 100).ok());
    ASSERT_TRUE(h->withCard(fx.masters, [&](TapLedgerCard &app) { return app.rotateKeys(2); }).ok());
    const auto &keys = a->image().applications.at(CardLayout::kAid).keys;
    for (uint8_t k = 0; k < 3; ++k) {
        EXPECT_EQ(keys[k].version(), 2);
        EXPECT_EQ(keys[k].key, DesfireKey::aes(CardLayout::cardKey(*fx.masters.master(2), a->uid(), CardLayout::kAid, k), 2));
    }
    auto contents = h->read(fx.masters);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    EXPECT_EQ(contents->keyVersion, 2);
}

TEST_P(CardReaderPaths, FormatThenReissue)
{
    auto a = fx.blankCard(0x0C);
    ASSERT_TRUE(h->issue(fx, a, fx.record(0x3C), 100).ok());
    ASSERT_TRUE(h->withCard(fx.masters, [](TapLedgerCard &app) { return app.format(); }).ok());
    EXPECT_TRUE(a->image().applications.empty());
    ASSERT_TRUE(h->issue(fx, a, fx.record(0x3D), 200).ok()); // PICC key already ours
    auto contents = h->read(fx.masters);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    EXPECT_EQ(contents->record, fx.record(0x3D));
}

TEST_P(CardReaderPaths, CardsThatAreNotOursAreNotRecognised)
{
    // A blank DESFire: no TapLedger application.
    h->present(fx.blankCard(0x09));
    auto blank = h->read(fx.masters);
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(blank.error().code, ErrorCode::NotFound);

    // A TapLedger card of another fleet (other master keys).
    auto foreign = fx.blankCard(0x0A);
    ASSERT_TRUE(h->issue(fx, foreign, fx.record(0x3A), 1).ok());
    CardMasterKeys otherFleet;
    Aes128Key m{};
    m.fill(0x77);
    ASSERT_TRUE(otherFleet.add(1, m).ok());
    h->present(foreign);
    auto r = h->read(otherFleet);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Denied);

    // A UID-only tag (MIFARE Classic-like): never offered as a card, reported as unknown once.
    h->presentUidOnly({0xDE, 0xAD, 0xBE, 0xEF});
    events.clear();
    auto uid = h->reader().waitForCard(100ms);
    ASSERT_FALSE(uid.ok());
    EXPECT_EQ(uid.error().code, ErrorCode::NotFound);
    EXPECT_EQ(std::count(events.begin(), events.end(), ReaderEvent::Kind::UnknownCard), 1);
}

TEST_P(CardReaderPaths, WaitForRemovalReportsTheCardLeaving)
{
    h->present(fx.blankCard(0x0D));
    ASSERT_TRUE(h->reader().waitForCard(2s).ok());

    // Still there: NotFound at the timeout.
    auto still = h->reader().waitForRemoval(30ms);
    ASSERT_FALSE(still.ok());
    EXPECT_EQ(still.error().code, ErrorCode::NotFound);

    // Taken away by another thread while we wait.
    events.clear();
    std::jthread taker([this] {
        std::this_thread::sleep_for(50ms);
        h->remove();
    });
    auto gone = h->reader().waitForRemoval(60s);
    EXPECT_TRUE(gone.ok()) << gone.error().message;
    EXPECT_TRUE(sawEvent(ReaderEvent::Kind::CardRemoved));
}

TEST_P(CardReaderPaths, StopTokenCancelsWaitsPromptly)
{
    // Nothing ends these waits but the stop request: returning at all is the proof.
    const auto stopSoon = [](std::stop_source &stop) {
        return std::jthread([&stop] {
            std::this_thread::sleep_for(50ms);
            stop.request_stop();
        });
    };
    std::stop_source stop;
    std::jthread canceller = stopSoon(stop);
    auto uid = h->reader().waitForCard(600s, stop.get_token());
    ASSERT_FALSE(uid.ok());
    EXPECT_EQ(uid.error().message, "cancelled");

    h->present(fx.blankCard(0x0E));
    ASSERT_TRUE(h->reader().waitForCard(2s).ok());
    std::stop_source stop2;
    std::jthread canceller2 = stopSoon(stop2);
    auto removal = h->reader().waitForRemoval(600s, stop2.get_token());
    ASSERT_FALSE(removal.ok());
    EXPECT_EQ(removal.error().message, "cancelled");
}

TEST_P(CardReaderPaths, CardRemovedBeforeTheSessionIsReported)
{
    h->present(fx.blankCard(0x0F));
    ASSERT_TRUE(h->reader().waitForCard(2s).ok());
    h->remove();
    events.clear();
    bool ran = false;
    auto r = h->reader().runSession([&](DesfireCard &) {
        ran = true;
        return Result<void>{};
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Io);
    EXPECT_FALSE(ran);
    EXPECT_TRUE(sawEvent(ReaderEvent::Kind::CardRemoved));
}
