// The kiosk tap API (CardTerminal) on both reader paths: every TapResult kind, state writes with
// counters, issuing, and removal.
#include "readerharness.h"

#include "nfc/cardlayout.h"
#include "nfc/cardterminal.h"
#include "nfc/inmemorycardcounterstore.h"

#include <gtest/gtest.h>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;
using nfc::test::ReaderHarness;
using nfc::test::ReaderPath;
using Kind = TapResult::Kind;

namespace {

constexpr int64_t kNow = 1700000100000;

class CardTerminalPaths : public ::testing::TestWithParam<ReaderPath>
{
protected:
    void SetUp() override
    {
        h = ReaderHarness::make(GetParam());
        terminal = std::make_unique<CardTerminal>(h->reader(), fx.masters, CardStateVerifier({fx.kioskKey.publicKey()}),
                                                  counters, "kiosk-7");
        terminal->setEventHandler([this](const ReaderEvent &e) { events.push_back(e.kind); });
    }

    TapResult tap()
    {
        auto r = terminal->waitForTap(60s);
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r ? *r : TapResult{};
    }

    StateWriteOutcome write(const MemberRecord &rec, int64_t deposit)
    {
        return terminal->writeState(rec.memberId, deposit, deposit / 10, 3, "EUR", 77, kNow, fx.kioskKey);
    }

    /// A blank card issued through the terminal, still in the field.
    std::shared_ptr<DesfireEmulator> issued(uint8_t uidByte, const MemberRecord &rec)
    {
        auto card = fx.blankCard(uidByte);
        h->present(card);
        auto uid = terminal->issueCard(rec, fx.kioskKey, kNow);
        EXPECT_TRUE(uid.ok()) << uid.error().message;
        return card;
    }

    Bytes &stateFile(const std::shared_ptr<DesfireEmulator> &card)
    {
        return card->mutableImage().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data;
    }

    nfc::test::CardFixture fx;
    InMemoryCardCounterStore counters;
    std::unique_ptr<ReaderHarness> h;
    std::unique_ptr<CardTerminal> terminal;
    std::vector<ReaderEvent::Kind> events;
};

} // namespace

INSTANTIATE_TEST_SUITE_P(Paths, CardTerminalPaths, nfc::test::bothPaths(), nfc::test::pathName);

TEST_P(CardTerminalPaths, IssuedMemberCardTapsAsMemberAndTakesStates)
{
    const MemberRecord rec = fx.record(0x61);
    auto card = issued(0x61, rec);

    TapResult t = tap();
    ASSERT_EQ(t.kind, Kind::Member) << t.message;
    EXPECT_EQ(t.uid, card->uid());
    EXPECT_EQ(t.record, rec);
    EXPECT_FALSE(t.state.has_value()); // fresh card: counter 0
    EXPECT_FALSE(t.alert.has_value());
    EXPECT_NE(std::find(events.begin(), events.end(), ReaderEvent::Kind::CardDetected), events.end());

    StateWriteOutcome w = write(rec, 1000);
    ASSERT_EQ(w.kind, StateWriteOutcome::Kind::Committed) << w.detail;
    EXPECT_EQ(counters.lastSeen(rec.cardId), 1u);
    w = write(rec, 800); // the card is still in the field: counter 2
    ASSERT_EQ(w.kind, StateWriteOutcome::Kind::Committed) << w.detail;

    t = tap();
    ASSERT_EQ(t.kind, Kind::Member) << t.message;
    ASSERT_TRUE(t.state.has_value());
    EXPECT_EQ(t.state->counter, 2u);
    EXPECT_EQ(t.state->deposit, 800);
    EXPECT_EQ(t.state->bonus, 80);
    EXPECT_EQ(t.state->currency, "EUR");
    EXPECT_EQ(t.state->kioskId, "kiosk-7");
    EXPECT_EQ(t.state->ledgerSeq, 77u);
    EXPECT_EQ(counters.lastSeen(rec.cardId), 2u);

    // Another member's id is refused before touching the card.
    EXPECT_EQ(terminal->writeState(fx.record(0x70).memberId, 1, 0, 0, "EUR", 1, kNow, fx.kioskKey).kind,
              StateWriteOutcome::Kind::NotCommitted);

    auto still = terminal->waitForRemoval(10ms);
    ASSERT_FALSE(still.ok());
    EXPECT_EQ(still.error().code, ErrorCode::NotFound);
    h->remove();
    EXPECT_TRUE(terminal->waitForRemoval(60s).ok());
    EXPECT_EQ(write(rec, 1).kind, StateWriteOutcome::Kind::NotCommitted); // the card is gone
    EXPECT_EQ(counters.lastSeen(rec.cardId), 2u);
}

TEST_P(CardTerminalPaths, StaffCardTapsAsStaffWithItsRole)
{
    const MemberRecord rec = fx.record(0x62, MemberRecord::CardType::Staff, Card::Role::Supervisor);
    issued(0x62, rec);
    const TapResult t = tap();
    ASSERT_EQ(t.kind, Kind::Staff) << t.message;
    EXPECT_EQ(t.record.role, Card::Role::Supervisor);
    EXPECT_EQ(t.message, "staff card (supervisor)");
    EXPECT_FALSE(t.state.has_value());
    EXPECT_EQ(write(rec, 10).kind, StateWriteOutcome::Kind::NotCommitted); // no balances on staff cards
}

TEST_P(CardTerminalPaths, CardsThatFailAuthenticationAreNotRecognised)
{
    // A blank DESFire (no application).
    auto blank = fx.blankCard(0x63);
    h->present(blank);
    TapResult t = tap();
    EXPECT_EQ(t.kind, Kind::NotRecognised);
    EXPECT_EQ(t.message, "card not recognised");
    EXPECT_EQ(t.uid, blank->uid());

    // A card of another fleet: AES authentication fails.
    CardMasterKeys otherFleet;
    Aes128Key m{};
    m.fill(0x77);
    ASSERT_TRUE(otherFleet.add(1, m).ok());
    auto foreign = fx.blankCard(0x64);
    h->present(foreign);
    ASSERT_TRUE(h->withCard(otherFleet, [&](TapLedgerCard &app) {
                    const MemberRecord rec = fx.record(0x64);
                    return app.personalise(rec, fx.token(foreign->uid(), rec, 1, 5));
                }).ok());
    t = tap();
    EXPECT_EQ(t.kind, Kind::NotRecognised);
    EXPECT_EQ(t.message, "card not recognised");

    // A UID-only tag: not recognised at once (the wait does not run to its timeout).
    h->presentUidOnly({0xDE, 0xAD, 0xBE, 0xEF});
    t = tap();
    EXPECT_EQ(t.kind, Kind::NotRecognised);
    EXPECT_EQ(t.uid, CardUid{});
    EXPECT_NE(std::find(events.begin(), events.end(), ReaderEvent::Kind::UnknownCard), events.end());
    // Left on the reader it is not reported again: the next wait times out.
    auto again = terminal->waitForTap(50ms);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::NotFound);
}

TEST_P(CardTerminalPaths, RefusedStatesCarryTheAlertForTheLedger)
{
    struct Case
    {
        const char *name;
        CardAlertReason reason;
        std::function<void(const std::shared_ptr<DesfireEmulator> &, const MemberRecord &)> tamper;
    };
    const std::vector<Case> cases = {
        {"state copied from another card", CardAlertReason::Clone,
         [&](const std::shared_ptr<DesfireEmulator> &card, const MemberRecord &) {
             auto victim = issued(0x6F, fx.record(0x6F)); // its state is bound to its UID and ids
             stateFile(card) = victim->image().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data;
         }},
        {"bad signature", CardAlertReason::BadSignature,
         [&](const std::shared_ptr<DesfireEmulator> &card, const MemberRecord &) { stateFile(card)[61] ^= 0x01; }},
        {"unknown kiosk key", CardAlertReason::UntrustedSigner,
         [&](const std::shared_ptr<DesfireEmulator> &card, const MemberRecord &rec) {
             const auto enc = *fx.token(card->uid(), rec, 5, 1, &fx.otherKiosk).encode();
             stateFile(card).assign(enc.begin(), enc.end());
         }},
        {"rolled back", CardAlertReason::Rollback,
         [&](const std::shared_ptr<DesfireEmulator> &card, const MemberRecord &rec) {
             counters.recordSeen(rec.cardId, 9); // this kiosk saw counter 9; the card shows 1
             const auto enc = *fx.token(card->uid(), rec, 1, 1).encode();
             stateFile(card).assign(enc.begin(), enc.end());
         }},
    };
    uint8_t tag = 0x65;
    for (const Case &c : cases) {
        SCOPED_TRACE(c.name);
        const MemberRecord rec = fx.record(tag);
        auto card = issued(tag++, rec);
        c.tamper(card, rec);
        h->present(card);
        const TapResult t = tap();
        ASSERT_EQ(t.kind, Kind::Refused) << t.message;
        ASSERT_TRUE(t.alert.has_value());
        EXPECT_EQ(t.alert->reason, c.reason);
        EXPECT_EQ(t.record, rec);
        EXPECT_FALSE(t.state.has_value());
        EXPECT_NE(t.message.find(cardAlertReasonName(c.reason)), std::string::npos) << t.message;
        const LedgerEntry draft = t.alert->toLedgerDraft(kNow);
        EXPECT_EQ(draft.kind, EntryKind::CardAlert);
        EXPECT_EQ(draft.card, rec.cardId);
        // A refused card never takes a state.
        EXPECT_EQ(write(rec, 1).kind, StateWriteOutcome::Kind::NotCommitted);
    }
}

TEST_P(CardTerminalPaths, TornWriteWithUnknownOutcomeNeedsANewTap)
{
    const MemberRecord rec = fx.record(0x71);
    auto card = issued(0x71, rec);
    ASSERT_EQ(tap().kind, Kind::Member);
    // Probe how many commands a write takes, then lose the answer to the last one (the commit).
    h->setFault({}); // restarts the command count
    ASSERT_EQ(write(rec, 100).kind, StateWriteOutcome::Kind::Committed);
    const uint64_t total = h->cardCommands();
    h->present(card);
    ASSERT_EQ(tap().kind, Kind::Member);
    h->setFault({total, true, 0});
    const StateWriteOutcome w = write(rec, 200);
    EXPECT_EQ(w.kind, StateWriteOutcome::Kind::Unknown) << w.detail;
    EXPECT_EQ(counters.lastSeen(rec.cardId), 1u); // not recorded: the card may hold either state
    EXPECT_EQ(write(rec, 300).kind, StateWriteOutcome::Kind::NotCommitted);
    h->present(card); // the member taps again: the commit went through
    const TapResult t = tap();
    ASSERT_EQ(t.kind, Kind::Member) << t.message;
    ASSERT_TRUE(t.state.has_value());
    EXPECT_EQ(t.state->counter, 2u);
    EXPECT_EQ(t.state->deposit, 200);
}

TEST_P(CardTerminalPaths, IssuingNeedsABlankCardInTheField)
{
    auto none = terminal->issueCard(fx.record(0x72), fx.kioskKey, kNow);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::NotFound);

    issued(0x72, fx.record(0x72));
    auto again = terminal->issueCard(fx.record(0x73), fx.kioskKey, kNow);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    EXPECT_EQ(again.error().message, "card already issued to member " + fx.record(0x72).memberId.toString() +
                                         ": use replace, or `card format --yes`");
}

TEST_P(CardTerminalPaths, CancelledTapReturnsPromptly)
{
    std::stop_source stop;
    stop.request_stop();
    auto r = terminal->waitForTap(600s, stop.get_token());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "cancelled");
}

TEST_P(CardTerminalPaths, CardPulledMidReadMeansTapAgain)
{
    const MemberRecord rec = fx.record(0x74);
    auto card = issued(0x74, rec);
    h->present(card);
    h->setFault({3, false, 0}); // gone after the third command of the read
    events.clear();
    auto r = terminal->waitForTap(60s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Io) << r.error().message;
    EXPECT_NE(std::find(events.begin(), events.end(), ReaderEvent::Kind::CardRemoved), events.end());
    EXPECT_EQ(write(rec, 5).kind, StateWriteOutcome::Kind::NotCommitted); // no tap to write to
    h->present(card);
    EXPECT_EQ(tap().kind, Kind::Member);
}
