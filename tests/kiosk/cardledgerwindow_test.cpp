// The card–ledger window (issue 14, point 3): the card commits its new state (CommitTransaction)
// but the ledger batch of the same spend does not. The kiosk then rolls the batch back — as it
// does when the CommitTransaction answer is lost with the card, and as a power cut before the
// ledger commit leaves it on disk — so the card is ahead of the ledger with a spend that was never
// acknowledged. The next tap must notice and rewrite the card from the ledger: never charge the
// member for it, never let them spend twice. Cut at every card command of the state write, with
// the command's answer delivered or lost (fixture: guestflows.h, docs/decisions.md "Issue 14").
#include "kiosk/guestflows.h"
#include "kiosk/kiosktestsupport.h"
#include "nfc/cardlayout.h"
#include "nfc/cardstatetoken.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <mutex>
#include <optional>

using namespace tapledger;
using namespace tapledger::kiosk;
using namespace tapledger::test;
using namespace Qt::StringLiterals;

namespace {

/// GuestFlows plus what the card holds committed right now, seen from the reader thread.
class CardLedgerWindow : public GuestFlows
{
protected:
    void SetUp() override
    {
        GuestFlows::SetUp();
        reader.setCardChangedHandler([this](const nfc::DesfireEmulator &card) {
            const auto app = card.image().applications.find(nfc::CardLayout::kAid);
            if (app == card.image().applications.end())
                return;
            const auto file = app->second.files.find(nfc::CardLayout::kStateFile);
            if (file == app->second.files.end())
                return;
            auto token = nfc::CardStateToken::decode(file->second.data);
            std::lock_guard lock(m_mutex);
            if (token)
                m_committed = Balances{token->deposit, token->bonus, token->points};
        });
    }
    /// Waits until the card's committed state holds @p expected (the restore write is done).
    bool waitForCommitted(const Balances &expected)
    {
        return QTest::qWaitFor(
            [&] {
                std::lock_guard lock(m_mutex);
                return m_committed == expected;
            },
            kWaitMs);
    }

    std::mutex m_mutex;
    std::optional<Balances> m_committed;
};

TEST_F(CardLedgerWindow, CardAheadOfTheLedgerIsRewrittenFromTheLedgerAtTheNextTap)
{
    auto card = blankCard(0x31);
    const Uuid member = memberWithCard(card, 5000);
    // One redemption that commits, to count the card commands of a state write.
    reader.setFault({});
    {
        QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
        rewards.redeem(u"dining-credit"_s, 100, QString::fromLatin1(kMemberPin));
        ASSERT_TRUE(redeemed.count() == 1 || redeemed.wait(kWaitMs)) << rewards.errorDetail().toStdString();
    }
    const uint64_t writeCommands = reader.cardCommands();
    ASSERT_GE(writeCommands, 3u);

    int windows = 0, acknowledged = 0;
    for (uint64_t k = 1; k <= writeCommands; ++k) {
        for (const bool loseAnswer : {false, true}) {
            SCOPED_TRACE("card leaves after command " + std::to_string(k) + " of " + std::to_string(writeCommands) +
                         (loseAnswer ? ", its answer lost" : ""));
            const Balances before = balances(member);
            ASSERT_EQ(chip(card), before) << "card and ledger agree before the spend";
            ASSERT_TRUE(session->hasMember());
            const uint64_t entries = height();

            QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
            QSignalSpy failed(&rewards, &RewardsController::failed);
            reader.setFault(nfc::Pn532Fault{k, loseAnswer, 0});
            rewards.redeem(u"dining-credit"_s, 100, QString::fromLatin1(kMemberPin));
            ASSERT_TRUE(QTest::qWaitFor([&] { return redeemed.count() + failed.count() == 1; }, kWaitMs));
            reader.setFault({});

            const Balances onCard = chip(card); // the state as the next tap reads it
            if (redeemed.count() == 1) {
                // Acknowledged: durable in the ledger and on the card.
                ++acknowledged;
                EXPECT_GT(height(), entries);
                EXPECT_NE(balances(member), before);
                EXPECT_EQ(onCard, balances(member));
                continue;
            }
            EXPECT_EQ(height(), entries) << "a refused spend leaves the ledger as it was";
            EXPECT_EQ(balances(member), before) << "nothing charged";
            if (onCard != before) {
                ++windows; // the card committed, the ledger did not
                EXPECT_LT(onCard.points, before.points) << "the card holds the unacknowledged redemption";
                EXPECT_TRUE(waitForCommitted(before)) << "the tap that read it rewrote it from the ledger";
            }
            EXPECT_EQ(chip(card), before) << "the card mirrors the ledger again";
        }
    }
    EXPECT_GE(windows, 1) << "the CommitTransaction with a lost answer must leave the card ahead";
    EXPECT_GE(acknowledged, 1) << "the last command with its answer completes the spend";

    // Spending again charges exactly once, and card and ledger agree.
    const Balances before = balances(member);
    QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
    rewards.redeem(u"dining-credit"_s, 100, QString::fromLatin1(kMemberPin));
    ASSERT_TRUE(redeemed.count() == 1 || redeemed.wait(kWaitMs)) << rewards.errorDetail().toStdString();
    const Balances after = balances(member);
    EXPECT_LT(after.points, before.points);
    EXPECT_EQ(chip(card), after);
}

/// A change that reached the ledger without the card (a staff lookup top-up) leaves the card
/// behind; the next tap brings it up to date the same way.
TEST_F(CardLedgerWindow, CardBehindTheLedgerIsRewrittenFromTheLedgerAtTheNextTap)
{
    auto card = blankCard(0x32);
    const Uuid member = memberWithCard(card, 5000);
    const Balances onChip = chip(card);
    ASSERT_TRUE(engine().adjustPoints({member, 700, "goodwill", kSupervisor, Card::Role::Supervisor}).ok());
    const Balances ledger = balances(member);
    ASSERT_NE(ledger, onChip);
    EXPECT_EQ(chip(card), onChip) << "the first tap reads the old state (and rewrites it)";
    EXPECT_TRUE(waitForCommitted(ledger));
    EXPECT_EQ(chip(card), ledger);
}

} // namespace
