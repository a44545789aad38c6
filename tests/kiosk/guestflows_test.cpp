// Guest flows (issue 6): wrong PIN and lock-out, a card removed before its update commits, idle
// timeouts and the session rules of the TapRouter (which removal ends a session, blank cards,
// replacement cards) — driven through the real Engine on a temp data dir (example
// hotel-restaurant policy), the real SessionService, CardService, CardTerminal and TapRouter over
// the in-process EmulatedCardReader, and the screen controllers (fixture: guestflows.h). The error
// reasons and the language switch are in errorreasons_test.cpp.
#include "kiosk/guestflows.h"
#include "kiosk/kiosktestsupport.h"

#include <QObject>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <functional>
#include <vector>

using namespace tapledger;
using namespace tapledger::kiosk;
using namespace tapledger::test;
using namespace Qt::StringLiterals;

namespace {

[[maybe_unused]] const auto *const kQtApp = addQtAppEnvironment("kiosk_guest_test");

// ---- 1. Wrong PIN on a stored-value redemption -------------------------------------------------

TEST_F(GuestFlows, WrongPinFiveTimesLocksAndChangesNothing)
{
    auto card = blankCard(0x11);
    const Uuid member = memberWithCard(card, 5000);
    const Balances onChip = chip(card);
    ASSERT_TRUE(session->hasMember());
    const Balances before = balances(member);
    EXPECT_EQ(onChip, before) << "the top-up wrote the card";
    const uint64_t entries = height();

    struct Attempt
    {
        const char *pin;
        QString title, detail;
    };
    // "Afternoon tea for two": 1,500 points plus 50.00 from stored value. Locked until 18:30
    // (venue zone Asia/Shanghai, now 18:00, 30-minute lock).
    const std::vector<Attempt> attempts = {
        {"0000", u"Wrong PIN"_s, u"4 attempts left"_s},  {"1111", u"Wrong PIN"_s, u"3 attempts left"_s},
        {"2222", u"Wrong PIN"_s, u"2 attempts left"_s},  {"3333", u"Wrong PIN"_s, u"1 attempt left"_s},
        {"4444", u"PIN locked"_s, u"Try again after 18:30"_s},
        {kMemberPin, u"PIN locked"_s, u"Try again after 18:30"_s}, // the right PIN while locked
    };
    for (size_t i = 0; i < attempts.size(); ++i) {
        SCOPED_TRACE(i + 1);
        const Attempt &a = attempts[i];
        QSignalSpy failed(&rewards, &RewardsController::failed);
        QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
        rewards.redeem(u"afternoon-tea"_s, 0, QString::fromLatin1(a.pin));
        EXPECT_EQ(failed.count(), 1);
        EXPECT_EQ(redeemed.count(), 0);
        EXPECT_EQ(rewards.errorTitle(), a.title);
        EXPECT_EQ(rewards.errorDetail(), a.detail);
        EXPECT_FALSE(rewards.busy()) << "no card write for a refused action";
        EXPECT_EQ(height(), entries);
        EXPECT_EQ(balances(member), before);
    }
    EXPECT_EQ(chip(card), onChip);
}

// ---- 2. Card removed before the card update commits --------------------------------------------

TEST_F(GuestFlows, CardRemovedBeforeTheCardCommitChargesNothing)
{
    auto card = blankCard(0x12);
    const Uuid member = memberWithCard(card, 5000);
    // One redemption that commits, to count the card commands of a state write.
    reader.setFault({});
    QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
    rewards.redeem(u"pudding"_s, 0, QString::fromLatin1(kMemberPin));
    ASSERT_TRUE(redeemed.count() == 1 || redeemed.wait(kWaitMs)) << rewards.errorDetail().toStdString();
    const uint64_t writeCommands = reader.cardCommands();
    ASSERT_GE(writeCommands, 3u);

    struct Case
    {
        const char *when;
        uint64_t removeAfter; ///< card commands of the write before the card leaves
    };
    const std::vector<Case> cases = {{"before the write starts", 1}, {"just before CommitTransaction", writeCommands - 1}};
    for (const Case &c : cases) {
        SCOPED_TRACE(c.when);
        const Balances onChip = chip(card);
        ASSERT_TRUE(session->hasMember());
        const Balances before = balances(member);
        ASSERT_EQ(onChip, before);
        const uint64_t entries = height();
        std::vector<SessionService::EndReason> ended;
        QString titleAtFailure, detailAtFailure;
        const auto endConn = QObject::connect(session.get(), &SessionService::memberEnded,
                                              [&](SessionService::EndReason r) { ended.push_back(r); });
        const auto failConn = QObject::connect(&rewards, &RewardsController::failed, [&] {
            titleAtFailure = rewards.errorTitle();
            detailAtFailure = rewards.errorDetail();
        });

        reader.setFault(nfc::Pn532Fault{c.removeAfter, false, 0});
        rewards.redeem(u"afternoon-tea"_s, 0, QString::fromLatin1(kMemberPin));
        EXPECT_TRUE(rewards.busy()) << "the engine action succeeded; the card write is running";
        EXPECT_TRUE(QTest::qWaitFor([&] { return !titleAtFailure.isEmpty(); }, kWaitMs));
        EXPECT_EQ(titleAtFailure, u"Card removed: nothing was charged"_s);
        EXPECT_FALSE(detailAtFailure.contains(u"nothing was charged ("_s)) << "not the engine's English message";
        EXPECT_EQ(height(), entries) << "the batch was rolled back";
        EXPECT_EQ(balances(member), before);

        // The card is gone: the session it opened ends; the attract screen still says why.
        EXPECT_TRUE(QTest::qWaitFor([&] { return !session->hasMember(); }, kWaitMs));
        EXPECT_EQ(ended, std::vector<SessionService::EndReason>{SessionService::EndReason::CardRemoved});
        EXPECT_EQ(session->notice(), u"Card removed: nothing was charged"_s);
        expectGuestScreensEmpty();
        QObject::disconnect(endConn);
        QObject::disconnect(failConn);

        reader.setFault({});
        EXPECT_EQ(chip(card), onChip) << "tap again: the balance is as before";
        EXPECT_TRUE(session->hasMember());
    }
}

// ---- 3. Guest session end: idle timeout and card removal ---------------------------------------

TEST_F(GuestFlows, SessionEndClearsEveryGuestScreen)
{
    auto card = blankCard(0x13);
    const Uuid member = memberWithCard(card, 5000);
    struct Case
    {
        const char *why;
        SessionService::EndReason reason;
        std::function<void()> end;
    };
    const std::vector<Case> cases = {
        {"idle timeout", SessionService::EndReason::Timeout,
         [&] {
             session->setIdleTimeouts(50, 900'000); // instead of 30 s
             session->touch();
         }},
        {"card removed", SessionService::EndReason::CardRemoved, [&] { reader.removeCard(); }},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.why);
        session->setIdleTimeouts(30'000, 900'000);
        chip(card); // a fresh guest session
        ASSERT_TRUE(session->hasMember());
        QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
        rewards.redeem(u"pudding"_s, 0, QString::fromLatin1(kMemberPin));
        ASSERT_TRUE(redeemed.count() == 1 || redeemed.wait(kWaitMs)) << rewards.errorDetail().toStdString();
        rewards.redeem(u"dining-credit"_s, 0, QString::fromLatin1(kMemberPin)); // refused: an error on screen
        ASSERT_FALSE(rewards.errorTitle().isEmpty());
        // The member's data is on every guest screen.
        EXPECT_EQ(home.name(), u"Li Wei"_s);
        EXPECT_FALSE(home.storedValue().isEmpty());
        EXPECT_GT(rewards.rewards()->rowCount(), 0);
        EXPECT_GT(history.lines()->rowCount(), 0);
        EXPECT_GT(receipt.lines()->rowCount(), 0);
        EXPECT_FALSE(receipt.title().isEmpty());
        EXPECT_EQ(balances(member).points, home.points());

        std::vector<SessionService::EndReason> ended;
        const auto conn = QObject::connect(session.get(), &SessionService::memberEnded,
                                           [&](SessionService::EndReason r) { ended.push_back(r); });
        c.end();
        EXPECT_TRUE(QTest::qWaitFor([&] { return !session->hasMember(); }, kWaitMs));
        QObject::disconnect(conn);
        EXPECT_EQ(ended, std::vector<SessionService::EndReason>{c.reason});
        expectGuestScreensEmpty();
    }
}

// ---- 4. Staff idle timeout ---------------------------------------------------------------------

TEST_F(GuestFlows, StaffIdleTimeoutLogsOutAndEndsTheLookedUpMember)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    ASSERT_TRUE(enrol.enrol(u"Li Wei"_s, u"13800138000"_s, {}, QString::fromLatin1(kMemberPin), false));
    ASSERT_TRUE(lookup.search(u"Li Wei"_s));
    ASSERT_TRUE(lookup.open(0));
    ASSERT_TRUE(session->hasMember());
    session->setIdleTimeouts(30'000, 50); // instead of 15 min
    session->touch();
    EXPECT_TRUE(QTest::qWaitFor([&] { return !session->hasStaff(); }, kWaitMs));
    EXPECT_FALSE(login.loggedIn());
    EXPECT_FALSE(session->hasMember()) << "no member data outlives the staff session";
    EXPECT_EQ(lookup.results()->rowCount(), 0);
    EXPECT_EQ(enrol.state(), EnrolController::State::Editing);
    EXPECT_TRUE(enrol.memberId().isEmpty());
    expectGuestScreensEmpty();
}

// ---- Session rules of the TapRouter (fixes) ----------------------------------------------------

TEST_F(GuestFlows, OnlyTheCardThatOpenedTheSessionEndsIt)
{
    auto lost = blankCard(0x21);
    const Uuid member = memberWithCard(lost, 2000);
    const Balances held = balances(member);
    ASSERT_NE(held, Balances{});
    removeCard();
    ASSERT_FALSE(session->hasMember()) << "the member's own card ends her session";

    // Card lost: staff look her up; a blank card comes and goes without ending that session.
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    ASSERT_TRUE(lookup.search(u"Li Wei"_s));
    ASSERT_TRUE(lookup.open(0));
    auto fresh = blankCard(0x22);
    present(fresh);
    EXPECT_TRUE(session->blankCardInField());
    EXPECT_EQ(session->notice(), u"Blank card: ready to issue"_s);
    removeCard();
    EXPECT_FALSE(session->blankCardInField());
    ASSERT_TRUE(session->hasMember()) << "removing a card that did not open the session";

    // The replacement card: taking it off keeps the member; it already holds her balances.
    present(fresh);
    QSignalSpy replaced(&replace, &ReplaceCardController::replaced);
    replace.replace(0);
    ASSERT_TRUE(replaced.wait(kWaitMs)) << replace.errorDetail().toStdString();
    EXPECT_TRUE(replace.errorTitle().isEmpty()) << replace.errorTitle().toStdString();
    EXPECT_EQ(balances(member), held);
    const Uuid newCard = *Uuid::parse(replace.newCardId().toStdString());
    removeCard();
    EXPECT_TRUE(session->hasMember()) << "removing the new card after a replacement";
    EXPECT_EQ(session->member(), member);

    EXPECT_EQ(chip(fresh), held) << "the transferred state is on the new chip";
    EXPECT_EQ(lastTap->record.cardId, newCard);
    ASSERT_TRUE(session->hasMember());
    EXPECT_EQ(session->memberCard(), lastTap->record.cardId);
    removeCard();
    EXPECT_FALSE(session->hasMember()) << "the new card opened this session";
}

TEST_F(GuestFlows, ABlankCardIsTheCardToIssueForStaffOnly)
{
    struct Case
    {
        const char *who;
        bool staff;
        QString notice;
    };
    const std::vector<Case> cases = {
        {"guest", false, u"Card not recognised. Please try another card or ask our staff."_s},
        {"staff", true, u"Blank card: ready to issue"_s},
    };
    uint8_t uid = 0x30;
    for (const Case &c : cases) {
        SCOPED_TRACE(c.who);
        if (c.staff) {
            ASSERT_TRUE(loginAs(kCashier, kCashierPin));
        }
        present(blankCard(++uid));
        EXPECT_EQ(session->notice(), c.notice);
        EXPECT_EQ(session->blankCardInField(), c.staff);
        removeCard();
    }
    // And it is accepted as the card to issue.
    ASSERT_TRUE(enrol.enrol(u"Wang Fang"_s, {}, {}, u"1234"_s, false));
    present(blankCard(++uid));
    QSignalSpy issued(&enrol, &EnrolController::issued);
    enrol.issueCard();
    ASSERT_TRUE(issued.wait(kWaitMs)) << enrol.errorTitle().toStdString();
    EXPECT_TRUE(enrol.cardIssued());
}

} // namespace
