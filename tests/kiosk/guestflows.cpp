#include "kiosk/guestflows.h"

#include "kiosk/kiosktestsupport.h"

#include <QSignalSpy>
#include <QString>
#include <initializer_list>

namespace tapledger::test {

using namespace tapledger::kiosk;
using namespace Qt::StringLiterals;

std::ostream &operator<<(std::ostream &os, const Balances &b)
{
    return os << "{deposit " << b.deposit << ", bonus " << b.bonus << ", points " << b.points << "}";
}

void GuestFlows::SetUp()
{
    KioskCardFixture::SetUp();
    if (HasFatalFailure())
        return;
    status = std::make_unique<StatusService>(*engineService, false);
    device.setStatus(status.get());
    for (ControllerBase *c : std::initializer_list<ControllerBase *>{&payment, &rewards})
        c->setCards(cards.get());
    for (QAbstractItemModel *m :
         std::initializer_list<QAbstractItemModel *>{home.offers(), rewards.rewards(), history.lines(),
                                                     receipt.lines(), lookup.results(), enrol.duplicates()})
        testers.push_back(std::make_unique<QAbstractItemModelTester>(
            m, QAbstractItemModelTester::FailureReportingMode::Fatal));
}

std::vector<ControllerBase *> GuestFlows::controllers()
{
    return {&home,  &rewards, &history, &receipt, &feedback, &login, &enrol,
            &topUp, &payment, &lookup,  &replace, &adjust,   &shift, &device};
}

Balances GuestFlows::balances(const Uuid &member)
{
    const MemberView v = view(member);
    return {v.deposit, v.bonus, v.points};
}

Balances GuestFlows::chip(const std::shared_ptr<nfc::DesfireEmulator> &card)
{
    if (cards->cardPresent())
        removeCard();
    present(card);
    EXPECT_TRUE(lastTap && lastTap->kind == nfc::TapResult::Kind::Member)
        << (lastTap ? lastTap->message : "");
    if (!lastTap || !lastTap->state)
        return {};
    return {lastTap->state->deposit, lastTap->state->bonus, lastTap->state->points};
}

Uuid GuestFlows::memberWithCard(const std::shared_ptr<nfc::DesfireEmulator> &card, int64_t points)
{
    EXPECT_TRUE(loginAs(kCashier, kCashierPin));
    EXPECT_TRUE(enrol.enrol(u"Li Wei"_s, u"13800138000"_s, {}, QString::fromLatin1(kMemberPin), false))
        << enrol.errorDetail().toStdString();
    const Uuid member = *Uuid::parse(enrol.memberId().toStdString());
    EXPECT_TRUE(engine().adjustPoints({member, points, "welcome", kSupervisor, Card::Role::Supervisor}).ok());
    present(card);
    QSignalSpy issued(&enrol, &EnrolController::issued);
    enrol.issueCard();
    EXPECT_TRUE(issued.wait(kWaitMs)) << enrol.errorDetail().toStdString();
    removeCard();
    present(card);
    EXPECT_TRUE(session->hasMember()) << session->notice().toStdString();
    QSignalSpy toppedUp(&topUp, &TopUpController::toppedUp);
    topUp.topUp(u"3000"_s, u"cash"_s);
    EXPECT_TRUE(toppedUp.count() == 1 || toppedUp.wait(kWaitMs)) << topUp.errorDetail().toStdString();
    login.logout();
    EXPECT_TRUE(session->hasMember()) << "a card session outlives the staff session";
    return member;
}

void GuestFlows::expectGuestScreensEmpty()
{
    EXPECT_TRUE(home.name().isEmpty());
    EXPECT_TRUE(home.storedValue().isEmpty());
    EXPECT_TRUE(home.deposit().isEmpty());
    EXPECT_TRUE(home.tierName().isEmpty());
    EXPECT_EQ(home.points(), 0);
    EXPECT_EQ(home.openVouchers(), 0);
    EXPECT_EQ(rewards.points(), 0);
    EXPECT_TRUE(receipt.title().isEmpty());
    EXPECT_TRUE(receipt.reference().isEmpty());
    EXPECT_TRUE(receipt.explanations().isEmpty());
    EXPECT_FALSE(session->hasReceipt());
    EXPECT_TRUE(session->memberName().isEmpty());
    EXPECT_EQ(home.offers()->rowCount(), 0);
    EXPECT_EQ(rewards.rewards()->rowCount(), 0);
    EXPECT_EQ(history.lines()->rowCount(), 0);
    EXPECT_EQ(receipt.lines()->rowCount(), 0);
    for (ControllerBase *c :
         {static_cast<ControllerBase *>(&home), static_cast<ControllerBase *>(&rewards),
          static_cast<ControllerBase *>(&history), static_cast<ControllerBase *>(&receipt)})
        EXPECT_TRUE(c->errorTitle().isEmpty()) << c->errorTitle().toStdString();
}

} // namespace tapledger::test
