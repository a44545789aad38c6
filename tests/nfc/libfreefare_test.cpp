// The production backend (libnfc pn532_uart driver + libfreefare 0.4.0) against the emulated
// PN532 on a pseudo-terminal hosting emulated DESFire EV1 cards.
#include "cardfixture.h"

#include "nfc/cardlayout.h"
#include "nfc/cardstateverifier.h"
#include "nfc/emulator/ptypn532.h"
#include "nfc/nfccardreader.h"
#include "nfc/tapledgercard.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;

namespace {

class FreefareOverPty : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
        ::setenv("LIBNFC_LOG_LEVEL", "0", 1);
        chip = std::make_shared<Pn532Emulator>();
        // Connect through a private symlink: pty numbers are reused by parallel test processes,
        // and a reader reopening a stale /dev/pts/N must never reach another test's emulator.
        auto p = PtyPn532::start(chip, dir.path() / "pn532");
        ASSERT_TRUE(p.ok()) << p.error().message;
        pty = std::move(*p);
        reader = std::make_unique<NfcCardReader>(pty->connString());
        reader->setPollInterval(5ms);
        reader->setEventHandler([this](const ReaderEvent &e) { events.push_back(e.kind); });
    }

    Result<void> withCard(const std::function<Result<void>(TapLedgerCard &)> &fn)
    {
        auto uid = reader->waitForCard(2s);
        if (!uid)
            return std::move(uid).error();
        return reader->runSession([&](DesfireCard &card) {
            TapLedgerCard app(card, fx.masters);
            return fn(app);
        });
    }

    Result<CardContents> readCard()
    {
        CardContents out;
        auto r = withCard([&](TapLedgerCard &app) -> Result<void> {
            auto c = app.read();
            if (!c)
                return std::move(c).error();
            out = *c;
            return {};
        });
        if (!r)
            return std::move(r).error();
        return out;
    }

    Result<void> issue(const std::shared_ptr<DesfireEmulator> &card, const MemberRecord &rec, int64_t deposit)
    {
        chip->presentCard(card);
        const CardUid uid = card->uid();
        return withCard([&](TapLedgerCard &app) { return app.personalise(rec, fx.token(uid, rec, 1, deposit)); });
    }

    tapledger::test::TempDir dir;
    nfc::test::CardFixture fx;
    std::shared_ptr<Pn532Emulator> chip;
    std::unique_ptr<PtyPn532> pty;
    std::unique_ptr<NfcCardReader> reader;
    std::vector<ReaderEvent::Kind> events;
};

} // namespace

TEST_F(FreefareOverPty, IssueAuthenticateReadUpdateCommit)
{
    auto card = fx.blankCard(0x01);
    const MemberRecord rec = fx.record(0x31);
    ASSERT_TRUE(issue(card, rec, 5000).ok());

    auto contents = readCard();
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    EXPECT_EQ(contents->record, rec);
    EXPECT_EQ(contents->keyVersion, 1);
    CardStateVerifier verifier({fx.kioskKey.publicKey()});
    auto verdict = verifier.check(contents->stateBytes, card->uid(), contents->record, std::nullopt);
    ASSERT_TRUE(verdict.accepted()) << verdict.alert->detail;
    EXPECT_EQ(verdict.token->deposit, 5000);

    StateWriteOutcome outcome;
    ASSERT_TRUE(withCard([&](TapLedgerCard &app) {
                    outcome = app.writeState(fx.token(card->uid(), rec, 2, 4200));
                    return Result<void>{};
                }).ok());
    EXPECT_EQ(outcome.kind, StateWriteOutcome::Kind::Committed) << outcome.detail;
    contents = readCard();
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    verdict = verifier.check(contents->stateBytes, card->uid(), contents->record, 1u);
    ASSERT_TRUE(verdict.accepted());
    EXPECT_EQ(verdict.token->counter, 2u);
    EXPECT_EQ(verdict.token->deposit, 4200);

    // The image on the card: keys are diversified, never the zero key.
    const auto &app = card->image().applications.at(CardLayout::kAid);
    EXPECT_NE(app.keys[1].key, Aes128Key{});
    EXPECT_EQ(app.keys[1].key, CardLayout::cardKey(*fx.masters.master(1), card->uid(), CardLayout::kAid, 1));
    EXPECT_EQ(card->image().piccKey.key, CardLayout::cardKey(*fx.masters.master(1), card->uid(), 0, 0));
}

TEST_F(FreefareOverPty, TearingAtEveryCommandLeavesOldOrNewStateNeverAMix)
{
    auto issued = fx.blankCard(0x02);
    const MemberRecord rec = fx.record(0x32);
    ASSERT_TRUE(issue(issued, rec, 5000).ok());
    const DesfireImage before = issued->image();
    const CardUid uid = issued->uid();
    const CardStateToken oldState = fx.token(uid, rec, 1, 5000);
    const CardStateToken newState = fx.token(uid, rec, 2, 3100);

    // How many card commands does a clean update take?
    auto probe = std::make_shared<DesfireEmulator>(before);
    chip->presentCard(probe);
    StateWriteOutcome clean;
    ASSERT_TRUE(withCard([&](TapLedgerCard &app) {
                    clean = app.writeState(newState);
                    return Result<void>{};
                }).ok());
    ASSERT_EQ(clean.kind, StateWriteOutcome::Kind::Committed);
    const uint64_t total = chip->cardCommands();
    ASSERT_GE(total, 6u);

    CardStateVerifier verifier({fx.kioskKey.publicKey()});
    int sawOld = 0;
    int sawNew = 0;
    for (uint64_t n = 1; n <= total; ++n) {
        for (const bool loseAnswer : {false, true}) {
            SCOPED_TRACE("card removed after command " + std::to_string(n) + (loseAnswer ? " (answer lost)" : ""));
            auto card = std::make_shared<DesfireEmulator>(before);
            chip->presentCard(card);
            chip->setFault({n, loseAnswer, 0});
            StateWriteOutcome outcome;
            auto session = withCard([&](TapLedgerCard &app) {
                outcome = app.writeState(newState);
                return Result<void>{};
            });
            if (!session.ok()) // the card vanished before the session could start
                outcome = {StateWriteOutcome::Kind::NotCommitted, session.error().message};
            const bool completed = n == total && !loseAnswer;
            EXPECT_EQ(outcome.kind == StateWriteOutcome::Kind::Committed, completed) << outcome.detail;

            chip->presentCard(card); // the member taps again
            auto contents = readCard();
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

TEST_F(FreefareOverPty, CopiedStateOnAnotherCardIsAClone)
{
    auto a = fx.blankCard(0x03);
    auto b = fx.blankCard(0x04);
    const MemberRecord recA = fx.record(0x33);
    const MemberRecord recB = fx.record(0x34);
    ASSERT_TRUE(issue(a, recA, 9000).ok());
    ASSERT_TRUE(issue(b, recB, 10).ok());
    const Bytes stolen = a->image().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data;
    b->mutableImage().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data = stolen;

    chip->presentCard(b);
    auto contents = readCard();
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

TEST_F(FreefareOverPty, WholeApplicationCopiedToAnotherUidIsNotRecognised)
{
    auto a = fx.blankCard(0x05);
    ASSERT_TRUE(issue(a, fx.record(0x35), 9000).ok());
    DesfireImage copy = a->image();
    copy.uid = nfc::test::CardFixture::uid(0x06); // same files and keys, other UID
    chip->presentCard(std::make_shared<DesfireEmulator>(copy));
    auto contents = readCard();
    ASSERT_FALSE(contents.ok());
    EXPECT_EQ(contents.error().code, ErrorCode::Denied) << contents.error().message;
}

TEST_F(FreefareOverPty, RestoredOlderStateIsARollback)
{
    auto a = fx.blankCard(0x07);
    const MemberRecord rec = fx.record(0x37);
    ASSERT_TRUE(issue(a, rec, 9000).ok());
    const Bytes older = a->image().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data;
    StateWriteOutcome outcome;
    ASSERT_TRUE(withCard([&](TapLedgerCard &app) {
                    outcome = app.writeState(fx.token(a->uid(), rec, 2, 1000));
                    return Result<void>{};
                }).ok());
    ASSERT_EQ(outcome.kind, StateWriteOutcome::Kind::Committed);
    a->mutableImage().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data = older;

    chip->presentCard(a);
    auto contents = readCard();
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    CardStateVerifier verifier({fx.kioskKey.publicKey()});
    const CardVerdict verdict = verifier.check(contents->stateBytes, a->uid(), contents->record, 2u);
    ASSERT_FALSE(verdict.accepted());
    EXPECT_EQ(verdict.alert->reason, CardAlertReason::Rollback);
    EXPECT_EQ(verdict.alert->toLedgerDraft(0).cardCounter, 1u);
}

TEST_F(FreefareOverPty, KeyRotationMovesEveryKeyToTheNewGeneration)
{
    auto a = fx.blankCard(0x08);
    ASSERT_TRUE(issue(a, fx.record(0x38), 100).ok());
    ASSERT_TRUE(withCard([&](TapLedgerCard &app) { return app.rotateKeys(2); }).ok());
    const auto &keys = a->image().applications.at(CardLayout::kAid).keys;
    for (uint8_t k = 0; k < 3; ++k) {
        EXPECT_EQ(keys[k].version, 2);
        EXPECT_EQ(keys[k].key, CardLayout::cardKey(*fx.masters.master(2), a->uid(), CardLayout::kAid, k));
    }
    auto contents = readCard();
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    EXPECT_EQ(contents->keyVersion, 2);
}

TEST_F(FreefareOverPty, CardsThatAreNotOursAreNotRecognised)
{
    // A blank DESFire: no TapLedger application.
    chip->presentCard(fx.blankCard(0x09));
    auto blank = readCard();
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(blank.error().code, ErrorCode::NotFound);

    // A TapLedger card of another fleet (other master keys).
    auto foreign = fx.blankCard(0x0A);
    ASSERT_TRUE(issue(foreign, fx.record(0x3A), 1).ok());
    CardMasterKeys otherFleet;
    Aes128Key m{};
    m.fill(0x77);
    ASSERT_TRUE(otherFleet.add(1, m).ok());
    chip->presentCard(foreign);
    ASSERT_TRUE(reader->waitForCard(2s).ok());
    auto r = reader->runSession([&](DesfireCard &card) -> Result<void> {
        auto c = TapLedgerCard(card, otherFleet).read();
        return c ? Result<void>{} : Result<void>(std::move(c).error());
    });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Denied);

    // A UID-only tag (MIFARE Classic-like): never offered as a card, reported as unknown.
    chip->presentUidOnlyTag({0xDE, 0xAD, 0xBE, 0xEF});
    events.clear();
    auto uid = reader->waitForCard(100ms);
    ASSERT_FALSE(uid.ok());
    EXPECT_EQ(uid.error().code, ErrorCode::NotFound);
    EXPECT_NE(std::find(events.begin(), events.end(), ReaderEvent::Kind::UnknownCard), events.end());
}

TEST_F(FreefareOverPty, ReaderGoneIsReportedNotFatal)
{
    chip->presentCard(fx.blankCard(0x0B));
    ASSERT_TRUE(reader->waitForCard(2s).ok());
    pty.reset(); // the reader is unplugged
    events.clear();
    const auto start = std::chrono::steady_clock::now();
    auto uid = reader->waitForCard(300ms);
    EXPECT_FALSE(uid.ok());
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    EXPECT_NE(std::find(events.begin(), events.end(), ReaderEvent::Kind::ReaderUnplugged), events.end());

    NfcCardReader nowhere("pn532_uart:/nonexistent/tty");
    auto none = nowhere.waitForCard(50ms);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::Io);
}

TEST_F(FreefareOverPty, CancelledWaitReturnsPromptly)
{
    std::stop_source stop;
    stop.request_stop();
    auto uid = reader->waitForCard(10s, stop.get_token());
    ASSERT_FALSE(uid.ok());
    EXPECT_EQ(uid.error().message, "cancelled");
}
